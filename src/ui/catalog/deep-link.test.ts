import { describe, expect, it } from 'vitest';
import { hashWithOperationId, operationIdFromHash } from './deep-link';

describe('operation deep links', () => {
  it('reads #op= among other fragment entries', () => {
    expect(operationIdFromHash('#op=get-api-v1-users.list')).toBe('get-api-v1-users.list');
    expect(operationIdFromHash('#x=1&op=post-api-v1-chat.postMessage')).toBe('post-api-v1-chat.postMessage');
    expect(operationIdFromHash('')).toBeNull();
    expect(operationIdFromHash('#op=')).toBeNull();
    expect(operationIdFromHash('#other=1')).toBeNull();
  });

  it('writes the id readably and keeps other entries; the result reads back', () => {
    const hash = hashWithOperationId('#x=1', 'get-api-apps-:id');
    expect(hash).toBe('#x=1&op=get-api-apps-:id');
    expect(operationIdFromHash(hash)).toBe('get-api-apps-:id');
    expect(hashWithOperationId('#op=a', 'b')).toBe('#op=b');
  });
});
