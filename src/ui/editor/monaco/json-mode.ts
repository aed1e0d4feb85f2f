/**
 * The JSON language for Monaco, wired from monaco-editor's own parts (the LSP adapters, the JSON
 * tokenizer and the JSON worker) without `languages/features/json/register`.
 *
 * Why: in monaco-editor 0.57 the stock JSON mode creates its worker through
 * `internal/common/workers.js`, which imports *every* editor contribution (inline completions,
 * sticky scroll, rename, code lens, quick access, ...) as side effects: about 150 KB gzipped of
 * features these editors never use, which broke the 1.1 MB budget. This file does what
 * `jsonMode.js` + `workerManager.js` do (~100 lines), creating the worker through Vite's `?worker`
 * import so it is served from 'self' (CSP) and bundled locally.
 */
import * as monaco from 'monaco-editor/editor/editor.api';
import {
  CompletionAdapter,
  DiagnosticsAdapter,
  DocumentFormattingEditProvider,
  DocumentRangeFormattingEditProvider,
  FoldingRangeAdapter,
  HoverAdapter,
  SelectionRangeAdapter,
} from 'monaco-editor/languages/features/common/lspLanguageFeatures';
import { createTokenizationSupport } from 'monaco-editor/languages/features/json/tokenization';
import JsonWorker from 'monaco-editor/language/json/json.worker?worker';

/** The part of the JSON language service's settings we use (see monaco's DiagnosticsOptions). */
export interface JsonDiagnosticsOptions {
  validate?: boolean;
  allowComments?: boolean;
  schemas?: Array<{ uri: string; fileMatch?: string[]; schema?: object }>;
  enableSchemaRequest?: boolean;
  schemaValidation?: 'error' | 'warning' | 'ignore';
  schemaRequest?: 'error' | 'warning' | 'ignore';
  trailingCommas?: 'error' | 'warning' | 'ignore';
  comments?: 'error' | 'warning' | 'ignore';
}

const LANGUAGE_ID = 'json';
const STOP_WHEN_IDLE_MS = 2 * 60_000;

class JsonDefaults {
  private readonly changed = new monaco.Emitter<JsonDefaults>();
  readonly onDidChange = this.changed.event;
  readonly languageId = LANGUAGE_ID;
  diagnosticsOptions: JsonDiagnosticsOptions = {
    validate: true,
    allowComments: false,
    schemas: [],
    enableSchemaRequest: false,
    schemaValidation: 'error',
    schemaRequest: 'ignore',
    trailingCommas: 'error',
    comments: 'error',
  };

  /** Replaces every schema and restarts the worker: call once per selected operation. */
  setDiagnosticsOptions(options: JsonDiagnosticsOptions): void {
    this.diagnosticsOptions = options;
    this.changed.fire(this);
  }
}

export const jsonDefaults = new JsonDefaults();

/**
 * A started JSON worker, ready for monaco's worker protocol. Its bootstrap expects one message to
 * start, then its create data (see monaco's internal/common/initialize.js).
 *
 * The JSON worker bundles monaco's whole base editor worker (it serves the JSON service as a
 * "foreign module" on top of it), so it also answers editor-worker requests (word ranges, links,
 * diffs): monaco-entry.ts hands it out for those too instead of bundling a second, 93 KB gzipped
 * copy of the same code as editor.worker.
 */
export function startJsonWorker(name: string): Worker {
  const options = jsonDefaults.diagnosticsOptions;
  const worker = new JsonWorker({ name });
  worker.postMessage('ignore');
  worker.postMessage({
    languageSettings: options,
    languageId: LANGUAGE_ID,
    enableSchemaRequest: options.enableSchemaRequest ?? false,
  });
  return worker;
}

type JsonWorkerProxy = { resetSchema(uri: string): Promise<boolean> };

/** Starts the JSON worker on first use, restarts it when the settings change, stops it when idle. */
class WorkerManager {
  private worker: monaco.editor.MonacoWebWorker<JsonWorkerProxy> | null = null;
  private client: Promise<JsonWorkerProxy> | null = null;
  private lastUsed = 0;
  private readonly idleCheck = window.setInterval(() => this.stopIfIdle(), 30_000);
  private readonly configListener = jsonDefaults.onDidChange(() => this.stop());

  private stop(): void {
    this.worker?.dispose();
    this.worker = null;
    this.client = null;
  }

  private stopIfIdle(): void {
    if (this.worker && Date.now() - this.lastUsed > STOP_WHEN_IDLE_MS) this.stop();
  }

  dispose(): void {
    clearInterval(this.idleCheck);
    this.configListener.dispose();
    this.stop();
  }

  private getClient(): Promise<JsonWorkerProxy> {
    this.lastUsed = Date.now();
    if (!this.client) {
      const worker = startJsonWorker(LANGUAGE_ID);
      this.worker = monaco.editor.createWebWorker<JsonWorkerProxy>({ worker });
      this.client = this.worker.getProxy();
    }
    return this.client;
  }

  async getLanguageServiceWorker(...resources: monaco.Uri[]): Promise<JsonWorkerProxy> {
    const client = await this.getClient();
    if (this.worker) await this.worker.withSyncedResources(resources);
    return client;
  }
}

const richEditConfiguration: monaco.languages.LanguageConfiguration = {
  wordPattern: /(-?\d*\.\d\w*)|([^[{\]}:",\s]+)/g,
  brackets: [
    ['{', '}'],
    ['[', ']'],
  ],
  autoClosingPairs: [
    { open: '{', close: '}', notIn: ['string'] },
    { open: '[', close: ']', notIn: ['string'] },
    { open: '"', close: '"', notIn: ['string'] },
  ],
};

function setupMode(): void {
  const manager = new WorkerManager();
  const worker = (...uris: monaco.Uri[]) => manager.getLanguageServiceWorker(...uris);
  const { languages } = monaco;
  languages.registerDocumentFormattingEditProvider(LANGUAGE_ID, new DocumentFormattingEditProvider(worker));
  languages.registerDocumentRangeFormattingEditProvider(
    LANGUAGE_ID,
    new DocumentRangeFormattingEditProvider(worker),
  );
  languages.registerCompletionItemProvider(LANGUAGE_ID, new CompletionAdapter(worker, [' ', ':', '"']));
  languages.registerHoverProvider(LANGUAGE_ID, new HoverAdapter(worker));
  languages.registerFoldingRangeProvider(LANGUAGE_ID, new FoldingRangeAdapter(worker));
  languages.registerSelectionRangeProvider(LANGUAGE_ID, new SelectionRangeAdapter(worker));
  languages.setTokensProvider(LANGUAGE_ID, createTokenizationSupport(false));
  languages.setLanguageConfiguration(LANGUAGE_ID, richEditConfiguration);
  // Diagnostics: markers from the worker; a model's schema association is reset when it goes away.
  new DiagnosticsAdapter(LANGUAGE_ID, worker, jsonDefaults.onDidChange);
  monaco.editor.onWillDisposeModel((model) => {
    if (model.getLanguageId() === LANGUAGE_ID) void worker().then((w) => w.resetSchema(model.uri.toString()));
  });
}

let registered = false;

/** Registers the JSON language once; the mode starts when the first JSON model is created. */
export function registerJson(): void {
  if (registered) return;
  registered = true;
  monaco.languages.register({
    id: LANGUAGE_ID,
    extensions: ['.json'],
    aliases: ['JSON', 'json'],
    mimetypes: ['application/json'],
  });
  monaco.languages.onLanguage(LANGUAGE_ID, setupMode);
}
