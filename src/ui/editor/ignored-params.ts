/**
 * After a response: did the server apply `query` and `fields`? Pure glue between a finished run and
 * the core check (didServerApply / applyLocally with mingo), so it is unit-tested without React.
 */
import {
  ALWAYS_STRIPPED_FIELDS,
  applyLocally,
  checkFields,
  checkQuery,
  checkSort,
  didServerApply,
  USER_STRIPPED_FIELDS,
  type ApplyCheck,
  type LocalResult,
} from '../../core/json-params';
import type { RequestDraft } from '../../core/request/draft';

export interface IgnoredVerdict {
  check: ApplyCheck;
  /** The fetched items the check looked at (the local application uses them too). */
  items: unknown[];
  itemsKey: string;
}

/** The item array of a list response: the named key, else the first array of objects in the body. */
export function itemsOf(
  body: unknown,
  itemsKey: string | undefined,
): { key: string; items: unknown[] } | null {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return null;
  const record = body as Record<string, unknown>;
  if (itemsKey && Array.isArray(record[itemsKey]))
    return { key: itemsKey, items: record[itemsKey] as unknown[] };
  for (const [key, value] of Object.entries(record)) {
    if (Array.isArray(value) && value.some((v) => v !== null && typeof v === 'object' && !Array.isArray(v))) {
      return { key, items: value };
    }
  }
  return null;
}

function parsedParams(draft: RequestDraft) {
  const query = checkQuery(draft.jsonParams.query);
  const fields = checkFields(draft.jsonParams.fields, draft.path);
  const sort = checkSort(draft.jsonParams.sort);
  return {
    query: query.ok && !query.empty ? (query.value as Record<string, unknown>) : undefined,
    fields: fields.ok && !fields.empty ? (fields.value as Record<string, number>) : undefined,
    sort: sort.ok && !sort.empty ? (sort.value as Record<string, 1 | -1>) : undefined,
  };
}

/**
 * The verdict for a finished run, or null when there is nothing to say (no query/fields sent, not
 * a successful JSON list response).
 */
export function verdictFor(
  draft: RequestDraft,
  status: number,
  bodyText: string,
  itemsKey: string | undefined,
): IgnoredVerdict | null {
  const { query, fields } = parsedParams(draft);
  if (!query && !fields) return null;
  if (status < 200 || status >= 300) return null;
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    return null;
  }
  const found = itemsOf(body, itemsKey);
  if (!found) return null;
  const stripped = [
    ...ALWAYS_STRIPPED_FIELDS,
    ...(draft.path.includes('/users.') ? USER_STRIPPED_FIELDS : []),
  ];
  const check = didServerApply(query, fields, found.items, { strippedFields: stripped });
  return { check, items: found.items, itemsKey: found.key };
}

/** query, fields and sort of the run applied to its fetched items, in the browser. */
export function applyRunLocally(draft: RequestDraft, items: unknown[]): LocalResult {
  const { query, fields, sort } = parsedParams(draft);
  return applyLocally(items, query, fields, sort);
}
