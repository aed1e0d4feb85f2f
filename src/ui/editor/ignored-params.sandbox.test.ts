// "Apply locally" against the embedded sandbox (the real peer the app talks to), which ignores
// "query" like a default Rocket.Chat 7.0+: applied to page 1 it sees page 1 only; applied to every
// page (fetched within a short real rate-limit window) it finds the matches beyond page 1.
// Real clock; no timing is asserted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildQueryString } from '../../core/http/prepare';
import { fetchAllPages, type PageResponse } from '../../core/pagination/fetch-all';
import { emptyDraft } from '../../core/request/draft';
import { startSandbox, type SandboxHandle } from '../../sandbox/server';
import { applyRunLocally, localResultText, verdictFor } from './ignored-params';

let sandbox: SandboxHandle;
let auth: Record<string, string>;

beforeAll(async () => {
  sandbox = await startSandbox({
    port: 0,
    seedUsers: 60,
    env: {},
    settings: {
      API_Enable_Rate_Limiter_Limit_Calls_Default: 4,
      API_Enable_Rate_Limiter_Limit_Time_Default: 1200,
    },
  });
  const res = await fetch(`${sandbox.url}/api/v1/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user: 'admin', password: 'admin' }),
  });
  const body = (await res.json()) as { data: { userId: string; authToken: string } };
  auth = { 'X-User-Id': body.data.userId, 'X-Auth-Token': body.data.authToken };
});

afterAll(async () => {
  await sandbox?.close();
});

describe('Apply locally after the sandbox ignored "query"', () => {
  it('finds over all pages the matches that page 1 does not hold', async () => {
    // Usernames ending in 1: seeded users 1, 11, 21, ... spread over the whole list.
    const query = '{"username": {"$regex": "1$"}}';
    const draft = {
      ...emptyDraft(sandbox.url, 'GET', '/api/v1/users.list'),
      params: { count: '10' },
      jsonParams: { query, fields: '{"username": 1}', sort: '' },
    };
    const get = async (offset: number, count: number, signal?: AbortSignal) => {
      const search = buildQueryString({
        params: { offset: String(offset), count: String(count) },
        jsonParams: draft.jsonParams,
      });
      return fetch(`${sandbox.url}/api/v1/users.list${search}`, {
        headers: auth,
        ...(signal ? { signal } : {}),
      });
    };

    const first = await get(0, 10);
    const verdict = verdictFor(draft, first.status, await first.text(), 'users');
    expect(verdict?.check.queryIgnored).toBe(true);
    expect(verdict?.page).toMatchObject({ offset: 0, count: 10 });
    const total = verdict!.page!.total;
    expect(total).toBeGreaterThanOrEqual(60); // several pages of 10
    const onPage = applyRunLocally(draft, verdict!.items);
    expect(localResultText(draft, onPage, { kind: 'page', partOfList: true })).toBe(
      `${onPage.matched} of the 10 items on this page ${onPage.matched === 1 ? 'matches' : 'match'} "query"; "fields" applied to ${onPage.matched === 1 ? 'it' : 'them'}.`,
    );

    const all = await fetchAllPages({
      pageSize: 10,
      listField: 'users',
      rateLimit: {
        server: sandbox.url,
        method: 'GET',
        path: '/api/v1/users.list',
        transport: 'same-origin',
        bypass: false,
      },
      pacing: { marginMs: 300 },
      fetchPage: async (offset, count, signal): Promise<PageResponse> => {
        const res = await get(offset, count, signal);
        return { status: res.status, headers: res.headers, body: (await res.json()) as unknown };
      },
    });
    expect(all.outcome, all.error?.message).toBe('complete');
    expect(all.tooManyRequests).toBe(0);
    expect(all.items).toHaveLength(total);
    const everywhere = applyRunLocally(draft, all.items);
    const expected = all.items.filter((u) => /1$/.test((u as { username: string }).username));
    expect(everywhere.matched).toBe(expected.length);
    expect(everywhere.matched).toBeGreaterThan(onPage.matched);
    expect(everywhere.items.every((u) => /1$/.test((u as { username: string }).username))).toBe(true);
    expect(localResultText(draft, everywhere, { kind: 'all-pages', pages: all.pages, complete: true })).toBe(
      `${expected.length} of the ${total} items of all ${Math.ceil(total / 10)} pages match "query"; "fields" applied to them.`,
    );
  });
});
