/**
 * The history as React sees it: one HistoryRepository over localStorage, published through a
 * small zustand store (kept apart from the explorer store), fed by finished runs.
 */
import { create } from 'zustand';
import { onRunFinished } from '../runner/run-events';
import { useExplorerStore } from '../state/store';
import { knownSecretsOf } from './hash-route';
import { entryFromRun, HISTORY_KEY, HistoryRepository, SET_ASIDE_KEY, type HistorySnapshot, type StorageLike } from './history';

function browserStorage(): StorageLike | null {
  try {
    // Reading the property throws where storage is disabled (some privacy modes, sandboxed frames).
    return window.localStorage;
  } catch {
    return null;
  }
}

let repository: HistoryRepository | null = null;
function repo(): HistoryRepository {
  repository ??= new HistoryRepository(browserStorage());
  return repository;
}

interface HistoryState extends HistorySnapshot {
  actions: {
    clear(server: string): void;
    discardSetAside(): void;
    setAsideText(): string;
  };
}

export const useHistoryStore = create<HistoryState>()((set) => ({
  ...repo().snapshot(),
  actions: {
    clear: (server) => set(repo().clear(server)),
    discardSetAside: () => set(repo().discardSetAside()),
    setAsideText: () => repo().setAsideText(),
  },
}));

let counter = 0;
const newId = (at: number): string => `${at.toString(36)}-${(counter++).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

/**
 * Records every finished run and follows changes made by other tabs. Returns the stop function;
 * mounted once by the History panel.
 */
export function startHistoryRecording(): () => void {
  const stopRuns = onRunFinished((result) => {
    const state = useExplorerStore.getState();
    const entry = entryFromRun(result, knownSecretsOf(state.auth, state.pendingTwoFactor?.code), newId(result.finishedAt));
    if (entry) useHistoryStore.setState(repo().add(entry));
  });
  const onStorage = (event: StorageEvent) => {
    if (event.key === null || event.key === HISTORY_KEY || event.key === SET_ASIDE_KEY) {
      useHistoryStore.setState(repo().load());
    }
  };
  window.addEventListener('storage', onStorage);
  return () => {
    stopRuns();
    window.removeEventListener('storage', onStorage);
  };
}
