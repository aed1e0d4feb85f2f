import { buildRun } from '../../core/http/run';
import { describe, expect, it } from 'vitest';
import { emptyDraft } from '../../core/request/draft';
import type { ResponseRecord } from '../../core/http/types';
import { getWindow, observe, rateLimitText } from '../../core/rate-limit/model';
import { observationOf } from './store';
import { BodyText } from '../../core/http/body-text';

function response(partial: Partial<ResponseRecord>): ResponseRecord {
  return {
    method: 'GET',
    displayUrl: 'http://127.0.0.1:4100/api/v1/users.list?count=5',
    status: 200,
    statusText: 'OK',
    headers: [],
    body: BodyText.of('{}'),
    sizeBytes: 2,
    contentType: 'application/json',
    timings: { startedAt: 0, ttfbMs: 1, totalMs: 2 },
    transport: 'proxy',
    truncated: false,
    ...partial,
  };
}

const draft = {
  ...emptyDraft('http://127.0.0.1:4100/', 'GET', '/api/v1/users.list'),
  params: { count: '5' },
};
const T0 = 1_780_000_000_000;
const runOf = (d: typeof draft) =>
  buildRun({ id: 1, trigger: 'button', draft: d, transport: { kind: 'direct' }, now: T0 });

describe('observationOf', () => {
  it('keys by server, method and route template, and reads the headers', () => {
    const obs = observationOf(
      {
        run: runOf(draft),
        finishedAt: T0,
        response: response({
          headers: [
            ['x-ratelimit-limit', '5'],
            ['x-ratelimit-remaining', '4'],
            ['x-ratelimit-reset', String(T0 + 20_000)],
          ],
        }),
      },
      false,
      'http://127.0.0.1:4000',
    );
    expect(obs).toMatchObject({
      server: 'http://127.0.0.1:4100',
      method: 'GET',
      path: '/api/v1/users.list',
      transport: 'proxy',
    });
    const window = getWindow(observe({}, obs), 'http://127.0.0.1:4100', 'GET', '/api/v1/users.list');
    expect(rateLimitText(window, T0)).toBe('4 of 5 left, resets in 20 s');
  });
  it('a direct call to another origin without headers is hidden by CORS', () => {
    const obs = observationOf(
      { run: runOf(draft), finishedAt: T0, response: response({ transport: 'direct' }) },
      false,
      'http://127.0.0.1:4000',
    );
    expect(obs.transport).toBe('cross-origin');
    expect(rateLimitText(getWindow(observe({}, obs), draft.serverUrl, 'GET', draft.path), T0)).toBe(
      'hidden by CORS',
    );
  });
  it('passes the 429 body so the wait is honoured', () => {
    const body = JSON.stringify({
      success: false,
      error:
        'Error, too many requests. Please slow down. You must wait 18 seconds before trying this endpoint again. [error-too-many-requests]',
    });
    const obs = observationOf(
      { run: runOf(draft), finishedAt: T0, response: response({ status: 429, body: BodyText.of(body) }) },
      false,
      'http://127.0.0.1:4000',
    );
    const window = getWindow(observe({}, obs), draft.serverUrl, 'GET', draft.path);
    expect(window.blockedUntil).toBe(T0 + 18_000);
  });
});
