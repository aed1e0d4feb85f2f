import { useExplorerStore } from '../state';
import { useCatalogStore, useSelectedOperation } from './catalog-store';
import { OperationBadges } from './OperationBadges';
import type { Operation } from '../../core/catalog/types';
import './catalog.css';

const SOURCE_WORDS: Record<string, string> = { bundled: 'rest-typings (bundled)', server: 'this server' };

function sourcesText(op: Operation): string {
  return op.sources.map((s) => SOURCE_WORDS[s] ?? s.replace(/^import:/, '')).join(', ');
}

function AuthLine({ op }: { op: Operation }) {
  return op.auth ? (
    <p className="hint">
      <strong>Needs auth:</strong> sent with X-User-Id and X-Auth-Token of the signed-in user.
    </p>
  ) : (
    <p className="hint">
      <strong>No auth needed.</strong>
    </p>
  );
}

/** Request examples from OpenAPI sources: shown as text, and one click puts one into the Body. */
function Examples({ op }: { op: Operation }) {
  const setBody = useExplorerStore((state) => state.actions.setBody);
  const entries = Object.entries(op.examples ?? {});
  if (entries.length === 0 || op.paramsIn !== 'body') return null;
  return (
    <details className="operation-examples">
      <summary>{entries.length === 1 ? 'Example body' : `${entries.length} example bodies`}</summary>
      {entries.map(([name, value]) => {
        const text = JSON.stringify(value, null, 2);
        return (
          <div key={name} className="operation-example">
            <div className="actions">
              <span className="muted">{name}</span>
              <button type="button" onClick={() => setBody(text)}>
                Use example {name}
              </button>
            </div>
            <pre>{text}</pre>
          </div>
        );
      })}
    </details>
  );
}

/**
 * Slot owned by the catalog feature: what the chosen operation is. Summaries and descriptions come
 * from typings, the server or imported files: untrusted text, rendered as text (never HTML, no links).
 */
export function OperationDetails() {
  const method = useExplorerStore((state) => state.draft.method);
  const path = useExplorerStore((state) => state.draft.path);
  const operationLabel = useExplorerStore((state) => state.draft.operationLabel);
  const op = useSelectedOperation(operationLabel);
  const catalogReady = useCatalogStore((state) => state.view !== null);
  const description = op?.description?.trim();
  return (
    <div className="operation-details">
      <p className="operation-title">
        <span className={`method method-${method.toLowerCase()}`}>{method}</span>
        <code>{path}</code>
      </p>
      {op ? (
        <>
          {op.summary ? <p className="operation-summary-line">{op.summary}</p> : null}
          <p className="operation-markers">
            <OperationBadges op={op} full />
            <span className="muted hint">
              {' '}
              {op.group} · from {sourcesText(op)}
              {op.schemaSource === 'types'
                ? ' · parameters from TypeScript types (the server may not check them)'
                : null}
            </span>
          </p>
          <AuthLine op={op} />
          {op.availability === 'not-on-server' ? (
            <p className="hint warning">
              The connected server does not list this endpoint in its /api/docs/json: it may be missing (older
              version, disabled app or Enterprise-only) and answer 404.
            </p>
          ) : null}
          {op.resultKeys.length > 0 ? (
            <p className="hint muted">
              Returns: <code>{op.resultKeys.join(', ')}</code>
            </p>
          ) : null}
          {description ? (
            description.length > 280 ? (
              <details className="operation-description">
                <summary>{description.slice(0, 200).trimEnd()}…</summary>
                <p>{description}</p>
              </details>
            ) : (
              <p className="operation-description">{description}</p>
            )
          ) : null}
          <Examples op={op} />
        </>
      ) : catalogReady ? (
        <p className="hint muted">
          Not in the catalog, so there is no parameter form: import an OpenAPI file that describes it.
        </p>
      ) : null}
    </div>
  );
}
