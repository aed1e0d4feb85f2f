/**
 * The permalink router: the URL fragment and the request draft kept in step, both ways.
 *
 * - Opening the page (or pasting a link into the address bar of an open tab) restores the request
 *   named by the fragment, WITHOUT sending it. A link naming another server than the one in use
 *   loads on the current server and asks before switching (share-store `confirm-server`).
 * - Editing the draft rewrites the fragment of the current history entry (debounced
 *   `replaceState`); choosing another operation adds an entry (`pushState`), so Back and Forward
 *   move between operations and `popstate` restores each one's draft.
 * - Old `#op=<id>` links select that operation (once the catalog knows it) and are rewritten to
 *   the full `#r=` form.
 *
 * Written against a small window-like interface and the stores' plain APIs (no React) so it is
 * unit-tested in Node with a fake history.
 */
import { findOperation } from '../../core/catalog/operation';
import type { Operation } from '../../core/catalog/types';
import type { RequestDraft } from '../../core/request/draft';
import type { ExplorerState } from '../state';
import {
  addressWithHash,
  hashForDraft,
  knownSecretsOf,
  needsServerConfirmation,
  parseHash,
} from './hash-route';
import type { LinkNotice } from './share-store';

/** Marker stored in `history.state` of the entries this router wrote. */
export const STATE_KEY = 'rcExplorerPermalink';

export const ADDRESS_DEBOUNCE_MS = 400;

export interface RouterWindow {
  location: { hash: string; pathname: string; search: string };
  history: {
    readonly state: unknown;
    pushState(data: unknown, unused: string, url?: string): void;
    replaceState(data: unknown, unused: string, url?: string): void;
  };
  addEventListener(type: 'popstate', listener: () => void): void;
  removeEventListener(type: 'popstate', listener: () => void): void;
  setTimeout(handler: () => void, ms: number): number;
  clearTimeout(id: number): void;
}

/** The subset of a zustand store the router needs (so tests can pass the real stores). */
interface Store<S> {
  getState(): S;
  subscribe(listener: (state: S, previous: S) => void): () => void;
}

export interface RouterDeps {
  win: RouterWindow;
  explorer: Store<ExplorerState>;
  notices: Store<{ notice: LinkNotice | null; actions: { show(n: LinkNotice): void; dismiss(): void } }>;
  catalog: Store<{ view: { operations: Operation[] } | null }>;
  debounceMs?: number;
}

/**
 * A history entry this router wrote for exactly this fragment. Comparing the fragment too means a
 * browser that carried the state object over to a fragment navigation cannot make a pasted link
 * look like one of ours.
 */
export function isOwnEntry(state: unknown, hash: string): boolean {
  return (
    typeof state === 'object' && state !== null && (state as Record<string, unknown>)[STATE_KEY] === hash
  );
}

export function ownEntryState(hash: string): Record<string, string> {
  return { [STATE_KEY]: hash };
}

function isSendable(method: string): method is RequestDraft['method'] {
  return method === 'GET' || method === 'POST' || method === 'PUT' || method === 'DELETE';
}

