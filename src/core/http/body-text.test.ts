import { describe, expect, it } from 'vitest';
import { BodyText, BodyTextBuilder, MIN_PART_CHARS } from './body-text';

const parts = ['{"a":', '"héllo 😀",', '"b":[1,2,3]}'];
const flat = parts.join('');

describe('BodyText', () => {
  it('slices across parts as String.prototype.slice does', () => {
    const body = new BodyText(parts);
    expect(body.length).toBe(flat.length);
    for (let start = 0; start <= flat.length; start++)
      for (let end = start; end <= flat.length + 2; end++)
        expect(body.slice(start, end)).toBe(flat.slice(start, end));
    expect(body.slice(3)).toBe(flat.slice(3));
    expect(body.slice(9, 2)).toBe('');
  });

  it('joins once, on demand', () => {
    const body = new BodyText(parts);
    expect(body.text()).toBe(flat);
    expect(body.text()).toBe(body.text());
    expect(new BodyText([]).text()).toBe('');
    expect(BodyText.of('x').text()).toBe('x');
  });

  it('finds a character in any part', () => {
    expect(new BodyText(['ab', 'c\nd']).includesChar('\n')).toBe(true);
    expect(new BodyText(['ab', 'cd']).includesChar('\n')).toBe(false);
  });

  it('cuts pieces of at most maxChars without splitting a surrogate pair', () => {
    const text = 'ab😀cd😀😀e';
    const body = new BodyText(['ab', '😀cd', '😀😀e']);
    for (let max = 2; max <= text.length; max++) {
      const pieces = [...body.pieces(max)];
      expect(pieces.join('')).toBe(text);
      for (const piece of pieces) {
        expect(piece.length).toBeLessThanOrEqual(max);
        expect(piece).not.toMatch(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/);
      }
    }
    expect([...new BodyText([]).pieces(4)]).toEqual(['']);
  });
});

describe('BodyTextBuilder', () => {
  it('gathers small chunks into parts of about MIN_PART_CHARS', () => {
    const builder = new BodyTextBuilder();
    const chunk = 'x'.repeat(1000);
    const count = Math.ceil((MIN_PART_CHARS * 2.5) / chunk.length);
    for (let i = 0; i < count; i++) builder.push(chunk);
    builder.push('');
    const body = builder.finish();
    expect(body.length).toBe(count * chunk.length);
    expect(body.parts).toHaveLength(3);
    expect(body.parts.slice(0, -1).every((p) => p.length >= MIN_PART_CHARS)).toBe(true);
    expect(body.text()).toBe(chunk.repeat(count));
  });

  it('gives an empty body for no chunks', () => {
    expect(new BodyTextBuilder().finish().text()).toBe('');
  });
});
