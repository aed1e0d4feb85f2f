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
import type { Node } from 'jsonc-parser';
import { ejsonParse, parseJsonText, spanAt, type JsonSyntaxError, type TextSpan } from './parse';

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

function issue(
  text: string,
  node: Node,
  severity: IssueSeverity,
  rule: string,
  message: string,
  path: (string | number)[],
): ParamIssue {
  return { ...spanAt(text, node.offset, node.length), severity, rule, message, path };
}

function keyNode(property: Node): Node | undefined {
  return property.children?.[0];
}

function valueNode(property: Node): Node | undefined {
  return property.children?.[1];
}

/** Compact text as it will be sent (for quoting the server's error text). */
function compact(value: unknown): string {
  return JSON.stringify(value);
}

function syntaxOnly(name: JsonParamName, result: ReturnType<typeof parseJsonText>): ParamCheck | null {
  if (!result.ok)
    return { name, ok: false, empty: false, value: undefined, syntaxError: result.error, issues: [] };
  if (result.empty) return { name, ok: true, empty: true, value: undefined, syntaxError: null, issues: [] };
  return null;
}

function requireObject(
  name: JsonParamName,
  text: string,
  tree: Node,
  raw: string,
  serverWords: (raw: string) => string,
): ParamIssue | null {
  if (tree.type === 'object') return null;
  return issue(
    text,
    tree,
    'error',
    'not-an-object',
    `${name} must be a JSON object like {"field": 1}. The server answers: ${serverWords(raw)}`,
    [],
  );
}

/** Checks the `sort` editor text. */
export function checkSort(text: string): ParamCheck<Record<string, 1 | -1>> {
  const parsed = parseJsonText<Record<string, 1 | -1>>(text);
  const early = syntaxOnly('sort', parsed);
  if (early) return early as ParamCheck<Record<string, 1 | -1>>;
  if (!parsed.ok || parsed.empty) throw new Error('unreachable');
  const raw = compact(parsed.value);
  const issues: ParamIssue[] = [];
  const notObject = requireObject('sort', text, parsed.tree, raw, invalidSortMessage);
  if (notObject) issues.push(notObject);
  else {
    for (const property of parsed.tree.children ?? []) {
      const key = keyNode(property);
      const value = valueNode(property);
      if (!key || !value) continue;
      if (value.value !== 1 && value.value !== -1) {
        issues.push(
          issue(
            text,
            value,
            'error',
            'sort-value',
            `Sort values must be 1 (ascending) or -1 (descending); "${String(key.value)}" has ${text.slice(value.offset, value.offset + value.length)}. The server answers: ${invalidSortMessage(raw)}`,
            [String(key.value)],
          ),
        );
      }
    }
  }
  return finish('sort', parsed.value, issues);
}

/** Checks the `fields` editor text. `route` (e.g. `/api/v1/users.list`) enables the users.* notes. */
export function checkFields(text: string, route?: string): ParamCheck<Record<string, 0 | 1>> {
  const parsed = parseJsonText<Record<string, 0 | 1>>(text);
  const early = syntaxOnly('fields', parsed);
  if (early) return early as ParamCheck<Record<string, 0 | 1>>;
  if (!parsed.ok || parsed.empty) throw new Error('unreachable');
  const raw = compact(parsed.value);
  const issues: ParamIssue[] = [];
  const notObject = requireObject('fields', text, parsed.tree, raw, invalidFieldsMessage);
  if (notObject) issues.push(notObject);
  else {
    const included: Node[] = [];
    const excluded: Node[] = [];
    const isUsers = route !== undefined && route.includes('/v1/users.');
    for (const property of parsed.tree.children ?? []) {
      const key = keyNode(property);
      const value = valueNode(property);
      if (!key || !value) continue;
      const name = String(key.value);
      if (value.value !== 0 && value.value !== 1) {
        issues.push(
          issue(
            text,
            value,
            'error',
            'fields-value',
            `Field values must be 1 (include) or 0 (exclude); "${name}" has ${text.slice(value.offset, value.offset + value.length)}. The server answers: ${invalidFieldsMessage(raw)}`,
            [name],
          ),
        );
        continue;
      }
      if (name !== '_id') (value.value === 1 ? included : excluded).push(key);
      const root = name.split('.')[0]!;
      if (ALWAYS_STRIPPED_FIELDS.includes(root) || (isUsers && USER_STRIPPED_FIELDS.includes(root))) {
        issues.push(
          issue(
            text,
            key,
            'warning',
            'field-stripped',
            `The server always strips "${root}"${ALWAYS_STRIPPED_FIELDS.includes(root) ? '' : ' on users.* (unless you have view-full-other-user-info)'}, so asking for it has no effect.`,
            [name],
          ),
        );
      }
    }
    if (included.length > 0 && excluded.length > 0) {
      for (const key of excluded) {
        issues.push(
          issue(
            text,
            key,
            'error',
            'fields-mixed',
            `A projection cannot mix inclusion (1) and exclusion (0), except for _id: MongoDB refuses it. Use only 1s (the fields you want) or only 0s (the fields you do not want).`,
            [String(key.value)],
          ),
        );
      }
    }
  }
  return finish('fields', parsed.value, issues);
}

