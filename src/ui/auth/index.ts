// What the auth feature offers the others. Its panels and actions are lazy: offered as loaders, so
// importing this index does not pull them into the first load.
export { AuthStatusLine } from './AuthStatusLine';
export const loadAuthPanel = () => import('./AuthPanel').then((m) => m.AuthPanel);
export const loadAuthDiagnosis = () => import('./AuthDiagnosis').then((m) => m.AuthDiagnosis);
export const loadAuthActions = () => import('./actions');
