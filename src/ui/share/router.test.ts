import fc from 'fast-check';
import LZString from 'lz-string';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { operationsFromGenerated } from '../../core/catalog/operation';
import { encodePermalink } from '../../core/permalink';
import type { RequestDraft } from '../../core/request/draft';
import { emptyDraft } from '../../core/request/draft';
import { useCatalogStore } from '../catalog/catalog-store';
import { useExplorerStore } from '../state/store';
import { ownEntryState, startPermalinkRouter, type RouterWindow } from './router';
import { useShareStore } from './share-store';

const SERVER = 'http://127.0.0.1:4100';
const OTHER = 'https://evil.example.com';
const TOKEN = 'Xq3vJ9kLmN2pQ7rS8tU1wY4zA6bC0dE5fG_hI-jKlMn';
const USER_ID = 'rbAXPnMktTFbNpwtJ';

/**
 * A session history as the HTML spec describes it, small enough to read: entries with a URL
 * fragment and a state object, push truncates the forward entries, Back/Forward and fragment
 * navigation fire popstate. Timers run when the test says so.
 */
class FakeWindow implements RouterWindow {
  entries: Array<{ hash: string; state: unknown }>;
  index = 0;
  private listeners = new Set<() => void>();
  private timers = new Map<number, () => void>();
  private nextTimer = 1;
  readonly location: { hash: string; pathname: string; search: string };
  readonly history: RouterWindow['history'];

  constructor(hash = '', state: unknown = null) {
    this.entries = [{ hash, state }];
    this.location = new FakeLocation(this);
    this.history = new FakeHistory(this);
  }
  addEventListener(_type: 'popstate', listener: () => void): void {
    this.listeners.add(listener);
  }
  removeEventListener(_type: 'popstate', listener: () => void): void {
    this.listeners.delete(listener);
  }
  setTimeout(handler: () => void, _ms: number): number {
    const id = this.nextTimer++;
    this.timers.set(id, handler);
    return id;
  }
  clearTimeout(id: number): void {
    this.timers.delete(id);
  }
  runTimers(): void {
    const due = [...this.timers.values()];
    this.timers.clear();
    for (const handler of due) handler();
  }
  pendingTimers(): number {
    return this.timers.size;
  }
  private pop(): void {
    for (const listener of this.listeners) listener();
  }
  back(): void {
    this.index -= 1;
    this.pop();
  }
  forward(): void {
    this.index += 1;
    this.pop();
  }
  /** A fragment typed or pasted into the address bar: a new entry without state. */
  navigateFragment(hash: string): void {
    this.entries.splice(this.index + 1);
    this.entries.push({ hash, state: null });
    this.index += 1;
    this.pop();
  }
}

class FakeLocation {
  readonly pathname = '/';
  readonly search = '';
  constructor(private readonly win: FakeWindow) {}
  get hash(): string {
    return this.win.entries[this.win.index]!.hash;
  }
}

class FakeHistory {
  constructor(private readonly win: FakeWindow) {}
  get state(): unknown {
    return this.win.entries[this.win.index]!.state;
  }
  pushState(data: unknown, _unused: string, url?: string): void {
    this.win.entries.splice(this.win.index + 1);
    this.win.entries.push({ hash: hashOf(url), state: structuredClone(data) });
    this.win.index += 1;
  }
  replaceState(data: unknown, _unused: string, url?: string): void {
    this.win.entries[this.win.index] = { hash: hashOf(url), state: structuredClone(data) };
  }
}

function hashOf(url: string | undefined): string {
  const at = (url ?? '').indexOf('#');
  return at >= 0 ? (url ?? '').slice(at) : '';
}

const OPERATIONS = operationsFromGenerated({
  generatedFrom: 'test',
  count: 4,
  schemas: [],
  models: {},
  operations: [
    { method: 'GET', path: '/api/info', group: 'server', auth: false },
    { method: 'GET', path: '/api/v1/users.list', group: 'users', paginated: true },
    { method: 'GET', path: '/api/v1/me', group: 'users' },
    { method: 'PATCH', path: '/api/v1/teams.update', group: 'teams' },
  ],
});

