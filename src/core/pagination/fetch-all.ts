/**
 * Fetch all pages of a list endpoint, paced by the rate limit.
 *
 * Why a driver here and not in the UI: the loop mixes paging arithmetic, clamp adaptation, dedupe,
 * rate-limit pacing and 429 handling; keeping it pure (the HTTP call and the clock are injected)
 * lets tests run it against a real server with a manual clock, and the UI only renders progress.
 *
 * Behaviour:
 * - Offsets advance by the number of items the server actually returned, so a clamped `count`
 *   (Max Record Amount) never skips items.
 * - Before every call `planNextCall` decides the wait: the run fits in the budget left -> go; more
 *   calls needed than the window has left -> the calls left are spread evenly until the reset;
 *   remaining 0 -> wait for the window's reset; after a 429 -> wait what the server said and retry
 *   the same offset (at most `maxTooManyRetries` times in a row).
 * - Items are merged and deduped by `_id` (pages shift when items are inserted meanwhile).
 * - Cancel (the signal) stops at once, also during a wait, and returns what was merged so far.
 * - Any other non-2xx, or a body that is not a list, stops with `outcome: 'failed'` and the reason.
 */
import type { HeadersLike } from '../rate-limit/headers';
import {
  emptyWindow,
  observeWindow,
  type ObserveOptions,
  type RateLimitObservation,
  type RateLimitWindow,
  type HeaderReach,
} from '../rate-limit/model';
import {
  planNextCall,
  systemClock,
  type Clock,
  type PacingDecision,
  type PacingOptions,
} from '../rate-limit/pacing';
import { parseTooManyRequests } from '../rate-limit/too-many-requests';
import { detectClamp, type ClampVerdict } from './arithmetic';
import { createMerger, findListField, readPageNumbers } from './envelope';

/** One HTTP answer, as the injected `fetchPage` reports it. */
export interface PageResponse {
  status: number;
  headers: HeadersLike;
  /** Parsed JSON (or the raw text when it was not JSON). */
  body: unknown;
  /** Our clock when it arrived; defaults to `clock.now()` after the call. */
  receivedAt?: number;
}

export interface FetchAllProgress {
  /** Calls that returned a page. */
  pagesDone: number;
  /** Calls needed in total, from the latest total and effective page size (null before the first). */
  pagesTotal: number | null;
  /** Merged items so far (after dedupe). */
  items: number;
  /** The server's latest `total`. */
  total: number | null;
  /** Set while waiting: what for and until when (our clock). */
  waiting: PacingDecision | null;
  /** Rough time left in ms (calls plus rate-limit waits), null until it can be estimated. */
  estimatedMsLeft: number | null;
  /** The route's rate-limit window as last seen. */
  window: RateLimitWindow;
}

export interface FetchAllOptions {
  /** Performs one call for `offset`/`count`; must pass `signal` on to fetch. */
  fetchPage(offset: number, count: number, signal?: AbortSignal): Promise<PageResponse>;
  /** The `count` to ask for (> 0). The server may clamp it; we follow what it returns. */
  pageSize: number;
  startOffset?: number;
  /** The operation's list field (e.g. `users`) if known; otherwise found per envelope. */
  listField?: string;
  /** Where the calls go, for the rate-limit window. */
  rateLimit: {
    server: string;
    method: string;
    path: string;
    transport: HeaderReach;
    bypass: boolean;
    /** The window as the app already knows it (so the first call is not blind). */
    initial?: RateLimitWindow;
  };
  pacing?: PacingOptions;
  observeOptions?: ObserveOptions;
  /** Consecutive 429s on one offset before giving up (default 3). */
  maxTooManyRetries?: number;
  /** Safety stop for runaway totals (default: no limit). */
  maxPages?: number;
  clock?: Clock;
  signal?: AbortSignal;
  onProgress?(progress: FetchAllProgress): void;
  /** Every response as a rate-limit observation, so the app's gauge can record it too. */
  onObservation?(observation: RateLimitObservation): void;
}

