/**
 * What this page's Content-Security-Policy allows, read once from its own URL with HEAD (the page
 * cannot read its policy otherwise). Asking first avoids doing what the policy forbids: a blocked
 * `new Function` or `fetch` logs a violation and gives no useful error.
 */

/** Sources of a directive in each policy (several policies may be joined with ','), falling back to default-src. */
function sourcesOf(csp: string, directive: string): string[][] {
  return csp.split(',').flatMap((policy) => {
    const directives = new Map<string, string[]>();
    for (const part of policy.split(';')) {
      const [name, ...values] = part.trim().split(/\s+/);
      if (name) directives.set(name.toLowerCase(), values);
    }
    const sources = directives.get(directive) ?? directives.get('default-src');
    return sources === undefined ? [] : [sources];
  });
}

/** Whether run-time compilation (`new Function`, which ajv uses) is allowed. */
export function evalAllowedByPolicy(csp: string | null): boolean {
  if (!csp) return true;
  return sourcesOf(csp, 'script-src').every((sources) =>
    sources.some((s) => s.toLowerCase() === "'unsafe-eval'"),
  );
}

function sourceMatches(source: string, url: URL, pageOrigin: string): boolean {
  const s = source.toLowerCase();
  if (s === '*') return url.protocol === 'http:' || url.protocol === 'https:';
  if (s === "'self'") return url.origin === pageOrigin;
  if (/^[a-z][a-z0-9+.-]*:$/.test(s)) return url.protocol === s;
  const m = /^(?:([a-z][a-z0-9+.-]*):\/\/)?(\*\.)?([^/:]+)(?::(\d+|\*))?/.exec(s);
  if (!m) return false;
  const [, scheme, wildcard, host, port] = m;
  if (scheme && `${scheme}:` !== url.protocol) return false;
  const hostOk = wildcard ? url.hostname.endsWith(`.${host}`) : url.hostname === host;
  const defaultPort = url.protocol === 'https:' ? '443' : '80';
  const portOk = port === '*' || (port ?? defaultPort) === (url.port || defaultPort);
  return hostOk && portOk;
}

/** Whether `fetch(url)` from this page is allowed by connect-src. */
export function connectAllowedByPolicy(csp: string | null, target: string, pageOrigin: string): boolean {
  if (!csp) return true;
  let url: URL;
  try {
    url = new URL(target, pageOrigin);
  } catch {
    return false;
  }
  return sourcesOf(csp, 'connect-src').every((sources) =>
    sources.some((s) => sourceMatches(s, url, pageOrigin)),
  );
}

let probe: Promise<string | null> | undefined;

/** The page's policy (null when it has none, or when it cannot be read). */
export function pagePolicy(): Promise<string | null> {
  probe ??= fetch(window.location.pathname, { method: 'HEAD', cache: 'no-store' })
    .then((response) => response.headers.get('content-security-policy'))
    .catch(() => null);
  return probe;
}

export async function canCompileAtRuntime(): Promise<boolean> {
  return evalAllowedByPolicy(await pagePolicy());
}
