/**
 * Why was this call refused? Turns a 401/403/429/404 or 2FA answer into a cause, words, and a
 * next step, with the auth headers that were sent shown redacted (`abcd…wxyz`).
 *
 * What can and cannot be told apart (apps/meteor/app/api/server/ApiClass.ts, `authenticatedRoute`):
 * the server looks the user up with ONE query, `_id = X-User-Id AND hashed token in
 * services.resume.loginTokens`. So "token expired", "token revoked" (logout, personal access
 * token removed or regenerated, sessions cleared) and "token valid but for another user" all
 * produce the very same 401 body. No endpoint accepts a token without a user ID, so the server
 * cannot be asked whose token it is. The explorer can still tell them apart with what it knows:
 * - `signedInUserId`: the user ID the explorer received together with this token (from the login
 *   response, or typed next to a pasted personal access token). If the request sent a different
 *   X-User-Id, the pair is mismatched, for certain.
 * - the shapes: a 17-character ID in X-Auth-Token and a 43-character token in X-User-Id means the
 *   two were swapped.
 * - `meCheck`: `GET /api/v1/me` with the same headers. If it succeeds, the credentials are fine and
 *   the 401 has another cause; if it fails, they are invalid (expired, revoked or mismatched).
 * Everything else is reported as "expired or revoked, or of another user" without pretending.
 */
import { maskSecret } from '../redact';
import { isRecord } from './login';
import { sentHeaders, type SentHeader } from './sent-headers';
import { parseTwoFactorChallenge, type TwoFactorChallenge } from './twofactor';

export type { SentHeader, ValueNoteCode } from './sent-headers';

export type AuthCause =
  | 'none'
  | 'header-missing'
  | 'header-malformed'
  | 'headers-swapped'
  | 'user-token-mismatch'
  | 'token-invalid'
  | 'permission-missing'
  | 'two-factor-required'
  | 'two-factor-invalid'
  | 'two-factor-max-attempts'
  | 'login-blocked-ip'
  | 'login-blocked-user'
  | 'wrong-credentials'
  | 'rate-limited'
  | 'not-found'
  | 'unknown';

export interface DiagnosisInput {
  /** Headers exactly as sent (real values; only redacted forms come out). */
  requestHeaders: Readonly<Record<string, string>>;
  status: number;
  /** Parsed JSON body, or the raw text when it was not JSON. */
  body: unknown;
  /** Request path, e.g. /api/v1/login (tells the login endpoint from the others). */
  path?: string;
  /** Response headers (X-RateLimit-Reset gives the wait). */
  responseHeaders?: Readonly<Record<string, string>> | ReadonlyArray<readonly [string, string]>;
  /** Result of `GET /api/v1/me` sent with the same auth headers, when the app ran that check. */
  meCheck?: { status: number };
  /** The user ID the explorer received together with the token it sent. */
  signedInUserId?: string;
  /** Permissions the catalog says this operation needs, when known. */
  requiredPermissions?: readonly string[];
  /** Clock for the rate-limit wait (epoch ms); injectable for tests. */
  now?: number;
}

export interface Diagnosis {
  cause: AuthCause;
  /** One line: what happened. */
  title: string;
  /** Sentences: what the server said, what that means, and what could not be determined. */
  explanation: string;
  /** What to do now. */
  nextStep: string;
  /** `401: You must be logged in to do this.` */
  serverSaid: string;
  /** X-User-Id, X-Auth-Token (always listed), 2FA and other auth headers (when sent), redacted. */
  sentHeaders: SentHeader[];
  /** Error code in the body, e.g. `error-unauthorized`. */
  errorCode?: string;
  /** The missing permission(s), when the server or the catalog names them. */
  permissions?: string[];
  /** Seconds to wait, for rate limits. */
  retryAfterSeconds?: number;
  twoFactor?: TwoFactorChallenge;
}

