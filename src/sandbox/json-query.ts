// parseJsonQuery: sort always; query/fields only with ALLOW_UNSAFE_QUERY_AND_FIELDS_API_PARAMS=TRUE
// (EJSON for query, JSON for fields). Matching, sorting and projection use mingo.
import EJSON from 'ejson';
import { Query } from 'mingo';
import { MeteorError, QueryError } from './errors';
import type { Ctx } from './framework';
import { hasPermission } from './permissions';
import { LIMITED_USER_FIELDS, PRIVILEGED_USER_FIELDS } from './views';

export type Sort = Record<string, 1 | -1>;
export type Projection = Record<string, 0 | 1>;

export interface JsonQuery {
  sort?: Sort;
  /** Projection requested by the caller (inclusion or exclusion), already stripped. */
  fields: Projection;
  query: Record<string, unknown>;
  /** True when the caller's fields/query were applied (unsafe params enabled and given). */
  usedUnsafe: boolean;
}

/** Always stripped (API.v1.defaultFieldsToExclude). */
export const DEFAULT_FIELDS_TO_EXCLUDE = ['joinCode', 'members', 'importIds', 'e2e'];
/** Operators callers may use in `query`. `$options` travels with `$regex`. */
export const ALLOWED_OPERATIONS = ['$or', '$and', '$regex', '$options'];
const DANGEROUS = ['constructor', '__proto__', 'prototype'];

const isRecord = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof RegExp);

function helper(code: string, reason: string): MeteorError {
  return new MeteorError(code, reason, { helperMethod: 'parseJsonQuery' });
}

export function parseSort(raw: unknown): Sort | undefined {
  if (raw === undefined || raw === null || raw === '') return undefined;
  const text = String(Array.isArray(raw) ? raw[0] : raw);
  try {
    const parsed: unknown = JSON.parse(text);
    if (!isRecord(parsed)) throw new Error('not an object');
    for (const v of Object.values(parsed)) if (v !== 1 && v !== -1) throw new Error('bad value');
    return parsed as Sort;
  } catch {
    throw helper('error-invalid-sort', `Invalid sort parameter provided: "${text}"`);
  }
}

function verifyOperations(value: unknown): void {
  if (Array.isArray(value)) {
    for (const v of value) verifyOperations(v);
    return;
  }
  if (!isRecord(value)) return;
  for (const [key, v] of Object.entries(value)) {
    if (DANGEROUS.includes(key)) continue;
    if (key.startsWith('$') && !ALLOWED_OPERATIONS.includes(key))
      throw new MeteorError('error-invalid-query', `Invalid operation: ${key}`);
    verifyOperations(v);
  }
}

function removeDangerous(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(removeDangerous);
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (!DANGEROUS.includes(k)) out[k] = removeDangerous(v);
  return out;
}

/**
 * Removes every condition on a protected field, at any depth: inside `$or`/`$and` arrays, under
 * nested documents (`{ services: { password: ... } }`) and as dotted paths. Operators (`$...`) do
 * not name a field, so they keep the path of the field they apply to. Checking only top-level
 * keys let `$or: [{ "services.password.sha256": { $regex: "^9" } }]` probe a hash one character
 * at a time; with the condition gone, the answer no longer depends on the hash.
 */
function stripBlocked(value: unknown, path: string, isBlocked: (path: string) => boolean): unknown {
  if (Array.isArray(value)) return value.map((v) => stripBlocked(v, path, isBlocked));
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const fieldPath = k.startsWith('$') ? path : path === '' ? k : `${path}.${k}`;
    if (fieldPath !== '' && isBlocked(fieldPath)) continue;
    out[k] = stripBlocked(v, fieldPath, isBlocked);
  }
  return out;
}

const DEPRECATION_VERSION = '9.0.0';

