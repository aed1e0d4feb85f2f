import { loadAuthActions } from '../auth';
import { startRateLimitTracking } from '../ratelimit';
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