function getHeader(
  headers: DiagnosisInput['responseHeaders'] | Readonly<Record<string, string>>,
  name: string,
): string | undefined {
  if (!headers) return undefined;
  const wanted = name.toLowerCase();
  const list: ReadonlyArray<readonly [string, string]> = Array.isArray(headers)
    ? headers
    : Object.entries(headers);
  for (const [k, v] of list) if (k.toLowerCase() === wanted) return v;
  return undefined;
}

/** The body's error text: `error`, else `message`, else the text itself. */
function errorText(body: unknown): string {
  if (typeof body === 'string') return body.slice(0, 300);
  if (!isRecord(body)) return '';
  for (const key of ['error', 'message', 'reason'] as const) {
    const v = body[key];
    if (typeof v === 'string' && v !== '') return v;
  }
  return '';
}

/** `errorType`, or the `[code]` at the end of `error`, or `error` itself when it is code-shaped. */
export function errorCodeOf(body: unknown): string | undefined {
  if (!isRecord(body)) return undefined;
  if (typeof body.errorType === 'string' && body.errorType !== '') return body.errorType;
  const text = typeof body.error === 'string' ? body.error : '';
  const bracket = /\[([a-z0-9-]+)\]\s*$/i.exec(text);
  if (bracket?.[1]) return bracket[1];
  if (/^[a-z]+(-[a-z0-9]+)+$/.test(text)) return text;
  return undefined;
}

const PERMISSION_CODES = new Set([
  'error-unauthorized',
  'unauthorized',
  'error-not-allowed',
  'error-action-not-allowed',
  'forbidden',
  'error-forbidden',
  'not-authorized',
]);

