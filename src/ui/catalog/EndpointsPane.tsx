import { useMemo, useState } from 'react';
import type { HttpMethod } from '../../core/permalink/draft';
import { useExplorerStore } from '../state/store';

// Interim list until the generated catalog is wired in.
const STARTER: Array<{ method: HttpMethod; path: string; summary: string }> = [
  { method: 'GET', path: '/api/info', summary: 'Server version' },
  { method: 'POST', path: '/api/v1/login', summary: 'Sign in' },
  { method: 'GET', path: '/api/v1/me', summary: 'The signed-in user' },
  { method: 'GET', path: '/api/v1/users.list', summary: 'List users' },
  { method: 'GET', path: '/api/v1/channels.list', summary: 'List public channels' },
];

export function EndpointsPane() {
  const [search, setSearch] = useState('');
  const selected = useExplorerStore((state) => state.draft.operationId);
  const selectOperation = useExplorerStore((state) => state.actions.selectOperation);
  const shown = useMemo(() => {
    const needle = search.trim().toLowerCase();
    return STARTER.filter((op) => `${op.method} ${op.path} ${op.summary}`.toLowerCase().includes(needle));
  }, [search]);
  return (
    <section className="pane endpoints" aria-label="Endpoints">
      <h2 className="pane-title">Endpoints</h2>
      <input
        type="search"
        aria-label="Search endpoints"
        data-endpoint-search
        placeholder="Search endpoints (Ctrl+K)"
        value={search}
        onChange={(event) => setSearch(event.target.value)}
      />
      <p className="muted" role="status">
        {shown.length} endpoints
      </p>
      <ul className="operation-list">
        {shown.map((op) => {
          const id = `${op.method} ${op.path}`;
          return (
            <li key={id}>
              <button
                type="button"
                className="operation"
                aria-current={id === selected ? 'true' : undefined}
                aria-label={id}
                onClick={() => selectOperation(op.method, op.path)}
              >
                <span className={`method method-${op.method.toLowerCase()}`}>{op.method}</span>
                <span className="operation-path">{op.path}</span>
                <span className="operation-summary">{op.summary}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
