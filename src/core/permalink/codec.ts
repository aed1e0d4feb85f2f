/**
 * Permalinks: the whole request in the URL fragment, versioned and compressed, never a secret.
 *
 * Layout: `#r=<version>.<lz-string compressToEncodedURIComponent(JSON)>`.
 * - The fragment, not the query, because browsers never send the fragment to any server: a link
 *   opened through a proxy, a CDN or the explorer server leaves no request data in their logs.
 * - `r=` so other fragment keys can live beside it later (`&...`).
 * - The version comes first and outside the compressed data, so a reader can tell a link from the
 *   future ("made by a newer explorer") from a damaged one without decompressing anything.
 * - lz-string's URI-safe alphabet (A-Z a-z 0-9 + - $) survives chat apps, Markdown and e-mail.
 *
 * `decodePermalink` never throws: every failure comes back as words for an alert.
 */
import LZString from 'lz-string';
import type { RequestDraft } from '../request/draft';
import { sanitizeDraft, type SanitizeOptions } from './sanitize';
import { CURRENT_VERSION, MIGRATIONS, OLDEST_VERSION, current } from './versions';
import { LIMITS } from './validate';
import { nestsDeeperThan, unpackBounded } from './unpack';

export { CURRENT_VERSION } from './versions';

export const FRAGMENT_KEY = 'r';

export type DecodeResult =
  | {
      ok: true;
      draft: RequestDraft;
      /** Set when the link was made by an older format and migrated. */ migratedFrom?: number;
    }
  | { ok: false; error: string };

export type EncodeResult = { ok: true; fragment: string } | { ok: false; error: string };

const DAMAGED = 'This link is damaged or incomplete';

/**
 * Encodes a draft as a fragment (`#r=2....`). Secrets are replaced by placeholders first; pass
 * the secrets held in memory as `knownSecrets` so they are caught wherever they were pasted.
 * Fails with words when the result would be longer than a link can safely be.
 */
export function tryEncodePermalink(draft: RequestDraft, options: SanitizeOptions = {}): EncodeResult {
  const json = JSON.stringify(current.fromDraft(sanitizeDraft(draft, options)));
  const header = `${FRAGMENT_KEY}=${CURRENT_VERSION}.`;
  const atLeast = compressedLengthAtLeast(json, LIMITS.fragmentChars - header.length);
  if (atLeast !== null) return tooLarge(`more than ${header.length + atLeast}`);
  const fragment = `${header}${LZString.compressToEncodedURIComponent(json)}`;
  if (fragment.length > LIMITS.fragmentChars) return tooLarge(String(fragment.length));
  return { ok: true, fragment: `#${fragment}` };
}

function tooLarge(characters: string): EncodeResult {
  return {
    ok: false,
    error: `This request is too large for a link (${characters} characters, the limit is ${LIMITS.fragmentChars}). Shorten the body or parameters, or share it as a snippet.`,
  };
}

/** Prefix lengths tried before compressing a large text whole (see compressedLengthAtLeast). */
const PREFIXES = [16_384, 65_536];
/**
 * Characters the compressed whole may fall short of a compressed prefix: the prefix's output ends
 * with codes the whole text does not emit there (its last phrase, perhaps a literal, the end code,
 * padding), at most 3 codes of up to 17 bits plus a 16-bit literal = 73 bits < 13 characters.
 */
export const PREFIX_SLACK = 16;

/**
 * A lower bound of the compressed length of `text` when it is certainly over `limit`, else null.
 * Why: a 300 KB body that cannot fit costs ~50 ms to compress whole, a long task every time the
 * address bar follows the draft. lz-string is a streaming LZW coder, so its output for any prefix
 * is, but for its last few codes, the start of its output for the whole text: a compressed prefix
 * over the limit proves the whole is over it too, at a fraction of the cost.
 */
export function compressedLengthAtLeast(text: string, limit: number): number | null {
  for (const size of PREFIXES) {
    if (size >= text.length) return null;
    const bound = LZString.compressToEncodedURIComponent(text.slice(0, size)).length - PREFIX_SLACK;
    if (bound > limit) return bound;
  }
  return null;
}

/** Like {@link tryEncodePermalink} but throws a RangeError (with the same words) when too large. */
export function encodePermalink(draft: RequestDraft, options: SanitizeOptions = {}): string {
  const result = tryEncodePermalink(draft, options);
  if (!result.ok) throw new RangeError(result.error);
  return result.fragment;
}

