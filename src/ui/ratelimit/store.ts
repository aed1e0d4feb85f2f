import { create } from 'zustand';
import {
  observe,
  headerReachOf,
  type RateLimitBook,
  type RateLimitObservation,
} from '../../core/rate-limit/model';
import { onRunFinished, type RunResult } from '../runner';
import { useExplorerStore } from '../state';

/**
 * What the explorer knows about each rate-limit window (per server + route + method), learned from
 * every finished run and every fetch-all page. Its own small store: it changes on every response
 * and only the gauge reads it.
 */
interface RateLimitStore {
  book: RateLimitBook;
  record(observation: RateLimitObservation): void;
}

export const useRateLimitStore = create<RateLimitStore>()((set) => ({
  book: {},
  record: (observation) => set((state) => ({ book: observe(state.book, observation) })),
}));

function pageOrigin(): string {
  return typeof location === 'undefined' ? 'http://localhost' : location.origin;
}

/** Turns a finished run into an observation; the route is the path template (Rocket.Chat counts per route). */
export function observationOf(
  result: RunResult,
  bypass: boolean,
  origin = pageOrigin(),
): RateLimitObservation {
  const { serverUrl: server, draft } = result.run;
  const response = result.response;
  return {
    server,
    method: draft.method,
    path: draft.path,
    status: response?.status ?? 0,
    headers: response?.headers ?? [],
    transport: headerReachOf(response?.transport ?? 'direct', server, origin),
    bypass,
    ...(response && response.status === 429 ? { body: response.body.text() } : {}),
    receivedAt: result.finishedAt,
  };
}

let tracking = false;
/** Subscribes the store to finished runs once for the app's lifetime. */
export function startRateLimitTracking(): void {
  if (tracking) return;
  tracking = true;
  onRunFinished((result) => {
    if (!result.response) return; // no HTTP answer: nothing learned about the limiter
    const server = result.run.serverUrl;
    const bypass = useExplorerStore.getState().auth[server]?.bypassesRateLimit === true;
    useRateLimitStore.getState().record(observationOf(result, bypass));
  });
}
