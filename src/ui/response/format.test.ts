import { describe, expect, it } from 'vitest';
import { formatEstimate, formatMs } from './format';

describe('formatEstimate', () => {
  it('rounds estimates to whole seconds', () => {
    expect(formatEstimate(59_160)).toBe('59 s');
    expect(formatEstimate(59_600)).toBe('60 s');
    expect(formatEstimate(1_499)).toBe('1 s');
  });
  it('says "under 1 s" rather than "0 s" for a short wait still running', () => {
    expect(formatEstimate(200)).toBe('under 1 s');
    expect(formatEstimate(0)).toBe('0 s');
  });
  it('switches to minutes past two minutes', () => {
    expect(formatEstimate(119_000)).toBe('119 s');
    expect(formatEstimate(120_000)).toBe('2 min');
    expect(formatEstimate(185_400)).toBe('3 min 5 s');
  });
});

describe('formatMs', () => {
  it('keeps measured times precise', () => {
    expect(formatMs(12.4)).toBe('12 ms');
    expect(formatMs(1234)).toBe('1.23 s');
  });
});
