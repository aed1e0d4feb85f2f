/**
 * OpenAPI 3.x (JSON or YAML) -> catalog operations. Used for the connected server's
 * `/api/docs/json` and for imported documents such as the official Rocket.Chat-Open-API files
 * (OpenAPI 3.0.0, auth written as per-operation `X-Auth-Token`/`X-User-Id` header parameters that
 * point into `#/components/parameters`).
 *
 * A document that cannot be used at all (not JSON/YAML, not OpenAPI 3, no `paths`) gives an
 * `OpenApiError` naming what is wrong and where (line:column for syntax, a JSON pointer for
 * structure). A single malformed operation or an unresolvable `$ref` does not sink the document:
 * it is skipped or left opaque and reported in `warnings`.
 */
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { jsonErrorWhere, jsonReason } from './json-error';
import { jsonParamsOf, needsAuth } from './rules';
import { HTTP_METHODS, normalisePath, operationId, paramsLocation, pathParamsOf } from './operation';
import type { HttpMethod, JsonSchema, Operation, ParamDoc, SourceId } from './types';
import { escapePointer, isObj, Resolver, type Obj, type OpenApiWarning } from './openapi-refs';

export type { OpenApiWarning } from './openapi-refs';

export class OpenApiError extends Error {
  /** Where: `line 3, column 7` or a JSON pointer such as `/paths`. */
  readonly where: string;
  constructor(
    what: string,
    where: string,
    readonly source: string,
  ) {
    super(`${source}: ${what} (at ${where})`);
    this.name = 'OpenApiError';
    this.where = where;
  }
}

export interface ParsedOpenApi {
  /** `info.title` or the source label. */
  title: string;
  /** The `openapi` version string, e.g. `3.0.0`. */
  openapi: string;
  operations: Operation[];
  warnings: OpenApiWarning[];
}

/** Parses text as JSON when it looks like JSON, else as YAML; syntax errors carry line and column. */
export function parseDocumentText(text: string, source: string): unknown {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.parse(text) as unknown;
    } catch (e) {
      throw new OpenApiError(
        `not valid JSON: ${jsonReason(e)}`,
        jsonErrorWhere(text) ?? 'unknown position',
        source,
      );
    }
  }
  try {
    return parseYaml(text, { maxAliasCount: 1000 }) as unknown;
  } catch (e) {
    if (e instanceof YAMLParseError) {
      const p = e.linePos?.[0];
      const first = e.message.split('\n')[0] ?? e.message;
      throw new OpenApiError(
        `not valid YAML: ${first.replace(/ at line \d+, column \d+:?$/, '')}`,
        p ? `line ${p.line}, column ${p.col}` : 'unknown position',
        source,
      );
    }
    throw new OpenApiError(
      `not valid YAML: ${e instanceof Error ? e.message : String(e)}`,
      'unknown position',
      source,
    );
  }
}

const AUTH_HEADERS = new Set(['x-auth-token', 'x-user-id']);

