import { beforeEach, describe, expect, it } from 'vitest';
import type { ResponseRecord } from '../../core/http/types';
import { emptyDraft } from '../../core/permalink/draft';
import { announceRun } from '../runner/run-events';
import { useExplorerStore } from '../state/store';
import { needsAuthDiagnosis } from './AuthDiagnosis';
import { sentContextOf, startAuthTracking } from './tracker';

const SERVER = 'http://127.0.0.1:9';
const TOKEN = 'TrackerTokenTrackerTokenTrackerToken1234567';

function response(status: number, body: unknown, startedAt: number): ResponseRecord {
  return {
    method: 'GET',
    displayUrl: `${SERVER}/api/v1/me`,
    status,
    statusText: '',
    headers: [],
    bodyText: JSON.stringify(body),
    sizeBytes: 0,
    contentType: 'application/json',
    timings: { startedAt, ttfbMs: 1, totalMs: 2 },
    transport: 'direct',
    truncated: false,
  };
}

beforeEach(() => {
  useExplorerStore.setState({ auth: {}, pendingTwoFactor: null, transportMode: 'direct', config: null });
  startAuthTracking();
});

describe('auth tracking of finished runs', () => {
  it('uses a 2FA answer once: cleared when the run finishes, and recorded with what was sent', () => {
    const { setAuth, setPendingTwoFactor } = useExplorerStore.getState().actions;
    setAuth(SERVER, { credentials: { userId: 'trackerUser000001', authToken: TOKEN } });
    setPendingTwoFactor({ code: '123456', method: 'totp' });
    const res = response(200, { success: true }, 1);
    announceRun({
      draft: emptyDraft(SERVER, 'GET', '/api/v1/me'),
      userId: 'trackerUser000001',
      response: res,
      finishedAt: Date.now(),
    });
    expect(useExplorerStore.getState().pendingTwoFactor).toBeNull();
    const context = sentContextOf(structuredClone(res));
    expect(context?.requestHeaders['X-Auth-Token']).toBe(TOKEN);
    expect(context?.requestHeaders['x-2fa-method']).toBe('totp');
    expect(context?.signedInUserId).toBe('trackerUser000001');
  });

  it('keeps a bounded number of contexts', () => {
    for (let i = 0; i < 30; i += 1) {
      announceRun({
        draft: emptyDraft(SERVER, 'GET', '/api/v1/me'),
        userId: null,
        response: response(401, {}, 100 + i),
        finishedAt: 0,
      });
    }
    expect(sentContextOf(response(401, {}, 100))).toBeUndefined();
    expect(sentContextOf(response(401, {}, 129))).toBeDefined();
  });
});

describe('which answers get a diagnosis', () => {
  it('401, 403 and 2FA challenges; not other 400s, successes or the proxy’s own refusals', () => {
    expect(needsAuthDiagnosis(response(401, { error: 'You must be logged in to do this.' }, 1))).toBe(true);
    expect(needsAuthDiagnosis(response(403, { error: 'x [error-unauthorized]' }, 1))).toBe(true);
    expect(
      needsAuthDiagnosis(
        response(400, { error: 'TOTP Required [totp-required]', errorType: 'totp-required' }, 1),
      ),
    ).toBe(true);
    expect(
      needsAuthDiagnosis(
        response(400, { error: 'must be number [invalid-params]', errorType: 'invalid-params' }, 1),
      ),
    ).toBe(false);
    expect(needsAuthDiagnosis(response(200, { success: true }, 1))).toBe(false);
    expect(
      needsAuthDiagnosis({
        ...response(403, { error: 'target-not-allowed' }, 1),
        proxyError: { code: 'target-not-allowed', message: 'm' },
      }),
    ).toBe(false);
  });
});
