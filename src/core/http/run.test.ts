import { describe, expect, it } from 'vitest';
import { emptyDraft } from '../request/draft';
import { buildRun, maskHeaders, patchRun, sentAs } from './run';

const SERVER = 'http://127.0.0.1:4100';
const CREDENTIALS = { userId: 'userIdOfDemo12345', authToken: 'T'.repeat(43) };
const PROXY = { kind: 'proxy', proxyPath: '/proxy' } as const;

function listRun() {
  const draft = { ...emptyDraft(`${SERVER}/`, 'GET', '/api/v1/users.list'), params: { count: '5' } };
  return buildRun({ id: 1, trigger: 'button', draft, transport: PROXY, credentials: CREDENTIALS, now: 10 });
}

describe('buildRun', () => {
  it('fixes the draft, server, user and the prepared request at the moment of sending', () => {
    const draft = emptyDraft(SERVER, 'GET', '/api/v1/me');
    const run = buildRun({
      id: 7,
      trigger: 'shortcut',
      draft,
      transport: PROXY,
      credentials: CREDENTIALS,
      now: 5,
    });
    draft.params.later = 'edit';
    expect(run.draft.params).toEqual({});
    expect(run.prepared.fetchUrl).toBe('/proxy/api/v1/me');
    expect(run.prepared.headers['X-Auth-Token']).toBe(CREDENTIALS.authToken);
    expect(run.prepared.headers['X-Explorer-Target']).toBe(SERVER);
    expect(run.userId).toBe(CREDENTIALS.userId);
    expect(run.maskedHeaders['X-Auth-Token']).not.toContain(CREDENTIALS.authToken);
    expect(JSON.stringify(run.maskedHeaders)).not.toContain(CREDENTIALS.authToken);
  });
  it('sends no credentials when none are given', () => {
    const run = buildRun({
      id: 1,
      trigger: 'button',
      draft: emptyDraft(SERVER),
      transport: { kind: 'direct' },
      now: 0,
    });
    expect(run.userId).toBeNull();
    expect(run.prepared.headers['X-Auth-Token']).toBeUndefined();
  });
});

describe('patchRun ("send again, changed")', () => {
  it('pages from the draft as sent, with the same user and transport', () => {
    const page = patchRun(
      listRun(),
      { params: { offset: '5', count: '5' } },
      { id: 2, trigger: 'page', now: 20 },
    );
    expect(page.prepared.displayUrl).toBe(`${SERVER}/api/v1/users.list?count=5&offset=5`);
    expect(page.prepared.headers['X-User-Id']).toBe(CREDENTIALS.userId);
    expect(page.parentId).toBe(1);
    expect(page.twoFactor).toBeNull();
  });
  it('adds a 2FA answer to this run only; its copies do not carry the single-use code', () => {
    const retry = patchRun(
      listRun(),
      { twoFactor: { code: '123456', method: 'totp' } },
      { id: 2, trigger: 'two-factor', now: 20 },
    );
    expect(retry.prepared.headers['x-2fa-code']).toBe('123456');
    expect(retry.maskedHeaders['x-2fa-code']).not.toBe('123456');
    const again = patchRun(retry, {}, { id: 3, trigger: 'resend', now: 30 });
    expect(again.prepared.headers['x-2fa-code']).toBeUndefined();
  });
});

describe('maskHeaders', () => {
  it('masks credentials and leaves other headers readable', () => {
    const masked = maskHeaders({ Accept: 'application/json', 'x-auth-token': CREDENTIALS.authToken });
    expect(masked.Accept).toBe('application/json');
    expect(masked['x-auth-token']).not.toBe(CREDENTIALS.authToken);
  });
});

describe('sentAs', () => {
  it('names the user as known at Send, else the masked ID, and never a name without credentials', () => {
    const draft = emptyDraft(SERVER);
    const base = { id: 1, trigger: 'button', draft, transport: PROXY, now: 0 } as const;
    const named = buildRun({ ...base, credentials: CREDENTIALS, username: 'demo' });
    expect(sentAs(named)).toBe('as demo');
    expect(sentAs(patchRun(named, { params: { count: '1' } }, { id: 2, trigger: 'page', now: 1 }))).toBe(
      'as demo',
    );
    const unnamed = sentAs(buildRun({ ...base, credentials: CREDENTIALS }));
    expect(unnamed).toMatch(/^as user /);
    expect(unnamed).not.toContain(CREDENTIALS.userId);
    expect(sentAs(buildRun({ ...base, username: 'demo' }))).toBe('without credentials');
  });
});
