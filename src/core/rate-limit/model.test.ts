import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  effectiveRemaining,
  getWindow,
  meterValues,
  observe,
  rateLimitText,
  routeKey,
  secondsUntilReset,
  headerReachOf,
  windowKey,
  type RateLimitBook,
  type RateLimitObservation,
} from './model';
import { createManualClock, planNextCall } from './pacing';

const SERVER = 'http://127.0.0.1:4100';
const T0 = 1_780_000_000_000;

function limitedHeaders(limit: number, remaining: number, reset: number): Record<string, string> {
  return {
    'X-RateLimit-Limit': String(limit),
    'X-RateLimit-Remaining': String(remaining),
    'X-RateLimit-Reset': String(reset),
  };
}

function obs(partial: Partial<RateLimitObservation>): RateLimitObservation {
  return {
    server: SERVER,
    method: 'GET',
    path: '/api/v1/users.list',
    status: 200,
    headers: {},
    transport: 'proxy',
    bypass: false,
    receivedAt: T0,
    ...partial,
  };
}

describe('keys', () => {
  it('ignore the query string, the hash, the origin and the method case', () => {
    expect(routeKey('get', '/api/v1/users.list?count=5&offset=10#x')).toBe('GET /api/v1/users.list');
    expect(routeKey('GET', 'http://127.0.0.1:4100/api/v1/users.list?count=5')).toBe('GET /api/v1/users.list');
    expect(windowKey(`${SERVER}/`, 'post', 'api/v1/login')).toBe(`${SERVER} POST /api/v1/login`);
    expect(windowKey(SERVER, 'GET', '/api/v1/users.list')).not.toBe(
      windowKey(SERVER, 'POST', '/api/v1/users.list'),
    );
  });
});

describe('headerReachOf', () => {
  it('a direct call is cross-origin unless the server is the page origin', () => {
    expect(headerReachOf('proxy', SERVER, 'http://127.0.0.1:4000')).toBe('proxy');
    expect(headerReachOf('direct', SERVER, 'http://127.0.0.1:4000')).toBe('cross-origin');
    expect(headerReachOf('direct', `${SERVER}/`, SERVER)).toBe('same-origin');
    expect(headerReachOf('direct', 'not a url', SERVER)).toBe('cross-origin');
  });
});

