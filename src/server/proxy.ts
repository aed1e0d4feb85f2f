import http from 'node:http';
import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { pipeline } from 'node:stream';
import {
  PROXY_PATH,
  TARGET_HEADER,
  dotSegmentProblem,
  normaliseTarget,
  type TargetAllowList,
} from '../core/wire';
import { sendError } from './errors';
import { checkFetchSite } from './guards';
import { checkRequestFraming, upstreamRequestHeaders, type BodyFraming } from './proxy-request';
import { BadUpstreamResponse, relayResponse, responseProblem } from './proxy-response';
import { createUpstreamPool } from './upstream-pool';

/**
 * The same-origin proxy: `/proxy/<path>?<query>` + `X-Explorer-Target: <base URL>` is forwarded to
 * `<base URL>/<path>?<query>`. It exists because a real Rocket.Chat exposes no response headers to
 * cross-origin scripts and refuses the x-2fa-* request headers cross-origin.
 *
 * Request bodies are read before an upstream connection is taken, up to a small limit, so a client
 * dripping its body holds no upstream capacity; larger bodies and responses stream both ways with
 * back-pressure. Errors made here carry `X-Explorer-Proxy-Error`.
 */

export { PROXY_PATH };

export interface ProxyOptions {
  allowList: TargetAllowList;
  /** Time allowed to open the TCP connection to the upstream. */
  connectTimeoutMs: number;
  /** Longest silence allowed on the upstream connection (waiting for headers or between body bytes). */
  idleTimeoutMs: number;
  /** Time allowed to receive a whole request body from the client, however steadily it trickles. */
  bodyTimeoutMs?: number;
}

export interface Proxy {
  handle(req: IncomingMessage, res: ServerResponse): void;
  close(): void;
}

export const DEFAULT_BODY_TIMEOUT_MS = 60_000;
/** Request body bytes read before the upstream connection is opened. */
const BODY_HOLD_BYTES = 64 * 1024;

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
  const problem = dotSegmentProblem(rawPath);
  if (problem !== null) return { ok: false, message: `The proxy path is refused: ${problem}.` };
  return { ok: true, path: (rawPath === '' ? '/' : rawPath) + query };
}

/** Checks origin, target and path; answers the refusal itself and returns null when refused. */
function checkRequest(
  req: IncomingMessage,
  res: ServerResponse,
  allowList: TargetAllowList,
): { base: URL; target: string; path: string; framing: BodyFraming } | null {
  // A CORS preflight means a page on another origin wants to send the custom target header.
  // Never answer it with CORS headers: the browser then refuses to send the real request.
  if (req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined) {
    sendError(
      res,
      'forbidden-origin',
      'CORS preflight requests to the proxy are refused: only pages served by this explorer may use it.',
    );
    return null;
  }
  const site = checkFetchSite(req);
  if (!site.ok) {
    sendError(res, 'forbidden-origin', site.message);
    return null;
  }
  const targetValues = req.headersDistinct[TARGET_HEADER.toLowerCase()];
  if (targetValues === undefined || targetValues.length === 0) {
    sendError(
      res,
      'bad-request',
      `The ${TARGET_HEADER} header is missing: it names the Rocket.Chat server to forward to, e.g. ${TARGET_HEADER}: http://127.0.0.1:4100.`,
    );
    return null;
  }
  if (targetValues.length > 1) {
    sendError(res, 'bad-request', `Send exactly one ${TARGET_HEADER} header, holding one URL.`);
    return null;
  }
  const parsed = normaliseTarget(targetValues[0]!);
  if (!parsed.ok) {
    // The value is not echoed: it may hold a user name and password.
    sendError(
      res,
      'bad-request',
      `The ${TARGET_HEADER} header is not one server base URL: ${parsed.reason}.`,
    );
    return null;
  }
  const target = parsed.target;
  if (!allowList.allows(target)) {
    sendError(
      res,
      'target-not-allowed',
      `The proxy may not reach ${target}: it only forwards to the servers it was started with ` +
        `(${allowList.targets.join(', ') || 'none'}). To allow it, restart with ` +
        `\`npm start -- --target ${target}\` or set RC_TARGETS=${target} (comma-separated for several).`,
    );
    return null;
  }
  const pathResult = parseProxyPath((req.url ?? '').slice(PROXY_PATH.length));
  if (!pathResult.ok) {
    sendError(res, 'bad-request', pathResult.message);
    return null;
  }
  const framing = checkRequestFraming(req);
  if (!framing.ok) {
    sendError(res, 'bad-request', framing.message, { Connection: 'close' });
    return null;
  }
  return { base: parsed.url, target, path: pathResult.path, framing: framing.framing };
}

