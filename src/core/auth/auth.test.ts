import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  buildLoginBody,
  buildTwoFactorHeaders,
  diagnoseAuth,
  parseLoginSuccess,
  parseTwoFactorChallenge,
  sha256Hex,
} from '.';

const TOKEN = 'Xq3vJ9kLmN2pQ7rS8tU1wY4zA6bC0dE5fG_hI-jKlMn';
const USER_ID = 'rbAXPnMktTFbNpwtJ';
const SHA_ADMIN = '8c6976e5b5410415bde908bd4dee15dfb167a9c873fc4bb8a81f6f2ab448a918';

describe('sha256Hex (WebCrypto)', () => {
  it('matches the published test vectors, lower-case hex', async () => {
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(await sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(await sha256Hex('admin')).toBe(SHA_ADMIN);
    expect(await sha256Hex('pässwörd')).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('login bodies', () => {
  it('builds every variant of the reference', async () => {
    expect(await buildLoginBody({ kind: 'user', user: 'admin', password: 'admin' })).toEqual({
      user: 'admin',
      password: 'admin',
    });
    expect(await buildLoginBody({ kind: 'user', user: ' admin@example.com ', password: 'x' })).toEqual({
      user: 'admin@example.com',
      password: 'x',
    });
    expect(
      await buildLoginBody({ kind: 'userObject', by: 'username', value: 'admin', password: 'admin' }),
    ).toEqual({ user: { username: 'admin' }, password: 'admin' });
    expect(
      await buildLoginBody({ kind: 'userObject', by: 'email', value: 'a@b.c', password: 'admin' }),
    ).toEqual({ user: { email: 'a@b.c' }, password: 'admin' });
    expect(await buildLoginBody({ kind: 'username', username: 'demo', password: 'demo' })).toEqual({
      username: 'demo',
      password: 'demo',
    });
    expect(await buildLoginBody({ kind: 'email', email: 'demo@example.com', password: 'demo' })).toEqual({
      email: 'demo@example.com',
      password: 'demo',
    });
    expect(await buildLoginBody({ kind: 'resume', token: TOKEN })).toEqual({ resume: TOKEN });
  });

  it('sends the password as the Meteor digest form when asked, and a typed code without spaces', async () => {
    expect(
      await buildLoginBody({
        kind: 'username',
        username: 'admin',
        password: 'admin',
        encoding: 'sha-256',
        code: ' 123 456 ',
      }),
    ).toEqual({
      username: 'admin',
      password: { digest: SHA_ADMIN, algorithm: 'sha-256' },
      code: '123456',
    });
  });

  it('reads the login success envelope and nothing else', () => {
    expect(
      parseLoginSuccess({
        status: 'success',
        data: { userId: USER_ID, authToken: TOKEN, me: { username: 'admin' } },
        success: true,
      }),
    ).toEqual({
      userId: USER_ID,
      authToken: TOKEN,
      me: { username: 'admin' },
    });
    expect(parseLoginSuccess({ status: 'error', error: 'Unauthorized' })).toBeUndefined();
    expect(parseLoginSuccess({ status: 'success', data: { userId: '', authToken: TOKEN } })).toBeUndefined();
    expect(parseLoginSuccess('nope')).toBeUndefined();
  });
});

describe('two-factor', () => {
  const loginChallenge = {
    success: false,
    status: 'error',
    error: 'totp-required',
    message: 'TOTP Required',
    details: { method: 'totp', availableMethods: ['totp', 'email'] },
  };
  const endpointChallenge = {
    success: false,
    error: 'TOTP Required [totp-required]',
    errorType: 'totp-required',
    details: { method: 'password', availableMethods: [] },
  };

  it('recognises the 401 login form and the 400 form of other endpoints', () => {
    expect(parseTwoFactorChallenge(401, loginChallenge)).toMatchObject({
      kind: 'required',
      method: 'totp',
      availableMethods: ['totp', 'email'],
      atLogin: true,
    });
    expect(parseTwoFactorChallenge(400, endpointChallenge)).toMatchObject({
      kind: 'required',
      method: 'password',
      atLogin: false,
    });
    expect(
      parseTwoFactorChallenge(400, {
        success: false,
        error: 'TOTP Invalid [totp-invalid]',
        errorType: 'totp-invalid',
        details: { method: 'totp' },
      })?.kind,
    ).toBe('invalid');
    expect(
      parseTwoFactorChallenge(400, {
        error: 'TOTP Maximun Failed Attempts Reached [totp-max-attempts]',
        errorType: 'totp-max-attempts',
        details: { method: 'email', emailOrUsername: 'demo' },
      }),
    ).toMatchObject({ kind: 'max-attempts', method: 'email', emailOrUsername: 'demo' });
  });

  it('is not fooled by other errors or statuses', () => {
    expect(parseTwoFactorChallenge(200, loginChallenge)).toBeUndefined();
    expect(parseTwoFactorChallenge(403, endpointChallenge)).toBeUndefined();
    expect(parseTwoFactorChallenge(401, { error: 'Unauthorized' })).toBeUndefined();
    expect(parseTwoFactorChallenge(400, 'totp-required')).toBeUndefined();
  });

  it('answers with x-2fa-code / x-2fa-method; the password method sends the SHA-256 hex of the password', async () => {
    expect(await buildTwoFactorHeaders('totp', '123 456')).toEqual({
      'x-2fa-code': '123456',
      'x-2fa-method': 'totp',
    });
    expect(await buildTwoFactorHeaders('password', 'admin')).toEqual({
      'x-2fa-code': SHA_ADMIN,
      'x-2fa-method': 'password',
    });
  });
});

describe('diagnosis', () => {
  const notLoggedIn = {
    success: false,
    status: 'error',
    error: 'You must be logged in to do this.',
    message: 'You must be logged in to do this.',
  };
  const both = { 'X-User-Id': USER_ID, 'X-Auth-Token': TOKEN };

  it('header missing: names the missing header, shows the sent one redacted', () => {
    const d = diagnoseAuth({
      requestHeaders: { 'X-User-Id': USER_ID },
      status: 401,
      body: notLoggedIn,
      path: '/api/v1/me',
    });
    expect(d.cause).toBe('header-missing');
    expect(d.title).toMatch(/X-Auth-Token was not sent/);
    expect(d.sentHeaders).toEqual([
      { name: 'X-User-Id', value: 'rbAX…pwtJ' },
      { name: 'X-Auth-Token', value: null },
    ]);
    expect(d.serverSaid).toBe('401: You must be logged in to do this.');
  });

  it('token expired or revoked: says what cannot be told apart; never shows the token', () => {
    const d = diagnoseAuth({
      requestHeaders: both,
      status: 401,
      body: notLoggedIn,
      path: '/api/v1/me',
      meCheck: { status: 401 },
    });
    expect(d.cause).toBe('token-invalid');
    expect(d.explanation).toMatch(/same answer for all three/);
    expect(JSON.stringify(d)).not.toContain(TOKEN);
    expect(d.sentHeaders[1]).toEqual({ name: 'X-Auth-Token', value: 'Xq3v…KlMn' });
  });

  it('user ID and token of different users: detected from the user ID the token came with', () => {
    const d = diagnoseAuth({
      requestHeaders: both,
      status: 401,
      body: notLoggedIn,
      path: '/api/v1/users.list',
      signedInUserId: 'ZZZZotherUserIdZZ',
    });
    expect(d.cause).toBe('user-token-mismatch');
    expect(JSON.stringify(d)).not.toContain(TOKEN);
  });

  it('swapped and malformed headers', () => {
    expect(
      diagnoseAuth({
        requestHeaders: { 'X-User-Id': TOKEN, 'X-Auth-Token': USER_ID },
        status: 401,
        body: notLoggedIn,
      }).cause,
    ).toBe('headers-swapped');
    const d = diagnoseAuth({
      requestHeaders: { 'X-User-Id': USER_ID, 'X-Auth-Token': `${TOKEN}\n` },
      status: 401,
      body: notLoggedIn,
    });
    expect(d.cause).toBe('header-malformed');
    expect(d.title).toMatch(/line break/);
  });

  it('valid credentials (me works) are not blamed', () => {
    expect(
      diagnoseAuth({ requestHeaders: both, status: 401, body: notLoggedIn, meCheck: { status: 200 } }).cause,
    ).toBe('unknown');
  });

  it('permission missing: names the code, and the permission when the server or catalog names it', () => {
    const body = {
      success: false,
      error: 'User does not have the permissions required for this action [error-unauthorized]',
    };
    const d = diagnoseAuth({ requestHeaders: both, status: 403, body });
    expect(d).toMatchObject({ cause: 'permission-missing', errorCode: 'error-unauthorized' });
    expect(d.explanation).toMatch(/did not name the permission/);
    const named = diagnoseAuth({
      requestHeaders: both,
      status: 403,
      body,
      requiredPermissions: ['view-user-administration'],
    });
    expect(named.permissions).toEqual(['view-user-administration']);
    expect(named.nextStep).toMatch(/view-user-administration/);
    expect(
      diagnoseAuth({
        requestHeaders: both,
        status: 400,
        body: { success: false, error: 'Not allowed [error-not-allowed]', errorType: 'error-not-allowed' },
      }).cause,
    ).toBe('permission-missing');
    expect(
      diagnoseAuth({
        requestHeaders: both,
        status: 403,
        body: {
          success: false,
          error: 'unauthorized',
          details: { permissions: ['create-personal-access-tokens'] },
        },
      }).permissions,
    ).toEqual(['create-personal-access-tokens']);
  });

  it('2FA required, invalid and locked', () => {
    const d = diagnoseAuth({
      requestHeaders: { ...both, 'x-2fa-code': '123456', 'x-2fa-method': 'totp' },
      status: 400,
      body: {
        success: false,
        error: 'TOTP Invalid [totp-invalid]',
        errorType: 'totp-invalid',
        details: { method: 'totp' },
      },
    });
    expect(d.cause).toBe('two-factor-invalid');
    expect(d.sentHeaders).toContainEqual({ name: 'x-2fa-code', value: '••••••••' });
    expect(d.sentHeaders).toContainEqual({ name: 'x-2fa-method', value: 'totp' });
    expect(
      diagnoseAuth({
        requestHeaders: {},
        status: 401,
        path: '/api/v1/login',
        body: { error: 'totp-required', details: { method: 'totp' } },
      }).cause,
    ).toBe('two-factor-required');
  });

  it('login: wrong password, blocked by IP or user', () => {
    const wrong = diagnoseAuth({
      requestHeaders: {},
      status: 401,
      path: '/api/v1/login',
      body: { success: false, status: 'error', error: 'Unauthorized', message: 'Unauthorized' },
    });
    expect(wrong.cause).toBe('wrong-credentials');
    expect(
      diagnoseAuth({
        requestHeaders: {},
        status: 401,
        path: '/api/v1/login',
        body: {
          status: 'error',
          error: 'error-login-blocked-for-ip',
          message: 'Login has been temporarily blocked For IP',
        },
      }).cause,
    ).toBe('login-blocked-ip');
    expect(
      diagnoseAuth({
        requestHeaders: {},
        status: 401,
        path: '/api/v1/login',
        body: {
          status: 'error',
          error: 'error-login-blocked-for-user',
          message: 'Login has been temporarily blocked For User',
        },
      }).cause,
    ).toBe('login-blocked-user');
  });

  it('rate limited: wait from the message, else from X-RateLimit-Reset (epoch ms)', () => {
    const body = {
      success: false,
      error:
        'Error, too many requests. Please slow down. You must wait 42 seconds before trying this endpoint again. [error-too-many-requests]',
    };
    expect(diagnoseAuth({ requestHeaders: both, status: 429, body }).retryAfterSeconds).toBe(42);
    expect(
      diagnoseAuth({
        requestHeaders: both,
        status: 429,
        body: {},
        responseHeaders: [['X-RateLimit-Reset', '1000000']],
        now: 990_500,
      }).retryAfterSeconds,
    ).toBe(10);
  });

  it('not found', () => {
    expect(
      diagnoseAuth({
        requestHeaders: both,
        status: 404,
        body: { success: false, error: 'Resource not found' },
      }).cause,
    ).toBe('not-found');
  });

  it('never throws and never echoes a sent token, whatever the body', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 100, max: 599 }),
        fc.anything(),
        fc.option(fc.constantFrom('/api/v1/login', '/api/v1/me')),
        (status, body, path) => {
          const d = diagnoseAuth({ requestHeaders: both, status, body, ...(path ? { path } : {}) });
          expect(d.explanation.length).toBeGreaterThan(10);
          expect(JSON.stringify(d.sentHeaders)).not.toContain(TOKEN);
        },
      ),
      { numRuns: 300 },
    );
  });
});
