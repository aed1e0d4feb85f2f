/**
 * Rocket.Chat's rules for `query`, `fields` and `sort` (`server/api/lib/parseJsonQuery.ts`),
 * checked before sending so the person sees the server's verdict (and its exact words) early.
 *
 * - `sort`: `JSON.parse`d; every value must be 1 or -1, else 400
 *   `Invalid sort parameter provided: "<raw>" [error-invalid-sort]`.
 * - `fields`: `JSON.parse`d; values 0 or 1, else 400 `Invalid fields parameter provided: "<raw>"`
 *   (`error-invalid-fields`). MongoDB also refuses a projection mixing inclusion and exclusion
 *   (except `_id`). Some fields are always stripped by the server, whatever is asked.
 * - `query`: `EJSON.parse`d (`{"$date": ms | ISO string}` is a date, `{"$regexp", "$flags"}` a
 *   RegExp); only the operators `$or`, `$and`, `$regex` pass, others are refused with
 *   `Invalid operation: $where`. `$options` travels with `$regex` (the sandbox and our schema
 *   accept it next to `$regex`); note that the upstream allow list names only the three operators,
 *   so we add an `info` note suggesting the EJSON `$regexp`/`$flags` form, which needs no operator.
 * Every issue carries the span of the offending key or value so the editor can place a marker.
 */
import { QUERY_OPERATORS } from '@mongodb-js/mongodb-constants';
import type { JsonSyntaxError, TextSpan } from './parse';

export type JsonParamName = 'query' | 'fields' | 'sort';

export type IssueSeverity = 'error' | 'warning' | 'info';

export interface ParamIssue extends TextSpan {
  severity: IssueSeverity;
  /** In words: cause and, where there is one, the next step. */
  message: string;
  /** JSON path of the offending key or value, e.g. `['$or', 0, 'username', '$gt']`. */
  path: (string | number)[];
  /** Stable id for tests and UI logic, e.g. `operator-refused`. */
  rule: string;
}

export interface ParamCheck<T = unknown> {
  name: JsonParamName;
  /** False when there is a syntax error or an `error` issue: Send should be disabled (or "Send anyway"). */
  ok: boolean;
  /** True when the text is empty: the parameter is not sent. */
  empty: boolean;
  /** The parsed value (EJSON-revived for query) when the syntax is valid. */
  value: T | undefined;
  syntaxError: JsonSyntaxError | null;
  issues: ParamIssue[];
}

/** The operators Rocket.Chat lets through in `query` (`pathAllowConf.def`). */
export const ALLOWED_QUERY_OPERATORS: readonly string[] = ['$or', '$and', '$regex'];

/** EJSON type keys: converted to values by `EJSON.parse` before the server looks for operators. */
export const EJSON_TYPE_KEYS: readonly string[] = [
  '$date',
  '$regexp',
  '$flags',
  '$binary',
  '$InfNaN',
  '$escape',
  '$type',
  '$value',
];

/** Every MongoDB query operator name, from `@mongodb-js/mongodb-constants` (plus `$options`). */
export const MONGODB_QUERY_OPERATORS: readonly string[] = [
  ...QUERY_OPERATORS.map((o) => o.value as string),
  '$options',
];

/** Fields the server removes from every projection and query (`defaultFieldsToExclude`). */
export const ALWAYS_STRIPPED_FIELDS: readonly string[] = ['joinCode', 'members', 'importIds', 'e2e'];

/** More fields stripped on `users.*` for callers without `view-full-other-user-info`. */
export const USER_STRIPPED_FIELDS: readonly string[] = [
  'avatarOrigin',
  'emails',
  'phone',
  'statusConnection',
  'createdAt',
  'lastLogin',
  'services',
  'requirePasswordChange',
  'requirePasswordChangeReason',
  'roles',
  'statusDefault',
  '_updatedAt',
  'settings',
  'inviteToken',
];

/** Stripped on `users.*` even for callers with `view-full-other-user-info`. */
export const PRIVILEGED_USER_STRIPPED_FIELDS: readonly string[] = ['services', 'inviteToken'];

/** A completion entry for an operator, with whether Rocket.Chat lets it through. */
export interface OperatorInfo {
  name: string;
  allowed: boolean;
  /** Why it is refused or how to use it, in words (for hover and completion detail). */
  detail: string;
}

/** All MongoDB query operators, marked allowed or refused by Rocket.Chat, for completion. */
export function queryOperatorInfo(): OperatorInfo[] {
  return MONGODB_QUERY_OPERATORS.map((name) => {
    if (ALLOWED_QUERY_OPERATORS.includes(name)) {
      return { name, allowed: true, detail: `${name}: allowed by Rocket.Chat in query` };
    }
    if (name === '$options') {
      return { name, allowed: true, detail: '$options: regex flags (i, m, x, s); only next to $regex' };
    }
    return {
      name,
      allowed: false,
      detail: `${name}: refused by Rocket.Chat (Invalid operation: ${name}); only $or, $and and $regex pass`,
    };
  });
}

/** The server's error text for a bad `sort` (400, `error-invalid-sort`). */
export function invalidSortMessage(raw: string): string {
  return `Invalid sort parameter provided: "${raw}" [error-invalid-sort]`;
}

/** The server's error text for bad `fields` (400, `error-invalid-fields`). */
export function invalidFieldsMessage(raw: string): string {
  return `Invalid fields parameter provided: "${raw}" [error-invalid-fields]`;
}

/** The server's error text for bad `query` JSON (400, `error-invalid-query`). */
export function invalidQueryMessage(raw: string): string {
  return `Invalid query parameter provided: "${raw}" [error-invalid-query]`;
}
