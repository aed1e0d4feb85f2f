/**
 * Pages already seen, so "Previous page" (or any page visited before) is shown again without a
 * request: no call of the rate limit is spent on an answer the explorer already holds. Only
 * successful GET answers, keyed by everything that makes the answer (URL, user, transport); the
 * person can always ask the server again ("Refresh"). Bounded by bytes: big answers are not kept.
 */
import type { Run } from '../../core/http/run';
import type { ResponseRecord } from '../../core/http/types';

const MAX_BYTES = 16 * 1024 * 1024;
const MAX_ENTRIES = 50;

const pages = new Map<string, ResponseRecord>();
let bytes = 0;

/**
 * The same answer, whatever order the parameters were written in; `offset=0` is the first page
 * as an absent offset is. Never holds a secret: the user ID says who asked, the token is not in it.
 */
export function pageKey(run: Run): string {
  const url = new URL(run.prepared.displayUrl);
  if (url.searchParams.get('offset') === '0') url.searchParams.delete('offset');
  url.searchParams.sort();
  return JSON.stringify([run.prepared.method, url.toString(), run.userId, run.transport.kind]);
}

export function rememberPage(run: Run, response: ResponseRecord): void {
  if (run.prepared.method !== 'GET' || response.status < 200 || response.status >= 300) return;
  if (response.truncated || response.sizeBytes > MAX_BYTES / 4) return;
  const key = pageKey(run);
  forget(key);
  pages.set(key, response);
  bytes += response.sizeBytes;
  for (const [oldest, kept] of pages) {
    if (bytes <= MAX_BYTES && pages.size <= MAX_ENTRIES) break;
    pages.delete(oldest);
    bytes -= kept.sizeBytes;
  }
}

export function cachedPage(run: Run): ResponseRecord | undefined {
  return pages.get(pageKey(run));
}

function forget(key: string): void {
  const kept = pages.get(key);
  if (!kept) return;
  pages.delete(key);
  bytes -= kept.sizeBytes;
}
