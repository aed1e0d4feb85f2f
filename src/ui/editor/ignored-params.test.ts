import { describe, expect, it } from 'vitest';
import { emptyDraft } from '../../core/request/draft';
import { applyRunLocally, itemsOf, verdictFor } from './ignored-params';

function draft(query: string, fields = '', sort = '') {
  return {
    ...emptyDraft('http://127.0.0.1:4100', 'GET', '/api/v1/users.list'),
    jsonParams: { query, fields, sort },
  };
}

const users = [
  { _id: 'a', username: 'admin', name: 'Admin', active: true },
  { _id: 'b', username: 'demo', name: 'Demo', active: true },
  { _id: 'c', username: 'bot', name: 'Bot', active: false },
];
const body = (items: unknown[]) =>
  JSON.stringify({ users: items, count: items.length, offset: 0, total: 3, success: true });

describe('itemsOf', () => {
  it('reads the named key, else the first array of objects', () => {
    expect(itemsOf({ users, total: 3 }, 'users')?.items).toHaveLength(3);
    expect(itemsOf({ total: 3, channels: [{ _id: 'x' }] }, undefined)).toEqual({
      key: 'channels',
      items: [{ _id: 'x' }],
    });
    expect(itemsOf({ total: 3, tags: ['a'] }, undefined)).toBeNull();
    expect(itemsOf([users], undefined)).toBeNull();
  });
});

describe('verdictFor: did the server apply query and fields?', () => {
  it('says "ignored" when returned users do not match the query (a 7.0+ server without the variable)', () => {
    const verdict = verdictFor(draft('{"username": "demo"}'), 200, body(users), 'users');
    expect(verdict?.check.queryIgnored).toBe(true);
    expect(verdict?.check.details.join(' ')).toContain('The server ignored "query"');
    expect(verdict?.check.details.join(' ')).toContain('ALLOW_UNSAFE_QUERY_AND_FIELDS_API_PARAMS=TRUE');
  });
  it('says nothing is ignored when every item matches (a server that applied it)', () => {
    const verdict = verdictFor(draft('{"username": "demo"}'), 200, body([users[1]]), 'users');
    expect(verdict?.check.queryIgnored).toBe(false);
  });
  it('detects an ignored projection', () => {
    const verdict = verdictFor(draft('', '{"username": 1}'), 200, body(users), 'users');
    expect(verdict?.check.fieldsIgnored).toBe(true);
  });
  it('has nothing to say without query/fields, on errors, or for non-JSON bodies', () => {
    expect(verdictFor(draft(''), 200, body(users), 'users')).toBeNull();
    expect(verdictFor(draft('{"username": "demo"}'), 400, body(users), 'users')).toBeNull();
    expect(verdictFor(draft('{"username": "demo"}'), 200, '<html>', 'users')).toBeNull();
    expect(verdictFor(draft('{"username": '), 200, body(users), 'users')).toBeNull();
  });
});

describe('applyRunLocally', () => {
  it('filters, projects and sorts the fetched items, labelled as local', () => {
    const result = applyRunLocally(draft('{"active": true}', '{"username": 1}', '{"username": -1}'), users);
    expect(result.source).toBe('local');
    expect(result.items).toEqual([
      { _id: 'b', username: 'demo' },
      { _id: 'a', username: 'admin' },
    ]);
    expect(result.label).toContain('not by the server');
  });
});
