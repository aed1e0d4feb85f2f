/**
 * Offset/count/total arithmetic for Rocket.Chat list endpoints.
 *
 * Rocket.Chat (`getPaginationItems.ts`): `offset` defaults to 0, `count` to the Default Count (50);
 * a `count` above Max Record Amount (`API_Upper_Count_Limit`, 100) is *silently* clamped, and
 * `count=0` returns everything when Allow Getting Everything (`API_Allow_Infinite_Count`) is on,
 * else the Default Count. The envelope's `count` is the number of items in *this* page, `total` the
 * number matching overall. Nothing here trusts the page size we asked for: the returned `count`
 * and `total` decide, because the server may have clamped.
 */

/** The paging numbers of one list response. */
export interface PageNumbers {
  /** Offset sent (and echoed by the server). */
  offset: number;
  /** Items in this page (the envelope's `count`, or the list's length). */
  count: number;
  /** Items matching overall (the envelope's `total`). */
  total: number;
}

export interface PageInfo extends PageNumbers {
  /** Page size used for page numbers: the `count` asked for (after clamping, if detected). */
  pageSize: number;
  /** 1-based page number; offsets that are not a multiple of pageSize round down. */
  page: number;
  /** At least 1, so `Page 1 of 1` for an empty list. */
  pageCount: number;
  /** 1-based index of the first item shown, 0 when the page is empty. */
  first: number;
  /** 1-based index of the last item shown, 0 when the page is empty. */
  last: number;
  /** `Showing 11–15 of 2000` (en dash; no thousands separators, as the UI contract names it). */
  text: string;
}

function nonNegativeInt(n: number): number {
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : 0;
}

/** `Showing a–b of total`, or `Showing 0 of total` for an empty page. */
export function showingText(offset: number, count: number, total: number): string {
  const o = nonNegativeInt(offset);
  const c = nonNegativeInt(count);
  const t = nonNegativeInt(total);
  if (c === 0) return `Showing 0 of ${t}`;
  return `Showing ${o + 1}\u2013${o + c} of ${t}`;
}

/**
 * Page numbers and the `Showing` text for one response.
 * @param pageSize the count per page (use the effective size after clamp detection); 0 means
 *   "everything" (count=0), which is one page.
 */
export function pageInfo(numbers: PageNumbers, pageSize: number): PageInfo {
  const offset = nonNegativeInt(numbers.offset);
  const count = nonNegativeInt(numbers.count);
  const total = nonNegativeInt(numbers.total);
  const size = nonNegativeInt(pageSize);
  const page = size === 0 ? 1 : Math.floor(offset / size) + 1;
  const pageCount = size === 0 ? 1 : Math.max(1, Math.ceil(total / size), page);
  return {
    offset,
    count,
    total,
    pageSize: size,
    page,
    pageCount,
    first: count === 0 ? 0 : offset + 1,
    last: count === 0 ? 0 : offset + count,
    text: showingText(offset, count, total),
  };
}

/** Offsets for First/Previous/Next/Last; null where the button should be disabled. */
export interface PageNavigation {
  first: number | null;
  previous: number | null;
  next: number | null;
  last: number | null;
}

/** Offset of the last page: the largest multiple of pageSize below total (0 for an empty list). */
export function lastPageOffset(total: number, pageSize: number): number {
  const t = nonNegativeInt(total);
  const size = nonNegativeInt(pageSize);
  if (size === 0 || t === 0) return 0;
  return Math.floor((t - 1) / size) * size;
}

/**
 * Navigation offsets. Previous from an unaligned offset goes back one page size (not to an
 * aligned page) so no item is skipped; Last is aligned to the page size.
 */
export function pageNavigation(offset: number, pageSize: number, total: number): PageNavigation {
  const o = nonNegativeInt(offset);
  const size = nonNegativeInt(pageSize);
  const t = nonNegativeInt(total);
  if (size === 0) return { first: null, previous: null, next: null, last: null };
  const last = lastPageOffset(t, size);
  return {
    first: o > 0 ? 0 : null,
    previous: o > 0 ? Math.max(0, o - size) : null,
    next: o + size < t ? o + size : null,
    last: o < last ? last : null,
  };
}

/** Offsets a fetch-all will request, in order, for a known total and a fixed page size (> 0). */
export function planOffsets(total: number, pageSize: number, startOffset = 0): number[] {
  const size = nonNegativeInt(pageSize);
  const t = nonNegativeInt(total);
  if (size === 0) throw new RangeError('planOffsets needs a page size above 0 (count=0 is a single request)');
  const offsets: number[] = [];
  for (let o = nonNegativeInt(startOffset); o < t; o += size) offsets.push(o);
  return offsets;
}

