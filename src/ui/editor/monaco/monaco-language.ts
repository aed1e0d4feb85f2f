/**
 * Installs, once per page, what the JSON editors add to Monaco: the light/dark themes (following
 * the system setting live), one completion provider and one hover provider for MongoDB operators
 * and the operation's model fields, and the JSON Schemas of the selected operation.
 *
 * Providers are registered once and read the current context from this module, so selecting another
 * operation costs one `setDiagnosticsOptions` call (which restarts the JSON worker) and nothing else.
 */
import type * as MonacoApi from 'monaco-editor/editor/editor.api';
import { getLocation, type JSONPath, type Location } from 'jsonc-parser';
import {
  editorModelUri,
  type EditorLanguageContext,
  type JsonParamName,
  type OperatorInfo,
} from '../editor-context';
import modelsFile from '../generated/models.json';
import { completionKind, type CompletionSlot } from '../completion-slot';

type Monaco = typeof MonacoApi;
type FieldEntry = [name: string, type: string, optional: 0 | 1, doc?: string];

const MODELS = (modelsFile as unknown as { models: Record<string, FieldEntry[]> }).models;

let installed = false;
let context: EditorLanguageContext = { key: '', modelName: undefined, schemas: {}, operators: [] };
let pushedSchemasKey: string | null = null;
let monacoRef: Monaco | null = null;

export const LIGHT_THEME = 'explorer-light';
export const DARK_THEME = 'explorer-dark';

/** Field entries of a model, or none. */
export function modelFields(modelName: string | undefined): FieldEntry[] {
  return modelName ? (MODELS[modelName] ?? []) : [];
}

function editorNameOf(model: MonacoApi.editor.ITextModel): JsonParamName | 'body' | undefined {
  const match = /^inmemory:\/\/explorer\/(query|fields|sort|body)\.json$/.exec(model.uri.toString());
  return match?.[1] as JsonParamName | 'body' | undefined;
}

function defineThemes(monaco: Monaco): void {
  // Backgrounds match --surface in theme.css so the editor sits in the pane, not on top of it.
  monaco.editor.defineTheme(LIGHT_THEME, {
    base: 'vs',
    inherit: true,
    rules: [],
    colors: { 'editor.background': '#ffffff' },
  });
  monaco.editor.defineTheme(DARK_THEME, {
    base: 'vs-dark',
    inherit: true,
    rules: [],
    colors: { 'editor.background': '#181d26' },
  });
}

function followSystemTheme(monaco: Monaco): void {
  const dark = window.matchMedia('(prefers-color-scheme: dark)');
  const apply = () => monaco.editor.setTheme(dark.matches ? DARK_THEME : LIGHT_THEME);
  apply();
  dark.addEventListener('change', apply);
}

/** The range a completion replaces: the key being typed, opening quote included. */
function replaceRange(
  monaco: Monaco,
  model: MonacoApi.editor.ITextModel,
  position: MonacoApi.Position,
  location: Location,
): { range: MonacoApi.IRange; quoted: boolean } {
  const offset = model.getOffsetAt(position);
  const node = location.previousNode;
  if (
    node &&
    (node.type === 'property' || node.type === 'string') &&
    node.offset <= offset &&
    offset <= node.offset + node.length
  ) {
    const raw = model.getValue().slice(node.offset, node.offset + node.length);
    const closed = raw.length >= 2 && raw.endsWith('"');
    const start = model.getPositionAt(node.offset);
    const end = closed ? model.getPositionAt(node.offset + node.length) : position;
    return {
      range: new monaco.Range(start.lineNumber, start.column, end.lineNumber, end.column),
      quoted: true,
    };
  }
  const word = model.getWordUntilPosition(position);
  return {
    range: new monaco.Range(position.lineNumber, word.startColumn, position.lineNumber, word.endColumn),
    quoted: false,
  };
}

function operatorItem(
  monaco: Monaco,
  op: OperatorInfo,
  range: MonacoApi.IRange,
): MonacoApi.languages.CompletionItem {
  return {
    label: { label: op.name, description: op.allowed ? 'MongoDB operator' : 'refused by Rocket.Chat' },
    kind: monaco.languages.CompletionItemKind.Operator,
    // Refused operators are struck through and listed after the ones that work.
    tags: op.allowed ? [] : [monaco.languages.CompletionItemTag.Deprecated],
    detail: op.allowed ? 'allowed by Rocket.Chat' : 'refused by Rocket.Chat',
    documentation: op.note,
    insertText: `"${op.name}"`,
    filterText: `"${op.name}"`,
    sortText: `${op.allowed ? '1' : '3'}${op.name}`,
    range,
  };
}

