import { exportItems, type ExportFormat } from './exporters';

const FORMATS: ExportFormat[] = ['json', 'ndjson', 'csv'];
const LABELS: Record<ExportFormat, string> = { json: 'JSON', ndjson: 'NDJSON', csv: 'CSV' };

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

export function ExportButtons({ items, name }: { items: readonly unknown[]; name: string }) {
  return (
    <div className="actions" role="group" aria-label="Export merged results">
      {FORMATS.map((format) => (
        <button
          key={format}
          type="button"
          onClick={() => {
            const file = exportItems(items, format, name);
            download(file.text, file.mimeType, file.filename);
          }}
        >
          Export {LABELS[format]}
        </button>
      ))}
    </div>
  );
}
