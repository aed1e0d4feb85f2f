import http from 'node:http';
import https from 'node:https';
import type { IncomingMessage, ServerResponse, OutgoingHttpHeaders } from 'node:http';
import type { Socket } from 'node:net';
import { pipeline } from 'node:stream';
import { sendError } from './errors';
import { checkFetchSite } from './guards';
import { normaliseTarget, type TargetAllowList } from './targets';

/**
 * The same-origin proxy: `/proxy/<path>?<query>` + `X-Explorer-Target: <base URL>` is forwarded to
 * `<base URL>/<path>?<query>`. It exists because a real Rocket.Chat exposes no response headers to
 * cross-origin scripts and refuses the x-2fa-* request headers cross-origin.
 *
 * Bodies stream both ways with back-pressure (nothing is buffered whole). Every upstream response
 * header comes back except hop-by-hop ones. Errors made here carry `X-Explorer-Proxy-Error`.
 */

export const PROXY_PATH = '/proxy';
export const TARGET_HEADER = 'x-explorer-target';

export interface ProxyOptions {
  allowList: TargetAllowList;
  /** Time allowed to open the TCP connection to the upstream. */
  connectTimeoutMs: number;
  /** Longest silence allowed on the upstream connection (waiting for headers or between body bytes). */
  idleTimeoutMs: number;
}

export interface Proxy {
  handle(req: IncomingMessage, res: ServerResponse): void;
  close(): void;
}

/** Hop-by-hop headers (RFC 9110 7.6.1) never cross the proxy in either direction. */
const HOP_BY_HOP = new Set([
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

/**
 * Request headers that describe the explorer page rather than the request the person composed:
 * the browser adds them for the explorer's origin, and some would leak it (cookies of other
 * localhost apps, the page URL) to a remote server.
 */
const REQUEST_ONLY_HERE = new Set([
  'host',
  TARGET_HEADER,
  'origin',
  'referer',
  'cookie',
  'expect',
  'sec-fetch-site',
  'sec-fetch-mode',
  'sec-fetch-dest',
  'sec-fetch-user',
  'sec-fetch-storage-access',
]);

class UpstreamTimeout extends Error {
  constructor(readonly phase: 'connect' | 'idle') {
    super(`upstream ${phase} timeout`);
  }
}

/** Human words for the socket errors people actually meet. */
const CAUSES: Record<string, string> = {
  ECONNREFUSED: 'connection refused: nothing listens on that host and port',
  ECONNRESET: 'the connection was reset by the server',
  ENOTFOUND: 'the host name could not be resolved',
  EAI_AGAIN: 'the host name could not be resolved (DNS lookup failed)',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  EPIPE: 'the server closed the connection',
  ETIMEDOUT: 'the connection timed out',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'its TLS certificate chain has a self-signed certificate',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its TLS certificate cannot be verified',
  CERT_HAS_EXPIRED: 'its TLS certificate has expired',
  ERR_TLS_CERT_ALTNAME_INVALID: 'its TLS certificate does not match the host name',
};

function describeUpstreamError(target: string, err: NodeJS.ErrnoException): string {
  const code = err.code ?? 'ERROR';
  const cause = CAUSES[code] ?? (code.startsWith('HPE_') ? 'it sent an invalid HTTP response' : err.message);
  const tls = /CERT|TLS/.test(code)
    ? ' If the server uses a private certificate authority, start the explorer with NODE_EXTRA_CA_CERTS=<ca.pem>.'
    : '';
  return `Could not reach ${target}: ${code} (${cause}). Check that the server is running and that the URL is right.${tls}`;
}

/**
 * Splits the part of the request URL after `/proxy` into path and query and checks the path:
 * no dot segments (raw or percent-encoded), so a request never climbs above the target's base
 * path, and valid percent-encoding. The path is forwarded byte for byte otherwise.
 */
export function parseProxyPath(rest: string): { ok: true; path: string } | { ok: false; message: string } {
  const q = rest.indexOf('?');
  const rawPath = q === -1 ? rest : rest.slice(0, q);
  const query = q === -1 ? '' : rest.slice(q);
  if (rawPath !== '' && !rawPath.startsWith('/'))
    return { ok: false, message: 'The proxy path must start with /proxy/.' };
  if (!/^[\x21-\x7e]*$/.test(rest)) {
    return { ok: false, message: 'The request URL contains characters that must be percent-encoded.' };
  }
  for (const segment of rawPath.split('/')) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return { ok: false, message: `The path segment "${segment}" has malformed percent-encoding.` };
    }
    if (decoded.split(/[\\/]/).some((part) => part === '.' || part === '..')) {
      return { ok: false, message: 'The proxy path must not contain "." or ".." segments.' };
    }
  }
  return { ok: true, path: (rawPath === '' ? '/' : rawPath) + query };
}

