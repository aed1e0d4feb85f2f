import { describe, expect, it } from 'vitest';
import type { ResponseRecord } from '../../core/http/types';
import { encodePermalink } from '../../core/permalink';
import { emptyDraft, type RequestDraft } from '../../core/request/draft';
import {
  HISTORY_KEY,
  MAX_ENTRIES_PER_SERVER,
  MAX_STORED_CHARS,
  SET_ASIDE_KEY,
  entryFromRun,
  parseHistory,
  searchEntries,
  serializeHistory,
  type HistoryEntry,
} from './history';
import { HistoryRepository, type StorageLike } from './history-repository';
import { BodyText } from '../../core/http/body-text';

const SERVER = 'http://127.0.0.1:4100';
const OTHER = 'http://127.0.0.1:4200';
const TOKEN = 'Xq3vJ9kLmN2pQ7rS8tU1wY4zA6bC0dE5fG_hI-jKlMn';
const USER_ID = 'rbAXPnMktTFbNpwtJ';
// A real link made with format 1 (see src/core/permalink/codec.test.ts): users.list, count 25, offset 50.
const V1_USERS_LIST =
  '#r=1.N4IgzgpgTgbtIC4QAsAuqAOCD02CMATAOwB0ADOSXggCx5lkgA0IAthKsgPYAmiIAcQCiAFWYgMAQ079skjAEtsMPNgCukKGBIAbBWFTipUSazCJQAYy5qAdoaQEArOK4AzN5AcgnjFgEc1aABPfmAAHRBJS1QFOEiEVCgggF9xNwUIHR5zJAiQDWhbUwgEvDSWMC4ob3zCqGL2BIBacpAUllRJACN+DCgOVFCUoA';

/** localStorage semantics, with an optional quota in characters (setItem throws past it, as browsers do). */
class MemoryStorage implements StorageLike {
  readonly data = new Map<string, string>();
  constructor(private readonly quota = Infinity) {}
  getItem(key: string): string | null {
    return this.data.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    let used = value.length + key.length;
    for (const [k, v] of this.data) if (k !== key) used += k.length + v.length;
    if (used > this.quota) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    this.data.set(key, value);
  }
  removeItem(key: string): void {
    this.data.delete(key);
  }
}

function response(status: number, statusText: string, totalMs = 42): ResponseRecord {
  return {
    method: 'GET',
    displayUrl: `${SERVER}/api/v1/users.list`,
    status,
    statusText,
    headers: [],
    body: BodyText.of('{"users":[{"username":"admin"}]}'),
    sizeBytes: 31,
    contentType: 'application/json',
    timings: { startedAt: 0, ttfbMs: 10, totalMs },
    transport: 'proxy',
    truncated: false,
  };
}

function usersList(params: Record<string, string> = { count: '5' }, server = SERVER): RequestDraft {
  return { ...emptyDraft(server, 'GET', '/api/v1/users.list'), params };
}

let ids = 0;
function entry(draft: RequestDraft, at: number, status = 200): HistoryEntry {
  const made = entryFromRun(
    { draft, response: response(status, status === 200 ? 'OK' : 'Not Found'), finishedAt: at },
    [],
    `id-${++ids}`,
  );
  if (!made) throw new Error('entry not made');
  return made;
}

