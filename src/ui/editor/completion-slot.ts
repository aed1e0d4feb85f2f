/**
 * Where the cursor is, in MongoDB terms, when completing a property key: which suggestions make sense.
 * Pure, so it is unit-tested without Monaco. `path` is jsonc-parser's location path, whose last
 * segment is the key being typed.
 */
import type { JsonParamName } from './editor-context';

export interface CompletionSlot {
  kind: 'keys' | 'none';
  /** Field names of the operation's model. */
  fields: boolean;
  /** Operators that stand for a whole condition: `$or`, `$and`, ... */
  topOperators: boolean;
  /** Operators applied to one field's value: `$regex`, `$in`, `$gt`, ... */
  fieldOperators: boolean;
}

const NONE: CompletionSlot = { kind: 'none', fields: false, topOperators: false, fieldOperators: false };
const LOGICAL = new Set(['$or', '$and', '$nor']);

export function completionKind(
  editor: JsonParamName,
  path: ReadonlyArray<string | number>,
  isAtPropertyKey: boolean,
): CompletionSlot {
  if (!isAtPropertyKey) return NONE;
  const parent = path.slice(0, -1);
  if (editor !== 'query') {
    // fields and sort are flat maps of field name to 0/1 or 1/-1.
    return parent.length === 0
      ? { kind: 'keys', fields: true, topOperators: false, fieldOperators: false }
      : NONE;
  }
  const last = parent[parent.length - 1];
  const beforeLast = parent[parent.length - 2];
  const documentLevel =
    parent.length === 0 ||
    (typeof last === 'number' && typeof beforeLast === 'string' && LOGICAL.has(beforeLast));
  if (documentLevel) return { kind: 'keys', fields: true, topOperators: true, fieldOperators: false };
  if (typeof last === 'string' && last === '$elemMatch') {
    return { kind: 'keys', fields: true, topOperators: false, fieldOperators: true };
  }
  if (typeof last === 'string' && (last === '$not' || !last.startsWith('$'))) {
    return { kind: 'keys', fields: false, topOperators: false, fieldOperators: true };
  }
  return NONE;
}