describe('observe: states', () => {
  it('limited from headers, with a countdown and a meter', () => {
    const book = observe({}, obs({ headers: limitedHeaders(10, 7, T0 + 42_000) }));
    const w = getWindow(book, SERVER, 'GET', '/api/v1/users.list?offset=50');
    expect(w.state).toMatchObject({ kind: 'limited', limit: 10, remaining: 7, resetAtLocal: T0 + 42_000 });
    expect(secondsUntilReset(w, T0)).toBe(42);
    expect(secondsUntilReset(w, T0 + 41_001)).toBe(1);
    expect(secondsUntilReset(w, T0 + 50_000)).toBe(0);
    expect(meterValues(w, T0)).toEqual({ value: 7, max: 10 });
    expect(rateLimitText(w, T0 + 500)).toBe('7 of 10 left, resets in 42 s');
    // After the reset the next call opens a fresh window: the full budget is available again.
    expect(effectiveRemaining(w, T0 + 42_000)).toBe(10);
    expect(rateLimitText(w, T0 + 60_000)).toBe('10 of 10 left');
  });

  it('a successful proxied or same-origin response without headers means not limited', () => {
    for (const transport of ['proxy', 'same-origin'] as const) {
      const w = getWindow(observe({}, obs({ transport })), SERVER, 'GET', '/api/v1/users.list');
      expect(w.state.kind).toBe('not-limited');
      expect(rateLimitText(w, T0)).toBe('not limited');
      expect(meterValues(w, T0)).toBeNull();
      expect(secondsUntilReset(w, T0)).toBeNull();
    }
  });

  it('bypassed when the user has api-bypass-rate-limit, even cross-origin', () => {
    const w = getWindow(
      observe({}, obs({ bypass: true, transport: 'cross-origin' })),
      SERVER,
      'GET',
      '/api/v1/users.list',
    );
    expect(rateLimitText(w, T0)).toBe('bypassed');
  });

  it('hidden by CORS for a direct cross-origin response without headers, whatever the status', () => {
    for (const status of [200, 400, 401]) {
      const w = getWindow(
        observe({}, obs({ transport: 'cross-origin', status })),
        SERVER,
        'GET',
        '/api/v1/users.list',
      );
      expect(rateLimitText(w, T0)).toBe('hidden by CORS');
    }
  });

  it('headers win over the bypass input and the transport (the server is the authority)', () => {
    const w = getWindow(
      observe(
        {},
        obs({ bypass: true, transport: 'cross-origin', headers: limitedHeaders(10, 9, T0 + 1000) }),
      ),
      SERVER,
      'GET',
      '/api/v1/users.list',
    );
    expect(w.state.kind).toBe('limited');
  });

  it('unknown before any response; a 401, a network error or a proxy error keep the previous state', () => {
    expect(rateLimitText(getWindow({}, SERVER, 'GET', '/x'), T0)).toBe('unknown');
    let book: RateLimitBook = observe({}, obs({ headers: limitedHeaders(10, 3, T0 + 5000) }));
    const before = book;
    book = observe(book, obs({ status: 401, receivedAt: T0 + 1 }));
    book = observe(book, obs({ status: 0, receivedAt: T0 + 2 }));
    book = observe(
      book,
      obs({ status: 502, headers: { 'X-Explorer-Proxy-Error': 'upstream-unreachable' }, receivedAt: T0 + 3 }),
    );
    expect(book).toBe(before);
  });

  it('malformed headers are unknown with a reason', () => {
    const w = getWindow(
      observe({}, obs({ headers: { 'X-RateLimit-Limit': 'ten' } })),
      SERVER,
      'GET',
      '/api/v1/users.list',
    );
    expect(w.state).toMatchObject({ kind: 'unknown', reason: expect.stringContaining('X-RateLimit-Limit') });
  });

  it('corrects a large clock skew seen in the Date header, and ignores a small one', () => {
    const serverNow = T0 - 60_000; // the server's clock is a minute behind ours
    const skewed = observe(
      {},
      obs({
        headers: { ...limitedHeaders(10, 0, serverNow + 30_000), Date: new Date(serverNow).toUTCString() },
      }),
    );
    expect(secondsUntilReset(getWindow(skewed, SERVER, 'GET', '/api/v1/users.list'), T0)).toBe(30);
    const close = observe(
      {},
      obs({ headers: { ...limitedHeaders(10, 0, T0 + 30_000), Date: new Date(T0 - 900).toUTCString() } }),
    );
    expect(getWindow(close, SERVER, 'GET', '/api/v1/users.list').state).toMatchObject({
      resetAtLocal: T0 + 30_000,
    });
  });

  it('keeps a bounded history of remaining, oldest first', () => {
    let book: RateLimitBook = {};
    for (let i = 0; i < 30; i++) {
      book = observe(book, obs({ headers: limitedHeaders(100, 99 - i, T0 + 60_000), receivedAt: T0 + i }), {
        historySize: 5,
      });
    }
    const w = getWindow(book, SERVER, 'GET', '/api/v1/users.list');
    expect(w.history.map((s) => s.remaining)).toEqual([74, 73, 72, 71, 70]);
  });

  it('a 429 blocks the window for the wait in its body, and says so even when headers are hidden', () => {
    const body = {
      success: false,
      error:
        'Error, too many requests. Please slow down. You must wait 42 seconds before trying this endpoint again. [error-too-many-requests]',
    };
    const book = observe({}, obs({ status: 429, transport: 'cross-origin', body }));
    const w = getWindow(book, SERVER, 'GET', '/api/v1/users.list');
    expect(w.blockedUntil).toBe(T0 + 42_000);
    expect(w.lastTooManyRequests?.waitSeconds).toBe(42);
    expect(rateLimitText(w, T0)).toBe('hidden by CORS, too many requests: resets in 42 s');
    expect(planNextCall(w, T0, { marginMs: 0 })).toMatchObject({
      waitMs: 42_000,
      reason: 'too-many-requests',
    });
  });
});

