import { describe, expect, it } from 'vitest';
import { buildRun, patchRun } from '../../core/http/run';
import type { ResponseRecord } from '../../core/http/types';
import { emptyDraft } from '../../core/request/draft';
import { cachedPage, rememberPage } from './page-cache';
import { BodyText } from '../../core/http/body-text';

const SERVER = 'http://127.0.0.1:4100';

function answer(status: number, sizeBytes = 100): ResponseRecord {
  return {
    method: 'GET',
    displayUrl: '',
    status,
    statusText: '',
    headers: [],
    body: BodyText.of('{}'),
    sizeBytes,
    contentType: 'application/json',
    timings: { startedAt: 0, ttfbMs: 1, totalMs: 2 },
    transport: 'proxy',
    truncated: false,
  };
}

const first = buildRun({
  id: 1,
  trigger: 'button',
  draft: { ...emptyDraft(SERVER, 'GET', '/api/v1/users.list'), params: { count: '4' } },
  transport: { kind: 'proxy', proxyPath: '/proxy' },
  credentials: { userId: 'demoUserId1234567', authToken: 'T'.repeat(43) },
  now: 0,
});

describe('pages already seen', () => {
  it('finds the first page again when paging back to offset 0, for the same user only', () => {
    const response = answer(200);
    rememberPage(first, response);
    const back = patchRun(first, { params: { offset: '0', count: '4' } }, { id: 2, trigger: 'page', now: 1 });
    expect(cachedPage(back)).toBe(response);
    const asOther = buildRun({ ...first, id: 3, draft: first.draft, credentials: null, now: 2 });
    expect(cachedPage(asOther)).toBeUndefined();
    const next = patchRun(first, { params: { offset: '4', count: '4' } }, { id: 4, trigger: 'page', now: 3 });
    expect(cachedPage(next)).toBeUndefined();
  });
  it('keeps only successful answers', () => {
    const other = patchRun(
      first,
      { params: { offset: '8', count: '4' } },
      { id: 5, trigger: 'page', now: 4 },
    );
    rememberPage(other, answer(429));
    expect(cachedPage(other)).toBeUndefined();
  });
});
