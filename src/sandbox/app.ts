// The request pipeline, in the order of APIClass.addRoute: authentication (401), rate limit (429),
// params validation (400 invalid-params), permissions (403), second factor, handler.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticate, checkTwoFactor, fingerprint } from './auth';
import { corsHeadersForResponse, preflight } from './cors';
import type { ApiResult } from './errors';
import {
  MeteorError,
  QueryError,
  failure,
  fromMeteorError,
  internalError,
  mustBeLoggedIn,
  notFound,
  permissionError,
} from './errors';
import type { AppState, CompiledRoute, Ctx, HttpMethod, RouteSpec } from './framework';
import { hasAllPermissions, hasAnyPermission, hasPermission } from './permissions';
import { tooManyRequestsMessage } from './rate-limiter';
import { compileBody, compileQuery, errorText } from './validation';

const MAX_BODY_BYTES = 10 * 1024 * 1024;

export class Router {
  private readonly table = new Map<string, CompiledRoute>();
  /** Routes with `:name` segments (e.g. settings/:_id), tried after the exact table. */
  private readonly patterns: { method: string; re: RegExp; names: string[]; route: CompiledRoute }[] = [];
  readonly routes: CompiledRoute[] = [];

  constructor(specs: RouteSpec[]) {
    for (const spec of specs) {
      const key = `${spec.method} ${spec.path}`;
      if (this.table.has(key)) throw new Error(`duplicate route ${key}`);
      const compiled: CompiledRoute = {
        ...spec,
        rateKey: `${spec.path.replace(/^\/api/, '')}${spec.method.toLowerCase()}`,
        ...(spec.validate && {
          validator: spec.method === 'GET' ? compileQuery(spec.validate) : compileBody(spec.validate),
        }),
      };
      this.table.set(key, compiled);
      this.routes.push(compiled);
      if (spec.path.includes('/:')) {
        const names: string[] = [];
        const source = spec.path
          .split('/')
          .map((seg) =>
            seg.startsWith(':') ? (names.push(seg.slice(1)), '([^/]+)') : seg.replace(/[.]/g, '\\.'),
          )
          .join('/');
        this.patterns.push({ method: spec.method, re: new RegExp(`^${source}$`), names, route: compiled });
      }
    }
  }

  find(method: string, path: string): CompiledRoute | undefined {
    return this.match(method, path)?.route;
  }

  /** The route and its URL parameters (decoded); undefined when nothing matches. */
  match(method: string, path: string): { route: CompiledRoute; params: Record<string, string> } | undefined {
    const m = method === 'HEAD' ? 'GET' : method;
    const exact = this.table.get(`${m} ${path}`);
    if (exact) return { route: exact, params: {} };
    for (const p of this.patterns) {
      if (p.method !== m) continue;
      const hit = p.re.exec(path);
      if (!hit) continue;
      const params: Record<string, string> = {};
      try {
        p.names.forEach((name, i) => (params[name] = decodeURIComponent(hit[i + 1] ?? '')));
      } catch {
        return undefined;
      }
      return { route: p.route, params };
    }
    return undefined;
  }
}

/** Repeated keys and `key[]` become arrays, like the query-string package the api-client uses. */
export function parseQuery(search: URLSearchParams): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [rawKey, value] of search) {
    const isArray = rawKey.endsWith('[]');
    const key = isArray ? rawKey.slice(0, -2) : rawKey;
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
    const prev = out[key];
    if (prev === undefined) out[key] = isArray ? [value] : value;
    else out[key] = Array.isArray(prev) ? [...(prev as unknown[]), value] : [prev, value];
  }
  return { ...out };
}

function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        resolve(null);
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** JSON or urlencoded bodies; anything unparsable counts as an empty body, like the real router. */
export function parseBody(raw: Buffer, contentType: string | undefined): Record<string, unknown> {
  if (raw.length === 0) return {};
  const text = raw.toString('utf8');
  if (contentType?.includes('application/x-www-form-urlencoded'))
    return parseQuery(new URLSearchParams(text));
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
    return {};
  } catch {
    return {};
  }
}

const header = (req: IncomingMessage, name: string): string | undefined => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

export function clientIp(req: IncomingMessage, trustedProxyCount: number): string {
  const socket = req.socket.remoteAddress ?? '';
  const remote =
    header(req, 'x-real-ip') && trustedProxyCount > 0 ? (header(req, 'x-real-ip') as string) : socket;
  if (trustedProxyCount <= 0) return remote;
  const forwarded = header(req, 'x-forwarded-for');
  if (!forwarded) return remote;
  const ips = forwarded.trim().split(/\s*,\s*/);
  if (trustedProxyCount > ips.length) return remote;
  return ips[ips.length - trustedProxyCount] ?? remote;
}

export function send(res: ServerResponse, result: ApiResult, extra: Record<string, string> = {}): void {
  const body = result.raw ?? JSON.stringify(result.body);
  const length = typeof body === 'string' ? Buffer.byteLength(body) : body.length;
  res.writeHead(result.status, {
    'Content-Type': 'application/json',
    'Cache-Control': 'no-store',
    Pragma: 'no-cache',
    ...corsHeadersForResponse(),
    ...extra,
    ...result.headers,
    'Content-Length': length,
  });
  res.end(body);
}

export interface HandlerOptions {
  /** How many proxies in front are trusted for X-Forwarded-For (HTTP_FORWARDED_COUNT); 0 = socket only. */
  trustedProxyCount: number;
}

