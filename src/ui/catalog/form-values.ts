/**
 * Conversions between form controls (always text) and the values they stand for: query-string
 * parameters stay text; body fields become JSON values written into the draft's `Body` text.
 */
import type { FormField } from '../../core/catalog/group';
import type { JsonSchema } from '../../core/catalog/types';

/** Query-string names rendered by the editor feature's JSON editors, never by the form. */
export const EDITOR_PARAMS: ReadonlySet<string> = new Set(['query', 'fields', 'sort']);

export type BodyState = { ok: true; value: Record<string, unknown> } | { ok: false };

/** The body as an object: '' is an empty object; anything that is not a JSON object is not form-editable. */
export function parseBodyObject(text: string): BodyState {
  if (text.trim() === '') return { ok: true, value: {} };
  try {
    const value: unknown = JSON.parse(text);
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      return { ok: true, value: value as Record<string, unknown> };
    }
  } catch {
    // not JSON
  }
  return { ok: false };
}

/** Body text with one field set (or removed when `value` is undefined); '' when nothing is left. */
export function withBodyField(body: Record<string, unknown>, name: string, value: unknown): string {
  const next: Record<string, unknown> = { ...body };
  if (value === undefined) delete next[name];
  else next[name] = value;
  return Object.keys(next).length === 0 ? '' : JSON.stringify(next, null, 2);
}

function typesOf(schema: JsonSchema): string[] {
  const t = schema.type;
  const own = Array.isArray(t)
    ? t.filter((x): x is string => typeof x === 'string')
    : typeof t === 'string'
      ? [t]
      : [];
  const alts = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  return Array.isArray(alts) ? [...own, ...alts.flatMap(typesOf)] : own;
}

/** Whether a plain word typed in a JSON field may be taken as a string (`roomId`: string or list). */
export function acceptsString(schema: JsonSchema): boolean {
  return typesOf(schema).includes('string');
}

/** The text a control shows for a body value. */
export function displayBodyValue(value: unknown, field: FormField): string {
  if (value === undefined) return '';
  if (field.kind === 'enum') {
    const index = (field.enum ?? []).findIndex((option) => JSON.stringify(option) === JSON.stringify(value));
    return index >= 0 ? String(index) : '';
  }
  if (typeof value === 'string' && (field.kind === 'string' || field.kind === 'json')) {
    // A string that reads as other JSON (`123`, `true`) is shown quoted so it round-trips as a string.
    if (field.kind === 'json') {
      try {
        JSON.parse(value);
        return JSON.stringify(value);
      } catch {
        return value;
      }
    }
    return value;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

export type Parsed = { ok: true; value: unknown } | { ok: false; message: string };

/** The body value for what was typed into a field's control; `undefined` removes the field. */
export function bodyValueFromText(text: string, field: FormField): Parsed {
  if (text === '') return { ok: true, value: undefined };
  switch (field.kind) {
    case 'string':
      return { ok: true, value: text };
    case 'number':
    case 'integer': {
      const n = Number(text);
      return Number.isFinite(n)
        ? { ok: true, value: n }
        : { ok: false, message: `${field.name} must be a number` };
    }
    case 'boolean':
      return { ok: true, value: text === 'true' };
    case 'enum': {
      const options = field.enum ?? [];
      const index = Number(text);
      return index >= 0 && index < options.length
        ? { ok: true, value: options[index] }
        : { ok: true, value: undefined };
    }
    default: {
      try {
        return { ok: true, value: JSON.parse(text) as unknown };
      } catch {
        if (field.kind === 'json' && acceptsString(field.schema)) return { ok: true, value: text };
        const what =
          field.kind === 'array'
            ? 'a JSON array, e.g. ["a", "b"]'
            : field.kind === 'object'
              ? 'a JSON object, e.g. {"key": "value"}'
              : 'valid JSON';
        return { ok: false, message: `${field.name} must be ${what}` };
      }
    }
  }
}
