// What the editor feature offers the others. The editors and their checks bring Monaco, mingo and
// the JSON-parameter rules: offered as loaders (and types), never as static imports.
import type * as Checks from './checks';

export type { FieldReport } from './checks';
export type { JsonParamName } from './editor-context';
export type EditorChecksModule = typeof Checks;
export { editorPlan, takesBody } from './operation-params';
export const loadJsonEditors = () => import('./JsonEditors').then((m) => m.JsonEditors);
export const loadEditorChecks = () => import('./checks');