export function parseJsonQuery(ctx: Ctx): JsonQuery {
  const params = ctx.query;
  const sort = parseSort(params.sort);
  const unsafe = ctx.app.settings.bool('ALLOW_UNSAFE_QUERY_AND_FIELDS_API_PARAMS');
  const onUsers = ctx.path.includes('/v1/users.');
  const privileged = hasPermission(ctx.user, 'view-full-other-user-info');
  const blocked = [
    ...DEFAULT_FIELDS_TO_EXCLUDE,
    ...(onUsers ? (privileged ? PRIVILEGED_USER_FIELDS : LIMITED_USER_FIELDS) : []),
  ];
  const isBlocked = (k: string): boolean =>
    blocked.includes(k) || blocked.includes(k.split('.')[0] as string);
  let fields: Projection = {};
  let query: Record<string, unknown> = {};
  let usedUnsafe = false;

  if (unsafe && typeof params.fields === 'string' && params.fields) {
    usedUnsafe = true;
    ctx.resHeaders['x-deprecation-type'] = 'parameter-deprecation';
    ctx.resHeaders['x-deprecation-message'] =
      `The parameter "fields" in the endpoint "${ctx.path}" is deprecated and will be removed on version ${DEPRECATION_VERSION}`;
    ctx.resHeaders['x-deprecation-version'] = DEPRECATION_VERSION;
    try {
      const parsed: unknown = JSON.parse(params.fields);
      if (!isRecord(parsed)) throw new Error('not an object');
      for (const v of Object.values(parsed)) if (v !== 0 && v !== 1) throw new Error('bad value');
      fields = removeDangerous(parsed) as Projection;
    } catch {
      throw helper('error-invalid-fields', `Invalid fields parameter provided: "${params.fields}"`);
    }
    for (const k of Object.keys(fields)) if (isBlocked(k)) delete fields[k];
  }

  if (unsafe && typeof params.query === 'string' && params.query) {
    usedUnsafe = true;
    ctx.resHeaders['x-deprecation-type'] = 'parameter-deprecation';
    ctx.resHeaders['x-deprecation-message'] =
      `The usage of the "query" parameter in endpoint "${ctx.path}" breaks the security of the API and can lead to data exposure. It has been deprecated and will be removed in the version ${DEPRECATION_VERSION}.`;
    ctx.resHeaders['x-deprecation-version'] = DEPRECATION_VERSION;
    let parsed: unknown;
    try {
      parsed = EJSON.parse(params.query);
    } catch {
      throw helper('error-invalid-query', `Invalid query parameter provided: "${params.query}"`);
    }
    if (!isRecord(parsed))
      throw helper('error-invalid-query', `Invalid query parameter provided: "${params.query}"`);
    verifyOperations(parsed);
    query = stripBlocked(removeDangerous(parsed), '', isBlocked) as Record<string, unknown>;
  }

  return { ...(sort && { sort }), fields, query, usedUnsafe };
}

/** Builds a mingo projection: the caller's inclusion, or the caller's exclusions plus the always-hidden fields. */
export function buildProjection(requested: Projection, alwaysExclude: readonly string[]): Projection {
  const includes = Object.entries(requested)
    .filter(([, v]) => v === 1)
    .map(([k]) => k);
  if (includes.length > 0) {
    const out: Projection = {};
    for (const k of includes)
      if (!alwaysExclude.includes(k) && !alwaysExclude.includes(k.split('.')[0] as string)) out[k] = 1;
    if (Object.keys(out).length === 0) out._id = 1;
    return out;
  }
  const out: Projection = {};
  for (const [k, v] of Object.entries(requested)) if (v === 0 && k !== '_id') out[k] = 0;
  for (const k of alwaysExclude) out[k] = 0;
  return out;
}

export interface FindOptions {
  query?: Record<string, unknown>;
  sort?: Sort;
  projection?: Projection;
  offset: number;
  /** 0 = everything */
  count: number;
}

/** Filter + sort + page + project (all with mingo); returns the page and the total before paging. */
export function findPage<T extends object>(
  docs: readonly T[],
  opts: FindOptions,
): { items: Record<string, unknown>[]; total: number } {
  try {
    return findPageUnchecked(docs, opts);
  } catch (e) {
    throw new QueryError(e instanceof Error ? e.message : String(e));
  }
}

function findPageUnchecked<T extends object>(
  docs: readonly T[],
  opts: FindOptions,
): { items: Record<string, unknown>[]; total: number } {
  const hasQuery = !!opts.query && Object.keys(opts.query).length > 0;
  const hasSort = !!opts.sort && Object.keys(opts.sort).length > 0;
  let matched: readonly T[] = docs;
  if (hasQuery) {
    // Query.test per document: the same mingo matching as find(), without the cursor overhead.
    const q = new Query(opts.query as Record<string, unknown>);
    const out: T[] = [];
    for (const d of docs) if (q.test(d as Record<string, unknown>)) out.push(d);
    matched = out;
  }
  if (hasSort)
    matched = new Query({})
      .find(matched as T[])
      .sort(opts.sort as Sort)
      .all() as T[];
  const total = matched.length;
  const page =
    opts.count === 0 ? matched.slice(opts.offset) : matched.slice(opts.offset, opts.offset + opts.count);
  const projection = opts.projection && Object.keys(opts.projection).length > 0 ? opts.projection : undefined;
  const items = projection
    ? (new Query({}).find(page, projection).all() as Record<string, unknown>[])
    : (page as unknown as Record<string, unknown>[]);
  return { items, total };
}
