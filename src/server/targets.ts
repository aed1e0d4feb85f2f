/**
 * The proxy's allow-list. A target is a Rocket.Chat server base URL: scheme, host, port and an
 * optional base path (for servers mounted under a sub-path, e.g. `https://example.com/chat`).
 * Both the configured targets and the `X-Explorer-Target` header of each request are normalised the
 * same way before they are compared, so `http://127.0.0.1:4100/` and `HTTP://127.0.0.1:4100` match.
 */

export type TargetParseResult = { ok: true; target: string; url: URL } | { ok: false; reason: string };

/** Normalises a server base URL to `origin + basePath` (no trailing slash, default port dropped). */
export function normaliseTarget(raw: string): TargetParseResult {
  const text = raw.trim();
  if (text === '') return { ok: false, reason: 'it is empty' };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: 'it is not an absolute URL (expected e.g. https://chat.example.com)' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, reason: `its scheme ${url.protocol} is not http: or https:` };
  }
  if (url.username !== '' || url.password !== '') {
    return { ok: false, reason: 'it contains a user name or password' };
  }
  if (url.search !== '' || url.hash !== '' || text.includes('?') || text.includes('#')) {
    return { ok: false, reason: 'it contains a query string or fragment' };
  }
  const basePath = url.pathname.replace(/\/+$/, '');
  url.pathname = basePath === '' ? '/' : basePath;
  return { ok: true, target: `${url.origin}${basePath}`, url };
}

/** The set of servers the proxy may reach. Immutable once built. */
export class TargetAllowList {
  readonly #targets: readonly string[];

  constructor(targets: readonly string[]) {
    const normalised: string[] = [];
    for (const raw of targets) {
      const parsed = normaliseTarget(raw);
      if (!parsed.ok) throw new Error(`Invalid target "${raw}": ${parsed.reason}.`);
      if (!normalised.includes(parsed.target)) normalised.push(parsed.target);
    }
    this.#targets = normalised;
  }

  /** Normalised targets, in the order given (duplicates removed). */
  get targets(): readonly string[] {
    return this.#targets;
  }

  /** Origins of the targets, for the CSP `connect-src` (direct mode talks to them from the page). */
  get origins(): string[] {
    return [...new Set(this.#targets.map((t) => new URL(t).origin))];
  }

  /**
   * True when `target` (already normalised) is an allowed target or lies below one at a path
   * segment boundary. The latter grants nothing new: the request path is appended to the target,
   * so `https://a.example` already reaches `https://a.example/chat/api/info`. Dot segments are
   * refused by the proxy, so a request never climbs above its allowed base path.
   */
  allows(target: string): boolean {
    return this.#targets.some((allowed) => target === allowed || target.startsWith(`${allowed}/`));
  }
}

/** Splits a comma-separated list (RC_TARGETS, EXPLORER_ALLOWED_HOSTS), ignoring blanks. */
export function splitList(value: string | undefined): string[] {
  if (value === undefined) return [];
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
