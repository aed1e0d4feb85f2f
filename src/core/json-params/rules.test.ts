import { describe, expect, it } from 'vitest';
import { QUERY_OPERATORS } from '@mongodb-js/mongodb-constants';
import {
  checkFields,
  checkParam,
  checkQuery,
  checkSort,
  invalidSortMessage,
  MONGODB_QUERY_OPERATORS,
  queryOperatorInfo,
} from './index';

describe('checkSort', () => {
  it('accepts 1 and -1', () => {
    expect(checkSort('{"name": 1, "_updatedAt": -1}')).toMatchObject({ ok: true, issues: [] });
  });

  it("refuses other values with the server's exact error text and a marker on the value", () => {
    const text = '{"name": "asc"}';
    const check = checkSort(text);
    expect(check.ok).toBe(false);
    expect(check.issues[0]).toMatchObject({ rule: 'sort-value', line: 1, column: 10, path: ['name'] });
    expect(invalidSortMessage('{"name":"asc"}')).toBe(
      'Invalid sort parameter provided: "{"name":"asc"}" [error-invalid-sort]',
    );
    expect(check.issues[0]!.message).toContain(
      'Invalid sort parameter provided: "{"name":"asc"}" [error-invalid-sort]',
    );
    expect(checkSort('{"a": 2}').ok).toBe(false);
    expect(checkSort('{"a": true}').ok).toBe(false);
    expect(checkSort('[1]').issues[0]?.rule).toBe('not-an-object');
  });

  it('reports invalid JSON as a syntax error, not an issue', () => {
    const check = checkSort('{"a": 1');
    expect(check.ok).toBe(false);
    expect(check.syntaxError?.line).toBe(1);
  });
});

describe('checkFields', () => {
  it('accepts 0/1, refuses other values', () => {
    expect(checkFields('{"username": 1, "name": 1, "_id": 0}').ok).toBe(true);
    const bad = checkFields('{"username": true}');
    expect(bad.ok).toBe(false);
    expect(bad.issues[0]!.message).toContain(
      'Invalid fields parameter provided: "{"username":true}" [error-invalid-fields]',
    );
  });

  it('refuses mixing inclusion and exclusion except _id', () => {
    const mixed = checkFields('{"username": 1, "emails": 0}');
    expect(mixed.ok).toBe(false);
    expect(mixed.issues.map((i) => i.rule)).toContain('fields-mixed');
    expect(checkFields('{"username": 0, "emails": 0}').ok).toBe(true);
  });

  it('warns about fields the server always strips (more on users.*)', () => {
    expect(checkFields('{"joinCode": 1}').issues[0]).toMatchObject({
      severity: 'warning',
      rule: 'field-stripped',
    });
    expect(checkFields('{"emails": 1}').issues).toEqual([]);
    expect(checkFields('{"emails": 1}', '/api/v1/users.list').issues[0]).toMatchObject({
      severity: 'warning',
      rule: 'field-stripped',
    });
    expect(checkFields('{"emails": 1}', '/api/v1/users.list').ok).toBe(true);
  });
});

describe('checkQuery', () => {
  it('lets $or, $and and $regex through', () => {
    const check = checkQuery(
      '{"$or": [{"username": {"$regex": "^adm"}}, {"$and": [{"active": true}, {"type": "user"}]}]}',
    );
    expect(check).toMatchObject({ ok: true, issues: [] });
  });

  it('flags every other MongoDB operator with "Invalid operation: $x", placed on the key', () => {
    const text = '{\n  "username": {"$ne": "admin"},\n  "$where": "1"\n}';
    const check = checkQuery(text);
    expect(check.ok).toBe(false);
    const [ne, where] = check.issues;
    expect(ne).toMatchObject({ rule: 'operator-refused', line: 2, column: 16, path: ['username', '$ne'] });
    expect(ne!.message).toMatch(
      /^Invalid operation: \$ne\. \$ne is a MongoDB operator, but Rocket\.Chat allows only \$or, \$and and \$regex/,
    );
    expect(where!.message).toContain('"Invalid operation: $where"');
    expect(checkQuery('{"a": {"$foo": 1}}').issues[0]!.message).toContain(
      '$foo is not a MongoDB query operator',
    );
  });

  it('checks every refused operator from @mongodb-js/mongodb-constants', () => {
    for (const { value } of QUERY_OPERATORS) {
      const check = checkQuery(JSON.stringify({ a: { [value]: 1 } }));
      const refused = check.issues.some((i) => i.rule === 'operator-refused');
      expect(refused, value).toBe(!['$or', '$and', '$regex'].includes(value));
    }
    expect(MONGODB_QUERY_OPERATORS).toContain('$where');
    expect(
      queryOperatorInfo()
        .filter((o) => o.allowed)
        .map((o) => o.name)
        .sort(),
    ).toEqual(['$and', '$options', '$or', '$regex']);
  });

  it('checks EJSON dates, regex options and the shape of $or', () => {
    expect(checkQuery('{"ts": {"$date": 1700000000000}}').ok).toBe(true);
    expect(checkQuery('{"ts": {"$date": "2024-01-31T00:00:00Z"}}').ok).toBe(true);
    expect(checkQuery('{"ts": {"$date": "yesterday"}}').issues[0]).toMatchObject({
      rule: 'ejson-date',
      severity: 'error',
    });
    expect(checkQuery('{"ts": {"$date": 1, "x": 2}}').issues[0]).toMatchObject({ rule: 'ejson-shape' });
    expect(checkQuery('{"u": {"$regexp": "(", "$flags": "i"}}').issues[0]).toMatchObject({
      rule: 'ejson-regexp',
    });
    const options = checkQuery('{"u": {"$regex": "^a", "$options": "i"}}');
    expect(options.ok).toBe(true);
    expect(options.issues[0]).toMatchObject({ severity: 'info', rule: 'options-allow-list' });
    expect(checkQuery('{"u": {"$options": "i"}}').issues[0]).toMatchObject({
      rule: 'options-without-regex',
      severity: 'error',
    });
    expect(checkQuery('{"u": {"$regex": "^a", "$options": "q"}}').ok).toBe(false);
    expect(checkQuery('{"$or": []}').issues[0]).toMatchObject({ rule: 'logical-array' });
    expect(checkQuery('{"$or": [1]}').issues[0]).toMatchObject({ rule: 'logical-array' });
    expect(checkQuery('"x"').issues[0]).toMatchObject({ rule: 'not-an-object' });
  });

  it('empty editors are fine and are not sent', () => {
    for (const name of ['query', 'fields', 'sort'] as const)
      expect(checkParam(name, '')).toMatchObject({ ok: true, empty: true });
  });
});
