/**
 * Field names (and a short type text) of the Rocket.Chat model types, for completion and hover of
 * field names in the `query`, `fields` and `sort` editors.
 *
 * Read with the TypeScript compiler API from the pinned @rocket.chat/core-typings .d.ts files
 * (nothing is imported or executed). The models are the item types the catalog names
 * (`itemModel.type` in src/core/catalog/generated/catalog.json) plus the common ones below, so a
 * person querying `users.list` gets `IUser`'s fields. One level of nested object fields is listed
 * with dotted names (`u.username`, `emails.address`), as MongoDB queries use them.
 *
 * Output: src/ui/editor/generated/models.json (committed; a test checks it is up to date).
 * Run: `npx tsx scripts/models/generate.ts` (or `--check` to only compare).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const OUTPUT_FILE = path.join(root, 'src/ui/editor/generated/models.json');
const CATALOG_FILE = path.join(root, 'src/core/catalog/generated/catalog.json');

/** Always listed, whether or not the catalog names them yet. */
const BASE_MODELS = ['IUser', 'IRoom', 'IMessage', 'ISubscription', 'ITeam', 'IUpload', 'IRole', 'ISetting'];

/** Keep hover text short: a field's type can be a page long (unions of UI-kit blocks). */
const MAX_TYPE_TEXT = 80;
const MAX_DOC_TEXT = 160;

/** One field: [name, type text, optional?, doc?] kept as a tuple to keep the file compact. */
export type FieldEntry = [name: string, type: string, optional: 0 | 1, doc?: string];

export interface ModelsFile {
  generatedFrom: string;
  models: Record<string, FieldEntry[]>;
}

function coreTypingsDir(): string {
  return path.dirname(require.resolve('@rocket.chat/core-typings/package.json'));
}

/** Model types named by the catalog, if the catalog has been generated. */
function catalogModelNames(): string[] {
  try {
    const catalog = JSON.parse(readFileSync(CATALOG_FILE, 'utf8')) as {
      operations?: Array<{ itemModel?: { type: string } }>;
    };
    return (catalog.operations ?? []).flatMap((op) => (op.itemModel ? [op.itemModel.type] : []));
  } catch {
    return [];
  }
}

function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

/** Object-like types whose own properties are worth listing as dotted names. */
function nestedObjectType(checker: ts.TypeChecker, type: ts.Type): ts.Type | undefined {
  let candidate = checker.getNonNullableType(type);
  if (checker.isArrayType(candidate)) {
    candidate = (checker.getTypeArguments(candidate as ts.TypeReference)[0] ?? candidate) as ts.Type;
  }
  if (candidate.isUnion()) return undefined;
  if (!(candidate.flags & (ts.TypeFlags.Object | ts.TypeFlags.Intersection))) return undefined;
  const name = candidate.getSymbol()?.getName();
  // Dates, functions and index signatures (customFields: Record<string, unknown>) have no fixed fields.
  if (name === 'Date' || candidate.getCallSignatures().length > 0) return undefined;
  const props = checker.getPropertiesOfType(candidate);
  if (props.length === 0 || props.length > 40) return undefined;
  return candidate;
}

function fieldsOf(checker: ts.TypeChecker, type: ts.Type, location: ts.Node): FieldEntry[] {
  const out: FieldEntry[] = [];
  const visit = (t: ts.Type, prefix: string, depth: number): void => {
    for (const prop of checker.getPropertiesOfType(t)) {
      const name = prop.getName();
      if (name.startsWith('__')) continue;
      const propType = checker.getTypeOfSymbolAtLocation(prop, location);
      const typeText = shorten(
        checker.typeToString(
          checker.getNonNullableType(propType),
          undefined,
          ts.TypeFormatFlags.NoTruncation,
        ),
        MAX_TYPE_TEXT,
      );
      const optional: 0 | 1 = prop.flags & ts.SymbolFlags.Optional ? 1 : 0;
      const doc = shorten(ts.displayPartsToString(prop.getDocumentationComment(checker)), MAX_DOC_TEXT);
      const entry: FieldEntry = [prefix + name, typeText, optional];
      if (doc !== '') entry.push(doc);
      out.push(entry);
      if (depth === 0) {
        const nested = nestedObjectType(checker, propType);
        if (nested) visit(nested, `${prefix}${name}.`, depth + 1);
      }
    }
  };
  visit(type, '', 0);
  return out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

export function generateModels(): ModelsFile {
  const dir = coreTypingsDir();
  const version = (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string })
    .version;
  const entry = path.join(dir, 'dist', 'index.d.ts');
  const program = ts.createProgram([entry], {
    noEmit: true,
    skipLibCheck: true,
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(entry);
  if (!source) throw new Error(`Cannot read ${entry}`);
  const moduleSymbol = checker.getSymbolAtLocation(source);
  if (!moduleSymbol) throw new Error('core-typings index has no module symbol');
  const exports = new Map(checker.getExportsOfModule(moduleSymbol).map((s) => [s.getName(), s]));

  const wanted = [...new Set([...BASE_MODELS, ...catalogModelNames()])].sort();
  const models: Record<string, FieldEntry[]> = {};
  for (const name of wanted) {
    let symbol = exports.get(name);
    if (!symbol) continue; // rest-typings declares a few item types itself; they have no entry here.
    if (symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
    const type = checker.getDeclaredTypeOfSymbol(symbol);
    const fields = fieldsOf(checker, type, source);
    if (fields.length > 0) models[name] = fields;
  }
  return { generatedFrom: `@rocket.chat/core-typings@${version}`, models };
}

/** One model per line: small diffs, still compact. */
export function serialize(file: ModelsFile): string {
  const lines = Object.entries(file.models).map(
    ([name, fields]) => `    ${JSON.stringify(name)}: ${JSON.stringify(fields)}`,
  );
  return `{\n  "generatedFrom": ${JSON.stringify(file.generatedFrom)},\n  "models": {\n${lines.join(',\n')}\n  }\n}\n`;
}

const isMain =
  process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const text = serialize(generateModels());
  if (process.argv.includes('--check')) {
    const current = readFileSync(OUTPUT_FILE, 'utf8');
    if (current !== text) {
      console.error(
        `${path.relative(root, OUTPUT_FILE)} is out of date: run npx tsx scripts/models/generate.ts`,
      );
      process.exit(1);
    }
  } else {
    writeFileSync(OUTPUT_FILE, text);
    console.log(`Wrote ${path.relative(root, OUTPUT_FILE)} (${text.length} bytes)`);
  }
}
