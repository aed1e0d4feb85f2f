import { describe, expect, it } from 'vitest';
import { isLoopback, parseCli, targetBannerLines, UsageError } from './cli';
import { normaliseTarget, TargetAllowList } from './targets';

describe('normaliseTarget', () => {
  it.each([
    ['http://127.0.0.1:4100', 'http://127.0.0.1:4100'],
    ['http://127.0.0.1:4100/', 'http://127.0.0.1:4100'],
    ['  HTTPS://Chat.Example.COM:443/ ', 'https://chat.example.com'],
    ['https://chat.example.com/rc//', 'https://chat.example.com/rc'],
    ['http://[::1]:3000/a/../b', 'http://[::1]:3000/b'],
  ])('%s -> %s', (raw, want) => {
    expect(normaliseTarget(raw)).toMatchObject({ ok: true, target: want });
  });

  it.each([
    '',
    'chat.example.com',
    'ftp://x',
    'javascript:alert(1)',
    'http://u:p@x',
    'http://x/?q',
    'http://x/#f',
    'http://x#',
  ])('refuses %j', (raw) => {
    expect(normaliseTarget(raw).ok).toBe(false);
  });
});

describe('TargetAllowList', () => {
  const list = new TargetAllowList([
    'http://127.0.0.1:4100/',
    'https://chat.example.com/rc',
    'http://127.0.0.1:4100',
  ]);
  it('dedupes and keeps order', () => {
    expect(list.targets).toEqual(['http://127.0.0.1:4100', 'https://chat.example.com/rc']);
    expect(list.origins).toEqual(['http://127.0.0.1:4100', 'https://chat.example.com']);
  });
  it('allows targets and paths below them at a segment boundary only', () => {
    expect(list.allows('http://127.0.0.1:4100')).toBe(true);
    expect(list.allows('https://chat.example.com/rc/sub')).toBe(true);
    expect(list.allows('https://chat.example.com')).toBe(false);
    expect(list.allows('https://chat.example.com/rcx')).toBe(false);
    expect(list.allows('http://127.0.0.1:41000')).toBe(false);
  });
  it('throws on an invalid configured target', () => {
    expect(() => new TargetAllowList(['nope'])).toThrow(/Invalid target "nope"/);
  });
});

describe('parseCli', () => {
  it('has safe defaults', () => {
    const o = parseCli([], {}, '/repo');
    expect(o).toMatchObject({
      port: 4000,
      host: '127.0.0.1',
      sandboxUrl: null,
      targets: [],
      staticRoot: '/repo/dist',
      sourceMaps: false,
      quiet: false,
    });
    expect(parseCli(['--source-maps'], {}).sourceMaps).toBe(true);
  });
  it('reads flags and environment', () => {
    const o = parseCli(
      [
        '--port',
        '0',
        '--target',
        'https://a.example/',
        '--target',
        'https://b.example',
        '--sandbox',
        'http://127.0.0.1:4100',
        '--idle-timeout',
        '50',
        '--allowed-host',
        'box.lan',
      ],
      {
        RC_TARGETS: 'https://c.example, ,https://d.example',
        EXPLORER_CONNECT_TIMEOUT_MS: '20',
        EXPLORER_ALLOWED_HOSTS: 'x.lan',
      },
    );
    expect(o.port).toBe(0);
    expect(o.targets).toEqual([
      'https://a.example',
      'https://b.example',
      'https://c.example',
      'https://d.example',
    ]);
    expect(o.sandboxUrl).toBe('http://127.0.0.1:4100');
    // The first server named is the one the app opens on, even with the sandbox beside it.
    expect(o.defaultServer).toBe('https://a.example');
    expect(parseCli(['--sandbox', 'http://127.0.0.1:4100'], {}).defaultServer).toBeNull();
    expect(o.idleTimeoutMs).toBe(50);
    expect(o.connectTimeoutMs).toBe(20);
    expect(o.allowedHosts).toEqual(['box.lan', 'x.lan']);
    expect(parseCli([], { PORT: '4321' }).port).toBe(4321);
  });
  it('reads --public-url (or EXPLORER_PUBLIC_URL) as an origin and refuses what is not one', () => {
    expect(parseCli(['--public-url', 'https://Explorer.Example.com/team/'], {}).publicOrigin).toBe(
      'https://explorer.example.com',
    );
    expect(parseCli([], { EXPLORER_PUBLIC_URL: 'http://box.lan:8080' }).publicOrigin).toBe(
      'http://box.lan:8080',
    );
    expect(parseCli([], {}).publicOrigin).toBeNull();
    expect(() => parseCli(['--public-url', 'explorer.example.com'], {})).toThrow(/is not a URL/);
    expect(() => parseCli(['--public-url', 'ftp://x'], {})).toThrow(/http\(s\) URL/);
    expect(() => parseCli(['--public-url', 'https://u:p@x'], {})).toThrow(/without credentials/);
  });
  it('explains bad input', () => {
    expect(() => parseCli(['--target', 'chat.example.com'], {})).toThrow(UsageError);
    expect(() => parseCli([], { RC_TARGETS: 'ftp://x' })).toThrow(/RC_TARGETS entry "ftp:\/\/x"/);
    expect(() => parseCli(['--port', 'abc'], {})).toThrow(/--port/);
    expect(() => parseCli(['--bogus'], {})).toThrow(UsageError);
  });
  it('knows loopback addresses', () => {
    expect(isLoopback('127.0.0.1')).toBe(true);
    expect(isLoopback('::1')).toBe(true);
    expect(isLoopback('0.0.0.0')).toBe(false);
  });
});

describe('targetBannerLines', () => {
  it('names the server the page opens on, then the others allowed', () => {
    expect(targetBannerLines([])).toEqual([]);
    expect(targetBannerLines(['https://a.example'])).toEqual([
      '  Opens on                  https://a.example',
    ]);
    expect(
      targetBannerLines(['https://a.example', 'https://b.example', 'https://c.example'], ' (note)'),
    ).toEqual([
      '  Opens on                  https://a.example (note)',
      '  Also allowed              https://b.example, https://c.example',
    ]);
  });
});
