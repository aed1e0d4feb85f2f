import { create } from 'zustand';
import { emptyDraft, type HttpMethod, type RequestDraft, type ResponseTab } from '../../core/request/draft';
import type { AuthCredentials, Transport } from '../../core/http/types';
import type { Run, RunTrigger } from '../../core/http/run';
import { trimServerUrl } from '../../core/http/server-url';

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
  /** The server the app starts on: the one named on the explorer's command line, else the sandbox. */
  defaultServer: string | null;
  targets: string[];
  /** Path of the same-origin proxy, or null when the app is hosted without the explorer server. */
  proxyPath: string | null;
}

/** A trigger that did not send, and why: shown next to the control the person used. */
export interface SendRefusal {
  trigger: RunTrigger;
  reasons: string[];
  /** Whether "Send anyway" may override (checks of the input); a missing server cannot be overridden. */
  overridable: boolean;
  at: number;
}

/** Text typed into a body field that does not parse yet: kept out of the Body, but it holds Send back. */
export interface UnparsedField {
  text: string;
  message: string;
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
  /** The run on screen: made only by a send action (see runner/send.ts), never by a state change. */
  run: Run | null;
  /** The last trigger that was held back, until the next run or edit. */
  refusal: SendRefusal | null;
  /** In-memory credentials per server base URL; switching servers never sends another server's token. */
  auth: Record<string, SignedInUser>;
  /** How requests travel: through the explorer's proxy (all headers visible) or straight from the browser. */
  transportMode: Transport['kind'];
  /** Body fields whose text does not parse yet, by field name; cleared when the operation changes. */
  unparsedFields: Record<string, UnparsedField>;
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
  /** Puts a run on screen; only runner/send.ts calls it, after the checks. */
  startRun(run: Run): void;
  setRefusal(refusal: SendRefusal | null): void;
  setUnparsedField(name: string, field: UnparsedField | null): void;
  setAuth(serverUrl: string, user: SignedInUser | null): void;
  setTransportMode(mode: Transport['kind']): void;
}

export type ExplorerState = ExplorerStateData & { actions: ExplorerActions };

function withoutEmpty(record: Record<string, string>, name: string, value: string): Record<string, string> {
  const next = { ...record };
  if (value === '') delete next[name];
  else next[name] = value;
  return next;
}

export const useExplorerStore = create<ExplorerState>()((set) => ({
  config: null,
  draft: emptyDraft(''),
  run: null,
  refusal: null,
  auth: {},
  // What the explorer server offers, as the boot shell shows it; setConfig says 'direct' when the
  // app is hosted without one. (Starting at 'direct' showed "Direct from browser" for a moment.)
  transportMode: 'proxy',
  unparsedFields: {},
  actions: {
    setConfig: (config) =>
      set((state) => ({
        config,
        transportMode: config.proxyPath ? 'proxy' : 'direct',
        draft:
          state.draft.serverUrl === '' && config.defaultServer
            ? { ...state.draft, serverUrl: config.defaultServer }
            : state.draft,
      })),
    setServerUrl: (serverUrl) => set((state) => ({ draft: { ...state.draft, serverUrl } })),
    selectOperation: (method, path) =>
      set((state) => {
        const operationLabel = `${method} ${path}`;
        if (state.draft.operationLabel === operationLabel) return state;
        return {
          draft: { ...emptyDraft(state.draft.serverUrl, method, path), view: state.draft.view },
          unparsedFields: {},
          refusal: null,
        };
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
    loadDraft: (draft) => set({ draft, unparsedFields: {}, refusal: null }),
    startRun: (run) => set({ run, refusal: null }),
    setRefusal: (refusal) => set({ refusal }),
    setUnparsedField: (name, field) =>
      set((state) => {
        if (!field && !(name in state.unparsedFields)) return state;
        const unparsedFields = { ...state.unparsedFields };
        if (field) unparsedFields[name] = field;
        else delete unparsedFields[name];
        return { unparsedFields };
      }),
    setAuth: (serverUrl, user) =>
      set((state) => {
        const auth = { ...state.auth };
        const key = trimServerUrl(serverUrl);
        if (user) auth[key] = user;
        else delete auth[key];
        return { auth };
      }),
    setTransportMode: (transportMode) => set({ transportMode }),
  },
}));

export const useExplorerActions = (): ExplorerActions => useExplorerStore((state) => state.actions);
export const useDraft = (): RequestDraft => useExplorerStore((state) => state.draft);
