/**
 * Server versions and what they do with `query` and `fields`.
 *
 * `GET /api/info` gives `{ version: "8.1.0" }`. We compare numerically by major, minor, patch; a
 * pre-release (`7.0.0-rc.1`) sorts before its release, as semver says. For the *behaviour* rule we
 * use the release line (major.minor) and ignore the pre-release tag, because a 7.0 release
 * candidate already carries 7.0's behaviour.
 */

export interface ParsedVersion {
  major: number;
  minor: number;
  patch: number;
  /** Dot-separated pre-release identifiers (`rc.1` -> ['rc', '1']); empty for a release. */
  prerelease: string[];
  raw: string;
}

const VERSION_RE = /^\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?\s*$/;

/** Parses `8.1.0`, `7.0.0-rc.1`, `v6.3`, `8.1.0+build.5`; null for anything else. */
export function parseVersion(text: string): ParsedVersion | null {
  const m = VERSION_RE.exec(text);
  if (!m) return null;
  return {
    major: Number(m[1]),
    minor: Number(m[2] ?? 0),
    patch: Number(m[3] ?? 0),
    prerelease: m[4] ? m[4].split('.') : [],
    raw: text.trim(),
  };
}

function compareIdentifiers(a: string, b: string): number {
  const an = /^\d+$/.test(a);
  const bn = /^\d+$/.test(b);
  if (an && bn) return Math.sign(Number(a) - Number(b));
  if (an) return -1; // numeric identifiers sort before alphanumeric ones (semver 11.4.3)
  if (bn) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** -1, 0 or 1. Unparseable versions sort first (treated as oldest). Build metadata is ignored. */
export function compareVersions(a: string, b: string): number {
  const pa = parseVersion(a);
  const pb = parseVersion(b);
  if (!pa || !pb) return pa ? 1 : pb ? -1 : 0;
  for (const key of ['major', 'minor', 'patch'] as const) {
    if (pa[key] !== pb[key]) return Math.sign(pa[key] - pb[key]);
  }
  if (pa.prerelease.length === 0 || pb.prerelease.length === 0) {
    return pa.prerelease.length === pb.prerelease.length ? 0 : pa.prerelease.length === 0 ? 1 : -1;
  }
  for (let i = 0; i < Math.max(pa.prerelease.length, pb.prerelease.length); i++) {
    const x = pa.prerelease[i];
    const y = pb.prerelease[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const c = compareIdentifiers(x, y);
    if (c !== 0) return c;
  }
  return 0;
}

/** True when the server's release line (major.minor, pre-release ignored) is at least `major.minor`. */
export function isAtLeastLine(version: string, major: number, minor = 0): boolean {
  const v = parseVersion(version);
  if (!v) return false;
  return v.major > major || (v.major === major && v.minor >= minor);
}

export type QueryFieldsSupport =
  /** Before 7.0: applied (deprecated since 6.3). */
  | { status: 'applied'; deprecated: boolean; message: string }
  /** 7.0 to 8.x: silently ignored unless the server runs with the environment variable. */
  | { status: 'ignored-unless-enabled'; message: string }
  /** 9.0 and later: removed; the server answers 400 error-invalid-params. */
  | { status: 'removed'; message: string }
  /** Version not known: say what depends on it. */
  | { status: 'unknown'; message: string };

/**
 * What a server of this version does with `query` and `fields`.
 * @param version from `/api/info`, or undefined when not known yet.
 */
export function queryFieldsSupport(version: string | undefined | null): QueryFieldsSupport {
  const v = version ? parseVersion(version) : null;
  if (!v) {
    return {
      status: 'unknown',
      message:
        'Server version unknown: servers 7.0 and newer ignore "query" and "fields" unless they run with ALLOW_UNSAFE_QUERY_AND_FIELDS_API_PARAMS=TRUE, and 9.0 removes them.',
    };
  }
  if (isAtLeastLine(version!, 9, 0)) {
    return {
      status: 'removed',
      message: `Rocket.Chat ${v.raw} no longer accepts "query" and "fields" (removed in 9.0): the request fails with error-invalid-params. Filter locally instead.`,
    };
  }
  if (isAtLeastLine(version!, 7, 0)) {
    return {
      status: 'ignored-unless-enabled',
      message: `The server ignores "query" and "fields" unless it runs with ALLOW_UNSAFE_QUERY_AND_FIELDS_API_PARAMS=TRUE (Rocket.Chat ${v.raw}; disabled by default since 7.0, removed in 9.0).`,
    };
  }
  return {
    status: 'applied',
    deprecated: isAtLeastLine(version!, 6, 3),
    message: isAtLeastLine(version!, 6, 3)
      ? `Rocket.Chat ${v.raw} applies "query" and "fields" but they are deprecated since 6.3.`
      : `Rocket.Chat ${v.raw} applies "query" and "fields".`,
  };
}