function finish<T>(name: JsonParamName, value: T | undefined, issues: ParamIssue[]): ParamCheck<T> {
  return {
    name,
    ok: !issues.some((i) => i.severity === 'error'),
    empty: false,
    value,
    syntaxError: null,
    issues,
  };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Checks the `query` editor text (EJSON). Syntax and rules are checked on the plain JSON first, so
 * a bad `$date` or `$regexp` gets a marker on its value; the value is then revived with EJSON.
 */
export function checkQuery(text: string): ParamCheck<Record<string, unknown>> {
  const parsed = parseJsonText<Record<string, unknown>>(text);
  const early = syntaxOnly('query', parsed);
  if (early) return early as ParamCheck<Record<string, unknown>>;
  if (!parsed.ok || parsed.empty) throw new Error('unreachable');
  const issues: ParamIssue[] = [];
  if (parsed.tree.type !== 'object') {
    issues.push(
      issue(
        text,
        parsed.tree,
        'error',
        'not-an-object',
        'query must be a JSON object like {"username": "admin"}.',
        [],
      ),
    );
    return finish('query', parsed.value, issues);
  }
  walkQuery(text, parsed.tree, [], issues);
  let value: Record<string, unknown> | undefined;
  try {
    value = ejsonParse(text) as Record<string, unknown>;
  } catch (error) {
    if (!issues.some((i) => i.severity === 'error')) {
      issues.push(
        issue(
          text,
          parsed.tree,
          'error',
          'ejson',
          `EJSON cannot read this query: ${error instanceof Error ? error.message : String(error)}. The server answers: ${invalidQueryMessage(JSON.stringify(parsed.value))}`,
          [],
        ),
      );
    }
  }
  return finish('query', value, issues);
}

function propertyMap(node: Node): Map<string, Node> {
  const map = new Map<string, Node>();
  for (const property of node.children ?? []) {
    const key = keyNode(property);
    if (key) map.set(String(key.value), property);
  }
  return map;
}

/** Checks an EJSON type object (`{"$date": ...}` etc.); returns true when `node` is one. */
function checkEjsonType(text: string, node: Node, path: (string | number)[], issues: ParamIssue[]): boolean {
  const props = propertyMap(node);
  const keys = [...props.keys()];
  if (keys.length === 1 && keys[0] === '$date') {
    const value = valueNode(props.get('$date')!);
    if (!value) return true;
    const ok =
      (value.type === 'number' && Number.isFinite(value.value)) ||
      (value.type === 'string' &&
        ISO_DATE.test(String(value.value)) &&
        Number.isFinite(Date.parse(String(value.value))));
    if (!ok) {
      issues.push(
        issue(
          text,
          value,
          'error',
          'ejson-date',
          '$date needs epoch milliseconds (a number) or an ISO 8601 string like "2024-01-31T00:00:00Z".',
          [...path, '$date'],
        ),
      );
    }
    return true;
  }
  if (keys.includes('$regexp') && keys.every((k) => k === '$regexp' || k === '$flags')) {
    const pattern = valueNode(props.get('$regexp')!);
    const flags = props.get('$flags') ? valueNode(props.get('$flags')!) : undefined;
    if (pattern && pattern.type !== 'string') {
      issues.push(
        issue(text, pattern, 'error', 'ejson-regexp', '$regexp needs the pattern as a string.', [
          ...path,
          '$regexp',
        ]),
      );
    } else if (pattern) {
      try {
        new RegExp(String(pattern.value), flags?.type === 'string' ? String(flags.value) : '');
      } catch (error) {
        issues.push(
          issue(
            text,
            pattern,
            'error',
            'ejson-regexp',
            `Not a valid regular expression: ${error instanceof Error ? error.message : String(error)}.`,
            [...path, '$regexp'],
          ),
        );
      }
    }
    if (flags && (flags.type !== 'string' || !/^[gimsuy]*$/.test(String(flags.value)))) {
      issues.push(
        issue(
          text,
          flags,
          'error',
          'ejson-regexp',
          '$flags must be a string of regular expression flags, e.g. "i".',
          [...path, '$flags'],
        ),
      );
    }
    return true;
  }
  if (keys.length === 1 && ['$binary', '$InfNaN', '$escape'].includes(keys[0]!)) return true;
  if (keys.length === 2 && keys.includes('$type') && keys.includes('$value')) return true;
  return false;
}

function walkQuery(text: string, node: Node, path: (string | number)[], issues: ParamIssue[]): void {
  if (node.type === 'array') {
    (node.children ?? []).forEach((child, i) => walkQuery(text, child, [...path, i], issues));
    return;
  }
  if (node.type !== 'object') return;
  if (checkEjsonType(text, node, path, issues)) return;
  const props = propertyMap(node);
  for (const [name, property] of props) {
    const key = keyNode(property)!;
    const value = valueNode(property);
    const here = [...path, name];
    if (name.startsWith('$')) {
      if (name === '$options') {
        if (!props.has('$regex')) {
          issues.push(
            issue(
              text,
              key,
              'error',
              'options-without-regex',
              '$options only works next to $regex, e.g. {"$regex": "^adm", "$options": "i"}.',
              here,
            ),
          );
        } else if (value && (value.type !== 'string' || !/^[imxs]*$/.test(String(value.value)))) {
          issues.push(
            issue(
              text,
              value,
              'error',
              'regex-options',
              '$options must be a string of the flags i, m, x and s.',
              here,
            ),
          );
        } else {
          issues.push(
            issue(
              text,
              key,
              'info',
              'options-allow-list',
              'Rocket.Chat\'s allow list names only $or, $and and $regex; a server that applies it strictly drops or refuses $options. The EJSON form {"$regexp": "^adm", "$flags": "i"} needs no operator.',
              here,
            ),
          );
        }
        continue;
      }
      if (EJSON_TYPE_KEYS.includes(name) && name !== '$type' && name !== '$value') {
        issues.push(
          issue(
            text,
            key,
            'error',
            'ejson-shape',
            `${name} is an EJSON type key and must be the only key of its object (e.g. {"$date": 1700000000000}); mixed with other keys it reaches the server as an operator and is refused (Invalid operation: ${name}).`,
            here,
          ),
        );
        continue;
      }
      if (!ALLOWED_QUERY_OPERATORS.includes(name)) {
        const known = MONGODB_QUERY_OPERATORS.includes(name);
        issues.push(
          issue(
            text,
            key,
            'error',
            'operator-refused',
            `Invalid operation: ${name}. ${known ? `${name} is a MongoDB operator, but` : `${name} is not a MongoDB query operator, and`} Rocket.Chat allows only $or, $and and $regex in query; the server refuses the request with "Invalid operation: ${name}".`,
            here,
          ),
        );
        continue;
      }
      if ((name === '$or' || name === '$and') && value) {
        if (value.type !== 'array' || (value.children ?? []).length === 0) {
          issues.push(
            issue(
              text,
              value,
              'error',
              'logical-array',
              `${name} needs a non-empty array of conditions, e.g. {"${name}": [{"a": 1}, {"b": 2}]}.`,
              here,
            ),
          );
          continue;
        }
        (value.children ?? []).forEach((child, i) => {
          if (child.type !== 'object') {
            issues.push(
              issue(
                text,
                child,
                'error',
                'logical-array',
                `Each entry of ${name} must be an object (a condition).`,
                [...here, i],
              ),
            );
          } else walkQuery(text, child, [...here, i], issues);
        });
        continue;
      }
      if (name === '$regex' && value) {
        if (value.type !== 'string') {
          issues.push(
            issue(text, value, 'error', 'regex-pattern', '$regex needs the pattern as a string.', here),
          );
        } else {
          try {
            new RegExp(String(value.value));
          } catch (error) {
            issues.push(
              issue(
                text,
                value,
                'warning',
                'regex-pattern',
                `This pattern is not a valid JavaScript regular expression (MongoDB uses PCRE, so it may still work there, but local checks cannot use it): ${error instanceof Error ? error.message : String(error)}.`,
                here,
              ),
            );
          }
        }
        continue;
      }
    }
    if (value) walkQuery(text, value, here, issues);
  }
}

/** Checks one editor by name (query, fields or sort). */
export function checkParam(name: JsonParamName, text: string, route?: string): ParamCheck {
  if (name === 'query') return checkQuery(text);
  if (name === 'fields') return checkFields(text, route);
  return checkSort(text);
}
