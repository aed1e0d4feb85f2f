// CORS as the reference describes Rocket.Chat 8.x: non-preflight responses always carry a wildcard
// origin and the allowed headers; preflights are answered here and never reach a route.
// No Access-Control-Expose-Headers, and x-2fa-code / x-2fa-method are not allowed headers.
import type { Settings } from './settings';

export const ALLOWED_HEADERS =
  'Origin, X-Requested-With, Content-Type, Accept, X-User-Id, X-Auth-Token, x-visitor-token, Authorization';
export const ALLOWED_METHODS = 'GET, POST, PUT, DELETE, HEAD, PATCH';
export const CORS_DISABLED_TEXT = 'CORS not enabled. Go to "Admin > General > REST Api" to enable it.';

export function corsHeadersForResponse(): Record<string, string> {
  return { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': ALLOWED_HEADERS };
}

export interface PreflightResult {
  status: number;
  headers: Record<string, string>;
  text: string;
}

export function preflight(settings: Settings, origin: string | undefined): PreflightResult {
  if (!settings.bool('API_Enable_CORS')) return { status: 405, headers: {}, text: CORS_DISABLED_TEXT };
  const setting = settings.string('API_CORS_Origin').trim();
  const base = {
    'Access-Control-Allow-Methods': ALLOWED_METHODS,
    'Access-Control-Allow-Headers': ALLOWED_HEADERS,
  };
  if (setting === '*')
    return { status: 200, headers: { 'Access-Control-Allow-Origin': '*', ...base }, text: 'OK' };
  const origins = setting
    .split(',')
    .map((o) => o.trim().toLowerCase())
    .filter(Boolean);
  if (!origin || !origins.includes(origin.toLowerCase()))
    return { status: 403, headers: {}, text: 'Invalid origin' };
  return {
    status: 200,
    headers: { 'Access-Control-Allow-Origin': origin, Vary: 'Origin', ...base },
    text: 'OK',
  };
}
