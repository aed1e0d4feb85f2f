// Small pieces the query, fields and sort checks share: building an issue at a node, reading an
// object property's key and value, and the common start and end of a check.
import type { Node } from 'jsonc-parser';
import { spanAt, type parseJsonText } from './parse';
import type { IssueSeverity, JsonParamName, ParamCheck, ParamIssue } from './rules';

export function issue(
  text: string,
  node: Node,
  severity: IssueSeverity,
  rule: string,
  message: string,
  path: (string | number)[],
): ParamIssue {
  return { ...spanAt(text, node.offset, node.length), severity, rule, message, path };
}

export function keyNode(property: Node): Node | undefined {
  return property.children?.[0];
}

export function valueNode(property: Node): Node | undefined {
  return property.children?.[1];
}

/** Compact text as it will be sent (for quoting the server's error text). */
export function compact(value: unknown): string {
  return JSON.stringify(value);
}

export function syntaxOnly(name: JsonParamName, result: ReturnType<typeof parseJsonText>): ParamCheck | null {
  if (!result.ok)
    return { name, ok: false, empty: false, value: undefined, syntaxError: result.error, issues: [] };
  if (result.empty) return { name, ok: true, empty: true, value: undefined, syntaxError: null, issues: [] };
  return null;
}

export function requireObject(
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

export function finish<T>(name: JsonParamName, value: T | undefined, issues: ParamIssue[]): ParamCheck<T> {
  return {
    name,
    ok: !issues.some((i) => i.severity === 'error'),
    empty: false,
    value,
    syntaxError: null,
    issues,
  };
}