/** Copies raw headers, minus hop-by-hop ones, those named in Connection, and `skip`. */
function filterRawHeaders(raw: readonly string[], skip: ReadonlySet<string>): string[] {
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
    if (HOP_BY_HOP.has(lower) || dropped.has(lower) || skip.has(lower)) continue;
    out.push(name, raw[i + 1]!);
  }
  return out;
}

function rawToOutgoing(raw: readonly string[]): OutgoingHttpHeaders {
  const headers: Record<string, string | string[]> = {};
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    const value = raw[i + 1]!;
    const prev = headers[name];
    if (prev === undefined) headers[name] = value;
    else headers[name] = Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return headers;
}

export function createProxy(options: ProxyOptions): Proxy {
  const agents = {
    'http:': new http.Agent({ keepAlive: true, maxSockets: 32 }),
    'https:': new https.Agent({ keepAlive: true, maxSockets: 32 }),
  };

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const method = req.method ?? 'GET';
    // A CORS preflight means a page on another origin wants to send the custom target header.
    // Never answer it with CORS headers: the browser then refuses to send the real request.
    if (method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined) {
      sendError(
        res,
        'forbidden-origin',
        'CORS preflight requests to the proxy are refused: only pages served by this explorer may use it.',
      );
      return;
    }
    const site = checkFetchSite(req);
    if (!site.ok) {
      sendError(res, 'forbidden-origin', site.message);
      return;
    }

    const targetValues = req.headersDistinct[TARGET_HEADER];
    if (targetValues === undefined || targetValues.length === 0) {
      sendError(
        res,
        'bad-request',
        'The X-Explorer-Target header is missing: it names the Rocket.Chat server to forward to, e.g. X-Explorer-Target: http://127.0.0.1:4100.',
      );
      return;
    }
    if (targetValues.length > 1) {
      sendError(res, 'bad-request', 'Send exactly one X-Explorer-Target header.');
      return;
    }
    const parsed = normaliseTarget(targetValues[0]!);
    if (!parsed.ok) {
      sendError(
        res,
        'bad-request',
        `The X-Explorer-Target header ${JSON.stringify(targetValues[0])} is not a server base URL: ${parsed.reason}.`,
      );
      return;
    }
    const target = parsed.target;
    if (!options.allowList.allows(target)) {
      sendError(
        res,
        'target-not-allowed',
        `The proxy may not reach ${target}: it only forwards to the servers it was started with ` +
          `(${options.allowList.targets.join(', ') || 'none'}). To allow it, restart with ` +
          `\`npm start -- --target ${target}\` or set RC_TARGETS=${target} (comma-separated for several).`,
      );
      return;
    }

    const pathResult = parseProxyPath((req.url ?? '').slice(PROXY_PATH.length));
    if (!pathResult.ok) {
      sendError(res, 'bad-request', pathResult.message);
      return;
    }
    const base = parsed.url;
    const basePath = base.pathname === '/' ? '' : base.pathname;
    const headers = rawToOutgoing(filterRawHeaders(req.rawHeaders, REQUEST_ONLY_HERE));
    headers.host = base.host;

    const requestOptions: http.RequestOptions = {
      protocol: base.protocol,
      hostname: base.hostname.startsWith('[') ? base.hostname.slice(1, -1) : base.hostname,
      port: base.port === '' ? undefined : Number(base.port),
      method,
      path: basePath + pathResult.path,
      headers,
      agent: agents[base.protocol === 'https:' ? 'https:' : 'http:'],
    };
    const hasBody =
      req.headers['transfer-encoding'] !== undefined ||
      (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0');
    let finished = false;
    let current: http.ClientRequest | null = null;

    // The browser went away: stop the upstream too (it may be a long download).
    res.on('close', () => {
      if (!res.writableFinished) current?.destroy();
    });

    const forward = (attempt: number): void => {
      let upstreamReq: http.ClientRequest;
      try {
        upstreamReq = (base.protocol === 'https:' ? https : http).request(requestOptions);
      } catch (err) {
        sendError(res, 'bad-request', `The request cannot be forwarded: ${(err as Error).message}`);
        return;
      }
      current = upstreamReq;

      let connectTimer: NodeJS.Timeout | undefined;
      upstreamReq.on('socket', (socket: Socket) => {
        if (!socket.connecting) return;
        connectTimer = setTimeout(
          () => upstreamReq.destroy(new UpstreamTimeout('connect')),
          options.connectTimeoutMs,
        );
        socket.once('connect', () => clearTimeout(connectTimer));
      });
      upstreamReq.setTimeout(options.idleTimeoutMs, () => upstreamReq.destroy(new UpstreamTimeout('idle')));

      const fail = (err: Error): void => {
        clearTimeout(connectTimer);
        if (finished) return;
        finished = true;
        upstreamReq.destroy();
        if (res.headersSent || res.destroyed) {
          res.destroy();
          return;
        }
        // A kept-alive connection the server closed just as we reused it: the server never saw
        // the request, so a body-less request is sent again once on a fresh connection.
        const code = (err as NodeJS.ErrnoException).code;
        if (
          attempt === 0 &&
          !hasBody &&
          upstreamReq.reusedSocket &&
          (code === 'ECONNRESET' || code === 'EPIPE')
        ) {
          finished = false;
          forward(1);
          return;
        }
        if (err instanceof UpstreamTimeout) {
          const ms = err.phase === 'connect' ? options.connectTimeoutMs : options.idleTimeoutMs;
          sendError(
            res,
            'upstream-timeout',
            err.phase === 'connect'
              ? `${target} did not accept a connection within ${ms} ms. Check that the server is up and reachable.`
              : `${target} sent nothing for ${ms} ms. The server may be overloaded; try again or raise --idle-timeout.`,
          );
        } else {
          sendError(res, 'upstream-unreachable', describeUpstreamError(target, err as NodeJS.ErrnoException));
        }
      };
      upstreamReq.on('error', fail);

      upstreamReq.on('response', (upstreamRes) => {
        clearTimeout(connectTimer);
        const outHeaders = filterRawHeaders(upstreamRes.rawHeaders, new Set());
        try {
          res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.statusMessage, outHeaders);
        } catch {
          // An upstream status text Node refuses to repeat: keep the status and headers only.
          try {
            res.writeHead(upstreamRes.statusCode ?? 502, outHeaders);
          } catch (err) {
            upstreamRes.destroy();
            fail(
              Object.assign(
                new Error(`it sent a response header that cannot be forwarded (${(err as Error).message})`),
                { code: 'EBADHEADER' },
              ),
            );
            return;
          }
        }
        // The idle timeout measures the upstream's silence, not the browser's: while the browser
        // is slow to read (back-pressure pauses us), the upstream is quiet because we asked it to be.
        upstreamRes.on('pause', () => upstreamReq.socket?.setTimeout(0));
        upstreamRes.on('resume', () => upstreamReq.socket?.setTimeout(options.idleTimeoutMs));
        pipeline(upstreamRes, res, (err) => {
          if (err) {
            if (!res.destroyed) res.destroy();
            upstreamReq.destroy();
          }
        });
      });

      if (hasBody) {
        pipeline(req, upstreamReq, (err) => {
          if (err && !res.headersSent) fail(err);
        });
      } else {
        req.resume();
        upstreamReq.end();
      }
    };
    forward(0);
  }

  return {
    handle,
    close() {
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  };
}
