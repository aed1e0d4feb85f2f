/**
 * Properties of permalinks over generated drafts (fast-check): every draft survives the round trip,
 * no secret-looking value reaches a link, and the compressed prefix bound holds.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import LZString from 'lz-string';
import { PREFIX_SLACK, decodePermalink, encodePermalink } from './codec';
import type { RequestDraft } from '../request/draft';
import { HTTP_METHODS, emptyDraft } from '../request/draft';
import { RESPONSE_TABS } from './validate';
import { isSecretKey, looksLikeToken } from '../redact';

const safeText = (max: number) =>
  fc.string({ maxLength: max, unit: 'grapheme' }).filter((s) => !looksLikeToken(s) && !s.includes('$RC_'));
const safeKey = fc
  .stringMatching(/^[a-z][a-zA-Z0-9]{0,11}$/)
  .filter(
    (k) =>
      !isSecretKey(k, { path: '/api/v1/login' }) && !['__proto__', 'constructor', 'prototype'].includes(k),
  );
const headerName = fc.stringMatching(/^X-[A-Za-z][A-Za-z0-9-]{0,15}$/).filter((k) => !isSecretKey(k));
const headerValue = fc
  .stringMatching(/^[ -~]{0,40}$/)
  .filter((v) => !looksLikeToken(v) && !v.includes('$RC_'));
const segment = fc
  .stringMatching(/^[A-Za-z0-9_-][A-Za-z0-9._-]{0,15}$/)
  .filter((s) => s !== '.' && s !== '..');

const draftArb: fc.Arbitrary<RequestDraft> = fc
  .record({
    serverUrl: fc.constantFrom(
      'http://127.0.0.1:4100',
      'https://chat.example.com',
      'http://localhost:3000/rc',
      'https://open.rocket.chat',
    ),
    method: fc.constantFrom(...HTTP_METHODS),
    path: fc.array(segment, { minLength: 1, maxLength: 5 }).map((parts) => `/${parts.join('/')}`),
    pathParams: fc.dictionary(
      fc.stringMatching(/^[a-z][a-zA-Z0-9_]{0,8}$/).filter((k) => !isSecretKey(k) && k !== 'constructor'),
      safeText(20),
      { maxKeys: 3 },
    ),
    params: fc.dictionary(safeKey, safeText(30), { maxKeys: 6 }),
    jsonParams: fc.record({
      query: fc.oneof(
        fc.constant(''),
        fc.json({ maxDepth: 2 }).filter((j) => !looksLikeTokenIn(j)),
      ),
      fields: fc.constantFrom('', '{"username":1}', '{ "name": 1, "_id": 0 }'),
      sort: fc.constantFrom('', '{"name":-1}'),
    }),
    body: fc.oneof(
      fc.constant(''),
      fc.dictionary(safeKey, safeText(20), { maxKeys: 4 }).map((o) => JSON.stringify(o, null, 2)),
    ),
    headers: fc.dictionary(headerName, headerValue, { maxKeys: 3 }),
    view: fc.record({ tab: fc.constantFrom(...RESPONSE_TABS) }),
  })
  .map((d) => ({ ...d, operationLabel: `${d.method} ${d.path}` }));

function looksLikeTokenIn(json: string): boolean {
  return (
    /[A-Za-z0-9_\-+/=]{32,}/.test(json) ||
    /"([^"]*(password|token|secret|passwd|pass|resume|digest|hashed|totp|authorization|cookie|apikey|credentials?)[^"]*)"\s*:/i.test(
      json,
    )
  );
}

describe('fixed cases found by the properties', () => {
  it('a server URL with an upper-case scheme and host is a web address (seen: Http://localHost:3000/rc)', () => {
    const link = encodePermalink({
      ...emptyDraft('Http://localHost:3000/rc'),
      path: '/api/v1/me',
      operationLabel: 'GET /api/v1/me',
    });
    const result = decodePermalink(link);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.draft.serverUrl).toMatch(/^https?:\/\//i);
  });
});

describe('permalink properties', () => {
  it('decode(encode(draft)) equals the draft, for drafts without secrets', () => {
    fc.assert(
      fc.property(draftArb, (draft) => {
        expect(decodePermalink(encodePermalink(draft))).toEqual({ ok: true, draft });
      }),
      { numRuns: 300 },
    );
  });

  const tokenArb = fc.stringMatching(/^[A-Za-z0-9_-]{43}$/).filter(looksLikeToken);
  const passwordArb = fc.stringMatching(/^[A-Za-z0-9!%*]{10,24}$/).map((p) => `pw!${p}`);

  it('no secret survives encoding: not in the fragment, not in the decoded draft', () => {
    fc.assert(
      fc.property(
        draftArb,
        tokenArb,
        passwordArb,
        USER_ID_ARB,
        fc.nat(4),
        (draft, token, password, userId, where) => {
          const withSecrets: RequestDraft = {
            ...draft,
            headers: { ...draft.headers, 'X-Auth-Token': token, 'X-User-Id': userId },
            body: [
              JSON.stringify({ user: 'admin', password }),
              JSON.stringify({ username: 'a', password: { digest: token, algorithm: 'sha-256' } }),
              JSON.stringify({ resume: token }),
              JSON.stringify({ data: { userId: 'x', newPassword: password, email: 'a@b.c' } }),
              `{ "password": "${password}", "broken": `,
            ][where] as string,
            params: { ...draft.params, token },
          };
          const fragment = encodePermalink(withSecrets, { knownSecrets: [token, password, userId] });
          const json = LZString.decompressFromEncodedURIComponent(fragment.slice('#r=2.'.length));
          for (const secret of [token, password, userId]) {
            expect(fragment).not.toContain(secret);
            expect(json).not.toContain(secret);
          }
          const decoded = decodePermalink(fragment);
          expect(decoded.ok).toBe(true);
          const text = JSON.stringify(decoded);
          for (const secret of [token, password, userId]) expect(text).not.toContain(secret);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('1,000 malformed, truncated and hostile fragments never throw and each fails with words', () => {
    const valid = fc.sample(
      draftArb.map((d) => encodePermalink(d)),
      { numRuns: 50, seed: 7 },
    );
    const truncated = fc
      .tuple(fc.constantFrom(...valid), fc.double({ min: 0, max: 0.97, noNaN: true }))
      .map(([f, r]) => f.slice(0, Math.floor(f.length * r)));
    const mutated = fc
      .tuple(fc.constantFrom(...valid), fc.nat(), fc.string({ minLength: 1, maxLength: 1 }))
      .map(([f, i, c]) => {
        const at = 5 + (i % Math.max(1, f.length - 5));
        return f.slice(0, at) + c + f.slice(at + 1);
      });
    const hostileJson = fc
      .jsonValue()
      .map((v) => `#r=2.${LZString.compressToEncodedURIComponent(JSON.stringify(v))}`);
    const hostileShape = fc
      .tuple(
        fc.constantFrom(1, 2),
        fc.record(
          {
            s: fc.oneof(fc.string(), fc.webUrl(), fc.constant('javascript:alert(1)')),
            m: fc.string(),
            p: fc.string(),
            q: fc.object(),
            h: fc.object(),
            t: fc.string(),
          },
          { requiredKeys: [] },
        ),
      )
      .map(([version, v]) => `#r=${version}.${LZString.compressToEncodedURIComponent(JSON.stringify(v))}`);
    const garbage = fc.oneof(
      fc.string(),
      fc.string({ unit: 'binary' }),
      fc.string().map((s) => `#r=2.${s}`),
      fc.string().map((s) => `#r=${s}`),
    );
    const anyBad = fc.oneof(truncated, mutated, hostileJson, hostileShape, garbage);
    let failures = 0;
    fc.assert(
      fc.property(anyBad, (fragment) => {
        let result: ReturnType<typeof decodePermalink> | undefined;
        expect(() => {
          result = decodePermalink(fragment);
        }).not.toThrow();
        if (result && !result.ok) {
          failures++;
          expect(result.error).toMatch(/[a-z]{3,} [a-z]{2,}/i);
        }
        // A mutation can, rarely, still be a valid request; then it must be secret-free and valid.
        // (The scheme is case-insensitive, as in the app: `Http://` is a web address.)
        if (result?.ok) expect(result.draft.serverUrl).toMatch(/^https?:\/\//i);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: 1000 },
    );
    expect(failures).toBeGreaterThan(900);
  });
});

const USER_ID_ARB = fc
  .stringMatching(/^[A-Za-z0-9]{17}$/)
  .filter((id) => /[A-Z]/.test(id) && /[0-9]/.test(id));

describe('compressed prefix bound', () => {
  // The lemma compressedLengthAtLeast rests on: the whole text compresses to at least as many
  // characters as any of its prefixes, less PREFIX_SLACK. Alphabets from tiny (long phrases) to
  // astral (16-bit literals), cut anywhere.
  const alphabets = ['ab', 'abcdefgh', '{}[]":, 0123456789abcdefxyz', 'aé€😀\u0000\uffff'];
  it('holds for any text and any cut', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...alphabets),
        fc.array(fc.nat(), { minLength: 1, maxLength: 3000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (alphabet, picks, where) => {
          const chars = [...alphabet];
          const text = picks.map((n) => chars[n % chars.length]).join('');
          const cut = Math.floor(where * text.length);
          const whole = LZString.compressToEncodedURIComponent(text).length;
          const prefix = LZString.compressToEncodedURIComponent(text.slice(0, cut)).length;
          expect(whole).toBeGreaterThanOrEqual(prefix - PREFIX_SLACK);
        },
      ),
      { numRuns: 400 },
    );
  });
});
