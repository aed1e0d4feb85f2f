/**
 * Link format version 2 (current).
 *
 * Wire shape (JSON, compressed with lz-string): short keys and omitted empties, because every
 * byte of a link is a byte someone pastes into a chat.
 *
 *   { s: serverUrl, m: method, p: path, pp?: pathParams, q?: params,
 *     j?: { q?: query, f?: fields, s?: sort }, b?: body, h?: headers, t?: tab }
 *
 * `operationLabel` is not stored: by contract it is `${method} ${path}`, so storing it would only
 * create a way for the two to disagree.
 */
import type { RequestDraft } from '../../request/draft';
import {
  LIMITS,
  checkKeys,
  checkMethod,
  checkPath,
  checkServerUrl,
  checkString,
  checkStringRecord,
  checkTab,
  fail,
  isPlainObject,
  ok,
  type Check,
} from '../validate';

export const VERSION = 2;

export interface WireV2 {
  s: string;
  m: string;
  p: string;
  pp?: Record<string, string>;
  q?: Record<string, string>;
  j?: { q?: string; f?: string; s?: string };
  b?: string;
  h?: Record<string, string>;
  t?: string;
}

const nonEmpty = (r: Record<string, string>): Record<string, string> | undefined =>
  Object.keys(r).length > 0 ? r : undefined;

export function fromDraft(draft: RequestDraft): WireV2 {
  const j: WireV2['j'] = {};
  if (draft.jsonParams.query !== '') j.q = draft.jsonParams.query;
  if (draft.jsonParams.fields !== '') j.f = draft.jsonParams.fields;
  if (draft.jsonParams.sort !== '') j.s = draft.jsonParams.sort;
  const wire: WireV2 = { s: draft.serverUrl, m: draft.method, p: draft.path };
  const pp = nonEmpty(draft.pathParams);
  const q = nonEmpty(draft.params);
  const h = nonEmpty(draft.headers);
  if (pp) wire.pp = pp;
  if (q) wire.q = q;
  if (Object.keys(j).length > 0) wire.j = j;
  if (draft.body !== '') wire.b = draft.body;
  if (h) wire.h = h;
  if (draft.view.tab !== 'raw') wire.t = draft.view.tab;
  return wire;
}

/** Validates a decoded v2 payload field by field and builds the draft. */
export function toDraft(raw: unknown): Check<RequestDraft> {
  if (!isPlainObject(raw)) return fail('the link does not hold a request.');
  const keys = checkKeys(raw, ['s', 'm', 'p', 'pp', 'q', 'j', 'b', 'h', 't'], 'the request');
  if (!keys.ok) return keys;
  const serverUrl = checkServerUrl(raw.s);
  if (!serverUrl.ok) return serverUrl;
  const method = checkMethod(raw.m);
  if (!method.ok) return method;
  const path = checkPath(raw.p);
  if (!path.ok) return path;
  const pathParams = checkStringRecord(raw.pp, 'the path parameters', 'pathParam');
  if (!pathParams.ok) return pathParams;
  const params = checkStringRecord(raw.q, 'the query parameters', 'param');
  if (!params.ok) return params;
  const headers = checkStringRecord(raw.h, 'the headers', 'header');
  if (!headers.ok) return headers;
  const jsonParams = { query: '', fields: '', sort: '' };
  if (raw.j !== undefined) {
    if (!isPlainObject(raw.j)) return fail('the query/fields/sort part must be an object.');
    const jk = checkKeys(raw.j, ['q', 'f', 's'], 'the query/fields/sort part');
    if (!jk.ok) return jk;
    for (const [short, name] of [
      ['q', 'query'],
      ['f', 'fields'],
      ['s', 'sort'],
    ] as const) {
      const v = raw.j[short];
      if (v === undefined) continue;
      const c = checkString(v, `the ${name} text`, LIMITS.jsonParamChars, { allowControl: true });
      if (!c.ok) return c;
      jsonParams[name] = c.value;
    }
  }
  let body = '';
  if (raw.b !== undefined) {
    const c = checkString(raw.b, 'the body', LIMITS.bodyChars, { allowControl: true });
    if (!c.ok) return c;
    body = c.value;
  }
  const tab = checkTab(raw.t, 'raw');
  if (!tab.ok) return tab;
  return ok({
    serverUrl: serverUrl.value,
    operationLabel: `${method.value} ${path.value}`,
    method: method.value,
    path: path.value,
    pathParams: pathParams.value,
    params: params.value,
    jsonParams,
    body,
    headers: headers.value,
    view: { tab: tab.value },
  });
}
