// Integration with the embedded Rocket.Chat-compatible sandbox (the real peer the app talks to):
// fetch-all through a short real rate-limit window, and the query/fields honesty check with and
// without ALLOW_UNSAFE_QUERY_AND_FIELDS_API_PARAMS. Real clock; no timing is asserted.
// While the sandbox has no users.list yet, these tests are skipped and say so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from '../../sandbox/server';
import { buildQueryString } from '../http/prepare';
import { checkFields, checkQuery } from '../json-params';
import { didServerApply } from '../json-params/verify';
import { getWindow, observe, type RateLimitBook } from '../rate-limit/model';
import { fetchAllPages, type PageResponse } from './fetch-all';

const WINDOW_MS = 1500;
const LIMIT = 5;

async function login(url: string, user: string, password: string): Promise<Record<string, string>> {
  const res = await fetch(`${url}/api/v1/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user, password }),
  });
  const body = (await res.json()) as { data?: { userId: string; authToken: string } };
  if (!body.data) throw new Error(`login failed: ${res.status}`);
  return { 'X-User-Id': body.data.userId, 'X-Auth-Token': body.data.authToken };
}

let limited: SandboxHandle;
let unsafe: SandboxHandle;
let hasUsersList = false;

beforeAll(async () => {
  const base = { port: 0, seedUsers: 60, env: {} };
  limited = await startSandbox({
    ...base,
    settings: {
      API_Enable_Rate_Limiter_Limit_Calls_Default: LIMIT,
      API_Enable_Rate_Limiter_Limit_Time_Default: WINDOW_MS,
    },
  });
  unsafe = await startSandbox({
    ...base,
    settings: { ALLOW_UNSAFE_QUERY_AND_FIELDS_API_PARAMS: true, API_Enable_Rate_Limiter: false },
  });
  const probe = await fetch(`${limited.url}/api/v1/users.list`);
  hasUsersList = probe.status !== 404;
});

afterAll(async () => {
  await limited?.close();
  await unsafe?.close();
});

describe('against the sandbox', () => {
  it('fetch-all pages through a 5-calls window without a 429 and ends with every user', async (ctx) => {
    if (!hasUsersList) ctx.skip('the sandbox has no users.list yet');
    const auth = await login(limited.url, 'demo', 'demo');
    let book: RateLimitBook = {};
    const result = await fetchAllPages({
      pageSize: 7,
      rateLimit: {
        server: limited.url,
        method: 'GET',
        path: '/api/v1/users.list',
        transport: 'same-origin',
        bypass: false,
      },
      pacing: { marginMs: 300 },
      onObservation: (o) => {
        book = observe(book, o);
      },
      fetchPage: async (offset, count, signal): Promise<PageResponse> => {
        const res = await fetch(`${limited.url}/api/v1/users.list?offset=${offset}&count=${count}`, {
          headers: auth,
          signal,
        });
        return { status: res.status, headers: res.headers, body: (await res.json()) as unknown };
      },
    });
    expect(result.outcome, result.error?.message).toBe('complete');
    expect(result.tooManyRequests).toBe(0);
    expect(result.items).toHaveLength(result.total!);
    expect(result.pages).toBeGreaterThan(LIMIT); // so at least one window reset was waited for
    expect(getWindow(book, limited.url, 'GET', '/api/v1/users.list').state).toMatchObject({
      kind: 'limited',
      limit: LIMIT,
    });
  });

  it('says the query was ignored by default and applied with ALLOW_UNSAFE_QUERY_AND_FIELDS_API_PARAMS=TRUE', async (ctx) => {
    if (!hasUsersList) ctx.skip('the sandbox has no users.list yet');
    const queryText = '{"username": {"$regex": "^demo"}}';
    const fieldsText = '{"username": 1}';
    const query = checkQuery(queryText).value!;
    const fields = checkFields(fieldsText).value!;
    const search = buildQueryString({
      params: { count: '20' },
      jsonParams: { query: queryText, fields: fieldsText, sort: '' },
    });
    const results: Record<string, ReturnType<typeof didServerApply>> = {};
    for (const [name, sandbox] of [
      ['default', limited],
      ['unsafe', unsafe],
    ] as const) {
      const auth = await login(sandbox.url, 'admin', 'admin');
      const res = await fetch(`${sandbox.url}/api/v1/users.list${search}`, { headers: auth });
      const body = (await res.json()) as { users: unknown[] };
      results[name] = didServerApply(query, fields, body.users);
    }
    expect(results.default!.queryIgnored).toBe(true);
    expect(results.default!.fieldsIgnored).toBe(true);
    expect(results.unsafe!.queryIgnored).toBe(false);
    expect(results.unsafe!.fieldsIgnored).toBe(false);
  });
});
