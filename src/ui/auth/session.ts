/**
 * Auth flows as plain async functions over an {@link ApiCaller}: no React, no store, so they are
 * tested against the real sandbox and the components only render their results.
 */
import {
  buildLoginBody,
  diagnoseAuth,
  parseLoginSuccess,
  parseTwoFactorChallenge,
  type Diagnosis,
  type LoginInput,
  type TwoFactorChallenge,
} from '../../core/auth';
import type { AuthCredentials, RequestFailure, TwoFactorAnswer } from '../../core/http/types';
import type { ApiCall, ApiCaller, ApiOutcome } from './api';

export type FlowResult<T> =
  | { kind: 'ok'; value: T }
  /** The server wants a second factor; retry the same flow with an answer. */
  | { kind: 'two-factor'; challenge: TwoFactorChallenge; diagnosis: Diagnosis }
  /** The server answered with an error; the diagnosis says why in words. */
  | { kind: 'refused'; status: number; diagnosis: Diagnosis }
  /** No answer from the server (or the explorer proxy refused to forward). */
  | { kind: 'failed'; failure: RequestFailure };

/** Roles that hold `api-bypass-rate-limit` on a fresh Rocket.Chat. */
export const DEFAULT_BYPASS_ROLES = ['admin', 'bot', 'app'] as const;
export const BYPASS_PERMISSION = 'api-bypass-rate-limit';

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function stringList(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** Common reading of an answer: success, 2FA challenge, refusal or no answer. */
export function interpret<T>(
  outcome: ApiOutcome,
  call: Pick<ApiCall, 'path'>,
  read: (body: unknown) => T | undefined,
  signedInUserId?: string,
): FlowResult<T> {
  if (!outcome.ok) return { kind: 'failed', failure: outcome.failure };
  const { response, body, requestHeaders } = outcome;
  if (response.proxyError) {
    return {
      kind: 'failed',
      failure: {
        kind: 'network',
        message: response.proxyError.message,
        nextStep: 'Fix the cause named above, then try again.',
      },
    };
  }
  const challenge = parseTwoFactorChallenge(response.status, body);
  const diagnosis = (): Diagnosis =>
    diagnoseAuth({
      requestHeaders,
      status: response.status,
      body,
      path: call.path,
      responseHeaders: response.headers,
      ...(signedInUserId !== undefined ? { signedInUserId } : {}),
    });
  if (challenge) return { kind: 'two-factor', challenge, diagnosis: diagnosis() };
  if (response.status >= 200 && response.status < 300) {
    const value = read(body);
    if (value !== undefined) return { kind: 'ok', value };
  }
  return { kind: 'refused', status: response.status, diagnosis: diagnosis() };
}

export interface SignedIn {
  credentials: AuthCredentials;
  username: string | undefined;
  roles: string[] | undefined;
}

/** `POST /api/v1/login` with any body variant, answering a 2FA challenge when `twoFactor` is given. */
export async function signIn(
  call: ApiCaller,
  serverUrl: string,
  input: LoginInput,
  twoFactor?: TwoFactorAnswer,
): Promise<FlowResult<SignedIn>> {
  const path = '/api/v1/login';
  const body = await buildLoginBody(input);
  const outcome = await call({ serverUrl, method: 'POST', path, body, ...(twoFactor ? { twoFactor } : {}) });
  return interpret(outcome, { path }, (b) => {
    const success = parseLoginSuccess(b);
    if (!success) return undefined;
    const me = success.me ?? {};
    return {
      credentials: { userId: success.userId, authToken: success.authToken },
      username: typeof me.username === 'string' ? me.username : undefined,
      roles: Array.isArray(me.roles) ? stringList(me.roles) : undefined,
    };
  });
}

export interface Bypass {
  bypasses: boolean;
  /** `server`: read from permissions.listAll; `default-roles`: inferred from the roles. */
  source: 'server' | 'default-roles';
  /** The roles that grant it (from the server, or the defaults). */
  grantingRoles: string[];
}

/** Whether these roles bypass the rate limiter, given the roles that hold the permission. */
export function bypassFromRoles(roles: readonly string[], grantingRoles: readonly string[]): boolean {
  return roles.some((r) => grantingRoles.includes(r));
}

/**
 * Reads who holds `api-bypass-rate-limit` from `GET /api/v1/permissions.listAll` (any signed-in
 * user may call it); when that is not possible, infers it from the default grants and says so.
 */
export async function readBypass(
  call: ApiCaller,
  serverUrl: string,
  credentials: AuthCredentials,
  roles: readonly string[],
): Promise<Bypass> {
  const path = '/api/v1/permissions.listAll';
  const outcome = await call({ serverUrl, method: 'GET', path, credentials });
  if (outcome.ok && outcome.response.status === 200 && isRecord(outcome.body)) {
    const update = Array.isArray(outcome.body.update) ? outcome.body.update : [];
    const entry = update.find(
      (p): p is Record<string, unknown> => isRecord(p) && p._id === BYPASS_PERMISSION,
    );
    if (entry) {
      const grantingRoles = stringList(entry.roles);
      return { bypasses: bypassFromRoles(roles, grantingRoles), source: 'server', grantingRoles };
    }
  }
  const grantingRoles = [...DEFAULT_BYPASS_ROLES];
  return { bypasses: bypassFromRoles(roles, grantingRoles), source: 'default-roles', grantingRoles };
}

export interface Verified {
  userId: string;
  username: string | undefined;
  roles: string[];
  bypass: Bypass;
}

/** `GET /api/v1/me` with these credentials, then who bypasses the rate limit. */
export async function verifyToken(
  call: ApiCaller,
  serverUrl: string,
  credentials: AuthCredentials,
): Promise<FlowResult<Verified>> {
  const path = '/api/v1/me';
  const outcome = await call({ serverUrl, method: 'GET', path, credentials });
  const result = interpret(outcome, { path }, (b) => {
    if (!isRecord(b) || b.success !== true || typeof b._id !== 'string') return undefined;
    return {
      userId: b._id,
      username: typeof b.username === 'string' ? b.username : undefined,
      roles: stringList(b.roles),
    };
  });
  if (result.kind !== 'ok') return result;
  const bypass = await readBypass(call, serverUrl, credentials, result.value.roles);
  return { kind: 'ok', value: { ...result.value, bypass } };
}

export interface SignOutResult {
  /** True when the server confirmed the logout (the token is revoked there). */
  confirmed: boolean;
  message: string;
}

/** `POST /api/v1/logout`. Local state is forgotten by the caller whatever this says. */
export async function signOut(
  call: ApiCaller,
  serverUrl: string,
  credentials: AuthCredentials,
): Promise<SignOutResult> {
  const path = '/api/v1/logout';
  const outcome = await call({ serverUrl, method: 'POST', path, credentials });
  const result = interpret(outcome, { path }, (b) =>
    isRecord(b) && b.status === 'success' ? true : undefined,
  );
  switch (result.kind) {
    case 'ok':
      return {
        confirmed: true,
        message: 'Signed out: the server revoked the token and the explorer forgot it.',
      };
    case 'failed':
      return {
        confirmed: false,
        message: `Signed out here, but the logout call failed (${result.failure.message}). The token may still be valid on the server until it expires.`,
      };
    default:
      return {
        confirmed: false,
        message: `Signed out here, but the server refused the logout (${result.diagnosis.serverSaid}). The token was probably already invalid; if not, it stays valid until it expires.`,
      };
  }
}

// ---------------------------------------------------------------------------------------------
// Personal access tokens

export interface PersonalAccessToken {
  name: string;
  createdAt: string | undefined;
  lastTokenPart: string | undefined;
  bypassTwoFactor: boolean;
}

export async function listTokens(
  call: ApiCaller,
  serverUrl: string,
  credentials: AuthCredentials,
): Promise<FlowResult<PersonalAccessToken[]>> {
  const path = '/api/v1/users.getPersonalAccessTokens';
  const outcome = await call({ serverUrl, method: 'GET', path, credentials });
  return interpret(
    outcome,
    { path },
    (b) => {
      if (!isRecord(b) || !Array.isArray(b.tokens)) return undefined;
      return b.tokens.filter(isRecord).map((t) => ({
        name: typeof t.name === 'string' ? t.name : '',
        createdAt: typeof t.createdAt === 'string' ? t.createdAt : undefined,
        lastTokenPart: typeof t.lastTokenPart === 'string' ? t.lastTokenPart : undefined,
        bypassTwoFactor: t.bypassTwoFactor === true,
      }));
    },
    credentials.userId,
  );
}

export type TokenAction =
  | { kind: 'generate'; tokenName: string; bypassTwoFactor: boolean }
  | { kind: 'regenerate'; tokenName: string }
  | { kind: 'remove'; tokenName: string };

const TOKEN_PATHS = {
  generate: '/api/v1/users.generatePersonalAccessToken',
  regenerate: '/api/v1/users.regeneratePersonalAccessToken',
  remove: '/api/v1/users.removePersonalAccessToken',
} as const;

/**
 * Generate, regenerate or remove a token. All three ask for 2FA on a real server (a `password`
 * challenge for users without TOTP or e-mail codes): the result is then `two-factor`, and the
 * caller repeats the action with the answer. Value: the new token (generate, regenerate) or null.
 */
export async function tokenAction(
  call: ApiCaller,
  serverUrl: string,
  credentials: AuthCredentials,
  action: TokenAction,
  twoFactor?: TwoFactorAnswer,
): Promise<FlowResult<string | null>> {
  const path = TOKEN_PATHS[action.kind];
  const body =
    action.kind === 'generate'
      ? { tokenName: action.tokenName, bypassTwoFactor: action.bypassTwoFactor }
      : { tokenName: action.tokenName };
  const outcome = await call({
    serverUrl,
    method: 'POST',
    path,
    body,
    credentials,
    ...(twoFactor ? { twoFactor } : {}),
  });
  return interpret(
    outcome,
    { path },
    (b) => {
      if (!isRecord(b) || b.success !== true) return undefined;
      if (action.kind === 'remove') return null;
      return typeof b.token === 'string' && b.token !== '' ? b.token : undefined;
    },
    credentials.userId,
  );
}
