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

/**
 * The share feature owns the fragment now (src/ui/share/router.ts): it opens `#op=` links itself
 * (with the full `#r=` permalinks) and writes the whole request to the address bar, adding a
 * history entry whenever the selected operation changes. These two stay as no-ops so the catalog
 * keeps compiling unchanged; reading `#op=` here as well would select the operation twice.
 */
export function writeOperationLink(id: string): void {
  void id;
}

export function readOperationLink(): string | null {
  return null;
}
