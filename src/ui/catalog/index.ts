// What the catalog feature offers the others: its panes, the selected operation and the validators.
export { EndpointsPane } from './EndpointsPane';
export { OperationDetails } from './OperationDetails';
export { ParamsForm } from './ParamsForm';
export { useCatalogStore, useSelectedOperation } from './catalog-store';
export { useValidation, loadedValidation } from './useValidation';
export { useLiveCatalog } from './useCatalogSync';
export { operationIdFromHash } from './deep-link';
export { removeBootShell } from './boot-shell';
