// The `fields` and `sort` checks, and checkParam, which picks the check for an editor by name.
import type { Node } from 'jsonc-parser';
import { parseJsonText } from './parse';
import {
  ALWAYS_STRIPPED_FIELDS,
  invalidFieldsMessage,
  invalidSortMessage,
  USER_STRIPPED_FIELDS,
  type JsonParamName,
  type ParamCheck,
  type ParamIssue,
} from './rules';
import { compact, finish, issue, keyNode, requireObject, syntaxOnly, valueNode } from './check-helpers';
import { checkQuery } from './check-query';

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

/** Checks one editor by name (query, fields or sort). */
export function checkParam(name: JsonParamName, text: string, route?: string): ParamCheck {
  if (name === 'query') return checkQuery(text);
  if (name === 'fields') return checkFields(text, route);
  return checkSort(text);
}
