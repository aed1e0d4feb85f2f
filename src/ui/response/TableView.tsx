import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useRef, useState } from 'react';
import type { DocSummary, TableSummary } from './model/document';
import type { TableRow, TableSort } from './model/table';
import { useRowBlock } from './useResponseDoc';
import { askWorker } from './worker/client';

const ROW_HEIGHT = 26;

/**
 * Table state (chosen columns, sort) survives paging (same list field and columns) and resets for
 * another shape of list.
 */
function useShapeState<T>(table: TableSummary, initial: T): [T, (next: T) => void] {
  const shape = `${table.path}|${table.columns.map((c) => c.name).join(',')}`;
  const [chosen, setChosen] = useState<{ shape: string; value: T }>({ shape, value: initial });
  const value = chosen.shape === shape ? chosen.value : initial;
  return [value, (next) => setChosen({ shape, value: next })];
}

/** A header click sorts ascending, then descending, then back to the server's order. */
function nextSort(current: TableSort | null, column: string): TableSort | null {
  if (current?.column !== column) return { column, direction: 'ascending' };
  return current.direction === 'ascending' ? { column, direction: 'descending' } : null;
}

const SORT_MARK = { ascending: '▲', descending: '▼' } as const;

function ColumnPicker({
  table,
  columns,
  onChange,
}: {
  table: TableSummary;
  columns: string[];
  onChange(next: string[]): void;
}) {
  const toggle = (name: string, on: boolean) => {
    // Keep the list's own key order so the table reads the same way as the JSON.
    const wanted = new Set(columns);
    if (on) wanted.add(name);
    else wanted.delete(name);
    onChange(table.columns.map((c) => c.name).filter((n) => wanted.has(n)));
  };
  return (
    <details className="column-picker">
      <summary>
        Columns ({columns.length} of {table.columns.length})
      </summary>
      <fieldset>
        <legend className="sr-only">Columns to show</legend>
        {table.columns.map((column) => (
          <label key={column.name}>
            <input
              type="checkbox"
              checked={columns.includes(column.name)}
              onChange={(event) => toggle(column.name, event.target.checked)}
            />{' '}
            {column.name}
          </label>
        ))}
      </fieldset>
    </details>
  );
}

/** The envelope's list (users, rooms, messages...) as a table with chosen columns; rows virtualized. */
export function TableView({ summary }: { summary: DocSummary }) {
  const table = summary.table;
  if (!table) {
    return (
      <p className="muted">
        {summary.kind === 'json'
          ? 'This response has no list of objects to show as a table. Use the Tree or Raw tab.'
          : 'This response is not JSON, so there is no table. The Raw tab shows it as received.'}
      </p>
    );
  }
  return <TableGrid summary={summary} table={table} />;
}

function TableGrid({ summary, table }: { summary: DocSummary; table: TableSummary }) {
  const [columns, setColumns] = useShapeState(table, table.defaults);
  const [sort, setSort] = useShapeState<TableSort | null>(table, null);
  const scrollRef = useRef<HTMLDivElement>(null);
  // The app does not use the React Compiler; the virtualizer re-renders its host as designed.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: table.rowCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 15,
    // Let React batch scroll updates instead of rendering synchronously inside each scroll event.
    useFlushSync: false,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;
  const docId = summary.docId;
  const fetchRows = useCallback(
    async (start: number, end: number) => {
      const answer = await askWorker({
        op: 'tableRows',
        docId,
        start,
        end,
        columns,
        ...(sort ? { sort } : {}),
      });
      return answer.op === 'tableRows' ? answer.rows : null;
    },
    [docId, columns, sort],
  );
  const sortKey = sort ? `${sort.direction}:${sort.column}` : '';
  const rowAt = useRowBlock<TableRow>(
    `${docId}:${sortKey}:${columns.join('\u0000')}`,
    fetchRows,
    first,
    last,
  );
  const top = items[0]?.start ?? 0;
  const bottom = virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0);

  return (
    <div className="table-view">
      <div className="viewer-toolbar">
        <span className="muted">
          {table.rowCount} {table.rowCount === 1 ? 'row' : 'rows'} from <code>{table.path || '(root)'}</code>
        </span>
        <ColumnPicker table={table} columns={columns} onChange={setColumns} />
      </div>
      {sort ? (
        <p className="table-sort-note" role="status">
          Sorted here by <code>{sort.column}</code>, {sort.direction}: only the rows of this answer, in the
          explorer; the server sorts with the <code>sort</code> parameter.{' '}
          <button type="button" className="link-button" onClick={() => setSort(null)}>
            Server order
          </button>
        </p>
      ) : null}
      {columns.length === 0 ? <p className="muted">No column chosen: pick some under Columns.</p> : null}
      <div
        ref={scrollRef}
        className="table-scroll"
        tabIndex={0}
        aria-label={`Table of ${table.path || 'items'}`}
        role="region"
      >
        <table className="data-table" aria-rowcount={table.rowCount + 1}>
          <thead>
            <tr aria-rowindex={1}>
              <th scope="col" className="row-number">
                #
              </th>
              {columns.map((column) => {
                const direction = sort?.column === column ? sort.direction : null;
                return (
                  <th key={column} scope="col" aria-sort={direction ?? 'none'}>
                    <button
                      type="button"
                      className="sort-button"
                      onClick={() => setSort(nextSort(sort, column))}
                    >
                      {column}
                      <span className="sort-mark" aria-hidden="true">
                        {direction ? SORT_MARK[direction] : ''}
                      </span>
                    </button>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {top > 0 ? (
              <tr aria-hidden="true" style={{ height: top }}>
                <td colSpan={columns.length + 1} />
              </tr>
            ) : null}
            {items.map((item) => {
              const row = rowAt(item.index);
              return (
                // Keyed by slot, not by index: a far jump reuses the same DOM rows and only changes text.
                <tr key={item.index - first} aria-rowindex={item.index + 2} style={{ height: ROW_HEIGHT }}>
                  {/* The item's position in the answer, also when sorted here. */}
                  <td className="row-number muted">{row ? row.index : item.index}</td>
                  {columns.map((column, c) => (
                    <td key={column}>{row ? row.cells[c] : '…'}</td>
                  ))}
                </tr>
              );
            })}
            {bottom > 0 ? (
              <tr aria-hidden="true" style={{ height: bottom }}>
                <td colSpan={columns.length + 1} />
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
    </div>
  );
}