describe('history entries from runs', () => {
  it('keep the request, status, timing and size, but not the response body', () => {
    const made = entryFromRun(
      { draft: usersList(), response: response(200, 'OK', 12.7), finishedAt: 1000 },
      [],
      'a',
    )!;
    expect(made).toMatchObject({
      server: SERVER,
      status: 200,
      statusText: 'OK',
      durationMs: 13,
      sizeBytes: 31,
      finishedAt: 1000,
    });
    expect(made.draft).toEqual(usersList());
    expect(serializeHistory({ [SERVER]: [made] })).not.toContain('admin');
  });

  it('hold no secret: known tokens scrubbed anywhere, secret keys as placeholders', () => {
    const draft: RequestDraft = {
      ...emptyDraft(SERVER, 'POST', '/api/v1/login'),
      body: JSON.stringify({ user: 'admin', password: 'hunter2-secret' }),
      params: { note: `token ${TOKEN}` },
      headers: { 'X-Auth-Token': TOKEN, 'X-User-Id': USER_ID },
    };
    const made = entryFromRun(
      {
        draft,
        failure: { kind: 'network', message: `could not reach with ${TOKEN}`, nextStep: '' },
        finishedAt: 1,
      },
      [TOKEN, USER_ID],
      'b',
    )!;
    const stored = serializeHistory({ [SERVER]: [made] });
    const visible = JSON.stringify(made);
    for (const text of [stored, visible]) {
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain(USER_ID);
      expect(text).not.toContain('hunter2-secret');
    }
    expect(made.status).toBeNull();
    expect(made.statusText).toBe('No response');
    expect(made.draft.body).toContain('$RC_PASSWORD');
  });

  it('leave out a body too large for the link format, and say so', () => {
    // Incompressible text (a linear congruential generator), so lz-string cannot make it fit.
    let seed = 12345;
    const random = Array.from({ length: 40_000 }, () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return String.fromCharCode(48 + (seed % 74));
    }).join('');
    const draft = {
      ...emptyDraft(SERVER, 'POST', '/api/v1/chat.postMessage'),
      body: JSON.stringify({ text: random }),
    };
    const made = entryFromRun({ draft, response: response(200, 'OK'), finishedAt: 1 }, [], 'c')!;
    expect(made.bodyOmitted).toBe(true);
    expect(made.draft.body).toBe('');
    expect(made.draft.operationLabel).toBe('POST /api/v1/chat.postMessage');
  });
});

