import { create } from 'zustand';

/** Bytes received by the request in flight; kept apart from the main store because it changes per chunk. */
interface ProgressState {
  received: number;
  total: number | undefined;
  set(received: number, total: number | undefined): void;
}

export const useRunProgress = create<ProgressState>()((set) => ({
  received: 0,
  total: undefined,
  set: (received, total) => set({ received, total }),
}));
