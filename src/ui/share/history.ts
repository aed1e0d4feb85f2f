/**
 * Request history: the last requests per server, kept in localStorage without secrets.
 *
 * Storage format (key `rc-explorer.history`), versioned like the links:
 *
 *   { "format": 1, "servers": { "<server base URL>": [ StoredEntry, ... newest first ] } }
 *
 * Each entry keeps the request as a permalink fragment (`#r=2....`): the same versioned,
 * validated, secret-free format as shared links. Stored requests therefore get the link format's
 * migrations for free (a v1 link in an old history is upgraded on load) and its field-by-field
 * validation (a hand-edited or corrupted entry cannot inject a header or a prototype key).
 * Response bodies are not kept: status, timing and size only.
 *
 * Nothing is dropped silently: data that fails validation is moved to `rc-explorer.history.set-aside`
 * with the reason, and the panel says so (with a way to download or discard it). A history written
 * by a newer explorer (higher format) is left untouched and this tab keeps its history in memory.
 *
 * Pure logic with the Storage injected, so every rule is unit-tested in Node.
 */
import { trimServerUrl } from '../../core/http/prepare';
import type { RequestFailure, ResponseRecord } from '../../core/http/types';
import { decodePermalink, tryEncodePermalink } from '../../core/permalink';
import type { RequestDraft } from '../../core/request/draft';
import { scrubKnownSecrets, scrubTokenShapes } from '../../core/redact';

export const HISTORY_KEY = 'rc-explorer.history';
export const SET_ASIDE_KEY = 'rc-explorer.history.set-aside';
export const HISTORY_FORMAT = 1;
export const MAX_ENTRIES_PER_SERVER = 200;
/** Stays well under the ~5 MB localStorage quota that the rest of the app shares. */
export const MAX_STORED_CHARS = 2_000_000;

export interface HistoryEntry {
  id: string;
  /** Server base URL, trimmed: the list the entry belongs to. */
  server: string;
  /** The request, as restored from `link` (secret-free, validated). */
  draft: RequestDraft;
  /** The stored form of the request: a permalink fragment. */
  link: string;
  /** HTTP status, or null when no response came (network error, timeout, cancelled). */
  status: number | null;
  /** `OK`, `Not Found`, or what happened when there was no response. */
  statusText: string;
  /** Why the request failed, in words (no secrets). */
  failure?: string;
  durationMs: number | null;
  sizeBytes: number | null;
  finishedAt: number;
  /** The body was too large to keep with the request. */
  bodyOmitted: boolean;
}

interface StoredEntry {
  id: string;
  link: string;
  status: number | null;
  statusText: string;
  failure?: string;
  ms: number | null;
  bytes: number | null;
  at: number;
  bodyOmitted?: true;
}

export interface SetAsideItem {
  /** Why it was set aside, in words. */
  reason: string;
  /** The data as it was found (JSON text). */
  raw: string;
  at: number;
}

export type HistoryByServer = Record<string, HistoryEntry[]>;

