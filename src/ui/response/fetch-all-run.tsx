/**
 * Fetch all pages of the run on screen, shared by the Response pane's "Fetch all pages" and the
 * request's "Apply locally to all pages" (after a server ignored "query"): one way to page through
 * a list within the rate limit, and one progress view.
 */
import { useEffect, useState } from 'react';
import { executeRequest } from '../../core/http/execute';
import { prepareRequest } from '../../core/http/prepare';
import type { Run } from '../../core/http/run';
import type { ResponseRecord } from '../../core/http/types';
import type { PageNumbers } from '../../core/pagination/arithmetic';
import {
  fetchAllPages,
  type FetchAllProgress,
  type FetchAllResult,
  type PageResponse,
} from '../../core/pagination/fetch-all';
import { getWindow, headerReachOf } from '../../core/rate-limit/model';
import { useRateLimitStore } from '../ratelimit';
import { useExplorerStore } from '../state';
import { formatEstimate, receivedAtOf } from './format';
import { pagingOf } from './paging';

/** Page size for fetch-all when the request asked for everything (count=0) or for nothing. */
const FETCH_ALL_DEFAULT_PAGE = 100;

/** The page size a fetch-all of this answer asks for: the one on screen, else a default. */
export function fetchAllPageSize(draft: Run['draft'], page: PageNumbers): number {
  const { pageSize } = pagingOf(draft, page);
  return pageSize > 0 ? pageSize : FETCH_ALL_DEFAULT_PAGE;
}

/** The first page is reused when the answer on screen is it (same page size, or everything). */
export function reusesShownPage(page: PageNumbers, size: number): boolean {
  return page.offset === 0 && (page.count === size || page.count >= page.total);
}

/** How many calls a fetch-all of this answer makes (page 1 is not asked again when it is on screen). */
export function fetchAllCalls(page: PageNumbers, size: number): number {
  const pages = Math.max(1, Math.ceil(page.total / size));
  return reusesShownPage(page, size) ? pages - 1 : pages;
}

function parseBody(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * Runs a fetch-all of the run on screen: its draft, server, transport and user as they were sent,
 * through the same prepareRequest/executeRequest path (auth is attached there and only there),
 * paced by the route's rate-limit window.
 */
export async function runFetchAll(
  run: Run,
  shown: { page: PageNumbers; response: ResponseRecord },
  pageSize: number,
  listField: string | null,
  signal: AbortSignal,
  onProgress: (progress: FetchAllProgress) => void,
): Promise<FetchAllResult> {
  const { draft, serverUrl: server, transport } = run;
  const user = useExplorerStore.getState().auth[server];
  const book = useRateLimitStore.getState();
  let reused = false;
  return fetchAllPages({
    pageSize,
    startOffset: 0,
    ...(listField ? { listField } : {}),
    signal,
    onProgress,
    onObservation: (observation) => useRateLimitStore.getState().record(observation),
    rateLimit: {
      server,
      method: draft.method,
      path: draft.path,
      transport: headerReachOf(transport.kind, server, location.origin),
      bypass: user?.bypassesRateLimit === true,
      initial: getWindow(book.book, server, draft.method, draft.path),
    },
    fetchPage: async (offset, count, pageSignal): Promise<PageResponse> => {
      // The first page is the answer already on screen: no call spent on it again.
      if (offset === 0 && !reused) {
        const { page, response } = shown;
        if (reusesShownPage(page, count)) {
          reused = true;
          return {
            status: response.status,
            headers: response.headers,
            body: parseBody(response.body.text()),
            receivedAt: receivedAtOf(response),
          };
        }
      }
      const pageDraft: Run['draft'] = {
        ...draft,
        params: { ...draft.params, offset: String(offset), count: String(count) },
      };
      const prepared = prepareRequest(pageDraft, transport, run.credentials ?? undefined);
      const response = await executeRequest(prepared, pageSignal ? { signal: pageSignal } : {});
      return {
        status: response.status,
        headers: response.headers,
        body: parseBody(response.body.text()),
        receivedAt: Date.now(),
      };
    },
  });
}

/**
 * Progress of a running fetch-all: pages, items, time left, the current wait (counting down), Cancel.
 * `label` names the progress bar (the Response pane's is "Fetch all pages progress").
 */
export function FetchAllProgressView({
  progress: p,
  total,
  label,
  onCancel,
}: {
  progress: FetchAllProgress | null;
  total: number;
  label: string;
  onCancel(): void;
}) {
  const pagesTotal = p?.pagesTotal ?? null;
  const waiting = p?.waiting ?? null;
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [waiting]);
  const waitLeft = waiting ? Math.max(0, Math.ceil((waiting.until - now) / 1000)) : 0;
  const words =
    `Page ${p?.pagesDone ?? 0}${pagesTotal !== null ? ` of ${pagesTotal}` : ''}, ` +
    `${p?.items ?? 0} of ${p?.total ?? total} items` +
    (p?.estimatedMsLeft != null ? `, about ${formatEstimate(p.estimatedMsLeft)} left` : '');
  return (
    <div className="fetch-all-progress">
      <progress
        aria-label={label}
        aria-valuetext={words}
        value={p?.pagesDone ?? 0}
        max={pagesTotal ?? Math.max(1, (p?.pagesDone ?? 0) + 1)}
      />
      <p className="muted" aria-live="polite">
        {words}
        {waiting ? ` · ${waiting.explanation.replace(/\d+ s/, `${waitLeft} s`)}` : ''}
      </p>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
