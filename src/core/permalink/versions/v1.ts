/**
 * Link format version 1 (frozen: links made with it exist and must keep opening).
 *
 * Wire shape: { server, method, path, params, body?, tab? } with long keys, where `params` also
 * held `query`, `fields` and `sort`, there were no path parameters or extra headers, and the
 * response views were named 'pretty' | 'raw' | 'headers'.
 *
 * Never edit `up` to follow a later change: add a new version file with its own step instead.
 */
import type { WireV2 } from './v2';
import {
  LIMITS,
  checkKeys,
  checkString,
  checkStringRecord,
  fail,
  isPlainObject,
  ok,
  type Check,
} from '../validate';

export const VERSION = 1;

export interface WireV1 {
  server: string;
  method: string;
  path: string;
  params: Record<string, string>;
  body?: string;
  tab?: 'pretty' | 'raw' | 'headers';
}

const TAB_V1_TO_V2: Record<string, string> = { pretty: 'tree', raw: 'raw', headers: 'headers' };

/** Shape check of a v1 payload; field contents are checked again, strictly, as v2 after `up`. */
export function parse(raw: unknown): Check<WireV1> {
  if (!isPlainObject(raw)) return fail('the link does not hold a request.');
  const keys = checkKeys(raw, ['server', 'method', 'path', 'params', 'body', 'tab'], 'the request');
  if (!keys.ok) return keys;
  for (const f of ['server', 'method', 'path'] as const) {
    const c = checkString(raw[f], `the ${f}`, LIMITS.serverUrlChars);
    if (!c.ok) return c;
  }
  const params = checkStringRecord(raw.params, 'the query parameters', 'param');
  if (!params.ok) return params;
  if (raw.body !== undefined && typeof raw.body !== 'string') return fail('the body must be text.');
  if (raw.tab !== undefined && (typeof raw.tab !== 'string' || !Object.hasOwn(TAB_V1_TO_V2, raw.tab))) {
    return fail('the response view must be one of pretty, raw, headers.');
  }
  const parsed: WireV1 = {
    server: raw.server as string,
    method: raw.method as string,
    path: raw.path as string,
    params: params.value,
  };
  if (raw.body !== undefined) parsed.body = raw.body;
  if (raw.tab !== undefined) parsed.tab = raw.tab as WireV1['tab'];
  return ok(parsed);
}

/** v1 -> v2: split query/fields/sort out of the parameters, rename the tree view, shorten keys. */
export function up(v1: WireV1): WireV2 {
  const q: Record<string, string> = {};
  const j: NonNullable<WireV2['j']> = {};
  for (const [key, value] of Object.entries(v1.params)) {
    if (key === 'query') j.q = value;
    else if (key === 'fields') j.f = value;
    else if (key === 'sort') j.s = value;
    else q[key] = value;
  }
  const wire: WireV2 = { s: v1.server, m: v1.method, p: v1.path };
  if (Object.keys(q).length > 0) wire.q = q;
  if (Object.keys(j).length > 0) wire.j = j;
  if (v1.body !== undefined && v1.body !== '') wire.b = v1.body;
  const tab = v1.tab === undefined ? undefined : TAB_V1_TO_V2[v1.tab];
  if (tab !== undefined && tab !== 'raw') wire.t = tab;
  return wire;
}
