/**
 * Reading the connected server's own description: `GET /api/info` (anonymous: `{ version, success }`)
 * then, from Rocket.Chat 7.5.0 on, `GET /api/docs/json?withUndocumented=true` (no auth needed).
 * Network access goes through the `fetch` passed in, so the app can route it through its proxy
 * (`baseUrl: '/proxy'` plus an `X-Explorer-Target` header) and tests can use a real local server.
 */
import { OpenApiError, parseOpenApi, type ParsedOpenApi } from './openapi';

export interface ServerDescriptionOptions {
  /** Base URL the paths are appended to, e.g. `http://127.0.0.1:4100` or `/proxy`. */
  baseUrl: string;
  /** Defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Extra request headers (e.g. `X-Explorer-Target`). Never needs credentials. */
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export type ServerDescription =
  | { offered: true; version: string | undefined; description: ParsedOpenApi }
  | { offered: false; version: string | undefined; reason: string };

export const DOCS_JSON_SINCE = '7.5.0';

/** Compares dotted versions numerically (`7.10.0` > `7.5.0`); pre-release tags are ignored. */
export function compareVersions(a: string, b: string): number {
  const pa = a
    .split(/[.+-]/)
    .slice(0, 3)
    .map((x) => parseInt(x, 10) || 0);
  const pb = b
    .split(/[.+-]/)
    .slice(0, 3)
    .map((x) => parseInt(x, 10) || 0);
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function join(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}${path}`;
}

/**
 * Reads the server version and, where offered, its OpenAPI description. Never throws for an
 * answer the server gives: an old server, a 404 or a broken document become `offered: false`
 * with a reason in words. Network failures reject (the caller already reports those).
 */
export async function loadServerDescription(opts: ServerDescriptionOptions): Promise<ServerDescription> {
  const f = opts.fetch ?? fetch;
  const init: RequestInit = {
    headers: { Accept: 'application/json', ...opts.headers },
    ...(opts.signal ? { signal: opts.signal } : {}),
  };
  let version: string | undefined;
  const info = await f(join(opts.baseUrl, '/api/info'), init);
  if (info.ok) {
    const body = (await info.json().catch(() => undefined)) as
      { version?: unknown; info?: { version?: unknown } } | undefined;
    const v = body?.info?.version ?? body?.version;
    if (typeof v === 'string') version = v;
  }
  if (version && compareVersions(version, DOCS_JSON_SINCE) < 0) {
    return {
      offered: false,
      version,
      reason: `Rocket.Chat ${version} does not offer /api/docs/json (added in ${DOCS_JSON_SINCE}); the bundled catalog is shown as is.`,
    };
  }
  const res = await f(join(opts.baseUrl, '/api/docs/json?withUndocumented=true'), init);
  if (!res.ok) {
    return {
      offered: false,
      version,
      reason: `The server does not offer /api/docs/json (HTTP ${res.status}${version ? `, version ${version}` : ''}); the bundled catalog is shown as is.`,
    };
  }
  const text = await res.text();
  try {
    return { offered: true, version, description: parseOpenApi(text, 'server /api/docs/json', 'server') };
  } catch (e) {
    if (e instanceof OpenApiError)
      return {
        offered: false,
        version,
        reason: `The server's /api/docs/json could not be used: ${e.message}`,
      };
    throw e;
  }
}

/** A short label for an imported document: the file name of a URL or path (`rooms.yaml`). */
export function labelFor(urlOrName: string): string {
  const clean = urlOrName.split(/[?#]/)[0] ?? urlOrName;
  return clean.split(/[\\/]/).filter(Boolean).pop() ?? urlOrName;
}

/**
 * Imports an OpenAPI document by URL (JSON or YAML). Every failure, HTTP or parse, is an
 * `OpenApiError` saying what and where, so the caller can show it and keep its catalog.
 */
export async function importOpenApiFromUrl(
  url: string,
  opts: { fetch?: typeof fetch; signal?: AbortSignal } = {},
): Promise<ParsedOpenApi> {
  const label = labelFor(url);
  const f = opts.fetch ?? fetch;
  let res: Response;
  try {
    res = await f(url, opts.signal ? { signal: opts.signal } : {});
  } catch (e) {
    throw new OpenApiError(
      `could not be fetched (${e instanceof Error ? e.message : String(e)}); check the URL and that the host allows cross-origin requests`,
      url,
      label,
    );
  }
  if (!res.ok)
    throw new OpenApiError(`could not be fetched: HTTP ${res.status} ${res.statusText}`.trim(), url, label);
  return parseOpenApi(await res.text(), label);
}

/** Imports an OpenAPI document from text already read (a chosen file). */
export function importOpenApiText(text: string, fileName: string): ParsedOpenApi {
  return parseOpenApi(text, labelFor(fileName));
}
