/**
 * After a response: did the server apply `query` and `fields`? And, if not, apply them locally.
 *
 * Servers 7.0+ silently ignore `query` and `fields` unless ALLOW_UNSAFE_QUERY_AND_FIELDS_API_PARAMS
 * is TRUE: the answer looks normal but is unfiltered. We check the returned items with mingo, the
 * same MongoDB query language in memory, and only claim "ignored" on evidence:
 *
 * Query (tri-state):
 * - `null` (cannot tell) when there is no query, no items, or no item could be checked.
 * - `true` when at least one checkable item fails the query: a server that applied it would not
 *   have returned that item.
 * - `false` when every checkable item matches. That is consistent with "applied", and proves no
 *   more than that (a query every item matches anyway cannot be told apart).
 * An item is not checkable when a field the query uses is missing from it *and* the projection
 * (or the server's always-stripped fields) may have removed it, since then the item cannot be
 * judged. ISO date strings in items are compared as dates when the query holds EJSON dates
 * (JSON responses carry dates as strings).
 *
 * Fields (tri-state):
 * - `null` when there are no fields, no items, or (exclusion projection) no item has an excluded
 *   field: "excluded" and "never there" look the same.
 * - inclusion projection (some 1s): `true` when an item has a top-level field that was not
 *   included, other than `_id` and the `alwaysReturned` fields; else `false`.
 * - exclusion projection (only 0s): `true` when an item still has an excluded path.
 *
 * Known limits: mingo runs JavaScript regular expressions, MongoDB runs PCRE (rare differences);
 * string comparison uses no collation.
 */
import { Context } from 'mingo/core';
import * as projectionOperators from 'mingo/operators/projection';
import * as queryOperators from 'mingo/operators/query';
import { Query } from 'mingo/query';

/**
 * Only the query and projection operators: the explorer needs no aggregation, and this keeps mingo
 * near 10 KB gzipped instead of about 30 KB for its full entry point.
 */
const context = Context.init({ query: queryOperators, projection: projectionOperators });

type Doc = Record<string, unknown>;

function isRecord(value: unknown): value is Doc {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    !(value instanceof Date) &&
    !(value instanceof RegExp)
  );
}

function compile(query: Doc): Query<Doc> {
  return new Query<Doc>(query, { context });
}

/** Top-level field names a query refers to (through $or/$and), for the checkability rule. */
export function queryFieldRoots(query: unknown): Set<string> {
  const roots = new Set<string>();
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (isRecord(node)) {
      for (const [key, value] of Object.entries(node)) {
        if (key === '$or' || key === '$and' || key === '$nor') walk(value);
        else if (!key.startsWith('$')) roots.add(key.split('.')[0]!);
      }
    }
  };
  walk(query);
  return roots;
}

