// What the response feature offers the others: its pane.
export { ResponsePane } from './ResponsePane';
