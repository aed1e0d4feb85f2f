/**
 * Whether this page may compile code at run time (`new Function`). ajv compiles each schema to a
 * function, which a Content-Security-Policy without 'unsafe-eval' forbids: trying would log a CSP
 * violation and an ajv error. The page cannot read its own policy, so it asks its own URL once with
 * HEAD and reads the header (no request leaves the origin; nothing is violated by asking).
 */
export function evalAllowedByPolicy(csp: string | null): boolean {
  if (!csp) return true;
  // Several policies may be joined with ',' and every one must allow it.
  return csp.split(',').every((policy) => {
    const directives = new Map<string, string[]>();
    for (const part of policy.split(';')) {
      const [name, ...values] = part.trim().split(/\s+/);
      if (name) directives.set(name.toLowerCase(), values.map((v) => v.toLowerCase()));
    }
    const sources = directives.get('script-src') ?? directives.get('default-src');
    return sources === undefined || sources.includes("'unsafe-eval'");
  });
}

let probe: Promise<boolean> | undefined;

export function canCompileAtRuntime(): Promise<boolean> {
  probe ??= fetch(window.location.pathname, { method: 'HEAD', cache: 'no-store' })
    .then((response) => evalAllowedByPolicy(response.headers.get('content-security-policy')))
    .catch(() => false);
  return probe;
}
