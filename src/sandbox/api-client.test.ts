// A real Rocket.Chat client (@rocket.chat/api-client) against the running sandbox.
// Note: RestClient appends "/api" to its baseUrl itself, so it is given the server URL.
import { createHash } from 'node:crypto';
import { RestClient } from '@rocket.chat/api-client';
import { createGuardrails, generateSync } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOTP_SECRET } from './accounts';
import type { SandboxHandle } from './server';
import { start } from './test-helpers';

let sb: SandboxHandle;
beforeAll(async () => {
  sb = await start({ API_Enable_Rate_Limiter: false });
});
afterAll(async () => {
  await sb.close();
});

// The client is typed against rest-typings' Endpoints; the sandbox answers plain JSON.
/* eslint-disable @typescript-eslint/no-explicit-any -- responses are read loosely here */
type Loose = {
  get(p: string, q?: unknown): Promise<any>;
  post(p: string, b?: unknown, o?: unknown): Promise<any>;
};
/* eslint-enable @typescript-eslint/no-explicit-any */
const loose = (c: RestClient): Loose => c as unknown as Loose;

async function loggedIn(user: string, password: string): Promise<RestClient> {
  const client = new RestClient({ baseUrl: sb.url });
  const res = await loose(client).post('/v1/login', { user, password });
  client.setCredentials({ 'X-User-Id': res.data.userId, 'X-Auth-Token': res.data.authToken });
  return client;
}

describe('@rocket.chat/api-client', () => {
  it('logs in and reads me', async () => {
    const client = await loggedIn('demo', 'demo');
    const me = await loose(client).get('/v1/me');
    expect(me.username).toBe('demo');
    expect(me.success).toBe(true);
  });

  it('pages through channels.list until total', async () => {
    const client = await loggedIn('demo', 'demo');
    const seen = new Set<string>();
    let offset = 0;
    let total = Infinity;
    while (offset < total) {
      const page = await loose(client).get('/v1/channels.list', { count: 100, offset });
      total = page.total;
      for (const c of page.channels) seen.add(c._id);
      offset += page.count;
      if (page.count === 0) break;
    }
    expect(total).toBe(306); // 300 generated + 6 showcase channels
    expect(seen.size).toBe(306);
  });

  it('posts a message with chat.postMessage', async () => {
    const client = await loggedIn('bot', 'bot');
    const res = await loose(client).post('/v1/chat.postMessage', {
      channel: '#general',
      text: 'from the api-client',
    });
    expect(res.success).toBe(true);
    expect(res.message.msg).toBe('from the api-client');
    const again = await loose(client).get('/v1/chat.getMessage', { msgId: res.message._id });
    expect(again.message.rid).toBe(res.message.rid);
  });

  it('answers a 2FA challenge through handleTwoFactorChallenge (TOTP and password fallback)', async () => {
    const totp = new RestClient({ baseUrl: sb.url });
    const code = () =>
      generateSync({ secret: TOTP_SECRET, guardrails: createGuardrails({ MIN_SECRET_BYTES: 10 }) });
    const login = await loose(totp).post('/v1/login', { user: 'totp', password: 'totp', code: code() });
    totp.setCredentials({ 'X-User-Id': login.data.userId, 'X-Auth-Token': login.data.authToken });
    const asked: string[] = [];
    totp.handleTwoFactorChallenge(async ({ method }) => {
      asked.push(method);
      return code();
    });
    const res = await loose(totp).post('/v1/users.generatePersonalAccessToken', { tokenName: 'api-client' });
    expect(asked).toEqual(['totp']);
    expect(typeof res.token).toBe('string');

    const demo = await loggedIn('demo', 'demo');
    const demoAsked: string[] = [];
    demo.handleTwoFactorChallenge(async ({ method }) => {
      demoAsked.push(method);
      return createHash('sha256').update('demo').digest('hex');
    });
    const pat = await loose(demo).post('/v1/users.generatePersonalAccessToken', { tokenName: 'api-client' });
    expect(demoAsked).toEqual(['password']);
    expect(typeof pat.token).toBe('string');
  });

  it('rejects with the Response for 401', async () => {
    const anon = new RestClient({ baseUrl: sb.url });
    const err = await loose(anon)
      .get('/v1/me')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Response);
    expect((err as Response).status).toBe(401);
  });
});
