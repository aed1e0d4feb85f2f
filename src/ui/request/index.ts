// What the request feature offers the others: its pane, the checks that decide whether Send may go,
// and the notice that says why it did not.
export { RequestPane } from './RequestPane';
export { useRequestChecks } from './useRequestChecks';
export { SendRefusalNotice } from './SendRefusalNotice';
export { editorChecks } from './editor-checks';
export * from './checks';
