/**
 * Reading Rocket.Chat list envelopes and merging pages.
 *
 * A list response is `{ <list>: [...], count, offset, total, success: true }` where `<list>` is
 * `users`, `channels`, `groups`, `messages`, ... depending on the endpoint. We find the list as the
 * array-valued key of the envelope; when pages shift during a fetch-all (an item inserted or
 * deleted between two calls moves the offsets), the same item can appear twice, so merging
 * dedupes by `_id`.
 */
import type { PageNumbers } from './arithmetic';

/** Envelope keys that are never the list, even if a server made them arrays. */
const META_KEYS = new Set(['success', 'count', 'offset', 'total', 'status', 'error', 'errorType', 'details']);

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The name of the list field: the array-valued key other than the meta keys.
 * With several arrays, one whose items are objects with `_id` wins, then the longest, then the
 * first; `hint` (the operation's known field, e.g. `users`) wins when it is an array.
 * Null when the body has no array field (not a list response).
 */
export function findListField(envelope: unknown, hint?: string): string | null {
  if (!isRecord(envelope)) return null;
  if (hint !== undefined && Array.isArray(envelope[hint])) return hint;
  const candidates = Object.keys(envelope).filter((k) => !META_KEYS.has(k) && Array.isArray(envelope[k]));
  if (candidates.length <= 1) return candidates[0] ?? null;
  const score = (key: string): [number, number] => {
    const list = envelope[key] as unknown[];
    const withId = list.length > 0 && list.every((item) => isRecord(item) && '_id' in item) ? 1 : 0;
    return [withId, list.length];
  };
  let best = candidates[0]!;
  for (const key of candidates.slice(1)) {
    const [a1, a2] = score(key);
    const [b1, b2] = score(best);
    if (a1 > b1 || (a1 === b1 && a2 > b2)) best = key;
  }
  return best;
}

/** The list items of an envelope (empty when there is none). */
export function listItems(envelope: unknown, hint?: string): unknown[] {
  const field = findListField(envelope, hint);
  return field === null ? [] : ((envelope as Json)[field] as unknown[]);
}

/**
 * Offset, count and total of an envelope. Missing `count` falls back to the list's length and a
 * missing `total` to offset + count (some endpoints omit it), so the numbers are always usable.
 * Null when the body is not a list response.
 */
export function readPageNumbers(envelope: unknown, hint?: string): PageNumbers | null {
  const field = findListField(envelope, hint);
  if (field === null || !isRecord(envelope)) return null;
  const length = (envelope[field] as unknown[]).length;
  const num = (v: unknown): number | null =>
    typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : null;
  const offset = num(envelope.offset) ?? 0;
  const count = num(envelope.count) ?? length;
  const total = num(envelope.total) ?? offset + count;
  return { offset, count, total };
}

/** The dedupe key of an item: its `_id` when it is a string or number, else null (never deduped). */
export function itemId(item: unknown): string | null {
  if (!isRecord(item)) return null;
  const id = item._id;
  if (typeof id === 'string') return `s:${id}`;
  if (typeof id === 'number') return `n:${id}`;
  return null;
}

/** Incremental merger for fetch-all: O(1) per item, keeps the first copy of each `_id`. */
export interface PageMerger {
  /** Adds one page's items; returns how many were new and how many were duplicates. */
  add(items: readonly unknown[]): { added: number; duplicates: number };
  /** Merged items in first-seen order (the same array grows; copy it if you need a snapshot). */
  readonly items: unknown[];
  /** Duplicates dropped so far. */
  readonly duplicates: number;
}

export function createMerger(): PageMerger {
  const seen = new Set<string>();
  const items: unknown[] = [];
  let duplicates = 0;
  return {
    items,
    get duplicates() {
      return duplicates;
    },
    add(page) {
      let added = 0;
      let dup = 0;
      for (const item of page) {
        const id = itemId(item);
        if (id !== null) {
          if (seen.has(id)) {
            dup++;
            continue;
          }
          seen.add(id);
        }
        items.push(item);
        added++;
      }
      duplicates += dup;
      return { added, duplicates: dup };
    },
  };
}
