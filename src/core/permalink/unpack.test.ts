import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import LZString from 'lz-string';
import { expansionBomb } from './hostile-data';
import { LINK_ALPHABET as ALPHABET, nestsDeeperThan, unpackBounded } from './unpack';

const pack = (text: string): string => LZString.compressToEncodedURIComponent(text);
const BIG = 1 << 22;

/** Lone surrogates as U+FFFD, as the bounded reader gives them (only hand-made data holds any). */
const wellFormed = (text: string): string =>
  text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');

/** lz-string's own reading, as the reference; '' and null both mean "cannot be unpacked". */
function reference(data: string): string | null {
  try {
    const text = LZString.decompressFromEncodedURIComponent(data);
    return typeof text === 'string' && text !== '' ? wellFormed(text) : null;
  } catch {
    return null; // lz-string throws on some damaged data (a first code of 3)
  }
}

describe('unpackBounded', () => {
  it('reads back what lz-string wrote, for any text', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.json(), fc.string({ unit: 'binary-ascii' })),
        (text) => {
          const got = unpackBounded(pack(text), BIG);
          if (text === '') expect(got.ok).toBe(false);
          else expect(got).toEqual({ ok: true, text });
        },
      ),
      { numRuns: 500 },
    );
    // Long repetitive text exercises the growing code widths and self-referencing entries.
    for (const text of ['a'.repeat(100_000), 'ab'.repeat(40_000), JSON.stringify(Array(5000).fill({ k: 1 }))])
      expect(unpackBounded(pack(text), BIG)).toEqual({ ok: true, text });
  });

  it('agrees with lz-string on random data: same text, or a refusal where lz-string fails', () => {
    const data = fc.string({ unit: fc.constantFrom(...ALPHABET), maxLength: 400 });
    fc.assert(
      fc.property(data, (d) => {
        const want = reference(d);
        const got = unpackBounded(d, BIG);
        if (want === null) expect(got.ok).toBe(false);
        else if (got.ok) expect(got.text).toBe(want);
        // lz-string accepts a first code of 3 and produces garbage text; refusing it is the point.
        else expect(got.reason).toBe('bad-code');
      }),
      { numRuns: 2000, seed: 16 },
    );
  });

  it('agrees with lz-string on every single-bit flip and every cut of a real link', () => {
    const data = pack(
      JSON.stringify({
        s: 'http://127.0.0.1:4100',
        m: 'POST',
        p: '/api/v1/chat.postMessage',
        b: '{"text":"hi"}',
      }),
    );
    let refusals = 0;
    for (let i = 0; i < data.length; i++) {
      for (let bit = 0; bit < 6; bit++) {
        const flipped =
          data.slice(0, i) + ALPHABET[ALPHABET.indexOf(data[i]!) ^ (1 << bit)]! + data.slice(i + 1);
        const got = unpackBounded(flipped, BIG);
        const want = reference(flipped);
        if (got.ok) expect(got.text).toBe(want);
        else refusals++;
      }
      const cut = unpackBounded(data.slice(0, i), BIG);
      expect(cut.ok ? cut.text : null).toBe(reference(data.slice(0, i)));
    }
    expect(refusals).toBeGreaterThan(0);
  });

  it('stops at the output limit: a link that expands to millions of characters is refused', () => {
    // 3,800 codes, each one longer than the last: 7 million characters from 7,300 link characters.
    const bomb = expansionBomb(3800);
    expect(bomb.length).toBeLessThan(8192);
    expect(unpackBounded(expansionBomb(50), BIG)).toEqual({
      ok: true,
      text: 'x'.repeat(1 + (51 * 52) / 2 - 1),
    });
    // Its cost (milliseconds, against about a second for lz-string's own reading) is measured by
    // `npm run bench -- permalink-hostile`, not asserted: machines are shared.
    expect(unpackBounded(bomb, 512 * 1024)).toEqual({ ok: false, reason: 'too-large' });
    // Exactly at the limit is fine, one over is not.
    expect(unpackBounded(pack('y'.repeat(1000)), 1000)).toEqual({ ok: true, text: 'y'.repeat(1000) });
    expect(unpackBounded(pack('y'.repeat(1001)), 1000)).toEqual({ ok: false, reason: 'too-large' });
    expect(unpackBounded(pack('yz'), 1)).toEqual({ ok: false, reason: 'too-large' });
  });

  it('refuses characters outside the alphabet, empty data and data cut before its end code', () => {
    expect(unpackBounded('abc def', BIG)).toEqual({ ok: false, reason: 'alphabet' });
    expect(unpackBounded('é', BIG)).toEqual({ ok: false, reason: 'alphabet' });
    expect(unpackBounded('', BIG)).toEqual({ ok: false, reason: 'empty' });
    expect(unpackBounded(pack(''), BIG)).toEqual({ ok: false, reason: 'empty' });
    const data = pack('{"s":"http://127.0.0.1:4100"}');
    expect(unpackBounded(data.slice(0, -3), BIG)).toEqual({ ok: false, reason: 'truncated' });
  });
});

describe('nestsDeeperThan', () => {
  it('counts brackets outside strings only', () => {
    expect(nestsDeeperThan('{"j":{"q":"{[[[[[[[[[[[["}}', 2)).toBe(false);
    expect(nestsDeeperThan('{"a":"\\"[[[[[[["}', 1)).toBe(false);
    expect(nestsDeeperThan('[[[]]]', 3)).toBe(false);
    expect(nestsDeeperThan('[[[[]]]]', 3)).toBe(true);
    expect(nestsDeeperThan('{"a":{"b":[{"c":1}]}}', 3)).toBe(true);
    expect(nestsDeeperThan('[]'.repeat(10_000), 1)).toBe(false);
  });

  it('answers for 200,000 levels of nesting and a 200,000-item flat array (no recursion)', () => {
    const deep = '['.repeat(200_000) + ']'.repeat(200_000);
    expect(nestsDeeperThan(deep, 8)).toBe(true);
    expect(nestsDeeperThan(`[${'0,'.repeat(200_000)}0]`, 8)).toBe(false);
  });

  it('never claims less depth than JSON.parse finds', () => {
    const depth = (v: unknown): number =>
      v !== null && typeof v === 'object' ? 1 + Math.max(0, ...Object.values(v).map(depth)) : 0;
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), fc.integer({ min: 0, max: 7 }), (value, bound) => {
        expect(nestsDeeperThan(JSON.stringify(value), bound)).toBe(depth(value) > bound);
      }),
      { numRuns: 1000 },
    );
  });
});