export interface ParsedHistory {
  entries: HistoryByServer;
  /** What failed validation, to be kept under SET_ASIDE_KEY. */
  setAside: SetAsideItem[];
  /** A newer explorer wrote this history: read what can be read, never write it. */
  newerFormat: number | null;
  /** Entries were upgraded (older link format): worth saving back. */
  migrated: number;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

const ENTRY_KEYS = new Set([
  'id',
  'link',
  'status',
  'statusText',
  'failure',
  'ms',
  'bytes',
  'at',
  'bodyOmitted',
]);
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

const nullableNumber = (v: unknown, integer: boolean): v is number | null =>
  v === null || (typeof v === 'number' && Number.isFinite(v) && v >= 0 && (!integer || Number.isInteger(v)));

/** One stored entry checked field by field; the reason in words when it does not pass. */
export function parseEntry(
  raw: unknown,
  server: string,
): { ok: true; entry: HistoryEntry; migrated: boolean } | { ok: false; reason: string } {
  if (!isPlainObject(raw)) return { ok: false, reason: 'the entry is not an object' };
  for (const key of Object.keys(raw)) {
    if (!ENTRY_KEYS.has(key))
      return { ok: false, reason: `the entry has an unknown field "${key.slice(0, 40)}"` };
  }
  const { id, link, status, statusText, failure, ms, bytes, at, bodyOmitted } = raw;
  if (typeof id !== 'string' || id === '' || id.length > 64)
    return { ok: false, reason: 'the entry has no valid id' };
  if (typeof link !== 'string') return { ok: false, reason: 'the entry has no request' };
  if (!(
    status === null ||
    (typeof status === 'number' && Number.isInteger(status) && status >= 100 && status <= 599)
  )) {
    return { ok: false, reason: 'the status is not an HTTP status code' };
  }
  if (typeof statusText !== 'string' || statusText.length > 200)
    return { ok: false, reason: 'the status text is not valid' };
  if (failure !== undefined && (typeof failure !== 'string' || failure.length > 2000)) {
    return { ok: false, reason: 'the failure message is not valid' };
  }
  if (!nullableNumber(ms, false))
    return { ok: false, reason: 'the duration is not a number of milliseconds' };
  if (!nullableNumber(bytes, true)) return { ok: false, reason: 'the size is not a number of bytes' };
  if (typeof at !== 'number' || !Number.isFinite(at) || at < 0)
    return { ok: false, reason: 'the time is not valid' };
  if (bodyOmitted !== undefined && bodyOmitted !== true)
    return { ok: false, reason: 'the body flag is not valid' };
  const decoded = decodePermalink(link);
  if (!decoded.ok) return { ok: false, reason: `the request cannot be read: ${decoded.error}` };
  if (trimServerUrl(decoded.draft.serverUrl) !== server) {
    return { ok: false, reason: 'the request names another server than the list it is in' };
  }
  let storedLink = link;
  if (decoded.migratedFrom !== undefined) {
    const upgraded = tryEncodePermalink(decoded.draft);
    if (upgraded.ok) storedLink = upgraded.fragment;
  }
  return {
    ok: true,
    migrated: storedLink !== link,
    entry: {
      id,
      server,
      draft: decoded.draft,
      link: storedLink,
      status,
      statusText,
      ...(failure !== undefined ? { failure } : {}),
      durationMs: ms,
      sizeBytes: bytes,
      finishedAt: at,
      bodyOmitted: bodyOmitted === true,
    },
  };
}

/**
 * Reads the stored text. Never throws; whatever cannot be read is returned in `setAside` with
 * its reason, so the caller can keep it and say so.
 */
export function parseHistory(text: string | null, now: number): ParsedHistory {
  const result: ParsedHistory = { entries: {}, setAside: [], newerFormat: null, migrated: 0 };
  if (text === null || text === '') return result;
  const aside = (reason: string, raw: string) => result.setAside.push({ reason, raw, at: now });
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    aside('The stored history is not valid JSON.', text);
    return result;
  }
  if (
    !isPlainObject(doc) ||
    typeof doc.format !== 'number' ||
    !Number.isInteger(doc.format) ||
    doc.format < 1
  ) {
    aside('The stored history has no format number; it was not written by this explorer.', text);
    return result;
  }
  if (doc.format > HISTORY_FORMAT) result.newerFormat = doc.format;
  if (!isPlainObject(doc.servers)) {
    if (result.newerFormat === null) aside('The stored history has no list of servers.', text);
    return result;
  }
  for (const [server, list] of Object.entries(doc.servers)) {
    if (FORBIDDEN.has(server) || trimServerUrl(server) !== server || !/^https?:\/\/[^\s]+$/.test(server)) {
      aside(
        `The history of "${server.slice(0, 80)}" is not under a server URL.`,
        JSON.stringify({ [server]: list }),
      );
      continue;
    }
    if (!Array.isArray(list)) {
      aside(`The history of ${server} is not a list.`, JSON.stringify({ [server]: list }));
      continue;
    }
    const kept: HistoryEntry[] = [];
    const ids = new Set<string>();
    for (const raw of list) {
      const parsed = parseEntry(raw, server);
      if (!parsed.ok) {
        aside(`An entry of ${server} was set aside: ${parsed.reason}.`, JSON.stringify(raw) ?? String(raw));
        continue;
      }
      if (ids.has(parsed.entry.id)) {
        aside(`An entry of ${server} repeats the id ${parsed.entry.id}.`, JSON.stringify(raw));
        continue;
      }
      ids.add(parsed.entry.id);
      if (parsed.migrated) result.migrated += 1;
      kept.push(parsed.entry);
    }
    kept.sort((a, b) => b.finishedAt - a.finishedAt);
    // An over-long list (written by hand, or by a build with a higher bound) is trimmed like any other.
    if (kept.length > 0) result.entries[server] = kept.slice(0, MAX_ENTRIES_PER_SERVER);
  }
  return result;
}

