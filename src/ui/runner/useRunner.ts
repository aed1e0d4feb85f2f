import { keepPreviousData, skipToken, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import type * as Http from '../../core/http/execute';
import type { Run } from '../../core/http/run';
import type { RequestFailure, ResponseRecord } from '../../core/http/types';
import { lazyModule } from '../lib/lazy-module';
import { useExplorerStore } from '../state';
import { useRunProgress } from './progress-store';
import { rememberPage } from './page-cache';
import { announceRun } from './run-events';

/** A finished run and its answer: the answer always travels with the run that asked for it. */
export interface RunOutcome {
  run: Run;
  response: ResponseRecord;
  /** Shown from the explorer's memory of pages already seen: no request was made. */
  fromCache?: boolean;
}

export type RunView =
  | { phase: 'idle' }
  | { phase: 'pending'; run: Run; previous?: RunOutcome }
  | { phase: 'done'; run: Run; outcome: RunOutcome }
  | { phase: 'failed'; run: Run; failure: RequestFailure }
  /** The person pressed Cancel: said in words, with the last answer (if any) still viewable. */
  | { phase: 'cancelled'; run: Run; previous?: RunOutcome };

/**
 * A run gives up after this long without finishing (headers and body). Generous, because a
 * `count=0` on a big server is tens of MB; a hung server still gets a clear timeout message.
 */
export const RUN_TIMEOUT_MS = 120_000;

/** Progress updates per chunk would re-render the pane hundreds of times for a big body. */
const PROGRESS_INTERVAL_MS = 100;

/**
 * The query key of a run is its id and nothing else: no change of user, server, transport or
 * draft can produce a new key, so only a new run (a send action) sends. Never holds a secret.
 */
export function runQueryKey(run: Pick<Run, 'id'>): QueryKey {
  return ['run', run.id];
}

/** The fetch and body-reading code: not needed to show the first screen, loaded by the first run. */
const http = lazyModule<typeof Http>(() => import('../../core/http/execute'));

function failureOf(error: unknown): RequestFailure {
  // A RequestFailedError can only come from the loaded module.
  const loaded = http.current();
  if (loaded && error instanceof loaded.RequestFailedError) return error.failure;
  return {
    kind: 'network',
    message: `The request could not be made: ${error instanceof Error ? error.message : String(error)}.`,
    nextStep: 'Check the server URL and the parameters, then send again.',
  };
}

/** Executes a run exactly as it was built; announces the result with the run itself. */
async function execute(run: Run, signal: AbortSignal): Promise<RunOutcome> {
  const progress = useRunProgress.getState();
  progress.start();
  let lastProgressAt = 0;
  try {
    const { executeRequest } = await http.load();
    const response = await executeRequest(run.prepared, {
      signal: AbortSignal.any([signal, AbortSignal.timeout(RUN_TIMEOUT_MS)]),
      onProgress: (received, total) => {
        const now = performance.now();
        if (now - lastProgressAt < PROGRESS_INTERVAL_MS && received !== total) return;
        lastProgressAt = now;
        progress.set(received, total);
      },
    });
    progress.set(response.sizeBytes, response.sizeBytes);
    rememberPage(run, response);
    announceRun({ run, response, finishedAt: Date.now() });
    return { run, response };
  } catch (error) {
    announceRun({ run, failure: failureOf(error), finishedAt: Date.now() });
    throw error;
  }
}

/**
 * The request runner: executes the run on screen, once. No automatic retries, refetches on focus
 * or reconnect (each would spend rate limit the person did not choose to spend).
 */
export function useRunner(): { view: RunView; cancel: () => void } {
  const queryClient = useQueryClient();
  // Which run the person cancelled: TanStack reverts a cancelled query to its previous state,
  // which would look like "nothing happened"; we say "cancelled" instead.
  const [cancelledRunId, setCancelledRunId] = useState<number | null>(null);
  const run = useExplorerStore((state) => state.run);
  const query = useQuery<RunOutcome>({
    queryKey: run ? runQueryKey(run) : ['run', 'none'],
    queryFn: run ? ({ signal }) => execute(run, signal) : skipToken,
    retry: false,
    staleTime: Infinity,
    gcTime: 5 * 60_000,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
    refetchOnMount: false,
    placeholderData: keepPreviousData,
  });

  const cancel = useCallback(() => {
    if (!run) return;
    setCancelledRunId(run.id);
    void queryClient.cancelQueries({ queryKey: runQueryKey(run), exact: true });
  }, [run, queryClient]);

  let view: RunView = { phase: 'idle' };
  if (run) {
    const failure = query.isError ? failureOf(query.error) : null;
    const own = query.data?.run.id === run.id ? query.data : undefined;
    const previous = own ? undefined : query.data;
    if (query.isFetching) view = { phase: 'pending', run, ...(previous ? { previous } : {}) };
    else if (cancelledRunId === run.id || failure?.kind === 'aborted')
      view = { phase: 'cancelled', run, ...(query.data ? { previous: query.data } : {}) };
    else if (failure) view = { phase: 'failed', run, failure };
    else if (own) view = { phase: 'done', run, outcome: own };
  }
  return { view, cancel };
}