export function createHandler(app: AppState, router: Router, options: HandlerOptions) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const extra: Record<string, string> = {};
    try {
      // Split by hand: `new URL()` would read a path like `//x` as a host.
      const rawUrl = req.url ?? '/';
      const q = rawUrl.indexOf('?');
      const url = {
        pathname: q >= 0 ? rawUrl.slice(0, q) : rawUrl,
        searchParams: new URLSearchParams(q >= 0 ? rawUrl.slice(q + 1) : ''),
      };
      const method = (req.method ?? 'GET').toUpperCase();
      if (method === 'OPTIONS') {
        const pf = preflight(app.settings, header(req, 'origin'));
        res.writeHead(pf.status, {
          'Content-Type': 'text/plain; charset=utf-8',
          'Cache-Control': 'no-store',
          ...pf.headers,
        });
        res.end(pf.text);
        return;
      }
      const matched = router.match(method, url.pathname);
      const route = matched?.route;
      if (!matched || !route) {
        req.resume();
        send(res, notFound());
        return;
      }
      let body: Record<string, unknown> = {};
      if (method !== 'GET' && method !== 'HEAD') {
        const raw = await readBody(req);
        if (raw === null) {
          send(res, { status: 413, body: { success: false, error: 'Payload Too Large' } });
          return;
        }
        body = parseBody(raw, header(req, 'content-type'));
      } else req.resume();
      const ctx: Ctx = {
        app,
        method: (method === 'HEAD' ? 'GET' : method) as HttpMethod,
        path: url.pathname,
        query: parseQuery(url.searchParams),
        params: matched.params,
        body,
        headers: req.headers,
        ip: clientIp(req, options.trustedProxyCount),
        resHeaders: {},
      };
      const result = await run(app, route, ctx, extra, req);
      send(res, result, { ...extra, ...ctx.resHeaders });
    } catch (err) {
      if (err instanceof MeteorError) {
        send(res, fromMeteorError(err), extra);
        return;
      }
      console.error('[sandbox] internal error:', err instanceof Error ? err.message : String(err));
      if (!res.headersSent) send(res, internalError(), extra);
      else res.destroy();
    }
  };
}

async function run(
  app: AppState,
  route: CompiledRoute,
  ctx: Ctx,
  extra: Record<string, string>,
  req: IncomingMessage,
): Promise<ApiResult> {
  if (route.auth || route.optionalAuth) {
    const auth = authenticate(app.store, header(req, 'x-user-id'), header(req, 'x-auth-token'));
    if (auth) {
      ctx.user = auth.user;
      ctx.userId = auth.user._id;
      ctx.hashedToken = auth.hashedToken;
    }
    if (route.auth && !auth) return mustBeLoggedIn();
  }
  try {
    enforceRateLimit(app, route, ctx, extra);
    if (route.typed) {
      checkPermissions(route, ctx);
      if (route.validator && !route.validator(route.method === 'GET' ? ctx.query : ctx.body)) {
        return {
          status: 400,
          body: {
            success: false,
            errorType: route.method === 'GET' ? 'error-invalid-params' : 'invalid-params',
            error: errorText(route.validator),
          },
        };
      }
    } else {
      if (route.validator) {
        const input = route.method === 'GET' ? ctx.query : ctx.body;
        if (!route.validator(input)) throw new MeteorError('invalid-params', errorText(route.validator));
      }
      checkPermissions(route, ctx);
    }
    if (route.twoFactor && ctx.user && !app.testMode) {
      const code = header(req, 'x-2fa-code');
      const method = header(req, 'x-2fa-method');
      checkTwoFactor(app.settings, ctx.user, {
        ...(code && method ? { code, method } : {}),
        ...(ctx.hashedToken ? { hashedToken: ctx.hashedToken } : {}),
        fingerprint: fingerprint(header(req, 'user-agent'), ctx.ip),
      });
    }
    return await route.handler(ctx);
  } catch (e) {
    if (e instanceof MeteorError) return fromMeteorError(e);
    if (e instanceof QueryError) return failure(e.message);
    throw e;
  }
}

function checkPermissions(route: CompiledRoute, ctx: Ctx): void {
  if (!route.permissions) return;
  const { all, any } = route.permissions;
  const ok = (!all || hasAllPermissions(ctx.user, all)) && (!any || hasAnyPermission(ctx.user, any));
  if (!ctx.userId || !ok) throw permissionError(all ?? any);
}

function enforceRateLimit(
  app: AppState,
  route: CompiledRoute,
  ctx: Ctx,
  extra: Record<string, string>,
): void {
  if (route.rateLimit === false || app.testMode) return;
  const s = app.settings;
  if (!s.bool('API_Enable_Rate_Limiter')) return;
  const calls = route.rateLimit
    ? route.rateLimit.calls(s)
    : s.number('API_Enable_Rate_Limiter_Limit_Calls_Default');
  const interval = route.rateLimit
    ? route.rateLimit.intervalMs(s)
    : s.number('API_Enable_Rate_Limiter_Limit_Time_Default');
  if (!(calls > 0) || !(interval > 0)) return;
  if (route.auth && ctx.user && hasPermission(ctx.user, 'api-bypass-rate-limit')) return;
  const r = app.limiter.hit(route.rateKey, ctx.ip, calls, interval);
  extra['X-RateLimit-Limit'] = String(r.limit);
  extra['X-RateLimit-Remaining'] = String(r.remaining);
  extra['X-RateLimit-Reset'] = String(Date.now() + r.timeToReset);
  if (!r.allowed) {
    throw new MeteorError('error-too-many-requests', tooManyRequestsMessage(r.timeToReset), {
      timeToReset: r.timeToReset,
      seconds: Math.ceil(r.timeToReset / 1000),
    });
  }
}
