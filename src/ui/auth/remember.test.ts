import { describe, expect, it } from 'vitest';
import { forget, loadRemembered, remember, rememberedMode, REMEMBER_KEY, type Storages } from './remember';

/** A Storage with the same contract as the browser's (strings in, strings out). */
class MemoryStorage {
  readonly data = new Map<string, string>();
  getItem(key: string): string | null {
    return this.data.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.data.set(key, String(value));
  }
  removeItem(key: string): void {
    this.data.delete(key);
  }
}

function storages(): Storages & { session: MemoryStorage; local: MemoryStorage } {
  return { session: new MemoryStorage(), local: new MemoryStorage() };
}

const entry = {
  userId: 'sandboxAdminUser1',
  authToken: 'Tok3nTok3nTok3nTok3nTok3nTok3nTok3nTok3nAbc',
  username: 'admin',
};

describe('remember on this device', () => {
  it('writes nothing until asked', () => {
    const s = storages();
    expect(loadRemembered(s)).toEqual([]);
    expect(s.session.data.size + s.local.data.size).toBe(0);
  });

  it('keeps only the user ID, token and username, per server, in session storage by default', () => {
    const s = storages();
    remember(s, 'http://a.example/ ', 'session', { ...entry, password: 'admin' } as typeof entry);
    expect(s.local.data.size).toBe(0);
    const stored = s.session.getItem(REMEMBER_KEY) ?? '';
    expect(stored).not.toContain('password');
    expect(JSON.parse(stored)).toEqual({ 'http://a.example': entry });
    expect(loadRemembered(s)).toEqual([{ ...entry, serverUrl: 'http://a.example', mode: 'session' }]);
    expect(rememberedMode(s, 'http://a.example/')).toBe('session');
  });

  it('moves an entry between storages instead of keeping two copies', () => {
    const s = storages();
    remember(s, 'http://a.example', 'session', entry);
    remember(s, 'http://a.example', 'local', entry);
    expect(s.session.getItem(REMEMBER_KEY)).toBeNull();
    expect(rememberedMode(s, 'http://a.example')).toBe('local');
  });

  it('forgets one server from both storages and leaves the others', () => {
    const s = storages();
    remember(s, 'http://a.example', 'local', entry);
    remember(s, 'http://b.example', 'session', { ...entry, userId: 'otherUser0000001' });
    forget(s, 'http://a.example/');
    expect(s.local.getItem(REMEMBER_KEY)).toBeNull();
    expect(loadRemembered(s).map((e) => e.serverUrl)).toEqual(['http://b.example']);
  });

  it('ignores damaged or foreign data instead of failing the page load', () => {
    const s = storages();
    s.session.setItem(REMEMBER_KEY, '{not json');
    s.local.setItem(REMEMBER_KEY, JSON.stringify({ 'http://x': { userId: 1 }, 'http://y': entry }));
    expect(loadRemembered(s).map((e) => e.serverUrl)).toEqual(['http://y']);
  });

  it('reports that it could not remember when the browser has no storage', () => {
    expect(remember({ session: null, local: null }, 'http://a.example', 'session', entry)).toBe(false);
  });
});
