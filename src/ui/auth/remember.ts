/**
 * "Remember on this device": an opt-in per server. Only the user ID and the token are kept
 * (never a password, never a 2FA code), in sessionStorage by default (gone when the tab closes),
 * or in localStorage when the person explicitly accepts that it outlives the browser session.
 * Nothing is written unless a person ticks the box; signing out or unticking removes it from both.
 */
import { trimServerUrl } from '../../core/http/server-url';

export type RememberMode = 'session' | 'local';

export const REMEMBER_KEY = 'rc-explorer.remembered-credentials.v1';

export interface RememberedEntry {
  userId: string;
  authToken: string;
  username?: string;
}

export interface RememberedCredentials extends RememberedEntry {
  serverUrl: string;
  mode: RememberMode;
}

/** The two storages; injectable so the logic is tested without a browser. */
export interface Storages {
  session: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
  local: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
}

/** The page's storages; null where the browser refuses them (private modes, sandboxed frames). */
export function browserStorages(): Storages {
  const get = (name: 'sessionStorage' | 'localStorage') => {
    try {
      return typeof window === 'undefined' ? null : window[name];
    } catch {
      return null;
    }
  };
  return { session: get('sessionStorage'), local: get('localStorage') };
}

function read(storage: Storages['session']): Record<string, RememberedEntry> {
  if (!storage) return {};
  try {
    const parsed = JSON.parse(storage.getItem(REMEMBER_KEY) ?? '{}') as unknown;
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
    const out: Record<string, RememberedEntry> = {};
    for (const [server, value] of Object.entries(parsed as Record<string, unknown>)) {
      if (value === null || typeof value !== 'object') continue;
      const { userId, authToken, username } = value as Record<string, unknown>;
      if (typeof userId !== 'string' || typeof authToken !== 'string' || userId === '' || authToken === '')
        continue;
      out[server] = { userId, authToken, ...(typeof username === 'string' ? { username } : {}) };
    }
    return out;
  } catch {
    return {};
  }
}

function write(storage: Storages['session'], entries: Record<string, RememberedEntry>): void {
  if (!storage) return;
  if (Object.keys(entries).length === 0) storage.removeItem(REMEMBER_KEY);
  else storage.setItem(REMEMBER_KEY, JSON.stringify(entries));
}

/** Stores one server's token in the chosen storage and removes it from the other. */
export function remember(
  storages: Storages,
  serverUrl: string,
  mode: RememberMode,
  entry: RememberedEntry,
): boolean {
  const key = trimServerUrl(serverUrl);
  const target = mode === 'local' ? storages.local : storages.session;
  if (!target) return false;
  forget(storages, key);
  // Only these three fields, whatever else the caller's object holds.
  const clean: RememberedEntry = {
    userId: entry.userId,
    authToken: entry.authToken,
    ...(entry.username ? { username: entry.username } : {}),
  };
  write(target, { ...read(target), [key]: clean });
  return true;
}

/** Removes one server's token from both storages. */
export function forget(storages: Storages, serverUrl: string): void {
  const key = trimServerUrl(serverUrl);
  for (const storage of [storages.session, storages.local]) {
    const entries = read(storage);
    if (key in entries) {
      delete entries[key];
      write(storage, entries);
    }
  }
}

/** Everything remembered; a session entry wins over a local one for the same server. */
export function loadRemembered(storages: Storages): RememberedCredentials[] {
  const out = new Map<string, RememberedCredentials>();
  for (const [server, entry] of Object.entries(read(storages.local)))
    out.set(server, { ...entry, serverUrl: server, mode: 'local' });
  for (const [server, entry] of Object.entries(read(storages.session)))
    out.set(server, { ...entry, serverUrl: server, mode: 'session' });
  return [...out.values()];
}

export function rememberedMode(storages: Storages, serverUrl: string): RememberMode | null {
  const key = trimServerUrl(serverUrl);
  if (key in read(storages.session)) return 'session';
  if (key in read(storages.local)) return 'local';
  return null;
}
