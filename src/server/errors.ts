import type { ServerResponse } from 'node:http';
import { BASE_SECURITY_HEADERS } from './security-headers';

/** Error codes of responses made by the proxy itself (never by the upstream server). */
export type ProxyErrorCode =
  | 'target-not-allowed'
  | 'bad-request'
  | 'forbidden-origin'
  | 'upstream-unreachable'
  | 'upstream-timeout'
  | 'not-found'
  | 'method-not-allowed';

const STATUS: Record<ProxyErrorCode, number> = {
  'target-not-allowed': 403,
  'bad-request': 400,
  'forbidden-origin': 403,
  'upstream-unreachable': 502,
  'upstream-timeout': 504,
  'not-found': 404,
  'method-not-allowed': 405,
};

/** Header that marks a response as made by the explorer server, so the app never blames the upstream. */
export const PROXY_ERROR_HEADER = 'X-Explorer-Proxy-Error';

/**
 * Sends `{ error, message }` with the code's status. If the response has already started (an
 * upstream failed mid-body) the only honest thing left is to cut the connection.
 */
export function sendError(
  res: ServerResponse,
  code: ProxyErrorCode,
  message: string,
  extraHeaders: Record<string, string> = {},
): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = JSON.stringify({ error: code, message });
  res.writeHead(STATUS[code], {
    ...BASE_SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    [PROXY_ERROR_HEADER]: code,
    ...extraHeaders,
  });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}
