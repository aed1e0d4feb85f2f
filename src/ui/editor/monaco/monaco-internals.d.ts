// Types for the two monaco-editor modules the slim JSON mode uses that ship without .d.ts files.
// Only what json-mode.ts calls; the shapes match monaco-editor 0.57's esm sources.
declare module 'monaco-editor/languages/features/common/lspLanguageFeatures' {
  import type { IDisposable, IEvent, Uri, languages } from 'monaco-editor/editor/editor.api';
  type WorkerAccessor = (...uris: Uri[]) => Promise<unknown>;
  export class DiagnosticsAdapter implements IDisposable {
    constructor(languageId: string, worker: WorkerAccessor, configChangeEvent: IEvent<unknown>);
    dispose(): void;
  }
  export class CompletionAdapter implements languages.CompletionItemProvider {
    constructor(worker: WorkerAccessor, triggerCharacters: string[]);
    provideCompletionItems: languages.CompletionItemProvider['provideCompletionItems'];
  }
  export class HoverAdapter implements languages.HoverProvider {
    constructor(worker: WorkerAccessor);
    provideHover: languages.HoverProvider['provideHover'];
  }
  export class FoldingRangeAdapter implements languages.FoldingRangeProvider {
    constructor(worker: WorkerAccessor);
    provideFoldingRanges: languages.FoldingRangeProvider['provideFoldingRanges'];
  }
  export class SelectionRangeAdapter implements languages.SelectionRangeProvider {
    constructor(worker: WorkerAccessor);
    provideSelectionRanges: languages.SelectionRangeProvider['provideSelectionRanges'];
  }
  export class DocumentFormattingEditProvider implements languages.DocumentFormattingEditProvider {
    constructor(worker: WorkerAccessor);
    provideDocumentFormattingEdits: languages.DocumentFormattingEditProvider['provideDocumentFormattingEdits'];
  }
  export class DocumentRangeFormattingEditProvider implements languages.DocumentRangeFormattingEditProvider {
    constructor(worker: WorkerAccessor);
    provideDocumentRangeFormattingEdits: languages.DocumentRangeFormattingEditProvider['provideDocumentRangeFormattingEdits'];
  }
}

declare module 'monaco-editor/languages/features/json/tokenization' {
  import type { languages } from 'monaco-editor/editor/editor.api';
  export function createTokenizationSupport(supportComments: boolean): languages.TokensProvider;
}
