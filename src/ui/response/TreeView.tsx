import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { DocSummary } from './model/document';
import type { SearchResult, TreeRow } from './model/json-tree';
import { Highlight } from './Highlight';
import { useClipboard } from './useClipboard';
import { useRowBlock } from './useResponseDoc';
import { askWorker } from './worker/client';

const ROW_HEIGHT = 22;

function keyLabel(row: TreeRow): string {
  if (row.key === null) return '(root)';
  return typeof row.key === 'number' ? `[${row.key}]` : row.key;
}

/**
 * A virtualized JSON tree. The worker holds the parsed body and the expansion state; this draws
 * only the rows on screen. Keyboard: arrows move, Right/Left open/close (or go to child/parent),
 * Enter or Space toggles, Home/End jump; focus stays on the tree (aria-activedescendant).
 */
export function TreeView({ summary }: { summary: DocSummary }) {
  const docId = summary.docId;
  const [visibleCount, setVisibleCount] = useState(summary.visibleCount);
  const [version, setVersion] = useState(0);
  const [active, setActive] = useState(0);
  const [query, setQuery] = useState('');
  const [search, setSearch] = useState<SearchResult | null>(null);
  const [searching, setSearching] = useState(false);
  const scrollRef = useRef<HTMLDivElement>(null);
  const clipboard = useClipboard();

  // The app does not use the React Compiler; the virtualizer re-renders its host as designed.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: visibleCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 15,
    // Let React batch scroll updates instead of rendering synchronously inside each scroll event.
    useFlushSync: false,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;

  const fetchRows = useCallback(
    async (start: number, end: number) => {
      const answer = await askWorker({ op: 'rows', docId, start, end });
      return answer.op === 'rows' ? answer.rows : null;
    },
    [docId],
  );
  const rowAt = useRowBlock<TreeRow>(`${docId}:${version}`, fetchRows, first, Math.max(last, active));

  // Search runs in the worker; wait for a pause in typing so each keystroke does not walk 40 MB.
  useEffect(() => {
    let live = true;
    const timer = setTimeout(
      () => {
        setSearching(true);
        void askWorker({ op: 'search', docId, query }).then((answer) => {
          if (!live || answer.op !== 'search') return;
          setSearching(false);
          setVisibleCount(answer.visibleCount);
          setSearch(answer.search.query === '' ? null : answer.search);
          setActive(0);
          setVersion((v) => v + 1);
        });
      },
      query === '' ? 0 : 250,
    );
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [docId, query]);

  const toggle = useCallback(
    (row: TreeRow, open?: boolean) => {
      if (!row.expandable) return;
      void askWorker({ op: 'toggle', docId, pointer: row.id, ...(open === undefined ? {} : { open }) }).then(
        (answer) => {
          if (answer.op !== 'toggle') return;
          setVisibleCount(answer.visibleCount);
          setVersion((v) => v + 1);
        },
      );
    },
    [docId],
  );

  const collapseAll = () => {
    void askWorker({ op: 'collapseAll', docId }).then((answer) => {
      if (answer.op !== 'collapseAll') return;
      setVisibleCount(answer.visibleCount);
      setActive(0);
      setVersion((v) => v + 1);
    });
  };

  const moveTo = (index: number) => {
    const next = Math.max(0, Math.min(visibleCount - 1, index));
    setActive(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const row = rowAt(active);
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / ROW_HEIGHT) - 1);
    switch (event.key) {
      case 'ArrowDown':
        moveTo(active + 1);
        break;
      case 'ArrowUp':
        moveTo(active - 1);
        break;
      case 'PageDown':
        moveTo(active + page);
        break;
      case 'PageUp':
        moveTo(active - page);
        break;
      case 'Home':
        moveTo(0);
        break;
      case 'End':
        moveTo(visibleCount - 1);
        break;
      case 'ArrowRight':
        if (row?.expandable && !row.expanded) toggle(row, true);
        else if (row?.expanded) moveTo(active + 1);
        break;
      case 'ArrowLeft':
        if (row?.expanded) toggle(row, false);
        else if (row && row.depth > 0) {
          for (let i = active - 1; i >= 0; i--) {
            const candidate = rowAt(i);
            if (candidate && candidate.depth < row.depth) {
              moveTo(i);
              break;
            }
            if (!candidate) break;
          }
        }
        break;
      case 'Enter':
      case ' ':
        if (row) toggle(row);
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  const activeRow = rowAt(active);
  const copyValue = async () => {
    if (!activeRow) return;
    const answer = await askWorker({ op: 'copy', docId, pointer: activeRow.id });
    if (answer.op !== 'copy') return;
    if (answer.tooLarge !== undefined) {
      clipboard.refuse(
        `The value of ${activeRow.path || '(root)'} is ${answer.tooLarge.toLocaleString('en')} characters: too large to copy here. ` +
          'Copy a smaller part, or use Fetch all pages and an export for the whole list.',
      );
      return;
    }
    await clipboard.copy(answer.text, `value of ${activeRow.path || '(root)'}`);
  };

  return (
    <div className="tree-view">
      <div className="viewer-toolbar">
        <input
          type="search"
          aria-label="Search response"
          placeholder="Search keys and values"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
        <span role="status" className="muted">
          {searching && query !== ''
            ? 'Searching…'
            : search
              ? `${search.matches}${search.capped ? '+' : ''} matches`
              : ''}
        </span>
        <button type="button" onClick={collapseAll}>
          Collapse all
        </button>
      </div>
      <div className="viewer-toolbar">
        <span className="muted">Selected:</span>
        <code className="selected-path" aria-label="Selected path">
          {activeRow ? activeRow.path || '(root)' : ''}
        </code>
        <button
          type="button"
          disabled={!activeRow}
          onClick={() => activeRow && void clipboard.copy(activeRow.path, `path ${activeRow.path}`)}
        >
          Copy path
        </button>
        <button type="button" disabled={!activeRow} onClick={() => void copyValue()}>
          Copy value
        </button>
        {clipboard.message}
      </div>
      {search && search.matches === 0 ? (
        <p className="muted">No key or value contains “{search.query}”.</p>
      ) : null}
      <div
        ref={scrollRef}
        className="tree-scroll"
        role="tree"
        aria-label="Response tree"
        tabIndex={0}
        aria-activedescendant={activeRow ? `tree-${docId}-${active}` : undefined}
        onKeyDown={onKeyDown}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const row = rowAt(item.index);
            const isActive = item.index === active;
            return (
              <div
                // Keyed by slot so a far jump reuses DOM rows instead of replacing them all.
                key={item.index - first}
                id={`tree-${docId}-${item.index}`}
                role="treeitem"
                aria-level={row ? row.depth + 1 : 1}
                aria-expanded={row?.expandable ? row.expanded : undefined}
                aria-selected={isActive}
                className={`tree-row${isActive ? ' active' : ''}${row?.match ? ' match' : ''}`}
                style={{ transform: `translateY(${item.start}px)`, paddingLeft: 4 + (row?.depth ?? 0) * 16 }}
                onClick={() => setActive(item.index)}
              >
                {row ? (
                  <>
                    <span
                      className="tree-toggle"
                      aria-hidden="true"
                      onClick={(event) => {
                        event.stopPropagation();
                        setActive(item.index);
                        toggle(row);
                      }}
                    >
                      {row.expandable ? (row.expanded ? '▾' : '▸') : ''}
                    </span>
                    <span className="tree-key">
                      <Highlight text={keyLabel(row)} query={search?.query ?? ''} />
                    </span>
                    <span className="tree-sep">: </span>
                    <span className={`tree-value kind-${row.kind}`}>
                      {row.expandable && row.expanded ? (
                        row.kind === 'array' ? (
                          `[${row.childCount}]`
                        ) : (
                          `{${row.childCount}}`
                        )
                      ) : (
                        <Highlight text={row.preview} query={search?.query ?? ''} />
                      )}
                    </span>
                  </>
                ) : (
                  <span className="muted">…</span>
                )}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
