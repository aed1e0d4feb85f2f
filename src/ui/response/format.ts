import type { ResponseRecord } from '../../core/http/types';

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** A measured duration: precise, because timings are what a person compares. */
export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

/**
 * An estimate or a wait ("about 59 s left"): hundredths of a second would claim a precision an
 * estimate does not have, so whole seconds, and minutes with seconds past two minutes.
 */
export function formatEstimate(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 1 && ms > 0) return 'under 1 s';
  if (seconds < 120) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
}

/** Epoch ms when the response's last byte arrived (timings are on the performance clock). */
export function receivedAtOf(response: ResponseRecord): number {
  return Math.round(performance.timeOrigin + response.timings.startedAt + response.timings.totalMs);
}
