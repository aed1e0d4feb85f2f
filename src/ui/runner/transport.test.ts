import { describe, expect, it } from 'vitest';
import { isAllowedTarget } from './transport';

const config = {
  sandboxUrl: 'http://127.0.0.1:4100',
  defaultServer: 'http://127.0.0.1:4100',
  targets: ['http://127.0.0.1:4100', 'https://chat.example.com/rc'],
  proxyPath: '/proxy',
};

describe('isAllowedTarget mirrors the proxy allow-list', () => {
  it('accepts the same server, with or without a trailing slash, in any case of host', () => {
    expect(isAllowedTarget('http://127.0.0.1:4100/', config)).toBe(true);
    expect(isAllowedTarget('https://CHAT.example.com/rc', config)).toBe(true);
  });
  it('accepts a base path below an allowed one, by whole segments only', () => {
    expect(isAllowedTarget('https://chat.example.com/rc/sub', config)).toBe(true);
    expect(isAllowedTarget('https://chat.example.com/rcx', config)).toBe(false);
    expect(isAllowedTarget('http://127.0.0.1:4100/chat', config)).toBe(true);
  });
  it('refuses other servers, schemes and text that is not a URL', () => {
    expect(isAllowedTarget('http://127.0.0.1:4101', config)).toBe(false);
    expect(isAllowedTarget('http://chat.example.com/rc', config)).toBe(false);
    expect(isAllowedTarget('not a url', config)).toBe(false);
    expect(isAllowedTarget('http://127.0.0.1:4100', null)).toBe(false);
  });
});
