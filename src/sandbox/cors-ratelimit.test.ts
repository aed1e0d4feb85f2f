// CORS matrix and the rate limiter (short window) over real HTTP.
import { afterEach, describe, expect, it } from 'vitest';
import type { SandboxHandle } from './server';
import { call, login, start } from './test-helpers';

const ALLOWED =
  'Origin, X-Requested-With, Content-Type, Accept, X-User-Id, X-Auth-Token, x-visitor-token, Authorization';

let sb: SandboxHandle | undefined;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

const preflight = (url: string, origin: string, requestHeaders = 'x-user-id') =>
  fetch(`${url}/api/v1/me`, {
    method: 'OPTIONS',
    headers: {
      Origin: origin,
      'Access-Control-Request-Method': 'GET',
      'Access-Control-Request-Headers': requestHeaders,
    },
  });

describe('CORS', () => {
  it('disabled (default): preflight 405 with the text, simple responses still carry * and the allowed headers', async () => {
    sb = await start();
    const pf = await preflight(sb.url, 'http://elsewhere.example');
    expect(pf.status).toBe(405);
    expect(await pf.text()).toBe('CORS not enabled. Go to "Admin > General > REST Api" to enable it.');
    expect(pf.headers.get('access-control-allow-origin')).toBeNull();
    const r = await call(sb.url, 'GET', '/api/info', { headers: { Origin: 'http://elsewhere.example' } });
    expect(r.headers.get('access-control-allow-origin')).toBe('*');
    expect(r.headers.get('access-control-allow-headers')).toBe(ALLOWED);
    expect(r.headers.get('access-control-expose-headers')).toBeNull();
  });

  it('enabled with *: preflight 200 OK, no x-2fa-* among the allowed headers', async () => {
    sb = await start({ API_Enable_CORS: true, API_CORS_Origin: '*' });
    const pf = await preflight(sb.url, 'http://elsewhere.example', 'x-2fa-code');
    expect(pf.status).toBe(200);
    expect(await pf.text()).toBe('OK');
    expect(pf.headers.get('access-control-allow-origin')).toBe('*');
    expect(pf.headers.get('access-control-allow-methods')).toBe('GET, POST, PUT, DELETE, HEAD, PATCH');
    expect(pf.headers.get('access-control-allow-headers')).toBe(ALLOWED);
    expect(pf.headers.get('access-control-allow-headers')?.toLowerCase()).not.toContain('x-2fa');
    expect(pf.headers.get('access-control-expose-headers')).toBeNull();
    expect(pf.headers.get('vary')).toBeNull();
  });

  it('enabled with an origin list: matching origin echoed with Vary, others 403 Invalid origin', async () => {
    sb = await start({ API_Enable_CORS: 'true', API_CORS_Origin: 'http://a.example, HTTP://B.example' });
    const ok = await preflight(sb.url, 'http://b.example');
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe('http://b.example');
    expect(ok.headers.get('vary')).toBe('Origin');
    const bad = await preflight(sb.url, 'http://c.example');
    expect(bad.status).toBe(403);
    expect(await bad.text()).toBe('Invalid origin');
    expect(bad.headers.get('access-control-allow-origin')).toBeNull();
    const simple = await call(sb.url, 'GET', '/api/info', { headers: { Origin: 'http://c.example' } });
    expect(simple.status).toBe(200);
    expect(simple.headers.get('access-control-expose-headers')).toBeNull();
  });
});

