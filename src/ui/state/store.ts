import { create } from 'zustand';
import { emptyDraft, type HttpMethod, type RequestDraft, type ResponseTab } from '../../core/permalink/draft';
import type { AuthCredentials, TwoFactorAnswer } from '../../core/http/types';
import { trimServerUrl } from '../../core/http/prepare';

/**
 * The explorer's one store, built from slices. State and actions are kept apart (actions live under
 * `actions` and never change identity), so components subscribe to the state they render and call
 * actions without re-rendering on every change.
 *
 * Secrets: credentials live in this in-memory store only. Nothing here is persisted unless a person
 * opts in through the auth panel, and the draft never holds a token.
 */

export interface ExplorerConfig {
  sandboxUrl: string | null;
  targets: string[];
  /** Path of the same-origin proxy, or null when the app is hosted without the explorer server. */
  proxyPath: string | null;
}

/** A snapshot of the draft taken by Send: the runner works from this, never from the live draft. */
export interface SentRequest {
  draft: RequestDraft;
  /** Increases with every Send so sending the same request again runs it again. */
  sendId: number;
}

export interface SignedInUser {
  credentials: AuthCredentials;
  username?: string;
  roles?: string[];
  bypassesRateLimit?: boolean;
}

interface ExplorerStateData {
  config: ExplorerConfig | null;
  draft: RequestDraft;
  sent: SentRequest | null;
  /** In-memory credentials per server base URL; switching servers never sends another server's token. */
  auth: Record<string, SignedInUser>;
  /** How requests travel: through the explorer's proxy (all headers visible) or straight from the browser. */
  transportMode: 'proxy' | 'direct';
  /** A 2FA answer to attach to the next request only (set by the auth panel after a challenge). */
  pendingTwoFactor: TwoFactorAnswer | null;
  /**
   * Problems that make Send unwise, by source (e.g. 'params', 'query', 'body'). Send is disabled while
   * any exist, with the reasons shown and an explicit "Send anyway": exploring server errors is a use.
   */
  blockers: Record<string, string[]>;
}

export interface ExplorerActions {
  setConfig(config: ExplorerConfig): void;
  setServerUrl(serverUrl: string): void;
  selectOperation(method: HttpMethod, path: string): void;
  setParam(name: string, value: string): void;
  setPathParam(name: string, value: string): void;
  setJsonParam(name: 'query' | 'fields' | 'sort', text: string): void;
  setBody(text: string): void;
  setHeader(name: string, value: string): void;
  setTab(tab: ResponseTab): void;
  /** Replaces the whole draft (permalinks, history). */
  loadDraft(draft: RequestDraft): void;
  send(): SentRequest;
  setAuth(serverUrl: string, user: SignedInUser | null): void;
  setTransportMode(mode: 'proxy' | 'direct'): void;
  setPendingTwoFactor(answer: TwoFactorAnswer | null): void;
  setBlockers(source: string, messages: string[]): void;
}

export type ExplorerState = ExplorerStateData & { actions: ExplorerActions };

let sendCounter = 0;

function withoutEmpty(record: Record<string, string>, name: string, value: string): Record<string, string> {
  const next = { ...record };
  if (value === '') delete next[name];
  else next[name] = value;
  return next;
}

export const useExplorerStore = create<ExplorerState>()((set, get) => ({
  config: null,
  draft: emptyDraft(''),
  sent: null,
  auth: {},
  transportMode: 'direct',
  pendingTwoFactor: null,
  blockers: {},
  actions: {
    setConfig: (config) =>
      set((state) => ({
        config,
        transportMode: config.proxyPath ? 'proxy' : 'direct',
        draft:
          state.draft.serverUrl === '' && config.sandboxUrl
            ? { ...state.draft, serverUrl: config.sandboxUrl }
            : state.draft,
      })),
    setServerUrl: (serverUrl) => set((state) => ({ draft: { ...state.draft, serverUrl } })),
    selectOperation: (method, path) =>
      set((state) => {
        const operationId = `${method} ${path}`;
        if (state.draft.operationId === operationId) return state;
        return { draft: { ...emptyDraft(state.draft.serverUrl, method, path), view: state.draft.view } };
      }),
    setParam: (name, value) =>
      set((state) => ({ draft: { ...state.draft, params: withoutEmpty(state.draft.params, name, value) } })),
    setPathParam: (name, value) =>
      set((state) => ({
        draft: { ...state.draft, pathParams: withoutEmpty(state.draft.pathParams, name, value) },
      })),
    setJsonParam: (name, text) =>
      set((state) => ({
        draft: { ...state.draft, jsonParams: { ...state.draft.jsonParams, [name]: text } },
      })),
    setBody: (body) => set((state) => ({ draft: { ...state.draft, body } })),
    setHeader: (name, value) =>
      set((state) => ({
        draft: { ...state.draft, headers: withoutEmpty(state.draft.headers, name, value) },
      })),
    setTab: (tab) => set((state) => ({ draft: { ...state.draft, view: { tab } } })),
    loadDraft: (draft) => set({ draft }),
    send: () => {
      sendCounter += 1;
      const sent = { draft: structuredClone(get().draft), sendId: sendCounter };
      set({ sent });
      return sent;
    },
    setAuth: (serverUrl, user) =>
      set((state) => {
        const auth = { ...state.auth };
        const key = trimServerUrl(serverUrl);
        if (user) auth[key] = user;
        else delete auth[key];
        return { auth };
      }),
    setTransportMode: (transportMode) => set({ transportMode }),
    setPendingTwoFactor: (pendingTwoFactor) => set({ pendingTwoFactor }),
    setBlockers: (source, messages) =>
      set((state) => {
        const current = state.blockers[source] ?? [];
        if (current.length === messages.length && current.every((m, i) => m === messages[i])) return state;
        const blockers = { ...state.blockers };
        if (messages.length === 0) delete blockers[source];
        else blockers[source] = messages;
        return { blockers };
      }),
  },
}));

export const useExplorerActions = (): ExplorerActions => useExplorerStore((state) => state.actions);
export const useDraft = (): RequestDraft => useExplorerStore((state) => state.draft);

const NO_BLOCKERS: string[] = [];
/** Every reason Send is held back, flattened in source order. */
export function selectBlockerMessages(state: ExplorerState): string[] {
  const all = Object.values(state.blockers).flat();
  return all.length === 0 ? NO_BLOCKERS : all;
}
