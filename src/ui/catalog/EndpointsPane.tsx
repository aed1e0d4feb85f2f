import {
  useCallback,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import { searchOperations } from '../../core/catalog/search';
import type { Operation } from '../../core/catalog/types';
import { useExplorerStore } from '../state';
import { CatalogStatusLine } from './CatalogStatusLine';
import { useCatalogStore } from './catalog-store';
import { EndpointList } from './EndpointList';
import { bootCountText, bootNode, bootSearchFocus, bootSearchText } from './boot-shell';
import { buildRows, moveActive } from './rows';
import { useCatalogSync } from './useCatalogSync';
import { lazyComponent } from '../lib/lazy-component';

// Importing a document is not a first-screen task: its code loads after the list (issue 14).
const ImportOpenApi = lazyComponent(() => import('./ImportOpenApi').then((m) => m.ImportOpenApi));
import './catalog.css';

/** The draft can send these; an operation with another method (PATCH from a server) is shown but not selectable. */
function isSendableMethod(method: string): method is 'GET' | 'POST' | 'PUT' | 'DELETE' {
  return method === 'GET' || method === 'POST' || method === 'PUT' || method === 'DELETE';
}

export function EndpointsPane() {
  const status = useCatalogSync();
  const view = useCatalogStore((state) => state.view);
  const selectedLabel = useExplorerStore((state) => state.draft.operationLabel);
  const selectOperation = useExplorerStore((state) => state.actions.selectOperation);
  // What was typed into the boot shell's search box before the scripts ran is kept (boot-shell.ts).
  const [query, setQuery] = useState(bootSearchText);
  const [bootFocus] = useState(bootSearchFocus);
  const [bootCount] = useState(bootCountText);
  const searchRef = useRef<HTMLInputElement>(null);
  // Before App removes the boot shell (a parent's layout effect runs after this one): the focus
  // moves from box to box without passing through the page.
  useLayoutEffect(() => {
    const input = searchRef.current;
    if (!bootFocus || !input) return;
    input.focus();
    input.setSelectionRange(bootFocus.start, bootFocus.end);
  }, [bootFocus]);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const [active, setActive] = useState(-1);
  const [notice, setNotice] = useState('');
  // Off by default: every operation stays findable; browsing lists what the server serves first
  // (see buildRows) and the count says how many of the shown ones it serves.
  const [onServerOnly, setOnServerOnly] = useState(false);
  const listId = useId();
  const optionPrefix = useId();
  const optionId = useCallback((i: number) => `${optionPrefix}-o${i}`, [optionPrefix]);

  const searching = query.trim() !== '';
  const someAbsent = (status.counts?.['not-on-server'] ?? 0) > 0;
  const hideAbsent = onServerOnly && someAbsent;
  const { model, hiddenCount, servedCount } = useMemo(() => {
    const all = view ? searchOperations(view.index, query).map((hit) => hit.op) : [];
    const served = all.filter((op) => op.availability !== 'not-on-server');
    const ranked = hideAbsent ? served : all;
    return {
      model: buildRows(ranked, searching, collapsed),
      hiddenCount: all.length - ranked.length,
      servedCount: served.length,
    };
  }, [view, query, searching, collapsed, hideAbsent]);
  const showAll = () => {
    setActive(-1);
    setOnServerOnly(false);
  };

  const select = useCallback(
    (op: Operation) => {
      if (!isSendableMethod(op.method)) {
        setNotice(`${op.method} operations cannot be sent from the explorer yet.`);
        return;
      }
      setNotice('');
      // The address bar follows through the share feature's permalink router (src/ui/share/router.ts),
      // which also opens `#op=<id>` operation links (see ./deep-link.ts).
      selectOperation(op.method, op.path);
    },
    [selectOperation],
  );

  const activeIndex = active < model.options.length ? active : -1;
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const total = model.options.length;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setActive(moveActive(activeIndex, event.key === 'ArrowDown' ? 1 : -1, total));
    } else if (event.key === 'Home' && event.ctrlKey) {
      setActive(total > 0 ? 0 : -1);
    } else if (event.key === 'PageDown' || event.key === 'PageUp') {
      event.preventDefault();
      const step = event.key === 'PageDown' ? 10 : -10;
      setActive(total === 0 ? -1 : Math.min(total - 1, Math.max(0, activeIndex + step)));
    } else if (event.key === 'Enter') {
      const op = model.options[activeIndex >= 0 ? activeIndex : 0];
      if (op && !event.ctrlKey && !event.metaKey) {
        event.preventDefault();
        select(op);
      }
    } else if (event.key === 'Escape' && query !== '') {
      event.preventDefault();
      setQuery('');
      setActive(-1);
    }
  };

  const toggleGroup = useCallback((group: string) => {
    setActive(-1);
    setCollapsed((current) => {
      const next = new Set(current);
      if (next.has(group)) next.delete(group);
      else next.add(group);
      return next;
    });
  }, []);
  const anyCollapsed = collapsed.size > 0;
  const toggleAll = () => {
    setActive(-1);
    setCollapsed(anyCollapsed || !view ? new Set() : new Set(view.operations.map((op) => op.group)));
  };

  const ready = view !== null;
  return (
    <section className="pane endpoints" aria-label="Endpoints">
      <div className="endpoints-head">
        <h2 className="pane-title">Endpoints</h2>
        <ImportOpenApi />
      </div>
      <input
        ref={searchRef}
        type="search"
        className="endpoint-search"
        aria-label="Search endpoints"
        data-endpoint-search
        placeholder="Search endpoints  (Ctrl+K)"
        autoComplete="off"
        spellCheck={false}
        value={query}
        aria-controls={listId}
        aria-activedescendant={activeIndex >= 0 ? optionId(activeIndex) : undefined}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(-1);
        }}
        onKeyDown={onKeyDown}
      />
      <div className="endpoints-bar">
        <p className="endpoint-count">
          <span role="status">
            {ready
              ? `${model.matchCount} endpoints`
              : status.bundled === 'error'
                ? 'Catalog unavailable'
                : (bootCount ?? 'Loading catalog…')}
          </span>
          {/* Both numbers: what is shown and what of it (or of all) this server serves. */}
          {ready && someAbsent ? (
            <span className="endpoint-count-total">
              {hideAbsent ? ` of ${model.matchCount + hiddenCount}` : ` · ${servedCount} on this server`}
            </span>
          ) : null}
        </p>
        {someAbsent ? (
          <label className="on-server-filter">
            <input
              type="checkbox"
              checked={onServerOnly}
              onChange={(event) => {
                setActive(-1);
                setOnServerOnly(event.target.checked);
              }}
            />
            Only on this server
          </label>
        ) : null}
        {ready ? (
          <button type="button" className="link-button" onClick={toggleAll}>
            {anyCollapsed ? 'Expand all' : 'Collapse all'}
          </button>
        ) : null}
      </div>
      {status.bundled === 'loading' ? <BootAdopted name="status" /> : <CatalogStatusLine status={status} />}
      {notice ? (
        <p role="alert" className="alert warn hint">
          {notice}
        </p>
      ) : null}
      {status.bundledError ? (
        <p role="alert" className="alert">
          {status.bundledError}
        </p>
      ) : null}
      {ready ? (
        model.matchCount === 0 ? (
          hiddenCount > 0 ? (
            <p className="empty">
              No endpoint on this server matches “{query.trim()}”; {hiddenCount} in the catalog do.{' '}
              <button type="button" className="link-button" onClick={showAll}>
                Show all endpoints
              </button>
            </p>
          ) : (
            <p className="empty">
              No endpoint matches “{query.trim()}”. Try fewer letters or a path fragment like users.list.
            </p>
          )
        ) : (
          <EndpointList
            listId={listId}
            query={query}
            model={model}
            active={activeIndex}
            selectedLabel={selectedLabel}
            optionId={optionId}
            onSelect={select}
            onToggleGroup={toggleGroup}
          />
        )
      ) : status.bundled !== 'error' ? (
        // Also while the loaded catalog is being published (one render later): no frame without rows.
        <BootAdopted
          name="rows"
          fallback={
            <p className="empty" aria-busy="true">
              Loading the catalog…
            </p>
          }
        />
      ) : null}
    </section>
  );
}

/**
 * Until the catalog's data is loaded, a node of the boot shell (its rows or status line) moved into
 * this tree, so what was on screen before the scripts ran stays put (boot-shell.ts); `fallback`
 * when the page had none. Unmounting takes the node away with the slot.
 */
function BootAdopted({ name, fallback = null }: { name: 'rows' | 'status'; fallback?: ReactNode }) {
  const slotRef = useRef<HTMLDivElement>(null);
  const [present] = useState(() => bootNode(name) !== null);
  useLayoutEffect(() => {
    const node = bootNode(name);
    if (node && slotRef.current && node.parentNode !== slotRef.current) slotRef.current.appendChild(node);
  }, [name]);
  return present ? <div ref={slotRef} className="boot-adopted" /> : fallback;
}
