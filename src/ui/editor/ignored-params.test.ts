import { describe, expect, it, vi } from 'vitest';
import { BodyText } from '../../core/http/body-text';
import { emptyDraft } from '../../core/request/draft';
import { applyRunLocally, itemsOf, localResultText, pageScopeText, verdictFor } from './ignored-params';

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
    expect(verdict?.check.cause).toContain('ALLOW_UNSAFE_QUERY_AND_FIELDS_API_PARAMS=TRUE');
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
  it('joins a body kept in parts only when it has query or fields to check', () => {
    const parts = new BodyText([body(users).slice(0, 10), body(users).slice(10)]);
    const text = vi.spyOn(parts, 'text');
    expect(verdictFor(draft(''), 200, parts, 'users')).toBeNull();
    expect(verdictFor(draft('{"username": "demo"}'), 404, parts, 'users')).toBeNull();
    expect(text).not.toHaveBeenCalled();
    expect(verdictFor(draft('{"username": "demo"}'), 200, parts, 'users')?.check.queryIgnored).toBe(true);
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

describe('what "Apply locally" works on, in words', () => {
  it('names the page and its real size, or the whole list when it is all there', () => {
    expect(pageScopeText(50, { offset: 0, count: 50, total: 2000 })).toBe('the 50 items of this page');
    expect(pageScopeText(1, { offset: 40, count: 1, total: 41 })).toBe('the 1 item of this page');
    expect(pageScopeText(3, { offset: 0, count: 3, total: 3 })).toBe('the 3 fetched items (the whole list)');
    expect(pageScopeText(3, null)).toBe('the 3 fetched items (the whole list)');
  });

  it('counts the matches against what they were found in', () => {
    const d = draft('{"active": true}');
    const result = applyRunLocally(d, users);
    expect(localResultText(d, result, { kind: 'page', partOfList: true })).toBe(
      '2 of the 3 items on this page match "query".',
    );
    expect(localResultText(d, result, { kind: 'all-pages', pages: 1, complete: true })).toBe(
      '2 of the 3 items of all 1 page match "query".',
    );
    const one = applyRunLocally(draft('{"username": "demo"}', '{"username": 1}'), users);
    expect(
      localResultText(draft('{"username": "demo"}', '{"username": 1}'), one, {
        kind: 'all-pages',
        pages: 2,
        complete: false,
      }),
    ).toBe(
      '1 of the 3 items fetched before fetching stopped (2 pages) matches "query"; "fields" applied to it.',
    );
    const shaped = draft('', '{"username": 1}', '{"username": 1}');
    expect(localResultText(shaped, applyRunLocally(shaped, users), { kind: 'page', partOfList: false })).toBe(
      '"fields" and "sort" applied to the 3 items fetched (the whole list).',
    );
  });
});
