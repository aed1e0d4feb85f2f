import { serializeParam } from '../json-params/encode';
import type { RequestDraft } from '../request/draft';
import { isProxyControlHeader, TARGET_HEADER } from '../wire';
import { trimServerUrl } from './server-url';
import type { AuthCredentials, PreparedRequest, Transport, TwoFactorAnswer } from './types';

export { trimServerUrl };

/** Header the proxy reads to know which allowed Rocket.Chat server to forward to (see core/wire). */
export const PROXY_TARGET_HEADER = TARGET_HEADER;

const JSON_PARAM_NAMES = ['query', 'fields', 'sort'] as const;

/** Fills `:id` and `{id}` path parameters; each value is encoded once. */
export function fillPath(template: string, pathParams: Record<string, string>): string {
  return template.replace(
    /:([A-Za-z_][\w]*)|\{([A-Za-z_][\w]*)\}/g,
    (whole, colon?: string, brace?: string) => {
      const name = colon ?? brace ?? '';
      const value = pathParams[name];
      return value === undefined || value === '' ? whole : encodeURIComponent(value);
    },
  );
}

/**
 * The wire text of query/fields/sort: `query` EJSON-stringified, the others compact JSON (see
 * json-params/encode). Invalid text is sent exactly as typed, so server errors can be explored.
 */
function wireText(name: (typeof JSON_PARAM_NAMES)[number], text: string): string {
  try {
    return serializeParam(name, text) ?? text.trim();
  } catch {
    return text.trim();
  }
}

/** The query string of a draft: plain parameters, then query/fields/sort, each encoded exactly once. */
export function buildQueryString(draft: Pick<RequestDraft, 'params' | 'jsonParams'>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(draft.params)) {
    if (value !== '') search.append(name, value);
  }
  for (const name of JSON_PARAM_NAMES) {
    const text = draft.jsonParams[name];
    if (text.trim() !== '') search.append(name, wireText(name, text));
  }
  const qs = search.toString();
  return qs === '' ? '' : `?${qs}`;
}

/** The path with its parameters filled in, plus the query string. */
function pathAndQueryOf(draft: Pick<RequestDraft, 'path' | 'pathParams' | 'params' | 'jsonParams'>): string {
  return fillPath(draft.path, draft.pathParams) + buildQueryString(draft);
}

/** The URL as it will be sent, from only the parts a URL is made of (never credentials). */
export function displayUrlOf(
  draft: Pick<RequestDraft, 'serverUrl' | 'path' | 'pathParams' | 'params' | 'jsonParams'>,
): string {
  return trimServerUrl(draft.serverUrl) + pathAndQueryOf(draft);
}

/**
 * Turns a draft into a fetch-ready request. This is the only place auth headers are attached, so
 * what is sent where can be reasoned about in one file.
 */
export function prepareRequest(
  draft: RequestDraft,
  transport: Transport,
  auth?: AuthCredentials,
  twoFactor?: TwoFactorAnswer,
): PreparedRequest {
  const pathAndQuery = pathAndQueryOf(draft);
  const serverUrl = trimServerUrl(draft.serverUrl);
  const headers: Record<string, string> = { Accept: 'application/json' };
  for (const [name, value] of Object.entries(draft.headers)) {
    // A header that steers the proxy is never the person's to set: in another casing the browser
    // would join it with the real one, and the proxy would forward the token to that server.
    if (name.trim() !== '' && !isProxyControlHeader(name)) headers[name.trim()] = value;
  }
  const sendsBody = draft.method !== 'GET' && draft.body.trim() !== '';
  if (sendsBody) headers['Content-Type'] = 'application/json';
  if (auth) {
    headers['X-User-Id'] = auth.userId;
    headers['X-Auth-Token'] = auth.authToken;
  }
  if (twoFactor) {
    headers['x-2fa-code'] = twoFactor.code;
    headers['x-2fa-method'] = twoFactor.method;
  }
  const displayUrl = serverUrl + pathAndQuery; // displayUrlOf(draft), without building it twice
  let fetchUrl = displayUrl;
  if (transport.kind === 'proxy') {
    fetchUrl = transport.proxyPath + pathAndQuery;
    headers[PROXY_TARGET_HEADER] = serverUrl;
  }
  return {
    method: draft.method,
    fetchUrl,
    displayUrl,
    headers,
    body: sendsBody ? draft.body : undefined,
    transport,
  };
}
