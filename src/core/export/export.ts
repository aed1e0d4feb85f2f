/**
 * Exporting merged items as JSON, NDJSON or CSV.
 *
 * CSV rules (so a file opens the same in any spreadsheet, and cannot attack the person opening it):
 * - Columns: the union of the items' top-level keys, in first-seen order (the first item's keys
 *   first), so a field that only some items have still gets a column.
 * - Values: strings as is; numbers and booleans as JSON writes them; null/missing as an empty cell;
 *   nested objects and arrays as JSON text.
 * - Quoting per RFC 4180: a cell holding `"`, `,`, CR or LF is wrapped in double quotes, inner
 *   quotes doubled; records end with CRLF.
 * - Formula injection (CSV injection, OWASP): a *string* cell (or header) that starts with `=`, `+`,
 *   `-`, `@`, or a tab or carriage return (which some spreadsheets skip before a formula) is
 *   prefixed with a single quote `'`, so spreadsheets show it as text instead of running it.
 *   JSON numbers are not prefixed (`-5` stays a number); the prefix changes the cell's text, which
 *   is the accepted price for safety and is why it is documented here.
 */

export type ExportFormat = 'json' | 'ndjson' | 'csv';

export const EXPORT_FORMATS: Readonly<
  Record<ExportFormat, { mimeType: string; extension: string; label: string }>
> = {
  json: { mimeType: 'application/json', extension: 'json', label: 'JSON' },
  ndjson: { mimeType: 'application/x-ndjson', extension: 'ndjson', label: 'NDJSON' },
  csv: { mimeType: 'text/csv;charset=utf-8', extension: 'csv', label: 'CSV' },
};

/** A JSON array; pretty (2-space) by default because people open exports in editors. */
export function toJson(items: readonly unknown[], pretty = true): string {
  return JSON.stringify(items, null, pretty ? 2 : undefined) + '\n';
}

/** One compact JSON value per line (newline-delimited JSON), ending with a newline. */
export function toNdjson(items: readonly unknown[]): string {
  if (items.length === 0) return '';
  return items.map((item) => JSON.stringify(item === undefined ? null : item)).join('\n') + '\n';
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** Prefixes `'` when a string would be read as a formula by a spreadsheet. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** RFC 4180 quoting: quote when the cell holds a quote, comma, CR or LF. */
export function quoteCsv(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The text of one cell (before quoting), with formula neutralising for strings. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return neutraliseFormula(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  if (value instanceof Date) return value.toISOString();
  // Nested values as JSON text; a JSON text can start with `-` only for numbers, never here.
  return neutraliseFormula(JSON.stringify(value) ?? '');
}

/** Column names: the union of top-level keys in first-seen order; `value` for non-object items. */
export function csvColumns(items: readonly unknown[]): string[] {
  const columns = new Set<string>();
  for (const item of items) {
    if (isRecord(item)) for (const key of Object.keys(item)) columns.add(key);
    else columns.add('value');
  }
  return [...columns];
}

export interface CsvOptions {
  /** Start with a UTF-8 byte order mark so older Excel reads accents right (default false). */
  bom?: boolean;
  /** Use these columns (in this order) instead of the union of keys. */
  columns?: readonly string[];
}

/** CSV per the module comment: a header row, then one record per item, CRLF line ends. */
export function toCsv(items: readonly unknown[], options: CsvOptions = {}): string {
  const columns = options.columns ? [...options.columns] : csvColumns(items);
  const lines: string[] = [];
  if (columns.length > 0) lines.push(columns.map((c) => quoteCsv(neutraliseFormula(c))).join(','));
  for (const item of items) {
    const record = isRecord(item) ? item : { value: item };
    lines.push(columns.map((c) => quoteCsv(csvCell(record[c]))).join(','));
  }
  const body = lines.length === 0 ? '' : lines.join('\r\n') + '\r\n';
  return (options.bom ? '\uFEFF' : '') + body;
}

export interface ExportFile {
  text: string;
  mimeType: string;
  /** e.g. `users.list-2026-11-27T10-30-00Z.csv` */
  filename: string;
}

/** A filename from the operation (`/api/v1/users.list` -> `users.list`) and a UTC timestamp. */
export function exportFilename(operationPath: string, format: ExportFormat, at: Date): string {
  const base =
    operationPath
      .replace(/[?#].*$/s, '')
      .split('/')
      .filter(Boolean)
      .pop() ?? 'export';
  const safe = base.replace(/[^A-Za-z0-9._-]+/g, '-') || 'export';
  const stamp = at
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/:/g, '-');
  return `${safe}-${stamp}.${EXPORT_FORMATS[format].extension}`;
}

/** Text, MIME type and filename for a download (the UI wraps the text in a Blob). */
export function exportItems(
  items: readonly unknown[],
  format: ExportFormat,
  operationPath: string,
  at: Date,
  csv?: CsvOptions,
): ExportFile {
  const text = format === 'json' ? toJson(items) : format === 'ndjson' ? toNdjson(items) : toCsv(items, csv);
  return {
    text,
    mimeType: EXPORT_FORMATS[format].mimeType,
    filename: exportFilename(operationPath, format, at),
  };
}
