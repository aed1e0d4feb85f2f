import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createMerger, findListField, listItems, readPageNumbers } from './envelope';

describe('findListField', () => {
  it('finds the array-valued key of Rocket.Chat envelopes', () => {
    expect(findListField({ users: [{ _id: 'a' }], count: 1, offset: 0, total: 1, success: true })).toBe(
      'users',
    );
    expect(findListField({ channels: [], count: 0, offset: 0, total: 0, success: true })).toBe('channels');
    expect(findListField({ success: true, info: { version: '8.1.0' } })).toBeNull();
    expect(findListField([1, 2])).toBeNull();
    expect(findListField('text')).toBeNull();
  });

  it('prefers the hint, then arrays of documents, then the longest', () => {
    const body = { tags: ['x', 'y', 'z'], messages: [{ _id: 'm1' }], success: true };
    expect(findListField(body)).toBe('messages');
    expect(findListField(body, 'tags')).toBe('tags');
    expect(findListField(body, 'missing')).toBe('messages');
    expect(findListField({ a: [1], b: [1, 2] })).toBe('b');
  });

  it('reads offset/count/total, falling back to the list length', () => {
    expect(readPageNumbers({ users: [{}, {}], count: 2, offset: 10, total: 12, success: true })).toEqual({
      offset: 10,
      count: 2,
      total: 12,
    });
    expect(readPageNumbers({ emojis: [{}, {}, {}], success: true })).toEqual({
      offset: 0,
      count: 3,
      total: 3,
    });
    expect(readPageNumbers({ success: true })).toBeNull();
    expect(listItems({ users: [1] })).toEqual([1]);
  });
});

describe('merging', () => {
  it('dedupes by _id when pages shift, keeping first-seen order; items without _id are all kept', () => {
    const page1 = { users: [{ _id: 'a' }, { _id: 'b' }], count: 2, offset: 0, total: 4 };
    const page2 = { users: [{ _id: 'b' }, { _id: 'c' }], count: 2, offset: 2, total: 5 }; // 'b' shifted
    const page3 = {
      users: [{ name: 'no id' }, { name: 'no id' }, { _id: 7 }, { _id: '7' }],
      count: 4,
      offset: 4,
      total: 5,
    };
    const merged = createMerger();
    for (const page of [page1, page2, page3]) merged.add(page.users);
    expect(findListField(page1)).toBe('users');
    expect(merged.duplicates).toBe(1);
    expect(merged.items).toEqual([
      { _id: 'a' },
      { _id: 'b' },
      { _id: 'c' },
      { name: 'no id' },
      { name: 'no id' },
      { _id: 7 },
      { _id: '7' },
    ]);
  });

  it('property: merging overlapping windows of a list gives the list back, each id once', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 300 }),
        fc.array(fc.tuple(fc.nat(300), fc.integer({ min: 1, max: 60 })), { maxLength: 30 }),
        (n, windows) => {
          const all = Array.from({ length: n }, (_, i) => ({ _id: `id${i}` }));
          const merger = createMerger();
          // Cover everything in order, with random overlapping re-reads in between.
          for (let o = 0; o < n; o += 25) {
            merger.add(all.slice(o, o + 25));
            const extra = windows[o % Math.max(1, windows.length)];
            if (extra)
              merger.add(
                all.slice(Math.min(extra[0], o), Math.min(extra[0], o) + extra[1]).filter((_, i) => i < 25),
              );
          }
          expect(merger.items).toEqual(all);
          expect(new Set(merger.items.map((u) => (u as { _id: string })._id)).size).toBe(n);
        },
      ),
    );
  });
});
