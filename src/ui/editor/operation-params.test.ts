import { describe, expect, it } from 'vitest';
import { editorPlan, takesBody } from './operation-params';

describe('editorPlan: which JSON editors an operation gets', () => {
  it('uses the catalog facts when the catalog knows the operation', () => {
    const plan = editorPlan('GET', '/api/v1/channels.history', {
      jsonParams: ['sort'],
      itemModel: { key: 'messages', type: 'IMessage', array: true },
    });
    expect(plan).toEqual({
      jsonParams: ['sort'],
      modelName: 'IMessage',
      itemsKey: 'messages',
      source: 'catalog',
    });
  });
  it('keeps the query, fields, sort order whatever order the catalog lists', () => {
    expect(editorPlan('GET', '/x', { jsonParams: ['sort', 'query'] }).jsonParams).toEqual(['query', 'sort']);
  });
  it('a catalog operation without JSON params gets no editors (the guess does not override it)', () => {
    expect(editorPlan('GET', '/api/v1/users.list', {}).jsonParams).toEqual([]);
  });
  it('guesses list-like GET endpoints when the catalog does not know them', () => {
    expect(editorPlan('GET', '/api/v1/users.list', undefined)).toMatchObject({
      jsonParams: ['query', 'fields', 'sort'],
      modelName: 'IUser',
      itemsKey: 'users',
    });
    expect(editorPlan('GET', '/api/v1/channels.list.joined', undefined).jsonParams).toHaveLength(3);
    expect(editorPlan('GET', '/api/v1/dm.messages', undefined).modelName).toBe('IMessage');
    expect(editorPlan('GET', '/api/info', undefined).jsonParams).toEqual([]);
    expect(editorPlan('POST', '/api/v1/users.list', undefined).jsonParams).toEqual([]);
  });
  it('gives a Body editor to methods that send one', () => {
    expect(['GET', 'POST', 'PUT', 'DELETE'].map(takesBody)).toEqual([false, true, true, true]);
  });
});
