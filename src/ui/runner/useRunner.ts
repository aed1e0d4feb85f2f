import {
  keepPreviousData,
  skipToken,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryKey,
} from '@tanstack/react-query';
import { useCallback, useMemo, useRef, useState } from 'react';
import { executeRequest, RequestFailedError } from '../../core/http/execute';
import { prepareRequest, trimServerUrl } from '../../core/http/prepare';
import type { RequestFailure, ResponseRecord } from '../../core/http/types';
import type { RequestDraft } from '../../core/permalink/draft';
import { useExplorerStore, type SentRequest } from '../state/store';
import { useRunProgress } from './progress-store';
import { announceRun } from './run-events';
import { transportFor } from './transport';

export type RunView =
  | { phase: 'idle' }
  | { phase: 'pending'; sent: SentRequest; previous?: ResponseRecord }
  | { phase: 'done'; sent: SentRequest; response: ResponseRecord }
  | { phase: 'failed'; sent: SentRequest; failure: RequestFailure }
  /** The person pressed Cancel: said in words, with the last answer (if any) still viewable. */
  | { phase: 'cancelled'; sent: SentRequest; previous?: ResponseRecord };

/**
 * A run gives up after this long without finishing (headers and body). Generous, because a
 * `count=0` on a big server is tens of MB; a hung server still gets a clear timeout message.
 */
export const RUN_TIMEOUT_MS = 120_000;

/** Progress updates per chunk would re-render the pane hundreds of times for a big body. */
const PROGRESS_INTERVAL_MS = 100;

/**
 * Query key of a GET run: every input that changes the answer, and who asks (the user ID, never
 * the token), so one user's cached answer is never shown to another.
 */
export function runQueryKey(draft: RequestDraft, userId: string | null): QueryKey {
  return [
    'run',
    trimServerUrl(draft.serverUrl),
    draft.operationId,
    draft.pathParams,
    draft.params,
    draft.jsonParams,
    draft.headers,
    userId ?? 'anonymous',
  ];
}

function failureOf(error: unknown): RequestFailure {
  if (error instanceof RequestFailedError) return error.failure;
  return {
    kind: 'network',
    message: `The request could not be made: ${error instanceof Error ? error.message : String(error)}.`,
    nextStep: 'Check the server URL and the parameters, then send again.',
  };
}

/** Runs one sent request; shared by the GET query and the mutation for other methods. */
async function run(sent: SentRequest, signal: AbortSignal): Promise<ResponseRecord> {
  const state = useExplorerStore.getState();
  const serverUrl = trimServerUrl(sent.draft.serverUrl);
  const user = state.auth[serverUrl];
  const transport = transportFor(state.transportMode, state.config);
  const prepared = prepareRequest(
    sent.draft,
    transport,
    user?.credentials,
    state.pendingTwoFactor ?? undefined,
  );
  const progress = useRunProgress.getState();
  progress.start();
  let lastProgressAt = 0;
  try {
    const response = await executeRequest(prepared, {
      signal: AbortSignal.any([signal, AbortSignal.timeout(RUN_TIMEOUT_MS)]),
      onProgress: (received, total) => {
        const now = performance.now();
        if (now - lastProgressAt < PROGRESS_INTERVAL_MS && received !== total) return;
        lastProgressAt = now;
        progress.set(received, total);
      },
    });
    progress.set(response.sizeBytes, response.sizeBytes);
    announceRun({
      draft: sent.draft,
      userId: user?.credentials.userId ?? null,
      response,
      finishedAt: Date.now(),
    });
    return response;
  } catch (error) {
    announceRun({
      draft: sent.draft,
      userId: user?.credentials.userId ?? null,
      failure: failureOf(error),
      finishedAt: Date.now(),
    });
    throw error;
  }
}

/** The request runner: GET as cached queries, other methods as mutations; no automatic retries (a retry spends rate limit). */
export function useRunner(): { view: RunView; send: () => void; cancel: () => void } {
  const queryClient = useQueryClient();
  // Which send the person cancelled: TanStack reverts a cancelled query to its previous state,
  // which would look like "nothing happened"; we say "cancelled" instead.
  const [cancelledSendId, setCancelledSendId] = useState<number | null>(null);
  const sent = useExplorerStore((state) => state.sent);
  const userId = useExplorerStore((state) =>
    state.sent ? (state.auth[trimServerUrl(state.sent.draft.serverUrl)]?.credentials.userId ?? null) : null,
  );
  const sendAction = useExplorerStore((state) => state.actions.send);
  const mutationAbort = useRef<AbortController | null>(null);

  const isGet = sent?.draft.method === 'GET';
  const queryKey = useMemo(() => (sent ? runQueryKey(sent.draft, userId) : ['run', 'none']), [sent, userId]);
  const query = useQuery<ResponseRecord>({
    queryKey,
    queryFn: sent && isGet ? ({ signal }) => run(sent, signal) : skipToken,
    retry: false,
    staleTime: Infinity,
    gcTime: 5 * 60_000,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
    placeholderData: keepPreviousData,
  });

  const { mutate, ...mutation } = useMutation({
    mutationFn: (toRun: SentRequest) => {
      mutationAbort.current?.abort();
      const controller = new AbortController();
      mutationAbort.current = controller;
      return run(toRun, controller.signal);
    },
    retry: false,
  });

  const send = useCallback(() => {
    const next = sendAction();
    if (next.draft.method === 'GET') {
      const nextUserId =
        useExplorerStore.getState().auth[trimServerUrl(next.draft.serverUrl)]?.credentials.userId ?? null;
      // Sending the same request again must ask the server again, not show the cache.
      void queryClient.invalidateQueries({ queryKey: runQueryKey(next.draft, nextUserId), exact: true });
    } else {
      mutate(next);
    }
  }, [sendAction, queryClient, mutate]);

  const cancel = useCallback(() => {
    if (!sent) return;
    setCancelledSendId(sent.sendId);
    if (sent.draft.method === 'GET') void queryClient.cancelQueries({ queryKey, exact: true });
    else mutationAbort.current?.abort();
  }, [sent, queryClient, queryKey]);

  let view: RunView = { phase: 'idle' };
  const wasCancelled = sent !== null && cancelledSendId === sent.sendId;
  if (sent && isGet) {
    const failure = query.isError ? failureOf(query.error) : null;
    if (query.isFetching) view = { phase: 'pending', sent, previous: query.data };
    else if (wasCancelled || failure?.kind === 'aborted')
      view = { phase: 'cancelled', sent, previous: query.data };
    else if (failure) view = { phase: 'failed', sent, failure };
    else if (query.data) view = { phase: 'done', sent, response: query.data };
  } else if (sent) {
    const failure = mutation.isError ? failureOf(mutation.error) : null;
    if (mutation.isPending) view = { phase: 'pending', sent };
    else if (failure?.kind === 'aborted' || (wasCancelled && !mutation.data))
      view = { phase: 'cancelled', sent };
    else if (failure) view = { phase: 'failed', sent, failure };
    else if (mutation.data) view = { phase: 'done', sent, response: mutation.data };
  }
  return { view, send, cancel };
}
