import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterEach, describe, expect, it } from 'vitest';
import catalogJson from '../catalog/generated/catalog.json';
import { findOperation, operationsFromGenerated, paramsLocation } from '../catalog/operation';
import type { GeneratedCatalog, JsonSchema, Operation } from '../catalog/types';
import { makeAjv } from './ajv-setup';
import { precompiledValidator } from './precompiled';
import { schemaId, type CoerceMode } from './schema-id';
import { SERVER_ONLY_MESSAGE, setRuntimeCompilation, validateBodyText, validateRequest } from './validate';

const here = path.dirname(fileURLToPath(import.meta.url));
const generatedDir = path.resolve(here, '../catalog/generated');
const catalog = catalogJson as unknown as GeneratedCatalog;
const ops = operationsFromGenerated(catalog);
const op = (label: string): Operation => {
  const found = findOperation(ops, label);
  if (!found) throw new Error(`no ${label}`);
  return found;
};

afterEach(() => setRuntimeCompilation(true));

/** Every (schema, mode) pair the catalog's operations use. */
const pairs: { schema: JsonSchema; mode: CoerceMode; label: string }[] = [];
{
  const seen = new Set<string>();
  for (const o of catalog.operations) {
    if (o.schema === undefined) continue;
    const mode: CoerceMode = paramsLocation(o.method) === 'query' ? 'array' : true;
    const key = `${o.schema} ${String(mode)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    pairs.push({ schema: catalog.schemas[o.schema]!, mode, label: `${o.method} ${o.path}` });
  }
}

/** Inputs built from the schema's own property names: empty, wrong types, unknown keys, plausible values. */
function samples(schema: JsonSchema): unknown[] {
  const names = new Set<string>();
  const visit = (s: unknown) => {
    if (!s || typeof s !== 'object') return;
    const o = s as JsonSchema;
    if (o.properties && typeof o.properties === 'object')
      for (const k of Object.keys(o.properties)) names.add(k);
    for (const k of ['anyOf', 'oneOf', 'allOf'] as const)
      if (Array.isArray(o[k])) (o[k] as unknown[]).forEach(visit);
  };
  visit(schema);
  const list = [...names];
  const all = (v: unknown) => Object.fromEntries(list.map((n) => [n, v]));
  return [
    {},
    all('abc'),
    all('50'),
    all(''),
    all('  '),
    all(['a', 'b']),
    all(true),
    all(12),
    all({ a: 1 }),
    all(null),
    { ...all('x'), bogusParameter: '1' },
    Object.fromEntries(list.slice(0, 1).map((n) => [n, 'GENERAL'])),
    'not an object',
  ];
}

describe('precompiled validators', () => {
  it('exist for every schema x coercion mode of the bundled catalog', () => {
    expect(pairs.length).toBeGreaterThan(300);
    const missing = pairs.filter((p) => !(precompiledValidator(p.schema, p.mode) instanceof Function));
    // The one schema ajv itself refuses in rest-typings 8.8.1 (the server's ajv too): kept as its error.
    expect(missing.map((p) => p.label)).toEqual(['POST /api/v1/channels.setDefault']);
    expect(precompiledValidator(missing[0]!.schema, missing[0]!.mode)).toEqual(
      new Error('type must be JSONType or JSONType[]: default'),
    );
    const r = validateRequest(op('POST /api/v1/channels.setDefault'), {
      params: { roomId: 'x', default: true },
    });
    expect(r).toMatchObject({ ok: true, schemaCheck: 'unusable' });
    expect(r.problems[0]?.message).toBe(
      'The parameter schema could not be compiled, so nothing was checked (type must be JSONType or JSONType[]: default)',
    );
  });

  it('give the same verdicts and errors as ajv compiling at run time, for every schema and sample input', () => {
    const ajv = { array: makeAjv('array'), true: makeAjv(true) };
    let compared = 0;
    for (const { schema, mode, label } of pairs) {
      const pre = precompiledValidator(schema, mode);
      const compile = () => ajv[String(mode) as 'array' | 'true'].compile(structuredClone(schema));
      if (pre instanceof Error) {
        expect(compile).toThrow(pre.message);
        continue;
      }
      if (!pre) throw new Error(`no validator for ${label}`);
      const runtime = compile();
      for (const input of samples(schema)) {
        const a = structuredClone(input);
        const b = structuredClone(input);
        const verdict = pre(a);
        expect({ label, input, verdict, errors: pre.errors ?? null, coerced: a }).toEqual({
          label,
          input,
          verdict: runtime(b),
          errors: runtime.errors ?? null,
          coerced: b,
        });
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(4000);
  });

  it('are what validateRequest uses for the bundled catalog, with the same words', () => {
    const list = validateRequest(op('GET /api/v1/channels.list'), { params: { count: 'abc' } });
    expect(list).toEqual({
      ok: false,
      problems: [{ field: 'count', message: 'count must be a number', severity: 'error' }],
      schemaCheck: 'precompiled',
    });

    const info = validateRequest(op('GET /api/v1/users.info'), { params: {} });
    expect(info.schemaCheck).toBe('precompiled');
    expect(info.problems[0]?.message).toMatch(/^userId, username, .* or freeSwitchExtension is required$/);
    expect(validateRequest(op('GET /api/v1/users.info'), { params: { username: 'demo' } }).ok).toBe(true);

    const post = validateBodyText(op('POST /api/v1/chat.postMessage'), '{"text": "hi"}');
    expect(post.schemaCheck).toBe('precompiled');
    expect(post.ok).toBe(false);
    expect(post.problems.map((p) => p.message).join(' | ')).toMatch(
      /roomId .*is required|roomId is required/,
    );
    expect(
      validateBodyText(op('POST /api/v1/chat.postMessage'), '{"roomId": "GENERAL", "text": "hi"}'),
    ).toMatchObject({ ok: true, problems: [], schemaCheck: 'precompiled' });
  });

  it('are keyed by the schema JSON: an equal copy finds one, a different schema does not', () => {
    const { schema } = pairs[0]!;
    expect(precompiledValidator(JSON.parse(JSON.stringify(schema)) as JsonSchema, pairs[0]!.mode)).toBe(
      precompiledValidator(schema, pairs[0]!.mode),
    );
    expect(precompiledValidator({ ...schema, title: 'imported' }, pairs[0]!.mode)).toBeUndefined();
    expect(schemaId({ a: 1 })).not.toBe(schemaId({ a: 2 }));
  });
});

describe('schemas that are not precompiled (imported documents)', () => {
  const imported = (): Operation => ({
    ...op('GET /api/v1/channels.list'),
    paramsSchema: { type: 'object', properties: { limit: { type: 'integer' } }, additionalProperties: false },
    schemaSource: 'openapi',
    sources: ['import:test.yaml'],
  });

  it('are compiled at run time where the page allows it', () => {
    const r = validateRequest(imported(), { params: { limit: 'x' } });
    expect(r).toEqual({
      ok: false,
      problems: [{ field: 'limit', message: 'limit must be a whole number', severity: 'error' }],
      schemaCheck: 'compiled',
    });
  });

  it('say "checked by the server only" when the page forbids compiling, and do not block sending', () => {
    setRuntimeCompilation(false);
    const r = validateRequest(imported(), { params: { limit: 'x' } });
    expect(r).toEqual({
      ok: true,
      problems: [{ field: '', message: SERVER_ONLY_MESSAGE, severity: 'warning' }],
      schemaCheck: 'server-only',
    });
    // path placeholders are still checked; the bundled catalog still is too
    expect(validateRequest(op('GET /api/v1/channels.list'), { params: { count: 'abc' } }).schemaCheck).toBe(
      'precompiled',
    );
  });
});

/**
 * The whole validation module, bundled as the browser gets it, run in a V8 context that refuses
 * code generation from strings (what a CSP without 'unsafe-eval' does): `new Function` and `eval`
 * throw EvalError there.
 */
describe('without eval (vm context with codeGeneration.strings false)', () => {
  it('checks bundled operations and turns the refusal for an imported schema into a result', async () => {
    const entry = `
      import catalog from ${JSON.stringify(path.join(generatedDir, 'catalog.json'))};
      import { operationsFromGenerated, findOperation } from ${JSON.stringify(path.resolve(here, '../catalog/operation'))};
      import { validateRequest, validateBodyText } from ${JSON.stringify(path.join(here, 'index'))};
      const ops = operationsFromGenerated(catalog);
      const list = findOperation(ops, 'GET /api/v1/channels.list');
      const post = findOperation(ops, 'POST /api/v1/chat.postMessage');
      const imported = { ...list, paramsSchema: { type: 'object', properties: { limit: { type: 'integer' } } }, schemaSource: 'openapi' };
      let evalRefused = false;
      try { new Function('return 1'); } catch (e) { evalRefused = e instanceof EvalError; }
      globalThis.out = JSON.stringify({
        evalRefused,
        list: validateRequest(list, { params: { count: 'abc' } }),
        info: validateRequest(findOperation(ops, 'GET /api/v1/users.info'), { params: {} }),
        post: validateBodyText(post, '{"roomId": "GENERAL", "text": "hi"}'),
        imported: validateRequest(imported, { params: { limit: 'x' } }),
        importedAgain: validateRequest(imported, { params: { limit: 'y' } }),
      });
    `;
    const result = await build({
      stdin: { contents: entry, resolveDir: here, loader: 'ts' },
      bundle: true,
      format: 'iife',
      platform: 'browser',
      write: false,
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]!.text;
    const context = vm.createContext(
      { console, structuredClone },
      { codeGeneration: { strings: false, wasm: false } },
    );
    vm.runInContext(code, context);
    const out = JSON.parse((context as { out: string }).out) as Record<
      string,
      { ok: boolean; problems: { message: string }[]; schemaCheck: string }
    > & { evalRefused: boolean };
    expect(out.evalRefused).toBe(true);
    expect(out.list).toEqual({
      ok: false,
      problems: [{ field: 'count', message: 'count must be a number', severity: 'error' }],
      schemaCheck: 'precompiled',
    });
    expect(out.info!.problems[0]?.message).toMatch(
      /^userId, username, .* or freeSwitchExtension is required$/,
    );
    expect(out.post).toMatchObject({ ok: true, problems: [], schemaCheck: 'precompiled' });
    expect(out.imported).toEqual({
      ok: true,
      problems: [{ field: '', message: SERVER_ONLY_MESSAGE, severity: 'warning' }],
      schemaCheck: 'server-only',
    });
    expect(out.importedAgain!.schemaCheck).toBe('server-only');
  }, 60000);

  it('the generated modules contain no eval, Function constructor or require', () => {
    for (const name of ['validators-query.js', 'validators-body.js']) {
      const text = fs.readFileSync(path.join(generatedDir, name), 'utf8');
      expect(text).toMatch(/export const validators = \{/);
      expect(text).not.toMatch(/new Function|\bFunction\(|\beval\(|\brequire\(/);
    }
  });
});

describe('schemas derived from TypeScript types', () => {
  it('report what the types declare as warnings that do not hold Send back', () => {
    const generate = findOperation(
      operationsFromGenerated(catalogJson as unknown as GeneratedCatalog),
      'POST /api/v1/users.generatePersonalAccessToken',
    );
    if (!generate) throw new Error('users.generatePersonalAccessToken is missing from the catalog');
    expect(generate.schemaSource).toBe('types');
    const r = validateBodyText(generate, '{"tokenName": "t"}');
    expect(r.ok).toBe(true);
    expect(r.problems).toContainEqual(
      expect.objectContaining({ message: 'bypassTwoFactor is required', severity: 'warning' }),
    );
  });
});
