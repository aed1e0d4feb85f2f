import { prepareRequest, trimServerUrl } from '../../core/http/prepare';
import type { ResponseRecord } from '../../core/http/types';
import type { RequestDraft } from '../../core/permalink/draft';
import { onRunFinished } from '../runner/run-events';
import { transportFor } from '../runner/transport';
import { useExplorerStore } from '../state/store';

/**
 * What a finished run was sent with, for the diagnosis: the request headers (real values, kept in
 * memory only and shown masked) and the user ID the explorer held for that server at that moment.
 * Recorded when the run finishes, because by the time someone reads the diagnosis they may have
 * signed in as someone else.
 */
export interface SentContext {
  draft: RequestDraft;
  requestHeaders: Record<string, string>;
  signedInUserId: string | undefined;
}

/** A response's identity that survives TanStack Query's structural sharing (which copies objects). */
export function responseKey(response: Pick<ResponseRecord, 'method' | 'displayUrl' | 'timings'>): string {
  return `${response.method} ${response.displayUrl} ${response.timings.startedAt}`;
}

const MAX_KEPT = 20;
const contexts = new Map<string, SentContext>();

/** Headers as prepareRequest builds them for this draft with the credentials held now. */
export function currentContext(draft: RequestDraft): SentContext {
  const state = useExplorerStore.getState();
  const user = state.auth[trimServerUrl(draft.serverUrl)];
  const prepared = prepareRequest(draft, transportFor(state.transportMode, state.config), user?.credentials);
  return { draft, requestHeaders: prepared.headers, signedInUserId: user?.credentials.userId };
}

export function sentContextOf(response: ResponseRecord): SentContext | undefined {
  return contexts.get(responseKey(response));
}

let started = false;
/** Subscribes once: records contexts and clears the one-shot 2FA answer after the run used it. */
export function startAuthTracking(): void {
  if (started) return;
  started = true;
  onRunFinished((result) => {
    const state = useExplorerStore.getState();
    const twoFactor = state.pendingTwoFactor;
    if (result.response) {
      const context = currentContext(result.draft);
      if (twoFactor) {
        context.requestHeaders['x-2fa-code'] = twoFactor.code;
        context.requestHeaders['x-2fa-method'] = twoFactor.method;
      }
      contexts.set(responseKey(result.response), context);
      while (contexts.size > MAX_KEPT) contexts.delete(contexts.keys().next().value as string);
    }
    // The answer was for this one request: the next Send must not carry it (a code is single use).
    if (twoFactor) state.actions.setPendingTwoFactor(null);
  });
}