/** Permission names the server put in the body (`details.permission(s)`, or quoted in the message). */
function permissionsNamed(body: unknown): string[] {
  if (!isRecord(body)) return [];
  const found = new Set<string>();
  const details = isRecord(body.details) ? body.details : {};
  for (const key of ['permission', 'permissions', 'requiredPermissions']) {
    const v = details[key] ?? body[key];
    if (typeof v === 'string') found.add(v);
    if (Array.isArray(v)) for (const p of v) if (typeof p === 'string') found.add(p);
  }
  const text = errorText(body);
  const m = /permission[s]?\s*(?:required)?\s*[:=]?\s*["'`]([a-z0-9-]+(?:-[a-z0-9]+)+)["'`]/i.exec(text);
  if (m?.[1]) found.add(m[1]);
  return [...found];
}

function waitSeconds(input: DiagnosisInput): number | undefined {
  const m = /wait (\d+) seconds?/i.exec(errorText(input.body));
  if (m?.[1]) return Number(m[1]);
  const reset = Number(getHeader(input.responseHeaders, 'x-ratelimit-reset'));
  if (Number.isFinite(reset) && reset > 0)
    return Math.max(0, Math.ceil((reset - (input.now ?? Date.now())) / 1000));
  return undefined;
}

/** Diagnoses one response. Never throws; unknown shapes give cause `unknown` with what is known. */
export function diagnoseAuth(input: DiagnosisInput): Diagnosis {
  const said = errorText(input.body);
  const serverSaid = said ? `${input.status}: ${said}` : `${input.status}`;
  const code = errorCodeOf(input.body);
  const headers = sentHeaders(input.requestHeaders);
  const isLogin = input.path !== undefined && /\/login\/?$/.test(input.path);
  const base = { serverSaid, sentHeaders: headers, ...(code ? { errorCode: code } : {}) };
  const result = (
    cause: AuthCause,
    title: string,
    explanation: string,
    nextStep: string,
    extra: Partial<Diagnosis> = {},
  ): Diagnosis => ({
    cause,
    title,
    explanation,
    nextStep,
    ...base,
    ...extra,
  });

  if (input.status >= 200 && input.status < 300) {
    return result('none', 'The call succeeded.', 'The server accepted the request.', 'Nothing to fix.');
  }

  const twoFactor = parseTwoFactorChallenge(input.status, input.body);
  if (twoFactor) {
    const where = twoFactor.atLogin ? 'Signing in' : 'This action';
    const methods =
      twoFactor.availableMethods.length > 0
        ? ` Methods enabled for this user: ${twoFactor.availableMethods.join(', ')}.`
        : '';
    if (twoFactor.kind === 'required') {
      return result(
        'two-factor-required',
        `${where} needs a two-factor code (${twoFactor.method}).`,
        `The server asked for a second factor with method "${twoFactor.method}".${methods} The request itself was fine.`,
        `${twoFactor.prompt} The explorer retries with the x-2fa-code and x-2fa-method headers.`,
        { twoFactor },
      );
    }
    if (twoFactor.kind === 'invalid') {
      return result(
        'two-factor-invalid',
        `The two-factor code was wrong (${twoFactor.method}).`,
        `The server checked the code with method "${twoFactor.method}" and rejected it. TOTP codes change every 30 seconds; a clock that is off on the device makes them fail.${methods}`,
        twoFactor.prompt,
        { twoFactor },
      );
    }
    return result(
      'two-factor-max-attempts',
      'Too many wrong two-factor codes.',
      `The server stopped accepting codes for method "${twoFactor.method}" after too many failures.${methods}`,
      twoFactor.prompt,
      { twoFactor },
    );
  }

  if (input.status === 429 || code === 'error-too-many-requests') {
    const seconds = waitSeconds(input);
    return result(
      'rate-limited',
      'Rate limited: too many calls to this endpoint.',
      'Rocket.Chat counts calls per endpoint and method and per client IP address (by default 10 per minute), not per user. Users with the api-bypass-rate-limit permission (admin, bot, app) are not limited.',
      seconds !== undefined
        ? `Wait ${seconds} seconds, then send again.`
        : 'Wait for the window to end (see X-RateLimit-Reset), then send again.',
      seconds !== undefined ? { retryAfterSeconds: seconds } : {},
    );
  }

  if (code === 'error-login-blocked-for-ip' || code === 'error-login-blocked-for-user') {
    const byIp = code === 'error-login-blocked-for-ip';
    return result(
      byIp ? 'login-blocked-ip' : 'login-blocked-user',
      byIp ? 'Sign-in is blocked for this IP address.' : 'Sign-in is blocked for this user.',
      `After repeated failed sign-ins the server blocks further attempts ${byIp ? 'from this IP address' : 'for this account'} for a while (Accounts > Login and password: block failed login attempts).`,
      'Wait for the block to expire, or ask an administrator to lift it; further attempts may extend it.',
    );
  }

  if (isLogin && (input.status === 401 || input.status === 403)) {
    if (/logged out|log in again|token/i.test(said)) {
      return result(
        'token-invalid',
        'The resume token was not accepted.',
        'Signing in with a resume token failed: the token expired or was revoked (logout, password change, session removed).',
        'Sign in with a username or e-mail and password to get a new token.',
      );
    }
    return result(
      'wrong-credentials',
      'Wrong username, e-mail or password.',
      'The server answers the same "Unauthorized" whether the user does not exist or the password is wrong, so it does not reveal which. A user containing "@" is looked up as an e-mail address.',
      'Check the username or e-mail and the password, then sign in again. Repeated failures can block sign-in for a while.',
    );
  }

  if (input.status === 401) {
    const [userIdHeader, tokenHeader] = headers;
    const missing = headers
      .slice(0, 2)
      .filter((h) => h.value === null || h.value === '')
      .map((h) => h.name);
    if (missing.length > 0) {
      return result(
        'header-missing',
        `${missing.join(' and ')} ${missing.length > 1 ? 'were' : 'was'} not sent.`,
        'Authenticated endpoints need both X-User-Id and X-Auth-Token on every call; without both the server treats the call as anonymous and answers 401.',
        'Sign in (or paste a user ID and personal access token) for this server, then send again.',
      );
    }
    const swapped =
      userIdHeader?.noteCode === 'id-looks-like-token' && tokenHeader?.noteCode === 'token-looks-like-id';
    if (swapped) {
      return result(
        'headers-swapped',
        'X-User-Id and X-Auth-Token look swapped.',
        'The value sent as X-User-Id has the length of a token and the value sent as X-Auth-Token the length of a user ID.',
        'Exchange the two values and send again.',
      );
    }
    const malformed = headers.slice(0, 2).find((h) => h.note !== undefined);
    if (malformed) {
      return result(
        'header-malformed',
        `${malformed.name} ${malformed.note}.`,
        `The server compares the header exactly; ${malformed.name} as sent ${malformed.note}, so it cannot match.`,
        `Remove the extra characters from ${malformed.name} and send again.`,
      );
    }
    const sentUserId = Object.entries(input.requestHeaders).find(
      ([k]) => k.toLowerCase() === 'x-user-id',
    )?.[1];
    if (
      input.signedInUserId !== undefined &&
      sentUserId !== undefined &&
      sentUserId !== input.signedInUserId
    ) {
      return result(
        'user-token-mismatch',
        'The user ID and the token belong to different users.',
        `The token was issued to user ${maskSecret(input.signedInUserId)}, but X-User-Id was ${maskSecret(sentUserId)}. The server only accepts a token together with the ID of the user it was issued to.`,
        'Send the user ID that came with the token (the one from the sign-in response or the personal access token dialog).',
      );
    }
    if (input.meCheck && input.meCheck.status >= 200 && input.meCheck.status < 300) {
      return result(
        'unknown',
        'These credentials are valid, but this endpoint still refused them.',
        'GET /api/v1/me with the same headers succeeds, so the token is neither expired nor revoked. This endpoint refused the call for another reason.',
        'Read the server message above; check whether this endpoint needs another kind of authentication.',
      );
    }
    const checked = input.meCheck
      ? ' A check with GET /api/v1/me and the same headers failed too, so the pair itself is invalid.'
      : '';
    return result(
      'token-invalid',
      'The token is expired or revoked, or belongs to another user.',
      `The server found no user with this X-User-Id holding this token.${checked} That happens when the token expired (login tokens last 90 days by default), was revoked (logout, personal access token removed or regenerated, password changed, sessions cleared), or was issued to a different user than X-User-Id names: the server gives the same answer for all three and never says whose a token is.`,
      input.signedInUserId === undefined
        ? 'Make sure X-User-Id is the ID of the user the token belongs to; otherwise sign in again or create a new personal access token.'
        : 'Sign in again or create a new personal access token.',
    );
  }

  if (input.status === 403 || (code !== undefined && PERMISSION_CODES.has(code))) {
    const permissions = [...new Set([...permissionsNamed(input.body), ...(input.requiredPermissions ?? [])])];
    const named =
      permissions.length > 0
        ? ` Permission${permissions.length > 1 ? 's' : ''} needed: ${permissions.join(', ')}.`
        : '';
    const codeWords = code ? ` (${code})` : '';
    return result(
      'permission-missing',
      `Signed in, but not allowed${codeWords}.`,
      `The credentials were accepted: the server knows who you are, but this user's roles do not grant this action.${named}${permissions.length === 0 ? ' The server did not name the permission.' : ''}`,
      permissions.length > 0
        ? `Ask an administrator to grant ${permissions.join(', ')} to one of your roles (Administration > Permissions), or use an account that has it.`
        : 'Use an account with the needed role (for example admin), or ask an administrator which permission this endpoint needs.',
      permissions.length > 0 ? { permissions } : {},
    );
  }

  if (input.status === 404) {
    return result(
      'not-found',
      'Not found.',
      'Either the endpoint does not exist on this server (wrong path or /api/v1 prefix, an endpoint added in a newer version, an app not installed), or the object named in the parameters does not exist or is not visible to this user.',
      'Check the path against the server version, then the IDs or names in the parameters.',
    );
  }

  return result(
    'unknown',
    `The server answered ${input.status}.`,
    said ? `The server said: ${said}` : 'The response did not say why.',
    'Read the response body; this is not an authentication problem the explorer recognises.',
  );
}
