import { create } from 'zustand';

/** Bytes received by the request in flight; kept apart from the main store because it changes per chunk. */
interface ProgressState {
  received: number;
  total: number | undefined;
  /** `Date.now()` when the request in flight was sent, for the elapsed time; null when none. */
  startedAt: number | null;
  set(received: number, total: number | undefined): void;
  start(): void;
}

export const useRunProgress = create<ProgressState>()((set) => ({
  received: 0,
  total: undefined,
  startedAt: null,
  set: (received, total) => set({ received, total }),
  start: () => set({ received: 0, total: undefined, startedAt: Date.now() }),
}));
