import { describe, expect, it } from 'vitest';
import { detectClamp } from '../../core/pagination/arithmetic';
import { useExplorerStore } from '../state/store';
import { applyPage, effectivePageSize, pagingOf, requestedCount } from './paging';
import { emptyDraft } from '../../core/permalink/draft';

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
  it('applyPage writes offset/count into the sent request, reloading it if the person moved on', () => {
    const { actions } = useExplorerStore.getState();
    const sent = {
      ...emptyDraft('http://127.0.0.1:4100', 'GET', '/api/v1/users.list'),
      params: { count: '5' },
    };
    actions.loadDraft(emptyDraft('http://127.0.0.1:4100', 'GET', '/api/v1/channels.list'));
    applyPage(sent, 15, 5);
    const draft = useExplorerStore.getState().draft;
    expect(draft.operationId).toBe('GET /api/v1/users.list');
    expect(draft.params).toEqual({ count: '5', offset: '15' });
  });
});
