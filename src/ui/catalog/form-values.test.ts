import { describe, expect, it } from 'vitest';
import type { FormField } from '../../core/catalog/group';
import {
  acceptsString,
  bodyValueFromText,
  displayBodyValue,
  parseBodyObject,
  withBodyField,
} from './form-values';

const field = (kind: FormField['kind'], extra: Partial<FormField> = {}): FormField => ({
  name: 'f',
  in: 'body',
  kind,
  required: false,
  requiredInSome: false,
  json: false,
  schema: {},
  ...extra,
});

describe('body form values', () => {
  it('parses the Body as an object; other JSON or broken text is not form-editable', () => {
    expect(parseBodyObject('')).toEqual({ ok: true, value: {} });
    expect(parseBodyObject('{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
    expect(parseBodyObject('[1]')).toEqual({ ok: false });
    expect(parseBodyObject('{"a":')).toEqual({ ok: false });
  });

  it('sets and removes fields, and an empty object becomes an empty Body', () => {
    expect(JSON.parse(withBodyField({ a: 1 }, 'b', 'x'))).toEqual({ a: 1, b: 'x' });
    expect(withBodyField({ a: 1 }, 'a', undefined)).toBe('');
  });

  it('converts typed text by kind', () => {
    expect(bodyValueFromText('42', field('number'))).toEqual({ ok: true, value: 42 });
    expect(bodyValueFromText('4x', field('integer'))).toEqual({ ok: false, message: 'f must be a number' });
    expect(bodyValueFromText('false', field('boolean'))).toEqual({ ok: true, value: false });
    expect(bodyValueFromText('1', field('enum', { enum: ['a', 2] }))).toEqual({ ok: true, value: 2 });
    expect(bodyValueFromText('["a"]', field('array'))).toEqual({ ok: true, value: ['a'] });
    expect(bodyValueFromText('[a', field('array'))).toMatchObject({
      ok: false,
      message: expect.stringContaining('JSON array'),
    });
    expect(bodyValueFromText('', field('string'))).toEqual({ ok: true, value: undefined });
  });

  it('a string-or-list field takes a plain word as a string and JSON as JSON', () => {
    const roomId = field('json', {
      schema: { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
    });
    expect(acceptsString(roomId.schema)).toBe(true);
    expect(bodyValueFromText('GENERAL', roomId)).toEqual({ ok: true, value: 'GENERAL' });
    expect(bodyValueFromText('["a","b"]', roomId)).toEqual({ ok: true, value: ['a', 'b'] });
    // Round trip: a string that looks like JSON is shown quoted so it stays a string.
    expect(displayBodyValue('123', roomId)).toBe('"123"');
    expect(bodyValueFromText(displayBodyValue('123', roomId), roomId)).toEqual({ ok: true, value: '123' });
    expect(displayBodyValue('GENERAL', roomId)).toBe('GENERAL');
  });

  it('shows enum values by index so numbers and booleans round-trip', () => {
    const f = field('enum', { enum: ['a', 2, true] });
    expect(displayBodyValue(2, f)).toBe('1');
    expect(bodyValueFromText(displayBodyValue(true, f), f)).toEqual({ ok: true, value: true });
  });
});
