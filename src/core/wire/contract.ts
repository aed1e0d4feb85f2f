/**
 * The wire contract between the explorer app and its server's same-origin proxy, in one place so
 * the two can never drift apart: the path the proxy answers on, the headers it reads and writes,
 * and the error codes it answers with. Imported by src/server and by the app; pure (no Node, no DOM).
 */

/** Path prefix of the proxy: `/proxy/<path>?<query>` is forwarded to `<target>/<path>?<query>`. */
export const PROXY_PATH = '/proxy';

/** Request header naming the allowed Rocket.Chat server (base URL) to forward to. */
export const TARGET_HEADER = 'X-Explorer-Target';

/** Response header marking an answer made by the proxy itself, never by the upstream server. */
export const PROXY_ERROR_HEADER = 'X-Explorer-Proxy-Error';

/**
 * Headers that steer or describe the proxy rather than the Rocket.Chat request: every name the
 * explorer reserves starts with this. A person's draft or a shared link must never carry one, or
 * a link could redirect the signed-in user's token to another server (headers with the same name
 * in other casings are merged by the browser into one comma-joined value).
 */
const CONTROL_PREFIX = 'x-explorer-';

/** True for a header name the proxy reserves, in any casing. */
export function isProxyControlHeader(name: string): boolean {
  return name.trim().toLowerCase().startsWith(CONTROL_PREFIX);
}

/** Error codes of responses made by the proxy itself, with the HTTP status each is sent with. */
export const PROXY_ERROR_STATUS = {
  'target-not-allowed': 403,
  'bad-request': 400,
  'forbidden-origin': 403,
  'upstream-unreachable': 502,
  'upstream-bad-response': 502,
  'upstream-timeout': 504,
  'request-timeout': 408,
  'not-found': 404,
  'method-not-allowed': 405,
} as const satisfies Record<string, number>;

export type ProxyErrorCode = keyof typeof PROXY_ERROR_STATUS;

export function isProxyErrorCode(value: string): value is ProxyErrorCode {
  return Object.prototype.hasOwnProperty.call(PROXY_ERROR_STATUS, value);
}
