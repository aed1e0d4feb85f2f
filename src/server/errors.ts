import { STATUS_CODES, type ServerResponse } from 'node:http';
import { PROXY_ERROR_HEADER, PROXY_ERROR_STATUS, type ProxyErrorCode } from '../core/wire';
import { BASE_SECURITY_HEADERS } from './security-headers';

export { PROXY_ERROR_HEADER, type ProxyErrorCode } from '../core/wire';

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
  const status = PROXY_ERROR_STATUS[code];
  // The reason phrase is always our own: an earlier attempt to copy an upstream's may have left an
  // invalid one on the response, and Node would throw on it here (outside any request handler).
  res.writeHead(status, STATUS_CODES[status] ?? 'Error', {
    ...BASE_SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    [PROXY_ERROR_HEADER]: code,
    ...extraHeaders,
  });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}
