import { isIP } from 'node:net';
import type { IncomingMessage } from 'node:http';

/**
 * Request guards against other web pages using the explorer server, which sits on loopback with
 * access to servers the person allowed.
 *
 * - Host: a DNS-rebinding page (`http://evil.example:4000` resolved to 127.0.0.1) is same-origin
 *   with itself, so it passes Origin checks; its Host header still says `evil.example`. Only IP
 *   literals, `localhost` and names explicitly allowed are served. The port is not compared: in a
 *   rebinding attack the port is the real one anyway.
 * - Origin: browsers send it on every cross-origin request and on same-origin non-GET requests; if
 *   present it must be this server's own origin (as named by the Host header).
 * - Sec-Fetch-Site: a cross-site or same-site (another localhost port) request without Origin (an
 *   <img>, a link) is refused on the proxy as well.
 */

export type GuardResult = { ok: true } | { ok: false; message: string };

/** Parses a Host header value into a lower-case hostname (IPv6 without brackets). */
export function parseHostHeader(host: string | undefined): { hostname: string; host: string } | null {
  if (host === undefined || host === '') return null;
  if (/[\s/?#@\\]/.test(host)) return null;
  let url: URL;
  try {
    url = new URL(`http://${host}`);
  } catch {
    return null;
  }
  const hostname = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  return { hostname, host: url.host };
}

export function checkHost(req: IncomingMessage, allowedHosts: readonly string[]): GuardResult {
  const raw = req.headers.host;
  const parsed = parseHostHeader(raw);
  if (parsed === null) {
    return { ok: false, message: `The Host header ${JSON.stringify(raw ?? '')} is missing or malformed.` };
  }
  const { hostname } = parsed;
  if (hostname === 'localhost' || isIP(hostname) !== 0 || allowedHosts.includes(hostname))
    return { ok: true };
  return {
    ok: false,
    message:
      `The Host "${parsed.host}" is not one this explorer serves (protection against DNS rebinding). ` +
      `Open it at http://127.0.0.1 or http://localhost, or start it with --allowed-host ${hostname} ` +
      `(or EXPLORER_ALLOWED_HOSTS=${hostname}).`,
  };
}

/** `publicOrigin`: the address behind a reverse proxy (--public-url), accepted as our own too. */
export function checkOrigin(req: IncomingMessage, publicOrigin: string | null = null): GuardResult {
  const origin = req.headers.origin;
  if (origin === undefined || (publicOrigin !== null && origin === publicOrigin)) return { ok: true };
  const host = parseHostHeader(req.headers.host);
  let originUrl: URL | null;
  try {
    originUrl = origin === 'null' ? null : new URL(origin);
  } catch {
    originUrl = null;
  }
  if (
    host !== null &&
    originUrl !== null &&
    (originUrl.protocol === 'http:' || originUrl.protocol === 'https:')
  ) {
    const own = new URL(`${originUrl.protocol}//${host.host}`).origin;
    if (originUrl.origin === own && origin.replace(/\/$/, '') === own) return { ok: true };
  }
  return {
    ok: false,
    message:
      `Requests from the origin ${JSON.stringify(origin)} are refused: only pages served by this explorer ` +
      `may use it. Open the explorer itself instead of calling it from another site.`,
  };
}

export function checkFetchSite(req: IncomingMessage): GuardResult {
  const site = req.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') {
    return {
      ok: false,
      message: `A ${site} request is refused: only pages served by this explorer may use its proxy.`,
    };
  }
  return { ok: true };
}
