/**
 * The rules that turn an `Endpoints` key into facts the typings do not state. Each is a small,
 * documented table so it can be checked against the server source and corrected in one place.
 */
import type { HttpMethod, JsonParamName } from './types';

/**
 * Full served path of an `Endpoints` key. The typings keys are relative to the `/api` mount
 * (`@rocket.chat/api-client` sends `${baseUrl}/api${key}`):
 * - `/v1/channels.list` -> `/api/v1/channels.list`
 * - `/apps/:id`         -> `/api/apps/:id` (the Apps-Engine REST API is mounted at `api/apps/`)
 * - `/info`, `/docs/json` -> `/api/info`, `/api/docs/json`
 * - `/hooks/...` is the exception: integrations' webhook API is mounted at `/hooks/` (WebHookAPI,
 *   `apiPath: 'hooks/'`), outside `/api`.
 */
export function fullPath(key: string): string {
  if (key.startsWith('/hooks/')) return key;
  return `/api${key}`;
}

/**
 * Domain group: the first word after the version, split at `.` or `/`:
 * `/api/v1/channels.list` -> `channels`, `/api/v1/livechat/room` -> `livechat`,
 * `/api/apps/:id` -> `apps`, `/hooks/...` -> `hooks`, `/api/info` and `/api/docs/json` -> `server`.
 */
export function groupOf(path: string): string {
  if (path.startsWith('/hooks/')) return 'hooks';
  if (path === '/api/apps' || path.startsWith('/api/apps/')) return 'apps';
  const m = /^\/api\/v\d+\/([^./]+)/.exec(path);
  if (m?.[1]) return m[1] === 'im' ? 'im' : m[1];
  return 'server';
}

/**
 * Authentication rule: every operation needs `X-User-Id` + `X-Auth-Token` unless listed here.
 * The list mirrors the Rocket.Chat 7.x/8.x routes declared without authentication: `authRequired:
 * false`, or no `authRequired` at all (the router then does not authenticate; the livechat
 * visitor API relies on that and identifies the visitor by a `token` parameter), plus the webhook
 * API (its secret token is in the path). A path matching any pattern is public, whatever the
 * method, unless `methods` narrows it.
 *
 * Checked against the server source (apps/meteor/app/api/server/v1/{misc,settings,users,invites,
 * twoFactorChallenges}.ts, app/livechat/server/api/v1/{visitor,room,message,transcript,config,
 * sms}.ts, ee livechat triggers): notably `livechat/messages` (POST) and
 * `livechat/visitor/:token/room` (GET, view-livechat-manager) DO need authentication, while
 * `validateInviteToken`, `twoFactorChallenges.*`, `livechat/visitor.status`,
 * `livechat/sms-incoming/:service` and `livechat/triggers/:_id/external-service/call` do not.
 */
const PUBLIC: { pattern: RegExp; methods?: HttpMethod[]; why: string }[] = [
  { pattern: /^\/api\/info$/, why: 'server version, anonymous form' },
  { pattern: /^\/api\/docs\/json$/, why: 'OpenAPI description' },
  { pattern: /^\/api\/v1\/login$/, why: 'sign-in' },
  { pattern: /^\/api\/v1\/users\.register$/, why: 'self-registration' },
  { pattern: /^\/api\/v1\/users\.forgotPassword$/, why: 'password reset mail' },
  { pattern: /^\/api\/v1\/users\.getAvatar$/, why: 'avatar redirect' },
  { pattern: /^\/api\/v1\/users\.2fa\.sendEmailCode$/, why: '2FA code by mail before sign-in' },
  { pattern: /^\/api\/v1\/settings\.public$/, why: 'public settings' },
  { pattern: /^\/api\/v1\/settings\.oauth$/, why: 'OAuth login buttons' },
  { pattern: /^\/api\/v1\/service\.configurations$/, why: 'login services' },
  { pattern: /^\/api\/v1\/shield\.svg$/, why: 'badge image' },
  { pattern: /^\/api\/v1\/pw\.getPolicyReset$/, why: 'password policy on the reset page (token param)' },
  { pattern: /^\/api\/v1\/method\.callAnon\//, why: 'anonymous DDP method call' },
  { pattern: /^\/api\/v1\/validateInviteToken$/, why: 'invite link check before sign-up' },
  {
    pattern: /^\/api\/v1\/twoFactorChallenges\.(sendEmailCode|verifyChallenge)$/,
    why: 'OAuth login 2FA challenge (no session yet)',
  },
  {
    // visitor/:token but not visitor/:token/room (agent side); `messages` (POST, bulk import) needs auth.
    pattern:
      /^\/api\/v1\/livechat\/(config|visitor|visitor\/[^/]+|visitor\.status|room|room\.close|room\.transfer|room\.survey|message|message\/[^/]+|messages\.history\/[^/]+|agent\.info\/[^/]+\/[^/]+|agent\.next\/[^/]+|custom\.field|custom\.fields|offline\.message|page\.visited|transcript|upload\/[^/]+|video\.call\/[^/]+|webrtc\.call|webrtc\.call\/[^/]+|triggers\/[^/]+\/external-service\/call)$/,
    why: 'livechat widget (visitor token)',
  },
  { pattern: /^\/api\/v1\/livechat\/sms-incoming\/[^/]+$/, why: 'SMS provider webhook' },
  { pattern: /^\/hooks\//, why: 'webhook secret in the path' },
];

export function needsAuth(method: HttpMethod, path: string): boolean {
  for (const rule of PUBLIC) {
    if (!rule.pattern.test(path)) continue;
    if (rule.methods && !rule.methods.includes(method)) continue;
    return false;
  }
  return true;
}

/**
 * Which parameters are the Mongo-style JSON of `parseJsonQuery` (`query` EJSON filter, `fields`
 * projection, `sort`): parameters with those names on GET operations, except where an endpoint
 * gives the name another meaning.
 */
const OWN_MEANING: Record<string, JsonParamName[]> = {
  // directory's `query` is its own JSON object {text, type, workspace}, not a Mongo filter.
  '/api/v1/directory': ['query'],
  // `/me` types `fields` as a projection record but reads it itself, not via parseJsonQuery.
  '/api/v1/me': [],
};

export function jsonParamsOf(
  method: HttpMethod,
  path: string,
  paramNames: Iterable<string>,
): JsonParamName[] {
  if (method !== 'GET') return [];
  const excluded = OWN_MEANING[path] ?? [];
  const names = new Set(paramNames);
  return (['query', 'fields', 'sort'] as const).filter((n) => names.has(n) && !excluded.includes(n));
}

/**
 * Operations whose declared parameter type is not what a client sends, so no schema is derived:
 * `/me` is typed with the server's internal `{ fields, user }` but takes no parameters (an optional
 * `fields` projection at most).
 */
export const PARAMS_NOT_FROM_TYPES: ReadonlySet<string> = new Set(['GET /api/v1/me']);
