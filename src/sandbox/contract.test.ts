// Contract tests: exact bodies and headers of the reference's error table, login variants, 2FA,
// pagination and the query/fields parameters, over real HTTP.
import { createHash } from 'node:crypto';
import { generateSync, createGuardrails } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOTP_SECRET } from './accounts';
import type { SandboxHandle } from './server';
import { call, login, start } from './test-helpers';

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');
const totpCode = (): string =>
  generateSync({ secret: TOTP_SECRET, guardrails: createGuardrails({ MIN_SECRET_BYTES: 10 }) });

let sb: SandboxHandle;
let admin: Record<string, string>;
let demo: Record<string, string>;

beforeAll(async () => {
  sb = await start(
    { API_Enable_Rate_Limiter: false },
    {
      extraRoutes: [
        {
          method: 'GET',
          path: '/api/v1/test.throw',
          summary: 'throws',
          tags: [],
          auth: false,
          handler: () => {
            throw new Error('secret internal detail at /home/x/file.ts:1');
          },
        },
      ],
    },
  );
  admin = await login(sb.url, 'admin', 'admin');
  demo = await login(sb.url, 'demo', 'demo');
});
afterAll(async () => {
  await sb.close();
});

describe('error table', () => {
  it('400 Meteor.Error failure carries "reason [code]", errorType', async () => {
    const r = await call(sb.url, 'GET', '/api/v1/channels.info?roomName=no-such-room', { headers: demo });
    expect(r.status).toBe(400);
    expect(r.text).toBe(
      '{"success":false,"error":"The required \\"roomId\\" or \\"roomName\\" param provided does not match any channel [error-room-not-found]","errorType":"error-room-not-found"}',
    );
  });

  it('400 invalid-params on legacy routes: must be number / must NOT have additional properties', async () => {
    const a = await call(sb.url, 'GET', '/api/v1/channels.list?count=abc', { headers: demo });
    expect(a.status).toBe(400);
    expect(a.text).toBe(
      '{"success":false,"error":"must be number [invalid-params]","errorType":"invalid-params"}',
    );
    const b = await call(sb.url, 'GET', '/api/v1/users.list?foo=1', { headers: demo });
    expect(b.status).toBe(400);
    expect(b.text).toBe(
      '{"success":false,"error":"must NOT have additional properties [invalid-params]","errorType":"invalid-params"}',
    );
  });

  it('400 error-invalid-params on typed routes (query) and invalid-params (body)', async () => {
    const q = await call(sb.url, 'GET', '/api/v1/dm.list?count=abc', { headers: demo });
    expect(q.status).toBe(400);
    expect(q.text).toBe('{"success":false,"errorType":"error-invalid-params","error":"must be number"}');
    const b = await call(sb.url, 'POST', '/api/v1/dm.create', {
      headers: demo,
      body: { username: 5, extra: true },
    });
    expect(b.status).toBe(400);
    expect(b.json).toMatchObject({ success: false, errorType: 'invalid-params' });
    expect(Object.keys(b.json)).toEqual(['success', 'errorType', 'error']);
  });

  it('401 without or with a wrong token', async () => {
    const expected =
      '{"success":false,"error":"You must be logged in to do this.","status":"error","message":"You must be logged in to do this."}';
    const none = await call(sb.url, 'GET', '/api/v1/me');
    expect(none.status).toBe(401);
    expect(none.text).toBe(expected);
    const wrong = await call(sb.url, 'GET', '/api/v1/me', {
      headers: { 'X-User-Id': admin['X-User-Id'] as string, 'X-Auth-Token': 'nope' },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.text).toBe(expected);
    const otherUser = await call(sb.url, 'GET', '/api/v1/me', {
      headers: { 'X-User-Id': demo['X-User-Id'] as string, 'X-Auth-Token': admin['X-Auth-Token'] as string },
    });
    expect(otherUser.status).toBe(401);
  });

  it('403 missing permission', async () => {
    const r = await call(sb.url, 'POST', '/api/v1/users.create', {
      headers: demo,
      body: { email: 'x@example.com', name: 'X', password: 'x', username: 'x-user' },
    });
    expect(r.status).toBe(403);
    expect(r.text).toBe(
      '{"success":false,"error":"User does not have the permissions required for this action [error-unauthorized]"}',
    );
  });

  it('404 unknown route, known path with another method', async () => {
    for (const [method, path] of [
      ['GET', '/api/v1/no.such.endpoint'],
      ['DELETE', '/api/v1/me'],
      ['GET', '/'],
    ] as const) {
      const r = await call(sb.url, method, path);
      expect(r.status).toBe(404);
      expect(r.text).toBe('{"success":false,"error":"Resource not found"}');
    }
  });

  it('500 never leaks the exception', async () => {
    const r = await call(sb.url, 'GET', '/api/v1/test.throw');
    expect(r.status).toBe(500);
    expect(r.text).toBe('{"success":false,"error":"Internal server error"}');
  });

  it('every answer has Cache-Control: no-store and JSON content type', async () => {
    for (const path of ['/api/info', '/api/v1/me', '/api/v1/nope', '/api/v1/channels.list?count=x']) {
      const r = await call(sb.url, 'GET', path, { headers: demo });
      expect(r.headers.get('cache-control')).toBe('no-store');
      expect(r.headers.get('content-type')).toBe('application/json');
    }
  });
});

describe('login', () => {
  const variants: [string, unknown][] = [
    ['user string', { user: 'demo', password: 'demo' }],
    ['user email', { user: 'demo@sandbox.rocket.chat', password: 'demo' }],
    ['user.username', { user: { username: 'demo' }, password: 'demo' }],
    ['user.email', { user: { email: 'demo@sandbox.rocket.chat' }, password: 'demo' }],
    ['username', { username: 'demo', password: 'demo' }],
    ['email', { email: 'demo@sandbox.rocket.chat', password: 'demo' }],
    ['hashed password', { user: 'demo', password: { hashed: sha256('demo') } }],
    [
      'digest password',
      { user: { username: 'demo' }, password: { digest: sha256('demo'), algorithm: 'sha-256' } },
    ],
  ];
  for (const [name, body] of variants) {
    it(`accepts ${name}`, async () => {
      const r = await call(sb.url, 'POST', '/api/v1/login', { body });
      expect(r.status).toBe(200);
      expect(Object.keys(r.json)).toEqual(['status', 'data', 'success']);
      const data = r.json.data as Record<string, unknown>;
      expect(Object.keys(data)).toEqual(['userId', 'authToken', 'me']);
      expect(data.userId).toBe('sandboxDemoUser01');
      expect((data.me as Record<string, unknown>).username).toBe('demo');
    });
  }

  it('resume returns the same token', async () => {
    const r = await call(sb.url, 'POST', '/api/v1/login', { body: { resume: demo['X-Auth-Token'] } });
    expect(r.status).toBe(200);
    expect((r.json.data as Record<string, unknown>).authToken).toBe(demo['X-Auth-Token']);
  });

  it('wrong credentials and unknown users give the same 401', async () => {
    const expected = '{"success":false,"error":"Unauthorized","status":"error","message":"Unauthorized"}';
    for (const body of [
      { user: 'demo', password: 'wrong' },
      { user: 'nobody-here', password: 'x' },
      { resume: 'bad' },
      {},
      { user: 'demo', password: 'demo', extra: 1 },
    ]) {
      const r = await call(sb.url, 'POST', '/api/v1/login', { body });
      expect(r.status).toBe(401);
      expect(r.text).toBe(expected);
    }
  });

  it('TOTP: 401 totp-required, then body code or x-2fa-code header', async () => {
    const challenge = await call(sb.url, 'POST', '/api/v1/login', {
      body: { user: 'totp', password: 'totp' },
    });
    expect(challenge.status).toBe(401);
    expect(challenge.text).toBe(
      '{"success":false,"error":"totp-required","status":"error","details":{"method":"totp","codeGenerated":false,"availableMethods":["totp"]},"message":"TOTP Required"}',
    );
    const invalid = await call(sb.url, 'POST', '/api/v1/login', {
      body: { user: 'totp', password: 'totp', code: '000000' === totpCode() ? '111111' : '000000' },
    });
    expect(invalid.status).toBe(401);
    expect(invalid.json.error).toBe('totp-invalid');
    const viaBody = await call(sb.url, 'POST', '/api/v1/login', {
      body: { user: 'totp', password: 'totp', code: totpCode() },
    });
    expect(viaBody.status).toBe(200);
    const viaHeader = await call(sb.url, 'POST', '/api/v1/login', {
      body: { user: 'totp', password: 'totp' },
      headers: { 'x-2fa-code': totpCode(), 'x-2fa-method': 'totp' },
    });
    expect(viaHeader.status).toBe(200);
  });

  it('logout invalidates the token', async () => {
    const h = await login(sb.url, 'bot', 'bot');
    const out = await call(sb.url, 'POST', '/api/v1/logout', { headers: h });
    expect(out.text).toBe('{"status":"success","data":{"message":"You\'ve been logged out!"}}');
    expect((await call(sb.url, 'GET', '/api/v1/me', { headers: h })).status).toBe(401);
  });

  it('me is the user document plus email, settings, avatarUrl', async () => {
    const r = await call(sb.url, 'GET', '/api/v1/me', { headers: demo });
    expect(r.json).toMatchObject({
      _id: 'sandboxDemoUser01',
      username: 'demo',
      email: 'demo@sandbox.rocket.chat',
      success: true,
    });
    expect(r.json.avatarUrl).toBe(`${sb.url}/avatar/demo`);
    expect(JSON.stringify(r.json)).not.toContain('sha256');
  });

  // Rocket.Chat miscellaneous.ts "[/info]": signed out, major.minor only; the full version and the
  // build details only for an admin (getServerInfo, view-statistics).
  it('/api/info anonymous, as a user and as an admin', async () => {
    expect((await call(sb.url, 'GET', '/api/info')).text).toBe('{"version":"8.1","success":true}');
    expect((await call(sb.url, 'GET', '/api/info', { headers: demo })).text).toBe(
      '{"version":"8.1","success":true}',
    );
    const r = await call(sb.url, 'GET', '/api/info', { headers: admin });
    expect(r.json.version).toBe('8.1.0');
    expect(Object.keys(r.json.info as object)).toEqual([
      'version',
      'build',
      'commit',
      'marketplaceApiVersion',
    ]);
  });
});

describe('second factor on endpoints and personal access tokens', () => {
  it('TOTP user: 400 totp-required, then headers; the PAT works like a login token', async () => {
    const h = await login(sb.url, 'totp', 'totp').catch(async () => {
      const r = await call(sb.url, 'POST', '/api/v1/login', {
        body: { user: 'totp', password: 'totp', code: totpCode() },
      });
      const d = r.json.data as { userId: string; authToken: string };
      return { 'X-User-Id': d.userId, 'X-Auth-Token': d.authToken };
    });
    const challenge = await call(sb.url, 'POST', '/api/v1/users.generatePersonalAccessToken', {
      headers: h,
      body: { tokenName: 'ci' },
    });
    expect(challenge.status).toBe(400);
    expect(challenge.text).toBe(
      '{"success":false,"error":"TOTP Required [totp-required]","errorType":"totp-required","details":{"method":"totp","codeGenerated":false,"availableMethods":["totp"]}}',
    );
    const ok = await call(sb.url, 'POST', '/api/v1/users.generatePersonalAccessToken', {
      headers: { ...h, 'x-2fa-code': totpCode(), 'x-2fa-method': 'totp' },
      body: { tokenName: 'ci', bypassTwoFactor: true },
    });
    expect(ok.status).toBe(200);
    const token = ok.json.token as string;
    const me = await call(sb.url, 'GET', '/api/v1/me', {
      headers: { 'X-User-Id': h['X-User-Id'] as string, 'X-Auth-Token': token },
    });
    expect(me.json.username).toBe('totp');
    const list = await call(sb.url, 'GET', '/api/v1/users.getPersonalAccessTokens', { headers: h });
    expect(list.json.tokens).toEqual([
      { name: 'ci', createdAt: expect.any(String), lastTokenPart: token.slice(-6), bypassTwoFactor: true },
    ]);
  });

  it('user without 2FA: password fallback (x-2fa-method password, code = sha256 of the password)', async () => {
    const h = await login(sb.url, 'demo', 'demo');
    const challenge = await call(sb.url, 'POST', '/api/v1/users.generatePersonalAccessToken', {
      headers: h,
      body: { tokenName: 'cli' },
    });
    expect(challenge.status).toBe(400);
    expect(challenge.text).toBe(
      '{"success":false,"error":"TOTP Required [totp-required]","errorType":"totp-required","details":{"method":"password","codeGenerated":false,"availableMethods":[]}}',
    );
    const wrong = await call(sb.url, 'POST', '/api/v1/users.generatePersonalAccessToken', {
      headers: { ...h, 'x-2fa-code': sha256('nope'), 'x-2fa-method': 'password' },
      body: { tokenName: 'cli' },
    });
    expect(wrong.json.errorType).toBe('totp-invalid');
    const ok = await call(sb.url, 'POST', '/api/v1/users.generatePersonalAccessToken', {
      headers: { ...h, 'x-2fa-code': sha256('demo'), 'x-2fa-method': 'password' },
      body: { tokenName: 'cli' },
    });
    expect(ok.status).toBe(200);
    const again = await call(sb.url, 'POST', '/api/v1/users.regeneratePersonalAccessToken', {
      headers: h,
      body: { tokenName: 'cli' },
    });
    expect(again.status).toBe(200);
    expect(
      (
        await call(sb.url, 'GET', '/api/v1/me', {
          headers: { 'X-User-Id': h['X-User-Id'] as string, 'X-Auth-Token': ok.json.token as string },
        })
      ).status,
    ).toBe(401);
    const removed = await call(sb.url, 'POST', '/api/v1/users.removePersonalAccessToken', {
      headers: h,
      body: { tokenName: 'cli' },
    });
    expect(removed.text).toBe('{"success":true}');
  });
});
