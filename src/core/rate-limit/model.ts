/**
 * The rate-limit window model: one window per server + route + method.
 *
 * Why per route + method: Rocket.Chat counts calls per route + method and per client IP (not per
 * user), so `GET users.list` and `POST users.create` have separate budgets on the same server.
 * The query string is not part of the route, so paging through `users.list` spends one budget.
 *
 * The model is a plain, immutable record (`RateLimitBook`) updated by `observe()`, so it fits a
 * zustand store or React state and can be tested without a clock: every function takes `now`.
 *
 * States and how we decide them (from one response):
 * - `limited`: the three `X-RateLimit-*` headers were readable (whatever the transport).
 * - `bypassed`: a 2xx without headers while the signed-in user has `api-bypass-rate-limit`
 *   (an input: the server skips the limiter for them and says nothing).
 * - `hidden-by-cors`: no headers on a direct cross-origin response. Rocket.Chat sends no
 *   `Access-Control-Expose-Headers`, so the browser returns null for them: absence proves nothing.
 * - `not-limited`: a 2xx without headers on a same-origin or proxied response: the server answered
 *   past its limiter stage and added nothing, so the limiter is off (disabled or TEST_MODE).
 *   Only 2xx counts: a 401 is answered *before* the limiter, so it carries no headers either way.
 * - `unknown`: nothing seen yet, or headers present but malformed.
 * Responses made by the explorer's proxy itself (`X-Explorer-Proxy-Error`) and network failures
 * (status 0) say nothing about the upstream limiter and leave the window as it was.
 */
import { PROXY_ERROR_HEADER } from '../wire';
import {
  parseDateHeader,
  parseRateLimitHeaders,
  readHeader,
  type HeadersLike,
  type ResetUnit,
} from './headers';
import { parseTooManyRequests, type TooManyRequests } from './too-many-requests';

/** How the response reached the browser: only `cross-origin` hides headers. */
export type HeaderReach = 'proxy' | 'same-origin' | 'cross-origin';

export type RateLimitState =
  | {
      kind: 'limited';
      limit: number;
      remaining: number;
      /** Window end on the server's clock (the header value, epoch ms). */
      resetAt: number;
      /** Window end on our clock: `resetAt` corrected for a clock skew seen in the `Date` header. */
      resetAtLocal: number;
      resetUnit: ResetUnit;
    }
  | { kind: 'not-limited' }
  | { kind: 'bypassed' }
  | { kind: 'hidden-by-cors' }
  | { kind: 'unknown'; reason?: string };

export type RateLimitStateKind = RateLimitState['kind'];

/** Words the UI shows for each state (the UI contract names these exactly). */
export const STATE_LABELS: Readonly<Record<RateLimitStateKind, string>> = {
  limited: 'limited',
  'not-limited': 'not limited',
  bypassed: 'bypassed',
  'hidden-by-cors': 'hidden by CORS',
  unknown: 'unknown',
};

export interface RemainingSample {
  at: number;
  remaining: number;
  limit: number;
}

export interface RateLimitWindow {
  /** `windowKey(server, method, path)` */
  key: string;
  server: string;
  method: string;
  /** Path without query or hash, e.g. `/api/v1/users.list`. */
  route: string;
  state: RateLimitState;
  /** Our clock, when the state was last set from a response; null if never. */
  observedAt: number | null;
  /** Oldest first, at most `historySize` samples of remaining (limited responses only). */
  history: readonly RemainingSample[];
  /** Our clock: no call before this, because a 429 told us to wait. */
  blockedUntil: number | null;
  /** The last 429 seen on this window, for the alert. */
  lastTooManyRequests: (TooManyRequests & { at: number }) | null;
}

/** All windows, keyed by `windowKey`. Immutable: `observe` returns a new book. */
export type RateLimitBook = Readonly<Record<string, RateLimitWindow>>;

export interface RateLimitObservation {
  /** Base URL of the Rocket.Chat server (not the proxy), e.g. `http://127.0.0.1:4100`. */
  server: string;
  method: string;
  /** Path on that server, or a full URL; query and hash are dropped. */
  path: string;
  /** HTTP status; 0 for a network failure. */
  status: number;
  headers: HeadersLike;
  transport: HeaderReach;
  /** The signed-in user has the `api-bypass-rate-limit` permission. */
  bypass: boolean;
  /** Parsed JSON or raw text; read only on 429. */
  body?: unknown;
  /** Our clock when the response arrived. */
  receivedAt: number;
}

