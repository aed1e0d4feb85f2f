/**
 * The Table view's model: which array to show, which columns exist, which to show first, and the
 * text of each cell. Pure, so it runs in the parsing worker (the items never reach the page whole).
 */
import { findListField } from '../../../core/pagination/envelope';
import { formatPath, previewOf, type Segment } from './json-tree';

export interface TableSource {
  /** Where the rows live, e.g. ['users'], or [] for a root array. */
  segments: Segment[];
  /** `users`, or '' for a root array. */
  path: string;
  items: unknown[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The array of objects to show as a table: the list field of a Rocket.Chat envelope
 * (`users`, `channels`, `messages`, ...), or the root itself when it is an array of objects.
 * Null when there is no such array (the Table tab then says why).
 */
export function tableSource(root: unknown, hint?: string): TableSource | null {
  const hasObjects = (list: unknown[]) => list.length === 0 || list.some(isRecord);
  if (Array.isArray(root)) return hasObjects(root) ? { segments: [], path: '', items: root } : null;
  const field = findListField(root, hint);
  if (field === null) return null;
  const items = (root as Record<string, unknown>)[field] as unknown[];
  if (!hasObjects(items)) return null;
  return { segments: [field], path: formatPath([field]), items };
}

export interface ColumnInfo {
  name: string;
  /** Items (of those sampled) that have this key. */
  count: number;
}

/**
 * Keys found in the items, in first-seen order, with how many items have each. Samples at most
 * `sampleLimit` items spread over the list, so 100,000 rows cost the same as 1,000.
 */
export function discoverColumns(items: readonly unknown[], sampleLimit = 2000): ColumnInfo[] {
  const counts = new Map<string, number>();
  const step = items.length <= sampleLimit ? 1 : items.length / sampleLimit;
  for (let f = 0; f < items.length; f += step) {
    const item = items[Math.floor(f)];
    if (!isRecord(item)) continue;
    for (const key of Object.keys(item)) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([name, count]) => ({ name, count }));
}

/** Keys people look for first in Rocket.Chat lists (users, rooms, messages). */
const PREFERRED = [
  '_id',
  'username',
  'name',
  'fname',
  't',
  'type',
  'msg',
  'rid',
  'u',
  'status',
  'active',
  'ts',
  'usersCount',
  'msgs',
];

/** The columns shown before the person picks: well-known keys first, then the most common ones. */
export function defaultColumns(columns: readonly ColumnInfo[], max = 6): string[] {
  const names = new Set(columns.map((c) => c.name));
  const chosen = PREFERRED.filter((name) => names.has(name)).slice(0, max);
  const rest = [...columns]
    .filter((c) => !chosen.includes(c.name))
    .sort((a, b) => b.count - a.count)
    .map((c) => c.name);
  return [...chosen, ...rest].slice(0, max);
}

/** A cell's text: scalars as text, objects and arrays as a one-line preview, missing as ''. */
export function cellText(value: unknown, max = 200): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value.length > max ? `${value.slice(0, max - 1)}…` : value;
  if (value === null || typeof value !== 'object') return String(value);
  return previewOf(value, max);
}

export interface TableSort {
  column: string;
  direction: 'ascending' | 'descending';
}

/** A table row: the item's position in the response, and its cells for the chosen columns. */
export interface TableRow {
  index: number;
  cells: string[];
}

/**
 * Rows `start` to `end` (exclusive) for the chosen columns, in the response's order or in `order`
 * (positions into `items`, from {@link sortedOrder}).
 */
export function tableRows(
  items: readonly unknown[],
  start: number,
  end: number,
  columns: readonly string[],
  order?: ArrayLike<number>,
): TableRow[] {
  const rows: TableRow[] = [];
  const to = Math.min(items.length, end);
  for (let i = Math.max(0, start); i < to; i++) {
    const index = order ? (order[i] ?? i) : i;
    const item = items[index];
    rows.push({
      index,
      cells: columns.map((column) =>
        isRecord(item) ? cellText(item[column]) : column === '' ? cellText(item) : '',
      ),
    });
  }
  return rows;
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Numbers, then text (ISO dates sort as text), then true/false, then objects by their preview. */
function rankOf(value: unknown): number {
  if (typeof value === 'number') return 0;
  if (typeof value === 'string') return 1;
  if (typeof value === 'boolean') return 2;
  return 3;
}

function compareValues(a: unknown, b: unknown): number {
  const rank = rankOf(a) - rankOf(b);
  if (rank !== 0) return rank;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return collator.compare(a, b);
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return collator.compare(cellText(a), cellText(b));
}

/**
 * The items' positions ordered by one column: stable (ties keep the response's order), and items
 * without the key (or with null) last in either direction, so the filled rows lead.
 */
export function sortedOrder(items: readonly unknown[], sort: TableSort): Int32Array {
  const sign = sort.direction === 'ascending' ? 1 : -1;
  const valueOf = (i: number): unknown => {
    const item = items[i];
    if (isRecord(item)) return item[sort.column];
    return sort.column === '' ? item : undefined;
  };
  const keys = Array.from({ length: items.length }, (_, i) => valueOf(i));
  const order = Array.from({ length: items.length }, (_, i) => i);
  order.sort((x, y) => {
    const a = keys[x];
    const b = keys[y];
    const aMissing = a === undefined || a === null;
    const bMissing = b === undefined || b === null;
    if (aMissing || bMissing) return aMissing === bMissing ? x - y : aMissing ? 1 : -1;
    return sign * compareValues(a, b) || x - y;
  });
  return Int32Array.from(order);
}