/** Extracts the `r=` value from a fragment, a `#fragment`, or a whole URL. */
function extractValue(input: string): string | undefined {
  const hashAt = input.indexOf('#');
  const fragment = hashAt >= 0 ? input.slice(hashAt + 1) : input;
  // Split by hand: URLSearchParams would turn lz-string's '+' into a space.
  for (const part of fragment.split('&')) {
    if (part.startsWith(`${FRAGMENT_KEY}=`)) return part.slice(FRAGMENT_KEY.length + 1);
  }
  return undefined;
}

/** True when the text (fragment or URL) carries a request link at all. */
export function hasPermalink(input: string): boolean {
  return typeof input === 'string' && extractValue(input) !== undefined;
}

function decodeUnsafe(input: string): DecodeResult {
  if (input.length > LIMITS.fragmentChars * 2)
    return { ok: false, error: `This link is too long to be a request link (${input.length} characters).` };
  const value = extractValue(input);
  if (value === undefined)
    return { ok: false, error: 'This address has no request in it (no "r=" part after "#").' };
  if (value.length > LIMITS.fragmentChars) {
    return {
      ok: false,
      error: `This link is too long (${value.length} characters, the limit is ${LIMITS.fragmentChars}).`,
    };
  }
  const match = /^(\d{1,6})\.([A-Za-z0-9+\-$]*)$/.exec(value);
  if (!match)
    return {
      ok: false,
      error: `${DAMAGED}: it does not start with a version number and a dot, or holds characters links never contain.`,
    };
  const version = Number(match[1]);
  const data = match[2] ?? '';
  if (version > CURRENT_VERSION) {
    return {
      ok: false,
      error: `This link was made by a newer version of the explorer (link format ${version}, this one reads up to ${CURRENT_VERSION}). Update the explorer to open it.`,
    };
  }
  if (version < OLDEST_VERSION)
    return { ok: false, error: `${DAMAGED}: link format ${version} never existed.` };
  if (data === '') return { ok: false, error: `${DAMAGED}: the request data is missing.` };
  const unpacked = unpackBounded(data, LIMITS.jsonChars);
  if (!unpacked.ok)
    return {
      ok: false,
      error:
        unpacked.reason === 'too-large'
          ? `${DAMAGED}: it unpacks to more than ${LIMITS.jsonChars} characters.`
          : `${DAMAGED}: the compressed data cannot be unpacked (was the link cut short?).`,
    };
  const json = unpacked.text;
  if (nestsDeeperThan(json, LIMITS.jsonDepth))
    return {
      ok: false,
      error: `${DAMAGED}: its data nests deeper than ${LIMITS.jsonDepth} levels, which no request link does.`,
    };
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return { ok: false, error: `${DAMAGED}: the unpacked data is not valid JSON (was the link cut short?).` };
  }
  for (const step of MIGRATIONS) {
    if (step.from < version) continue;
    const parsed = step.parse(raw);
    if (!parsed.ok) return { ok: false, error: `${DAMAGED} (format ${step.from}): ${parsed.error}` };
    raw = step.up(parsed.value as never);
  }
  const draft = current.toDraft(raw);
  if (!draft.ok) return { ok: false, error: `${DAMAGED}: ${draft.error}` };
  const safe = sanitizeDraft(draft.value);
  return version < CURRENT_VERSION
    ? { ok: true, draft: safe, migratedFrom: version }
    : { ok: true, draft: safe };
}

/**
 * Decodes a fragment (`#r=...`, `r=...`) or a whole URL into a draft. Never throws; a refusal
 * says why in words. The draft it returns is validated field by field and secret-free.
 */
export function decodePermalink(input: string): DecodeResult {
  try {
    if (typeof input !== 'string') return { ok: false, error: 'This link is not text.' };
    return decodeUnsafe(input);
  } catch (error) {
    // Nothing above is expected to throw; this is the guarantee, not the plan.
    return {
      ok: false,
      error: `${DAMAGED}: ${error instanceof Error ? error.message : 'unexpected error'}.`,
    };
  }
}

/**
 * Origin comparison for "this link names another server": the app must ask before switching,
 * so a link can never send someone's credentials to a server they did not choose.
 */
export function isSameServer(a: string, b: string): boolean {
  try {
    const ua = new URL(a);
    const ub = new URL(b);
    return ua.origin === ub.origin && ua.pathname.replace(/\/+$/, '') === ub.pathname.replace(/\/+$/, '');
  } catch {
    return false;
  }
}
