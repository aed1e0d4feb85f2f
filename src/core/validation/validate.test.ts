import { describe, expect, it } from 'vitest';
import catalogJson from '../catalog/generated/catalog.json';
import { findOperation, operationsFromGenerated } from '../catalog/operation';
import type { GeneratedCatalog, Operation } from '../catalog/types';
import { compiledValidator, validateBodyText, validateRequest } from './validate';

const ops = operationsFromGenerated(catalogJson as unknown as GeneratedCatalog);
const op = (label: string): Operation => {
  const found = findOperation(ops, label);
  if (!found) throw new Error(`no ${label}`);
  return found;
};
const messages = (r: { problems: { message: string }[] }) => r.problems.map((p) => p.message);

describe('validateRequest', () => {
  it('coerces query strings like the server and accepts a valid channels.list', () => {
    const r = validateRequest(op('GET /api/v1/channels.list'), {
      params: { count: '50', offset: '0', sort: '{"name":1}' },
    });
    expect(r).toEqual({ ok: true, problems: [], schemaCheck: 'precompiled' });
  });

  it('says a non-numeric count must be a number', () => {
    const r = validateRequest(op('GET /api/v1/channels.list'), { params: { count: 'abc' } });
    expect(r.ok).toBe(false);
    expect(r.problems).toContainEqual({
      field: 'count',
      message: 'count must be a number',
      severity: 'error',
    });
  });

  it('names an unknown parameter, as an error when the server validator would reject it', () => {
    const r = validateRequest(op('GET /api/v1/channels.list'), { params: { foo: 'x' } });
    expect(r.problems).toEqual([{ field: 'foo', message: 'unknown parameter foo', severity: 'error' }]);
  });

  it('treats empty query fields as not given', () => {
    expect(
      validateRequest(op('GET /api/v1/channels.list'), { params: { count: '', offset: undefined } }).ok,
    ).toBe(true);
  });

  it('summarises alternatives: users.info needs userId or username (or another identifier)', () => {
    const r = validateRequest(op('GET /api/v1/users.info'), { params: {} });
    expect(r.ok).toBe(false);
    expect(messages(r)[0]).toMatch(/^userId, username, .* or freeSwitchExtension is required$/);
    expect(validateRequest(op('GET /api/v1/users.info'), { params: { username: 'demo' } }).ok).toBe(true);
    expect(validateRequest(op('GET /api/v1/users.info'), { params: { userId: 'abc' } }).ok).toBe(true);
  });

  it('reports a missing roomId on chat.postMessage and accepts a valid body', () => {
    const post = op('POST /api/v1/chat.postMessage');
    const bad = validateRequest(post, { params: { text: 'hi' } });
    expect(bad.ok).toBe(false);
    expect(messages(bad).join(' | ')).toMatch(/roomId .*is required|roomId is required/);
    expect(validateRequest(post, { params: { roomId: 'GENERAL', text: 'hi' } }).ok).toBe(true);
  });

  it('requires path placeholders', () => {
    const r = validateRequest(op('GET /api/apps/:id'), { pathParams: { id: '' }, params: {} });
    expect(r.problems).toContainEqual({
      field: 'id',
      message: 'id is required (it is part of the path)',
      severity: 'error',
    });
    expect(validateRequest(op('GET /api/apps/:id'), { pathParams: { id: 'abc' }, params: {} }).ok).toBe(true);
  });

  it('only warns about unknown parameters when the schema comes from TypeScript types', () => {
    const members = op('GET /api/v1/channels.members');
    expect(members.schemaSource).toBe('types');
    const r = validateRequest(members, { params: { roomId: 'GENERAL', bogus: '1' } });
    expect(r.ok).toBe(true);
    expect(r.problems).toContainEqual({
      field: 'bogus',
      message: 'unknown parameter bogus',
      severity: 'warning',
    });
  });

  it('explains enums, formats and lengths in words', () => {
    const schema = {
      type: 'object',
      properties: {
        kind: { type: 'string', enum: ['a', 'b'] },
        email: { type: 'string', format: 'email' },
        name: { type: 'string', minLength: 1 },
      },
      additionalProperties: false,
    };
    const fake: Operation = {
      ...op('POST /api/v1/chat.postMessage'),
      paramsSchema: schema,
      schemaSource: 'openapi',
    };
    const r = validateRequest(fake, { params: { kind: 'c', email: 'nope', name: '' } });
    expect(messages(r)).toEqual([
      'kind must be one of: "a", "b"',
      'email must be a valid email',
      'name must not be empty',
    ]);
  });

  it('compiles lazily and caches per schema', () => {
    const schema = { type: 'object' };
    const a = compiledValidator(schema, 'array');
    expect(compiledValidator(schema, 'array')).toBe(a);
    expect(compiledValidator(schema, true)).not.toBe(a);
  });
});

describe('validateBodyText', () => {
  it('reports JSON syntax errors on Body with a position', () => {
    const r = validateBodyText(
      op('POST /api/v1/chat.postMessage'),
      '{\n  "roomId": "GENERAL",\n  "text": hi\n}',
    );
    expect(r.ok).toBe(false);
    expect(r.problems[0]?.field).toBe('Body');
    expect(r.problems[0]?.message).toMatch(/^Body is not valid JSON at line 3, column \d+/);
  });

  it('validates the parsed body', () => {
    const r = validateBodyText(op('POST /api/v1/chat.postMessage'), '{"roomId": "GENERAL", "text": "hi"}');
    expect(r.ok).toBe(true);
    expect(r.body).toEqual({ roomId: 'GENERAL', text: 'hi' });
  });
});