function toStored(entry: HistoryEntry): StoredEntry {
  return {
    id: entry.id,
    link: entry.link,
    status: entry.status,
    statusText: entry.statusText,
    ...(entry.failure !== undefined ? { failure: entry.failure } : {}),
    ms: entry.durationMs,
    bytes: entry.sizeBytes,
    at: entry.finishedAt,
    ...(entry.bodyOmitted ? { bodyOmitted: true as const } : {}),
  };
}

export function serializeHistory(entries: HistoryByServer): string {
  const servers: Record<string, StoredEntry[]> = {};
  for (const [server, list] of Object.entries(entries)) {
    if (list.length > 0) servers[server] = list.map(toStored);
  }
  return JSON.stringify({ format: HISTORY_FORMAT, servers });
}

/** Adds an entry at the front of its server's list, keeping at most MAX_ENTRIES_PER_SERVER. */
export function addEntry(entries: HistoryByServer, entry: HistoryEntry): HistoryByServer {
  const list = [entry, ...(entries[entry.server] ?? []).filter((e) => e.id !== entry.id)];
  return { ...entries, [entry.server]: list.slice(0, MAX_ENTRIES_PER_SERVER) };
}

/** Removes the oldest entry of all servers; returns null when nothing is left to remove. */
export function withoutOldest(entries: HistoryByServer): HistoryByServer | null {
  let oldest: { server: string; at: number } | null = null;
  for (const [server, list] of Object.entries(entries)) {
    const last = list[list.length - 1];
    if (last && (oldest === null || last.finishedAt < oldest.at)) oldest = { server, at: last.finishedAt };
  }
  if (oldest === null) return null;
  const list = entries[oldest.server] ?? [];
  const next = { ...entries, [oldest.server]: list.slice(0, -1) };
  if (next[oldest.server]?.length === 0) delete next[oldest.server];
  return next;
}

export function countEntries(entries: HistoryByServer): number {
  return Object.values(entries).reduce((n, list) => n + list.length, 0);
}

export interface RunOutcome {
  draft: RequestDraft;
  response?: ResponseRecord;
  failure?: RequestFailure;
  finishedAt: number;
}

const FAILURE_LABEL: Record<RequestFailure['kind'], string> = {
  network: 'No response',
  aborted: 'Cancelled',
  timeout: 'Timed out',
  'too-large': 'Too large',
};

/**
 * The entry for a finished run: the request sanitized (secret keys become placeholders, the
 * secrets held in memory are scrubbed wherever they were pasted), no response body. A body too
 * large for the link format is left out (and the entry says so); null when even that fails.
 */
export function entryFromRun(
  run: RunOutcome,
  knownSecrets: readonly string[],
  id: string,
): HistoryEntry | null {
  const server = trimServerUrl(run.draft.serverUrl);
  if (!/^https?:\/\//.test(server)) return null;
  let bodyOmitted = false;
  let encoded = tryEncodePermalink(run.draft, { knownSecrets });
  if (!encoded.ok && run.draft.body !== '') {
    bodyOmitted = true;
    encoded = tryEncodePermalink({ ...run.draft, body: '' }, { knownSecrets });
  }
  if (!encoded.ok) return null;
  const decoded = decodePermalink(encoded.fragment);
  if (!decoded.ok) return null;
  const scrub = (text: string) => scrubTokenShapes(scrubKnownSecrets(text, { knownSecrets })).slice(0, 2000);
  const response = run.response;
  const failureText = response?.proxyError?.message ?? (run.failure ? run.failure.message : undefined);
  return {
    id,
    server,
    draft: decoded.draft,
    link: encoded.fragment,
    status: response ? response.status : null,
    statusText: scrub(
      response ? response.statusText : run.failure ? FAILURE_LABEL[run.failure.kind] : 'No response',
    ).slice(0, 200),
    ...(failureText !== undefined ? { failure: scrub(failureText) } : {}),
    durationMs: response ? Math.max(0, Math.round(response.timings.totalMs)) : null,
    sizeBytes: response ? response.sizeBytes : null,
    finishedAt: run.finishedAt,
    bodyOmitted,
  };
}

/** What a search matches: the operation, the status and every value typed into the request. */
function haystack(entry: HistoryEntry): string {
  const d = entry.draft;
  return [
    d.method,
    d.path,
    entry.status ?? '',
    entry.statusText,
    // As shown in the list (`count=5`), so what a person reads is what they can search for.
    ...Object.entries(d.pathParams).map(([k, v]) => `${k}=${v}`),
    ...Object.entries(d.params).map(([k, v]) => `${k}=${v}`),
    d.jsonParams.query,
    d.jsonParams.fields,
    d.jsonParams.sort,
    d.body,
  ]
    .join('\n')
    .toLowerCase();
}

/** Entries matching every word of the query (any order, case-insensitive). */
export function searchEntries(entries: readonly HistoryEntry[], query: string): HistoryEntry[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...entries];
  return entries.filter((entry) => {
    const text = haystack(entry);
    return words.every((word) => text.includes(word));
  });
}

