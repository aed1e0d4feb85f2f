import { describe, expect, it } from 'vitest';
import { encodePermalink } from '../../core/permalink';
import { emptyDraft } from '../../core/request/draft';
import {
  addressWithHash,
  hashForDraft,
  knownSecretsOf,
  needsServerConfirmation,
  parseHash,
} from './hash-route';

const SERVER = 'http://127.0.0.1:4100';
const TOKEN = 'Xq3vJ9kLmN2pQ7rS8tU1wY4zA6bC0dE5fG_hI-jKlMn';

describe('parseHash', () => {
  it('tells links, operation links and nothing apart', () => {
    expect(parseHash('')).toEqual({ kind: 'empty' });
    expect(parseHash('#')).toEqual({ kind: 'empty' });
    expect(parseHash('#op=get-api-v1-me')).toEqual({ kind: 'operation', id: 'get-api-v1-me' });
    const link = encodePermalink(emptyDraft(SERVER, 'GET', '/api/v1/me'));
    expect(parseHash(link)).toEqual({
      kind: 'permalink',
      result: { ok: true, draft: emptyDraft(SERVER, 'GET', '/api/v1/me') },
    });
  });

  it('prefers the whole request over an operation id when a fragment has both', () => {
    const link = encodePermalink(emptyDraft(SERVER, 'GET', '/api/v1/me'));
    const route = parseHash(`${link}&op=get-api-v1-users.list`);
    expect(route.kind).toBe('permalink');
    expect(route.kind === 'permalink' && route.result.ok && route.result.draft.operationLabel).toBe(
      'GET /api/v1/me',
    );
  });

  it('explains in words what is not a request link', () => {
    for (const hash of ['#section-2', '#r=2.', '#op=', '#r=3.abc', '#%E0%A4%A']) {
      const route = parseHash(hash);
      expect(route.kind, hash).toBe('permalink');
      expect(
        route.kind === 'permalink' && !route.result.ok && route.result.error.length,
        hash,
      ).toBeGreaterThan(20);
    }
  });
});

describe('needsServerConfirmation', () => {
  it('asks only for another server, not for another spelling of the same one', () => {
    expect(needsServerConfirmation(SERVER, SERVER)).toBe(false);
    expect(needsServerConfirmation(`${SERVER}/`, SERVER)).toBe(false);
    expect(needsServerConfirmation('HTTP://127.0.0.1:4100', SERVER)).toBe(false);
    expect(needsServerConfirmation('http://127.0.0.1:4200', SERVER)).toBe(true);
    expect(needsServerConfirmation('https://127.0.0.1:4100', SERVER)).toBe(true);
    expect(needsServerConfirmation('http://127.0.0.1:4100/chat', SERVER)).toBe(true);
    // No server chosen yet: a link still may not choose one silently.
    expect(needsServerConfirmation(SERVER, '')).toBe(true);
  });
});

describe('secrets and addresses', () => {
  it('knows every token and user ID held in memory, and those a run was sent with (2FA code too)', () => {
    const auth = {
      [SERVER]: { credentials: { userId: 'u1', authToken: TOKEN } },
      other: { credentials: { userId: 'u2', authToken: 't2' } },
    };
    const run = {
      credentials: { userId: 'u3', authToken: 't3' },
      twoFactor: { code: '123456', method: 'totp' },
    };
    expect(knownSecretsOf(auth, run).sort()).toEqual([TOKEN, '123456', 't2', 't3', 'u1', 'u2', 'u3'].sort());
    expect(knownSecretsOf({}, null)).toEqual([]);
  });

  it('makes no link without a server, and none holding a known secret', () => {
    expect(hashForDraft(emptyDraft(''), [])).toBeNull();
    const hash = hashForDraft(
      { ...emptyDraft(SERVER, 'GET', '/api/v1/users.list'), params: { note: `x${TOKEN}y` } },
      [TOKEN],
    );
    const decoded = parseHash(hash ?? '');
    expect(JSON.stringify(decoded)).not.toContain(TOKEN);
  });

  it('keeps the page path and query when changing the fragment', () => {
    expect(addressWithHash({ pathname: '/explorer/', search: '?a=1' }, '#r=2.x')).toBe(
      '/explorer/?a=1#r=2.x',
    );
  });
});
