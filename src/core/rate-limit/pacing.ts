/**
 * Pacing for fetch-all: how long to wait before the next call so we never earn a 429.
 *
 * Calls are spread over the window by the X-RateLimit-* headers: when a run needs more calls than
 * the window has left, the calls left are spaced evenly until the reset (the time left divided by
 * calls left plus one), instead of spending the whole budget in the first seconds and leaving the
 * route at 0 (for the person's own calls and every other client on the same IP) for the rest of
 * the window. A run that fits in what is left goes at once: spreading it would only make it slower.
 *
 * A retry or a 429 spends rate limit (and Rocket.Chat's limit is per client IP, so it also hurts
 * every other client behind the same address), so we wait for the window to reset *before* the
 * budget runs out instead of finding out from the server. If a 429 comes anyway (another tab,
 * another client on our IP, a clock skew), `observe()` records its wait in `blockedUntil` and the
 * planner honours it.
 *
 * Time is injected (`Clock`), so tests run deterministically without sleeping.
 */
import { nextResetAt, type RateLimitWindow } from './model';

/** Injectable time: `now` in epoch ms and an abortable `sleep`. */
export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** An `AbortError` as `fetch` throws it, so callers handle both the same way. */
export function abortError(signal?: AbortSignal): Error {
  const reason: unknown = signal?.reason;
  if (reason instanceof Error) return reason;
  const error = new Error('The operation was aborted.');
  error.name = 'AbortError';
  return error;
}

/** Resolves after `ms` (setTimeout), rejects with an AbortError as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortError(signal));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError(signal));
    };
    const timer = setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      },
      Math.max(0, ms),
    );
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The real clock: `Date.now` and `setTimeout`. */
export const systemClock: Clock = { now: () => Date.now(), sleep };

/**
 * A manual clock for tests and benchmarks: `sleep` advances `now` instantly (after a microtask),
 * and records every wait so tests can assert the pacing.
 */
export function createManualClock(start = 0): Clock & { advance(ms: number): void; sleeps: number[] } {
  let current = start;
  const sleeps: number[] = [];
  return {
    now: () => current,
    sleeps,
    advance(ms: number) {
      current += ms;
    },
    async sleep(ms: number, signal?: AbortSignal) {
      if (signal?.aborted) throw abortError(signal);
      sleeps.push(ms);
      await Promise.resolve();
      if (signal?.aborted) throw abortError(signal);
      current += Math.max(0, ms);
    },
  };
}

export interface PacingOptions {
  /**
   * Calls to keep in hand: wait for the reset when remaining <= reserve (default 0, i.e. wait
   * only when the budget is spent). A reserve leaves room for the person's own calls meanwhile.
   */
  reserve?: number;
  /**
   * Extra wait after the reset time (default 1000 ms): covers the `Date` header's 1 s resolution,
   * latency, and a small clock skew that `observe()` did not correct.
   */
  marginMs?: number;
  /** Minimum gap between calls even when the budget allows (default 0). */
  minIntervalMs?: number;
}

export type PacingReason =
  /** Budget left, or no limiter: call now. */
  | 'go'
  /** Remaining is at the reserve: wait for the window to reset. */
  | 'window-exhausted'
  /** A 429 told us to wait. */
  | 'too-many-requests'
  /** Headers are hidden (CORS) or never seen: call now and rely on 429 handling. */
  | 'blind'
  /** `minIntervalMs` since the previous call has not elapsed. */
  | 'min-interval'
  /** More calls are needed than the window has left: the calls left are spread until the reset. */
  | 'spread';

export interface PacingDecision {
  /** How long to wait before the next call, >= 0. */
  waitMs: number;
  /** Our-clock time the wait ends (now + waitMs). */
  until: number;
  reason: PacingReason;
  /** Words for the progress line, e.g. `Waiting 42 s for the rate-limit window to reset`. */
  explanation: string;
}

function decision(now: number, waitMs: number, reason: PacingReason, explanation: string): PacingDecision {
  const wait = Math.max(0, Math.ceil(waitMs));
  return { waitMs: wait, until: now + wait, reason, explanation };
}

function seconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

/**
 * When the next call is due so that `budget` calls are spread evenly between the previous call
 * and the window's end: one gap of (end - previous) / (budget + 1) after the previous call (the
 * gap stays the same from call to call, and the last call lands one gap before the reset).
 * Pure: exported for the schedule's unit test.
 */
export function spreadDueAt(lastCallAt: number, windowEndsAt: number, budget: number): number {
  if (budget <= 0 || windowEndsAt <= lastCallAt) return lastCallAt;
  return lastCallAt + (windowEndsAt - lastCallAt) / (budget + 1);
}

/**
 * Plans the next call of a fetch-all on one window.
 * @param window the route's window (undefined or `unknown` before the first call).
 * @param now our clock, epoch ms.
 * @param lastCallAt when the previous call was made (for `minIntervalMs` and spreading), if any.
 * @param callsNeeded calls the run still needs, when known: a run that fits in the budget left is
 *   not spread.
 */
export function planNextCall(
  window: RateLimitWindow | undefined,
  now: number,
  options: PacingOptions = {},
  lastCallAt?: number,
  callsNeeded?: number,
): PacingDecision {
  const reserve = Math.max(0, options.reserve ?? 0);
  const margin = Math.max(0, options.marginMs ?? 1000);
  const minInterval = Math.max(0, options.minIntervalMs ?? 0);

  if (window?.blockedUntil != null && window.blockedUntil > now) {
    const wait = Math.max(window.blockedUntil, nextResetAt(window) ?? 0) + margin - now;
    return decision(
      now,
      wait,
      'too-many-requests',
      `The server said too many requests: waiting ${seconds(wait)} s before the next call`,
    );
  }
  const state = window?.state;
  if (state?.kind === 'limited' && state.remaining <= reserve && now < state.resetAtLocal + margin) {
    const wait = state.resetAtLocal + margin - now;
    return decision(
      now,
      wait,
      'window-exhausted',
      `Waiting ${seconds(wait)} s for the rate-limit window to reset (${state.remaining} of ${state.limit} left)`,
    );
  }
  if (lastCallAt !== undefined && minInterval > 0 && now - lastCallAt < minInterval) {
    const wait = lastCallAt + minInterval - now;
    return decision(now, wait, 'min-interval', `Waiting ${seconds(wait)} s between calls`);
  }
  if (
    state?.kind === 'limited' &&
    lastCallAt !== undefined &&
    now < state.resetAtLocal &&
    (callsNeeded === undefined || callsNeeded > state.remaining - reserve)
  ) {
    const budget = state.remaining - reserve;
    const wait = spreadDueAt(lastCallAt, state.resetAtLocal + margin, budget) - now;
    if (wait > 0) {
      return decision(
        now,
        wait,
        'spread',
        `Next call in ${seconds(wait)} s: the ${budget} ${budget === 1 ? 'call' : 'calls'} left in this rate-limit window are spread until it resets in ${seconds(state.resetAtLocal - now)} s`,
      );
    }
  }
  if (state === undefined || state.kind === 'unknown' || state.kind === 'hidden-by-cors') {
    return decision(now, 0, 'blind', 'Rate limit not visible: calling now and honouring a 429 if one comes');
  }
  return decision(now, 0, 'go', 'Calling now');
}
