// /api/info, login, logout, me.
import {
  checkPasswordDigest,
  checkTwoFactor,
  hashLoginToken,
  issueLoginToken,
  removeLoginToken,
  sha256Hex,
} from '../auth';
import type { ApiResult } from '../errors';
import { MeteorError, success } from '../errors';
import type { AppState, Ctx, RouteSpec } from '../framework';
import type { LoginBlock } from '../login-attempts';
import { countsAsFailure } from '../login-attempts';
import { hasPermission } from '../permissions';
import type { UserDoc } from '../types';
import { userInfo } from '../views';

const LOGIN_KEYS = new Set(['user', 'username', 'email', 'password', 'code']);

/** The 401 login failure body: unauthorized() plus the pre-9.0 compatibility fields. */
function loginFailure(error: string, message: string, details?: unknown): ApiResult {
  const body: Record<string, unknown> = { success: false, error, status: 'error' };
  if (details !== undefined) body.details = details;
  body.message = message;
  return { status: 401, body };
}

const unauthorizedLogin = (): ApiResult => loginFailure('Unauthorized', 'Unauthorized');

const isRecord = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === 'object' && !Array.isArray(v);

/** Resolves the user named by any of the accepted login body shapes, or null. */
function findLoginUser(app: AppState, body: Record<string, unknown>): UserDoc | null {
  const { user, username, email } = body;
  const store = app.store;
  if (typeof user === 'string')
    return (user.includes('@') ? store.findUserByEmail(user) : store.findUserByUsername(user)) ?? null;
  if (isRecord(user)) {
    if (typeof user.username === 'string') return store.findUserByUsername(user.username) ?? null;
    if (typeof user.email === 'string') return store.findUserByEmail(user.email) ?? null;
    if (typeof user.id === 'string') return store.users.get(user.id) ?? null;
    return null;
  }
  if (typeof username === 'string') return store.findUserByUsername(username) ?? null;
  if (typeof email === 'string') return store.findUserByEmail(email) ?? null;
  return null;
}

/** Plain string, {digest, algorithm:'sha-256'} or the REST API's {hashed}. */
function passwordMatches(user: UserDoc, password: unknown): boolean {
  if (typeof password === 'string') return checkPasswordDigest(user, sha256Hex(password));
  if (password && typeof password === 'object') {
    const p = password as Record<string, unknown>;
    if (typeof p.hashed === 'string') return checkPasswordDigest(user, p.hashed);
    if (typeof p.digest === 'string' && (p.algorithm === undefined || p.algorithm === 'sha-256'))
      return checkPasswordDigest(user, p.digest);
  }
  return false;
}

function loginSuccess(ctx: Ctx, user: UserDoc, token: string): ApiResult {
  return success({
    status: 'success',
    data: { userId: user._id, authToken: token, me: userInfo(ctx.app.settings, user) },
  });
}

/** Bodies the real route does not rewrite: they reach Meteor's login method as they are. */
const passedThrough = (body: Record<string, unknown>): boolean =>
  body.password == null || Object.keys(body).some((k) => !LOGIN_KEYS.has(k));

/** The account a login names: by resume token, or by any of the accepted body shapes. */
function namedUser(app: AppState, body: Record<string, unknown>): UserDoc | null {
  if (typeof body.resume === 'string') {
    const uid = app.store.tokens.get(hashLoginToken(body.resume));
    return (uid && app.store.users.get(uid)) || null;
  }
  if (passedThrough(body)) return null;
  return findLoginUser(app, body);
}

/**
 * The name Rocket.Chat checks the user block against: `user.username` in the arguments its REST
 * route passes to Meteor's login method. A login by e-mail or resume token has none, and neither
 * has one that carries a 2FA code, because the route then wraps the arguments in `{ totp }`.
 */
function typedUsername(ctx: Ctx): string | undefined {
  const { body } = ctx;
  const nested = (v: unknown) => (isRecord(v) && typeof v.username === 'string' ? v.username : undefined);
  if (passedThrough(body)) return nested(body.user);
  if (body.code || ctx.headers['x-2fa-code']) return undefined;
  const { user, username, email } = body;
  if (typeof user === 'string') return user.includes('@') ? undefined : user;
  if (username) return typeof username === 'string' ? username : undefined;
  if (email) return undefined;
  return nested(user);
}

const BLOCKED: Record<LoginBlock, [string, string]> = {
  ip: ['error-login-blocked-for-ip', 'Login has been temporarily blocked For IP'],
  user: ['error-login-blocked-for-user', 'Login has been temporarily blocked For User'],
};

