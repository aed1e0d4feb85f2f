/**
 * `npm run catalog`: writes src/core/catalog/generated/catalog.json (and, from it, the precompiled
 * ajv validators `validators-query.js`/`validators-body.js`, see standalone.ts) from the pinned
 * @rocket.chat/rest-typings. Deterministic: operations sorted by path then method, schemas
 * deduplicated in first-use order, one operation per line. The file is committed, so a fresh clone
 * needs neither this script nor the network; generate.test.ts fails when it is out of date.
 *
 *   npm run catalog            write the file
 *   npm run catalog -- --check exit 1 when a committed file differs from the generator output
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { analyseTypings, type TypedOperation } from './typings';
import { loadValidatorSchemas, validatorKey, type JsonSchema } from './validators';
import { isModelName, schemaFromType, typeName } from './schema-from-type';
import {
  fullPath,
  groupOf,
  jsonParamsOf,
  needsAuth,
  PARAMS_NOT_FROM_TYPES,
} from '../../src/core/catalog/rules';
import type { GeneratedCatalog, GeneratedOperation, HttpMethod } from '../../src/core/catalog/types';
import { buildValidatorModules, type GeneratedFile } from './standalone';

export const OUTPUT_FILE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../src/core/catalog/generated/catalog.json',
);
export const OUTPUT_DIR = path.dirname(OUTPUT_FILE);

const METHOD_ORDER: HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

function topLevelNames(schema: JsonSchema | undefined): string[] {
  if (!schema) return [];
  const names = new Set<string>();
  const visit = (s: unknown): void => {
    if (!s || typeof s !== 'object') return;
    const o = s as JsonSchema;
    if (o.properties && typeof o.properties === 'object')
      for (const k of Object.keys(o.properties)) names.add(k);
    for (const key of ['anyOf', 'oneOf', 'allOf'] as const)
      if (Array.isArray(o[key])) (o[key] as unknown[]).forEach(visit);
  };
  visit(schema);
  return [...names];
}

function modelNameOf(checker: ts.TypeChecker, t: ts.Type): string | undefined {
  const n = typeName(checker, t);
  if (isModelName(n)) return n;
  if (t.isIntersection()) return t.types.map((x) => typeName(checker, x)).find(isModelName);
  return undefined;
}

/**
 * Result keys, and the model of the returned items: the first array of a model type (`users:
 * IUser[]`), else the first property of a model type (`user: IUser`), else the result itself when
 * it is a model (`/me` returns the user: key `''`).
 */
function resultFacts(checker: ts.TypeChecker, op: TypedOperation) {
  const members = op.resultType.isUnion() ? op.resultType.types : [op.resultType];
  const keys = new Set<string>();
  let itemModel: GeneratedOperation['itemModel'];
  for (const m of members) {
    const whole = modelNameOf(checker, m);
    if (whole && !itemModel) itemModel = { key: '', type: whole, array: false };
  }
  for (const m of members) {
    if (m.flags & (ts.TypeFlags.Void | ts.TypeFlags.Undefined | ts.TypeFlags.Any | ts.TypeFlags.Unknown))
      continue;
    if (!(m.flags & ts.TypeFlags.Object) && !m.isIntersection()) continue;
    if (checker.isArrayType(m)) continue;
    for (const p of checker.getPropertiesOfType(m)) {
      keys.add(p.getName());
      if (itemModel?.array) continue;
      const t = checker.getNonNullableType(checker.getTypeOfSymbol(p));
      if (checker.isArrayType(t)) {
        const el = checker.getTypeArguments(t as ts.TypeReference)[0];
        const n = el && modelNameOf(checker, el);
        if (n && itemModel?.key !== '') itemModel = { key: p.getName(), type: n, array: true };
      } else if (!itemModel) {
        const n = modelNameOf(checker, t);
        if (n) itemModel = { key: p.getName(), type: n, array: false };
      }
    }
  }
  return {
    keys: [...keys].sort(),
    itemModel,
    paginatedResult: keys.has('count') && keys.has('offset') && keys.has('total'),
  };
}

/**
 * A query string cannot carry an object: where the types say a top-level query parameter is an
 * object, the server reads it as JSON text, so the schema says "string (JSON)".
 */
