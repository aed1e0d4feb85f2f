import { describe, expect, it } from 'vitest';
import { emptyDraft, sameRequest } from './draft';

describe('sameRequest', () => {
  const sent = {
    ...emptyDraft('http://127.0.0.1:4100', 'GET', '/api/v1/users.list'),
    params: { count: '5' },
  };

  it('ignores how the answer is viewed', () => {
    expect(sameRequest(sent, { ...sent, view: { tab: 'table' } })).toBe(true);
  });

  it('sees any change to what would be sent', () => {
    expect(sameRequest(sent, { ...sent, params: { count: '6' } })).toBe(false);
    expect(sameRequest(sent, { ...sent, serverUrl: 'http://127.0.0.1:4101' })).toBe(false);
    expect(sameRequest(sent, { ...sent, jsonParams: { ...sent.jsonParams, query: '{}' } })).toBe(false);
    expect(sameRequest(sent, { ...sent, headers: { 'X-Extra': '1' } })).toBe(false);
  });
});
