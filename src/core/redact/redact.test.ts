import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  FULL_MASK,
  PLACEHOLDERS,
  isAuthHeader,
  isSecretKey,
  looksLikeToken,
  maskSecret,
  redactHeaders,
  redactJsonText,
  scrubKnownSecrets,
} from '.';

const TOKEN = 'Xq3vJ9kLmN2pQ7rS8tU1wY4zA6bC0dE5fG_hI-jKlMn';
const USER_ID = 'rbAXPnMktTFbNpwtJ';

describe('maskSecret', () => {
  it('keeps the first and last 4 characters of long secrets, hides short ones fully', () => {
    expect(maskSecret(TOKEN)).toBe('Xq3v…KlMn');
    expect(maskSecret(USER_ID)).toBe('rbAX…pwtJ');
    expect(maskSecret('123456')).toBe(FULL_MASK);
    expect(maskSecret('fifteen-chars!!')).toBe(FULL_MASK);
    expect(maskSecret('')).toBe(FULL_MASK);
  });
  it('never reveals more than 8 characters', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 0, maxLength: 200 }), (s) => {
        const masked = maskSecret(s);
        expect(masked === FULL_MASK || Array.from(masked).length === 9).toBe(true);
      }),
    );
  });
});

describe('what is a secret', () => {
  it.each([
    'password',
    'newPassword',
    'X-Auth-Token',
    'x-auth-token',
    'X-User-Id',
    'resume',
    'authToken',
    'token',
    'webhookToken',
    'client_secret',
    'Authorization',
    'Cookie',
    'x-2fa-code',
    'apiKey',
    'digest',
  ])('%s is secret', (k) => {
    expect(isSecretKey(k)).toBe(true);
  });
  it.each([
    'tokenName',
    'lastTokenPart',
    'requirePasswordChange',
    'username',
    'name',
    'count',
    'bypassTwoFactor',
    'algorithm',
    'x-2fa-method',
  ])('%s is not', (k) => {
    expect(isSecretKey(k)).toBe(false);
  });
  it('treats `code` as secret only on auth paths', () => {
    expect(isSecretKey('code', { path: '/api/v1/login' })).toBe(true);
    expect(isSecretKey('code', { path: '/api/v1/users.generatePersonalAccessToken' })).toBe(true);
    expect(isSecretKey('code', { path: '/api/v1/livechat/custom-fields' })).toBe(false);
  });
  it('knows auth headers and token shapes', () => {
    expect(isAuthHeader('X-Auth-Token')).toBe(true);
    expect(isAuthHeader('Content-Type')).toBe(false);
    expect(looksLikeToken(TOKEN)).toBe(true);
    expect(
      looksLikeToken(
        'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
      ),
    ).toBe(true);
    expect(looksLikeToken(USER_ID)).toBe(false);
    expect(looksLikeToken('general')).toBe(false);
    expect(looksLikeToken('a-very-long-lowercase-channel-name-with-dashes')).toBe(false);
  });
});

describe('redaction', () => {
  it('headers: placeholders by default, masks for display', () => {
    const h = { 'X-User-Id': USER_ID, 'X-Auth-Token': TOKEN, Accept: 'application/json' };
    expect(redactHeaders(h)).toEqual({
      'X-User-Id': PLACEHOLDERS.userId,
      'X-Auth-Token': PLACEHOLDERS.authToken,
      Accept: 'application/json',
    });
    expect(redactHeaders(h, { style: 'mask' })).toEqual({
      'X-User-Id': 'rbAX…pwtJ',
      'X-Auth-Token': 'Xq3v…KlMn',
      Accept: 'application/json',
    });
  });

  it('JSON bodies: only secret values change, formatting kept, placeholders idempotent', () => {
    const body = '{\n  "user": "admin",\n  "password": "hunter22",\n  "code": 123456\n}';
    const once = redactJsonText(body, { path: '/api/v1/login' });
    expect(once).toBe('{\n  "user": "admin",\n  "password": "$RC_PASSWORD",\n  "code": "$RC_2FA_CODE"\n}');
    expect(redactJsonText(once, { path: '/api/v1/login' })).toBe(once);
    expect(redactJsonText('{"resume":"' + TOKEN + '"}')).toBe('{"resume":"$RC_RESUME_TOKEN"}');
    expect(redactJsonText('{"data":{"password":"p4ss-word","name":"Ann"}}')).toBe(
      '{"data":{"password":"$RC_PASSWORD","name":"Ann"}}',
    );
  });

  it('keeps the shape of a digest password and redacts half-typed JSON', () => {
    const digest = 'a'.repeat(64);
    expect(
      redactJsonText(`{"user":{"username":"a"},"password":{"digest":"${digest}","algorithm":"sha-256"}}`),
    ).toBe('{"user":{"username":"a"},"password":{"digest":"$RC_PASSWORD","algorithm":"sha-256"}}');
    expect(redactJsonText('{ "password": "typing-in-prog')).not.toContain('typing-in-prog');
    expect(redactJsonText('{ "password": "hunter22", "x": ')).not.toContain('hunter22');
  });

  it('free text: every form of a known secret (raw, URL-encoded, JSON-escaped)', () => {
    const secret = 'p@ss "w/ord"+&';
    const text = `raw ${secret} url ${encodeURIComponent(secret)} json ${JSON.stringify(secret)}`;
    const out = scrubKnownSecrets(text, { knownSecrets: [secret] });
    expect(out).not.toContain(secret);
    expect(out).not.toContain(encodeURIComponent(secret));
    expect(out).not.toContain(JSON.stringify(secret).slice(1, -1));
  });

  it('property: a secret under a secret key never survives, in any style', () => {
    const key = fc.constantFrom(
      'password',
      'X-Auth-Token',
      'authToken',
      'resume',
      'newPassword',
      'client_secret',
    );
    const secret = fc
      .string({ minLength: 4, maxLength: 60 })
      .filter((s) => !s.startsWith('$RC_') && s.trim() === s && s.length >= 4);
    fc.assert(
      fc.property(
        key,
        secret,
        fc.constantFrom('mask', 'placeholder') as fc.Arbitrary<'mask' | 'placeholder'>,
        (k, s, style) => {
          const body = JSON.stringify({ [k]: s, other: 'keep' }, null, 2);
          const out = redactJsonText(body, { style });
          expect(out).not.toContain(`: ${JSON.stringify(s)}`);
          expect(out).toContain('"other": "keep"');
          expect(redactHeaders({ [k]: s }, { style })[k]).not.toBe(s);
        },
      ),
      { numRuns: 300 },
    );
  });
});
