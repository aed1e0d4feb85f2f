// The failed-login block: the counting rules with a hand-moved clock, then the login route over
// real HTTP (exact 401 bodies, which logins are checked, the settings).
import { afterEach, describe, expect, it } from 'vitest';
import { LoginAttempts, countsAsFailure } from './login-attempts';
import type { SandboxHandle } from './server';
import { Settings } from './settings';
import { call, start } from './test-helpers';

const MINUTE = 60_000;

describe('LoginAttempts counting', () => {
  let now = 0;
  const attempts = () => new LoginAttempts(() => now);
  const settings = (s: Record<string, unknown> = {}) =>
    new Settings({
      Block_Multiple_Failed_Logins_Attempts_Until_Block_by_User: 3,
      Block_Multiple_Failed_Logins_Attempts_Until_Block_By_Ip: 5,
      ...s,
    });

  it('blocks a username once its failures in the window reach the limit; the IP stays under its own', () => {
    now = 0;
    const a = attempts();
    const s = settings();
    for (let i = 0; i < 2; i++) a.recordFailure(s, '10.0.0.1', 'alice');
    expect(a.check(s, '10.0.0.1', 'alice')).toBeNull();
    a.recordFailure(s, '10.0.0.1', 'alice');
    expect(a.check(s, '10.0.0.1', 'alice')).toBe('user');
    expect(a.check(s, '10.0.0.1', 'bob')).toBeNull();
    expect(a.check(s, '10.0.0.1', undefined)).toBeNull();
  });

  it('counts over a sliding window: the block ends when the oldest counted failure leaves it', () => {
    now = 0;
    const a = attempts();
    const s = settings();
    for (const t of [0, 1, 2]) {
      now = t * MINUTE;
      a.recordFailure(s, '10.0.0.1', 'alice');
    }
    now = 5 * MINUTE - 1;
    expect(a.check(s, '10.0.0.1', 'alice')).toBe('user');
    // 5 minutes after the first of the three failures, only two are left in the window.
    now = 5 * MINUTE + 1;
    expect(a.check(s, '10.0.0.1', 'alice')).toBeNull();
    a.recordFailure(s, '10.0.0.1', 'alice');
    expect(a.check(s, '10.0.0.1', 'alice')).toBe('user');
  });

  it('a success resets the count of that username and of that IP, not of others', () => {
    now = 0;
    const a = attempts();
    const s = settings();
    for (let i = 0; i < 2; i++) a.recordFailure(s, '10.0.0.1', 'alice');
    for (let i = 0; i < 2; i++) a.recordFailure(s, '10.0.0.1', 'bob');
    now = 1;
    a.recordSuccess(s, '10.0.0.1', 'alice');
    now = 2;
    for (let i = 0; i < 2; i++) a.recordFailure(s, '10.0.0.1', 'alice');
    expect(a.check(s, '10.0.0.1', 'alice')).toBeNull();
    a.recordFailure(s, '10.0.0.1', 'bob');
    expect(a.check(s, '10.0.0.1', 'bob')).toBe('user');
  });

  it('per IP across usernames (unknown names included), IP checked first; the whitelist is split on bare commas', () => {
    now = 0;
    const a = attempts();
    const s = settings({ Block_Multiple_Failed_Logins_Ip_Whitelist: '10.0.0.9, 10.0.0.2' });
    for (const name of ['u1', 'u2', 'u3', 'u4', 'ghost']) a.recordFailure(s, '10.0.0.1', name);
    expect(a.check(s, '10.0.0.1', 'someone-else')).toBe('ip');
    for (let i = 0; i < 3; i++) a.recordFailure(s, '10.0.0.1', 'carol');
    expect(a.check(s, '10.0.0.1', 'carol')).toBe('ip');
    expect(a.check(s, '10.0.0.3', 'carol')).toBe('user');
    for (const ip of ['10.0.0.9', '10.0.0.2']) for (let i = 0; i < 5; i++) a.recordFailure(s, ip, undefined);
    expect(a.check(s, '10.0.0.9', undefined)).toBeNull();
    // " 10.0.0.2" (with the space) is what the list holds, as in Rocket.Chat.
    expect(a.check(s, '10.0.0.2', undefined)).toBe('ip');
  });

  it('off switches: Enabled, By_User, By_Ip, and a limit of 0 ("misconfigured": never blocks)', () => {
    now = 0;
    const a = attempts();
    const s = settings();
    for (let i = 0; i < 5; i++) a.recordFailure(s, '10.0.0.1', 'alice');
    expect(a.check(s, '10.0.0.1', 'alice')).toBe('ip');
    expect(
      a.check(settings({ Block_Multiple_Failed_Logins_Enabled: false }), '10.0.0.1', 'alice'),
    ).toBeNull();
    expect(a.check(settings({ Block_Multiple_Failed_Logins_By_Ip: false }), '10.0.0.1', 'alice')).toBe(
      'user',
    );
    expect(
      a.check(
        settings({
          Block_Multiple_Failed_Logins_Attempts_Until_Block_By_Ip: 0,
          Block_Multiple_Failed_Logins_Attempts_Until_Block_by_User: 0,
        }),
        '10.0.0.1',
        'alice',
      ),
    ).toBeNull();
    // While disabled nothing is remembered either.
    const off = settings({ Block_Multiple_Failed_Logins_Enabled: false });
    const b = attempts();
    for (let i = 0; i < 5; i++) b.recordFailure(off, '10.0.0.1', 'alice');
    expect(b.check(s, '10.0.0.1', 'alice')).toBeNull();
  });

  it('2FA challenges and the user block’s own refusals are not counted; everything else is', () => {
    expect(countsAsFailure('totp-required')).toBe(false);
    expect(countsAsFailure('error-login-blocked-for-user')).toBe(false);
    for (const e of [
      'Unauthorized',
      'totp-invalid',
      'error-user-is-not-activated',
      'error-login-blocked-for-ip',
    ])
      expect(countsAsFailure(e)).toBe(true);
  });
});

