import { describe, expect, it } from 'vitest';
import { parseConfig } from './useExplorerConfig';

const SANDBOX = 'http://127.0.0.1:4100';
const OWN = 'https://chat.example.com';

describe('parseConfig: /explorer-config.json is checked, not trusted', () => {
  it('opens on the default server the explorer names', () => {
    expect(
      parseConfig({ sandboxUrl: SANDBOX, defaultServer: OWN, targets: [SANDBOX, OWN], proxyPath: '/proxy' }),
    ).toEqual({ sandboxUrl: SANDBOX, defaultServer: OWN, targets: [SANDBOX, OWN], proxyPath: '/proxy' });
  });

  it('ignores a default server the explorer may not reach', () => {
    const config = parseConfig({
      sandboxUrl: SANDBOX,
      defaultServer: 'https://evil.example',
      targets: [SANDBOX],
      proxyPath: '/proxy',
    });
    expect(config.defaultServer).toBe(SANDBOX);
  });

  it('falls back to the sandbox when an older explorer server sends no default', () => {
    expect(parseConfig({ sandboxUrl: SANDBOX, targets: [SANDBOX], proxyPath: '/proxy' }).defaultServer).toBe(
      SANDBOX,
    );
    expect(parseConfig({ sandboxUrl: null, targets: [OWN], proxyPath: '/proxy' }).defaultServer).toBeNull();
  });

  it('turns anything else into "no proxy, no servers"', () => {
    for (const junk of [null, 'x', 42, [], { targets: 'nope', defaultServer: 7 }])
      expect(parseConfig(junk)).toEqual({
        sandboxUrl: null,
        defaultServer: null,
        targets: [],
        proxyPath: null,
      });
  });
});
