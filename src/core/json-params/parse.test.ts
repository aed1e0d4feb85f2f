import { describe, expect, it } from 'vitest';
import { ejsonParse, parseJsonText, positionAt } from './parse';

describe('parseJsonText', () => {
  it('treats empty text as "not sent"', () => {
    expect(parseJsonText('  \n')).toMatchObject({ ok: true, empty: true });
  });

  it('reports line, column and words for a missing comma', () => {
    const result = parseJsonText('{\n  "a": 1\n  "b": 2\n}');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ line: 3, column: 3, code: 'CommaExpected' });
    expect(result.error.message).toBe('Line 3, column 3: a comma is missing between two entries.');
  });

  it('names a trailing comma, single quotes, comments and unclosed braces', () => {
    const trailing = parseJsonText('{"a": 1,\n}');
    expect(!trailing.ok && trailing.error).toMatchObject({ line: 2, column: 1, code: 'TrailingComma' });
    expect(!trailing.ok && trailing.errors).toHaveLength(1);
    const quotes = parseJsonText("{'a': 1}");
    expect(!quotes.ok && quotes.error.message).toContain('strings need double quotes');
    const comment = parseJsonText('{"a": 1 // why\n}');
    expect(!comment.ok && comment.error.code).toBe('InvalidCommentToken');
    const open = parseJsonText('{"a": [1, 2');
    expect(!open.ok && open.errors.map((e) => e.message)).toContain(
      'Line 1, column 12: a closing bracket ] is missing.',
    );
  });

  it('uses EJSON for query: $date (number or ISO) becomes a Date, $regexp a RegExp', () => {
    const result = parseJsonText(
      '{"createdAt": {"$date": "2024-01-31T00:00:00Z"}, "u": {"$regexp": "^a", "$flags": "i"}, "n": {"$date": 0}}',
      ejsonParse,
    );
    expect(result.ok && !result.empty).toBe(true);
    if (!result.ok || result.empty) return;
    const value = result.value as { createdAt: Date; u: RegExp; n: Date };
    expect(value.createdAt).toEqual(new Date('2024-01-31T00:00:00Z'));
    expect(value.u).toEqual(/^a/i);
    expect(value.n.getTime()).toBe(0);
  });

  it('positionAt counts CRLF as one line break', () => {
    expect(positionAt('a\r\nb', 3)).toEqual({ line: 2, column: 1 });
    expect(positionAt('a\rb', 2)).toEqual({ line: 2, column: 1 });
  });
});
