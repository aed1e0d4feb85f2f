import { describe, expect, it } from 'vitest';
import { operationsFromGenerated } from '../../core/catalog/operation';
import { createSearchIndex, searchOperations } from '../../core/catalog/search';
import type { GeneratedCatalog, Operation } from '../../core/catalog/types';
import catalog from '../../core/catalog/generated/catalog.json';
import { buildRows, moveActive, shortPath } from './rows';

const ops: Operation[] = operationsFromGenerated(catalog as GeneratedCatalog);

describe('buildRows', () => {
  it('browsing: groups alphabetically, each followed by its operations, every operation once', () => {
    const model = buildRows(ops, false, new Set());
    const groups = model.rows
      .filter((r) => r.kind === 'group')
      .map((r) => (r.kind === 'group' ? r.group : ''));
    expect(groups).toEqual([...groups].sort((a, b) => a.localeCompare(b)));
    expect(model.options).toHaveLength(ops.length);
    expect(model.matchCount).toBe(ops.length);
    expect(new Set(model.options.map((o) => o.id)).size).toBe(ops.length);
    // Every option row sits under the header of its own group.
    let current = '';
    for (const row of model.rows) {
      if (row.kind === 'group') current = row.group;
      else expect(row.op.group).toBe(current);
    }
  });

  it('searching: the best hit is the first option, and rowOfOption points at it', () => {
    const ranked = searchOperations(createSearchIndex(ops), 'users.list').map((h) => h.op);
    const model = buildRows(ranked, true, new Set());
    expect(model.options[0]?.path).toBe('/api/v1/users.list');
    const row = model.rows[model.rowOfOption[0]!];
    expect(row?.kind === 'op' && row.op.path).toBe('/api/v1/users.list');
  });

  it('collapsed groups keep their header and count but hide their options', () => {
    const model = buildRows(ops, false, new Set(['users']));
    const header = model.rows.find((r) => r.kind === 'group' && r.group === 'users');
    expect(header).toMatchObject({ collapsed: true });
    expect(header?.kind === 'group' && header.count).toBeGreaterThan(40);
    expect(model.options.some((o) => o.group === 'users')).toBe(false);
    expect(model.matchCount).toBe(ops.length);
  });
});

describe('moveActive', () => {
  it('starts at the first (down) or last (up) option and wraps', () => {
    expect(moveActive(-1, 1, 5)).toBe(0);
    expect(moveActive(-1, -1, 5)).toBe(4);
    expect(moveActive(4, 1, 5)).toBe(0);
    expect(moveActive(0, -1, 5)).toBe(4);
    expect(moveActive(2, 1, 0)).toBe(-1);
  });
});

describe('shortPath', () => {
  it('drops only the /api/v1/ prefix', () => {
    expect(shortPath('/api/v1/users.list')).toBe('users.list');
    expect(shortPath('/api/apps/:id')).toBe('/api/apps/:id');
    expect(shortPath('/hooks/:integrationId/:token')).toBe('/hooks/:integrationId/:token');
  });
});

describe('buildRows once the server said what it serves', () => {
  it('browsing: groups with served operations come first, and served operations first in a group', () => {
    const served = new Set(['users', 'channels']);
    const marked: Operation[] = ops.map((op) => ({
      ...op,
      availability: served.has(op.group) && !op.path.endsWith('.list') ? 'on-server' : 'not-on-server',
    }));
    const model = buildRows(marked, false, new Set());
    const groups = model.rows.flatMap((r) => (r.kind === 'group' ? [r.group] : []));
    expect(groups.slice(0, 2)).toEqual(['channels', 'users']);
    expect(model.options[0]?.availability).toBe('on-server');
    const users = model.options.filter((o) => o.group === 'users');
    const firstAbsent = users.findIndex((o) => o.availability === 'not-on-server');
    expect(firstAbsent).toBeGreaterThan(0);
    expect(users.slice(firstAbsent).every((o) => o.availability === 'not-on-server')).toBe(true);
  });
});
