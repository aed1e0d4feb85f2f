import { EXPORT_FORMATS, exportItems, type ExportFormat } from '../../core/export';

const FORMATS: ExportFormat[] = ['json', 'ndjson', 'csv'];

/** Downloads merged items through a Blob and an object URL (no server round trip, no data: URL). */
function download(text: string, type: string, filename: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser time to start the download before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Export as JSON, NDJSON or CSV (src/core/export); filenames carry the operation name. */
export function ExportButtons({
  items,
  operationPath,
}: {
  items: readonly unknown[];
  operationPath: string;
}) {
  return (
    <div className="actions" role="group" aria-label="Export merged results">
      {FORMATS.map((format) => (
        <button
          key={format}
          type="button"
          onClick={() => {
            const file = exportItems(items, format, operationPath, new Date());
            download(file.text, file.mimeType, file.filename);
          }}
        >
          Export {EXPORT_FORMATS[format].label}
        </button>
      ))}
    </div>
  );
}
