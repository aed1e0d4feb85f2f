import { describe, expect, it } from 'vitest';
import { checkQuery } from './check-query';
import { applyLocally, didServerApply, queryFieldRoots } from './verify';

const users = [
  { _id: 'u1', username: 'admin', name: 'Admin', active: true, createdAt: '2024-01-01T00:00:00.000Z' },
  { _id: 'u2', username: 'alice', name: 'Alice', active: true, createdAt: '2024-02-01T00:00:00.000Z' },
  { _id: 'u3', username: 'bob', name: 'Bob', active: false, createdAt: '2024-03-01T00:00:00.000Z' },
];

describe('didServerApply', () => {
  it('query ignored: an item that fails the query came back', () => {
    const check = didServerApply({ username: { $regex: '^a' } }, null, users);
    expect(check.queryIgnored).toBe(true);
    expect(check.nonMatching).toEqual([2]);
    expect(check.details[0]).toContain('_id u3 does not match');
    // The cause is said once, apart from what was seen.
    expect(check.details.join(' ')).not.toContain('ALLOW_UNSAFE');
    expect(check.cause).toBe(
      'Servers 7.0 and newer ignore "query" unless they run with ALLOW_UNSAFE_QUERY_AND_FIELDS_API_PARAMS=TRUE.',
    );
  });

  it('query and fields both ignored: two findings, one cause', () => {
    const check = didServerApply({ username: { $regex: '^a' } }, { username: 1 }, users);
    expect(check).toMatchObject({ queryIgnored: true, fieldsIgnored: true });
    expect(check.details).toHaveLength(2);
    expect(check.cause).toContain('ignore "query" and "fields" unless');
    expect(didServerApply({ username: { $regex: '^a' } }, null, users.slice(0, 2)).cause).toBeUndefined();
  });

  it('query applied (as far as can be told): every item matches', () => {
    const check = didServerApply(
      { $or: [{ username: 'admin' }, { username: { $regex: '^ali', $options: 'i' } }] },
      null,
      users.slice(0, 2),
    );
    expect(check.queryIgnored).toBe(false);
  });

  it('an empty result proves nothing', () => {
    expect(didServerApply({ username: 'nobody' }, { username: 1 }, [])).toMatchObject({
      queryIgnored: null,
      fieldsIgnored: null,
    });
  });

  it('EJSON dates in the query compare with ISO strings in the items', () => {
    const query = checkQuery('{"createdAt": {"$date": "2024-02-01T00:00:00Z"}}').value!;
    expect(didServerApply(query, null, [users[1]]).queryIgnored).toBe(false);
    expect(didServerApply(query, null, users).queryIgnored).toBe(true);
  });

  it('items whose queried field was projected away cannot be judged', () => {
    const projected = users.map(({ _id, name }) => ({ _id, name }));
    const check = didServerApply({ username: 'admin' }, { name: 1 }, projected);
    expect(check.queryIgnored).toBeNull();
    expect(check.fieldsIgnored).toBe(false);
    // ...but a field stripped by the server counts as "may be removed" too
    expect(
      didServerApply({ emails: 'x' }, null, users, { strippedFields: ['emails'] }).queryIgnored,
    ).toBeNull();
  });

  it('fields ignored: inclusion projection but other fields came back (except _id and always-returned)', () => {
    const check = didServerApply(null, { username: 1 }, users);
    expect(check.fieldsIgnored).toBe(true);
    expect(check.unexpectedFields).toEqual(['name', 'active', 'createdAt']);
    const trimmed = users.map(({ _id, username }) => ({ _id, username, type: 'user' }));
    expect(didServerApply(null, { username: 1 }, trimmed, { alwaysReturned: ['type'] }).fieldsIgnored).toBe(
      false,
    );
    expect(
      didServerApply(null, { username: 1, _id: 0 }, trimmed, { alwaysReturned: ['type'] }).fieldsIgnored,
    ).toBe(true);
  });

  it('fields: exclusion is ignored when an item still has the path; absence proves nothing', () => {
    expect(didServerApply(null, { name: 0 }, users).fieldsIgnored).toBe(true);
    expect(
      didServerApply(null, { 'profile.city': 0 }, [{ _id: 'x', profile: { city: 'Lisbon' } }]).fieldsIgnored,
    ).toBe(true);
    expect(didServerApply(null, { bio: 0 }, users).fieldsIgnored).toBeNull();
  });

  it('lists the fields a query uses, through $or/$and', () => {
    expect([...queryFieldRoots({ $or: [{ 'u.username': 'a' }, { $and: [{ name: 'x' }] }] })]).toEqual([
      'u',
      'name',
    ]);
  });
});

describe('applyLocally', () => {
  it('filters, sorts (before projecting) and projects, and says it was local', () => {
    const result = applyLocally(users, { active: true }, { username: 1 }, { createdAt: -1 });
    expect(result.source).toBe('local');
    expect(result.items).toEqual([
      { _id: 'u2', username: 'alice' },
      { _id: 'u1', username: 'admin' },
    ]);
    expect(result.matched).toBe(2);
    expect(result.label).toBe(
      'Applied locally (query, fields, sort) to the 3 fetched items, not by the server: 2 match.',
    );
  });

  it('keeps the original items (ISO strings stay strings) when the query holds dates', () => {
    const query = checkQuery('{"createdAt": {"$date": "2024-03-01T00:00:00Z"}}').value!;
    expect(applyLocally(users, query).items).toEqual([users[2]]);
  });

  it('with nothing to apply returns every item', () => {
    expect(applyLocally(users).items).toHaveLength(3);
  });
});