describe('POST /api/v1/login with the block', () => {
  let sb: SandboxHandle | undefined;
  afterEach(async () => {
    await sb?.close();
    sb = undefined;
  });

  const BLOCKED_USER =
    '{"success":false,"error":"error-login-blocked-for-user","status":"error","details":{"function":"Accounts.validateLoginAttempt"},"message":"Login has been temporarily blocked For User"}';
  const BLOCKED_IP =
    '{"success":false,"error":"error-login-blocked-for-ip","status":"error","details":{"function":"Accounts.validateLoginAttempt"},"message":"Login has been temporarily blocked For IP"}';
  const UNAUTHORIZED = '{"success":false,"error":"Unauthorized","status":"error","message":"Unauthorized"}';

  // The login route's own rate limit (10 per minute) would answer 429 first.
  const boot = async (settings: Record<string, unknown> = {}) =>
    (sb = await start({ API_Enable_Rate_Limiter: false, ...settings }, { seedUsers: 20 }));
  const post = (body: unknown, headers?: Record<string, string>) =>
    call((sb as SandboxHandle).url, 'POST', '/api/v1/login', { body, ...(headers && { headers }) });
  const fail = async (user: string, times: number) => {
    for (let i = 0; i < times; i++) expect((await post({ user, password: 'wrong' })).text).toBe(UNAUTHORIZED);
  };

  it('user: blocked after 10 wrong passwords by default, the right password included, with the exact body', async () => {
    await boot();
    await fail('demo', 10);
    const blocked = await post({ user: 'demo', password: 'demo' });
    expect(blocked.status).toBe(401);
    expect(blocked.text).toBe(BLOCKED_USER);
    expect((await post({ username: 'demo', password: 'demo' })).text).toBe(BLOCKED_USER);
    expect((await post({ user: { username: 'demo' }, password: 'demo' })).text).toBe(BLOCKED_USER);
    // Other accounts from the same IP are not affected (10 failures is under the IP's 50).
    expect((await post({ user: 'admin', password: 'admin' })).status).toBe(200);
  });

  it('user: only logins by username are checked (Rocket.Chat passes no username for e-mail or 2FA-code logins)', async () => {
    await boot({ Block_Multiple_Failed_Logins_Attempts_Until_Block_by_User: 3 });
    await fail('demo', 3);
    expect((await post({ user: 'demo', password: 'demo' })).text).toBe(BLOCKED_USER);
    expect((await post({ user: 'demo@sandbox.rocket.chat', password: 'demo' })).status).toBe(200);
    await fail('totp', 3);
    expect((await post({ user: 'totp', password: 'totp' })).text).toBe(BLOCKED_USER);
    // With a code the user block is skipped and the 2FA check decides.
    const withCode = await post({ user: 'totp', password: 'totp', code: 'not-a-code' });
    expect(withCode.json.error).toBe('totp-invalid');
  });

  it('user: unblocks once the window has passed (fractional minutes, as Rocket.Chat accepts them)', async () => {
    await boot({
      Block_Multiple_Failed_Logins_Attempts_Until_Block_by_User: 2,
      Block_Multiple_Failed_Logins_Time_To_Unblock_By_User_In_Minutes: 0.01,
    });
    await fail('demo', 2);
    expect((await post({ user: 'demo', password: 'demo' })).text).toBe(BLOCKED_USER);
    await new Promise((r) => setTimeout(r, 700));
    expect((await post({ user: 'demo', password: 'demo' })).status).toBe(200);
  });

  it('user: a successful login resets the count; 2FA challenges do not count', async () => {
    await boot({ Block_Multiple_Failed_Logins_Attempts_Until_Block_by_User: 3 });
    await fail('demo', 2);
    expect((await post({ user: 'demo', password: 'demo' })).status).toBe(200);
    await fail('demo', 2);
    expect((await post({ user: 'demo', password: 'demo' })).status).toBe(200);
    await fail('demo', 3);
    expect((await post({ user: 'demo', password: 'demo' })).text).toBe(BLOCKED_USER);
    for (let i = 0; i < 4; i++)
      expect((await post({ user: 'totp', password: 'totp' })).json.error).toBe('totp-required');
  });

  it('IP: failures of any usernames, unknown ones included, block every login from that IP, resume too', async () => {
    await boot({
      Block_Multiple_Failed_Logins_Attempts_Until_Block_By_Ip: 4,
      Block_Multiple_Failed_Logins_Time_To_Unblock_By_Ip_In_Minutes: 0.01,
    });
    const ok = await post({ user: 'admin', password: 'admin' });
    const token = (ok.json.data as { authToken: string }).authToken;
    await fail('demo', 2);
    await fail('nobody-here', 2);
    const blocked = await post({ user: 'bot', password: 'bot' });
    expect(blocked.status).toBe(401);
    expect(blocked.text).toBe(BLOCKED_IP);
    expect((await post({ resume: token })).text).toBe(BLOCKED_IP);
    await new Promise((r) => setTimeout(r, 700));
    expect((await post({ user: 'bot', password: 'bot' })).status).toBe(200);
  });

  it('IP: a whitelisted address is never blocked by IP', async () => {
    await boot({
      Block_Multiple_Failed_Logins_Attempts_Until_Block_By_Ip: 2,
      Block_Multiple_Failed_Logins_Ip_Whitelist: '192.0.2.1,127.0.0.1',
    });
    for (const name of ['a1', 'a2', 'a3', 'a4', 'a5']) await fail(name, 1);
    expect((await post({ user: 'demo', password: 'demo' })).status).toBe(200);
  });

  it('Block_Multiple_Failed_Logins_Enabled=false turns it off', async () => {
    await boot({ Block_Multiple_Failed_Logins_Enabled: 'false' });
    await fail('demo', 60);
    expect((await post({ user: 'demo', password: 'demo' })).status).toBe(200);
  });
});
