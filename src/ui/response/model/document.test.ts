import { describe, expect, it } from 'vitest';
import { createDocumentHost, ResponseDocument } from './document';

const users = {
  users: Array.from({ length: 5 }, (_, i) => ({ _id: `u${i}`, username: `user${i}` })),
  count: 5,
  offset: 10,
  total: 2000,
  success: true,
};

describe('ResponseDocument', () => {
  it('summarises a list envelope: paging numbers, table, pretty raw text', () => {
    const { summary } = new ResponseDocument(1, JSON.stringify(users), 'application/json');
    expect(summary).toMatchObject({
      kind: 'json',
      html: false,
      listField: 'users',
      page: { offset: 10, count: 5, total: 2000 },
      listLength: 5,
      table: { path: 'users', rowCount: 5, defaults: ['_id', 'username'] },
    });
    expect(summary.raw.pretty).toBe(true);
    expect(summary.raw.text).toContain('\n  "users": [');
    expect(summary.raw.starts).toBeNull();
  });
  it('no paging without numeric count, offset and total', () => {
    const { summary } = new ResponseDocument(
      1,
      JSON.stringify({ update: [], remove: [], success: true }),
      'application/json',
    );
    expect(summary.page).toBeNull();
  });
  it('recognises an HTML error page and a body that claims JSON but is not', () => {
    const html = new ResponseDocument(
      1,
      '<!DOCTYPE html><html><body>502 Bad Gateway</body></html>',
      'text/html',
    ).summary;
    expect(html).toMatchObject({ kind: 'text', html: true });
    const broken = new ResponseDocument(1, '{"users": [', 'application/json').summary;
    expect(broken.kind).toBe('text');
    expect(broken.declaredJson).toBe(true);
    expect(broken.parseError).toMatch(/JSON/);
    expect(new ResponseDocument(1, '', 'application/json').summary.kind).toBe('empty');
    expect(new ResponseDocument(1, 'OK', 'text/plain').summary).toMatchObject({
      kind: 'text',
      parseError: null,
    });
  });
  it('reads Rocket.Chat error text', () => {
    const body = JSON.stringify({ success: false, error: 'Internal server error' });
    expect(new ResponseDocument(1, body, 'application/json').summary.errorText).toBe('Internal server error');
  });
  it('indexes large bodies for the virtual Raw view and leaves them unprettified above the limit', () => {
    const big = JSON.stringify({
      users: Array.from({ length: 3000 }, (_, i) => ({ _id: `u${i}`, name: 'x'.repeat(30) })),
    });
    const { summary } = new ResponseDocument(1, big, 'application/json');
    expect(summary.raw.starts).not.toBeNull();
    expect(summary.raw.starts!.length).toBeGreaterThan(3000);
  });
});

describe('document host (the worker protocol)', () => {
  it('answers rows, toggles, search, table rows and copy for the current document only', () => {
    const host = createDocumentHost();
    const loaded = host.handle({
      op: 'load',
      docId: 7,
      text: JSON.stringify(users),
      contentType: 'application/json',
    });
    expect(loaded.op).toBe('load');
    const rows = host.handle({ op: 'rows', docId: 7, start: 0, end: 4 });
    expect(rows.op === 'rows' && rows.rows.map((r) => r.path)).toEqual(['', 'users', 'users[0]', 'users[1]']);
    const toggled = host.handle({ op: 'toggle', docId: 7, pointer: '/users/3' });
    expect(toggled).toEqual({ op: 'toggle', visibleCount: 11 + 2 });
    expect(host.handle({ op: 'copy', docId: 7, pointer: '/users/3/username' })).toEqual({
      op: 'copy',
      text: 'user3',
      path: 'users[3].username',
    });
    expect(host.handle({ op: 'tableRows', docId: 7, start: 0, end: 2, columns: ['username'] })).toEqual({
      op: 'tableRows',
      rows: [
        { index: 0, cells: ['user0'] },
        { index: 1, cells: ['user1'] },
      ],
    });
    // Sorted in the worker: the last users first, each row still saying where it is in the answer.
    const sorted = { column: 'username', direction: 'descending' } as const;
    expect(
      host.handle({ op: 'tableRows', docId: 7, start: 0, end: 1, columns: ['username'], sort: sorted }),
    ).toEqual({ op: 'tableRows', rows: [{ index: 4, cells: ['user4'] }] });
    const search = host.handle({ op: 'search', docId: 7, query: 'user4' });
    expect(search).toMatchObject({ op: 'search', search: { matches: 1 } });
    expect(host.handle({ op: 'rows', docId: 6, start: 0, end: 1 })).toEqual({ op: 'stale' });
  });
});

describe('document host slots', () => {
  it('keeps the answer while a local view is shown, and each is replaced only by its own kind', () => {
    const host = createDocumentHost();
    const json = (field: string, n: number) =>
      JSON.stringify({ [field]: Array.from({ length: n }, (_, i) => ({ _id: `${field}${i}` })) });
    host.handle({ op: 'load', docId: 1, text: json('users', 2), contentType: 'application/json' });
    host.handle({
      op: 'load',
      docId: 2,
      text: json('users', 5),
      contentType: 'application/json',
      slot: 'local',
    });
    const rows = (docId: number) =>
      host.handle({ op: 'tableRows', docId, start: 0, end: 100, columns: ['_id'] });
    // Both answer: back from the local view to the answer needs no new parse.
    expect(rows(1)).toMatchObject({ op: 'tableRows', rows: { length: 2 } });
    expect(rows(2)).toMatchObject({ op: 'tableRows', rows: { length: 5 } });
    // A new answer replaces the old answer, not the local view.
    host.handle({ op: 'load', docId: 3, text: json('users', 1), contentType: 'application/json' });
    expect(rows(1)).toEqual({ op: 'stale' });
    expect(rows(2)).toMatchObject({ op: 'tableRows', rows: { length: 5 } });
    host.handle({
      op: 'load',
      docId: 4,
      text: json('users', 3),
      contentType: 'application/json',
      slot: 'local',
    });
    expect(rows(2)).toEqual({ op: 'stale' });
    expect(rows(3)).toMatchObject({ op: 'tableRows', rows: { length: 1 } });
  });
});

describe('a body sent in parts', () => {
  it('is joined before parsing, and parts of another document are dropped', () => {
    const host = createDocumentHost();
    const text = JSON.stringify(users);
    expect(host.handle({ op: 'append', docId: 3, text: 'garbage' })).toEqual({ op: 'append', received: 7 });
    host.handle({ op: 'append', docId: 4, text: text.slice(0, 10) });
    host.handle({ op: 'append', docId: 4, text: text.slice(10, 25) });
    const loaded = host.handle({
      op: 'load',
      docId: 4,
      text: text.slice(25),
      contentType: 'application/json',
    });
    expect(loaded.op === 'load' && loaded.summary).toMatchObject({
      kind: 'json',
      page: { offset: 10, count: 5, total: 2000 },
    });
  });
});

describe('copy', () => {
  it('refuses values above the copy limit instead of moving them to the page', () => {
    const big = { blob: 'x'.repeat(5_000_001) };
    const host = createDocumentHost();
    host.handle({ op: 'load', docId: 1, text: JSON.stringify(big), contentType: 'application/json' });
    expect(host.handle({ op: 'copy', docId: 1, pointer: '/blob' })).toEqual({
      op: 'copy',
      text: '',
      path: 'blob',
      tooLarge: 5_000_001,
    });
  });
});
