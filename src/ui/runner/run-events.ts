import type { Run } from '../../core/http/run';
import type { RequestFailure, ResponseRecord } from '../../core/http/types';

/**
 * Finished runs are announced here so features that learn from responses (rate-limit gauge,
 * history, auth diagnosis) stay independent of how the runner is built. The run travels with its
 * result: listeners read what was sent from it and never rebuild it from live state.
 */
export interface RunResult {
  run: Run;
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