function blockedLogin(block: LoginBlock): ApiResult {
  const [error, message] = BLOCKED[block];
  return loginFailure(error, message, { function: 'Accounts.validateLoginAttempt' });
}

/**
 * Rocket.Chat checks the block on every attempt, whatever the password, before the checks that
 * follow a matching password (active account, 2FA); a blocked attempt is refused with the block
 * error. Refusals are then counted for the IP and the account (or the typed name), successes
 * reset both counts.
 */
function login(ctx: Ctx): ApiResult {
  const { app } = ctx;
  const user = namedUser(app, ctx.body);
  const typed = typedUsername(ctx);
  const block = app.loginAttempts.check(app.settings, ctx.ip, typed);
  const result = block ? blockedLogin(block) : attemptLogin(ctx, user);
  if (result.status === 200 && user) app.loginAttempts.recordSuccess(app.settings, ctx.ip, user.username);
  else if (countsAsFailure((result.body as { error?: unknown }).error))
    app.loginAttempts.recordFailure(app.settings, ctx.ip, user?.username ?? typed);
  return result;
}

function attemptLogin(ctx: Ctx, user: UserDoc | null): ApiResult {
  const { app, body } = ctx;
  if (typeof body.resume === 'string') {
    if (!user) return unauthorizedLogin();
    if (!user.active)
      return loginFailure('error-user-is-not-activated', 'User is not activated', {
        function: 'Accounts.validateLoginAttempt',
      });
    user.lastLogin = new Date();
    return loginSuccess(ctx, user, body.resume);
  }
  if (!user || !passwordMatches(user, body.password)) return unauthorizedLogin();
  if (!user.active)
    return loginFailure('error-user-is-not-activated', 'User is not activated', {
      function: 'Accounts.validateLoginAttempt',
    });
  const headerCode = ctx.headers['x-2fa-code'];
  const code =
    typeof body.code === 'string' && body.code
      ? body.code
      : typeof headerCode === 'string'
        ? headerCode
        : undefined;
  if (!app.testMode) {
    try {
      checkTwoFactor(app.settings, user, { ...(code ? { code } : {}), disablePasswordFallback: true });
    } catch (e) {
      if (e instanceof MeteorError) return loginFailure(e.error, e.reason ?? e.message, e.details);
      throw e;
    }
  }
  user.lastLogin = new Date();
  const token = issueLoginToken(app.store, user);
  return loginSuccess(ctx, user, token);
}

function logout(ctx: Ctx): ApiResult {
  if (ctx.user && ctx.hashedToken) removeLoginToken(ctx.app.store, ctx.user, ctx.hashedToken);
  return { status: 200, body: { status: 'success', data: { message: "You've been logged out!" } } };
}

export const authRoutes: RouteSpec[] = [
  {
    method: 'GET',
    path: '/api/info',
    summary: 'Server version (build details when logged in)',
    tags: ['Miscellaneous'],
    auth: false,
    optionalAuth: true,
    rateLimit: false,
    handler: (ctx) => {
      const version = ctx.app.version;
      // getServerInfo: the patch level and build details only for view-statistics (admins); everyone
      // else, signed in or not, gets major.minor.
      if (!hasPermission(ctx.user, 'view-statistics'))
        return success({ version: version.split('.').slice(0, 2).join('.') });
      return success({
        version,
        info: {
          version,
          build: {
            nodeVersion: process.version,
            arch: process.arch,
            platform: process.platform,
            date: '2026-01-01T00:00:00.000Z',
            osRelease: 'sandbox',
            totalMemory: 0,
            freeMemory: 0,
            cpus: 1,
          },
          commit: { hash: 'sandbox', branch: 'sandbox' },
          marketplaceApiVersion: '1.0.0',
        },
      });
    },
  },
  {
    method: 'POST',
    path: '/api/v1/login',
    summary: 'Log in with a password (user/username/email), a resume token, and optionally a TOTP code',
    tags: ['Authentication'],
    auth: false,
    handler: login,
  },
  {
    method: 'POST',
    path: '/api/v1/logout',
    summary: 'Invalidate the current auth token',
    tags: ['Authentication'],
    auth: true,
    handler: logout,
  },
  {
    method: 'GET',
    path: '/api/v1/logout',
    summary: 'Invalidate the current auth token (deprecated GET form)',
    tags: ['Authentication'],
    auth: true,
    deprecated: true,
    handler: logout,
  },
  {
    method: 'GET',
    path: '/api/v1/me',
    summary: 'The logged-in user',
    tags: ['Authentication'],
    auth: true,
    handler: (ctx) => success(userInfo(ctx.app.settings, ctx.user as UserDoc)),
  },
];
