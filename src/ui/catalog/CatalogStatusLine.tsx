import { memo } from 'react';
import type { CatalogStatus } from './useCatalogSync';

/** One line on where the catalog comes from and what the connected server says; problems in words. */
export const CatalogStatusLine = memo(function CatalogStatusLine({ status }: { status: CatalogStatus }) {
  if (status.bundled !== 'ready' || !status.counts) return null;
  const { counts } = status;
  const live = status.liveResult;
  const parts = [`${status.bundledCount} bundled`];
  const imported = status.total - status.bundledCount - counts['only-on-server'];
  if (imported > 0) parts.push(`${imported} imported`);
  if (live?.docs === 'ok') {
    parts.push(`${counts['on-server']} on this server`);
    if (counts['not-on-server'] > 0) parts.push(`${counts['not-on-server']} not on this server`);
    if (counts['only-on-server'] > 0) parts.push(`${counts['only-on-server']} only on this server`);
  }
  return (
    <div className="catalog-status">
      <p
        className="hint muted"
        title={status.generatedFrom ? `Bundled from ${status.generatedFrom}` : undefined}
      >
        {status.live === 'loading' ? 'Reading the server… · ' : null}
        {live?.version ? (
          <>
            Server <strong className="server-version">{live.version}</strong> ·{' '}
          </>
        ) : null}
        Catalog: {parts.join(' · ')}
      </p>
      {live?.docs === 'absent' ? (
        <p className="hint muted">
          No /api/docs/json on this server (Rocket.Chat 7.5+ has it): which endpoints it has is unknown.
        </p>
      ) : null}
      {live?.infoError ? (
        <p role="alert" className="alert hint">
          {live.infoError} The bundled catalog is shown as is.
        </p>
      ) : null}
      {live?.docsError ? (
        <p role="alert" className="alert warn hint">
          {live.docsError} The bundled catalog is shown without server availability.
        </p>
      ) : null}
    </div>
  );
});
