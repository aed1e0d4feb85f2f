// The `query` check: EJSON, the operators Rocket.Chat lets through, and the fields it strips.
import type { Node } from 'jsonc-parser';
import { ejsonParse, parseJsonText } from './parse';
import {
  ALLOWED_QUERY_OPERATORS,
  EJSON_TYPE_KEYS,
  invalidQueryMessage,
  MONGODB_QUERY_OPERATORS,
  type ParamCheck,
  type ParamIssue,
} from './rules';
import { finish, issue, keyNode, syntaxOnly, valueNode } from './check-helpers';

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
