// What the runner offers the others: send/resend (the only ways a request leaves), the run being
// shown, the transport, and the event other features learn finished runs from.
export { RunnerProvider, useRun } from './RunnerContext';
export { send, resend, preloadRunBuilder } from './send';
export { transportFor, isAllowedTarget } from './transport';
export { onRunFinished, type RunResult } from './run-events';
export { useRunProgress } from './progress-store';
export type { RunOutcome, RunView } from './useRunner';
