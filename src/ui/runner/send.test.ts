import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Run } from '../../core/http/run';
import { emptyDraft } from '../../core/request/draft';
import { useExplorerStore } from '../state/store';
import { editorChecks } from '../request/editor-checks';
import { preloadRunBuilder, resend, send, type SendResult } from './send';

const SERVER = 'http://127.0.0.1:4100';
const DEMO = { userId: 'userIdOfDemo12345', authToken: 'D'.repeat(43) };

type Store = typeof useExplorerStore;

function reset(store: Store): void {
  store.setState({
    config: { sandboxUrl: SERVER, defaultServer: SERVER, targets: [SERVER], proxyPath: '/proxy' },
    transportMode: 'proxy',
    draft: { ...emptyDraft(SERVER, 'GET', '/api/v1/users.list'), params: { count: '5' } },
    auth: { [SERVER]: { credentials: DEMO } },
    run: null,
    refusal: null,
    unparsedFields: {},
  });
}

async function runOf(result: SendResult): Promise<Run | null> {
  return result.refused ? null : result.run;
}

describe('send', () => {
  // The query checks and the run builder load after the first paint in the app; here, up front.
  beforeAll(() => Promise.all([editorChecks.load(), preloadRunBuilder()]));
  beforeEach(() => reset(useExplorerStore));

  it('puts a new run on screen each time, with a new id', async () => {
    const first = await runOf(send('button'));
    const second = await runOf(send('shortcut'));
    expect(first && second && second.id > first.id).toBe(true);
    expect(useExplorerStore.getState().run).toBe(second);
  });
  it('puts the run on screen at once once the builder has loaded', () => {
    expect(send('button').refused).toBe(false);
    expect(useExplorerStore.getState().run).not.toBeNull();
  });
  it('a held-back draft makes no run and records why, for the trigger used', async () => {
    useExplorerStore.getState().actions.setJsonParam('query', '{"$where": "1"}');
    expect(send('shortcut').refused).toBe(true);
    expect(useExplorerStore.getState().run).toBeNull();
    expect(useExplorerStore.getState().refusal).toMatchObject({ trigger: 'shortcut', overridable: true });
    expect((await runOf(send('button', { override: true })))?.override).toBe(true);
  });
  it('a state change after sending changes nothing about the run', async () => {
    const run = await runOf(send('button'));
    useExplorerStore.getState().actions.setAuth(SERVER, null);
    useExplorerStore.getState().actions.setParam('count', '9');
    expect(useExplorerStore.getState().run).toBe(run);
    expect(run?.prepared.headers['X-Auth-Token']).toBe(DEMO.authToken);
  });
  it('pages the run as sent and leaves the draft being edited alone', async () => {
    const run = (await runOf(send('button')))!;
    useExplorerStore.getState().actions.setParam('count', '7');
    const page = resend(run, { params: { offset: '5', count: '5' } }, 'page');
    expect(page?.prepared.displayUrl).toBe(`${SERVER}/api/v1/users.list?count=5&offset=5`);
    expect(useExplorerStore.getState().draft.params).toEqual({ count: '7' });
  });
});

describe('send before the run builder has loaded (a click right after the first paint)', () => {
  it('sends what was on screen at the click, as the user signed in then, once the builder is there', async () => {
    // Fresh modules: nothing has loaded the run builder yet, as on a page just opened.
    vi.resetModules();
    const fresh = await import('./send');
    const { useExplorerStore: store } = await import('../state/store');
    await (await import('../request/editor-checks')).editorChecks.load();
    reset(store);
    vi.useFakeTimers({ toFake: ['Date'], now: 1_000 });
    try {
      const result = fresh.send('button');
      expect(result.refused).toBe(false);
      expect(store.getState().run).toBeNull(); // not built yet: the builder is loading
      vi.setSystemTime(9_000);
      store.getState().actions.setParam('count', '9');
      store.getState().actions.setAuth(SERVER, null);
      const run = await runOf(result);
      expect(store.getState().run).toBe(run);
      expect(run?.prepared.displayUrl).toBe(`${SERVER}/api/v1/users.list?count=5`);
      expect(run?.prepared.headers['X-Auth-Token']).toBe(DEMO.authToken);
      expect(run?.createdAt).toBe(1_000);
    } finally {
      vi.useRealTimers();
    }
  });
  it('two sends before it loads go on screen in the order they were made', async () => {
    vi.resetModules();
    const fresh = await import('./send');
    const { useExplorerStore: store } = await import('../state/store');
    await (await import('../request/editor-checks')).editorChecks.load();
    reset(store);
    const first = fresh.send('button');
    store.getState().actions.setParam('count', '6');
    const second = fresh.send('shortcut');
    const [a, b] = await Promise.all([runOf(first), runOf(second)]);
    expect(a && b && b.id > a.id).toBe(true);
    expect(store.getState().run).toBe(b);
    expect(b?.prepared.displayUrl).toBe(`${SERVER}/api/v1/users.list?count=6`);
  });
});
