/**
 * The one hash scheme of the explorer, as pure functions (no window, no React) so every rule is
 * unit-tested:
 *
 * - `#r=<version>.<data>`: the whole request (src/core/permalink). This is what the address bar
 *   follows and what `Copy link` copies.
 * - `#op=<operation id>`: the catalog's older operation-only links. Still opened (they select the
 *   operation on the current server) and then rewritten to the full `#r=` form.
 * - nothing: no link; the draft is left as it is.
 *
 * Anything else after `#` is a damaged link and is reported in words (never silently ignored,
 * because a person who pasted a link expects something to happen).
 */
import type { Run } from '../../core/http/run';
import {
  decodePermalink,
  hasPermalink,
  isSameServer,
  tryEncodePermalink,
  type DecodeResult,
} from '../../core/permalink';
import type { RequestDraft } from '../../core/request/draft';
import { trimServerUrl } from '../../core/http/server-url';
import { operationIdFromHash } from '../catalog';
import type { SignedInUser } from '../state';

export type HashRoute =
  { kind: 'empty' } | { kind: 'permalink'; result: DecodeResult } | { kind: 'operation'; id: string };

/** Reads a fragment (`#...`, possibly empty) into what it asks for. Never throws. */
export function parseHash(hash: string): HashRoute {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  if (body.trim() === '') return { kind: 'empty' };
  // `r=` wins over `op=` when both are present: it names the whole request.
  if (hasPermalink(hash)) return { kind: 'permalink', result: decodePermalink(hash) };
  let opId: string | null;
  try {
    opId = operationIdFromHash(hash);
  } catch {
    opId = null;
  }
  if (opId !== null) return { kind: 'operation', id: opId };
  // decodePermalink explains in words why this is not a request link.
  return { kind: 'permalink', result: decodePermalink(hash) };
}

/**
 * Whether a link's draft may be loaded as is, or the person must first be asked because it names
 * another server than the one in use. Asking is what keeps a link from choosing where someone's
 * requests (and what they type into them: passwords in login bodies) go.
 */
export function needsServerConfirmation(linkServer: string, currentServer: string): boolean {
  const link = trimServerUrl(linkServer);
  const current = trimServerUrl(currentServer);
  if (link === current) return false;
  return !isSameServer(link, current);
}

/**
 * Every secret the app holds in memory: the tokens and user IDs of each signed-in server and a
 * pending 2FA code. Passed as `knownSecrets` to everything that leaves the tab (links, history,
 * snippets), so a token pasted into a parameter or a body is caught even where no key says "token".
 */
export function knownSecretsOf(
  auth: Readonly<Record<string, SignedInUser>>,
  run?: Pick<Run, 'credentials' | 'twoFactor'> | null,
): string[] {
  const secrets: string[] = [];
  for (const user of Object.values(auth)) {
    secrets.push(user.credentials.authToken, user.credentials.userId);
  }
  // A run keeps what it was sent with, also after signing out, and its one-time 2FA code.
  if (run?.credentials) secrets.push(run.credentials.authToken, run.credentials.userId);
  if (run?.twoFactor) secrets.push(run.twoFactor.code);
  return secrets.filter((s) => typeof s === 'string' && s !== '');
}

/** The fragment for a draft, or null when it cannot be a link (no server yet, or too large). */
export function hashForDraft(draft: RequestDraft, knownSecrets: readonly string[]): string | null {
  if (draft.serverUrl.trim() === '') return null;
  const encoded = tryEncodePermalink(draft, { knownSecrets });
  return encoded.ok ? encoded.fragment : null;
}

/** The page address with another fragment: path and query kept, so the explorer's own URL never changes. */
export function addressWithHash(location: { pathname: string; search: string }, hash: string): string {
  return `${location.pathname}${location.search}${hash}`;
}