describe('rate limiter', () => {
  it('counts per route+method, 429 with headers after the limit, resets in a new window', async () => {
    sb = await start({
      API_Enable_Rate_Limiter_Limit_Calls_Default: 3,
      API_Enable_Rate_Limiter_Limit_Time_Default: 2000,
    });
    const demo = await login(sb.url, 'demo', 'demo');
    const hit = () => call(sb!.url, 'GET', '/api/v1/channels.list?count=1', { headers: demo });
    const remaining: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await hit();
      expect(r.status).toBe(200);
      expect(r.headers.get('x-ratelimit-limit')).toBe('3');
      remaining.push(r.headers.get('x-ratelimit-remaining') as string);
      const reset = Number(r.headers.get('x-ratelimit-reset'));
      expect(reset).toBeGreaterThan(Date.now() - 5000);
      expect(reset).toBeLessThan(Date.now() + 5000);
    }
    expect(remaining).toEqual(['2', '1', '0']);
    const limited = await hit();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(limited.headers.get('retry-after')).toBeNull();
    expect(limited.text).toMatch(
      /^\{"success":false,"error":"Error, too many requests. Please slow down. You must wait [12] seconds before trying this endpoint again. \[error-too-many-requests\]"\}$/,
    );
    // Another route (and the same path with another method) has its own counter.
    expect((await call(sb.url, 'GET', '/api/v1/me', { headers: demo })).status).toBe(200);
    // Unauthenticated calls to auth-required routes are answered 401 before the limiter counts them.
    const anon = await call(sb.url, 'GET', '/api/v1/channels.list');
    expect(anon.status).toBe(401);
    expect(anon.headers.get('x-ratelimit-limit')).toBeNull();
    await new Promise((r) => setTimeout(r, 2300));
    const fresh = await hit();
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get('x-ratelimit-remaining')).toBe('2');
  });

  it('api-bypass-rate-limit (admin, bot): no limit and no headers', async () => {
    sb = await start({
      API_Enable_Rate_Limiter_Limit_Calls_Default: 2,
      API_Enable_Rate_Limiter_Limit_Time_Default: 60000,
    });
    for (const who of ['admin', 'bot']) {
      const h = await login(sb.url, who, who);
      for (let i = 0; i < 5; i++) {
        const r = await call(sb.url, 'GET', '/api/v1/channels.list?count=1', { headers: h });
        expect(r.status).toBe(200);
        expect(r.headers.get('x-ratelimit-limit')).toBeNull();
      }
    }
  });

  it('own limits: users.updateOwnBasicInfo 1 per 60 s, users.register 1 per interval', async () => {
    sb = await start();
    const demo = await login(sb.url, 'demo', 'demo');
    const first = await call(sb.url, 'POST', '/api/v1/users.updateOwnBasicInfo', {
      headers: demo,
      body: { data: { nickname: 'd1' } },
    });
    expect(first.status).toBe(200);
    expect(first.headers.get('x-ratelimit-limit')).toBe('1');
    const second = await call(sb.url, 'POST', '/api/v1/users.updateOwnBasicInfo', {
      headers: demo,
      body: { data: { nickname: 'd2' } },
    });
    expect(second.status).toBe(429);
    const reg = (n: number) =>
      call(sb!.url, 'POST', '/api/v1/users.register', {
        body: { username: `reg${n}`, email: `reg${n}@example.com`, pass: 'pw', name: `Reg ${n}` },
      });
    expect((await reg(1)).status).toBe(200);
    const again = await reg(2);
    expect(again.status).toBe(429);
    expect(again.headers.get('x-ratelimit-limit')).toBe('1');
  });

  // Rocket.Chat PR #41966 ("regression: add chat.sendMessage rate limiter"): 5 per 1 s on
  // chat.sendMessage, "the same way users.setStatus does" (5 per 60 s in 8.x).
  it('own limits: chat.sendMessage 5 per second, users.setStatus 5 per minute', async () => {
    sb = await start();
    const demo = await login(sb.url, 'demo', 'demo');
    const send = (i: number) =>
      call(sb!.url, 'POST', '/api/v1/chat.sendMessage', {
        headers: demo,
        body: { message: { rid: 'GENERAL', msg: `burst ${i}` } },
      });
    const sent = [];
    for (let i = 0; i < 6; i++) sent.push(await send(i));
    expect(sent.slice(0, 5).map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(sent[0]?.headers.get('x-ratelimit-limit')).toBe('5');
    expect(sent[5]?.status).toBe(429);
    await new Promise((r) => setTimeout(r, 1100));
    expect((await send(7)).status).toBe(200);
    const statuses = [];
    for (let i = 0; i < 6; i++)
      statuses.push(
        await call(sb.url, 'POST', '/api/v1/users.setStatus', { headers: demo, body: { status: 'away' } }),
      );
    expect(statuses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 429]);
    expect(statuses[0]?.headers.get('x-ratelimit-limit')).toBe('5');
  });

  it('disabled by API_Enable_Rate_Limiter=false: no headers', async () => {
    sb = await start({ API_Enable_Rate_Limiter: 'false' });
    const r = await call(sb.url, 'POST', '/api/v1/login', { body: { user: 'demo', password: 'x' } });
    expect(r.headers.get('x-ratelimit-limit')).toBeNull();
  });
});