describe('planNextCall', () => {
  it('goes while budget remains, waits for the reset (plus margin) when remaining is 0', () => {
    const open = getWindow(
      observe({}, obs({ headers: limitedHeaders(10, 1, T0 + 20_000) })),
      SERVER,
      'GET',
      '/api/v1/users.list',
    );
    expect(planNextCall(open, T0)).toMatchObject({ waitMs: 0, reason: 'go' });
    const spent = getWindow(
      observe({}, obs({ headers: limitedHeaders(10, 0, T0 + 20_000) })),
      SERVER,
      'GET',
      '/api/v1/users.list',
    );
    expect(planNextCall(spent, T0, { marginMs: 250 })).toMatchObject({
      waitMs: 20_250,
      reason: 'window-exhausted',
      until: T0 + 20_250,
    });
    expect(planNextCall(spent, T0 + 20_250, { marginMs: 250 }).reason).toBe('go');
    expect(planNextCall(open, T0, { reserve: 1 }).reason).toBe('window-exhausted');
    expect(planNextCall(undefined, T0).reason).toBe('blind');
    expect(planNextCall(open, T0 + 100, { minIntervalMs: 500 }, T0)).toMatchObject({
      waitMs: 400,
      reason: 'min-interval',
    });
  });

  it('property: a paced fetch-all earns no 429 once it has seen the headers, and never waits needlessly long', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 12 }), // limit
        fc.integer({ min: 1_000, max: 90_000 }), // window length
        fc.integer({ min: 1, max: 60 }), // calls to make
        fc.integer({ min: 0, max: 30_000 }), // when the server's window started before us
        fc.integer({ min: 0, max: 2_000 }), // latency per call
        async (limit, period, calls, startOffset, latency) => {
          const clock = createManualClock(T0);
          // Fixed window as Rocket.Chat keeps it: the first call opens a window of `period` ms.
          let windowEnd = T0 - startOffset + period;
          let used = Math.min(limit, Math.floor(startOffset / 1000) % (limit + 1));
          let book: RateLimitBook = {};
          const tooManyAt: number[] = [];
          for (let i = 0; i < calls; i++) {
            const plan = planNextCall(getWindow(book, SERVER, 'GET', '/api/v1/users.list'), clock.now());
            await clock.sleep(plan.waitMs);
            const now = clock.now();
            if (now >= windowEnd) {
              windowEnd = now + period;
              used = 0;
            }
            let status = 200;
            if (used >= limit) {
              status = 429;
              tooManyAt.push(i);
            } else used++;
            clock.advance(latency);
            book = observe(
              book,
              obs({
                status,
                headers: limitedHeaders(limit, limit - used, windowEnd),
                receivedAt: clock.now(),
              }),
            );
          }
          // Only the very first call is blind (another client may have spent the window before us);
          // from then on the headers (or that 429) tell the planner when to go.
          expect(tooManyAt.filter((i) => i > 0)).toEqual([]);
          // No wait is longer than one window plus the margin.
          for (const wait of clock.sleeps) expect(wait).toBeLessThanOrEqual(period + 1000);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('property: secondsUntilReset never increases as time passes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 120_000 }),
        fc.integer({ min: 0, max: 200_000 }),
        fc.integer({ min: 0, max: 200_000 }),
        (reset, a, b) => {
          const w = getWindow(
            observe({}, obs({ headers: limitedHeaders(10, 0, T0 + reset) })),
            SERVER,
            'GET',
            '/api/v1/users.list',
          );
          const [early, late] = a <= b ? [a, b] : [b, a];
          expect(secondsUntilReset(w, T0 + late)!).toBeLessThanOrEqual(secondsUntilReset(w, T0 + early)!);
          expect(secondsUntilReset(w, T0 + late)!).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });
});
