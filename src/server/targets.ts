/**
 * The allow-list rule lives in src/core/wire so the app and the server share it; this module keeps
 * the server-side names (and the CLI's list splitting) where the server's callers expect them.
 */
export { normaliseTarget, TargetAllowList, type TargetParseResult } from '../core/wire';

/** Splits a comma-separated list (RC_TARGETS, EXPLORER_ALLOWED_HOSTS), ignoring blanks. */
export function splitList(value: string | undefined): string[] {
  if (value === undefined) return [];
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
