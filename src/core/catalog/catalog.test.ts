import { describe, expect, it } from 'vitest';
import catalogJson from './generated/catalog.json';
import {
  fillPath,
  findOperation,
  loadBundledCatalog,
  matchKey,
  normalisePath,
  operationId,
  operationsFromGenerated,
  pathParamsOf,
} from './operation';
import { createSearchIndex, searchOperations } from './search';
import { formFields, groupByDomain } from './group';
import type { GeneratedCatalog } from './types';

const generated = catalogJson as unknown as GeneratedCatalog;
const ops = operationsFromGenerated(generated);

describe('operation ids and paths', () => {
  it('builds stable deep-link ids like the official operationIds', () => {
    expect(operationId('GET', '/api/v1/users.list')).toBe('get-api-v1-users.list');
    expect(operationId('DELETE', '/api/apps/{id}')).toBe('delete-api-apps-:id');
  });

  it('gives every bundled operation a unique id', () => {
    expect(new Set(ops.map((o) => o.id)).size).toBe(ops.length);
  });

  it('normalises placeholders and fills them', () => {
    expect(normalisePath('/api/apps/{id}/settings/{settingId}/')).toBe('/api/apps/:id/settings/:settingId');
    expect(pathParamsOf('/api/apps/{id}/settings/:settingId')).toEqual(['id', 'settingId']);
    expect(matchKey('get', '/api/apps/{appId}')).toBe(matchKey('GET', '/api/apps/:id'));
    expect(fillPath('/api/apps/:id/icon', { id: 'a b' })).toBe('/api/apps/a%20b/icon');
  });

  it('finds operations by id or by METHOD path', () => {
    expect(findOperation(ops, 'get-api-v1-users.list')?.path).toBe('/api/v1/users.list');
    expect(findOperation(ops, 'GET /api/apps/{appId}')?.id).toBe('get-api-apps-:id');
    expect(findOperation(ops, 'GET /api/v1/nope')).toBeUndefined();
  });

  it('loads the bundled catalog lazily, once', async () => {
    const a = loadBundledCatalog();
    expect(loadBundledCatalog()).toBe(a);
    const c = await a;
    expect(c.operations).toHaveLength(generated.count);
    expect(c.generatedFrom).toBe('@rocket.chat/rest-typings@8.8.1');
    expect(c.models.IUser).toContain('username');
  });
});

describe('search', () => {
  const index = createSearchIndex(ops);
  const top = (q: string, n = 3) => searchOperations(index, q, n).map((h) => `${h.op.method} ${h.op.path}`);

  it('ranks the exact endpoint name first', () => {
    expect(top('users.list', 1)).toEqual(['GET /api/v1/users.list']);
    expect(top('chat.postMessage', 1)).toEqual(['POST /api/v1/chat.postMessage']);
    expect(top('chat post', 1)).toEqual(['POST /api/v1/chat.postMessage']);
  });

  it('matches words in any order, the method as a word, and typos as subsequences', () => {
    expect(top('post chat.send', 1)).toEqual(['POST /api/v1/chat.sendMessage']);
    expect(top('list channels')).toContain('GET /api/v1/channels.list');
    expect(top('chnlslst', 5)).toContain('GET /api/v1/channels.list');
  });

  it('requires every word to match and returns everything for an empty query', () => {
    expect(searchOperations(index, 'users.list zzzzqqq')).toEqual([]);
    expect(searchOperations(index, '  ')).toHaveLength(ops.length);
  });

  it('searches summaries', () => {
    const withSummary = ops.find((o) => o.path === '/api/v1/users.info')!;
    expect(withSummary.summary).toBeUndefined(); // anyOf alternatives carry the prose, not the root
    const index2 = createSearchIndex([{ ...withSummary, summary: 'Get user information' }]);
    expect(searchOperations(index2, 'information')).toHaveLength(1);
  });
});

describe('grouping and forms', () => {
  it('groups by domain, groups sorted', () => {
    const groups = groupByDomain(ops);
    const names = groups.map((g) => g.name);
    expect(names).toEqual([...names].sort());
    for (const g of ['channels', 'users', 'chat', 'rooms', 'apps', 'livechat', 'server'])
      expect(names).toContain(g);
    expect(groups.reduce((n, g) => n + g.operations.length, 0)).toBe(ops.length);
  });

  it('builds channels.list fields: numbers, JSON params, nothing required', () => {
    const fields = formFields(findOperation(ops, 'GET /api/v1/channels.list')!);
    const by = Object.fromEntries(fields.map((f) => [f.name, f]));
    expect(by.count).toMatchObject({ kind: 'number', required: false, json: false, in: 'query' });
    expect(by.query).toMatchObject({ kind: 'string', json: true });
    expect(by.sort?.json).toBe(true);
  });

  it('marks alternatives as required in some forms only (channels.info: roomId or roomName)', () => {
    const fields = formFields(findOperation(ops, 'GET /api/v1/channels.info')!);
    const roomId = fields.find((f) => f.name === 'roomId')!;
    expect(roomId).toMatchObject({ required: false, requiredInSome: true });
  });
});
