import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  countZeroWarning,
  detectClamp,
  lastPageOffset,
  pageInfo,
  pageNavigation,
  pagesNeeded,
  planOffsets,
  showingText,
} from './arithmetic';

describe('pageInfo and showingText', () => {
  it('names the visible range with an en dash, as the UI contract shows it', () => {
    expect(showingText(10, 5, 2000)).toBe('Showing 11\u201315 of 2000');
    expect(pageInfo({ offset: 10, count: 5, total: 2000 }, 5)).toMatchObject({
      page: 3,
      pageCount: 400,
      first: 11,
      last: 15,
    });
    expect(pageInfo({ offset: 0, count: 0, total: 0 }, 50)).toMatchObject({
      page: 1,
      pageCount: 1,
      first: 0,
      last: 0,
      text: 'Showing 0 of 0',
    });
    expect(pageInfo({ offset: 0, count: 2000, total: 2000 }, 0)).toMatchObject({
      page: 1,
      pageCount: 1,
      text: 'Showing 1\u20132000 of 2000',
    });
  });

  it('property: first..last lies within 1..total and the page number is within 1..pageCount', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.nat(),
        (size, total, k) => {
          const offset = total === 0 ? 0 : k % total;
          const count = Math.min(size, total - offset);
          const info = pageInfo({ offset, count, total }, size);
          expect(info.page).toBeGreaterThanOrEqual(1);
          expect(info.page).toBeLessThanOrEqual(info.pageCount);
          if (count > 0) {
            expect(info.first).toBe(offset + 1);
            expect(info.last).toBeLessThanOrEqual(total);
            expect(info.text).toBe(`Showing ${offset + 1}\u2013${offset + count} of ${total}`);
          }
        },
      ),
    );
  });
});

describe('pageNavigation', () => {
  it('disables what leads nowhere', () => {
    expect(pageNavigation(0, 50, 120)).toEqual({ first: null, previous: null, next: 50, last: 100 });
    expect(pageNavigation(50, 50, 120)).toEqual({ first: 0, previous: 0, next: 100, last: 100 });
    expect(pageNavigation(100, 50, 120)).toEqual({ first: 0, previous: 50, next: null, last: null });
    expect(pageNavigation(0, 50, 50)).toEqual({ first: null, previous: null, next: null, last: null });
    expect(pageNavigation(30, 50, 120).previous).toBe(0);
    expect(pageNavigation(0, 0, 120)).toEqual({ first: null, previous: null, next: null, last: null });
  });

  it('property: walking Next from 0 visits every item exactly once and ends on Last', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 0, max: 5_000 }), (size, total) => {
        const seen: number[] = [];
        let offset: number | null = 0;
        let guard = 0;
        let lastVisited = 0;
        while (offset !== null && guard++ < 10_000) {
          lastVisited = offset;
          for (let i = offset; i < Math.min(total, offset + size); i++) seen.push(i);
          offset = pageNavigation(offset, size, total).next;
        }
        expect(seen).toEqual(Array.from({ length: total }, (_, i) => i));
        expect(lastVisited).toBe(lastPageOffset(total, size));
        expect(planOffsets(total, size)).toHaveLength(pagesNeeded(total, size));
      }),
    );
  });

  it('property: Previous never goes below 0 and always moves back', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 1, max: 5_000 }),
        fc.nat(),
        (size, total, k) => {
          const offset = 1 + (k % total);
          const prev = pageNavigation(offset, size, total).previous;
          expect(prev).not.toBeNull();
          expect(prev!).toBeGreaterThanOrEqual(0);
          expect(prev!).toBeLessThan(offset);
          expect(offset - prev!).toBeLessThanOrEqual(size);
        },
      ),
    );
  });
});

describe('planOffsets', () => {
  it('lists the offsets a fetch-all requests', () => {
    expect(planOffsets(250, 100)).toEqual([0, 100, 200]);
    expect(planOffsets(250, 100, 150)).toEqual([150, 250].filter((o) => o < 250));
    expect(planOffsets(0, 100)).toEqual([]);
    expect(() => planOffsets(10, 0)).toThrow(RangeError);
  });
});

describe('detectClamp', () => {
  it('sees the Max Record Amount when fewer items came back although more exist', () => {
    const verdict = detectClamp(500, { offset: 0, count: 100, total: 2000 });
    expect(verdict).toMatchObject({ kind: 'clamped', requested: 500, serverMax: 100 });
    expect(verdict.kind === 'clamped' && verdict.message).toContain('Max Record Amount');
  });

  it('a short last page, an exact fit or no count sent is not a clamp', () => {
    expect(detectClamp(500, { offset: 0, count: 37, total: 37 }).kind).toBe('none');
    expect(detectClamp(500, { offset: 1950, count: 50, total: 2000 }).kind).toBe('none');
    expect(detectClamp(100, { offset: 0, count: 100, total: 2000 }).kind).toBe('none');
    expect(detectClamp(undefined, { offset: 0, count: 50, total: 2000 }).kind).toBe('none');
  });

  it('count=0 answered with a page means Allow Getting Everything is off', () => {
    expect(detectClamp(0, { offset: 0, count: 50, total: 2000 })).toMatchObject({
      kind: 'count-zero-refused',
      serverDefault: 50,
    });
    expect(detectClamp(0, { offset: 0, count: 2000, total: 2000 }).kind).toBe('none');
  });

  it('property: clamped exactly when returned < requested and items remain after the page', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 0, max: 3000 }),
        fc.nat(3000),
        (requested, max, total, start) => {
          const offset = Math.min(start, total);
          const count = Math.min(requested, max, total - offset);
          const verdict = detectClamp(requested, { offset, count, total });
          expect(verdict.kind === 'clamped').toBe(count < requested && offset + count < total && count > 0);
          if (verdict.kind === 'clamped') expect(verdict.serverMax).toBe(max);
        },
      ),
    );
  });
});

describe('countZeroWarning', () => {
  it('warns for count=0 only, with a size estimate when the total is known', () => {
    expect(countZeroWarning(50)).toBeNull();
    expect(countZeroWarning('')).toBeNull();
    expect(countZeroWarning(undefined)).toBeNull();
    expect(countZeroWarning('abc')).toBeNull();
    const w = countZeroWarning('0', 100_000);
    expect(w?.title).toBe('count=0 asks for everything');
    expect(w?.estimatedBytes).toBe(45_000_000);
    expect(w?.message).toContain('roughly 45.0 MB');
    expect(w?.message).toContain('Allow Getting Everything');
    expect(countZeroWarning(0)?.estimatedBytes).toBeNull();
  });
});
