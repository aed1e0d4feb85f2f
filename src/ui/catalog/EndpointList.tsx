import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useRef } from 'react';
import { operationLabel } from '../../core/catalog/operation';
import type { Operation } from '../../core/catalog/types';
import { badgesOf } from './badges';
import { estimatedRowHeight, OP_ROW_HEIGHT, shortPath, type RowModel } from './rows';

interface Props {
  listId: string;
  /** The search text: a new one starts the list at the top. */
  query: string;
  model: RowModel;
  /** Keyboard cursor (index into model.options), -1 for none. */
  active: number;
  selectedLabel: string;
  optionId(index: number): string;
  onSelect(op: Operation): void;
  onToggleGroup(group: string): void;
}

/**
 * The virtualized list: only the rows in view (plus a few) are in the DOM, so 700 operations cost
 * the same as 30. Options live in a listbox driven from the search box (aria-activedescendant);
 * the group headers are toggle buttons in a layer beside the listbox, because a listbox may only
 * contain options and groups.
 */
export function EndpointList({
  listId,
  query,
  model,
  active,
  selectedLabel,
  optionId,
  onSelect,
  onToggleGroup,
}: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const { rows } = model;
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer returns fresh functions by design
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => {
      const row = rows[i];
      return row ? estimatedRowHeight(row) : OP_ROW_HEIGHT;
    },
    getItemKey: (i) => {
      const row = rows[i];
      if (!row) return i;
      return row.kind === 'group' ? `g:${row.group}` : `o:${row.op.id}`;
    },
    overscan: 6,
    // Sizes come from the ResizeObserver only (it reports after layout, before paint). Measuring
    // when a row mounts would force a synchronous layout inside every keystroke's render.
    measureElement: (element, entry, instance) => {
      const box = entry?.borderBoxSize?.[0];
      if (box) return Math.round(box.blockSize);
      const index = instance.indexFromElement(element);
      return instance.measurementsCache[index]?.size ?? OP_ROW_HEIGHT;
    },
  });

  // Keep the keyboard cursor in view.
  const activeRow = active >= 0 ? model.rowOfOption[active] : undefined;
  useEffect(() => {
    if (activeRow !== undefined) virtualizer.scrollToIndex(activeRow, { align: 'auto' });
  }, [activeRow, virtualizer]);

  useEffect(() => {
    virtualizer.scrollToOffset(0);
  }, [query, virtualizer]);

  // Bring the chosen operation into view when it changes (a link, history, Back/Forward), but not
  // while typing (the keyboard cursor leads then), and not for the default operation of a fresh
  // page: a page opened without a link starts at the top of the list.
  const rowsRef = useRef(rows);
  rowsRef.current = rows;
  const firstRun = useRef(true);
  useEffect(() => {
    const initial = firstRun.current;
    firstRun.current = false;
    if (initial && window.location.hash === '') return;
    const index = rowsRef.current.findIndex(
      (row) => row.kind === 'op' && operationLabel(row.op) === selectedLabel,
    );
    if (index >= 0) virtualizer.scrollToIndex(index, { align: initial ? 'center' : 'auto' });
    followSelection.current = index >= 0 && !(initial && window.location.hash === '');
  }, [selectedLabel, virtualizer]);

  // Rows can change under the chosen operation without a search: the server's description or an
  // import arrives after a link was opened, inserting rows above it or changing their heights. Until
  // the person scrolls the list themselves, keep following the chosen operation.
  const followSelection = useRef(false);
  const queryOfLastRows = useRef(query);
  useEffect(() => {
    const sameSearch = queryOfLastRows.current === query;
    queryOfLastRows.current = query;
    if (!sameSearch || !followSelection.current) return;
    const index = rows.findIndex((row) => row.kind === 'op' && operationLabel(row.op) === selectedLabel);
    if (index < 0) return;
    // Twice: the second pass lands on measured heights of the rows that the first one rendered.
    virtualizer.scrollToIndex(index, { align: 'center' });
    const frame = requestAnimationFrame(() => virtualizer.scrollToIndex(index, { align: 'center' }));
    return () => cancelAnimationFrame(frame);
    // Only a change of rows matters here; the selection's own changes are handled above.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [rows]);
  const stopFollowing = () => {
    followSelection.current = false;
  };

  const items = virtualizer.getVirtualItems();
  // Consecutive option rows of one domain are wrapped in a role=group named after the domain.
  const runs: { group: string; items: typeof items }[] = [];
  const headers: typeof items = [];
  for (const item of items) {
    const row = rows[item.index];
    if (!row) continue;
    if (row.kind === 'group') {
      headers.push(item);
      continue;
    }
    const last = runs[runs.length - 1];
    if (last && last.group === row.op.group) last.items.push(item);
    else runs.push({ group: row.op.group, items: [item] });
  }

  return (
    <div
      ref={scrollRef}
      className="endpoint-scroll"
      onWheel={stopFollowing}
      onPointerDown={stopFollowing}
      onTouchStart={stopFollowing}
    >
      <div className="endpoint-canvas" style={{ height: virtualizer.getTotalSize() }}>
        <div className="endpoint-headers">
          {headers.map((item) => {
            const row = rows[item.index];
            if (!row || row.kind !== 'group') return null;
            return (
              <div
                key={item.key}
                className="endpoint-row group-row"
                data-index={item.index}
                ref={virtualizer.measureElement}
                style={{ transform: `translateY(${item.start}px)` }}
              >
                <button
                  type="button"
                  className="group-toggle"
                  aria-expanded={!row.collapsed}
                  aria-controls={listId}
                  onClick={() => onToggleGroup(row.group)}
                >
                  <span aria-hidden="true" className="chevron">
                    {row.collapsed ? '▸' : '▾'}
                  </span>
                  <span className="group-name">{row.group}</span>
                  <span className="group-count">{row.count}</span>
                </button>
              </div>
            );
          })}
        </div>
        <div role="listbox" id={listId} aria-label="Endpoint results" className="endpoint-listbox">
          {runs.map((run) => (
            <div role="group" aria-label={run.group} key={`${run.group}:${run.items[0]?.index ?? 0}`}>
              {run.items.map((item) => {
                const row = rows[item.index];
                if (!row || row.kind !== 'op') return null;
                return (
                  <OptionRow
                    key={item.key}
                    op={row.op}
                    index={item.index}
                    id={optionId(row.optionIndex)}
                    start={item.start}
                    active={row.optionIndex === active}
                    selected={operationLabel(row.op) === selectedLabel}
                    measure={virtualizer.measureElement}
                    onSelect={onSelect}
                  />
                );
              })}
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}

interface OptionRowProps {
  op: Operation;
  /** Row index, for the virtualizer's measurements. */
  index: number;
  id: string;
  start: number;
  active: boolean;
  selected: boolean;
  measure(element: Element | null): void;
  onSelect(op: Operation): void;
}

/**
 * One operation. Memoised: while typing refines a query the rows in view are mostly the same
 * operations at the same places, and then React skips them entirely.
 */
const OptionRow = memo(function OptionRow({
  op,
  index,
  id,
  start,
  active,
  selected,
  measure,
  onSelect,
}: OptionRowProps) {
  const label = operationLabel(op);
  return (
    <div
      id={id}
      role="option"
      aria-selected={selected}
      aria-label={label}
      aria-describedby={`${id}-d`}
      className={`endpoint-row op-row${active ? ' active' : ''}${op.availability === 'not-on-server' ? ' absent' : ''}`}
      data-index={index}
      ref={measure}
      style={{ transform: `translateY(${start}px)` }}
      onMouseDown={(event) => event.preventDefault() /* keep focus in the search box */}
      onClick={() => onSelect(op)}
      title={op.summary ? `${label}\n${op.summary}` : label}
    >
      {/* The option's name is "METHOD /full/path"; axe (label-content-name-mismatch) wants the visible
          text to be part of it. So the only text node is the short path, which is; the method, the
          badges and the summary are drawn from data-text by CSS (not text, not read twice), and
          said in words through aria-describedby. */}
      <span
        className={`method method-${op.method.toLowerCase()}`}
        data-text={op.method === 'DELETE' ? 'DEL' : op.method}
        aria-hidden="true"
      />
      <span className="op-line" aria-hidden="true">
        <span className={`op-path${op.deprecated ? ' deprecated' : ''}`}>{shortPath(op.path)}</span>
        <span className="op-badges badges">
          {badgesOf(op).map((badge) => (
            <span
              key={badge.text}
              className={`badge badge-${badge.tone}`}
              title={badge.words}
              data-text={badge.text}
            />
          ))}
        </span>
      </span>
      {op.summary ? <span className="op-summary" data-text={op.summary} aria-hidden="true" /> : null}
      <span id={`${id}-d`} className="sr-only">
        {op.summary ? `${op.summary}, ` : ''}
        {badgesOf(op)
          .map((b) => b.words)
          .join(', ')}
      </span>
    </div>
  );
});
