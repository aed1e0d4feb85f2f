/**
 * Operation deep links in the URL fragment: `#op=<operation id>` (ids from core `operationId()`,
 * e.g. `get-api-v1-users.list`, stable across catalog versions and sources).
 *
 * The fragment as a whole belongs to the share feature's permalink router (src/ui/share/router.ts):
 * it writes full `#r=` permalinks when an operation is chosen and opens `#op=` links with the
 * reader below. These helpers are the one place the `#op=` form is defined.
 */

const KEY = 'op';

/** The operation id named by a fragment (`#op=...`, possibly among other `&`-separated entries). */
export function operationIdFromHash(hash: string): string | null {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  if (body === '') return null;
  const value = new URLSearchParams(body).get(KEY);
  return value === null || value.trim() === '' ? null : value.trim();
}
