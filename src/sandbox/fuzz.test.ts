// Fuzz: random methods, paths (known routes and junk), query strings, headers and bodies.
// Property: never a 500, never a crash, always JSON with Cache-Control: no-store (text for OPTIONS).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allRoutes } from './routes';
import type { SandboxHandle } from './server';
import { SHOWCASE } from './showcase';
import { login, start } from './test-helpers';

let sb: SandboxHandle;
let auth: Record<string, string>;
beforeAll(async () => {
  sb = await start({ API_Enable_Rate_Limiter: false, ALLOW_UNSAFE_QUERY_AND_FIELDS_API_PARAMS: true });
  auth = await login(sb.url, 'admin', 'admin');
});
afterAll(async () => {
  await sb.close();
});

const paths = allRoutes().map((r) => r.path);
const keys = [
  'count',
  'offset',
  'sort',
  'query',
  'fields',
  'roomId',
  'roomName',
  'userId',
  'username',
  'msgId',
  'text',
  'type',
  'status',
  'latest',
  'oldest',
  'filter',
  '_id',
  'updatedSince',
  'searchText',
  'includeUserRooms',
  'status[]',
  '__proto__',
  'constructor',
];
const values = fc.oneof(
  fc.string(),
  fc.integer().map(String),
  fc.constantFrom(
    '{"name":1}',
    '{"name":-1}',
    '{"$where":"1"}',
    '{"username":{"$regex":"^a"}}',
    '{"$or":[{"a":1}]}',
    '{"ts":{"$date":"2020-01-01T00:00:00Z"}}',
    'null',
    '[]',
    '{',
    '0',
    '-1',
    'NaN',
    '1e309',
    'general',
    '{"a":{"$gt":1}}',
    '{"__proto__":{"x":1}}',
    '{"username":{"$regex":"("}}',
    '{"$or":5}',
    '{"$x":1}',
    '{"a":{"$options":"i"}}',
    '{"username":{"$regex":"a","$options":"zz"}}',
  ),
);
const jsonish = fc.oneof(
  fc.jsonValue(),
  fc.dictionary(
    fc.constantFrom(
      'name',
      'text',
      'roomId',
      'channel',
      'msgId',
      'username',
      'user',
      'password',
      'resume',
      'code',
      'message',
      'data',
      'tokenName',
      'members',
      'topic',
      'email',
      'pass',
      'userId',
      '__proto__',
    ),
    fc.jsonValue(),
  ),
);

/**
 * Requests per property, 5,000 in all: enough to reach odd corners on every CI run while keeping
 * the file within a few seconds' budget (the 100,000-request run is done by hand with FUZZ_RUNS).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 2500);

describe('fuzz', () => {
  it('never answers 5xx and never crashes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'),
        fc.oneof(
          fc.constantFrom(...paths),
          fc.string().map((s) => `/api/v1/${s}`),
          fc.webPath(),
        ),
        fc.array(fc.tuple(fc.constantFrom(...keys), values), { maxLength: 5 }),
        fc.option(jsonish),
        fc.boolean(),
        fc.constantFrom('application/json', 'application/x-www-form-urlencoded', 'text/plain', ''),
        async (method, path, query, body, withAuth, contentType) => {
          const qs = new URLSearchParams(query).toString();
          const headers: Record<string, string> = {
            ...(withAuth ? auth : {}),
            ...(contentType && { 'Content-Type': contentType }),
          };
          const init: RequestInit = { method, headers };
          if (body !== null && method !== 'GET' && method !== 'HEAD')
            init.body =
              contentType === 'application/x-www-form-urlencoded'
                ? new URLSearchParams(query).toString()
                : JSON.stringify(body);
          const res = await fetch(
            `${sb.url}${path.startsWith('/') ? path : `/${path}`}${qs ? `?${qs}` : ''}`,
            init,
          );
          const text = await res.text();
          expect(res.status, `${method} ${path}?${qs} ${text.slice(0, 200)}`).toBeLessThan(500);
          expect(res.headers.get('cache-control')).toBe('no-store');
          if (method !== 'OPTIONS' && method !== 'HEAD') expect(() => JSON.parse(text)).not.toThrow();
        },
      ),
      { numRuns: RUNS, seed: 20261127 },
    );
    // Still alive and answering.
    expect((await fetch(`${sb.url}/api/info`)).status).toBe(200);
  }, 120_000);

  it('never answers 5xx for schema-shaped inputs to each route (reaches the handlers)', async () => {
    const routes = allRoutes().filter((r) => r.path !== '/api/v1/logout');
    const propsOf = (schema: unknown): string[] => {
      const s = schema as
        { properties?: Record<string, unknown>; oneOf?: unknown[]; anyOf?: unknown[] } | undefined;
      if (!s) return [];
      return [
        ...Object.keys(s.properties ?? {}),
        ...[...(s.oneOf ?? []), ...(s.anyOf ?? [])].flatMap(propsOf),
      ];
    };
    const scalar = fc.oneof(
      fc.string({ maxLength: 20 }),
      fc.integer({ min: -5, max: 500 }),
      fc.boolean(),
      fc.constantFrom(
        'GENERAL',
        'general',
        '#general',
        '@demo',
        'demo',
        'sandboxDemoUser01',
        'ci',
        '{"name":1}',
        '',
        'online',
        'users',
        'channels',
        // Showcase ids (showcase.ts), so messages, threads, teams and the webhook are reached too.
        ...Object.values(SHOWCASE),
      ),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        fc.infiniteStream(
          fc.tuple(
            fc.boolean(),
            fc.oneof(
              scalar,
              fc.array(scalar, { maxLength: 3 }),
              fc.dictionary(fc.string({ maxLength: 5 }), scalar),
            ),
          ),
        ),
        async (route, stream) => {
          const keys = [...new Set(propsOf(route.validate))];
          const it = stream[Symbol.iterator]();
          const values: Record<string, unknown> = {};
          for (const k of keys) {
            const [use, v] = it.next().value as [boolean, unknown];
            if (use) values[k] = v;
          }
          let url = `${sb.url}${route.path}`;
          const init: RequestInit = { method: route.method, headers: { ...auth } };
          if (route.method === 'GET') {
            const qs = new URLSearchParams(
              Object.entries(values).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
            ).toString();
            if (qs) url += `?${qs}`;
          } else {
            init.body = JSON.stringify(values);
            (init.headers as Record<string, string>)['Content-Type'] = 'application/json';
          }
          const res = await fetch(url, init);
          const text = await res.text();
          expect(
            res.status,
            `${route.method} ${url} ${init.body ?? ''} -> ${text.slice(0, 200)}`,
          ).toBeLessThan(500);
        },
      ),
      // At least 8 schema-shaped requests per served operation (200 of them); bounded, loopback only.
      { numRuns: Math.max(RUNS, 1600), seed: 424242 },
    );
  }, 180_000);
});
