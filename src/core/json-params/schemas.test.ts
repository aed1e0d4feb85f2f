import { describe, expect, it } from 'vitest';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { fieldsSchema, querySchema, sortSchema } from './schemas';

// ajv validates the schemas as Monaco would apply them (Monaco-only keywords are ignored).
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
const validSort = ajv.compile(sortSchema);
const validFields = ajv.compile(fieldsSchema);
const validQuery = ajv.compile(querySchema);

describe('editor schemas', () => {
  it('sort: 1 or -1 only', () => {
    expect(validSort({ name: 1, ts: -1 })).toBe(true);
    expect(validSort({ name: 'asc' })).toBe(false);
    expect(validSort({ name: 0 })).toBe(false);
    expect(validSort([])).toBe(false);
  });

  it('fields: 0 or 1 only', () => {
    expect(validFields({ username: 1, _id: 0 })).toBe(true);
    expect(validFields({ username: true })).toBe(false);
    expect(validFields({ username: 2 })).toBe(false);
  });

  it('query: EJSON dates, $regex with $options, $or/$and; other operators refused', () => {
    expect(validQuery({ username: 'admin' })).toBe(true);
    expect(validQuery({ createdAt: { $date: 1700000000000 } })).toBe(true);
    expect(validQuery({ createdAt: { $date: '2024-01-31T00:00:00Z' } })).toBe(true);
    expect(validQuery({ createdAt: { $date: 'yesterday' } })).toBe(false);
    expect(validQuery({ username: { $regex: '^a', $options: 'i' } })).toBe(true);
    expect(validQuery({ username: { $regex: '^a', $options: 'q' } })).toBe(false);
    expect(validQuery({ username: { $regexp: '^a', $flags: 'i' } })).toBe(true);
    expect(validQuery({ $or: [{ a: 1 }, { $and: [{ b: 2 }] }] })).toBe(true);
    expect(validQuery({ $where: '1' })).toBe(false);
    expect(validQuery({ username: { $ne: 'admin' } })).toBe(false);
    expect(validQuery({ $or: [] })).toBe(false);
    expect(validQuery({ profile: { city: 'Lisbon', tags: ['a', 1] } })).toBe(true);
  });
});