function containsDate(value: unknown): boolean {
  if (value instanceof Date) return true;
  if (Array.isArray(value)) return value.some(containsDate);
  if (isRecord(value)) return Object.values(value).some(containsDate);
  return false;
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** A copy with ISO date-time strings turned into Dates, so EJSON dates in a query compare. */
export function reviveDates(value: unknown): unknown {
  if (typeof value === 'string' && ISO_DATE_TIME.test(value)) {
    const ms = Date.parse(value);
    return Number.isFinite(ms) ? new Date(ms) : value;
  }
  if (Array.isArray(value)) return value.map(reviveDates);
  if (isRecord(value)) {
    const out: Doc = {};
    for (const [k, v] of Object.entries(value)) out[k] = reviveDates(v);
    return out;
  }
  return value;
}

function hasPath(doc: unknown, path: string): boolean {
  let current: unknown = doc;
  for (const segment of path.split('.')) {
    if (Array.isArray(current))
      return current.some((item) => hasPath(item, path.slice(path.indexOf(segment))));
    if (!isRecord(current) || !(segment in current)) return false;
    current = current[segment];
  }
  return true;
}

export interface ApplyCheckOptions {
  /** Top-level fields the server returns whatever the projection (default: none besides `_id`). */
  alwaysReturned?: readonly string[];
  /** Fields the server strips whatever is asked (see rules.ts), so their absence proves nothing. */
  strippedFields?: readonly string[];
}

export interface ApplyCheck {
  /** true: the server ignored the query; false: consistent with applied; null: cannot tell. */
  queryIgnored: boolean | null;
  fieldsIgnored: boolean | null;
  /** Sentences for the alert / details panel: what was seen. */
  details: string[];
  /**
   * Why, when the server ignored "query" or "fields": the ALLOW_UNSAFE_QUERY_AND_FIELDS_API_PARAMS
   * sentence, said once for both (it used to end each detail, so it showed twice in one alert).
   */
  cause?: string;
  /** Items failing the query (indices into `items`), at most 20, for "show me". */
  nonMatching: number[];
  /** Fields present although the projection should have removed them, at most 20. */
  unexpectedFields: string[];
}

function isEmptyObject(value: unknown): boolean {
  return !isRecord(value) || Object.keys(value).length === 0;
}

function describeId(item: unknown, index: number): string {
  return isRecord(item) && (typeof item._id === 'string' || typeof item._id === 'number')
    ? `_id ${String(item._id)}`
    : `item ${index + 1}`;
}

/**
 * Decides whether the server applied `query` and `fields` to the `items` it returned
 * (rules in the module comment). `query` is the EJSON-parsed value (Dates, RegExps allowed).
 */
export function didServerApply(
  query: Doc | undefined | null,
  fields: Record<string, number> | undefined | null,
  items: readonly unknown[],
  options: ApplyCheckOptions = {},
): ApplyCheck {
  const details: string[] = [];
  const nonMatching: number[] = [];
  const unexpected = new Set<string>();
  const stripped = new Set(options.strippedFields ?? []);
  const fieldEntries = isEmptyObject(fields) ? [] : Object.entries(fields!);
  const inclusion = fieldEntries.some(([k, v]) => k !== '_id' && v === 1);
  const includedRoots = new Set(fieldEntries.filter(([, v]) => v === 1).map(([k]) => k.split('.')[0]!));
  const excludedPaths = fieldEntries.filter(([k, v]) => v === 0 && k !== '_id').map(([k]) => k);
  const idExcluded = fieldEntries.some(([k, v]) => k === '_id' && v === 0);

  // ---- query
  let queryIgnored: boolean | null = null;
  if (!isEmptyObject(query) && items.length > 0) {
    const roots = queryFieldRoots(query);
    const mayBeRemoved = (root: string) =>
      stripped.has(root) ||
      (inclusion
        ? !includedRoots.has(root) && root !== '_id'
        : excludedPaths.some((p) => p.split('.')[0] === root)) ||
      (root === '_id' && idExcluded);
    let compiled: Query<Doc>;
    try {
      compiled = compile(query!);
    } catch (error) {
      details.push(
        `The query cannot be checked locally: ${error instanceof Error ? error.message : String(error)}.`,
      );
      return { queryIgnored: null, fieldsIgnored: null, details, nonMatching, unexpectedFields: [] };
    }
    const revive = containsDate(query);
    let checked = 0;
    let failing = 0;
    items.forEach((item, index) => {
      if (!isRecord(item)) return;
      const undecidable = [...roots].some((root) => !(root in item) && mayBeRemoved(root));
      if (undecidable) return;
      checked++;
      const doc = (revive ? reviveDates(item) : item) as Doc;
      if (!compiled.test(doc)) {
        failing++;
        if (nonMatching.length < 20) nonMatching.push(index);
      }
    });
    if (checked === 0) {
      details.push(
        'The query could not be checked: the fields it uses are not in the returned items (the projection or the server removed them).',
      );
    } else if (failing > 0) {
      queryIgnored = true;
      const first = nonMatching[0]!;
      details.push(
        `The server ignored "query": ${describeId(items[first], first)} does not match it${failing > 1 ? `, nor do ${failing - 1} more of the ${checked} checked` : ''}.`,
      );
    } else {
      queryIgnored = false;
      details.push(`All ${checked} checked items match "query" (consistent with the server applying it).`);
    }
  } else if (!isEmptyObject(query)) {
    details.push('No items came back, so whether the server applied "query" cannot be told.');
  }

  // ---- fields
  let fieldsIgnored: boolean | null = null;
  if (fieldEntries.length > 0 && items.length > 0) {
    const allowed = new Set<string>([...includedRoots, ...(options.alwaysReturned ?? [])]);
    if (!idExcluded) allowed.add('_id');
    for (const item of items) {
      if (!isRecord(item)) continue;
      if (inclusion) {
        for (const key of Object.keys(item)) if (!allowed.has(key)) unexpected.add(key);
      } else {
        for (const path of excludedPaths) if (hasPath(item, path)) unexpected.add(path);
        if (idExcluded && '_id' in item) unexpected.add('_id');
      }
      if (unexpected.size >= 20) break;
    }
    if (unexpected.size > 0) {
      fieldsIgnored = true;
      details.push(
        `The server ignored "fields": items still have ${[...unexpected].slice(0, 5).join(', ')}${unexpected.size > 5 ? ', ...' : ''}.`,
      );
    } else if (inclusion) {
      fieldsIgnored = false;
      details.push('Every item has only the included fields (consistent with the server applying "fields").');
    } else {
      details.push(
        'No item has an excluded field; that is what an applied projection looks like, but also what items that never had those fields look like.',
      );
    }
  }
  const ignoredNames = [queryIgnored ? '"query"' : null, fieldsIgnored ? '"fields"' : null].filter(
    (name): name is string => name !== null,
  );
  return {
    queryIgnored,
    fieldsIgnored,
    details,
    ...(ignoredNames.length > 0
      ? {
          cause: `Servers 7.0 and newer ignore ${ignoredNames.join(' and ')} unless they run with ALLOW_UNSAFE_QUERY_AND_FIELDS_API_PARAMS=TRUE.`,
        }
      : {}),
    nonMatching,
    unexpectedFields: [...unexpected].slice(0, 20),
  };
}

export interface LocalResult {
  /** Always 'local': these items were filtered, projected and sorted in the browser, not by the server. */
  source: 'local';
  items: unknown[];
  /** How many fetched items went in, and how many matched. */
  inputCount: number;
  matched: number;
  /** The label the UI shows next to the result. */
  label: string;
}

/**
 * Applies query, fields and sort to already fetched items with mingo, and says so.
 * Filtering compares ISO date strings as dates when the query holds dates; the returned items are
 * the originals (projected), not the revived copies. Sorting happens before projection, as in
 * MongoDB, so a sort on a projected-out field still orders the result.
 * @throws Error with words when mingo refuses the query (e.g. an operator it does not know).
 */
export function applyLocally(
  items: readonly unknown[],
  query?: Doc | null,
  fields?: Record<string, number> | null,
  sort?: Record<string, 1 | -1> | null,
): LocalResult {
  const docs = items.filter(isRecord);
  const compiled = compile(isEmptyObject(query) ? {} : query!);
  const revive = containsDate(query);
  const matched = isEmptyObject(query)
    ? docs
    : docs.filter((doc) => compiled.test((revive ? reviveDates(doc) : doc) as Doc));
  let cursor = compile({}).find<Doc>(matched, isEmptyObject(fields) ? undefined : (fields as Doc));
  if (!isEmptyObject(sort)) cursor = cursor.sort(sort as Doc);
  const out = cursor.all();
  const parts = [
    !isEmptyObject(query) ? 'query' : null,
    !isEmptyObject(fields) ? 'fields' : null,
    !isEmptyObject(sort) ? 'sort' : null,
  ].filter((p): p is string => p !== null);
  return {
    source: 'local',
    items: out,
    inputCount: items.length,
    matched: matched.length,
    label: `Applied locally (${parts.length > 0 ? parts.join(', ') : 'nothing to apply'}) to the ${items.length} fetched items, not by the server: ${matched.length} match.`,
  };
}