function usersList(server = SERVER): RequestDraft {
  return {
    ...emptyDraft(server, 'GET', '/api/v1/users.list'),
    params: { count: '5', offset: '10' },
    jsonParams: { query: '', fields: '{"username":1}', sort: '{"username":-1}' },
    view: { tab: 'table' },
  };
}

let stop: (() => void) | null = null;
function start(win: FakeWindow): void {
  stop = startPermalinkRouter({
    win,
    explorer: useExplorerStore,
    notices: useShareStore,
    catalog: useCatalogStore,
    debounceMs: 10,
  });
}
const draft = (): RequestDraft => useExplorerStore.getState().draft;
const notice = () => useShareStore.getState().notice;
const actions = () => useExplorerStore.getState().actions;

beforeEach(() => {
  useExplorerStore.setState({
    config: { sandboxUrl: SERVER, defaultServer: SERVER, targets: [SERVER], proxyPath: '/proxy' },
    draft: emptyDraft(SERVER),
    run: null,
    auth: {},
  });
  useShareStore.setState({ notice: null });
  useCatalogStore.getState().actions.publish(OPERATIONS);
});

afterEach(() => {
  stop?.();
  stop = null;
});

describe('opening a link', () => {
  it('restores the request of a same-server link without sending it, and marks the entry as its own', () => {
    const link = encodePermalink(usersList());
    const win = new FakeWindow(link);
    start(win);
    expect(draft()).toEqual(usersList());
    expect(useExplorerStore.getState().run).toBeNull();
    expect(notice()).toBeNull();
    win.runTimers();
    expect(win.entries).toEqual([{ hash: link, state: ownEntryState(link) }]);
  });

  it('keeps the link it opened in the address (no second encoding) until the draft changes', () => {
    // Valid but not what encoding writes (spacing, key order): encoding the draft again would
    // give other characters, and compressing a large request again costs a long task.
    const json = `{ "p": "/api/v1/users.list", "m": "GET", "s": "${SERVER}", "q": { "count": "10" } }`;
    const link = `#r=2.${LZString.compressToEncodedURIComponent(json)}`;
    const win = new FakeWindow(link);
    start(win);
    expect(draft().params).toEqual({ count: '10' });
    win.runTimers();
    expect(win.entries).toEqual([{ hash: link, state: ownEntryState(link) }]);
    actions().setParam('count', '20');
    win.runTimers();
    expect(win.location.hash).toBe(encodePermalink(draft()));
    expect(win.location.hash).not.toBe(link);
  });

  it('asks before switching to another server: the current server stays, the address keeps the link', () => {
    const link = encodePermalink(usersList(OTHER));
    const win = new FakeWindow(link);
    start(win);
    expect(notice()).toEqual({ kind: 'confirm-server', linkServer: OTHER, currentServer: SERVER });
    expect(draft()).toEqual(usersList(SERVER));
    // Editing while the question is open does not rewrite the link away.
    actions().setParam('count', '7');
    win.runTimers();
    expect(win.location.hash).toBe(link);

    // Switching: the server changes only now, and the address follows again.
    actions().setServerUrl(OTHER);
    useShareStore.getState().actions.dismiss();
    win.runTimers();
    expect(draft().serverUrl).toBe(OTHER);
    expect(win.location.hash).toBe(
      encodePermalink({ ...usersList(OTHER), params: { count: '7', offset: '10' } }),
    );
    expect(win.entries).toHaveLength(1);
  });

  it('keeping the current server rewrites the link to it', () => {
    const win = new FakeWindow(encodePermalink(usersList(OTHER)));
    start(win);
    useShareStore.getState().actions.dismiss();
    win.runTimers();
    expect(draft().serverUrl).toBe(SERVER);
    expect(win.location.hash).toBe(encodePermalink(usersList(SERVER)));
  });

  it('a reloaded entry of its own is trusted: no question, the draft comes back with its server', () => {
    const link = encodePermalink(usersList(OTHER));
    start(new FakeWindow(link, ownEntryState(link)));
    expect(notice()).toBeNull();
    expect(draft().serverUrl).toBe(OTHER);
  });

  it('a state object that does not match the fragment is not trusted', () => {
    const link = encodePermalink(usersList(OTHER));
    start(new FakeWindow(link, ownEntryState('#r=2.something-else')));
    expect(notice()?.kind).toBe('confirm-server');
    expect(draft().serverUrl).toBe(SERVER);
  });

  it('a malformed link shows the error in words and loses nothing', () => {
    actions().setParam('count', '3');
    const before = draft();
    const win = new FakeWindow('#r=2.%%%broken');
    start(win);
    expect(notice()).toEqual({ kind: 'error', message: expect.stringMatching(/damaged|incomplete/) });
    expect(draft()).toBe(before);
    expect(win.entries).toHaveLength(1);
  });

  it('a v1 link opens through the migration chain and says so', () => {
    start(
      new FakeWindow(
        '#r=1.N4IgzgpgTgbtIC4QAsAuqAOCD02CMATAOwB0ADOSXggCx5lkgA0IAthKsgPYAmiIAcQCiAFWYgMAQ079skjAEtsMPNgCukKGBIAbBWFTipUSazCJQAYy5qAdoaQEArOK4AzN5AcgnjFgEc1aABPfmAAHRBJS1QFOEiEVCgggF9xNwUIHR5zJAiQDWhbUwgEvDSWMC4ob3zCqGL2BIBacpAUllRJACN+DCgOVFCUoA',
      ),
    );
    expect(notice()).toEqual({ kind: 'migrated', from: 1 });
    expect(draft().operationLabel).toBe('GET /api/v1/users.list');
  });

  it('never throws and always explains, whatever follows the #', () => {
    const before = draft();
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 300 }),
          fc.string({ maxLength: 300 }).map((s) => `r=${s}`),
          fc.string({ maxLength: 300 }).map((s) => `r=2.${s}`),
          fc.integer({ min: 0, max: 3000 }).map((cut) => encodePermalink(usersList()).slice(0, cut)),
        ),
        (tail) => {
          const hash = tail.startsWith('#') ? tail : `#${tail}`;
          useShareStore.setState({ notice: null });
          useExplorerStore.setState({ draft: before });
          const win = new FakeWindow(hash);
          start(win);
          const n = notice();
          const d = draft();
          stop?.();
          stop = null;
          if (hash.replace(/^#/, '').trim() === '') return n === null && d === before;
          // Either a request was restored, an operation link is waiting for the catalog, or there are words.
          if (n?.kind === 'error') return n.message.length > 10 && d === before;
          return d !== before || /(^|&)op=/.test(hash.slice(1));
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('the address bar follows the draft', () => {
  it('edits replace the current entry (debounced); choosing an operation pushes one; Back/Forward restore', () => {
    const win = new FakeWindow('');
    start(win);
    actions().selectOperation('GET', '/api/v1/users.list');
    expect(win.entries).toHaveLength(2);
    actions().setParam('count', '5');
    actions().setParam('offset', '10');
    expect(win.pendingTimers()).toBe(1);
    win.runTimers();
    expect(win.entries).toHaveLength(2);
    const usersHash = win.location.hash;
    expect(usersHash).toBe(
      encodePermalink({
        ...emptyDraft(SERVER, 'GET', '/api/v1/users.list'),
        params: { count: '5', offset: '10' },
      }),
    );

    actions().selectOperation('GET', '/api/v1/me');
    // An edit still in the debounce when the operation changes is kept by the entry it belongs to.
    actions().setParam('x', 'y');
    actions().selectOperation('GET', '/api/info');
    expect(win.entries).toHaveLength(4);
    expect(win.entries[2]!.hash).toBe(
      encodePermalink({ ...emptyDraft(SERVER, 'GET', '/api/v1/me'), params: { x: 'y' } }),
    );

    win.back();
    expect(draft()).toEqual({ ...emptyDraft(SERVER, 'GET', '/api/v1/me'), params: { x: 'y' } });
    win.back();
    expect(draft().params).toEqual({ count: '5', offset: '10' });
    expect(notice()).toBeNull();
    // Back to the entry the page opened with: the request it showed.
    win.back();
    expect(draft()).toEqual(emptyDraft(SERVER));
    win.forward();
    win.forward();
    expect(draft().operationLabel).toBe('GET /api/v1/me');
    // Restoring is not choosing: no new entries were added by Back/Forward.
    win.runTimers();
    expect(win.entries).toHaveLength(4);
    expect(useExplorerStore.getState().run).toBeNull();
  });

  it('a link pasted into the address bar of an open tab is treated as a link (asks for another server)', () => {
    const win = new FakeWindow('');
    start(win);
    win.navigateFragment(encodePermalink(usersList(OTHER)));
    expect(notice()?.kind).toBe('confirm-server');
    expect(draft().serverUrl).toBe(SERVER);
    // Choosing another operation answers the question with "stay".
    actions().selectOperation('GET', '/api/v1/me');
    expect(notice()).toBeNull();
    expect(draft().serverUrl).toBe(SERVER);
  });

  it('Back to an entry of another server that the person chose is not asked again', () => {
    const win = new FakeWindow('');
    start(win);
    actions().setServerUrl(OTHER);
    actions().selectOperation('GET', '/api/v1/me');
    actions().selectOperation('GET', '/api/v1/users.list');
    actions().setServerUrl(SERVER);
    win.runTimers();
    win.back();
    expect(notice()).toBeNull();
    expect(draft()).toEqual(emptyDraft(OTHER, 'GET', '/api/v1/me'));
  });

  it('never writes a token held in memory into the address bar', () => {
    useExplorerStore.setState({ auth: { [SERVER]: { credentials: { userId: USER_ID, authToken: TOKEN } } } });
    const win = new FakeWindow('');
    start(win);
    actions().selectOperation('GET', '/api/v1/users.list');
    actions().setParam('username', TOKEN);
    actions().setParam('userId', USER_ID);
    win.runTimers();
    const restored = new FakeWindow(win.location.hash);
    stop?.();
    useExplorerStore.setState({ draft: emptyDraft(SERVER) });
    start(restored);
    expect(JSON.stringify(draft())).not.toContain(TOKEN);
    expect(JSON.stringify(draft())).not.toContain(USER_ID);
  });
});

describe('old #op= links', () => {
  it('select the operation on the current server and become a full link in the same entry', () => {
    const win = new FakeWindow('#op=get-api-v1-users.list');
    start(win);
    expect(draft()).toEqual(emptyDraft(SERVER, 'GET', '/api/v1/users.list'));
    win.runTimers();
    expect(win.entries).toHaveLength(1);
    expect(win.location.hash).toBe(encodePermalink(emptyDraft(SERVER, 'GET', '/api/v1/users.list')));
  });

  it('wait for an operation the catalog does not know yet', () => {
    useCatalogStore.setState({ view: null });
    start(new FakeWindow('#op=get-api-v1-me'));
    expect(draft().operationLabel).toBe('GET /api/info');
    useCatalogStore.getState().actions.publish(OPERATIONS);
    expect(draft().operationLabel).toBe('GET /api/v1/me');
  });

  it('say why when the operation cannot be sent', () => {
    start(new FakeWindow('#op=patch-api-v1-teams.update'));
    expect(notice()).toEqual({ kind: 'unsupported', message: expect.stringContaining('PATCH') });
    expect(draft().operationLabel).toBe('GET /api/info');
  });
});
