// What the share feature offers the others: the permalink sync, and its lazy panels and history
// recorder as loaders.
export { usePermalinkSync } from './usePermalinkSync';
export const loadHistoryPanel = () => import('./HistoryPanel').then((m) => m.HistoryPanel);
export const loadShareBar = () => import('./ShareBar').then((m) => m.ShareBar);
export const loadHistoryStore = () => import('./history-store');
