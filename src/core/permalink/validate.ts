/**
 * Strict checks for everything that comes out of a link. A link is text written by anyone: it is
 * parsed as hostile input, field by field, and every refusal says in words what was wrong so the
 * person who opened the link knows it is damaged rather than wondering why nothing happened.
 */
import { HTTP_METHODS, type HttpMethod, type ResponseTab } from '../request/draft';

export const LIMITS = {
  /** Longest fragment accepted (characters after `#`). */
  fragmentChars: 8192,
  /**
   * Longest decompressed JSON accepted: unpacking stops there (unpack.ts), since lz-string's data
   * can expand to about 0.16·n² characters (8,192 of them to about 10 million).
   */
  jsonChars: 512 * 1024,
  /** Deepest nesting of arrays and objects accepted; a real link nests 2 levels (`j.q`). */
  jsonDepth: 8,
  serverUrlChars: 2048,
  pathChars: 1024,
  keyChars: 200,
  valueChars: 8192,
  jsonParamChars: 64 * 1024,
  bodyChars: 256 * 1024,
  entries: 200,
} as const;

export const RESPONSE_TABS: readonly ResponseTab[] = ['tree', 'table', 'raw', 'headers'];

/** Keys that would reach an object's prototype if a consumer ever copied with `Object.assign` or `obj[key] = ...`. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export type Check<T> = { ok: true; value: T } | { ok: false; error: string };

export const ok = <T>(value: T): Check<T> => ({ ok: true, value });
export const fail = <T = never>(error: string): Check<T> => ({ ok: false, error });

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

export function checkString(
  value: unknown,
  what: string,
  max: number,
  opts: { allowControl?: boolean } = {},
): Check<string> {
  if (typeof value !== 'string') return fail(`${what} must be text.`);
  if (value.length > max) return fail(`${what} is longer than ${max} characters.`);
  if (!opts.allowControl && CONTROL.test(value)) return fail(`${what} contains control characters.`);
  return ok(value);
}

/** Only listed keys allowed; rejecting unknown keys keeps old readers from silently dropping data. */
export function checkKeys(
  obj: Record<string, unknown>,
  allowed: readonly string[],
  what: string,
): Check<true> {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) return fail(`${what} has an unknown field "${key.slice(0, 40)}".`);
  }
  return ok(true);
}

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const PATH_PARAM_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export type KeyKind = 'header' | 'pathParam' | 'param';

/**
 * A string-to-string record. Built on a null-prototype object and copied to a plain one at the
 * end, so even the check itself cannot be tricked by `__proto__`.
 */
export function checkStringRecord(
  value: unknown,
  what: string,
  kind: KeyKind,
  valueMax: number = LIMITS.valueChars,
): Check<Record<string, string>> {
  if (value === undefined) return ok({});
  if (!isPlainObject(value)) return fail(`${what} must be a list of names and values.`);
  const entries = Object.entries(value);
  if (entries.length > LIMITS.entries) return fail(`${what} has more than ${LIMITS.entries} entries.`);
  const out: Record<string, string> = {};
  for (const [key, raw] of entries) {
    if (FORBIDDEN_KEYS.has(key)) return fail(`${what} uses the forbidden name "${key}".`);
    if (key === '' || key.length > LIMITS.keyChars) return fail(`${what} has an empty or overlong name.`);
    if (CONTROL.test(key)) return fail(`${what} has a name with control characters.`);
    if (kind === 'header' && !HEADER_NAME.test(key))
      return fail(`${what}: "${key.slice(0, 40)}" is not a valid header name.`);
    if (kind === 'pathParam' && !PATH_PARAM_NAME.test(key))
      return fail(`${what}: "${key.slice(0, 40)}" is not a valid path parameter name.`);
    // Header values must not carry CR/LF (header injection); parameter values may hold any text.
    const checked = checkString(raw, `${what} "${key.slice(0, 40)}"`, valueMax, {
      allowControl: kind !== 'header',
    });
    if (!checked.ok) return checked;
    out[key] = checked.value;
  }
  return ok(out);
}

export function checkMethod(value: unknown): Check<HttpMethod> {
  return typeof value === 'string' && (HTTP_METHODS as readonly string[]).includes(value)
    ? ok(value as HttpMethod)
    : fail(`the method must be one of ${HTTP_METHODS.join(', ')}.`);
}

export function checkTab(value: unknown, fallback: ResponseTab): Check<ResponseTab> {
  if (value === undefined) return ok(fallback);
  return typeof value === 'string' && (RESPONSE_TABS as readonly string[]).includes(value)
    ? ok(value as ResponseTab)
    : fail(`the response view must be one of ${RESPONSE_TABS.join(', ')}.`);
}

/**
 * Server base URL: http or https only (a `javascript:` or `file:` URL must never become a request
 * target), no user-info (credentials in a URL are a secret), no query or fragment. Returned
 * without a trailing slash, as the store keeps it.
 */
export function checkServerUrl(value: unknown): Check<string> {
  const s = checkString(value, 'the server URL', LIMITS.serverUrlChars);
  if (!s.ok) return s;
  let url: URL;
  try {
    url = new URL(s.value);
  } catch {
    return fail('the server URL is not a valid URL.');
  }
  // The URL parser forgives 'https:/host' and 'https:host'; a link must say exactly what it means.
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !/^https?:\/\/[^/]/i.test(s.value))
    return fail('the server URL must start with http:// or https://.');
  if (url.username !== '' || url.password !== '')
    return fail('the server URL must not contain a user name or password.');
  if (url.search !== '' || url.hash !== '')
    return fail('the server URL must not contain a query or fragment.');
  if (s.value !== s.value.trim()) return fail('the server URL has surrounding spaces.');
  // The parsed form, not the text: `http://127.000.1:4100` or `HTTP://LOCALHOST` name the server
  // already in use, and keeping the odd spelling would look like a server change to the app (which
  // then loads that server's catalog on its own).
  return ok(`${url.origin}${url.pathname}`.replace(/\/+$/, ''));
}

/**
 * Request path: absolute, not protocol-relative (`//evil.example` would change the host when
 * joined), no query, fragment, spaces or dot segments.
 */
export function checkPath(value: unknown): Check<string> {
  const s = checkString(value, 'the path', LIMITS.pathChars);
  if (!s.ok) return s;
  const p = s.value;
  if (!p.startsWith('/') || p.startsWith('//')) return fail('the path must start with a single "/".');
  if (/[\s?#\\]/.test(p)) return fail('the path must not contain spaces, "?", "#" or "\\".');
  if (/(^|\/)\.\.?(\/|$)/.test(p)) return fail('the path must not contain "." or ".." segments.');
  return ok(p);
}
