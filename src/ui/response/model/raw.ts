/**
 * The Raw view's model. A 40 MB body is often one single line (minified JSON): drawing it in one
 * `<pre>` freezes the page for seconds. So a large body is cut into display rows (each line, hard
 * wrapped at `width` characters) and only the rows on screen are drawn. The row index is an
 * Int32Array of start offsets, built in the worker and transferred, not copied.
 */

/** Bodies up to this many characters are drawn whole; above it the Raw view is virtualized. */
export const SMALL_TEXT = 100_000;

/** JSON bodies up to this size are pretty-printed for reading; bigger ones are shown as received. */
export const PRETTY_LIMIT = 2_000_000;

export const RAW_ROW_WIDTH = 200;

/**
 * Start offsets of display rows: one per line, long lines cut every `width` characters.
 * A row ends before its '\n' (and '\r'), which the view drops.
 */
export function rawRowStarts(text: string, width = RAW_ROW_WIDTH): Int32Array {
  let capacity = Math.max(16, Math.ceil(text.length / width) + 16);
  let starts = new Int32Array(capacity);
  let count = 0;
  const push = (offset: number) => {
    if (count === capacity) {
      capacity *= 2;
      const bigger = new Int32Array(capacity);
      bigger.set(starts);
      starts = bigger;
    }
    starts[count++] = offset;
  };
  let lineStart = 0;
  while (lineStart <= text.length) {
    let newline = text.indexOf('\n', lineStart);
    if (newline === -1) newline = text.length;
    for (let s = lineStart; s < newline || s === lineStart; s += width) {
      push(s);
      if (newline - s <= width) break;
    }
    if (newline === text.length) break;
    lineStart = newline + 1;
  }
  return starts.slice(0, count);
}

/** What a row is read from: a string, or a body kept in parts (core/http/body-text.ts). */
export interface RowSource {
  readonly length: number;
  slice(start: number, end?: number): string;
}

/** Text of display row `index`. */
export function rawRowText(
  text: RowSource,
  starts: Int32Array,
  index: number,
  width = RAW_ROW_WIDTH,
): string {
  const start = starts[index];
  if (start === undefined) return '';
  const next = starts[index + 1];
  let end = next === undefined ? text.length : next;
  end = Math.min(end, start + width);
  let row = text.slice(start, end);
  if (row.endsWith('\n')) row = row.slice(0, -1);
  if (row.endsWith('\r')) row = row.slice(0, -1);
  return row;
}
