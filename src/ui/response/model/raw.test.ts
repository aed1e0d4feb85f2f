import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { rawRowStarts, rawRowText } from './raw';

describe('raw display rows', () => {
  it('cuts a single long line every width characters', () => {
    const text = 'a'.repeat(450);
    const starts = rawRowStarts(text, 200);
    expect([...starts]).toEqual([0, 200, 400]);
    expect(rawRowText(text, starts, 2, 200)).toBe('a'.repeat(50));
  });
  it('starts a row at every line and drops the line breaks', () => {
    const text = 'ab\r\ncd\n\nef';
    const starts = rawRowStarts(text, 200);
    expect([...starts].map((_, i) => rawRowText(text, starts, i, 200))).toEqual(['ab', 'cd', '', 'ef']);
  });
  it('property: joining the rows gives back the text without its line breaks', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', 'b', '\n', ' ') }),
        fc.integer({ min: 1, max: 7 }),
        (text, width) => {
          const starts = rawRowStarts(text, width);
          const rows = [...starts].map((_, i) => rawRowText(text, starts, i, width));
          expect(rows.every((r) => r.length <= width)).toBe(true);
          expect(rows.join('')).toBe(text.replace(/\n/g, ''));
        },
      ),
    );
  });
});
