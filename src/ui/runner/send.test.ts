import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { emptyDraft } from '../../core/request/draft';
import { useExplorerStore } from '../state/store';
import { editorChecks } from '../request/editor-checks';
import { resend, send } from './send';

const SERVER = 'http://127.0.0.1:4100';
const DEMO = { userId: 'userIdOfDemo12345', authToken: 'D'.repeat(43) };

// The query checks load after the first paint in the app; here they are loaded up front.
beforeAll(() => editorChecks.load());

beforeEach(() => {
  useExplorerStore.setState({
    config: { sandboxUrl: SERVER, targets: [SERVER], proxyPath: '/proxy' },
    transportMode: 'proxy',
    draft: { ...emptyDraft(SERVER, 'GET', '/api/v1/users.list'), params: { count: '5' } },
    auth: { [SERVER]: { credentials: DEMO } },
    run: null,
    refusal: null,
    unparsedFields: {},
  });
});

describe('send', () => {
  it('puts a new run on screen each time, with a new id', () => {
    const first = send('button');
    const second = send('shortcut');
    expect(first && second && second.id > first.id).toBe(true);
    expect(useExplorerStore.getState().run).toBe(second);
  });
  it('a held-back draft makes no run and records why, for the trigger used', () => {
    useExplorerStore.getState().actions.setJsonParam('query', '{"$where": "1"}');
    expect(send('shortcut')).toBeNull();
    expect(useExplorerStore.getState().run).toBeNull();
    expect(useExplorerStore.getState().refusal).toMatchObject({ trigger: 'shortcut', overridable: true });
    expect(send('button', { override: true })?.override).toBe(true);
  });
  it('a state change after sending changes nothing about the run', () => {
    const run = send('button');
    useExplorerStore.getState().actions.setAuth(SERVER, null);
    useExplorerStore.getState().actions.setParam('count', '9');
    expect(useExplorerStore.getState().run).toBe(run);
    expect(run?.prepared.headers['X-Auth-Token']).toBe(DEMO.authToken);
  });
});

describe('resend', () => {
  it('pages the run as sent and leaves the draft being edited alone', () => {
    const run = send('button')!;
    useExplorerStore.getState().actions.setParam('count', '7');
    const page = resend(run, { params: { offset: '5', count: '5' } }, 'page');
    expect(page?.prepared.displayUrl).toBe(`${SERVER}/api/v1/users.list?count=5&offset=5`);
    expect(useExplorerStore.getState().draft.params).toEqual({ count: '7' });
  });
});
