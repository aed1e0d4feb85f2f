import type { GeneratedCatalog, HttpMethod, JsonSchema, Operation, ParamsLocation } from './types';

export const HTTP_METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/**
 * Stable deep-link id of an operation: lower-case method, then the path without its leading slash,
 * `/` replaced by `-`: `GET /api/v1/users.list` -> `get-api-v1-users.list` (the same scheme as the
 * official Rocket.Chat OpenAPI `operationId`s). Path placeholders keep their `:name`.
 */
export function operationId(method: HttpMethod, path: string): string {
  return `${method.toLowerCase()}-${normalisePath(path).replace(/^\//, '').replace(/\//g, '-')}`;
}

/** `METHOD path`, the accessible name of an operation in the UI (`GET /api/v1/users.list`). */
export function operationLabel(op: Pick<Operation, 'method' | 'path'>): string {
  return `${op.method} ${op.path}`;
}

/** OpenAPI `{id}` placeholders become `:id`; a trailing slash is dropped. */
export function normalisePath(path: string): string {
  const p = path.replace(/\{([^}/]+)\}/g, ':$1');
  return p.length > 1 ? p.replace(/\/+$/, '') : p;
}

/** Names of `:name` placeholders in a path, in order. */
export function pathParamsOf(path: string): string[] {
  return [...normalisePath(path).matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]!);
}

/** Key that identifies "the same operation" across sources: placeholder names do not matter. */
export function matchKey(method: string, path: string): string {
  return `${method.toUpperCase()} ${normalisePath(path).replace(/:[A-Za-z0-9_]+/g, ':')}`;
}

export function paramsLocation(method: HttpMethod): ParamsLocation {
  return method === 'GET' || method === 'DELETE' ? 'query' : 'body';
}

/** Replaces `:name` placeholders with URL-encoded values; missing ones stay as `:name`. */
export function fillPath(path: string, values: Record<string, string | undefined>): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, (whole, name: string) => {
    const v = values[name];
    return v === undefined || v === '' ? whole : encodeURIComponent(v);
  });
}

/** Finds an operation by deep-link id or by `METHOD path` (placeholder names ignored). */
export function findOperation(ops: readonly Operation[], idOrLabel: string): Operation | undefined {
  const byId = ops.find((o) => o.id === idOrLabel);
  if (byId) return byId;
  const m = /^([A-Za-z]+)\s+(\S+)$/.exec(idOrLabel.trim());
  if (!m) return undefined;
  const key = matchKey(m[1]!, m[2]!);
  return ops.find((o) => matchKey(o.method, o.path) === key);
}

/** Expands the compact generated catalog into full operations (availability unknown, source bundled). */
export function operationsFromGenerated(c: GeneratedCatalog): Operation[] {
  return c.operations.map((g) => {
    const paramsIn = paramsLocation(g.method);
    const schema: JsonSchema | undefined = g.schema === undefined ? undefined : c.schemas[g.schema];
    const op: Operation = {
      id: operationId(g.method, g.path),
      method: g.method,
      path: g.path,
      group: g.group,
      pathParams: pathParamsOf(g.path),
      paramsIn,
      schemaSource: g.src === 'v' ? 'validator' : g.src === 't' ? 'types' : 'none',
      coerceTypes: paramsIn === 'query' ? 'array' : true,
      paginated: g.paginated === true,
      auth: g.auth !== false,
      resultKeys: g.resultKeys ?? [],
      jsonParams: g.jsonParams ?? [],
      availability: 'unknown',
      sources: ['bundled'],
    };
    if (schema) op.paramsSchema = schema;
    if (g.summary) op.summary = g.summary;
    if (g.itemModel) op.itemModel = g.itemModel;
    return op;
  });
}

export interface BundledCatalog {
  generatedFrom: string;
  operations: Operation[];
  /** Top-level field names of the model types named by `Operation.itemModel`. */
  models: Record<string, string[]>;
}

let bundled: Promise<BundledCatalog> | undefined;

/**
 * The catalog generated from @rocket.chat/rest-typings, loaded on first use with a dynamic
 * import so it stays out of the first page load (Vite emits it as its own chunk). Cached.
 */
export function loadBundledCatalog(): Promise<BundledCatalog> {
  bundled ??= import('./generated/catalog.json').then((m) => {
    const c = (m as { default: GeneratedCatalog }).default;
    return { generatedFrom: c.generatedFrom, operations: operationsFromGenerated(c), models: c.models };
  });
  return bundled;
}
