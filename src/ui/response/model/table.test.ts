import { describe, expect, it } from 'vitest';
import { cellText, defaultColumns, discoverColumns, sortedOrder, tableRows, tableSource } from './table';

describe('table model', () => {
  const envelope = {
    channels: [
      { _id: 'r1', name: 'general', t: 'c', usersCount: 3, extra: { a: 1 } },
      { _id: 'r2', name: 'random', t: 'c', topic: 'fun' },
    ],
    count: 2,
    offset: 0,
    total: 2,
    success: true,
  };
  it('finds the list field of an envelope, or a root array of objects', () => {
    expect(tableSource(envelope)?.path).toBe('channels');
    expect(tableSource([{ a: 1 }])?.path).toBe('');
    expect(tableSource({ success: true })).toBeNull();
    expect(tableSource({ values: [1, 2, 3] })).toBeNull();
  });
  it('discovers columns in first-seen order with their frequency', () => {
    expect(discoverColumns(envelope.channels)).toEqual([
      { name: '_id', count: 2 },
      { name: 'name', count: 2 },
      { name: 't', count: 2 },
      { name: 'usersCount', count: 1 },
      { name: 'extra', count: 1 },
      { name: 'topic', count: 1 },
    ]);
  });
  it('samples a bounded number of items on huge lists', () => {
    const items = Array.from({ length: 100_000 }, (_, i) => (i === 99_999 ? { rare: 1 } : { common: i }));
    const columns = discoverColumns(items, 1000);
    expect(columns[0]).toEqual({ name: 'common', count: 1000 });
  });
  it('picks well-known keys first, then the most common ones', () => {
    expect(defaultColumns(discoverColumns(envelope.channels), 4)).toEqual(['_id', 'name', 't', 'usersCount']);
    expect(
      defaultColumns(
        [
          { name: 'z', count: 1 },
          { name: 'y', count: 5 },
        ],
        6,
      ),
    ).toEqual(['y', 'z']);
  });
  it('renders cells as text and slices rows', () => {
    expect(cellText(undefined)).toBe('');
    expect(cellText({ a: 1 })).toBe('{a: 1}');
    expect(cellText(true)).toBe('true');
    expect(tableRows(envelope.channels, 1, 5, ['name', 'topic', 'missing'])).toEqual([
      { index: 1, cells: ['random', 'fun', ''] },
    ]);
  });
  it('sorts by a column: numbers by value, text naturally, stable, missing values last both ways', () => {
    const items = [
      { name: 'item-10', n: 10 },
      { name: 'Item-2', n: 2 },
      { name: 'item-1' },
      { name: 'item-2', n: null },
      { n: 2 },
      'not an object',
    ];
    const names = (order: Int32Array) => Array.from(order, (i) => i);
    expect(names(sortedOrder(items, { column: 'n', direction: 'ascending' }))).toEqual([1, 4, 0, 2, 3, 5]);
    expect(names(sortedOrder(items, { column: 'n', direction: 'descending' }))).toEqual([0, 1, 4, 2, 3, 5]);
    // Natural and case-insensitive: item-1 < Item-2 = item-2 (kept in the answer's order) < item-10.
    expect(names(sortedOrder(items, { column: 'name', direction: 'ascending' }))).toEqual([2, 1, 3, 0, 4, 5]);
    // Rows come out in that order and keep their position in the answer.
    const order = sortedOrder(items, { column: 'n', direction: 'descending' });
    expect(tableRows(items, 0, 2, ['n'], order)).toEqual([
      { index: 0, cells: ['10'] },
      { index: 1, cells: ['2'] },
    ]);
  });
  it('orders mixed kinds: numbers, then text, then booleans, then objects', () => {
    const items = [{ v: { a: 1 } }, { v: true }, { v: 'b' }, { v: 3 }, { v: 'a' }];
    expect(Array.from(sortedOrder(items, { column: 'v', direction: 'ascending' }))).toEqual([3, 4, 2, 1, 0]);
  });
});
