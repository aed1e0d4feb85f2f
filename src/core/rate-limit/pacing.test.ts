// The pacing schedule, computed on simulated time: a fixed-window limiter as Rocket.Chat keeps it
// (the first call opens a window of `period` ms with `limit` calls) answers every call, and
// planNextCall decides when the next one goes. No clock, no sleeping: times are numbers.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getWindow, observe, type RateLimitBook } from './model';
import { planNextCall, spreadDueAt, type PacingReason } from './pacing';

const SERVER = 'http://127.0.0.1:4100';
const PATH = '/api/v1/users.list';
const T0 = 1_780_000_000_000;

interface Call {
  at: number;
  status: number;
  /** X-RateLimit-Remaining after the call. */
  remaining: number;
  /** Why the planner let it go when it did. */
  reason: PacingReason;
}

/** The times at which a fetch-all of `calls` calls goes through a `limit`-per-`period` limiter. */
function schedule(limit: number, period: number, calls: number, latency = 0): Call[] {
  let now = T0;
  let windowEnd = 0;
  let used = 0;
  let book: RateLimitBook = {};
  let lastCallAt: number | undefined;
  const made: Call[] = [];
  for (let i = 0; i < calls; i++) {
    const plan = planNextCall(getWindow(book, SERVER, 'GET', PATH), now, {}, lastCallAt, calls - i);
    now += plan.waitMs;
    lastCallAt = now;
    if (now >= windowEnd) {
      windowEnd = now + period;
      used = 0;
    }
    const status = used >= limit ? 429 : 200;
    if (status === 200) used++;
    now += latency;
    book = observe(book, {
      server: SERVER,
      method: 'GET',
      path: PATH,
      status,
      headers: {
        'X-RateLimit-Limit': String(limit),
        'X-RateLimit-Remaining': String(limit - used),
        'X-RateLimit-Reset': String(windowEnd),
      },
      transport: 'proxy',
      bypass: false,
      receivedAt: now,
    });
    made.push({ at: lastCallAt - T0, status, remaining: limit - used, reason: plan.reason });
  }
  return made;
}

describe('spreadDueAt', () => {
  it('spaces the calls left evenly until the end of the window, the same gap from call to call', () => {
    // 4 calls left, 50 s to go: one every 10 s, the last 10 s before the end.
    expect(spreadDueAt(0, 50_000, 4)).toBe(10_000);
    expect(spreadDueAt(10_000, 50_000, 3)).toBe(20_000);
    expect(spreadDueAt(40_000, 50_000, 0)).toBe(40_000);
    // A window already over: no wait from spreading.
    expect(spreadDueAt(60_000, 50_000, 3)).toBe(60_000);
  });
});

describe('the pacing schedule of a fetch-all', () => {
  it('spreads 10 calls per 60 s over the window instead of spending them in the first seconds', () => {
    const calls = schedule(10, 60_000, 25);
    expect(calls.filter((c) => c.status === 429)).toEqual([]);
    const first = calls.slice(0, 10);
    // Evenly spaced over the window (plus the 1 s margin): 61 s / 10 = 6.1 s apart.
    expect(first.map((c) => c.at)).toEqual([0, 6100, 12200, 18300, 24400, 30500, 36600, 42700, 48800, 54900]);
    expect(first.slice(1).every((c) => c.reason === 'spread')).toBe(true);
    // The route keeps calls in hand for most of the window: 0 left only in its last seconds.
    expect(calls.find((c) => c.remaining === 0)?.at).toBeGreaterThanOrEqual(50_000);
    // The next window opens after the reset and is spread the same way.
    expect(calls[10]).toMatchObject({ at: 61_000, reason: 'window-exhausted' });
    expect(calls[11]!.at - calls[10]!.at).toBe(6100);
  });

  it('goes at once when the calls still needed fit in what the window has left', () => {
    // 25 calls at 10 per window: the third window needs 5, so it is not spread.
    const last = schedule(10, 60_000, 25).slice(20);
    expect(last.map((c) => c.reason)).toEqual(['window-exhausted', 'go', 'go', 'go', 'go']);
    expect(last.map((c) => c.at - last[0]!.at)).toEqual([0, 0, 0, 0, 0]);
    // A run that fits in the first window never waits.
    expect(schedule(10, 60_000, 10).every((c) => c.at === 0 && c.status === 200)).toBe(true);
  });

  it('property: spread or not, no 429 and no wait longer than a window', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }), // limit
        fc.integer({ min: 1_000, max: 90_000 }), // window length
        fc.integer({ min: 1, max: 60 }), // calls to make
        fc.integer({ min: 0, max: 2_000 }), // latency per call
        (limit, period, count, latency) => {
          const calls = schedule(limit, period, count, latency);
          expect(calls.filter((c) => c.status === 429)).toEqual([]);
          for (const [i, call] of calls.entries()) {
            const previous = calls[i - 1];
            if (previous) expect(call.at - previous.at).toBeLessThanOrEqual(period + 1000 + latency);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