/** The subset of the Web Storage API used here. */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface HistorySnapshot {
  entries: HistoryByServer;
  /** Things the person should know, in words (set-aside data, a full storage, a newer format). */
  problems: string[];
  /** How many set-aside items are kept under SET_ASIDE_KEY. */
  setAsideCount: number;
  /** False when this tab must not write (newer format, or storage unavailable). */
  persistent: boolean;
}

function readSetAside(storage: StorageLike): SetAsideItem[] {
  try {
    const text = storage.getItem(SET_ASIDE_KEY);
    if (!text) return [];
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed)
      ? (parsed as SetAsideItem[])
      : [{ reason: 'Set-aside data of unknown shape.', raw: text, at: 0 }];
  } catch {
    return [];
  }
}

/**
 * The history as one tab sees it: loaded once, written on every change, with every failure to
 * read or write told in words rather than swallowed.
 */
/** What a problem is about: code decides (which to replace or drop), the text only says it. */
type HistoryProblemCode =
  | 'no-storage'
  | 'unreadable'
  | 'newer-format'
  | 'set-aside-failed'
  | 'set-aside'
  | 'not-stored'
  | 'trimmed'
  | 'clear-failed'
  | 'discard-failed';

export class HistoryRepository {
  private entries: HistoryByServer = {};
  private problems: Array<{ code: HistoryProblemCode; text: string }> = [];
  private persistent = true;
  private setAsideCount = 0;
  /** The stored text as this tab last read or wrote it; anything else means another tab wrote. */
  private lastSeen: string | null = null;

  constructor(
    private readonly storage: StorageLike | null,
    private readonly now: () => number = Date.now,
  ) {
    this.load();
  }

  private report(code: HistoryProblemCode, text: string): void {
    this.problems = [...this.problems, { code, text }];
  }

  private drop(code: HistoryProblemCode): void {
    this.problems = this.problems.filter((problem) => problem.code !== code);
  }

  snapshot(): HistorySnapshot {
    return {
      entries: this.entries,
      problems: this.problems.map((problem) => problem.text),
      setAsideCount: this.setAsideCount,
      persistent: this.persistent,
    };
  }

