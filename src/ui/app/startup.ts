import { restoreRemembered } from '../auth/actions';
import { startRateLimitTracking } from '../ratelimit/store';
import { startHistoryRecording } from '../share/history-store';

/**
 * Everything that listens for the app's whole life, started in one place: the rate-limit gauge and
 * the history learn from every finished run, and remembered sessions come back. No feature depends
 * on a panel being mounted (or open) to work. Returns the stop function (tests, hot reload).
 */
export function startExplorer(): () => void {
  startRateLimitTracking();
  const stopHistory = startHistoryRecording();
  restoreRemembered();
  return stopHistory;
}
