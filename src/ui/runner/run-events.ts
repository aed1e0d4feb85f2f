import type { RequestDraft } from '../../core/permalink/draft';
import type { RequestFailure, ResponseRecord } from '../../core/http/types';

/**
 * Finished runs are announced here so features that learn from responses (rate-limit gauge,
 * history, auth diagnosis) stay independent of how the runner is built.
 */
export interface RunResult {
  draft: RequestDraft;
  /** User ID the request was sent as, or null when anonymous. Never a token. */
  userId: string | null;
  response?: ResponseRecord;
  failure?: RequestFailure;
  finishedAt: number;
}

type Listener = (result: RunResult) => void;
const listeners = new Set<Listener>();

export function onRunFinished(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function announceRun(result: RunResult): void {
  for (const listener of listeners) listener(result);
}