export interface FetchAllResult {
  outcome: 'complete' | 'cancelled' | 'failed';
  /** Merged, deduped items in first-seen order. */
  items: unknown[];
  listField: string | null;
  pages: number;
  /** Latest `total` reported by the server. */
  total: number | null;
  /** Items dropped as duplicates (pages shifted). */
  duplicates: number;
  /** The server's `total` changed during the run: items may have been added or removed meanwhile. */
  totalChanged: boolean;
  /** Clamp seen on the first page, if any (the UI shows the Max Record Amount notice). */
  clamp: ClampVerdict;
  /** 429s received despite pacing. */
  tooManyRequests: number;
  /** Time spent waiting for the rate limit, ms. */
  waitedMs: number;
  /** Why it failed, in words (cause and next step). */
  error?: { status: number | null; message: string };
  window: RateLimitWindow;
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

/** Rocket.Chat's default rate-limit window (API_Enable_Rate_Limiter_Limit_Time_Default). */
const DEFAULT_WINDOW_MS = 60_000;

/**
 * Estimates time left: `callsLeft` calls at `avgCallMs`, plus the waits for the windows needed
 * beyond the current budget. Exported for tests and for a UI that wants its own estimate.
 */
export function estimateTimeLeft(
  callsLeft: number,
  avgCallMs: number,
  window: RateLimitWindow,
  now: number,
  windowMs = DEFAULT_WINDOW_MS,
): number {
  if (callsLeft <= 0) return 0;
  let ms = callsLeft * Math.max(0, avgCallMs);
  if (window.state.kind === 'limited' && window.state.limit > 0) {
    const open = now < window.state.resetAtLocal;
    const budget = open ? window.state.remaining : window.state.limit;
    if (callsLeft > budget) {
      const extraWindows = Math.ceil((callsLeft - budget) / window.state.limit);
      const firstWait = open ? window.state.resetAtLocal - now : windowMs;
      ms += firstWait + (extraWindows - 1) * windowMs;
    }
  }
  return Math.round(ms);
}

export async function fetchAllPages(options: FetchAllOptions): Promise<FetchAllResult> {
  const clock = options.clock ?? systemClock;
  const { signal } = options;
  const pageSize = Math.floor(options.pageSize);
  if (!(pageSize > 0)) throw new RangeError('fetchAllPages needs a page size above 0');
  const maxRetries = options.maxTooManyRetries ?? 3;
  const rl = options.rateLimit;
  let window = rl.initial ?? emptyWindow(rl.server, rl.method, rl.path);

  const merger = createMerger();
  let offset = Math.max(0, Math.floor(options.startOffset ?? 0));
  let pages = 0;
  let total: number | null = null;
  let firstTotal: number | null = null;
  let listField: string | null = options.listField ?? null;
  let clamp: ClampVerdict = { kind: 'none' };
  let effectivePageSize = pageSize;
  let tooManyRequests = 0;
  let retriesHere = 0;
  let waitedMs = 0;
  let callMsSum = 0;
  let learnedWindowMs: number | null = null;
  let lastCallAt: number | undefined;

  const result = (outcome: FetchAllResult['outcome'], error?: FetchAllResult['error']): FetchAllResult => ({
    outcome,
    items: merger.items,
    listField,
    pages,
    total,
    duplicates: merger.duplicates,
    totalChanged: firstTotal !== null && total !== null && total !== firstTotal,
    clamp,
    tooManyRequests,
    waitedMs,
    ...(error ? { error } : {}),
    window,
  });

  const progress = (waiting: PacingDecision | null) => {
    if (!options.onProgress) return;
    const pagesTotal =
      total === null ? null : pages + Math.max(0, Math.ceil((total - offset) / effectivePageSize));
    const callsLeft = pagesTotal === null ? null : pagesTotal - pages;
    const avg = pages > 0 ? callMsSum / pages : 0;
    options.onProgress({
      pagesDone: pages,
      pagesTotal,
      items: merger.items.length,
      total,
      waiting,
      estimatedMsLeft:
        callsLeft === null || pages === 0
          ? null
          : estimateTimeLeft(callsLeft, avg, window, clock.now(), learnedWindowMs ?? DEFAULT_WINDOW_MS),
      window,
    });
  };

  try {
    for (;;) {
      if (signal?.aborted) return result('cancelled');
      if (total !== null && offset >= total) return result('complete');
      if (options.maxPages !== undefined && pages >= options.maxPages) {
        return result('failed', {
          status: null,
          message: `Stopped after ${pages} pages (the safety limit of ${options.maxPages}); the items fetched so far are kept.`,
        });
      }

      const callsNeeded =
        total === null ? undefined : Math.max(1, Math.ceil((total - offset) / effectivePageSize));
      const plan = planNextCall(window, clock.now(), options.pacing, lastCallAt, callsNeeded);
      if (plan.waitMs > 0) {
        progress(plan);
        await clock.sleep(plan.waitMs, signal);
        waitedMs += plan.waitMs;
      }

      const startedAt = clock.now();
      lastCallAt = startedAt;
      const response = await options.fetchPage(offset, pageSize, signal);
      const receivedAt = response.receivedAt ?? clock.now();
      const observation: RateLimitObservation = {
        server: rl.server,
        method: rl.method,
        path: rl.path,
        status: response.status,
        headers: response.headers,
        transport: rl.transport,
        bypass: rl.bypass,
        body: response.body,
        receivedAt,
      };
      const before = window;
      window = observeWindow(window, observation, options.observeOptions);
      options.onObservation?.(observation);
      if (
        window.state.kind === 'limited' &&
        (before.state.kind !== 'limited' || window.state.resetAt !== before.state.resetAt) &&
        window.state.remaining === window.state.limit - 1
      ) {
        // A fresh window opened with this call: its length is the server's window time.
        learnedWindowMs = Math.max(1, window.state.resetAtLocal - startedAt);
      }

      if (response.status === 429) {
        tooManyRequests++;
        retriesHere++;
        if (retriesHere > maxRetries) {
          const wait = parseTooManyRequests(response.body, response.headers, receivedAt);
          return result('failed', {
            status: 429,
            message:
              `The server kept answering 429 Too Many Requests at offset ${offset}` +
              (wait ? ` (wait ${wait.waitSeconds} s)` : '') +
              `. Another client on the same IP may be spending this route's budget; try again later.`,
          });
        }
        continue; // the planner now waits what the 429 said
      }
      retriesHere = 0;

      if (response.status < 200 || response.status >= 300) {
        const reason =
          response.body !== null && typeof response.body === 'object' && 'error' in response.body
            ? String((response.body as { error: unknown }).error)
            : `HTTP ${response.status}`;
        return result('failed', {
          status: response.status,
          message: `Page at offset ${offset} failed: ${reason}. The items fetched so far are kept; fix the cause and run Fetch all pages again.`,
        });
      }

      const field = findListField(response.body, listField ?? undefined);
      const numbers = readPageNumbers(response.body, listField ?? undefined);
      if (field === null || numbers === null) {
        return result('failed', {
          status: response.status,
          message: `The answer at offset ${offset} is not a list (no array field in the body), so there is nothing to page through.`,
        });
      }
      listField ??= field;
      const items = (response.body as Record<string, unknown>)[field] as unknown[];
      merger.add(items);
      pages++;
      callMsSum += clock.now() - startedAt;
      total = numbers.total;
      firstTotal ??= numbers.total;
      if (pages === 1) {
        clamp = detectClamp(pageSize, { offset, count: items.length, total: numbers.total });
        if (clamp.kind === 'clamped') effectivePageSize = clamp.serverMax;
      }
      if (items.length === 0) return result('complete'); // past the end (total shrank meanwhile)
      offset += items.length;
      progress(null);
    }
  } catch (error) {
    if (isAbort(error) || signal?.aborted) return result('cancelled');
    return result('failed', {
      status: null,
      message: `The call at offset ${offset} failed: ${error instanceof Error ? error.message : String(error)}. The items fetched so far are kept.`,
    });
  }
}
