import { loadEditorChecks, type EditorChecksModule } from '../editor';
import { lazyModule } from '../lib/lazy-module';

/**
 * The query/fields/sort and Body checks bring the JSON-parameter rules (jsonc-parser, ejson, mingo,
 * the MongoDB operator list): loaded after the first paint, like the editors that show them.
 */
export const editorChecks = lazyModule<EditorChecksModule>(loadEditorChecks);
