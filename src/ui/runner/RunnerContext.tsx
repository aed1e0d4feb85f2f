import { createContext, useContext, type ReactNode } from 'react';
import { useRunner, type RunView } from './useRunner';

interface RunnerValue {
  view: RunView;
  cancel: () => void;
}

const RunnerContext = createContext<RunnerValue | null>(null);

/** One runner for the whole app: the send bar, the shortcut and the viewer share its state. */
export function RunnerProvider({ children }: { children: ReactNode }) {
  const runner = useRunner();
  return <RunnerContext.Provider value={runner}>{children}</RunnerContext.Provider>;
}

export function useRun(): RunnerValue {
  const value = useContext(RunnerContext);
  if (!value) throw new Error('useRun must be used inside <RunnerProvider>');
  return value;
}
