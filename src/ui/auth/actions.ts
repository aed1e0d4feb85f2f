/**
 * Glue between the auth flows and the stores: every auth call uses the store's transport (the
 * proxy by default), and credentials go only into `state.auth[server]`, the one place the runner
 * and prepareRequest read them from.
 */
import { trimServerUrl } from '../../core/http/server-url';
import type { AuthCredentials } from '../../core/http/types';
import { transportFor } from '../runner';
import { useExplorerStore } from '../state';
import { createApiCaller, type ApiCaller } from './api';
import { useAuthUi, type SessionSource } from './auth-ui-store';
import { browserStorages, forget, loadRemembered, remember, type RememberMode } from './remember';
import {
  readBypass,
  signOut,
  verifyToken,
  type FlowResult,
  type SignedIn,
  type SignOutResult,
  type Verified,
} from './session';

export function apiCaller(): ApiCaller {
  return createApiCaller(() => {
    const state = useExplorerStore.getState();
    return transportFor(state.transportMode, state.config);
  });
}

/** Stores a new session for one server and, when the person opted in, remembers its token. */
export async function completeSignIn(
  serverUrl: string,
  signedIn: SignedIn,
  source: SessionSource,
  rememberMode: RememberMode | null,
): Promise<void> {
  const server = trimServerUrl(serverUrl);
  const { setAuth } = useExplorerStore.getState().actions;
  const roles = signedIn.roles ?? [];
  setAuth(server, {
    credentials: signedIn.credentials,
    ...(signedIn.username ? { username: signedIn.username } : {}),
    roles,
  });
  useAuthUi.getState().setSession(server, {
    source,
    verified: signedIn.username ? { username: signedIn.username, roles, bypass: null } : null,
    remember: null,
  });
  if (rememberMode) setRemember(server, rememberMode);
  // Whether this user skips the rate limiter decides what the gauge shows ("bypassed").
  if (signedIn.roles) {
    const bypass = await readBypass(apiCaller(), server, signedIn.credentials, roles);
    applyBypass(server, signedIn.credentials, roles, bypass.bypasses);
    useAuthUi.getState().patchSession(server, { verified: { username: signedIn.username, roles, bypass } });
  }
}

function applyBypass(server: string, credentials: AuthCredentials, roles: string[], bypasses: boolean): void {
  const state = useExplorerStore.getState();
  const current = state.auth[server];
  // Signed out or switched user while the call ran: do not resurrect or mix sessions.
  if (!current || current.credentials.authToken !== credentials.authToken) return;
  state.actions.setAuth(server, { ...current, roles, bypassesRateLimit: bypasses });
}

/**
 * Verify token: `/me` with the given credentials. With `adopt`, a success signs this server in
 * with them (pasting a personal access token); otherwise it refreshes the current session.
 */
export async function verify(
  serverUrl: string,
  credentials: AuthCredentials,
  adopt: SessionSource | null,
  rememberMode: RememberMode | null = null,
): Promise<FlowResult<Verified>> {
  const server = trimServerUrl(serverUrl);
  const result = await verifyToken(apiCaller(), server, credentials);
  if (result.kind !== 'ok') return result;
  const { username, roles, bypass } = result.value;
  const state = useExplorerStore.getState();
  if (adopt) {
    state.actions.setAuth(server, {
      credentials,
      ...(username ? { username } : {}),
      roles,
      bypassesRateLimit: bypass.bypasses,
    });
    useAuthUi
      .getState()
      .setSession(server, { source: adopt, verified: { username, roles, bypass }, remember: null });
    if (rememberMode) setRemember(server, rememberMode);
  } else {
    const current = state.auth[server];
    if (current && current.credentials.authToken === credentials.authToken) {
      state.actions.setAuth(server, {
        ...current,
        ...(username ? { username } : {}),
        roles,
        bypassesRateLimit: bypass.bypasses,
      });
      useAuthUi.getState().patchSession(server, { verified: { username, roles, bypass } });
      const mode = useAuthUi.getState().sessions[server]?.remember;
      if (mode) setRemember(server, mode); // keep the stored username current
    }
  }
  return result;
}

/** Opt in or out of remembering this server's token on this device. */
export function setRemember(serverUrl: string, mode: RememberMode | null): boolean {
  const server = trimServerUrl(serverUrl);
  const storages = browserStorages();
  const user = useExplorerStore.getState().auth[server];
  if (!mode || !user) {
    forget(storages, server);
    useAuthUi.getState().patchSession(server, { remember: null });
    return true;
  }
  const ok = remember(storages, server, mode, {
    userId: user.credentials.userId,
    authToken: user.credentials.authToken,
    ...(user.username ? { username: user.username } : {}),
  });
  useAuthUi.getState().patchSession(server, { remember: ok ? mode : null });
  return ok;
}

/** Sign out: `/api/v1/logout`, then forget everything local, also when the call failed. */
export async function signOutOf(serverUrl: string): Promise<SignOutResult> {
  const server = trimServerUrl(serverUrl);
  const user = useExplorerStore.getState().auth[server];
  const result = user
    ? await signOut(apiCaller(), server, user.credentials)
    : { confirmed: true, message: 'Signed out.' };
  forgetLocally(server);
  return result;
}

/** Drops this server's credentials from memory and from both storages, without calling the server. */
export function forgetLocally(serverUrl: string): void {
  const server = trimServerUrl(serverUrl);
  useExplorerStore.getState().actions.setAuth(server, null);
  useAuthUi.getState().setSession(server, null);
  forget(browserStorages(), server);
}

let restored = false;
/** On load: sessions the person chose to remember come back (not verified until they ask). */
export function restoreRemembered(): void {
  if (restored) return;
  restored = true;
  const { setAuth } = useExplorerStore.getState().actions;
  for (const entry of loadRemembered(browserStorages())) {
    setAuth(entry.serverUrl, {
      credentials: { userId: entry.userId, authToken: entry.authToken },
      ...(entry.username ? { username: entry.username } : {}),
    });
    useAuthUi
      .getState()
      .setSession(entry.serverUrl, { source: 'remembered', verified: null, remember: entry.mode });
  }
}
