import { describe, expect, it } from 'vitest';
import { detectClamp } from '../../core/pagination/arithmetic';
import { effectivePageSize, pagingOf, requestedCount } from './paging';

describe('paging helpers', () => {
  it('reads the requested count only when it is a whole number', () => {
    expect(requestedCount({ params: { count: '25' } })).toBe(25);
    expect(requestedCount({ params: { count: '0' } })).toBe(0);
    expect(requestedCount({ params: { count: 'abc' } })).toBeUndefined();
    expect(requestedCount({ params: {} })).toBeUndefined();
  });
  it('pages by what the server used: clamp, default count, or the asked size', () => {
    const clampedPage = { offset: 0, count: 100, total: 2000 };
    expect(effectivePageSize(500, clampedPage, detectClamp(500, clampedPage))).toBe(100);
    const defaultPage = { offset: 0, count: 50, total: 2000 };
    expect(effectivePageSize(undefined, defaultPage, detectClamp(undefined, defaultPage))).toBe(50);
    expect(pagingOf({ params: { count: '5' } }, { offset: 10, count: 5, total: 2000 }).pageSize).toBe(5);
    // count=0 that returned everything: one page, no navigation
    expect(pagingOf({ params: { count: '0' } }, { offset: 0, count: 30, total: 30 }).pageSize).toBe(0);
  });
});
