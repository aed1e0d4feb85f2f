import { describe, expect, it } from 'vitest';
import { completionKind } from './completion-slot';

describe('completionKind: what to suggest for the key being typed', () => {
  it('offers field names and $or/$and at the top of a query', () => {
    expect(completionKind('query', [''], true)).toMatchObject({
      kind: 'keys',
      fields: true,
      topOperators: true,
      fieldOperators: false,
    });
  });
  it('offers field operators ($regex, $in, ...) inside a field value', () => {
    expect(completionKind('query', ['username', '$r'], true)).toMatchObject({
      fields: false,
      fieldOperators: true,
      topOperators: false,
    });
  });
  it('treats each element of $or/$and/$nor as a new document', () => {
    expect(completionKind('query', ['$or', 0, ''], true)).toMatchObject({ fields: true, topOperators: true });
    expect(completionKind('query', ['$and', 2, 'u'], true)).toMatchObject({
      fields: true,
      topOperators: true,
    });
  });
  it('offers fields and field operators inside $elemMatch', () => {
    expect(completionKind('query', ['emails', '$elemMatch', ''], true)).toMatchObject({
      fields: true,
      fieldOperators: true,
    });
  });
  it('offers only field names in fields and sort, and only at the top level', () => {
    expect(completionKind('fields', [''], true)).toMatchObject({
      fields: true,
      topOperators: false,
      fieldOperators: false,
    });
    expect(completionKind('sort', ['name'], true)).toMatchObject({ fields: true });
    expect(completionKind('sort', ['name', ''], true).kind).toBe('none');
  });
  it('offers nothing while a value is typed', () => {
    expect(completionKind('query', ['username'], false).kind).toBe('none');
  });
});