function objectsAsJsonStrings(schema: JsonSchema): JsonSchema {
  const isObjectish = (s: JsonSchema): boolean =>
    s.type === 'object' ||
    (Array.isArray(s.anyOf) && (s.anyOf as JsonSchema[]).every((x) => x.type === 'object'));
  const fix = (s: JsonSchema): JsonSchema => {
    if (Array.isArray(s.anyOf)) return { ...s, anyOf: (s.anyOf as JsonSchema[]).map(fix) };
    if (!s.properties) return s;
    const properties = Object.fromEntries(
      Object.entries(s.properties as Record<string, JsonSchema>).map(([k, v]) => [
        k,
        isObjectish(v) ? { type: 'string', contentMediaType: 'application/json' } : v,
      ]),
    );
    return { ...s, properties };
  };
  return fix(schema);
}

/** What a Rocket.Chat list route reads when its validator says nothing (see emptyPaged). */
const PAGED_LIST_PARAMS: JsonSchema = {
  type: 'object',
  properties: {
    count: { type: 'number' },
    offset: { type: 'number' },
    sort: { type: 'string' },
    fields: { type: 'string' },
    query: { type: 'string' },
  },
  required: [],
  additionalProperties: true,
};

/** A schema that accepts anything and names no parameter. */
export function isUnconstrained(schema: JsonSchema): boolean {
  return Object.keys(schema).every(
    (key) => key === '$schema' || key === '$id' || key === 'additionalProperties',
  );
}

/** Builds the catalog and returns it with its exact file text. */
export async function buildCatalog(): Promise<{ catalog: GeneratedCatalog; text: string }> {
  const typings = analyseTypings();
  const { checker } = typings;
  const refs = typings.operations.flatMap((o) => (o.validator ? [o.validator] : []));
  const validatorSchemas = await loadValidatorSchemas(refs, typings.packageDir);

  const schemas: JsonSchema[] = [];
  const schemaIndex = new Map<string, number>();
  const intern = (s: JsonSchema): number => {
    const k = JSON.stringify(s);
    let i = schemaIndex.get(k);
    if (i === undefined) {
      i = schemas.length;
      schemas.push(s);
      schemaIndex.set(k, i);
    }
    return i;
  };

  const sorted = [...typings.operations].map((op) => ({ op, path: fullPath(op.key) }));
  sorted.sort((a, b) =>
    a.path < b.path
      ? -1
      : a.path > b.path
        ? 1
        : METHOD_ORDER.indexOf(a.op.method) - METHOD_ORDER.indexOf(b.op.method),
  );

  const modelTypes = new Map<string, ts.Type>();
  const operations: GeneratedOperation[] = [];
  for (const { op, path: p } of sorted) {
    const method = op.method as HttpMethod;
    let schema: JsonSchema | undefined;
    let src: 'v' | 't' | undefined;
    const found = op.validator && validatorSchemas.get(validatorKey(op.validator));
    const result = resultFacts(checker, op);
    // An empty validator schema (`{}`: groups.list's isGroupsListProps, typed PaginatedRequest<null>,
    // which TypeScript reduces to never) checks nothing, while the route still reads count, offset
    // and the JSON params (getPaginationItems, parseJsonQuery) and answers a page: the form gets
    // those parameters instead of "This endpoint takes no parameters" beside a pager.
    const emptyPaged = found !== undefined && isUnconstrained(found.schema) && result.paginatedResult;
    const fromValidator = found && !emptyPaged ? found : undefined;
    if (emptyPaged) {
      schema = PAGED_LIST_PARAMS;
      src = 'v';
    } else if (fromValidator) {
      schema = fromValidator.schema;
      src = 'v';
    } else if (op.paramsType && !PARAMS_NOT_FROM_TYPES.has(`${method} ${p}`)) {
      schema = schemaFromType(checker, op.paramsType);
      if (method === 'GET' || method === 'DELETE') schema = objectsAsJsonStrings(schema);
      src = 't';
    }
    const names = topLevelNames(schema);
    const paginated = (names.includes('count') && names.includes('offset')) || result.paginatedResult;
    const jsonParams = jsonParamsOf(method, p, names);
    const out: GeneratedOperation = { method, path: p, group: groupOf(p) };
    if (schema) {
      out.schema = intern(schema);
      out.src = src;
    }
    if (paginated) out.paginated = true;
    if (!needsAuth(method, p)) out.auth = false;
    if (result.keys.length > 0) out.resultKeys = result.keys;
    if (jsonParams.length > 0) out.jsonParams = jsonParams;
    if (result.itemModel) {
      out.itemModel = result.itemModel;
      if (!modelTypes.has(result.itemModel.type))
        modelTypes.set(result.itemModel.type, findModelType(checker, op, result.itemModel));
    }
    if (typeof schema?.description === 'string') out.summary = schema.description;
    operations.push(out);
  }

  const models: Record<string, string[]> = {};
  for (const name of [...modelTypes.keys()].sort()) {
    models[name] = checker
      .getPropertiesOfType(modelTypes.get(name)!)
      .map((s) => s.getName())
      .filter((n) => !n.startsWith('__'))
      .sort();
  }

  const catalog: GeneratedCatalog = {
    generatedFrom: `@rocket.chat/rest-typings@${typings.version}`,
    count: operations.length,
    schemas,
    models,
    operations,
  };
  return { catalog, text: serialise(catalog) };
}