describe('stored history: validation and migration', () => {
  it('round-trips', () => {
    const list = [entry(usersList({ count: '1' }), 2), entry(usersList({ count: '2' }), 1)];
    const parsed = parseHistory(serializeHistory({ [SERVER]: list }), 0);
    expect(parsed.setAside).toEqual([]);
    expect(parsed.entries[SERVER]).toEqual(list);
  });

  it('upgrades entries stored with an older link format', () => {
    const text = JSON.stringify({
      format: 1,
      servers: {
        [SERVER]: [
          { id: 'old', link: V1_USERS_LIST, status: 200, statusText: 'OK', ms: 5, bytes: 10, at: 7 },
        ],
      },
    });
    const parsed = parseHistory(text, 0);
    expect(parsed.migrated).toBe(1);
    const [upgraded] = parsed.entries[SERVER]!;
    expect(upgraded!.link).toMatch(/^#r=2\./);
    expect(upgraded!.draft.params).toEqual({ count: '25', offset: '50' });

    const storage = new MemoryStorage();
    storage.setItem(HISTORY_KEY, text);
    new HistoryRepository(storage);
    expect(storage.getItem(HISTORY_KEY)).toContain('"link":"#r=2.');
  });

  it('sets aside what fails validation, with the reason, and keeps the rest', () => {
    const good = entry(usersList(), 5);
    const stored = JSON.parse(serializeHistory({ [SERVER]: [good] })) as {
      servers: Record<string, unknown[]>;
    };
    const bad = [
      { ...stored.servers[SERVER]![0]!, id: 'x1', status: 99 },
      { ...stored.servers[SERVER]![0]!, id: 'x2', link: '#r=2.damaged!' },
      { ...stored.servers[SERVER]![0]!, id: 'x3', extra: 1 },
      { ...stored.servers[SERVER]![0]!, id: 'x4', link: encodePermalink(usersList({}, OTHER)) },
      'not an entry',
    ];
    stored.servers[SERVER]!.push(...bad);
    const text = JSON.stringify({ ...stored, servers: { ...stored.servers, __proto__: [] } });
    const parsed = parseHistory(JSON.stringify(stored), 9);
    expect(parsed.entries[SERVER]).toEqual([good]);
    expect(parsed.setAside.map((s) => s.reason)).toEqual([
      expect.stringContaining('not an HTTP status code'),
      expect.stringContaining('cannot be read'),
      expect.stringContaining('unknown field "extra"'),
      expect.stringContaining('another server'),
      expect.stringContaining('not an object'),
    ]);
    expect(parsed.setAside.every((s) => s.at === 9 && s.raw.length > 0)).toBe(true);
    expect(parseHistory(text, 0).entries[SERVER]).toEqual([good]);
  });

  it('keeps unreadable data aside in storage and reports it; nothing is silently dropped', () => {
    const storage = new MemoryStorage();
    storage.setItem(HISTORY_KEY, '{"format":1,"servers":{"http://127.0.0.1:4100":[{"id":"z"}]}}');
    const repo = new HistoryRepository(storage);
    const snap = repo.snapshot();
    expect(snap.problems).toEqual([
      expect.stringMatching(/1 stored history item\(s\) failed validation and were set aside, not deleted/),
    ]);
    expect(snap.setAsideCount).toBe(1);
    expect(JSON.parse(storage.getItem(SET_ASIDE_KEY)!)).toEqual([
      { reason: expect.stringContaining('no request'), raw: '{"id":"z"}', at: expect.any(Number) },
    ]);
    expect(repo.setAsideText()).toContain('{\\"id\\":\\"z\\"}');
    // A second unreadable load adds to what was set aside, it never replaces it.
    storage.setItem(HISTORY_KEY, 'not json');
    expect(repo.load().setAsideCount).toBe(2);
    expect(repo.discardSetAside().setAsideCount).toBe(0);
    expect(storage.getItem(SET_ASIDE_KEY)).toBeNull();
  });

  it('does not overwrite what it could not set aside', () => {
    const storage = new MemoryStorage(200);
    storage.setItem(HISTORY_KEY, 'x'.repeat(120));
    const repo = new HistoryRepository(storage);
    expect(repo.snapshot().persistent).toBe(false);
    repo.add(entry(usersList(), 1));
    expect(storage.getItem(HISTORY_KEY)).toBe('x'.repeat(120));
    expect(repo.snapshot().entries[SERVER]).toHaveLength(1);
  });

  it('leaves a history of a newer format untouched and keeps this tab in memory', () => {
    const storage = new MemoryStorage();
    const newer = JSON.stringify({ format: 3, servers: {}, somethingNew: true });
    storage.setItem(HISTORY_KEY, newer);
    const repo = new HistoryRepository(storage);
    expect(repo.snapshot().problems[0]).toMatch(/newer version of the explorer \(format 3\)/);
    repo.add(entry(usersList(), 1));
    expect(storage.getItem(HISTORY_KEY)).toBe(newer);
    expect(storage.getItem(SET_ASIDE_KEY)).toBeNull();
  });
});

describe('history repository', () => {
  it('keeps at most MAX_ENTRIES_PER_SERVER per server, newest first, servers apart', () => {
    const storage = new MemoryStorage();
    const repo = new HistoryRepository(storage);
    for (let i = 0; i < MAX_ENTRIES_PER_SERVER + 5; i++) repo.add(entry(usersList({ count: String(i) }), i));
    repo.add(entry(usersList({}, OTHER), 1000));
    const reread = new HistoryRepository(storage).snapshot().entries;
    expect(reread[SERVER]).toHaveLength(MAX_ENTRIES_PER_SERVER);
    expect(reread[SERVER]![0]!.draft.params.count).toBe(String(MAX_ENTRIES_PER_SERVER + 4));
    expect(reread[OTHER]).toHaveLength(1);
  });

  it('clear empties one server and keeps the others', () => {
    const storage = new MemoryStorage();
    const repo = new HistoryRepository(storage);
    repo.add(entry(usersList(), 1));
    repo.add(entry(usersList({}, OTHER), 2));
    repo.clear(SERVER);
    const reread = new HistoryRepository(storage).snapshot().entries;
    expect(reread[SERVER]).toBeUndefined();
    expect(reread[OTHER]).toHaveLength(1);
    repo.clear(OTHER);
    expect(storage.getItem(HISTORY_KEY)).toBeNull();
  });

  it('when storage is full, removes the oldest requests and says how many', () => {
    const one = serializeHistory({ [SERVER]: [entry(usersList({ count: '1' }), 1)] }).length;
    const storage = new MemoryStorage(HISTORY_KEY.length + one * 3);
    const repo = new HistoryRepository(storage);
    for (let i = 0; i < 6; i++) repo.add(entry(usersList({ count: String(i) }), i));
    const snap = repo.snapshot();
    expect(snap.problems.at(-1)).toMatch(/storage is full: the \d+ oldest request\(s\) were removed/);
    const kept = new HistoryRepository(storage).snapshot().entries[SERVER]!;
    expect(kept[0]!.draft.params.count).toBe('5');
    expect(kept.length).toBeLessThan(6);
    expect(MAX_STORED_CHARS).toBeGreaterThan(one);
  });

  it('without storage, says the history lasts until the tab is closed', () => {
    const repo = new HistoryRepository(null);
    expect(repo.snapshot().problems[0]).toMatch(/until the tab is closed/);
    expect(repo.add(entry(usersList(), 1)).entries[SERVER]).toHaveLength(1);
  });
});

describe('repeats', () => {
  it('merge consecutive sends of the same request with the same status into one entry with a count', () => {
    const storage = new MemoryStorage();
    const repo = new HistoryRepository(storage);
    const first = entry(usersList(), 1);
    repo.add(first);
    repo.add(entry(usersList(), 2));
    repo.add({ ...entry(usersList(), 3), durationMs: 99 });
    let list = repo.snapshot().entries[SERVER]!;
    expect(list).toHaveLength(1);
    // The latest run's time and duration, the first entry's id (the list does not jump).
    expect(list[0]).toMatchObject({ id: first.id, count: 3, finishedAt: 3, durationMs: 99 });

    // Stored with its count, read back the same.
    const stored = JSON.parse(storage.getItem(HISTORY_KEY)!) as {
      format: number;
      servers: Record<string, Array<Record<string, unknown>>>;
    };
    expect(stored.format).toBe(2);
    expect(stored.servers[SERVER]![0]!.n).toBe(3);
    expect(new HistoryRepository(storage).snapshot().entries[SERVER]).toEqual(list);

    // Another outcome, another request, then the first again: three new lines, nothing merged across them.
    repo.add(entry(usersList(), 4, 404));
    repo.add(entry(usersList({ count: '6' }), 5));
    repo.add(entry(usersList(), 6));
    list = repo.snapshot().entries[SERVER]!;
    expect(list.map((e) => [e.draft.params.count, e.status, e.count])).toEqual([
      ['5', 200, 1],
      ['6', 200, 1],
      ['5', 404, 1],
      ['5', 200, 3],
    ]);
    // A single run stores no count at all.
    expect(serializeHistory({ [SERVER]: [list[0]!] })).not.toContain('"n"');
  });

  it('count as one request whatever token was used (secrets are not part of the stored request)', () => {
    const withToken = (token: string): RequestDraft => ({
      ...usersList(),
      headers: { 'X-Auth-Token': token, 'X-User-Id': USER_ID },
    });
    const repo = new HistoryRepository(new MemoryStorage());
    for (const [i, token] of [TOKEN, `${TOKEN}x`].entries()) {
      const made = entryFromRun(
        { draft: withToken(token), response: response(200, 'OK'), finishedAt: i },
        [token, USER_ID],
        `t${i}`,
      )!;
      repo.add(made);
    }
    expect(repo.snapshot().entries[SERVER]!.map((e) => e.count)).toEqual([2]);
  });

  it('reads a format-1 history (no counts) as single runs, and rejects a count that is not above 1', () => {
    const good = entry(usersList(), 5);
    const [stored] = (
      JSON.parse(serializeHistory({ [SERVER]: [good] })) as {
        servers: Record<string, Array<Record<string, unknown>>>;
      }
    ).servers[SERVER]!;
    const v1 = parseHistory(JSON.stringify({ format: 1, servers: { [SERVER]: [stored] } }), 0);
    expect(v1.entries[SERVER]![0]!.count).toBe(1);
    for (const n of [1, 0, 2.5, '3']) {
      const parsed = parseHistory(
        JSON.stringify({ format: 2, servers: { [SERVER]: [{ ...stored, n }] } }),
        0,
      );
      expect(parsed.setAside[0]?.reason).toContain('repeat count');
    }
  });
});

describe('history search', () => {
  it('matches every word against the operation, status and typed values', () => {
    const a = entry(usersList({ count: '5', username: 'alice' }), 1);
    const b = entry({ ...emptyDraft(SERVER, 'GET', '/api/v1/me') }, 2, 404);
    expect(searchEntries([a, b], '')).toEqual([a, b]);
    expect(searchEntries([a, b], 'users alice')).toEqual([a]);
    expect(searchEntries([a, b], 'count=5')).toEqual([a]);
    expect(searchEntries([a, b], 'count=6')).toEqual([]);
    expect(searchEntries([a, b], '404')).toEqual([b]);
    expect(searchEntries([a, b], 'ME not found')).toEqual([b]);
    expect(searchEntries([a, b], 'users bob')).toEqual([]);
  });
});

describe('two tabs', () => {
  it('a tab adding a request keeps what another tab stored meanwhile', () => {
    const storage = new MemoryStorage();
    const tabA = new HistoryRepository(storage);
    const tabB = new HistoryRepository(storage);
    tabA.add(entry(usersList({ count: 'a' }), 1));
    tabB.add(entry(usersList({ count: 'b' }), 2));
    const stored = new HistoryRepository(storage).snapshot().entries[SERVER]!;
    expect(stored.map((e) => e.draft.params.count)).toEqual(['b', 'a']);
  });
});
