import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildQueryString, displayUrlOf } from '../http/prepare';
import { serializeParam } from './encode';

describe('serializeParam', () => {
  it('compacts fields/sort with JSON and query with EJSON (ISO $date goes out as epoch ms)', () => {
    expect(serializeParam('sort', '{\n  "name": 1\n}')).toBe('{"name":1}');
    expect(serializeParam('fields', '{ "username": 1 }')).toBe('{"username":1}');
    expect(serializeParam('query', '{"createdAt": {"$date": "2024-01-31T00:00:00Z"}}')).toBe(
      '{"createdAt":{"$date":1706659200000}}',
    );
    expect(serializeParam('query', '{"u": {"$regex": "^a b", "$options": "i"}}')).toBe(
      '{"u":{"$regex":"^a b","$options":"i"}}',
    );
    expect(serializeParam('query', '   ')).toBeNull();
  });
});

describe('URL encoding', () => {
  it('encodes exactly once: decoding the URL once gives back the compact text', () => {
    // The URL a run sends: prepare.ts builds it with serializeParam and URLSearchParams only.
    const url = displayUrlOf({
      serverUrl: 'http://127.0.0.1:4100',
      path: '/api/v1/users.list',
      pathParams: {},
      params: { count: '5', offset: '' },
      jsonParams: {
        query: '{"username": {"$regex": "^adm%", "$options": "i"}}',
        fields: '{"username": 1}',
        sort: '',
      },
    });
    expect(url).toBe(
      'http://127.0.0.1:4100/api/v1/users.list?count=5&query=%7B%22username%22%3A%7B%22%24regex%22%3A%22%5Eadm%25%22%2C%22%24options%22%3A%22i%22%7D%7D&fields=%7B%22username%22%3A1%7D',
    );
    expect(url).not.toContain('%2524'); // a double-encoded "$"
    const parsed = new URL(url);
    expect(parsed.searchParams.get('query')).toBe('{"username":{"$regex":"^adm%","$options":"i"}}');
    expect(parsed.searchParams.has('sort')).toBe(false);
  });

  it('property: for any JSON object, one decode of the URL yields the JSON text that was meant', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer(), fc.boolean())), (obj) => {
        const text = JSON.stringify(obj, null, 2);
        const wire = buildQueryString({
          params: {},
          jsonParams: { query: '', fields: '', sort: text },
        }).slice(1);
        const once = new URLSearchParams(wire).get('sort');
        expect(once).toBe(JSON.stringify(obj));
        // decodeURIComponent once more must not be needed: the decoded text parses as JSON.
        expect(JSON.parse(once!)).toEqual(obj);
      }),
    );
  });
});