function basePathOf(doc: Obj): string {
  const servers = doc.servers;
  if (Array.isArray(servers) && isObj(servers[0]) && typeof servers[0].url === 'string') {
    const m = /^(?:[a-z]+:\/\/[^/]+)?(\/[^?#]*)?/i.exec(servers[0].url);
    const p = (m?.[1] ?? '').replace(/\/+$/, '');
    if (p.endsWith('/api')) return p;
  }
  return '';
}

/** Full served path: documents may write `/v1/x` under a server URL ending in `/api`, or `/api/v1/x`. */
function fullPathOf(base: string, rawPath: string): string {
  const p = normalisePath(rawPath.startsWith('/') ? rawPath : `/${rawPath}`);
  if (p.startsWith('/api/') || p === '/api' || p.startsWith('/hooks/')) return p;
  if (base) return normalisePath(`${base}${p}`);
  if (/^\/(v\d+|apps|info|docs)(\/|\.|$)/.test(p)) return `/api${p}`;
  return p;
}

function groupFor(path: string, tags: unknown): string {
  if (path.startsWith('/hooks/')) return 'hooks';
  if (path === '/api/apps' || path.startsWith('/api/apps/')) return 'apps';
  const m = /^\/api\/v\d+\/([^./]+)/.exec(path);
  if (m?.[1]) return m[1];
  if (path === '/api/info' || path.startsWith('/api/docs')) return 'server';
  if (Array.isArray(tags) && typeof tags[0] === 'string') return tags[0].toLowerCase().replace(/\s+/g, '-');
  return 'other';
}

/** Interprets a parsed OpenAPI 3.x document. Throws `OpenApiError` when it is not one. */
export function operationsFromOpenApi(
  input: unknown,
  sourceLabel: string,
  sourceId: SourceId,
): ParsedOpenApi {
  if (!isObj(input)) throw new OpenApiError('the document is not an object', '/', sourceLabel);
  if (typeof input.swagger === 'string') {
    throw new OpenApiError(
      `Swagger ${input.swagger} is not supported; convert it to OpenAPI 3`,
      '/swagger',
      sourceLabel,
    );
  }
  if (typeof input.openapi !== 'string' || !/^3\.\d+/.test(input.openapi)) {
    throw new OpenApiError(
      input.openapi === undefined
        ? 'missing "openapi" version field; expected "3.0.x" or "3.1.x"'
        : `unsupported "openapi" version ${JSON.stringify(input.openapi)}; expected 3.x`,
      '/openapi',
      sourceLabel,
    );
  }
  if (!isObj(input.paths))
    throw new OpenApiError('"paths" is missing or not an object', '/paths', sourceLabel);

  const warnings: OpenApiWarning[] = [];
  const r = new Resolver(input, warnings);
  const base = basePathOf(input);
  const globalSecurity = Array.isArray(input.security) && input.security.length > 0;
  const style = authStyleOf(input, new Resolver(input, []));
  const operations: Operation[] = [];
  const seen = new Set<string>();

  for (const [rawPath, rawItem] of Object.entries(input.paths)) {
    const itemWhere = `/paths/${escapePointer(rawPath)}`;
    const item = r.deref(rawItem, itemWhere);
    if (!isObj(item)) {
      warnings.push({ where: itemWhere, message: 'path item is not an object; skipped' });
      continue;
    }
    const shared = Array.isArray(item.parameters) ? item.parameters : [];
    for (const [rawMethod, rawOp] of Object.entries(item)) {
      const method = rawMethod.toUpperCase() as HttpMethod;
      if (!HTTP_METHODS.includes(method)) continue;
      const where = `${itemWhere}/${rawMethod}`;
      if (!isObj(rawOp)) {
        warnings.push({ where, message: 'operation is not an object; skipped' });
        continue;
      }
      const path = fullPathOf(base, rawPath);
      const id = operationId(method, path);
      if (seen.has(id)) {
        warnings.push({ where, message: `duplicate operation ${method} ${path}; the first one is kept` });
        continue;
      }
      seen.add(id);
      operations.push(
        buildOperation(r, rawOp, shared, method, path, where, sourceId, globalSecurity, style, warnings),
      );
    }
  }
  const info = isObj(input.info) ? input.info : {};
  return {
    title: typeof info.title === 'string' ? info.title : sourceLabel,
    openapi: input.openapi,
    operations,
    warnings,
  };
}

function buildOperation(
  r: Resolver,
  raw: Obj,
  shared: unknown[],
  method: HttpMethod,
  path: string,
  where: string,
  sourceId: SourceId,
  globalSecurity: boolean,
  style: AuthStyle,
  warnings: OpenApiWarning[],
): Operation {
  const pathParams = pathParamsOf(path);
  const paramsIn = paramsLocation(method);
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  const paramDocs: Record<string, ParamDoc> = {};
  let authHeader = false;
  const own = Array.isArray(raw.parameters) ? raw.parameters : [];
  const params = new Map<string, Obj>();
  [...shared, ...own].forEach((p, i) => {
    const resolved = r.deref(p, `${where}/parameters/${i}`);
    if (!isObj(resolved) || typeof resolved.name !== 'string' || typeof resolved.in !== 'string') {
      if (resolved !== undefined)
        warnings.push({
          where: `${where}/parameters/${i}`,
          message: 'parameter without "name" or "in"; ignored',
        });
      return;
    }
    params.set(`${resolved.in}:${resolved.name}`, resolved); // operation-level overrides path-level
  });
  for (const p of params.values()) {
    const name = p.name as string;
    const doc: ParamDoc = {};
    if (typeof p.description === 'string' && p.description) doc.description = p.description;
    const schemaObj = isObj(p.schema) ? p.schema : undefined;
    const example = p.example ?? schemaObj?.example;
    if (example !== undefined) doc.example = example;
    if (p.in === 'header') {
      if (AUTH_HEADERS.has(name.toLowerCase())) authHeader = true;
      continue;
    }
    if (p.in === 'path') {
      if (Object.keys(doc).length) paramDocs[name] = doc;
      continue;
    }
    if (p.in !== 'query') continue;
    properties[name] = r.schema(p.schema, `${where}/parameters`);
    if (p.required === true) required.push(name);
    if (Object.keys(doc).length) paramDocs[name] = doc;
  }

  let schema: JsonSchema | undefined;
  const examples: Record<string, unknown> = {};
  if (Object.keys(properties).length > 0) {
    schema = { type: 'object', properties, ...(required.length ? { required } : {}) };
  }
  const body = r.deref(raw.requestBody, `${where}/requestBody`);
  if (isObj(body) && isObj(body.content)) {
    const content = body.content;
    const media = (
      isObj(content['application/json']) ? content['application/json'] : Object.values(content).find(isObj)
    ) as Obj | undefined;
    if (media) {
      if (media.schema !== undefined) {
        const bodySchema = r.schema(media.schema, `${where}/requestBody`);
        // Body parameters of POST/PUT; for GET with a body (rare) keep the query schema.
        if (paramsIn === 'body' || !schema) schema = bodySchema;
      }
      if (isObj(media.examples)) {
        for (const [name, ex] of Object.entries(media.examples)) {
          const e = r.deref(ex, `${where}/requestBody/examples/${escapePointer(name)}`);
          if (isObj(e) && 'value' in e) examples[name] = e.value;
        }
      } else if (media.example !== undefined) {
        examples.example = media.example;
      }
    }
  }

  const ok = r.deref((isObj(raw.responses) ? raw.responses : {})['200'], `${where}/responses/200`);
  let resultKeys: string[] = [];
  if (isObj(ok) && isObj(ok.content)) {
    const media = ok.content['application/json'];
    if (isObj(media)) {
      const s = r.schema(media.schema, `${where}/responses/200`);
      if (isObj(s.properties))
        resultKeys = Object.keys(s.properties)
          .filter((k) => k !== 'success')
          .sort();
    }
  }

  // Auth, by the document's own style: per-operation X-Auth-Token/X-User-Id header parameters
  // (official Rocket.Chat-Open-API files), OpenAPI security requirements (the server's
  // /api/docs/json), else the bundled catalog's rule.
  const security = raw.security;
  const auth =
    style === 'headers'
      ? authHeader
      : style === 'security'
        ? Array.isArray(security)
          ? security.length > 0
          : globalSecurity
        : needsAuth(method, path);
  const names = schema ? Object.keys((schema.properties ?? {}) as Obj) : [];
  const op: Operation = {
    id: operationId(method, path),
    method,
    path,
    group: groupFor(path, raw.tags),
    pathParams,
    paramsIn,
    schemaSource: schema ? 'openapi' : 'none',
    coerceTypes: paramsIn === 'query' ? 'array' : true,
    paginated: names.includes('count') && names.includes('offset'),
    auth,
    resultKeys,
    jsonParams: jsonParamsOf(method, path, names),
    availability: 'unknown',
    sources: [sourceId],
  };
  if (schema) op.paramsSchema = schema;
  if (typeof raw.summary === 'string' && raw.summary) op.summary = raw.summary;
  if (typeof raw.description === 'string' && raw.description) op.description = raw.description;
  if (raw.deprecated === true) op.deprecated = true;
  if (Object.keys(paramDocs).length) op.paramDocs = paramDocs;
  if (Object.keys(examples).length) op.examples = examples;
  return op;
}

type AuthStyle = 'headers' | 'security' | 'rule';

/** How a document states authentication (see buildOperation). */
function authStyleOf(doc: Obj, r: Resolver): AuthStyle {
  for (const item of Object.values(doc.paths as Obj)) {
    if (!isObj(item)) continue;
    for (const op of [item, ...Object.values(item)]) {
      if (!isObj(op) || !Array.isArray(op.parameters)) continue;
      for (const p of op.parameters) {
        const q = r.deref(p, '');
        if (
          isObj(q) &&
          q.in === 'header' &&
          typeof q.name === 'string' &&
          AUTH_HEADERS.has(q.name.toLowerCase())
        )
          return 'headers';
      }
    }
  }
  const comps = isObj(doc.components) ? doc.components : {};
  if ((Array.isArray(doc.security) && doc.security.length > 0) || isObj(comps.securitySchemes))
    return 'security';
  return 'rule';
}

/**
 * Parses OpenAPI text (JSON or YAML) from a URL, a file or the server. Throws `OpenApiError`
 * (with `where`) when the text or the document is unusable.
 */
export function parseOpenApi(
  text: string,
  sourceLabel: string,
  sourceId: SourceId = `import:${sourceLabel}`,
): ParsedOpenApi {
  return operationsFromOpenApi(parseDocumentText(text, sourceLabel), sourceLabel, sourceId);
}
