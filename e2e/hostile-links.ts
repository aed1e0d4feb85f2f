/**
 * Malformed and hostile `#r=` link fragments (issue #16), one list shared by the e2e scale test
 * and `npm run bench -- permalink-hostile`: random text, truncated and bit-flipped real links,
 * expansion bombs, deep nesting, huge arrays and objects, prototype keys, wrong versions, unlisted
 * and odd servers carrying control headers, and links that open but hold the largest request a
 * link may carry (the app must render it without a long task).
 */
import fc from 'fast-check';
import LZString from 'lz-string';
import { encodePermalink } from '../src/core/permalink';
import { expansionBomb } from '../src/core/permalink/hostile-data';
import { emptyDraft } from '../src/core/request/draft';

/**
 * Compressing is the slow part of making these links (seconds for the large ones), so sizes are
 * drawn from a few values and each distinct text is compressed once.
 */
const packed = new Map<string, string>();
const wireRaw = (json: string): string => {
  let hash = packed.get(json);
  if (hash === undefined) {
    hash = `r=2.${LZString.compressToEncodedURIComponent(json)}`;
    packed.set(json, hash);
  }
  return hash;
};
export const wire = (value: unknown): string => wireRaw(JSON.stringify(value));

export const HOSTILE_KINDS = [
  'random data',
  'random value',
  'truncated',
  'bit flip',
  'expansion bomb',
  'deep array',
  'deep headers',
  'huge array',
  'many keys',
  'prototype keys',
  'wrong version',
  'other server',
  'largest valid',
] as const;
export type HostileKind = (typeof HOSTILE_KINDS)[number];

export interface HostileLink {
  kind: HostileKind;
  /** The fragment without '#'. */
  hash: string;
}

/**
 * `count` deterministic links (same seed, same list), mixed evenly from each kind. `otherServer`
 * is an allowed target that is not the sandbox: where a hostile link would like the token to go.
 */
export function hostileLinks(sandboxUrl: string, otherServer: string, count: number): HostileLink[] {
  const real = encodePermalink({
    ...emptyDraft(sandboxUrl, 'POST', '/api/v1/chat.postMessage'),
    body: '{"channel":"#general","text":"hi"}',
    params: { count: '5' },
  }).slice(1);
  const data = real.slice(real.indexOf('.') + 1);
  const flip = (i: number, bit: number): string => {
    const chars = [...data];
    const at = i % chars.length;
    chars[at] = String.fromCharCode(chars[at]!.charCodeAt(0) ^ (1 << (bit % 7)));
    return `r=2.${chars.join('')}`;
  };
  const deep = (depth: number, open: string, close: string): string =>
    open.repeat(depth) + close.repeat(depth);
  const kinds: Record<HostileKind, fc.Arbitrary<string>> = {
    'random data': fc.string({ maxLength: 300 }).map((s) => `r=2.${s}`),
    'random value': fc.string({ maxLength: 300 }).map((s) => `r=${encodeURIComponent(s)}`),
    truncated: fc.integer({ min: 3, max: real.length - 1 }).map((cut) => real.slice(0, cut)),
    'bit flip': fc.tuple(fc.nat(), fc.nat(6)).map(([i, bit]) => flip(i, bit)),
    // 3,000-3,800 codes: 4.5-7.2 million characters once unpacked, from at most 7,300 characters.
    'expansion bomb': fc.constantFrom(3000, 3400, 3800).map((codes) => `r=2.${expansionBomb(codes)}`),
    'deep array': fc.constantFrom(9, 100, 5000, 200_000).map((d) => wireRaw(deep(d, '[', ']'))),
    'deep headers': fc
      .constantFrom(8, 9, 1000, 50_000)
      .map((d) =>
        wireRaw(
          `{"s":"${sandboxUrl}","m":"GET","p":"/api/info","h":${deep(d, '{"a":', '}').replace(/}$/, '1}')}}`,
        ),
      ),
    'huge array': fc
      .constantFrom(1000, 20_000, 100_000)
      .map((n) => wireRaw(`{"s":"${sandboxUrl}","m":"GET","p":"/x","q":[${'0,'.repeat(n)}0]}`)),
    'many keys': fc.constantFrom(201, 2000, 20_000).map((n) =>
      wire({
        s: sandboxUrl,
        m: 'GET',
        p: '/api/info',
        q: Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 'v'])),
      }),
    ),
    'prototype keys': fc
      .constantFrom('__proto__', 'constructor', 'prototype')
      .map((k) =>
        wireRaw(
          `{"s":"${sandboxUrl}","m":"GET","p":"/api/info","${k}":{"polluted":1},"q":{"${k}":"x"},"h":{"${k}":"y"}}`,
        ),
      ),
    'wrong version': fc
      .constantFrom('0', '3', '99', '999999', '-1', '1e3', '', 'x')
      .chain((v) =>
        fc.string({ maxLength: 50 }).map((s) => `r=${v}.${LZString.compressToEncodedURIComponent(s)}`),
      ),
    'other server': fc
      .constantFrom(
        'http://evil.example',
        'http://127.0.0.1:1',
        'javascript:alert(1)',
        'file:///etc/passwd',
        'http://u:p@127.0.0.1:9',
        otherServer,
      )
      .map((s) =>
        wire({
          s,
          m: 'GET',
          p: '/api/v1/me',
          h: { 'x-explorer-target': otherServer, 'X-Auth-Token': 'attacker' },
        }),
      ),
    // Opens: the largest body, query and parameter values a link may hold (repetitive, so they
    // fit in a fragment), which the request pane then shows.
    'largest valid': fc.constantFrom('body', 'query', 'params').map((what) =>
      wire({
        s: sandboxUrl,
        m: 'POST',
        p: '/api/v1/chat.postMessage',
        ...(what === 'body' ? { b: JSON.stringify({ text: 'a'.repeat(256 * 1024 - 20) }) } : {}),
        ...(what === 'query' ? { j: { q: JSON.stringify({ x: 'q'.repeat(64 * 1024 - 20) }) } } : {}),
        ...(what === 'params'
          ? { q: Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`p${i}`, 'v'.repeat(8192)])) }
          : {}),
      }),
    ),
  };
  const tagged = HOSTILE_KINDS.map((kind) => kinds[kind].map((hash): HostileLink => ({ kind, hash })));
  return fc.sample(fc.oneof(...tagged), { numRuns: count, seed: 16 });
}
