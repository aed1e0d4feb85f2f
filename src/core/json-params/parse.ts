/**
 * Parsing the editors' text with positions people can act on.
 *
 * `JSON.parse` reports errors differently in every engine (and not always with a line), so we run
 * `jsonc-parser` (the parser VS Code and Monaco use) in strict mode first: it gives the offset of
 * every error in any browser. Its error codes are turned into words here. Only when it finds no
 * error do we run `JSON.parse` / `EJSON.parse`, which decide the value the server will see.
 */
import EJSON from 'ejson';
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';

/** A place in the editor text: 1-based line and column (as Monaco markers use), 0-based offset. */
export interface TextSpan {
  offset: number;
  length: number;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface JsonSyntaxError extends TextSpan {
  /** In words, with the position, e.g. `Line 3, column 1: a comma is missing between two entries.` */
  message: string;
  /** jsonc-parser's code name, e.g. `CommaExpected`, for tests and telemetry-free debugging. */
  code: string;
}

export type JsonParseResult<T = unknown> =
  | { ok: true; empty: false; value: T; tree: Node }
  | { ok: true; empty: true; value: undefined; tree: undefined }
  | { ok: false; error: JsonSyntaxError; errors: JsonSyntaxError[] };

const CODE_WORDS: Record<string, string> = {
  TrailingComma: 'a comma before a closing brace or bracket is not allowed in JSON',
  InvalidSymbol:
    'this is not valid JSON here (strings need double quotes; true, false and null are lower case)',
  InvalidNumberFormat: 'this number is not valid JSON (no leading +, no hex, no NaN or Infinity)',
  PropertyNameExpected: 'a property name in double quotes is expected here (or a trailing comma must go)',
  ValueExpected: 'a value is expected here (or a trailing comma must go)',
  ColonExpected: 'a colon is missing after the property name',
  CommaExpected: 'a comma is missing between two entries',
  CloseBraceExpected: 'a closing brace } is missing',
  CloseBracketExpected: 'a closing bracket ] is missing',
  EndOfFileExpected: 'there is more text after the end of the JSON value',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'a comment is not closed (and comments are not allowed in JSON)',
  UnexpectedEndOfString: 'a string is not closed with a double quote',
  UnexpectedEndOfNumber: 'a number ends too early',
  InvalidUnicode: 'an invalid \\u escape in a string',
  InvalidEscapeCharacter: 'an invalid escape character in a string',
  InvalidCharacter: 'a control character (like a tab or a line break) inside a string must be escaped',
};

/** 1-based line and column of an offset (columns count UTF-16 units, as Monaco does). */
export function positionAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(Math.max(0, offset), text.length);
  for (let i = 0; i < end; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10 /* \n */) {
      line++;
      lineStart = i + 1;
    } else if (ch === 13 /* \r */) {
      if (text.charCodeAt(i + 1) !== 10) {
        line++;
        lineStart = i + 1;
      }
    }
  }
  return { line, column: end - lineStart + 1 };
}

/** A span from an offset and length. */
export function spanAt(text: string, offset: number, length: number): TextSpan {
  const start = positionAt(text, offset);
  const end = positionAt(text, offset + Math.max(0, length));
  return { offset, length, line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}

function isTrailingComma(text: string, offset: number): boolean {
  const ch = text[offset];
  if (ch !== '}' && ch !== ']') return false;
  return /,\s*$/.test(text.slice(0, offset));
}

function toSyntaxError(text: string, e: ParseError): JsonSyntaxError {
  const code = isTrailingComma(text, e.offset) ? 'TrailingComma' : printParseErrorCode(e.error);
  const span = spanAt(text, e.offset, e.length);
  const words = CODE_WORDS[code] ?? 'invalid JSON';
  return { ...span, code, message: `Line ${span.line}, column ${span.column}: ${words}.` };
}

/**
 * Parses editor text as strict JSON (no comments, no trailing commas).
 * Empty or whitespace-only text is `empty` (the parameter is simply not sent).
 * @param reviver `JSON.parse` by default; `EJSON.parse` for `query`.
 */
export function parseJsonText<T = unknown>(
  text: string,
  reviver: (text: string) => unknown = JSON.parse,
): JsonParseResult<T> {
  if (text.trim() === '') return { ok: true, empty: true, value: undefined, tree: undefined };
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, {
    disallowComments: true,
    allowTrailingComma: false,
    allowEmptyContent: false,
  });
  if (errors.length > 0 || tree === undefined) {
    const seen = new Set<string>();
    const list = errors
      .map((e) => toSyntaxError(text, e))
      .filter((e) => {
        const key = `${e.offset}:${e.code}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
    const first = list[0] ?? {
      ...spanAt(text, 0, text.length),
      code: 'ValueExpected',
      message: 'Line 1, column 1: a JSON value is expected.',
    };
    return { ok: false, error: first, errors: list.length > 0 ? list : [first] };
  }
  try {
    return { ok: true, empty: false, value: reviver(text) as T, tree };
  } catch (error) {
    // jsonc-parser accepted it but JSON.parse did not (should not happen); say so without a guess.
    const span = spanAt(text, 0, text.length);
    const detail = error instanceof Error ? error.message : String(error);
    const syntax: JsonSyntaxError = { ...span, code: 'ParseFailed', message: `Line 1, column 1: ${detail}` };
    return { ok: false, error: syntax, errors: [syntax] };
  }
}

/** `EJSON.parse`: `{"$date": ...}` becomes a Date, `{"$regexp": ..., "$flags": ...}` a RegExp. */
export function ejsonParse(text: string): unknown {
  return EJSON.parse(text);
}

/** `EJSON.stringify`, compact: Dates back to `{"$date": <ms>}`, RegExps to `{"$regexp", "$flags"}`. */
export function ejsonStringify(value: unknown): string {
  return EJSON.stringify(value);
}
