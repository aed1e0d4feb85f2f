/**
 * Loads the JSON Schemas behind the package's compiled `is*Props` ajv validators.
 *
 * The rest-typings `dist` is ESM with extensionless and directory imports, which plain Node (and
 * tsx) refuse to load. esbuild resolves them, so the modules that declare validators are bundled
 * into one temporary ESM file, imported once, and each validator's `.schema` is read back.
 *
 * `ajv` itself is replaced by a stub during bundling: its `compile(schema)` returns a function that
 * only remembers the schema and the instance's `coerceTypes` (the package keeps two instances:
 * `ajv` for bodies, coerceTypes true, and `ajvQuery` for query strings, coerceTypes 'array'). So
 * no validator code runs and a schema that real ajv would refuse (one in 8.8.1 does) is still read.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import type { ValidatorRef } from './typings';

export type JsonSchema = Record<string, unknown>;

export interface ValidatorSchema {
  schema: JsonSchema;
  /** `array` for the package's `ajvQuery` instance (query strings), `true` for `ajv` (bodies). */
  coerceTypes: boolean | 'array';
}

const AJV_STUB = `
export default class Ajv {
  constructor(opts) { this.opts = opts || {}; }
  compile(schema) { const f = () => true; f.schema = schema; f.coerceTypes = this.opts.coerceTypes ?? false; return f; }
  addFormat() { return this; }
  addKeyword() { return this; }
  addSchema() { return this; }
}
export { Ajv };
`;

export async function loadValidatorSchemas(
  refs: ValidatorRef[],
  packageDir: string,
): Promise<Map<string, ValidatorSchema>> {
  const files = [...new Set(refs.map((r) => r.jsFile))].sort();
  const lines = files.map((f, i) => `export * as m${i} from ${JSON.stringify(f)};`);
  const result = await build({
    stdin: { contents: lines.join('\n'), resolveDir: packageDir, loader: 'js' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
    logLevel: 'silent',
    plugins: [
      {
        name: 'ajv-stub',
        setup(b) {
          b.onResolve({ filter: /^ajv(-formats)?(\/.*)?$/ }, (args) => ({
            path: args.path,
            namespace: 'ajv-stub',
          }));
          b.onLoad({ filter: /.*/, namespace: 'ajv-stub' }, (args) => ({
            contents:
              args.path === 'ajv-formats' ? 'export default function addFormats(a) { return a; }' : AJV_STUB,
            loader: 'js',
          }));
        },
      },
    ],
  });
  const code = result.outputFiles[0]?.text;
  if (!code) throw new Error('esbuild produced no output for rest-typings validators');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rc-catalog-'));
  const file = path.join(tmp, 'validators.mjs');
  fs.writeFileSync(file, code);
  try {
    const mod = (await import(pathToFileURL(file).href)) as Record<string, Record<string, unknown>>;
    const out = new Map<string, ValidatorSchema>();
    for (const ref of refs) {
      const m = mod[`m${files.indexOf(ref.jsFile)}`];
      const fn = m?.[ref.name] as { schema?: unknown; coerceTypes?: boolean | 'array' } | undefined;
      if (fn && typeof fn.schema === 'object' && fn.schema !== null) {
        out.set(validatorKey(ref), { schema: fn.schema as JsonSchema, coerceTypes: fn.coerceTypes ?? false });
      }
    }
    return out;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

export function validatorKey(ref: ValidatorRef): string {
  return `${ref.relFile}#${ref.name}`;
}