export interface ObserveOptions {
  /** How many remaining samples to keep per window (default 20). */
  historySize?: number;
  /**
   * Skew between our clock and the server's `Date` header below which we trust our own clock
   * (default 2000 ms: `Date` has 1 s resolution, plus latency). Above it, the reset time is
   * shifted by the skew so the countdown and pacing run on our clock.
   */
  skewToleranceMs?: number;
}

export const DEFAULT_HISTORY_SIZE = 20;

/**
 * Maps src/core/http's transport kind to ours: a direct call is cross-origin (headers hidden)
 * unless the Rocket.Chat server is on the page's own origin.
 */
export function headerReachOf(kind: 'proxy' | 'direct', serverUrl: string, pageOrigin: string): HeaderReach {
  if (kind === 'proxy') return 'proxy';
  try {
    return new URL(serverUrl).origin === new URL(pageOrigin).origin ? 'same-origin' : 'cross-origin';
  } catch {
    return 'cross-origin';
  }
}

/** `/api/v1/users.list?count=5#x` or `http://h/api/v1/users.list` -> `/api/v1/users.list`. */
export function routePath(pathOrUrl: string): string {
  let path = pathOrUrl.trim();
  const scheme = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(path);
  if (scheme) path = path.slice(scheme[0].length);
  path = path.replace(/[?#].*$/s, '');
  if (!path.startsWith('/')) path = `/${path}`;
  return path;
}

/** Route key: upper-case method, a space, the path without query. `GET /api/v1/users.list`. */
export function routeKey(method: string, pathOrUrl: string): string {
  return `${method.toUpperCase()} ${routePath(pathOrUrl)}`;
}

/** Drops a trailing slash so `http://h/` and `http://h` share windows. */
export function normaliseServer(server: string): string {
  return server.trim().replace(/\/+$/, '');
}

/** Window key: server, a space, the route key. */
export function windowKey(server: string, method: string, pathOrUrl: string): string {
  return `${normaliseServer(server)} ${routeKey(method, pathOrUrl)}`;
}

/** A fresh window in state `unknown`. */
export function emptyWindow(server: string, method: string, pathOrUrl: string): RateLimitWindow {
  return {
    key: windowKey(server, method, pathOrUrl),
    server: normaliseServer(server),
    method: method.toUpperCase(),
    route: routePath(pathOrUrl),
    state: { kind: 'unknown' },
    observedAt: null,
    history: [],
    blockedUntil: null,
    lastTooManyRequests: null,
  };
}

/** The window for a route, or a fresh `unknown` one (never undefined, so the UI can always render). */
export function getWindow(
  book: RateLimitBook,
  server: string,
  method: string,
  pathOrUrl: string,
): RateLimitWindow {
  return book[windowKey(server, method, pathOrUrl)] ?? emptyWindow(server, method, pathOrUrl);
}

/**
 * The state one response proves, or null when it proves nothing (keep the previous state).
 * Pure; see the module comment for the rules.
 */
export function classifyResponse(
  obs: RateLimitObservation,
  options: ObserveOptions = {},
): RateLimitState | null {
  if (obs.status === 0) return null;
  if (readHeader(obs.headers, PROXY_ERROR_HEADER) !== null) return null;
  const parsed = parseRateLimitHeaders(obs.headers, obs.receivedAt);
  if (parsed.kind === 'present') {
    let resetAtLocal = parsed.resetAt;
    const serverNow = parseDateHeader(obs.headers);
    const tolerance = options.skewToleranceMs ?? 2000;
    if (serverNow !== null && parsed.resetUnit !== 'delta-s') {
      const skew = obs.receivedAt - serverNow;
      if (Math.abs(skew) > tolerance) resetAtLocal = parsed.resetAt + skew;
    }
    return {
      kind: 'limited',
      limit: parsed.limit,
      remaining: parsed.remaining,
      resetAt: parsed.resetAt,
      resetAtLocal,
      resetUnit: parsed.resetUnit,
    };
  }
  if (parsed.kind === 'invalid') return { kind: 'unknown', reason: parsed.reason };
  const ok = obs.status >= 200 && obs.status < 300;
  if (ok && obs.bypass) return { kind: 'bypassed' };
  if (obs.transport === 'cross-origin') return { kind: 'hidden-by-cors' };
  if (ok) return { kind: 'not-limited' };
  return null;
}

/**
 * Records one response into the book and returns the new book (the input is not changed).
 * A 429 also sets `blockedUntil` from the wait in the body, so pacing honours it.
 */
export function observe(
  book: RateLimitBook,
  obs: RateLimitObservation,
  options: ObserveOptions = {},
): RateLimitBook {
  const previous = getWindow(book, obs.server, obs.method, obs.path);
  const next = observeWindow(previous, obs, options);
  if (next === previous) return book;
  return { ...book, [next.key]: next };
}

/** `observe` for a single window (same rules), for callers that keep one window, like fetch-all. */
export function observeWindow(
  previous: RateLimitWindow,
  obs: RateLimitObservation,
  options: ObserveOptions = {},
): RateLimitWindow {
  const historySize = Math.max(0, options.historySize ?? DEFAULT_HISTORY_SIZE);
  const classified = classifyResponse(obs, options);
  let window: RateLimitWindow = previous;

  if (classified !== null) {
    let history = previous.history;
    if (classified.kind === 'limited') {
      history = [
        ...history,
        { at: obs.receivedAt, remaining: classified.remaining, limit: classified.limit },
      ];
      if (history.length > historySize) history = history.slice(history.length - historySize);
    }
    window = { ...window, state: classified, observedAt: obs.receivedAt, history };
  }

  if (obs.status === 429 && readHeader(obs.headers, PROXY_ERROR_HEADER) === null) {
    const tooMany = parseTooManyRequests(obs.body, obs.headers, obs.receivedAt);
    let blockedUntil: number | null = null;
    if (tooMany) blockedUntil = obs.receivedAt + Math.ceil(tooMany.waitSeconds * 1000);
    else if (window.state.kind === 'limited') blockedUntil = window.state.resetAtLocal;
    // A 429 means this window is spent even if no header said so.
    const state: RateLimitState =
      window.state.kind === 'limited' ? { ...window.state, remaining: 0 } : window.state;
    window = {
      ...window,
      state,
      blockedUntil:
        blockedUntil === null ? window.blockedUntil : Math.max(blockedUntil, window.blockedUntil ?? 0),
      lastTooManyRequests: tooMany ? { ...tooMany, at: obs.receivedAt } : window.lastTooManyRequests,
    };
  }
  return window;
}

/**
 * Our-clock time when the current restriction ends: the window's reset, or a 429's wait if later.
 * Null when nothing restricts (not limited, bypassed, unknown, hidden without a 429).
 */
export function nextResetAt(window: RateLimitWindow): number | null {
  const reset = window.state.kind === 'limited' ? window.state.resetAtLocal : null;
  if (reset === null) return window.blockedUntil;
  if (window.blockedUntil === null) return reset;
  return Math.max(reset, window.blockedUntil);
}

/** Whole seconds (rounded up) until the window resets, 0 once it has, null if no window is known. */
export function secondsUntilReset(window: RateLimitWindow, now: number): number | null {
  const at = nextResetAt(window);
  if (at === null) return null;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/**
 * Remaining calls as of `now`: once the window has reset, the next call opens a fresh window,
 * so the remaining budget is the full limit again. Null unless limited.
 */
export function effectiveRemaining(window: RateLimitWindow, now: number): number | null {
  if (window.state.kind !== 'limited') return null;
  const at = nextResetAt(window) ?? window.state.resetAtLocal;
  return now >= at ? window.state.limit : window.state.remaining;
}

/** Values for a `<meter>` (`aria-valuenow`, `aria-valuemax`), or null when not limited. */
export function meterValues(window: RateLimitWindow, now: number): { value: number; max: number } | null {
  if (window.state.kind !== 'limited') return null;
  const value = effectiveRemaining(window, now) ?? 0;
  return { value: Math.min(value, window.state.limit), max: window.state.limit };
}

/**
 * The gauge's words: `3 of 10 left, resets in 42 s` while a window is open, `10 of 10 left` after
 * it reset, otherwise the state label (`not limited`, `bypassed`, `hidden by CORS`, `unknown`).
 * A pending 429 wait is mentioned even when the headers were hidden.
 */
export function rateLimitText(window: RateLimitWindow, now: number): string {
  const seconds = secondsUntilReset(window, now);
  if (window.state.kind === 'limited') {
    const remaining = effectiveRemaining(window, now) ?? window.state.remaining;
    const base = `${remaining} of ${window.state.limit} left`;
    return seconds !== null && seconds > 0 ? `${base}, resets in ${seconds} s` : base;
  }
  const label = STATE_LABELS[window.state.kind];
  if (seconds !== null && seconds > 0) return `${label}, too many requests: resets in ${seconds} s`;
  return label;
}

/** Words for the `hidden by CORS` state: the cause and the next step. */
export const HIDDEN_BY_CORS_ADVICE =
  'The browser hides X-RateLimit-* on direct cross-origin responses (Rocket.Chat sends no ' +
  'Access-Control-Expose-Headers). Use the explorer proxy to see the live rate limit.';
