/**
 * Turns ranked search hits into the rows of the Endpoints list: a header per domain group followed
 * by its operations. Browsing (no query) shows groups alphabetically with operations by path;
 * searching orders groups by their best hit, and operations by rank, so the first option is
 * always the best match (ArrowDown then Enter picks it).
 */
import type { Operation } from '../../core/catalog/types';

export type Row =
  | { kind: 'group'; group: string; count: number; collapsed: boolean }
  | {
      kind: 'op';
      op: Operation;
      /** Position among the option rows, for keyboard navigation. */ optionIndex: number;
    };

export interface RowModel {
  rows: Row[];
  /** The operations shown as options, in display order (rows without the headers). */
  options: Operation[];
  /** Index into `rows` of each option. */
  rowOfOption: number[];
  /** Matching operations, collapsed groups included. */
  matchCount: number;
}

const METHOD_ORDER: Record<string, number> = { GET: 0, POST: 1, PUT: 2, PATCH: 3, DELETE: 4 };

/** 1 for an operation the connected server said it lacks: browsing shows what can be called first. */
const absent = (op: Operation): number => (op.availability === 'not-on-server' ? 1 : 0);

function byPathThenMethod(a: Operation, b: Operation): number {
  if (absent(a) !== absent(b)) return absent(a) - absent(b);
  if (a.path !== b.path) return a.path < b.path ? -1 : 1;
  return (METHOD_ORDER[a.method] ?? 9) - (METHOD_ORDER[b.method] ?? 9);
}

export function buildRows(
  ranked: readonly Operation[],
  searching: boolean,
  collapsed: ReadonlySet<string>,
): RowModel {
  const groups = new Map<string, Operation[]>();
  for (const op of ranked) {
    const list = groups.get(op.group);
    if (list) list.push(op);
    else groups.set(op.group, [op]);
  }
  // Map keeps first-seen order, which for ranked hits is best-hit order.
  const names = [...groups.keys()];
  // Browsing: groups with something this server serves first (a bundled catalog is mostly
  // operations a given server lacks), then alphabetically.
  const allAbsent = (group: string): number =>
    (groups.get(group) ?? []).every((op) => absent(op) === 1) ? 1 : 0;
  if (!searching) names.sort((a, b) => allAbsent(a) - allAbsent(b) || a.localeCompare(b));
  const rows: Row[] = [];
  const options: Operation[] = [];
  const rowOfOption: number[] = [];
  for (const group of names) {
    const ops = groups.get(group) ?? [];
    const isCollapsed = collapsed.has(group);
    rows.push({ kind: 'group', group, count: ops.length, collapsed: isCollapsed });
    if (isCollapsed) continue;
    const ordered = searching ? ops : [...ops].sort(byPathThenMethod);
    for (const op of ordered) {
      rowOfOption.push(rows.length);
      rows.push({ kind: 'op', op, optionIndex: options.length });
      options.push(op);
    }
  }
  return { rows, options, rowOfOption, matchCount: ranked.length };
}

/** Next active option for an arrow key: wraps around, -1 when there is nothing to select. */
export function moveActive(current: number, delta: number, total: number): number {
  if (total === 0) return -1;
  if (current < 0) return delta > 0 ? 0 : total - 1;
  return (((current + delta) % total) + total) % total;
}

/**
 * Heights the list's CSS gives its rows (px, catalog.css `.group-row` and `.op-row`): the
 * virtualizer's estimates, and the boot shell's layout, which therefore matches React's exactly.
 */
export const GROUP_ROW_HEIGHT = 25;
export const OP_ROW_HEIGHT = 24;
const SUMMARY_LINE_HEIGHT = 17;

export function estimatedRowHeight(row: Row): number {
  if (row.kind === 'group') return GROUP_ROW_HEIGHT;
  return OP_ROW_HEIGHT + (row.op.summary ? SUMMARY_LINE_HEIGHT : 0);
}

/** Visible path text: the `/api/v1/` prefix is implied by the list (the accessible name keeps it). */
export function shortPath(path: string): string {
  return path.startsWith('/api/v1/') ? path.slice('/api/v1/'.length) : path;
}