export function createProxy(options: ProxyOptions): Proxy {
  const pool = createUpstreamPool();
  const bodyTimeoutMs = options.bodyTimeoutMs ?? DEFAULT_BODY_TIMEOUT_MS;

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const checked = checkRequest(req, res, options.allowList);
    if (checked === null) return;
    const { base, target, framing } = checked;
    const method = req.method ?? 'GET';
    const basePath = base.pathname === '/' ? '' : base.pathname;
    const headers = upstreamRequestHeaders(req, base.host);
    const requestOptions: http.RequestOptions = {
      protocol: base.protocol,
      hostname: base.hostname.startsWith('[') ? base.hostname.slice(1, -1) : base.hostname,
      port: base.port === '' ? undefined : Number(base.port),
      method,
      path: basePath + checked.path,
      headers,
      agent: pool.agentFor(req, base.protocol),
    };
    let finished = false;
    let current: http.ClientRequest | null = null;

    // The browser went away: stop the upstream too (it may be a long download).
    res.on('close', () => {
      clearTimeout(bodyTimer);
      if (!res.writableFinished) current?.destroy();
    });

    // The whole body must arrive within bodyTimeoutMs: an idle timeout alone lets a client send
    // one byte every few seconds forever.
    const bodyTimer =
      framing.kind === 'none'
        ? undefined
        : setTimeout(() => {
            if (req.complete || finished) return;
            finished = true;
            current?.destroy();
            sendError(
              res,
              'request-timeout',
              `The request body did not arrive within ${bodyTimeoutMs} ms, so it was not forwarded.`,
              // Node closes the connection after this answer instead of reading the rest.
              { Connection: 'close' },
            );
          }, bodyTimeoutMs);
    req.once('end', () => clearTimeout(bodyTimer));

    const fail = (upstreamReq: http.ClientRequest, err: Error, retry: (() => void) | null): void => {
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
      if (retry !== null && upstreamReq.reusedSocket && (code === 'ECONNRESET' || code === 'EPIPE')) {
        finished = false;
        retry();
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
      } else if (err instanceof BadUpstreamResponse || code?.startsWith('HPE_')) {
        const cause =
          err instanceof BadUpstreamResponse ? err.message : `it sent an invalid HTTP response (${code})`;
        sendError(res, 'upstream-bad-response', `${target} gave an answer the proxy cannot relay: ${cause}.`);
      } else {
        sendError(res, 'upstream-unreachable', describeUpstreamError(target, err as NodeJS.ErrnoException));
      }
    };

    /**
     * Opens the upstream request. `body` is the whole body (re-framed with its real length), or
     * null when the body streams on from `req` after the `head` bytes already read.
     */
    const forward = (attempt: number, body: Buffer | null, head?: Buffer): void => {
      let upstreamReq: http.ClientRequest;
      const sentHeaders = { ...headers };
      if (body !== null && body.length > 0) sentHeaders['content-length'] = String(body.length);
      else if (body === null && framing.kind === 'length')
        sentHeaders['content-length'] = String(framing.length);
      else if (body === null) sentHeaders['transfer-encoding'] = 'chunked';
      try {
        upstreamReq = (base.protocol === 'https:' ? https : http).request({
          ...requestOptions,
          headers: sentHeaders,
        });
      } catch (err) {
        finished = true;
        sendError(res, 'bad-request', `The request cannot be forwarded: ${(err as Error).message}`);
        return;
      }
      current = upstreamReq;
      // Only a body-less request may be sent twice: the upstream may have acted on a body.
      const canRetry = attempt === 0 && framing.kind === 'none';
      const onFail = (err: Error): void => {
        clearTimeout(connectTimer);
        fail(upstreamReq, err, canRetry ? () => forward(1, body) : null);
      };

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
      upstreamReq.on('error', onFail);
      // 101 with an Upgrade header arrives here instead of 'response'; without a listener Node
      // would keep the request waiting forever.
      upstreamReq.on('upgrade', (_res, socket: Socket) => {
        socket.destroy();
        onFail(
          new BadUpstreamResponse('it answered 101 Switching Protocols, which the proxy does not forward'),
        );
      });
      upstreamReq.on('response', (upstreamRes) => {
        clearTimeout(connectTimer);
        const problem = responseProblem(upstreamRes, method);
        if (problem !== null) {
          upstreamRes.on('error', () => undefined);
          onFail(new BadUpstreamResponse(problem));
          return;
        }
        relayResponse(upstreamRes, res, {
          method,
          idleTimeoutMs: options.idleTimeoutMs,
          fail: onFail,
          cut: () => {
            finished = true;
            if (!res.destroyed) res.destroy();
            upstreamReq.destroy();
          },
        });
      });

      if (body !== null) {
        upstreamReq.end(body.length > 0 ? body : undefined);
      } else {
        if (head !== undefined) upstreamReq.write(head);
        pipeline(req, upstreamReq, (err) => {
          if (err) onFail(err);
        });
      }
    };

    if (framing.kind === 'none') {
      req.resume();
      forward(0, Buffer.alloc(0));
      return;
    }
    readHeldBody(req, (result) => {
      if (finished) return;
      if (result.kind === 'whole') forward(0, result.body);
      else forward(0, null, result.head);
    });
  }

  return { handle, close: () => pool.close() };
}

type HeldBody = { kind: 'whole'; body: Buffer } | { kind: 'head'; head: Buffer };

/**
 * Reads the body until it ends or passes BODY_HOLD_BYTES, then calls back once with what it read.
 * The request is left paused in the second case, for the caller to pipe on.
 */
function readHeldBody(req: IncomingMessage, done: (result: HeldBody) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  const onData = (chunk: Buffer): void => {
    chunks.push(chunk);
    size += chunk.length;
    if (size <= BODY_HOLD_BYTES) return;
    req.pause();
    req.off('data', onData);
    req.off('end', onEnd);
    done({ kind: 'head', head: Buffer.concat(chunks) });
  };
  const onEnd = (): void => done({ kind: 'whole', body: Buffer.concat(chunks) });
  req.on('data', onData);
  req.on('end', onEnd);
}
