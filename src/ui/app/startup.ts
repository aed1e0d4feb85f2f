import { loadAuthActions } from '../auth';
import { startRateLimitTracking } from '../ratelimit';
import { preloadRunBuilder } from '../runner';
import { loadHistoryStore } from '../share';

/**
 * Everything that listens for the app's whole life, started in one place: the rate-limit gauge and
 * the history learn from every finished run, and remembered sessions come back. No feature depends
 * on a panel being mounted (or open) to work. History and auth code load after the first paint
 * (they are not needed to show the catalog), but they start here, not with their panels.
 * Returns the stop function (tests, hot reload).
 */
export function startExplorer(): () => void {
  startRateLimitTracking();
  // The run builder and the fetch code load after the first paint, so a Send normally finds them
  // there (send() and the runner wait for them if not).
  void preloadRunBuilder();
  void import('../../core/http/execute');
  let stopped = false;
  let stopHistory: (() => void) | undefined;
  void loadHistoryStore().then(({ startHistoryRecording }) => {
    if (!stopped) stopHistory = startHistoryRecording();
  });
  void loadAuthActions().then(({ restoreRemembered }) => {
    if (!stopped) restoreRemembered();
  });
  return () => {
    stopped = true;
    stopHistory?.();
  };
}