/** Starts the router; returns its stop function. */
export function startPermalinkRouter(deps: RouterDeps): () => void {
  const { win, explorer, notices, catalog } = deps;
  const debounceMs = deps.debounceMs ?? ADDRESS_DEBOUNCE_MS;
  /** The draft before any link was opened: what an entry without a fragment shows. */
  const initialDraft = explorer.getState().draft;
  /** Operation of the current history entry; another one means a new entry. */
  let entryOperation: string | null = initialDraft.operationLabel;
  let timer: number | null = null;
  let pendingDraft: RequestDraft | null = null;
  /** An `#op=` link the catalog did not know yet (server operations and imports arrive later). */
  let pendingOperationId: string | null = null;
  /**
   * The draft a link put in the store, with that link: while the draft is unchanged the link
   * stands for it, instead of compressing it again (a 400 K-character request took a 160 ms task
   * to give a fragment the address already holds). The link decodes to this very draft.
   */
  let opened: { draft: RequestDraft; hash: string } | null = null;

  const secrets = (): string[] => {
    const state = explorer.getState();
    return knownSecretsOf(state.auth, state.run);
  };
  const asking = (): boolean => notices.getState().notice?.kind === 'confirm-server';

  function write(mode: 'push' | 'replace', draft: RequestDraft): void {
    const hash = opened?.draft === draft ? opened.hash : hashForDraft(draft, secrets());
    // Too large for a link: the address keeps the last link that fit; Copy link says why.
    if (hash === null) return;
    if (mode === 'replace' && hash === win.location.hash && isOwnEntry(win.history.state, hash)) return;
    const url = addressWithHash(win.location, hash);
    if (mode === 'push') win.history.pushState(ownEntryState(hash), '', url);
    else win.history.replaceState(ownEntryState(hash), '', url);
  }

  function cancelPending(): void {
    if (timer !== null) win.clearTimeout(timer);
    timer = null;
    pendingDraft = null;
  }

  /** Writes what the debounce still holds, so the entry being left keeps its latest edits. */
  function flush(): void {
    const draft = pendingDraft;
    cancelPending();
    if (draft) write('replace', draft);
  }

  function schedule(draft: RequestDraft): void {
    if (timer !== null) win.clearTimeout(timer);
    pendingDraft = draft;
    timer = win.setTimeout(() => {
      timer = null;
      const next = pendingDraft;
      pendingDraft = null;
      if (next) write('replace', next);
    }, debounceMs);
  }

  /** Puts a draft in the store as the draft of the current entry (no new entry). */
  function load(draft: RequestDraft): void {
    entryOperation = draft.operationLabel;
    explorer.getState().actions.loadDraft(draft);
  }

  function selectLinkedOperation(op: Operation): void {
    const { actions } = notices.getState();
    if (!isSendable(op.method)) {
      actions.show({
        kind: 'unsupported',
        message: `This link names ${op.method} ${op.path}; the explorer cannot send ${op.method} requests yet, so the request was left as it was.`,
      });
      return;
    }
    actions.dismiss();
    const label = `${op.method} ${op.path}`;
    const draft = explorer.getState().draft;
    entryOperation = label;
    if (draft.operationLabel === label) schedule(draft);
    else explorer.getState().actions.selectOperation(op.method, op.path);
  }

  function resolveOperationLink(id: string): void {
    const operations = catalog.getState().view?.operations;
    const op = operations ? findOperation(operations, id) : undefined;
    pendingOperationId = op ? null : id;
    if (op) selectLinkedOperation(op);
  }

  /** Opens what a fragment names. `trusted`: an entry this router wrote (Back/Forward, reload). */
  function open(hash: string, trusted: boolean, initial: boolean): void {
    pendingOperationId = null;
    const route = parseHash(hash);
    const { actions } = notices.getState();
    if (route.kind === 'empty') {
      // Back to the entry the page opened with: its request, not whatever came later.
      if (!initial) {
        actions.dismiss();
        load(initialDraft);
      }
      return;
    }
    if (route.kind === 'operation') {
      resolveOperationLink(route.id);
      return;
    }
    const result = route.result;
    if (!result.ok) {
      // The draft stays as it was: a damaged link must not cost the person their work.
      actions.show({ kind: 'error', message: result.error });
      return;
    }
    const current = explorer.getState().draft.serverUrl;
    if (!trusted && needsServerConfirmation(result.draft.serverUrl, current)) {
      // The question first, then the draft: while asking, the address bar keeps the link.
      actions.show({ kind: 'confirm-server', linkServer: result.draft.serverUrl, currentServer: current });
      load({ ...result.draft, serverUrl: current });
      return;
    }
    if (result.migratedFrom !== undefined) actions.show({ kind: 'migrated', from: result.migratedFrom });
    else actions.dismiss();
    // A migrated link is written again in today's format.
    opened = result.migratedFrom === undefined ? { draft: result.draft, hash } : null;
    load(result.draft);
  }

  const unsubscribeDraft = explorer.subscribe((state, previous) => {
    const draft = state.draft;
    if (draft === previous.draft) return;
    if (asking()) {
      if (draft.operationLabel === entryOperation) return;
      // Another operation chosen while the question was open: the link's request is gone, so is the question.
      notices.getState().actions.dismiss();
    }
    if (draft.operationLabel !== entryOperation) {
      pendingOperationId = null;
      flush();
      entryOperation = draft.operationLabel;
      write('push', draft);
      return;
    }
    schedule(draft);
  });

  // Answering the server question (either way) lets the address bar follow the draft again.
  const unsubscribeNotices = notices.subscribe((state, previous) => {
    if (previous.notice?.kind === 'confirm-server' && state.notice?.kind !== 'confirm-server') {
      schedule(explorer.getState().draft);
    }
  });

  const unsubscribeCatalog = catalog.subscribe((state) => {
    if (pendingOperationId !== null && state.view) resolveOperationLink(pendingOperationId);
  });

  // popstate covers Back/Forward and a fragment typed or pasted into the address bar.
  const onPopState = (): void => {
    // What the debounce holds belongs to the entry that was left.
    cancelPending();
    const hash = win.location.hash;
    open(hash, isOwnEntry(win.history.state, hash), false);
  };
  win.addEventListener('popstate', onPopState);

  const hash = win.location.hash;
  open(hash, isOwnEntry(win.history.state, hash), true);

  return () => {
    flush();
    win.removeEventListener('popstate', onPopState);
    unsubscribeDraft();
    unsubscribeNotices();
    unsubscribeCatalog();
  };
}
