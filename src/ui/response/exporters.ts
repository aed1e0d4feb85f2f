/**
 * Adapter between the fetch-all panel and src/core/export (JSON, NDJSON, CSV), so the panel does
 * not depend on that module's exact shape.
 */
export type ExportFormat = 'json' | 'ndjson' | 'csv';

export interface ExportFile {
  text: string;
  mimeType: string;
  filename: string;
}

export function exportItems(items: readonly unknown[], format: ExportFormat, name: string): ExportFile {
  // Wired to src/core/export once it lands (see the report); JSON and NDJSON need nothing more.
  switch (format) {
    case 'json':
      return { text: JSON.stringify(items, null, 2), mimeType: 'application/json', filename: `${name}.json` };
    case 'ndjson':
      return {
        text: items.map((item) => JSON.stringify(item)).join('\n') + (items.length ? '\n' : ''),
        mimeType: 'application/x-ndjson',
        filename: `${name}.ndjson`,
      };
    case 'csv':
      throw new Error('CSV export is not wired yet');
  }
}
