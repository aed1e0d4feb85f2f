/**
 * The catalog feature's own small store (kept apart from the explorer store): the operations the
 * Endpoints pane shows (bundled + live server + imported, merged by src/core/catalog) and the
 * imported OpenAPI documents. The details pane and the parameter form read the merged operations
 * from here, so they always describe what the list shows.
 */
import { create } from 'zustand';
import { createSearchIndex, type SearchIndex } from '../../core/catalog/search';
import type { Operation } from '../../core/catalog/types';
import { operationLabel } from '../../core/catalog/operation';

export interface ImportedSource {
  /** `import:<label>` */
  id: `import:${string}`;
  label: string;
  title: string;
  operations: Operation[];
  warningCount: number;
}

export interface CatalogView {
  operations: Operation[];
  index: SearchIndex;
  byLabel: Map<string, Operation>;
}

interface CatalogState {
  view: CatalogView | null;
  imports: ImportedSource[];
  actions: {
    publish(operations: Operation[]): void;
    /** Adds (or replaces, by label) an imported document. */
    addImport(source: ImportedSource): void;
    removeImport(id: string): void;
  };
}

export function makeView(operations: Operation[]): CatalogView {
  return {
    operations,
    index: createSearchIndex(operations),
    byLabel: new Map(operations.map((op) => [operationLabel(op), op])),
  };
}

export const useCatalogStore = create<CatalogState>()((set) => ({
  view: null,
  imports: [],
  actions: {
    publish: (operations) => set({ view: makeView(operations) }),
    addImport: (source) =>
      set((state) => ({ imports: [...state.imports.filter((s) => s.id !== source.id), source] })),
    removeImport: (id) => set((state) => ({ imports: state.imports.filter((s) => s.id !== id) })),
  },
}));

/** The merged operation the draft points at (`METHOD path`), when the catalog knows it. */
export function useSelectedOperation(operationLabel: string): Operation | undefined {
  return useCatalogStore((state) => state.view?.byLabel.get(operationLabel));
}
