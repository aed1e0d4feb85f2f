import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendError } from './errors';
import { checkHost, checkOrigin } from './guards';
import { createProxy, PROXY_PATH } from './proxy';
import { buildCsp, BASE_SECURITY_HEADERS } from './security-headers';
import { createStaticHandler } from './static-files';
import { normaliseTarget, TargetAllowList } from './targets';
import { originForLog, TARGET_HEADER } from '../core/wire';

/**
 * The explorer server's request handler, shared by the production server (src/server/server.ts)
 * and the Vite dev server (scripts/dev.ts), so the proxy and config behave the same in both.
 */

export interface ExplorerHandlerOptions {
  /** The embedded sandbox's base URL (allowed, and the app's default server), or null. */
  sandboxUrl: string | null;
  /** Further servers the proxy may reach (--target, RC_TARGETS). */
  targets: readonly string[];
  /**
   * The server the app starts on, one of the above. Default: the sandbox, else the first target.
   * The command line names the first --target (a person who names a server means to explore it).
   */
  defaultServer?: string | null;
  /** Folder of the production build; null when another server (Vite) serves the app. */
  staticRoot: string | null;
  /** Serve the build's source maps (off by default: they hold the whole source). */
  sourceMaps?: boolean;
  /**
   * Origin people open behind a reverse proxy (--public-url): its host name is served and pages
   * from it may use the proxy, whatever Host header the reverse proxy forwards.
   */
  publicOrigin?: string | null;
  /** Host names served besides IP literals and localhost. */
  allowedHosts?: readonly string[];
  connectTimeoutMs?: number;
  idleTimeoutMs?: number;
  /** Time allowed to receive a whole request body (default 60 s). */
  bodyTimeoutMs?: number;
  /** One line per proxied request: method, path without query, status, target origin. Never headers or bodies. */
  log?: (line: string) => void;
}

export interface ExplorerConfig {
  sandboxUrl: string | null;
  /** The server the app starts on (null: none, the person types one). */
  defaultServer: string | null;
  targets: string[];
  proxyPath: string;
}

export type NextFunction = (err?: unknown) => void;

export interface ExplorerHandler {
  /** Handles a request; with `next`, requests outside /proxy and /explorer-config.json go to it. */
  handle(req: IncomingMessage, res: ServerResponse, next?: NextFunction): void;
  readonly config: ExplorerConfig;
  readonly csp: string;
  close(): void;
}

export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
export const DEFAULT_IDLE_TIMEOUT_MS = 120_000;
export const CONFIG_PATH = '/explorer-config.json';

function isProxyPath(url: string): boolean {
  return url === PROXY_PATH || url.startsWith(`${PROXY_PATH}/`) || url.startsWith(`${PROXY_PATH}?`);
}

/** The named default, normalised like the targets; it must be one of them. */
function defaultServerOf(named: string | null, allowList: TargetAllowList): string | null {
  if (named === null) return allowList.targets[0] ?? null;
  const parsed = normaliseTarget(named);
  if (!parsed.ok || !allowList.targets.includes(parsed.target))
    throw new Error(`The default server "${named}" is not among the servers the explorer may reach.`);
  return parsed.target;
}

export function createExplorerHandler(options: ExplorerHandlerOptions): ExplorerHandler {
  const allowList = new TargetAllowList([
    ...(options.sandboxUrl === null ? [] : [options.sandboxUrl]),
    ...options.targets,
  ]);
  const sandboxUrl = options.sandboxUrl === null ? null : allowList.targets[0]!;
  const config: ExplorerConfig = {
    sandboxUrl,
    defaultServer: defaultServerOf(options.defaultServer ?? null, allowList),
    targets: [...allowList.targets],
    proxyPath: PROXY_PATH,
  };
  const configBody = JSON.stringify(config);
  const csp = buildCsp(allowList.origins);
  const publicOrigin = options.publicOrigin ?? null;
  const allowedHosts = [
    ...(options.allowedHosts ?? []),
    ...(publicOrigin === null ? [] : [new URL(publicOrigin).hostname.replace(/^\[|\]$/g, '')]),
  ].map((h) => h.toLowerCase());
  const proxy = createProxy({
    allowList,
    connectTimeoutMs: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    idleTimeoutMs: options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS,
    ...(options.bodyTimeoutMs === undefined ? {} : { bodyTimeoutMs: options.bodyTimeoutMs }),
  });
  const serveStatic =
    options.staticRoot === null
      ? null
      : createStaticHandler({ root: options.staticRoot, csp, sourceMaps: options.sourceMaps });
  const log = options.log;

  function serveConfig(req: IncomingMessage, res: ServerResponse): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendError(res, 'method-not-allowed', `Use GET for ${CONFIG_PATH}.`, { Allow: 'GET, HEAD' });
      return;
    }
    res.writeHead(200, {
      ...BASE_SECURITY_HEADERS,
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(configBody),
      'Cache-Control': 'no-store',
    });
    res.end(req.method === 'HEAD' ? undefined : configBody);
  }

  function handle(req: IncomingMessage, res: ServerResponse, next?: NextFunction): void {
    try {
      const url = req.url ?? '';
      const pathOnly = url.split('?')[0]!;
      const ours = isProxyPath(url) || pathOnly === CONFIG_PATH;
      if (next !== undefined && !ours) {
        next();
        return;
      }
      const started = Date.now();
      if (log !== undefined && isProxyPath(url)) {
        // The origin only: a refused target header may carry a user name and password.
        const rawTarget = req.headers[TARGET_HEADER.toLowerCase()];
        const target = typeof rawTarget === 'string' ? originForLog(rawTarget) : null;
        res.once('close', () => {
          const status = res.headersSent ? String(res.statusCode) : 'aborted';
          const where = target === null ? '' : ` -> ${target}`;
          log(`${req.method} ${pathOnly.slice(0, 300)}${where} ${status} ${Date.now() - started}ms`);
        });
      }
      const host = checkHost(req, allowedHosts);
      if (!host.ok) {
        sendError(res, 'forbidden-origin', host.message);
        return;
      }
      const origin = checkOrigin(req, publicOrigin);
      if (!origin.ok) {
        sendError(res, 'forbidden-origin', origin.message);
        return;
      }
      if (isProxyPath(url)) proxy.handle(req, res);
      else if (pathOnly === CONFIG_PATH) serveConfig(req, res);
      else if (serveStatic !== null) serveStatic(req, res);
      else sendError(res, 'not-found', 'Not found.');
    } catch (err) {
      // Last line of defence: a bad request must never take the server down.
      if (!res.headersSent)
        sendError(res, 'bad-request', `The request could not be handled: ${(err as Error).message}`);
      else res.destroy();
    }
  }

  return { handle, config, csp, close: () => proxy.close() };
}