  /** (Re)reads storage: on start and when another tab changed it. */
  load(): HistorySnapshot {
    this.problems = [];
    if (!this.storage) {
      this.persistent = false;
      this.report(
        'no-storage',
        'This browser does not let the page store data, so the history lasts until the tab is closed.',
      );
      return this.snapshot();
    }
    let text: string | null;
    try {
      text = this.storage.getItem(HISTORY_KEY);
    } catch {
      this.persistent = false;
      this.report(
        'unreadable',
        'The stored history cannot be read (storage is blocked), so the history lasts until the tab is closed.',
      );
      return this.snapshot();
    }
    this.lastSeen = text;
    const parsed = parseHistory(text, this.now());
    this.entries = parsed.entries;
    this.persistent = parsed.newerFormat === null;
    if (parsed.newerFormat !== null) {
      this.report(
        'newer-format',
        `The stored history was written by a newer version of the explorer (format ${parsed.newerFormat}). It is left as it is; requests made in this tab are kept until the tab is closed.`,
      );
    }
    // A newer format may hold entries this version cannot read; that is not damage, and it stays untouched.
    if (parsed.setAside.length > 0 && parsed.newerFormat === null) {
      const kept = this.keepAside(parsed.setAside);
      if (!kept) {
        // Could not keep the unreadable part: do not overwrite the only copy.
        this.persistent = false;
        this.report(
          'set-aside-failed',
          `${parsed.setAside.length} stored history item(s) failed validation and could not be set aside (storage full), so the stored history is left as it is and this tab keeps its history in memory.`,
        );
      } else {
        this.report(
          'set-aside',
          `${parsed.setAside.length} stored history item(s) failed validation and were set aside, not deleted: ${parsed.setAside[0]?.reason}${parsed.setAside.length > 1 ? ' (and more)' : ''}`,
        );
      }
    }
    this.setAsideCount = readSetAside(this.storage).length;
    if (this.persistent && (parsed.setAside.length > 0 || parsed.migrated > 0)) this.save();
    return this.snapshot();
  }

  private keepAside(items: SetAsideItem[]): boolean {
    if (!this.storage) return false;
    try {
      const all = [...readSetAside(this.storage), ...items];
      this.storage.setItem(SET_ASIDE_KEY, JSON.stringify(all));
      return true;
    } catch {
      return false;
    }
  }

  /** Writes the entries; when storage is full, the oldest requests go first, and the person is told. */
  private save(): void {
    if (!this.storage || !this.persistent) return;
    let entries = this.entries;
    let removed = 0;
    for (;;) {
      const text = serializeHistory(entries);
      if (text.length <= MAX_STORED_CHARS) {
        try {
          this.storage.setItem(HISTORY_KEY, text);
          this.lastSeen = text;
          break;
        } catch {
          // Quota exceeded: fall through and make room.
        }
      }
      const smaller = withoutOldest(entries);
      if (smaller === null) {
        this.report(
          'not-stored',
          'The history could not be stored (browser storage is full); it lasts until the tab is closed.',
        );
        this.entries = entries;
        return;
      }
      entries = smaller;
      removed += 1;
    }
    if (removed > 0) {
      this.drop('trimmed');
      this.report(
        'trimmed',
        `Browser storage is full: the ${removed} oldest request(s) were removed from the history to make room.`,
      );
    }
    this.entries = entries;
  }

  add(entry: HistoryEntry): HistorySnapshot {
    this.syncWithOtherTabs();
    this.entries = addEntry(this.entries, entry);
    this.save();
    return this.snapshot();
  }

  /** Another tab may have written since: start from what is stored, so its requests are not overwritten. */
  private syncWithOtherTabs(): void {
    if (!this.storage || !this.persistent) return;
    try {
      if (this.storage.getItem(HISTORY_KEY) !== this.lastSeen) this.load();
    } catch {
      // Unreadable now: load() will say so next time; keep what this tab has.
    }
  }

  /** Empties one server's history. */
  clear(server: string): HistorySnapshot {
    this.syncWithOtherTabs();
    const next = { ...this.entries };
    delete next[server];
    this.entries = next;
    if (this.storage && this.persistent) {
      try {
        if (countEntries(next) === 0) {
          this.storage.removeItem(HISTORY_KEY);
          this.lastSeen = null;
        } else {
          this.lastSeen = serializeHistory(next);
          this.storage.setItem(HISTORY_KEY, this.lastSeen);
        }
      } catch {
        this.report('clear-failed', 'The cleared history could not be written back to browser storage.');
      }
    }
    return this.snapshot();
  }

  /** The set-aside data as text, for the person to download and inspect. */
  setAsideText(): string {
    return this.storage ? JSON.stringify(readSetAside(this.storage), null, 2) : '[]';
  }

  discardSetAside(): HistorySnapshot {
    try {
      this.storage?.removeItem(SET_ASIDE_KEY);
      this.setAsideCount = 0;
      this.drop('set-aside');
      this.drop('set-aside-failed');
    } catch {
      this.report('discard-failed', 'The set-aside history could not be removed from browser storage.');
    }
    return this.snapshot();
  }
}
