import { describe, expect, it } from 'vitest';
import { cellText, defaultColumns, discoverColumns, tableRows, tableSource } from './table';

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
    expect(tableRows(envelope.channels, 1, 5, ['name', 'topic', 'missing'])).toEqual([['random', 'fun', '']]);
  });
});
