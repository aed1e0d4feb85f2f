/**
 * The history as React sees it: one HistoryRepository over localStorage, published through a
 * small zustand store (kept apart from the explorer store), fed by finished runs.
 */
import { create } from 'zustand';
import { onRunFinished } from '../runner';
import { useExplorerStore } from '../state';
import { knownSecretsOf } from './hash-route';
import { entryFromRun, HISTORY_KEY, SET_ASIDE_KEY } from './history';
import { HistoryRepository, type HistorySnapshot, type StorageLike } from './history-repository';

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
  /** False until storage was read: reading and validating 200 entries per server waits until after the first paint. */
  loaded: boolean;
  actions: {
    clear(server: string): void;
    discardSetAside(): void;
    setAsideText(): string;
  };
}

export const useHistoryStore = create<HistoryState>()((set) => ({
  entries: {},
  problems: [],
  setAsideCount: 0,
  persistent: true,
  loaded: false,
  actions: {
    clear: (server) => set({ ...repo().clear(server), loaded: true }),
    discardSetAside: () => set({ ...repo().discardSetAside(), loaded: true }),
    setAsideText: () => repo().setAsideText(),
  },
}));

const publish = (snapshot: HistorySnapshot) => useHistoryStore.setState({ ...snapshot, loaded: true });

let counter = 0;
const newId = (at: number): string =>
  `${at.toString(36)}-${(counter++).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

/**
 * Records every finished run and follows changes made by other tabs. Returns the stop function;
 * mounted once by the History panel.
 */
export function startHistoryRecording(): () => void {
  const stopRuns = onRunFinished((result) => {
    const state = useExplorerStore.getState();
    const entry = entryFromRun(
      { ...result, draft: result.run.draft },
      knownSecretsOf(state.auth, result.run),
      newId(result.finishedAt),
    );
    if (entry) publish(repo().add(entry));
  });
  const onStorage = (event: StorageEvent) => {
    if (event.key === null || event.key === HISTORY_KEY || event.key === SET_ASIDE_KEY)
      publish(repo().load());
  };
  window.addEventListener('storage', onStorage);
  // Off the first paint: a full history takes tens of milliseconds to unpack and validate.
  const timer = window.setTimeout(() => publish(repo().snapshot()), 0);
  return () => {
    window.clearTimeout(timer);
    stopRuns();
    window.removeEventListener('storage', onStorage);
  };
}
