/**
 * The operation deep link in the URL fragment: `#op=<operation id>` (ids from core `operationId()`,
 * e.g. `get-api-v1-users.list`). This is the ONE place the catalog reads or writes the fragment, so
 * the share feature's full permalink can take it over by changing these functions only.
 */

const KEY = 'op';

/** The operation id named by a fragment (`#op=...`, possibly among other `&`-separated entries). */
export function operationIdFromHash(hash: string): string | null {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  if (body === '') return null;
  const value = new URLSearchParams(body).get(KEY);
  return value === null || value.trim() === '' ? null : value.trim();
}

/** The fragment with the operation id set, other entries kept as they were. */
export function hashWithOperationId(hash: string, id: string): string {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  const params = new URLSearchParams(body);
  params.set(KEY, id);
  // URLSearchParams encodes ':' as %3A; keep ids readable, they only hold [a-z0-9._:{}-].
  return `#${params.toString().replace(/%3A/gi, ':')}`;
}

/** Writes the operation link to the address bar without adding a history entry or scrolling. */
export function writeOperationLink(id: string): void {
  const next = hashWithOperationId(window.location.hash, id);
  if (next === window.location.hash) return;
  window.history.replaceState(
    window.history.state,
    '',
    `${window.location.pathname}${window.location.search}${next}`,
  );
}

export function readOperationLink(): string | null {
  return operationIdFromHash(window.location.hash);
}
