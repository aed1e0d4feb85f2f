import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TreeModel, copyText, formatPath, pointerOf, previewOf, valueAt } from './json-tree';

const doc = {
  users: [
    { _id: 'a1', username: 'alice', roles: ['admin'] },
    { _id: 'b2', username: 'bob', 'odd key': 1 },
    { _id: 'c3', username: 'carol' },
    { _id: 'd4', username: 'dave' },
  ],
  count: 4,
  offset: 0,
  total: 4,
  success: true,
};

describe('paths', () => {
  it('formats paths as people write them in JavaScript', () => {
    expect(formatPath(['users', 3, 'username'])).toBe('users[3].username');
    expect(formatPath([0, 'name'])).toBe('[0].name');
    expect(formatPath(['users', 1, 'odd key'])).toBe('users[1]["odd key"]');
    expect(formatPath(['x-y', '$ok', '_a1'])).toBe('["x-y"].$ok._a1');
    expect(formatPath([])).toBe('');
  });
  it('pointers escape ~ and / so distinct keys never collide', () => {
    expect(pointerOf(['a/b', 'c~d', 2])).toBe('/a~1b/c~0d/2');
    expect(pointerOf(['a', 'b'])).not.toBe(pointerOf(['a/b']));
  });
  it('reads the value at a path', () => {
    expect(valueAt(doc, ['users', 3, 'username'])).toBe('dave');
    expect(valueAt(doc, ['users', 9, 'username'])).toBeUndefined();
  });
});

describe('TreeModel', () => {
  it('opens the root and its children by default and flattens only visible nodes', () => {
    const model = new TreeModel(doc);
    // root, users, 4 user rows (closed), count, offset, total, success
    expect(model.visibleCount).toBe(1 + 1 + 4 + 4);
    const rows = model.rows(0, 3);
    expect(rows.map((r) => r.path)).toEqual(['', 'users', 'users[0]']);
    expect(rows[1]).toMatchObject({
      kind: 'array',
      expandable: true,
      expanded: true,
      childCount: 4,
      depth: 1,
    });
    expect(rows[2]).toMatchObject({ kind: 'object', expanded: false, key: 0 });
    expect(rows[2]!.preview).toContain('username: "alice"');
  });
  it('toggles a node open and closed, shifting the rows below', () => {
    const model = new TreeModel(doc);
    const bob = model.rows(3, 4)[0]!;
    expect(bob.path).toBe('users[1]');
    model.toggle(bob.id);
    expect(model.visibleCount).toBe(10 + 3);
    expect(model.rows(4, 7).map((r) => r.path)).toEqual([
      'users[1]._id',
      'users[1].username',
      'users[1]["odd key"]',
    ]);
    model.setExpanded(bob.id, false);
    expect(model.visibleCount).toBe(10);
    model.collapseAll();
    expect(model.rows(0, 99).map((r) => r.path)).toEqual([
      '',
      'users',
      'count',
      'offset',
      'total',
      'success',
    ]);
  });
  it('does not materialise rows for 100,000 items: rows(start, end) costs only the range', () => {
    const big = {
      users: Array.from({ length: 100_000 }, (_, i) => ({ _id: `id${i}`, username: `user${i}` })),
    };
    const model = new TreeModel(big);
    expect(model.visibleCount).toBe(100_002);
    const rows = model.rows(99_990, 100_010);
    expect(rows).toHaveLength(12);
    expect(rows[rows.length - 1]!.path).toBe('users[99999]');
  });
  it('search filters to matches and their ancestors, by key or by value, case-insensitively', () => {
    const model = new TreeModel(doc);
    const result = model.setSearch('CAROL');
    expect(result).toEqual({ query: 'CAROL', matches: 1, capped: false });
    const rows = model.rows(0, 99);
    expect(rows.map((r) => r.path)).toEqual(['', 'users', 'users[2]', 'users[2].username']);
    expect(rows[3]!.match).toBe(true);
    expect(rows[2]!.match).toBe(false);
    expect(model.setSearch('odd').matches).toBe(1); // a key
    expect(model.setSearch('').matches).toBe(0);
    expect(model.visibleCount).toBe(10);
  });
  it('a container opened by hand during a search shows all its children', () => {
    const model = new TreeModel(doc);
    model.setSearch('carol');
    model.setExpanded(pointerOf(['users', 2]), true);
    model.toggle(pointerOf(['users', 2])); // close it again
    expect(model.rows(0, 99).map((r) => r.path)).toEqual(['', 'users', 'users[2]']);
    model.toggle(pointerOf(['users', 2]));
    expect(model.rows(0, 99).map((r) => r.path)).toContain('users[2]._id');
  });
  it('caps search matches and says so', () => {
    const model = new TreeModel({ list: Array.from({ length: 50 }, (_, i) => `x${i}`) }, { searchCap: 10 });
    expect(model.setSearch('x')).toMatchObject({ matches: 10, capped: true });
  });
});

describe('previews and copy', () => {
  it('summarises containers and clips long strings', () => {
    expect(previewOf([1, 2, 3])).toBe('[3 items]');
    expect(previewOf({ a: 1, b: { c: 2 }, d: [1] })).toBe('{a: 1, b: {…}, d: [1]}');
    expect(previewOf('x'.repeat(500), 20)).toHaveLength(20);
    expect(previewOf(null)).toBe('null');
  });
  it('copies strings as they are and everything else as JSON', () => {
    expect(copyText('alice')).toBe('alice');
    expect(copyText({ a: 1 })).toBe('{\n  "a": 1\n}');
    expect(copyText(3)).toBe('3');
  });
});

describe('TreeModel toggles splice the visible list like a full rebuild would', () => {
  const nested = {
    a: [{ x: 1, y: [1, 2] }, { x: 2, y: [] }, { z: { deep: { er: true } } }],
    b: { c: { d: [1, 2, 3] }, 'e/f': { '~g': 1 } },
    h: 'leaf',
  };
  /** Reference: walk the document, opening exactly the containers the model reports as expanded. */
  function reference(model: TreeModel): string[] {
    const all = model.rows(0, model.visibleCount);
    const open = new Set(all.filter((r) => r.expanded).map((r) => r.id));
    const out: string[] = [];
    const walk = (value: unknown, pointer: string) => {
      out.push(pointer);
      if (value === null || typeof value !== 'object' || !open.has(pointer)) return;
      const entries = Array.isArray(value)
        ? value.map((v, i) => [String(i), v] as const)
        : Object.entries(value);
      for (const [k, v] of entries) walk(v, `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`);
    };
    walk(nested, '');
    return out;
  }
  it('keeps a node opened inside a closed parent open when the parent reopens', () => {
    const model = new TreeModel(nested);
    model.toggle('/a/0');
    model.toggle('/a');
    expect(model.rows(0, 99).map((r) => r.path)).not.toContain('a[0].x');
    model.toggle('/a');
    expect(model.rows(0, 99).map((r) => r.path)).toContain('a[0].x');
    expect(model.rows(0, 99).map((r) => r.id)).toEqual(reference(model));
  });
  it('property: any sequence of toggles leaves the list equal to the reference walk', () => {
    const pointers = [
      '',
      '/a',
      '/a/0',
      '/a/0/y',
      '/a/2',
      '/a/2/z',
      '/a/2/z/deep',
      '/b',
      '/b/c',
      '/b/c/d',
      '/b/e~1f',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pointers), { maxLength: 25 }), (sequence) => {
        const model = new TreeModel(nested);
        for (const pointer of sequence) model.toggle(pointer);
        expect(model.rows(0, model.visibleCount).map((r) => r.id)).toEqual(reference(model));
      }),
    );
  });
});
