import { describe, expect, it } from 'vitest';
import { operationIdFromHash } from './deep-link';

describe('operation deep links', () => {
  it('reads #op= among other fragment entries', () => {
    expect(operationIdFromHash('#op=get-api-v1-users.list')).toBe('get-api-v1-users.list');
    expect(operationIdFromHash('#x=1&op=post-api-v1-chat.postMessage')).toBe('post-api-v1-chat.postMessage');
    expect(operationIdFromHash('')).toBeNull();
    expect(operationIdFromHash('#op=')).toBeNull();
    expect(operationIdFromHash('#other=1')).toBeNull();
  });
});
