/**
 * The server's address as the explorer keys everything by (auth, rate limits, history): no
 * surrounding spaces, no trailing slash. In its own module because the first screen needs it and
 * must not bring prepare.ts's JSON-parameter encoding (ejson, jsonc-parser) with it (issue 14).
 */
export function trimServerUrl(serverUrl: string): string {
  return serverUrl.trim().replace(/\/+$/, '');
}
