import { describe, expect, it } from 'vitest';
import { chooseEncoding, parseAcceptEncoding, type ContentEncoding } from './encoding';

const ALL = new Set<ContentEncoding>(['br', 'gzip', 'identity']);
const GZIP_ONLY = new Set<ContentEncoding>(['gzip', 'identity']);
const NONE = new Set<ContentEncoding>(['identity']);

describe('parseAcceptEncoding', () => {
  it('reads codings and q-values, case-insensitively, clamping q to 0..1', () => {
    expect([...parseAcceptEncoding('gzip, BR;q=0.5 , identity; Q=0, x;q=7')]).toEqual([
      ['gzip', 1],
      ['br', 0.5],
      ['identity', 0],
      ['x', 1],
    ]);
  });
  it('gives an empty map for no header and ignores empty members', () => {
    expect(parseAcceptEncoding(undefined).size).toBe(0);
    expect([...parseAcceptEncoding(' , gzip,,')]).toEqual([['gzip', 1]]);
  });
});

describe('chooseEncoding', () => {
  it('prefers brotli, then gzip, among what Chromium sends', () => {
    expect(chooseEncoding('gzip, deflate, br, zstd', ALL)).toBe('br');
    expect(chooseEncoding('gzip, deflate, br, zstd', GZIP_ONLY)).toBe('gzip');
    expect(chooseEncoding('gzip, deflate, br, zstd', NONE)).toBe('identity');
  });
  it('follows the client weights over our preference', () => {
    expect(chooseEncoding('br;q=0.2, gzip;q=0.8', ALL)).toBe('gzip');
    expect(chooseEncoding('br;q=0, gzip', ALL)).toBe('gzip');
    expect(chooseEncoding('identity', ALL)).toBe('identity');
  });
  it('sends identity without a header, for an empty header and when nothing is acceptable', () => {
    expect(chooseEncoding(undefined, ALL)).toBe('identity');
    expect(chooseEncoding('', ALL)).toBe('identity');
    expect(chooseEncoding('zstd', ALL)).toBe('identity');
    expect(chooseEncoding('br;q=0, gzip;q=0, identity;q=0', ALL)).toBe('identity');
  });
  it('treats * as every coding not named, and x-gzip as gzip', () => {
    expect(chooseEncoding('*', ALL)).toBe('br');
    expect(chooseEncoding('br;q=0, *', ALL)).toBe('gzip');
    expect(chooseEncoding('x-gzip', GZIP_ONLY)).toBe('gzip');
  });
});
