/**
 * Where a JSON text is broken, as `line L, column C`. Engines differ in what `JSON.parse` says
 * (Node 20 often gives no position), so the position is found independently: a prefix cut before
 * the bad character fails with "end of input", one that includes it fails otherwise; a binary
 * search finds the first such prefix.
 */
function parseError(text: string): { message: string; position: number | undefined } | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const m = /position (\d+)/.exec(message);
    return { message, position: m ? Number(m[1]) : undefined };
  }
}

/** The prefix is broken by a character inside it, not merely by ending too early. */
function failsBeforeEnd(prefix: string): boolean {
  const err = parseError(prefix);
  if (!err) return false;
  if (err.position !== undefined) return err.position < prefix.length;
  return !/end of (JSON )?input|Unterminated/i.test(err.message);
}

/** Offset of the first offending character (text.length when the text just ends too early). */
export function jsonErrorOffset(text: string): number | undefined {
  const err = parseError(text);
  if (!err) return undefined;
  if (err.position !== undefined) return err.position;
  if (!failsBeforeEnd(text)) return text.length;
  let lo = 1;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (failsBeforeEnd(text.slice(0, mid))) hi = mid;
    else lo = mid + 1;
  }
  return lo - 1;
}

export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}

/** `line 3, column 11`, or undefined when the text parses. */
export function jsonErrorWhere(text: string): string | undefined {
  const off = jsonErrorOffset(text);
  if (off === undefined) return undefined;
  const { line, column } = lineColumn(text, off);
  return `line ${line}, column ${column}`;
}

/** The engine's message without the echo of the text or the raw position: `Unexpected token 'h'`. */
export function jsonReason(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return msg
    .replace(/, ".*" is not valid JSON$/s, '')
    .replace(/ in JSON at position \d+.*$/s, '')
    .replace(/\s*\(line \d+ column \d+\)$/, '');
}
