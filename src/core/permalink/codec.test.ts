import { describe, expect, it } from 'vitest';
import LZString from 'lz-string';
import {
  compressedLengthAtLeast,
  decodePermalink,
  encodePermalink,
  hasPermalink,
  isSameServer,
  tryEncodePermalink,
} from './codec';
import type { RequestDraft } from '../request/draft';
import { LIMITS } from './validate';
import { LINK_ALPHABET } from './unpack';
import { expansionBomb } from './hostile-data';

// Real links made with format 1. Kept forever: every link ever shared must keep opening.
const V1_USERS_LIST =
  '#r=1.N4IgzgpgTgbtIC4QAsAuqAOCD02CMATAOwB0ADOSXggCx5lkgA0IAthKsgPYAmiIAcQCiAFWYgMAQ079skjAEtsMPNgCukKGBIAbBWFTipUSazCJQAYy5qAdoaQEArOK4AzN5AcgnjFgEc1aABPfmAAHRBJS1QFOEiEVCgggF9xNwUIHR5zJAiQDWhbUwgEvDSWMC4ob3zCqGL2BIBacpAUllRJACN+DCgOVFCUoA';
const V1_POST_MESSAGE =
  '#r=1.N4IgzgpgTgbtIC4QAsAuqAOYEHocGNkBDVAOggA8iBbDAGwlPwHtqQAaEaiVZZgE0QgACgHkAygBUOIDCWRCcRDAEscMAIwFiZDMzCoAshDBgiAcwgy5UGmETAAvpwBGAgJ5DgAHQB2AAn9vEEIiX18IOmCEIJAAYksI2yiOP0Dg1EpUaNiACUi6Zn8AMyhWfyJ-TX86FV8Aa2C-RxBHIA';

const base: RequestDraft = {
  serverUrl: 'http://127.0.0.1:4100',
  operationLabel: 'GET /api/v1/users.list',
  method: 'GET',
  path: '/api/v1/users.list',
  pathParams: {},
  params: { count: '10' },
  jsonParams: { query: '', fields: '', sort: '{"username":1}' },
  body: '',
  headers: {},
  view: { tab: 'table' },
};

const TOKEN = 'Xq3vJ9kLmN2pQ7rS8tU1wY4zA6bC0dE5fG_hI-jKlMn'; // 43 chars, Rocket.Chat token shape
const USER_ID = 'rbAXPnMktTFbNpwtJ';

