// Personal access tokens: users.generatePersonalAccessToken and its sibling routes (2FA-protected
// writes, as Rocket.Chat 8.x guards them).
import { issueLoginToken, removeLoginToken } from '../auth';
import { MeteorError, success } from '../errors';
import type { Ctx, RouteSpec } from '../framework';
import { hasPermission } from '../permissions';
import type { UserDoc } from '../types';
import { bool, objectSchema, str } from '../validation';

const PAT_METHOD = 'personalAccessTokens:generateToken';

function patPermission(ctx: Ctx, method: string): void {
  if (!ctx.app.settings.bool('API_Enable_Personal_Access_Tokens')) {
    throw new MeteorError(
      'error-personal-access-tokens-are-current-disabled',
      'Personal Access Tokens are currently disabled',
      { method },
    );
  }
  if (!hasPermission(ctx.user, 'create-personal-access-tokens'))
    throw new MeteorError('not-authorized', 'Not Authorized', { method });
}

function patTokens(user: UserDoc) {
  return user.services.resume.loginTokens.filter((t) => t.type === 'personalAccessToken');
}

/** Removes the caller's token named `tokenName` (regenerate and remove both start so) and returns it. */
function removeNamedPat(ctx: Ctx, method: string) {
  patPermission(ctx, method);
  const user = ctx.user as UserDoc;
  const existing = patTokens(user).find((t) => t.name === ctx.body.tokenName);
  if (!existing) throw new MeteorError('error-token-does-not-exists', 'Token does not exist', { method });
  removeLoginToken(ctx.app.store, user, existing.hashedToken);
  return existing;
}

function generatePat(ctx: Ctx, name: string, bypassTwoFactor: boolean): string {
  const user = ctx.user as UserDoc;
  const token = issueLoginToken(ctx.app.store, user, {
    type: 'personalAccessToken',
    name,
    createdAt: new Date(),
    bypassTwoFactor,
  });
  const entry = user.services.resume.loginTokens[user.services.resume.loginTokens.length - 1];
  if (entry) entry.lastTokenPart = token.slice(-6);
  return token;
}

export const userTokenRoutes: RouteSpec[] = [
  {
    method: 'POST',
    path: '/api/v1/users.generatePersonalAccessToken',
    summary:
      'Create a personal access token (needs 2FA: TOTP, or your password as sha256 hex when you have no 2FA)',
    tags: ['Personal Access Tokens'],
    auth: true,
    twoFactor: true,
    validate: objectSchema({ tokenName: str, bypassTwoFactor: bool }, ['tokenName']),
    handler: (ctx) => {
      patPermission(ctx, PAT_METHOD);
      const name = String(ctx.body.tokenName);
      if (!name.trim())
        throw new MeteorError('error-token-name-required', 'Token name is required', { method: PAT_METHOD });
      if (patTokens(ctx.user as UserDoc).some((t) => t.name === name)) {
        throw new MeteorError('error-token-already-exists', 'A token with this name already exists', {
          method: PAT_METHOD,
        });
      }
      return success({ token: generatePat(ctx, name, ctx.body.bypassTwoFactor === true) });
    },
  },
  {
    method: 'POST',
    path: '/api/v1/users.regeneratePersonalAccessToken',
    summary: 'Replace a personal access token with a new one (needs 2FA)',
    tags: ['Personal Access Tokens'],
    auth: true,
    twoFactor: true,
    validate: objectSchema({ tokenName: str }, ['tokenName']),
    handler: (ctx) => {
      const removed = removeNamedPat(ctx, 'personalAccessTokens:regenerateToken');
      return success({ token: generatePat(ctx, removed.name as string, removed.bypassTwoFactor === true) });
    },
  },
  {
    method: 'POST',
    path: '/api/v1/users.removePersonalAccessToken',
    summary: 'Remove a personal access token (needs 2FA)',
    tags: ['Personal Access Tokens'],
    auth: true,
    twoFactor: true,
    validate: objectSchema({ tokenName: str }, ['tokenName']),
    handler: (ctx) => {
      removeNamedPat(ctx, 'personalAccessTokens:removeToken');
      return success();
    },
  },
  {
    method: 'GET',
    path: '/api/v1/users.getPersonalAccessTokens',
    summary: 'Your personal access tokens (names, never the tokens)',
    tags: ['Personal Access Tokens'],
    auth: true,
    permissions: { all: ['create-personal-access-tokens'] },
    handler: (ctx) =>
      success({
        tokens: patTokens(ctx.user as UserDoc).map((t) => ({
          name: t.name,
          createdAt: t.createdAt,
          lastTokenPart: t.lastTokenPart,
          bypassTwoFactor: t.bypassTwoFactor === true,
        })),
      }),
  },
];