/** Number of calls a fetch-all needs: `ceil((total - start) / pageSize)`, at least 0. */
export function pagesNeeded(total: number, pageSize: number, startOffset = 0): number {
  const size = nonNegativeInt(pageSize);
  if (size === 0) return 1;
  return Math.max(0, Math.ceil((nonNegativeInt(total) - nonNegativeInt(startOffset)) / size));
}

export type ClampVerdict =
  /** Fewer items than asked although more exist: the server capped count (Max Record Amount). */
  | { kind: 'clamped'; requested: number; serverMax: number; message: string }
  /** count=0 asked for everything but a page came back: Allow Getting Everything is off. */
  | { kind: 'count-zero-refused'; serverDefault: number; message: string }
  | { kind: 'none' };

/**
 * Detects that the server clamped `count`.
 *
 * Rule: the page returned fewer items than asked *and* items remain after it
 * (`offset + returned < total`). A short last page (`offset + returned >= total`) is not a clamp.
 * The returned count is then the server's Max Record Amount (or its Default Count for count=0).
 * @param requested the `count` sent; undefined when none was sent (the server's default applies,
 *   which is not a clamp).
 */
export function detectClamp(requested: number | undefined, page: PageNumbers): ClampVerdict {
  if (requested === undefined || !Number.isFinite(requested) || requested < 0) return { kind: 'none' };
  const returned = nonNegativeInt(page.count);
  const moreExist = nonNegativeInt(page.offset) + returned < nonNegativeInt(page.total);
  if (!moreExist || returned === 0) return { kind: 'none' };
  if (requested === 0) {
    return {
      kind: 'count-zero-refused',
      serverDefault: returned,
      message:
        `count=0 asked for all ${page.total} items but the server returned ${returned}: ` +
        `"Allow Getting Everything" (API_Allow_Infinite_Count) is off, so it used its Default Count. ` +
        `Use Fetch all pages instead.`,
    };
  }
  if (returned < requested) {
    return {
      kind: 'clamped',
      requested,
      serverMax: returned,
      message:
        `The server returned ${returned} items although count=${requested} was asked and more exist: ` +
        `it caps count at its Max Record Amount (API_Upper_Count_Limit = ${returned}). ` +
        `Use a page size of ${returned} or less, or Fetch all pages.`,
    };
  }
  return { kind: 'none' };
}

export interface CountZeroWarning {
  /** Short line for the warning banner. */
  title: string;
  /** Cause and next step in words. */
  message: string;
  /** Rough size in bytes when the total and item size are known, else null. */
  estimatedBytes: number | null;
}

/** Rough bytes per item of a users.list / channels.list response, for the size estimate. */
export const DEFAULT_BYTES_PER_ITEM = 450;

/** Human size: `41.2 MB`, `830 KB`, `512 B` (decimal units, as browsers and servers report). */
export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  if (bytes >= 1e3) return `${Math.round(bytes / 1e3)} KB`;
  return `${Math.round(bytes)} B`;
}

/**
 * A warning for `count=0` before sending, or null for any other count.
 * Why: count=0 returns *every* item when Allow Getting Everything is on (the default), which on a
 * big server is tens of MB in one response; when it is off the server quietly uses its Default Count.
 * @param count the `count` parameter as typed (string or number); '' or undefined is no warning.
 * @param knownTotal a total seen earlier for this operation, for a size estimate.
 */
export function countZeroWarning(
  count: number | string | undefined,
  knownTotal?: number,
  bytesPerItem = DEFAULT_BYTES_PER_ITEM,
): CountZeroWarning | null {
  if (count === undefined) return null;
  const text = String(count).trim();
  if (text === '' || Number(text) !== 0 || !/^[+-]?\d+$/.test(text)) return null;
  const estimatedBytes =
    knownTotal !== undefined && knownTotal > 0 ? Math.round(knownTotal * bytesPerItem) : null;
  const size =
    estimatedBytes === null ? '' : ` (${knownTotal} items, roughly ${formatBytes(estimatedBytes)})`;
  return {
    title: 'count=0 asks for everything',
    message:
      `count=0 returns every item in one response when the server's "Allow Getting Everything" ` +
      `(API_Allow_Infinite_Count) is on, which is the default${size}. That may be huge and slow. ` +
      `If the setting is off, the server returns its Default Count instead. ` +
      `Prefer a page size, or Fetch all pages, which is paced by the rate limit.`,
    estimatedBytes,
  };
}
