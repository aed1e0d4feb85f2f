/**
 * Security headers. The CSP is strict: no inline script and no eval anywhere; workers from self or
 * blob: (Monaco's workers); inline styles only because Monaco injects <style> elements at runtime.
 * `connect-src` lists the allowed targets so the app's direct mode (no proxy) can reach them.
 */

/** Headers sent on every response the explorer server makes itself. */
export const BASE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  // Only features Chromium recognises: an unknown feature name logs a console error.
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), display-capture=()',
};

/**
 * Where the official Rocket.Chat-Open-API YAML files are served (with permissive CORS), so *Import
 * OpenAPI* by URL works for them. The app fetches them without credentials and never sends a
 * request to a Rocket.Chat server from this list unless it is also an allowed target.
 */
export const OPENAPI_SOURCE_ORIGINS: readonly string[] = ['https://raw.githubusercontent.com'];

export function buildCsp(connectOrigins: readonly string[]): string {
  const connect = ["'self'", ...connectOrigins, ...OPENAPI_SOURCE_ORIGINS].join(' ');
  return [
    "default-src 'self'",
    "script-src 'self'",
    "worker-src 'self' blob:",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src ${connect}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join('; ');
}

/** Headers for pages and static files: the base set plus the CSP. */
export function pageSecurityHeaders(csp: string): Record<string, string> {
  return { ...BASE_SECURITY_HEADERS, 'Content-Security-Policy': csp };
}
