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
import type { PageNumbers } from '../../core/pagination/arithmetic';
import { readPageNumbers } from '../../core/pagination/envelope';
import type { RequestDraft } from '../../core/request/draft';
import type { BodyText } from '../../core/http/body-text';

export interface IgnoredVerdict {
  check: ApplyCheck;
  /** The fetched items the check looked at (the local application uses them too). */
  items: unknown[];
  itemsKey: string;
  /** Where the items sit in the whole list (offset, count, total), when the body says. */
  page: PageNumbers | null;
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
  /** A BodyText is joined only past the checks above it: most answers are never read here. */
  body: string | BodyText,
  itemsKey: string | undefined,
): IgnoredVerdict | null {
  const { query, fields } = parsedParams(draft);
  if (!query && !fields) return null;
  if (status < 200 || status >= 300) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(typeof body === 'string' ? body : body.text());
  } catch {
    return null;
  }
  const found = itemsOf(parsed, itemsKey);
  if (!found) return null;
  const stripped = [
    ...ALWAYS_STRIPPED_FIELDS,
    ...(draft.path.includes('/users.') ? USER_STRIPPED_FIELDS : []),
  ];
  const check = didServerApply(query, fields, found.items, { strippedFields: stripped });
  return { check, items: found.items, itemsKey: found.key, page: readPageNumbers(parsed, found.key) };
}

/** query, fields and sort of the run applied to its fetched items, in the browser. */
export function applyRunLocally(draft: RequestDraft, items: unknown[]): LocalResult {
  const { query, fields, sort } = parsedParams(draft);
  return applyLocally(items, query, fields, sort);
}

const itemsWord = (n: number) => (n === 1 ? 'item' : 'items');

/** True when the answer holds only part of the list: applying locally to it is not the whole story. */
export function isPartOfList(items: number, page: PageNumbers | null): boolean {
  return page !== null && page.total > items;
}

/** What "Apply locally" to the answer on screen works on, in words: "the 50 items of this page". */
export function pageScopeText(items: number, page: PageNumbers | null): string {
  return isPartOfList(items, page)
    ? `the ${items} ${itemsWord(items)} of this page`
    : `the ${items} fetched ${itemsWord(items)} (the whole list)`;
}

/** Where the items a local result was computed on came from. */
export type LocalScope =
  { kind: 'page'; partOfList: boolean } | { kind: 'all-pages'; pages: number; complete: boolean };

/**
 * A local result in words, counted against what it ran on: "3 of the 50 items on this page match
 * "query"", "12 of the 2000 items of all 40 pages match "query"".
 */
export function localResultText(draft: RequestDraft, result: LocalResult, scope: LocalScope): string {
  const { query, fields, sort } = parsedParams(draft);
  const n = result.inputCount;
  const where =
    scope.kind === 'page'
      ? scope.partOfList
        ? `on this page`
        : `fetched (the whole list)`
      : scope.complete
        ? `of all ${scope.pages} ${scope.pages === 1 ? 'page' : 'pages'}`
        : `fetched before fetching stopped (${scope.pages} ${scope.pages === 1 ? 'page' : 'pages'})`;
  const shaping = [fields ? '"fields"' : null, sort ? '"sort"' : null].filter(Boolean).join(' and ');
  if (query) {
    return (
      `${result.matched} of the ${n} ${itemsWord(n)} ${where} ${result.matched === 1 ? 'matches' : 'match'} "query"` +
      (shaping ? `; ${shaping} applied to ${result.matched === 1 ? 'it' : 'them'}.` : '.')
    );
  }
  return `${shaping || 'Nothing'} applied to the ${n} ${itemsWord(n)} ${where}.`;
}
