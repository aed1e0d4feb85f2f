import type { IncomingMessage, OutgoingHttpHeaders } from 'node:http';
import { isProxyControlHeader } from '../core/wire';

/**
 * The request side of the proxy: which client requests may be forwarded at all, and the exact
 * headers and body framing the upstream gets. The upstream connection may be reused for another
 * request, so nothing the client sends may decide where one request ends and the next begins:
 * the proxy frames every body itself (Content-Length it verified, or its own chunked encoding).
 */

/** Hop-by-hop headers (RFC 9110 7.6.1) never cross the proxy in either direction. */
export const HOP_BY_HOP: ReadonlySet<string> = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/** Tokens a client may list in `Connection`: options and hop-by-hop names, never end-to-end headers. */
const CONNECTION_TOKENS: ReadonlySet<string> = new Set([...HOP_BY_HOP, 'close']);

/**
 * Request headers that describe the explorer page or the client's own network position rather
 * than the request the person composed. Cookies of other localhost apps and the page URL would
 * leak to a remote server; client-sent forwarding headers would let anyone pick the IP address a
 * rate limiter or failed-login block counts (the proxy sets X-Forwarded-For itself).
 * Content-Length is dropped because the proxy re-frames every body itself.
 */
const REQUEST_ONLY_HERE: ReadonlySet<string> = new Set([
  'host',
  'origin',
  'referer',
  'cookie',
  'expect',
  'content-length',
  'forwarded',
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-proto',
  'x-forwarded-port',
  'x-real-ip',
  'sec-fetch-site',
  'sec-fetch-mode',
  'sec-fetch-dest',
  'sec-fetch-user',
  'sec-fetch-storage-access',
]);

/** Methods whose body has no defined meaning: forwarded only with a length the proxy checked. */
const BODYLESS_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'DELETE', 'OPTIONS', 'TRACE']);

export type BodyFraming = { kind: 'none' } | { kind: 'length'; length: number } | { kind: 'chunked' };

export type FramingCheck = { ok: true; framing: BodyFraming } | { ok: false; message: string };

function connectionTokens(req: IncomingMessage): string[] {
  const tokens: string[] = [];
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    if (req.rawHeaders[i]!.toLowerCase() !== 'connection') continue;
    for (const token of req.rawHeaders[i + 1]!.split(',')) {
      const t = token.trim().toLowerCase();
      if (t !== '') tokens.push(t);
    }
  }
  return tokens;
}

/**
 * Decides how the client's body is framed, refusing every ambiguous case (RFC 9112 6.3, 11.2):
 * Transfer-Encoding together with Content-Length, a Transfer-Encoding other than plain chunked,
 * a chunked body on a method without body semantics, and a Connection header that would make an
 * intermediary drop an end-to-end header such as Content-Length.
 */
export function checkRequestFraming(req: IncomingMessage): FramingCheck {
  const method = req.method ?? 'GET';
  const named = connectionTokens(req).filter((t) => !CONNECTION_TOKENS.has(t));
  if (named.length > 0) {
    return {
      ok: false,
      message: `The Connection header names ${named.map((n) => JSON.stringify(n.slice(0, 40))).join(', ')}: only hop-by-hop options (close, keep-alive) may be listed there, never end-to-end headers.`,
    };
  }
  const te = req.headers['transfer-encoding'];
  const cl = req.headers['content-length'];
  if (te !== undefined && cl !== undefined) {
    return {
      ok: false,
      message:
        'The request has both Transfer-Encoding and Content-Length: send one, so the body has one length.',
    };
  }
  if (te !== undefined) {
    if (te.trim().toLowerCase() !== 'chunked') {
      return {
        ok: false,
        message: `Transfer-Encoding ${JSON.stringify(te.slice(0, 60))} is not supported: use chunked or Content-Length.`,
      };
    }
    if (BODYLESS_METHODS.has(method)) {
      return {
        ok: false,
        message: `A ${method} request with a chunked body is refused: send its body with a Content-Length, or no body.`,
      };
    }
    return { ok: true, framing: { kind: 'chunked' } };
  }
  if (cl === undefined) return { ok: true, framing: { kind: 'none' } };
  // Node's parser already refused malformed and conflicting Content-Length values.
  const length = Number(cl);
  if (!Number.isSafeInteger(length) || length < 0) {
    return { ok: false, message: `Content-Length ${JSON.stringify(cl.slice(0, 40))} is not a byte count.` };
  }
  return { ok: true, framing: length === 0 ? { kind: 'none' } : { kind: 'length', length } };
}

/** Copies raw headers, minus hop-by-hop ones, those named in Connection, and those `skip` says. */
export function filterRawHeaders(raw: readonly string[], skip: (lowerName: string) => boolean): string[] {
  const dropped = new Set<string>();
  for (let i = 0; i + 1 < raw.length; i += 2) {
    if (raw[i]!.toLowerCase() === 'connection') {
      for (const token of raw[i + 1]!.split(',')) dropped.add(token.trim().toLowerCase());
    }
  }
  const out: string[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!;
    const lower = name.toLowerCase();
    if (HOP_BY_HOP.has(lower) || dropped.has(lower) || skip(lower)) continue;
    out.push(name, raw[i + 1]!);
  }
  return out;
}

/** The headers sent upstream: the client's end-to-end headers, the upstream Host, our own X-Forwarded-For. */
export function upstreamRequestHeaders(req: IncomingMessage, host: string): OutgoingHttpHeaders {
  const raw = filterRawHeaders(
    req.rawHeaders,
    (lower) => REQUEST_ONLY_HERE.has(lower) || isProxyControlHeader(lower),
  );
  const headers: Record<string, string | string[]> = {};
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    const value = raw[i + 1]!;
    const prev = headers[name];
    if (prev === undefined) headers[name] = value;
    else headers[name] = Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  headers.host = host;
  const client = req.socket.remoteAddress;
  if (client !== undefined) headers['x-forwarded-for'] = client;
  return headers;
}
