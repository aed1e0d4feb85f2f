import { useRef, type KeyboardEvent } from 'react';
import type { ResponseRecord } from '../../core/http/types';
import type { ResponseTab } from '../../core/request/draft';
import { useExplorerStore } from '../state';
import { HeadersView } from './HeadersView';
import { RawView } from './RawView';
import { TableView } from './TableView';
import { TreeView } from './TreeView';
import type { DocState } from './useResponseDoc';

const TABS: Array<{ id: ResponseTab; label: string }> = [
  { id: 'tree', label: 'Tree' },
  { id: 'table', label: 'Table' },
  { id: 'raw', label: 'Raw' },
  { id: 'headers', label: 'Headers' },
];

/** Tree, Table, Raw and Headers tabs (ARIA tabs: arrows move between tabs, the tab is in the draft). */
export function ResponseViews({ response, doc }: { response: ResponseRecord; doc: DocState }) {
  const tab = useExplorerStore((state) => state.draft.view.tab);
  const setTab = useExplorerStore((state) => state.actions.setTab);
  const tabRefs = useRef(new Map<ResponseTab, HTMLButtonElement>());
  const summary = doc.status === 'ready' ? doc.summary : null;

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = TABS.findIndex((t) => t.id === tab);
    const moves: Record<string, number> = {
      ArrowRight: (index + 1) % TABS.length,
      ArrowLeft: (index - 1 + TABS.length) % TABS.length,
      Home: 0,
      End: TABS.length - 1,
    };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const target = TABS[next]!;
    setTab(target.id);
    tabRefs.current.get(target.id)?.focus();
  };

  return (
    <div className="response-body">
      <div role="tablist" aria-label="Response views" className="tabs" onKeyDown={onKeyDown}>
        {TABS.map(({ id, label }) => (
          <button
            key={id}
            ref={(element) => {
              if (element) tabRefs.current.set(id, element);
              else tabRefs.current.delete(id);
            }}
            type="button"
            role="tab"
            id={`tab-${id}`}
            aria-controls={`panel-${id}`}
            aria-selected={tab === id}
            tabIndex={tab === id ? 0 : -1}
            onClick={() => setTab(id)}
          >
            {label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="tabpanel">
        {tab === 'headers' ? <HeadersView response={response} /> : null}
        {tab === 'raw' ? <RawView response={response} summary={summary} /> : null}
        {tab === 'tree' || tab === 'table' ? <StructuredView tab={tab} doc={doc} /> : null}
      </div>
    </div>
  );
}

function StructuredView({ tab, doc }: { tab: 'tree' | 'table'; doc: DocState }) {
  if (doc.status === 'parsing' || doc.status === 'none') return <p className="muted">Parsing the body…</p>;
  if (doc.status === 'failed') return <p className="muted">{doc.message}</p>;
  const summary = doc.summary;
  if (summary.kind !== 'json') {
    return (
      <p className="muted">
        {summary.kind === 'empty'
          ? 'The body is empty.'
          : 'The body is not JSON, so it has no tree or table: the Raw tab shows it as text.'}
      </p>
    );
  }
  // Keyed by document so expansion, search and scroll start fresh for each response.
  return tab === 'tree' ? (
    <TreeView key={summary.docId} summary={summary} />
  ) : (
    <TableView key={summary.docId} summary={summary} />
  );
}
