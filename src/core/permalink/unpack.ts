/**
 * A bounded reader for the data part of a link (lz-string's URI-safe format), and a nesting scan
 * run before JSON.parse.
 *
 * Why not lz-string's own decompress: its dictionary lets n characters expand to about 0.16·n²
 * (8,192 characters of a repeated letter become about 10 million), it builds every dictionary
 * entry as a new string, and it cannot be stopped midway, so a hostile link costs the page a task
 * of 0.5-2 s before any limit can be checked. This reader stops as soon as the output would pass
 * `maxChars`, and keeps the dictionary as (start, length) pairs into the output it has written
 * (every entry is a stretch of earlier output), so its work is linear in input + output.
 *
 * Format, as lz-string writes it: six bits per character of the alphabet below, least
 * significant bit first within each code. Codes 0 and 1 announce a literal of 8 or 16 bits,
 * code 2 ends the data, others name a dictionary entry. Code width starts at 2 bits for the first
 * code, then 3, and grows by one whenever the dictionary fills the current width.
 */

/** lz-string's URI-safe alphabet: character i stands for the six bits of i. */
export const LINK_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$';

/** Character code -> 6-bit value, -1 for characters outside the alphabet. */
const SIXBITS: Int8Array = (() => {
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < LINK_ALPHABET.length; i++) table[LINK_ALPHABET.charCodeAt(i)] = i;
  return table;
})();

export type UnpackResult =
  | { ok: true; text: string }
  | { ok: false; reason: 'alphabet' | 'truncated' | 'bad-code' | 'too-large' | 'empty' };

/**
 * Unpacks `data` (lz-string's `compressToEncodedURIComponent` output) into at most `maxChars`
 * characters. Never throws; refuses with a reason instead of producing partial text.
 */
export function unpackBounded(data: string, maxChars: number): UnpackResult {
  const n = data.length;
  for (let i = 0; i < n; i++) {
    const code = data.charCodeAt(i);
    if (code >= 128 || SIXBITS[code]! < 0) return { ok: false, reason: 'alphabet' };
  }
  if (n === 0) return { ok: false, reason: 'empty' };

  // Bit reader: `word` holds the current 6-bit value, `mask` the next bit to take from it.
  let at = 0;
  let word = SIXBITS[data.charCodeAt(0)]!;
  let mask = 32;
  let exhausted = false;
  const readBits = (count: number): number => {
    let value = 0;
    for (let bit = 0; bit < count; bit++) {
      if ((word & mask) !== 0) value |= 1 << bit;
      mask >>= 1;
      if (mask === 0) {
        mask = 32;
        at++;
        // Past the end there are only zero bits: the data was cut short unless the code being
        // read is the end code (checked before the next code is read, as lz-string does).
        if (at < n) word = SIXBITS[data.charCodeAt(at)]!;
        else {
          word = 0;
          exhausted = true;
        }
      }
    }
    return value;
  };

  // The output grows by doubling up to maxChars, so a short link does not pay for the limit.
  let out = new Uint16Array(Math.max(1, Math.min(maxChars, n * 4)));
  let length = 0;
  const room = (needed: number): void => {
    if (needed <= out.length) return;
    const grown = new Uint16Array(Math.min(maxChars, Math.max(needed, out.length * 2)));
    grown.set(out.subarray(0, length));
    out = grown;
  };
  // Dictionary entry k (k >= 3) is out[starts[k] .. starts[k] + lengths[k]).
  let capacity = 1024;
  let starts = new Int32Array(capacity);
  let lengths = new Int32Array(capacity);
  let size = 3;
  const addEntry = (start: number, len: number): void => {
    if (size === capacity) {
      capacity *= 2;
      const s = new Int32Array(capacity);
      s.set(starts);
      starts = s;
      const l = new Int32Array(capacity);
      l.set(lengths);
      lengths = l;
    }
    starts[size] = start;
    lengths[size] = len;
    size++;
  };

  const first = readBits(2);
  if (first === 2) return { ok: false, reason: 'empty' };
  if (first === 3) return { ok: false, reason: 'bad-code' };
  if (maxChars < 1) return { ok: false, reason: 'too-large' };
  out[length++] = readBits(first === 0 ? 8 : 16);
  addEntry(0, 1);
  // The previous entry written: its start and length in `out`.
  let prevStart = 0;
  let prevLength = 1;
  let width = 3;
  let untilWider = 4;

  for (;;) {
    if (exhausted) return { ok: false, reason: 'truncated' };
    let code = readBits(width);
    if (code === 2) return { ok: true, text: toText(out, length) };
    if (code === 0 || code === 1) {
      const literal = readBits(code === 0 ? 8 : 16);
      if (exhausted) return { ok: false, reason: 'truncated' };
      if (length >= maxChars) return { ok: false, reason: 'too-large' };
      room(length + 1);
      // The literal becomes an entry; it is written below as that entry.
      out[length] = literal;
      addEntry(length, 1);
      code = size - 1;
      untilWider--;
      if (untilWider === 0) {
        untilWider = 2 ** width;
        width++;
      }
    }
    const start = length;
    let entryLength: number;
    if (code < size) {
      entryLength = lengths[code]!;
      if (length + entryLength > maxChars) return { ok: false, reason: 'too-large' };
      room(length + entryLength);
      if (starts[code] !== start) out.copyWithin(start, starts[code]!, starts[code]! + entryLength);
    } else if (code === size) {
      // The entry being defined right now: the previous one plus its own first character.
      entryLength = prevLength + 1;
      if (length + entryLength > maxChars) return { ok: false, reason: 'too-large' };
      room(length + entryLength);
      out.copyWithin(start, prevStart, prevStart + prevLength);
      out[start + prevLength] = out[prevStart]!;
    } else {
      return { ok: false, reason: 'bad-code' };
    }
    length += entryLength;
    // New entry: the previous one plus the first character of this one, which follows it in `out`.
    addEntry(prevStart, prevLength + 1);
    prevStart = start;
    prevLength = entryLength;
    untilWider--;
    if (untilWider === 0) {
      untilWider = 2 ** width;
      width++;
    }
  }
}

const UTF16 = new TextDecoder('utf-16le');

/**
 * The output as text. A decoder is many times faster than String.fromCharCode in chunks; it turns
 * a lone surrogate into U+FFFD, which only hand-made data holds (JSON.stringify escapes them).
 */
function toText(codes: Uint16Array, length: number): string {
  return UTF16.decode(codes.subarray(0, length));
}

/**
 * True when the JSON text nests arrays/objects deeper than `maxDepth`. A linear scan that knows
 * strings (and their escapes) only, run before JSON.parse so a link of 200,000 opening brackets
 * costs a scan, not a parse and a recursive validation. Malformed text is left to JSON.parse.
 */
export function nestsDeeperThan(json: string, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth > maxDepth) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}
