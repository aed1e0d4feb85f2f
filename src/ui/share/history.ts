/**
 * Request history: the last requests per server, kept in localStorage without secrets.
 *
 * Storage format (key `rc-explorer.history`), versioned like the links:
 *
 *   { "format": 2, "servers": { "<server base URL>": [ StoredEntry, ... newest first ] } }
 *
 * Each entry keeps the request as a permalink fragment (`#r=2....`): the same versioned,
 * validated, secret-free format as shared links. Stored requests therefore get the link format's
 * migrations for free (a v1 link in an old history is upgraded on load) and its field-by-field
 * validation (a hand-edited or corrupted entry cannot inject a header or a prototype key).
 * Response bodies are not kept: status, timing and size only.
 *
 * Consecutive repeats of the same request with the same outcome (status) are one entry with a
 * count (`n`, format 2; format 1 had no count and is read as n = 1). The format number went up
 * with `n` so that an older explorer, which would set aside an entry with an unknown field as
 * damaged, leaves a format-2 history untouched instead.
 *
 * Nothing is dropped silently: data that fails validation is moved to `rc-explorer.history.set-aside`
 * with the reason, and the panel says so (with a way to download or discard it). A history written
 * by a newer explorer (higher format) is left untouched and this tab keeps its history in memory.
 *
 * Pure logic with the Storage injected, so every rule is unit-tested in Node.
 */
import { trimServerUrl } from '../../core/http/server-url';
import type { RequestFailure, ResponseRecord } from '../../core/http/types';
import { decodePermalink, tryEncodePermalink } from '../../core/permalink';
import type { RequestDraft } from '../../core/request/draft';
import { scrubKnownSecrets, scrubTokenShapes } from '../../core/redact';

export const HISTORY_KEY = 'rc-explorer.history';
export const SET_ASIDE_KEY = 'rc-explorer.history.set-aside';
export const HISTORY_FORMAT = 2;
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
  /** How many times in a row this request was sent with this outcome (1 or more); the rest is the latest run's. */
  count: number;
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
  /** Repeats, only when more than one (format 2). */
  n?: number;
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
  'n',
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
  const { id, link, status, statusText, failure, ms, bytes, at, bodyOmitted, n } = raw;
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
  if (n !== undefined && (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 2))
    return { ok: false, reason: 'the repeat count is not a whole number above 1' };
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
      count: n ?? 1,
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
    ...(entry.count > 1 ? { n: entry.count } : {}),
  };
}

export function serializeHistory(entries: HistoryByServer): string {
  const servers: Record<string, StoredEntry[]> = {};
  for (const [server, list] of Object.entries(entries)) {
    if (list.length > 0) servers[server] = list.map(toStored);
  }
  return JSON.stringify({ format: HISTORY_FORMAT, servers });
}

/**
 * The same request with the same outcome as the one just before: the stored request (secret-free
 * link, so two sends with different tokens are still the same request) and the status.
 */
export function isRepeatOf(entry: HistoryEntry, previous: HistoryEntry): boolean {
  return (
    entry.link === previous.link &&
    entry.status === previous.status &&
    entry.statusText === previous.statusText &&
    entry.bodyOmitted === previous.bodyOmitted
  );
}

/**
 * Adds an entry at the front of its server's list, keeping at most MAX_ENTRIES_PER_SERVER. A
 * repeat of the newest entry (see isRepeatOf) is merged into it: one line whose count goes up and
 * whose time, duration and size are the latest run's; it keeps its id, so the list does not jump.
 */
export function addEntry(entries: HistoryByServer, entry: HistoryEntry): HistoryByServer {
  const current = (entries[entry.server] ?? []).filter((e) => e.id !== entry.id);
  const newest = current[0];
  if (newest && isRepeatOf(entry, newest)) {
    const merged: HistoryEntry = { ...entry, id: newest.id, count: newest.count + entry.count };
    return { ...entries, [entry.server]: [merged, ...current.slice(1)] };
  }
  const list = [entry, ...current];
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
    count: 1,
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
