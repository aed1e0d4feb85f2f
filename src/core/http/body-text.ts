/**
 * A response body as the decoded parts it arrived in. Joining the parts of a 41 MB answer into one
 * flat string is one copy of the whole text in one main-thread task (about 180 ms here, ~240 MB/s),
 * and nothing on the main thread needs it flat: the Raw view reads rows, and the parsing worker
 * puts the text together on its own thread. So the text is joined only when a caller asks for it
 * whole (`text()`), which the small answers they handle make cheap.
 */
export class BodyText {
  readonly length: number;
  /** Where each part starts, for slicing across parts with a binary search. */
  private readonly starts: number[];
  private flat: string | null;

  constructor(readonly parts: readonly string[]) {
    this.starts = [];
    let length = 0;
    for (const part of parts) {
      this.starts.push(length);
      length += part.length;
    }
    this.length = length;
    this.flat = parts.length === 1 ? parts[0]! : parts.length === 0 ? '' : null;
  }

  static of(text: string): BodyText {
    return new BodyText([text]);
  }

  /** The whole text as one string: joined on the first call, then kept. */
  text(): string {
    this.flat ??= this.parts.join('');
    return this.flat;
  }

  /** Index of the part holding character `offset` (the last part for offsets past the end). */
  private partAt(offset: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  /** Like String.prototype.slice for 0 <= start <= end, without joining the parts. */
  slice(start: number, end: number = this.length): string {
    if (this.flat !== null) return this.flat.slice(start, end);
    start = Math.max(0, Math.min(start, this.length));
    end = Math.max(start, Math.min(end, this.length));
    if (start === end) return '';
    let index = this.partAt(start);
    let out = '';
    for (let at = start; at < end; index++) {
      const partStart = this.starts[index]!;
      const part = this.parts[index]!;
      const piece = part.slice(at - partStart, end - partStart);
      out += piece;
      at = partStart + part.length;
    }
    return out;
  }

  /** Whether `char` (one UTF-16 unit) occurs anywhere in the text. */
  includesChar(char: string): boolean {
    return this.parts.some((part) => part.includes(char));
  }

  /**
   * The text in pieces of at most `maxChars` (for messages to the worker); a UTF-16 surrogate pair
   * is never split between two pieces.
   */
  *pieces(maxChars: number): Generator<string> {
    let start = 0;
    while (this.length - start > maxChars) {
      let end = start + maxChars;
      const code = this.slice(end - 1, end).charCodeAt(0);
      if (code >= 0xd800 && code <= 0xdbff) end -= 1;
      yield this.slice(start, end);
      start = end;
    }
    yield this.slice(start);
  }
}

/** Decoded text shorter than this is gathered before it becomes a part: a slow server sends many tiny chunks. */
export const MIN_PART_CHARS = 1 << 20;

/**
 * Gathers decoded chunks into parts of about MIN_PART_CHARS: each join is short (a few ms), and a
 * body of any size stays a few dozen parts, however small the chunks it came in.
 */
export class BodyTextBuilder {
  private readonly parts: string[] = [];
  private pending: string[] = [];
  private pendingLength = 0;

  push(chunk: string): void {
    if (chunk === '') return;
    this.pending.push(chunk);
    this.pendingLength += chunk.length;
    if (this.pendingLength >= MIN_PART_CHARS) this.flush();
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    this.parts.push(this.pending.length === 1 ? this.pending[0]! : this.pending.join(''));
    this.pending = [];
    this.pendingLength = 0;
  }

  finish(): BodyText {
    this.flush();
    return new BodyText(this.parts);
  }
}
