/**
 * The ONE module that imports monaco-editor (loaded with a dynamic import() after first paint).
 *
 * Slim on purpose: the editor API, the JSON language and only the features the editors use. The
 * full `monaco-editor` entry registers ~80 languages and a TypeScript worker and is over 3 MB
 * gzipped; this is about a third of that. Paths follow the package's `./*` -> `./esm/vs/*.js`
 * exports (monaco-editor >= 0.56). Workers are bundled by Vite (`?worker`) and served from 'self',
 * so the strict CSP (no eval, worker-src 'self' blob:) holds and nothing comes from a CDN.
 */
import * as monaco from 'monaco-editor/editor/editor.api';
// The JSON language: monaco's own adapters, tokenizer and worker, wired without the stock
// register/jsonMode (which drag in every editor contribution in 0.57; see json-mode.ts).
import { jsonDefaults, registerJson, startJsonWorker } from './json-mode';
// Features used by the editors: completion, hover, bracket matching, folding (long bodies), word
// navigation, clipboard, the context menu (keyboard users reach copy/paste there) and the
// placeholder of an empty editor (an example of what goes in). Find and the
// line commands are left out (about 60 KB gzipped) to stay within the 1.1 MB budget.
import 'monaco-editor/editor/contrib/suggest/browser/suggestController';
import 'monaco-editor/editor/contrib/hover/browser/hoverContribution';
import 'monaco-editor/editor/contrib/bracketMatching/browser/bracketMatching';
import 'monaco-editor/editor/contrib/folding/browser/folding';
import 'monaco-editor/editor/contrib/clipboard/browser/clipboard';
import 'monaco-editor/editor/contrib/contextmenu/browser/contextmenu';
import 'monaco-editor/editor/contrib/wordOperations/browser/wordOperations';
import 'monaco-editor/editor/contrib/placeholderText/browser/placeholderText.contribution';

declare global {
  interface Window {
    MonacoEnvironment?: { getWorker(workerId: string, label: string): Worker };
  }
}

self.MonacoEnvironment = {
  getWorker(_workerId: string, label: string): Worker {
    // The JSON language starts its own worker (json-mode.ts). Anything else asking is monaco's
    // editor-worker service (label 'editorWorkerService'); the JSON worker contains that worker too.
    return startJsonWorker(label);
  },
};

registerJson();

export { monaco, jsonDefaults };
export type Monaco = typeof monaco;
