/**
 * The auth flows against the real sandbox (started in-process on a free port), sent the way the
 * app sends them: prepareRequest + executeRequest, here with the direct transport.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGuardrails, generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../core/auth';
import { startSandbox, type SandboxHandle } from '../../sandbox/server';
import { createApiCaller, type ApiCall, type ApiCaller } from './api';
import {
  bypassFromRoles,
  listTokens,
  readBypass,
  signIn,
  signOut,
  tokenAction,
  verifyToken,
  type SignedIn,
} from './session';

const TOTP_SECRET = 'JBSWY3DPEHPK3PXP';
// The sandbox's documented secret is 10 bytes, the size authenticator apps commonly used;
// otplib 13 requires 16 unless told otherwise.
const guardrails = createGuardrails({ MIN_SECRET_BYTES: 10 });
let sandbox: SandboxHandle;
let call: ApiCaller;
const calls: ApiCall[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({
    port: 0,
    host: '127.0.0.1',
    seedUsers: 10,
    env: {},
    settings: { API_Enable_Rate_Limiter_Limit_Calls_Default: 1000 },
  });
  const direct = createApiCaller(() => ({ kind: 'direct' }));
  call = (c) => {
    calls.push(c);
    return direct(c);
  };
});
afterAll(async () => {
  await sandbox?.close();
});

async function signedIn(user: string, password = user): Promise<SignedIn> {
  const result = await signIn(call, sandbox.url, { kind: 'user', user, password });
  if (result.kind !== 'ok') throw new Error(`sign-in as ${user} failed: ${JSON.stringify(result)}`);
  return result.value;
}

describe('sign in', () => {
  it.each([
    ['{user, password}', { kind: 'user', user: 'demo', password: 'demo' }],
    ['{user, password} with an e-mail', { kind: 'user', user: 'demo@sandbox.rocket.chat', password: 'demo' }],
    ['{user:{username}}', { kind: 'userObject', by: 'username', value: 'demo', password: 'demo' }],
    [
      '{user:{email}}',
      { kind: 'userObject', by: 'email', value: 'demo@sandbox.rocket.chat', password: 'demo' },
    ],
    ['{username}', { kind: 'username', username: 'demo', password: 'demo' }],
    ['{email}', { kind: 'email', email: 'demo@sandbox.rocket.chat', password: 'demo' }],
    ['{user, password:{digest}}', { kind: 'user', user: 'demo', password: 'demo', encoding: 'sha-256' }],
  ] as const)('accepts the %s body and returns the user', async (_name, input) => {
    const result = await signIn(call, sandbox.url, input);
    expect(result.kind).toBe('ok');
    if (result.kind !== 'ok') return;
    expect(result.value.username).toBe('demo');
    expect(result.value.roles).toEqual(['user']);
    expect(result.value.credentials.authToken.length).toBeGreaterThan(30);
  });

  it('diagnoses a wrong password as wrong credentials, without leaking the password', async () => {
    const result = await signIn(call, sandbox.url, {
      kind: 'user',
      user: 'admin',
      password: 'not-the-password',
    });
    expect(result.kind).toBe('refused');
    if (result.kind !== 'refused') return;
    expect(result.status).toBe(401);
    expect(result.diagnosis.cause).toBe('wrong-credentials');
    expect(JSON.stringify(result.diagnosis)).not.toContain('not-the-password');
  });

  it('asks the totp account for a code, then accepts the computed one in x-2fa headers', async () => {
    const first = await signIn(call, sandbox.url, { kind: 'user', user: 'totp', password: 'totp' });
    expect(first.kind).toBe('two-factor');
    if (first.kind !== 'two-factor') return;
    expect(first.challenge.method).toBe('totp');
    expect(first.challenge.atLogin).toBe(true);
    const wrong = await signIn(
      call,
      sandbox.url,
      { kind: 'user', user: 'totp', password: 'totp' },
      { code: '000000', method: 'totp' },
    );
    expect(wrong.kind === 'two-factor' && wrong.challenge.kind).toBe('invalid');
    const code = await generate({ secret: TOTP_SECRET, guardrails });
    const second = await signIn(
      call,
      sandbox.url,
      { kind: 'user', user: 'totp', password: 'totp' },
      { code, method: 'totp' },
    );
    expect(second.kind).toBe('ok');
    expect(second.kind === 'ok' && second.value.username).toBe('totp');
    const last = calls.at(-1);
    expect(last?.twoFactor).toEqual({ code, method: 'totp' });
  });

  it('signs in again with the resume token of a session', async () => {
    const session = await signedIn('demo');
    const result = await signIn(call, sandbox.url, { kind: 'resume', token: session.credentials.authToken });
    expect(result.kind === 'ok' && result.value.credentials.userId).toBe(session.credentials.userId);
  });
});

describe('verify token and rate-limit bypass', () => {
  it('reads the user and roles from /me and the bypass from permissions.listAll', async () => {
    const admin = await signedIn('admin');
    const result = await verifyToken(call, sandbox.url, admin.credentials);
    expect(result.kind).toBe('ok');
    if (result.kind !== 'ok') return;
    expect(result.value.username).toBe('admin');
    expect(result.value.roles).toContain('admin');
    expect(result.value.bypass.bypasses).toBe(true);
    // The sandbox serves permissions.listAll, so the answer comes from the server, not the defaults.
    expect(result.value.bypass.source).toBe('server');
    expect(result.value.bypass.grantingRoles).toEqual(['admin', 'bot', 'app']);
    const demo = await signedIn('demo');
    const demoBypass = await readBypass(call, sandbox.url, demo.credentials, ['user']);
    expect(demoBypass.bypasses).toBe(false);
  });

  it('infers the bypass from the default roles, and says so, when permissions cannot be read', async () => {
    const refusing = createServer((_req, res) => {
      res.writeHead(404, { 'Content-Type': 'application/json' });
      res.end('{"success":false,"error":"Resource not found"}');
    });
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(refusing.address() as AddressInfo).port}`;
      const bot = await readBypass(call, url, { userId: 'u', authToken: 't' }, ['bot']);
      expect(bot).toEqual({
        bypasses: true,
        source: 'default-roles',
        grantingRoles: ['admin', 'bot', 'app'],
      });
      expect((await readBypass(call, url, { userId: 'u', authToken: 't' }, ['user'])).bypasses).toBe(false);
    } finally {
      await new Promise<void>((resolve) => refusing.close(() => resolve()));
    }
  });

  it('decides from the granting roles', () => {
    expect(bypassFromRoles(['bot'], ['admin', 'bot', 'app'])).toBe(true);
    expect(bypassFromRoles(['user', 'livechat-agent'], ['admin', 'bot', 'app'])).toBe(false);
    expect(bypassFromRoles(['user'], ['user'])).toBe(true);
  });

  it('diagnoses a user ID that belongs to someone else as invalid credentials', async () => {
    const admin = await signedIn('admin');
    const demo = await signedIn('demo');
    const result = await verifyToken(call, sandbox.url, {
      userId: demo.credentials.userId,
      authToken: admin.credentials.authToken,
    });
    expect(result.kind).toBe('refused');
    expect(result.kind === 'refused' && result.diagnosis.cause).toBe('token-invalid');
  });
});

describe('personal access tokens', () => {
  it('generates with the password 2FA fallback, lists, works as credentials, regenerates, and is revoked by remove', async () => {
    const admin = await signedIn('admin');
    const action = { kind: 'generate', tokenName: 'ci-token', bypassTwoFactor: false } as const;
    const challenged = await tokenAction(call, sandbox.url, admin.credentials, action);
    expect(challenged.kind).toBe('two-factor');
    if (challenged.kind !== 'two-factor') return;
    expect(challenged.challenge.method).toBe('password');
    expect(challenged.challenge.atLogin).toBe(false);
    const answer = { code: await sha256Hex('admin'), method: 'password' };
    const generated = await tokenAction(call, sandbox.url, admin.credentials, action, answer);
    expect(generated.kind).toBe('ok');
    if (generated.kind !== 'ok' || generated.value === null) throw new Error('no token');
    const pat = { userId: admin.credentials.userId, authToken: generated.value };

    const list = await listTokens(call, sandbox.url, admin.credentials);
    expect(list.kind === 'ok' && list.value.map((t) => t.name)).toEqual(['ci-token']);
    expect(list.kind === 'ok' && list.value[0]?.lastTokenPart).toBe(generated.value.slice(-6));

    expect((await verifyToken(call, sandbox.url, pat)).kind).toBe('ok');

    const regenerated = await tokenAction(
      call,
      sandbox.url,
      admin.credentials,
      { kind: 'regenerate', tokenName: 'ci-token' },
      answer,
    );
    expect(regenerated.kind === 'ok' && regenerated.value).not.toBe(generated.value);
    const old = await verifyToken(call, sandbox.url, pat);
    expect(old.kind === 'refused' && old.diagnosis.cause).toBe('token-invalid');

    const removed = await tokenAction(
      call,
      sandbox.url,
      admin.credentials,
      { kind: 'remove', tokenName: 'ci-token' },
      answer,
    );
    expect(removed).toEqual({ kind: 'ok', value: null });
    const after = await listTokens(call, sandbox.url, admin.credentials);
    expect(after.kind === 'ok' && after.value).toEqual([]);
  });
});

describe('sign out', () => {
  it('revokes the token on the server', async () => {
    const demo = await signedIn('demo');
    const result = await signOut(call, sandbox.url, demo.credentials);
    expect(result.confirmed).toBe(true);
    const after = await verifyToken(call, sandbox.url, demo.credentials);
    expect(after.kind).toBe('refused');
  });

  it('says so when the logout call fails, instead of pretending', async () => {
    const result = await signOut(call, 'http://127.0.0.1:1', {
      userId: 'x'.repeat(17),
      authToken: 'y'.repeat(43),
    });
    expect(result.confirmed).toBe(false);
    expect(result.message).toMatch(/logout call failed/);
  });

  it('says so when the server refuses the logout', async () => {
    const result = await signOut(call, sandbox.url, {
      userId: 'sandboxDemoUser01',
      authToken: 'revokedTokenRevokedTokenRevokedToken123456',
    });
    expect(result.confirmed).toBe(false);
    expect(result.message).toMatch(/refused the logout/);
  });
});
