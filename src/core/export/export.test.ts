import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { csvColumns, exportFilename, exportItems, toCsv, toJson, toNdjson } from './export';

/** A small RFC 4180 reader, to prove the writer round-trips (independent of the writer's code). */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) throw new Error('unterminated record');
  return rows;
}

describe('CSV', () => {
  it('uses the union of top-level keys in first-seen order and JSON for nested values', () => {
    const items = [
      { _id: 'a', username: 'admin', roles: ['admin', 'user'] },
      { _id: 'b', name: 'Bob', settings: { theme: 'dark' }, active: false, count: 3, bio: null },
    ];
    expect(csvColumns(items)).toEqual([
      '_id',
      'username',
      'roles',
      'name',
      'settings',
      'active',
      'count',
      'bio',
    ]);
    expect(toCsv(items)).toBe(
      '_id,username,roles,name,settings,active,count,bio\r\n' +
        'a,admin,"[""admin"",""user""]",,,,,\r\n' +
        'b,,,Bob,"{""theme"":""dark""}",false,3,\r\n',
    );
  });

  it('quotes commas, quotes and line breaks (RFC 4180)', () => {
    expect(toCsv([{ t: 'a,b' }, { t: 'say "hi"' }, { t: 'two\nlines' }, { t: 'cr\rx' }])).toBe(
      't\r\n"a,b"\r\n"say ""hi"""\r\n"two\nlines"\r\n"cr\rx"\r\n',
    );
  });

  it('neutralises formula injection in strings and headers, not in numbers', () => {
    const csv = toCsv([
      {
        a: '=HYPERLINK("http://x")',
        b: '+1',
        c: '-2+3',
        d: '@SUM(A1)',
        e: -5,
        f: '\tx',
        '=evil': 1,
        g: 'a=b',
      },
    ]);
    const [header, row] = readCsv(csv);
    expect(header).toEqual(['a', 'b', 'c', 'd', 'e', 'f', "'=evil", 'g']);
    expect(row).toEqual(['\'=HYPERLINK("http://x")', "'+1", "'-2+3", "'@SUM(A1)", '-5', "'\tx", '1', 'a=b']);
  });

  it('handles primitives, empty input and a BOM', () => {
    expect(toCsv([1, 'x', null])).toBe('value\r\n1\r\nx\r\n\r\n');
    expect(toCsv([])).toBe('');
    expect(toCsv([{ a: 'é' }], { bom: true }).startsWith('\uFEFFa\r\n')).toBe(true);
  });

  it('property: every cell reads back as written (after the formula prefix)', () => {
    const value = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null));
    fc.assert(
      fc.property(
        fc.array(fc.dictionary(fc.string({ minLength: 1, maxLength: 5 }), value), {
          minLength: 1,
          maxLength: 20,
        }),
        (items) => {
          const columns = csvColumns(items);
          if (columns.length === 0) return;
          const rows = readCsv(toCsv(items));
          expect(rows).toHaveLength(items.length + 1);
          items.forEach((item, r) => {
            columns.forEach((column, c) => {
              const v = Object.prototype.hasOwnProperty.call(item, column) ? item[column] : undefined;
              const expected =
                v === null || v === undefined
                  ? ''
                  : typeof v === 'string'
                    ? /^[=+\-@\t\r]/.test(v)
                      ? `'${v}`
                      : v
                    : String(v);
              expect(rows[r + 1]![c]).toBe(expected);
            });
          });
        },
      ),
    );
  });
});

describe('JSON and NDJSON', () => {
  it('NDJSON is one compact value per line; JSON round-trips', () => {
    const items = [{ a: 'line\nbreak' }, { b: [1, 2] }];
    expect(toNdjson(items)).toBe('{"a":"line\\nbreak"}\n{"b":[1,2]}\n');
    expect(
      toNdjson(items)
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l) as unknown),
    ).toEqual(items);
    expect(JSON.parse(toJson(items))).toEqual(items);
    expect(toNdjson([])).toBe('');
  });
});

describe('exportItems', () => {
  it('names the file after the operation and the time', () => {
    const at = new Date('2026-11-27T10:30:00.123Z');
    expect(exportFilename('/api/v1/users.list?count=5', 'csv', at)).toBe(
      'users.list-2026-11-27T10-30-00Z.csv',
    );
    const file = exportItems([{ a: 1 }], 'ndjson', '/api/v1/channels.list', at);
    expect(file).toEqual({
      text: '{"a":1}\n',
      mimeType: 'application/x-ndjson',
      filename: 'channels.list-2026-11-27T10-30-00Z.ndjson',
    });
  });
});
