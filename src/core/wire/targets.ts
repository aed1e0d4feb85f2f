/**
 * The proxy's allow-list rule. A target is a Rocket.Chat server base URL: scheme, host, port and an
 * optional base path (for servers mounted under a sub-path, e.g. `https://example.com/chat`).
 * Both the configured targets and the `X-Explorer-Target` header of each request are normalised the
 * same way before they are compared, so `http://127.0.0.1:4100/` and `HTTP://127.0.0.1:4100` match.
 */

export type TargetParseResult = { ok: true; target: string; url: URL } | { ok: false; reason: string };

/**
 * Why a raw path (no query) must be refused, or null. Dot segments, raw or percent-encoded (`%2e`,
 * `..%2f`, `%5c`), could climb above an allowed base path on a server that decodes before routing;
 * malformed percent-encoding has no single meaning. Shared by the proxy path and target checks.
 */
export function dotSegmentProblem(rawPath: string): string | null {
  for (const segment of rawPath.split('/')) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return `the path segment "${segment.slice(0, 80)}" has malformed percent-encoding`;
    }
    if (decoded.split(/[\\/]/).some((part) => part === '.' || part === '..')) {
      return 'it contains "." or ".." segments (raw or percent-encoded)';
    }
  }
  return null;
}

/** Normalises a server base URL to `origin + basePath` (no trailing slash, default port dropped). */
export function normaliseTarget(raw: string): TargetParseResult {
  const text = raw.trim();
  if (text === '') return { ok: false, reason: 'it is empty' };
  // A browser merges two headers of the same name into one comma-joined value; a URL list or any
  // space inside means more than one server was named, and the first is not necessarily the one
  // the person chose.
  if (/[,\s]/.test(text)) return { ok: false, reason: 'it holds more than one URL, or spaces' };
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
  // The URL parser resolves raw and %2e dot segments; `..%2f` and `%5c` survive it as text a
  // server may decode before routing.
  const problem = dotSegmentProblem(url.pathname);
  if (problem !== null) return { ok: false, reason: `its path is refused: ${problem}` };
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
   * refused in both the target and the path, so a request never climbs above its allowed base path.
   */
  allows(target: string): boolean {
    return this.#targets.some((allowed) => target === allowed || target.startsWith(`${allowed}/`));
  }
}

/** The origin of a target-like text for logs: never its user-info, path or query; null if unparseable. */
export function originForLog(raw: string): string | null {
  try {
    const url = new URL(raw.trim().split(/[,\s]/)[0] ?? '');
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
  } catch {
    return null;
  }
}
