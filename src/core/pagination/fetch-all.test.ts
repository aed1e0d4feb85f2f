// A real HTTP peer on 127.0.0.1:0 (the team rule: no mocks of HTTP peers). The test server plays a
// Rocket.Chat list route with its limiter; it reads time from the same manual clock as the driver,
// so the pacing is exercised deterministically, without sleeping.
import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../rate-limit/pacing';
import { estimateTimeLeft, fetchAllPages, type FetchAllProgress, type PageResponse } from './fetch-all';
import { emptyWindow } from '../rate-limit/model';

interface PeerOptions {
  users: number;
  maxCount: number;
  limit: number;
  windowMs: number;
  now: () => number;
  /** Calls at which the server inserts a user at the front (pages shift). */
  insertAtCall?: number[];
  /** Answer the first N calls with 429 regardless of budget (another client spent it). */
  forced429?: number;
  /** Fail with 500 at this call number. */
  failAtCall?: number;
  /** Send no rate-limit headers (limiter off). */
  noLimiter?: boolean;
}

let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function startPeer(
  o: PeerOptions,
): Promise<{ url: string; calls: () => number; tooMany: () => number }> {
  let users = Array.from({ length: o.users }, (_, i) => ({
    _id: `u${String(i).padStart(6, '0')}`,
    username: `user${i}`,
  }));
  let windowEnd = 0;
  let used = 0;
  let calls = 0;
  let tooMany = 0;
  server = createServer((req, res) => {
    calls++;
    const url = new URL(req.url ?? '/', 'http://x');
    const now = o.now();
    if (now >= windowEnd) {
      windowEnd = now + o.windowMs;
      used = 0;
    }
    // The Date header follows the manual clock too, or the driver would (rightly) see a clock skew.
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'cache-control': 'no-store',
      date: new Date(now).toUTCString(),
    };
    const forced = o.forced429 !== undefined && calls <= o.forced429;
    if (!o.noLimiter) {
      if (forced) used = o.limit;
      if (used >= o.limit) {
        tooMany++;
        const wait = Math.ceil((windowEnd - now) / 1000);
        res.writeHead(429, {
          ...headers,
          'x-ratelimit-limit': String(o.limit),
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': String(windowEnd),
        });
        res.end(
          JSON.stringify({
            success: false,
            error: `Error, too many requests. Please slow down. You must wait ${wait} seconds before trying this endpoint again. [error-too-many-requests]`,
          }),
        );
        return;
      }
      used++;
      Object.assign(headers, {
        'x-ratelimit-limit': String(o.limit),
        'x-ratelimit-remaining': String(o.limit - used),
        'x-ratelimit-reset': String(windowEnd),
      });
    }
    if (o.failAtCall === calls) {
      res.writeHead(500, headers);
      res.end(JSON.stringify({ success: false, error: 'Internal server error' }));
      return;
    }
    if (o.insertAtCall?.includes(calls)) users = [{ _id: `new${calls}`, username: `new${calls}` }, ...users];
    const offset = Number(url.searchParams.get('offset') ?? 0);
    const asked = Number(url.searchParams.get('count') ?? 50);
    const count = asked === 0 ? users.length : Math.min(asked, o.maxCount);
    const page = users.slice(offset, offset + count);
    res.writeHead(200, headers);
    res.end(JSON.stringify({ users: page, count: page.length, offset, total: users.length, success: true }));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { url: `http://127.0.0.1:${address.port}`, calls: () => calls, tooMany: () => tooMany };
}

function fetcher(base: string) {
  return async (offset: number, count: number, signal?: AbortSignal): Promise<PageResponse> => {
    const res = await fetch(`${base}/api/v1/users.list?offset=${offset}&count=${count}`, { signal });
    return { status: res.status, headers: res.headers, body: (await res.json()) as unknown };
  };
}

const T0 = 1_780_000_000_000;

function rateLimit(url: string) {
  return {
    server: url,
    method: 'GET',
    path: '/api/v1/users.list',
    transport: 'proxy' as const,
    bypass: false,
  };
}

describe('fetchAllPages against a real local server', () => {
  it('gets every item through a 5-calls-per-20-s limiter without a single 429, waiting for resets', async () => {
    const clock = createManualClock(T0);
    const peer = await startPeer({ users: 1234, maxCount: 100, limit: 5, windowMs: 20_000, now: clock.now });
    const progress: FetchAllProgress[] = [];
    const result = await fetchAllPages({
      fetchPage: fetcher(peer.url),
      pageSize: 100,
      clock,
      rateLimit: rateLimit(peer.url),
      onProgress: (p) => progress.push(p),
    });
    expect(result.outcome).toBe('complete');
    expect(result.items).toHaveLength(1234);
    expect(result.listField).toBe('users');
    expect(result.pages).toBe(13);
    expect(result.tooManyRequests).toBe(0);
    expect(peer.tooMany()).toBe(0);
    expect(peer.calls()).toBe(13);
    // 13 calls at 5 per window: two waits for a reset.
    expect(progress.filter((p) => p.waiting?.reason === 'window-exhausted')).toHaveLength(2);
    expect(result.waitedMs).toBeGreaterThanOrEqual(2 * 20_000);
    expect(progress.at(-1)).toMatchObject({ pagesDone: 13, pagesTotal: 13, items: 1234, total: 1234 });
  });

  it('follows a clamped count (asked 500, server max 100) without skipping items, and reports the clamp', async () => {
    const clock = createManualClock(T0);
    const peer = await startPeer({ users: 250, maxCount: 100, limit: 100, windowMs: 60_000, now: clock.now });
    const result = await fetchAllPages({
      fetchPage: fetcher(peer.url),
      pageSize: 500,
      clock,
      rateLimit: rateLimit(peer.url),
    });
    expect(result.items).toHaveLength(250);
    expect(result.pages).toBe(3);
    expect(result.clamp).toMatchObject({ kind: 'clamped', requested: 500, serverMax: 100 });
  });

  it('dedupes by _id when an insert shifts the pages, and says the total changed', async () => {
    const clock = createManualClock(T0);
    const peer = await startPeer({
      users: 300,
      maxCount: 100,
      limit: 100,
      windowMs: 60_000,
      now: clock.now,
      insertAtCall: [2],
    });
    const result = await fetchAllPages({
      fetchPage: fetcher(peer.url),
      pageSize: 100,
      clock,
      rateLimit: rateLimit(peer.url),
    });
    expect(result.outcome).toBe('complete');
    expect(result.duplicates).toBe(1);
    expect(result.totalChanged).toBe(true);
    const ids = result.items.map((u) => (u as { _id: string })._id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(300); // every original user once (the new one sorted before the offset is missed)
  });

  it('honours a 429 that comes anyway: waits what the body says, then retries the same offset', async () => {
    const clock = createManualClock(T0);
    const peer = await startPeer({
      users: 150,
      maxCount: 100,
      limit: 5,
      windowMs: 20_000,
      now: clock.now,
      forced429: 1,
    });
    const progress: FetchAllProgress[] = [];
    const result = await fetchAllPages({
      fetchPage: fetcher(peer.url),
      pageSize: 100,
      clock,
      rateLimit: rateLimit(peer.url),
      onProgress: (p) => progress.push(p),
    });
    expect(result.outcome).toBe('complete');
    expect(result.items).toHaveLength(150);
    expect(result.tooManyRequests).toBe(1);
    expect(progress[0]?.waiting?.reason).toBe('too-many-requests');
    expect(clock.sleeps[0]).toBeGreaterThanOrEqual(20_000);
  });

  it('gives up after repeated 429s, keeping what it has', async () => {
    const clock = createManualClock(T0);
    const peer = await startPeer({
      users: 150,
      maxCount: 100,
      limit: 5,
      windowMs: 20_000,
      now: clock.now,
      forced429: 100,
    });
    const result = await fetchAllPages({
      fetchPage: fetcher(peer.url),
      pageSize: 100,
      clock,
      rateLimit: rateLimit(peer.url),
      maxTooManyRetries: 2,
    });
    expect(result.outcome).toBe('failed');
    expect(result.error?.status).toBe(429);
    expect(result.tooManyRequests).toBe(3);
  });

  it('stops on a 5xx with the cause in words and the items so far', async () => {
    const clock = createManualClock(T0);
    const peer = await startPeer({
      users: 300,
      maxCount: 100,
      limit: 100,
      windowMs: 60_000,
      now: clock.now,
      failAtCall: 2,
    });
    const result = await fetchAllPages({
      fetchPage: fetcher(peer.url),
      pageSize: 100,
      clock,
      rateLimit: rateLimit(peer.url),
    });
    expect(result.outcome).toBe('failed');
    expect(result.items).toHaveLength(100);
    expect(result.error).toMatchObject({
      status: 500,
      message: expect.stringContaining('Internal server error'),
    });
  });

  it('cancels during a rate-limit wait and returns the partial result', async () => {
    const clock = createManualClock(T0);
    const peer = await startPeer({ users: 1000, maxCount: 100, limit: 2, windowMs: 60_000, now: clock.now });
    const controller = new AbortController();
    const result = await fetchAllPages({
      fetchPage: fetcher(peer.url),
      pageSize: 100,
      clock,
      signal: controller.signal,
      rateLimit: rateLimit(peer.url),
      onProgress: (p) => {
        // The wait for the reset (the wait before the second call only spreads the window's two calls).
        if (p.waiting?.reason === 'window-exhausted') controller.abort();
      },
    });
    expect(result.outcome).toBe('cancelled');
    expect(result.items).toHaveLength(200);
    expect(peer.calls()).toBe(2);
  });

  it('runs without waits when the server sends no rate-limit headers (limiter off)', async () => {
    const clock = createManualClock(T0);
    const peer = await startPeer({
      users: 420,
      maxCount: 100,
      limit: 0,
      windowMs: 1,
      now: clock.now,
      noLimiter: true,
    });
    const result = await fetchAllPages({
      fetchPage: fetcher(peer.url),
      pageSize: 100,
      clock,
      rateLimit: rateLimit(peer.url),
    });
    expect(result.items).toHaveLength(420);
    expect(result.window.state.kind).toBe('not-limited');
    expect(clock.sleeps).toEqual([]);
  });
});

describe('fetchAllPages safety limit', () => {
  it('stops at maxPages and says so instead of claiming completion', async () => {
    const clock = createManualClock(T0);
    const peer = await startPeer({ users: 500, maxCount: 100, limit: 100, windowMs: 60_000, now: clock.now });
    const result = await fetchAllPages({
      fetchPage: fetcher(peer.url),
      pageSize: 100,
      clock,
      rateLimit: rateLimit(peer.url),
      maxPages: 2,
    });
    expect(result.outcome).toBe('failed');
    expect(result.items).toHaveLength(200);
    expect(result.error?.message).toContain('safety limit of 2');
  });
});

describe('estimateTimeLeft', () => {
  it('adds the waits for the windows needed beyond the budget', () => {
    const window = {
      ...emptyWindow('http://s', 'GET', '/x'),
      state: {
        kind: 'limited' as const,
        limit: 5,
        remaining: 2,
        resetAt: T0 + 10_000,
        resetAtLocal: T0 + 10_000,
        resetUnit: 'epoch-ms' as const,
      },
    };
    expect(estimateTimeLeft(2, 100, window, T0, 20_000)).toBe(200);
    // 8 calls: 2 now, wait 10 s, 5 in the next window, wait 20 s, 1 more.
    expect(estimateTimeLeft(8, 100, window, T0, 20_000)).toBe(800 + 10_000 + 20_000);
    expect(estimateTimeLeft(0, 100, window, T0)).toBe(0);
  });
});