function fieldItem(
  monaco: Monaco,
  field: FieldEntry,
  modelName: string,
  range: MonacoApi.IRange,
): MonacoApi.languages.CompletionItem {
  const [name, type, optional, doc] = field;
  return {
    label: { label: name, description: type },
    kind: monaco.languages.CompletionItemKind.Field,
    detail: `${modelName}.${name}${optional ? '?' : ''}: ${type}`,
    documentation: doc,
    insertText: `"${name}"`,
    filterText: `"${name}"`,
    sortText: `2${name}`,
    range,
  };
}

function provideCompletions(
  monaco: Monaco,
  model: MonacoApi.editor.ITextModel,
  position: MonacoApi.Position,
): MonacoApi.languages.CompletionList {
  const editor = editorNameOf(model);
  if (!editor || editor === 'body') return { suggestions: [] };
  const location = getLocation(model.getValue(), model.getOffsetAt(position));
  const slot: CompletionSlot = completionKind(editor, location.path as JSONPath, location.isAtPropertyKey);
  if (slot.kind === 'none') return { suggestions: [] };
  const { range } = replaceRange(monaco, model, position, location);
  const suggestions: MonacoApi.languages.CompletionItem[] = [];
  if (slot.fields && context.modelName) {
    for (const field of modelFields(context.modelName))
      suggestions.push(fieldItem(monaco, field, context.modelName, range));
  }
  for (const op of context.operators) {
    const wanted = op.level === 'both' || (op.level === 'top' ? slot.topOperators : slot.fieldOperators);
    if (wanted) suggestions.push(operatorItem(monaco, op, range));
  }
  return { suggestions, incomplete: false };
}

function provideHover(
  monaco: Monaco,
  model: MonacoApi.editor.ITextModel,
  position: MonacoApi.Position,
): MonacoApi.languages.Hover | null {
  const editor = editorNameOf(model);
  if (!editor || editor === 'body') return null;
  const location = getLocation(model.getValue(), model.getOffsetAt(position));
  const node = location.previousNode;
  if (!location.isAtPropertyKey || !node || node.type !== 'property' || typeof node.value !== 'string')
    return null;
  const name = node.value;
  const start = model.getPositionAt(node.offset);
  const end = model.getPositionAt(node.offset + node.length);
  const range = new monaco.Range(start.lineNumber, start.column, end.lineNumber, end.column);
  if (name.startsWith('$')) {
    const op = context.operators.find((o) => o.name === name);
    if (!op) return null;
    return {
      range,
      contents: [
        { value: `**${op.name}**: ${op.allowed ? 'allowed by Rocket.Chat' : 'refused by Rocket.Chat'}` },
        { value: op.note },
      ],
    };
  }
  const field = modelFields(context.modelName).find((f) => f[0] === name);
  if (!field || !context.modelName) return null;
  const [, type, optional, doc] = field;
  const contents: MonacoApi.IMarkdownString[] = [
    { value: `**${name}**${optional ? ' (optional)' : ''}: \`${type}\` — field of \`${context.modelName}\`` },
  ];
  if (doc) contents.push({ value: doc });
  return { range, contents };
}

/** Sends the selected operation's schemas to the JSON worker, only when the operation changed. */
function pushSchemas(): void {
  const monaco = monacoRef;
  if (!monaco || pushedSchemasKey === context.key) return;
  pushedSchemasKey = context.key;
  const schemas = Object.entries(context.schemas).map(([name, schema]) => ({
    uri: `inmemory://explorer/schema/${encodeURIComponent(context.key)}/${name}.json`,
    fileMatch: [editorModelUri(name as JsonParamName | 'body')],
    schema,
  }));
  jsonDefaultsRef?.setDiagnosticsOptions({
    validate: true,
    allowComments: false,
    trailingCommas: 'error',
    comments: 'error',
    enableSchemaRequest: false,
    schemaValidation: 'error',
    schemas,
  });
}

type JsonDefaults = { setDiagnosticsOptions(options: object): void };
let jsonDefaultsRef: JsonDefaults | null = null;

/** Called once by the loader with the entry module. */
export function installLanguage(monaco: Monaco, jsonDefaults: JsonDefaults): void {
  if (installed) return;
  installed = true;
  monacoRef = monaco;
  jsonDefaultsRef = jsonDefaults;
  defineThemes(monaco);
  followSystemTheme(monaco);
  monaco.languages.registerCompletionItemProvider('json', {
    triggerCharacters: ['"', '$'],
    provideCompletionItems: (model, position) => provideCompletions(monaco, model, position),
  });
  monaco.languages.registerHoverProvider('json', {
    provideHover: (model, position) => provideHover(monaco, model, position),
  });
  pushedSchemasKey = null;
  pushSchemas();
}

/** The React side calls this whenever the selected operation's context may have changed. */
export function setLanguageContext(next: EditorLanguageContext): void {
  context = next;
  pushSchemas();
}
