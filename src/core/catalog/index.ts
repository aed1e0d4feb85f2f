/**
 * Public API of the catalog (pure TypeScript, browser and Node).
 *
 * Typical use:
 *   const { operations } = await loadBundledCatalog();          // lazy chunk, ~570 operations
 *   const desc = await loadServerDescription({ baseUrl });       // /api/info + /api/docs/json
 *   const ops = mergeCatalog({ bundled: operations, imports, server: desc.offered ? desc.description.operations : null });
 *   const index = createSearchIndex(ops);
 *   const hits = searchOperations(index, 'users.list');
 *   const groups = groupByDomain(hits.map((h) => h.op));
 *   const fields = formFields(op);
 */
export type * from './types';
export {
  HTTP_METHODS,
  fillPath,
  findOperation,
  loadBundledCatalog,
  matchKey,
  normalisePath,
  operationId,
  operationLabel,
  operationsFromGenerated,
  paramsLocation,
  pathParamsOf,
  type BundledCatalog,
} from './operation';
export { createSearchIndex, searchOperations, type SearchHit, type SearchIndex } from './search';
export { formFields, groupByDomain, type FormField, type OperationGroup } from './group';
export {
  OpenApiError,
  operationsFromOpenApi,
  parseDocumentText,
  parseOpenApi,
  type OpenApiWarning,
  type ParsedOpenApi,
} from './openapi';
export { availabilityCounts, mergeCatalog, type CatalogSources } from './merge';
export {
  DOCS_JSON_SINCE,
  compareVersions,
  importOpenApiFromUrl,
  importOpenApiText,
  labelFor,
  loadServerDescription,
  type ServerDescription,
  type ServerDescriptionOptions,
} from './live';
export { fullPath, groupOf, jsonParamsOf, needsAuth } from './rules';