describe('permalink codec', () => {
  it('encodes to a versioned fragment and decodes to the same draft', () => {
    const fragment = encodePermalink(base);
    expect(fragment).toMatch(/^#r=2\.[A-Za-z0-9+\-$]+$/);
    expect(decodePermalink(fragment)).toEqual({ ok: true, draft: base });
    expect(decodePermalink(`http://localhost:4000/${fragment}`)).toEqual({ ok: true, draft: base });
    expect(hasPermalink(fragment)).toBe(true);
    expect(hasPermalink('#other=1')).toBe(false);
  });

  it('migrates the v1 fixture links (query/fields/sort split out, view renamed)', () => {
    const users = decodePermalink(V1_USERS_LIST);
    expect(users).toEqual({
      ok: true,
      migratedFrom: 1,
      draft: {
        serverUrl: 'http://127.0.0.1:4100',
        operationLabel: 'GET /api/v1/users.list',
        method: 'GET',
        path: '/api/v1/users.list',
        pathParams: {},
        params: { count: '25', offset: '50' },
        jsonParams: { query: '{"active":true}', fields: '{"username":1}', sort: '{"username":-1}' },
        body: '',
        headers: {},
        view: { tab: 'tree' },
      },
    });
    const post = decodePermalink(V1_POST_MESSAGE);
    expect(post.ok && post.draft.body).toBe(
      '{\n  "channel": "#general",\n  "text": "Hello from a v1 link"\n}',
    );
    expect(post.ok && post.draft.operationLabel).toBe('POST /api/v1/chat.postMessage');
    expect(post.ok && post.draft.view.tab).toBe('raw');
  });

  it('replaces auth headers, passwords and known secrets by placeholders', () => {
    const login: RequestDraft = {
      ...base,
      method: 'POST',
      path: '/api/v1/login',
      operationLabel: 'POST /api/v1/login',
      params: { note: `see ${TOKEN}` },
      body: '{\n  "user": "admin",\n  "password": "hunter2-Secret!",\n  "code": "123456"\n}',
      headers: { 'X-Auth-Token': TOKEN, 'X-User-Id': USER_ID, 'X-Trace': 'abc' },
    };
    const fragment = encodePermalink(login, { knownSecrets: [TOKEN] });
    const json = LZString.decompressFromEncodedURIComponent(fragment.slice('#r=2.'.length));
    for (const secret of [TOKEN, USER_ID, 'hunter2-Secret!', '123456']) expect(json).not.toContain(secret);
    const decoded = decodePermalink(fragment);
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    expect(decoded.draft.headers).toEqual({
      'X-Auth-Token': '$RC_AUTH_TOKEN',
      'X-User-Id': '$RC_USER_ID',
      'X-Trace': 'abc',
    });
    expect(decoded.draft.body).toBe(
      '{\n  "user": "admin",\n  "password": "$RC_PASSWORD",\n  "code": "$RC_2FA_CODE"\n}',
    );
  });

  it('neutralises a hand-made link that carries a token (no session fixation through links)', () => {
    const wire = {
      s: 'http://127.0.0.1:4100',
      m: 'GET',
      p: '/api/v1/me',
      h: { 'X-Auth-Token': TOKEN, 'X-User-Id': USER_ID },
    };
    const fragment = `#r=2.${LZString.compressToEncodedURIComponent(JSON.stringify(wire))}`;
    const decoded = decodePermalink(fragment);
    expect(decoded.ok && decoded.draft.headers).toEqual({
      'X-Auth-Token': '$RC_AUTH_TOKEN',
      'X-User-Id': '$RC_USER_ID',
    });
  });

  it('gives the server URL in its parsed form, so another spelling of the same server is no server change', () => {
    for (const [s, want] of [
      ['http://127.000.1:4100', 'http://127.0.0.1:4100'],
      ['HTTP://LocalHost:4100/', 'http://localhost:4100'],
      ['https://chat.example.com:443/rc/', 'https://chat.example.com/rc'],
    ]) {
      const decoded = decodePermalink(
        `#r=2.${LZString.compressToEncodedURIComponent(JSON.stringify({ s, m: 'GET', p: '/api/info' }))}`,
      );
      expect(decoded.ok && decoded.draft.serverUrl, s).toBe(want);
    }
  });

  it('drops every proxy control header a link carries, in any casing (no steering the token elsewhere)', () => {
    const names = [
      'x-explorer-target',
      'X-EXPLORER-TARGET',
      'x-Explorer-Target',
      'X-Explorer-Target',
      'X-Explorer-Proxy-Error',
    ];
    const wire = {
      s: 'http://127.0.0.1:4100',
      m: 'GET',
      p: '/api/v1/me',
      h: { ...Object.fromEntries(names.map((n) => [n, 'http://other.example/x'])), 'X-Trace': 'kept' },
    };
    const decoded = decodePermalink(`#r=2.${LZString.compressToEncodedURIComponent(JSON.stringify(wire))}`);
    expect(decoded.ok && decoded.draft.headers).toEqual({ 'X-Trace': 'kept' });
    // And a draft holding one never puts it into a link.
    const made = encodePermalink({ ...base, headers: { 'x-explorer-target': 'http://other.example' } });
    const again = decodePermalink(made);
    expect(again.ok && again.draft.headers).toEqual({});
  });

  const hostile = (wire: unknown): string =>
    `#r=2.${LZString.compressToEncodedURIComponent(JSON.stringify(wire))}`;
  const hostileRaw = (json: string): string => `#r=2.${LZString.compressToEncodedURIComponent(json)}`;

  it.each([
    [
      'javascript server',
      hostile({ s: 'javascript:alert(1)', m: 'GET', p: '/api/info' }),
      /http:\/\/ or https:\/\//,
    ],
    [
      'file server',
      hostile({ s: 'file:///etc/passwd', m: 'GET', p: '/api/info' }),
      /http:\/\/ or https:\/\//,
    ],
    [
      'one-slash server (the URL parser would forgive it)',
      hostile({ s: 'https:/ttchat.example.com', m: 'GET', p: '/api/info' }),
      /http:\/\/ or https:\/\//,
    ],
    [
      'credentials in server',
      hostile({ s: 'http://a:b@h', m: 'GET', p: '/api/info' }),
      /user name or password/,
    ],
    ['protocol-relative path', hostile({ s: 'http://h', m: 'GET', p: '//evil.example/x' }), /single "\/"/],
    ['dot segments', hostile({ s: 'http://h', m: 'GET', p: '/api/../../x' }), /"\.\."/],
    ['bad method', hostile({ s: 'http://h', m: 'TRACE', p: '/api/info' }), /method must be one of/],
    [
      'header injection',
      hostile({ s: 'http://h', m: 'GET', p: '/a', h: { 'X-A': 'x\r\nX-Auth-Token: y' } }),
      /control characters/,
    ],
    [
      'proto key',
      hostileRaw('{"s":"http://h","m":"GET","p":"/a","q":{"__proto__":{"polluted":"1"}}}'),
      /forbidden name "__proto__"/,
    ],
    [
      'constructor key',
      hostile({ s: 'http://h', m: 'GET', p: '/a', pp: { constructor: 'x' } }),
      /forbidden name/,
    ],
    ['unknown field', hostile({ s: 'http://h', m: 'GET', p: '/a', x: 1 }), /unknown field "x"/],
    ['not an object', hostile([1, 2]), /does not hold a request/],
    ['newer version', '#r=9.abc', /newer version/],
    ['version 0', '#r=0.abc', /never existed/],
    ['no version', '#r=abc', /version number/],
    ['bad characters', '#r=2.<script>', /version number/],
    ['not JSON', `#r=2.${LZString.compressToEncodedURIComponent('{nope')}`, /not valid JSON/],
    ['empty', '#r=2.', /missing/],
    ['no r', '#view=raw', /no request/],
    ['too long', `#r=2.${'A'.repeat(LIMITS.fragmentChars)}`, /too long/],
  ])('refuses %s with words', (_name, fragment, words) => {
    const result = decodePermalink(fragment);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(words);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses a decompression bomb by size, in words', () => {
    // A million characters compress to a few thousand: within the fragment cap, over the JSON cap.
    const bomb = `#r=2.${LZString.compressToEncodedURIComponent('a'.repeat(1_000_000))}`;
    expect(bomb.length).toBeLessThanOrEqual(LIMITS.fragmentChars);
    const result = decodePermalink(bomb);
    expect(result).toEqual({
      ok: false,
      error: expect.stringMatching(/unpacks to more than/) as unknown as string,
    });
  });

  it('refuses hostile data in words: expansion bombs, deep nesting, prototype keys, old and future versions', () => {
    const raw = (json: string, version = 2): string =>
      `#r=${version}.${LZString.compressToEncodedURIComponent(json)}`;
    const head = '{"s":"http://127.0.0.1:4100","m":"GET","p":"/api/info"';
    const cases: Array<[string, RegExp]> = [
      [`#r=2.${expansionBomb(3800)}`, /unpacks to more than 524288 characters/],
      [raw('['.repeat(200_000) + ']'.repeat(200_000)), /nests deeper than 8 levels/],
      [raw(`${head},"h":${'{"a":'.repeat(9)}"x"${'}'.repeat(9)}}`), /nests deeper than 8 levels/],
      [raw(`${head},"q":[${'0,'.repeat(100_000)}0]}`), /query parameters/],
      [raw(`${head},"__proto__":{"polluted":1}}`), /unknown field "__proto__"/],
      [raw(`${head},"q":{"constructor":"x"}}`), /forbidden name "constructor"/],
      [raw(`${head},"h":{"__proto__":"y"}}`), /forbidden name "__proto__"/],
      [raw(head + '}', 3), /newer version of the explorer/],
      [raw(head + '}', 999999), /newer version/],
      [raw(head + '}', 0), /link format 0 never existed/],
      [`#r=-1.${LZString.compressToEncodedURIComponent(head + '}')}`, /does not start with a version/],
      [raw(head + '}', 1), /unknown field "s"/],
    ];
    // How long each takes is measured by `npm run bench -- permalink-hostile`, not asserted here
    // (a shared machine made a 200 ms bound fail); the size bounds are unpack.test.ts's.
    for (const [fragment, error] of cases) {
      const result = decodePermalink(fragment);
      expect(result.ok ? 'opened' : result.error).toMatch(error);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // Nesting of 8 is allowed (bound, not off by one); a real link nests 2.
    const eight = `${head},"h":${'{"a":'.repeat(7)}"x"${'}'.repeat(7)}}`;
    expect(decodePermalink(raw(eight))).toEqual({
      ok: false,
      error: expect.stringMatching(/header/) as unknown as string,
    });
  });

  it('every single-bit flip of a real link opens as a valid draft or fails in words', () => {
    const fragment = encodePermalink({ ...base, method: 'POST', body: '{"channel":"#general","text":"hi"}' });
    const prefix = '#r=2.';
    const data = fragment.slice(prefix.length);
    let opened = 0;
    let refused = 0;
    for (let i = 0; i < data.length; i++) {
      for (let bit = 0; bit < 6; bit++) {
        const c = LINK_ALPHABET[LINK_ALPHABET.indexOf(data[i]!) ^ (1 << bit)]!;
        const result = decodePermalink(prefix + data.slice(0, i) + c + data.slice(i + 1));
        if (result.ok) {
          opened++;
          expect(result.draft.serverUrl).toMatch(/^https?:\/\//);
        } else {
          refused++;
          expect(result.error).toMatch(/^This link is damaged/);
        }
      }
    }
    expect(opened + refused).toBe(data.length * 6);
    expect(refused).toBeGreaterThan(opened);
  });

  it('refuses to encode a request too large for a link', () => {
    let seed = 1;
    const noise = Array.from({ length: 20_000 }, () =>
      String.fromCharCode(33 + ((seed = (seed * 48271) % 2147483647) % 90)),
    ).join('');
    const result = tryEncodePermalink({ ...base, method: 'POST', body: JSON.stringify({ noise }) });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/too large for a link/);
    expect(() => encodePermalink({ ...base, body: JSON.stringify({ noise }) })).toThrow(RangeError);
  });

  it('refuses a large body from a compressed prefix, with the same verdict as compressing it whole', () => {
    const lines = ['{"items": ['];
    for (let i = 0; i < 5000; i++) lines.push(`  {"id": ${i}, "name": "item-${i}", "tags": ["a", "b"]},`);
    const body = `${lines.join('\n')}\n  {}\n]}`;
    const draft = { ...base, method: 'POST' as const, body };
    const whole = LZString.compressToEncodedURIComponent(JSON.stringify(body)).length;
    expect(whole).toBeGreaterThan(LIMITS.fragmentChars);
    const result = tryEncodePermalink(draft);
    expect(result).toEqual({
      ok: false,
      error: expect.stringMatching(
        /too large for a link \(more than \d+ characters, the limit is 8192\)/,
      ) as unknown as string,
    });
    // A large text that compresses well is not refused by the prefix check: it is compressed whole.
    const repetitive = JSON.stringify({ text: 'abc'.repeat(100_000) });
    expect(compressedLengthAtLeast(repetitive, 8000)).toBeNull();
    expect(tryEncodePermalink({ ...base, method: 'POST', body: repetitive }).ok).toBe(true);
  });

  it('compares servers by origin and base path', () => {
    expect(isSameServer('http://127.0.0.1:4100', 'http://127.0.0.1:4100/')).toBe(true);
    expect(isSameServer('http://127.0.0.1:4100', 'http://127.0.0.1:4101')).toBe(false);
    expect(isSameServer('https://chat.example', 'https://chat.example.evil.com')).toBe(false);
    expect(isSameServer('not a url', 'not a url')).toBe(false);
  });
});