function findModelType(
  checker: ts.TypeChecker,
  op: TypedOperation,
  model: { key: string; array: boolean },
): ts.Type {
  const members = op.resultType.isUnion() ? op.resultType.types : [op.resultType];
  if (model.key === '') return members.find((m) => modelNameOf(checker, m)) ?? op.resultType;
  for (const m of members) {
    const prop = m.getProperty?.(model.key) ?? checker.getPropertyOfType(m, model.key);
    if (!prop) continue;
    const t = checker.getNonNullableType(checker.getTypeOfSymbol(prop));
    return model.array ? checker.getTypeArguments(t as ts.TypeReference)[0]! : t;
  }
  return op.resultType;
}

/** Stable formatting: compact JSON, one schema and one operation per line (readable diffs). */
export function serialise(c: GeneratedCatalog): string {
  const lines = (xs: unknown[]) => xs.map((x) => '    ' + JSON.stringify(x)).join(',\n');
  return (
    '{\n' +
    `  "generatedFrom": ${JSON.stringify(c.generatedFrom)},\n` +
    `  "count": ${c.count},\n` +
    `  "models": ${JSON.stringify(c.models)},\n` +
    `  "schemas": [\n${lines(c.schemas)}\n  ],\n` +
    `  "operations": [\n${lines(c.operations)}\n  ]\n}\n`
  );
}

/** Every generated file: the catalog, then the precompiled validators. */
export async function buildAll(): Promise<{ catalog: GeneratedCatalog; files: GeneratedFile[] }> {
  const { catalog, text } = await buildCatalog();
  return { catalog, files: [{ file: OUTPUT_FILE, text }, ...buildValidatorModules(catalog, OUTPUT_DIR)] };
}

async function main(): Promise<void> {
  const { catalog, files } = await buildAll();
  const rel = (f: string) => path.relative(process.cwd(), f);
  if (process.argv.includes('--check')) {
    const stale = files.filter(
      (f) => (fs.existsSync(f.file) ? fs.readFileSync(f.file, 'utf8') : '') !== f.text,
    );
    if (stale.length > 0) {
      console.error(
        `${stale.map((f) => rel(f.file)).join(', ')} ${stale.length > 1 ? 'are' : 'is'} out of date: run npm run catalog`,
      );
      process.exit(1);
    }
    console.log(`catalog up to date (${catalog.count} operations, ${files.length} files)`);
    return;
  }
  fs.mkdirSync(OUTPUT_DIR, { recursive: true });
  const { gzipSync } = await import('node:zlib');
  const byMethod: Record<string, number> = {};
  for (const o of catalog.operations) byMethod[o.method] = (byMethod[o.method] ?? 0) + 1;
  console.log(`${catalog.count} operations ${JSON.stringify(byMethod)}, ${catalog.schemas.length} schemas`);
  for (const f of files) {
    fs.writeFileSync(f.file, f.text);
    const bytes = Buffer.byteLength(f.text);
    console.log(
      `wrote ${rel(f.file)}: ${bytes} bytes raw, ${gzipSync(f.text, { level: 9 }).length} bytes gzipped`,
    );
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
