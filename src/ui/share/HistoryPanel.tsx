import { useId, useMemo, useState } from 'react';
import { fillPath, trimServerUrl } from '../../core/http/prepare';
import type { HistoryEntry } from './history';
import { searchEntries } from './history';
import { useHistoryStore } from './history-store';
import { send } from '../runner';
import { useExplorerStore } from '../state';
import './share.css';

const OPEN_KEY = 'rc-explorer.history.open';
const NO_ENTRIES: HistoryEntry[] = [];

function readOpen(): boolean {
  try {
    return window.localStorage.getItem(OPEN_KEY) !== 'false';
  } catch {
    return true;
  }
}

function formatTime(at: number): string {
  const date = new Date(at);
  const sameDay = date.toDateString() === new Date().toDateString();
  return sameDay
    ? date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' })
    : date.toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

function formatDuration(ms: number | null): string {
  if (ms === null) return '';
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** One line of what was typed: parameters, and which editors held text. */
function summary(entry: HistoryEntry): string {
  const d = entry.draft;
  const parts = Object.entries(d.params).map(([k, v]) => `${k}=${v}`);
  for (const name of ['query', 'fields', 'sort'] as const) {
    if (d.jsonParams[name].trim() !== '') parts.push(`${name}=${d.jsonParams[name].replace(/\s+/g, ' ')}`);
  }
  if (d.body.trim() !== '') parts.push(`body ${d.body.replace(/\s+/g, ' ').slice(0, 60)}`);
  if (entry.bodyOmitted) parts.push('(body too large to keep)');
  return parts.join(' · ');
}

const hasPlaceholder = (entry: HistoryEntry): boolean => /\$RC_[A-Z0-9_]+/.test(JSON.stringify(entry.draft));

function statusClass(status: number | null): string {
  if (status === null) return 'history-status history-status-none';
  return `history-status history-status-${String(status)[0]}xx`;
}

function HistoryItem({ entry, onLoad, onRun }: { entry: HistoryEntry; onLoad(): void; onRun(): void }) {
  const d = entry.draft;
  const text = summary(entry);
  const secretsRemoved = hasPlaceholder(entry);
  const time = formatTime(entry.finishedAt);
  return (
    <li className="history-item">
      <div className="history-line">
        <span className={`method method-${d.method.toLowerCase()}`}>{d.method}</span>
        <span className="history-path" title={fillPath(d.path, d.pathParams)}>
          {fillPath(d.path, d.pathParams)}
        </span>
        <span className={statusClass(entry.status)} title={entry.failure ?? entry.statusText}>
          {entry.status ?? entry.statusText}
        </span>
        {entry.count > 1 ? (
          <span
            className="history-repeat"
            title={`Sent ${entry.count} times in a row with this outcome; the time and duration are the last run's.`}
          >
            <span aria-hidden="true">×{entry.count}</span>
            <span className="sr-only">, sent {entry.count} times in a row</span>
          </span>
        ) : null}
      </div>
      {text ? (
        <div className="history-summary muted" title={text}>
          {text}
        </div>
      ) : null}
      <div className="history-line history-meta">
        <span className="muted">
          <time dateTime={new Date(entry.finishedAt).toISOString()}>{time}</time>
          {entry.durationMs !== null ? ` · ${formatDuration(entry.durationMs)}` : ''}
          {entry.status === null ? ` · ${entry.statusText}` : ''}
        </span>
        <span className="history-actions">
          <button type="button" className="share-link-button" onClick={onLoad}>
            Load
          </button>
          {secretsRemoved ? (
            <span
              className="muted"
              title="Secrets are never kept in the history: load the request and type them again."
            >
              secrets removed
            </span>
          ) : (
            <button type="button" className="share-link-button" onClick={onRun}>
              Run again
            </button>
          )}
        </span>
      </div>
    </li>
  );
}

function Problems() {
  const problems = useHistoryStore((state) => state.problems);
  const setAsideCount = useHistoryStore((state) => state.setAsideCount);
  const { discardSetAside, setAsideText } = useHistoryStore((state) => state.actions);
  if (problems.length === 0 && setAsideCount === 0) return null;
  const download = () => {
    const url = URL.createObjectURL(new Blob([setAsideText()], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'explorer-history-set-aside.json';
    a.click();
    window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  return (
    <div role="alert" className="alert warn hint history-problems">
      {problems.map((p) => (
        <p key={p}>{p}</p>
      ))}
      {setAsideCount > 0 ? (
        <div className="actions">
          <span>{setAsideCount} item(s) set aside.</span>
          <button type="button" className="share-link-button" onClick={download}>
            Download them
          </button>
          <button type="button" className="share-link-button" onClick={discardSetAside}>
            Discard them
          </button>
        </div>
      ) : null}
    </div>
  );
}

/** Slot owned by the share feature: the request history of the current server. */
export function HistoryPanel() {
  const serverUrl = useExplorerStore((state) => trimServerUrl(state.draft.serverUrl));
  const loadDraft = useExplorerStore((state) => state.actions.loadDraft);
  const entries = useHistoryStore((state) => state.entries[serverUrl] ?? NO_ENTRIES);
  const loaded = useHistoryStore((state) => state.loaded);
  const clear = useHistoryStore((state) => state.actions.clear);
  const [open, setOpen] = useState(readOpen);
  const [query, setQuery] = useState('');
  const bodyId = useId();

  const shown = useMemo(() => searchEntries(entries, query), [entries, query]);
  const toggle = () => {
    setOpen((was) => {
      try {
        window.localStorage.setItem(OPEN_KEY, String(!was));
      } catch {
        // Not remembered across reloads; nothing else depends on it.
      }
      return !was;
    });
  };

  return (
    <section className="history-panel" aria-label="History">
      <div className="history-head">
        <h2 className="pane-title">
          <button
            type="button"
            className="history-toggle"
            aria-expanded={open}
            aria-controls={bodyId}
            onClick={toggle}
          >
            <span aria-hidden="true" className="history-chevron">
              {open ? '▾' : '▸'}
            </span>
            History
          </button>
        </h2>
        <span className="muted history-count">
          {!loaded ? '' : entries.length === 1 ? '1 request' : `${entries.length} requests`}
        </span>
        {open && entries.length > 0 ? (
          <button type="button" className="share-link-button history-clear" onClick={() => clear(serverUrl)}>
            Clear history
          </button>
        ) : null}
      </div>
      {open ? (
        <div id={bodyId} className="history-body">
          <Problems />
          {entries.length > 0 ? (
            <input
              type="search"
              className="history-search"
              aria-label="Search history"
              placeholder="Search history"
              autoComplete="off"
              spellCheck={false}
              value={query}
              onChange={(event) => setQuery(event.target.value)}
            />
          ) : null}
          {!loaded ? (
            <p className="hint muted history-empty" aria-busy="true">
              Reading the history…
            </p>
          ) : entries.length === 0 ? (
            <p className="hint muted history-empty">
              {serverUrl
                ? 'Requests you send to this server appear here (without secrets).'
                : 'Choose a server first.'}
            </p>
          ) : shown.length === 0 ? (
            <p className="hint muted history-empty">No request matches “{query.trim()}”.</p>
          ) : (
            <ul className="history-list" aria-label="Requests">
              {shown.map((entry) => (
                <HistoryItem
                  key={entry.id}
                  entry={entry}
                  onLoad={() => loadDraft(entry.draft)}
                  onRun={() => {
                    loadDraft(entry.draft);
                    send('history');
                  }}
                />
              ))}
            </ul>
          )}
        </div>
      ) : null}
    </section>
  );
}
