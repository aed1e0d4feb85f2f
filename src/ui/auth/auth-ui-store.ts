import { create } from 'zustand';
import { trimServerUrl } from '../../core/http/server-url';
import type { Bypass } from './session';
import type { RememberMode } from './remember';

/**
 * What the auth panel knows beyond the credentials (which live in the main store, the only place
 * the runner reads them): how this server's session started, what /me said, whether the person
 * opted in to remembering it, and the last message shown. Its own small store, per server.
 */
export type SessionSource = 'password' | 'resume' | 'token' | 'remembered';

export interface Notice {
  tone: 'ok' | 'info' | 'error';
  text: string;
}

export interface ServerSession {
  source: SessionSource;
  /** Set by Verify token (or a sign-in whose answer had the user document). */
  verified: { username: string | undefined; roles: string[]; bypass: Bypass | null } | null;
  remember: RememberMode | null;
}

interface AuthUiState {
  panelOpen: boolean;
  sessions: Record<string, ServerSession>;
  notices: Record<string, Notice>;
  setPanelOpen(open: boolean): void;
  setSession(serverUrl: string, session: ServerSession | null): void;
  patchSession(serverUrl: string, patch: Partial<ServerSession>): void;
  setNotice(serverUrl: string, notice: Notice | null): void;
}

export const useAuthUi = create<AuthUiState>()((set) => ({
  panelOpen: false,
  sessions: {},
  notices: {},
  setPanelOpen: (panelOpen) => set({ panelOpen }),
  setSession: (serverUrl, session) =>
    set((state) => {
      const sessions = { ...state.sessions };
      const key = trimServerUrl(serverUrl);
      if (session) sessions[key] = session;
      else delete sessions[key];
      return { sessions };
    }),
  patchSession: (serverUrl, patch) =>
    set((state) => {
      const key = trimServerUrl(serverUrl);
      const current = state.sessions[key];
      if (!current) return state;
      return { sessions: { ...state.sessions, [key]: { ...current, ...patch } } };
    }),
  setNotice: (serverUrl, notice) =>
    set((state) => {
      const notices = { ...state.notices };
      const key = trimServerUrl(serverUrl);
      if (notice) notices[key] = notice;
      else delete notices[key];
      return { notices };
    }),
}));
