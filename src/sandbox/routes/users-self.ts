// Your own account: users.setStatus (5 calls per 60 s), users.updateOwnBasicInfo (1 per 60 s) and
// users.register (no auth), with Rocket.Chat 8.x's order of checks and messages.
import { checkPasswordDigest } from '../auth';
import { MeteorError, failure, forbidden, success } from '../errors';
import { hasPermission } from '../permissions';
import type { RouteSpec } from '../framework';
import type { UserDoc } from '../types';
import { assertPasswordPolicy } from '../password-policy';
import { objectSchema, str } from '../validation';
import { LIMITED_USER_FIELDS, publicUser, userInfo } from '../views';
import { checkOwnProfileChange, checkStatusChange, usernameUsable, validNameChars } from './user-rules';
import { applyUserData, assertEmailAvailable, newUser, userFromParams } from './users';

export const userSelfRoutes: RouteSpec[] = [
  {
    method: 'GET',
    path: '/api/v1/users.checkUsernameAvailability',
    summary: 'Whether a username is free for you (your own counts as free)',
    tags: ['Users'],
    auth: true,
    validate: objectSchema({ username: str }, ['username']),
    handler: (ctx) => {
      const user = ctx.user as UserDoc;
      const username = String(ctx.query.username);
      if (username === user.username) return success({ result: true });
      if (!ctx.app.settings.bool('Accounts_AllowUsernameChange'))
        throw new MeteorError('error-not-allowed', 'Not allowed');
      return success({ result: usernameUsable(ctx, username, user) });
    },
  },
  {
    method: 'POST',
    path: '/api/v1/users.setStatus',
    summary: "Set your status (or another user's with edit-other-user-info); own limit 5 per minute",
    tags: ['Users'],
    auth: true,
    // Rocket.Chat 8.x declares its own limiter on this route: 5 calls per 60 s.
    rateLimit: { calls: () => 5, intervalMs: () => 60000 },
    // The status value is checked by the handler (error-invalid-status), not by the schema.
    validate: objectSchema({ status: str, message: str, userId: str, username: str }),
    handler: (ctx) => {
      // The route's check(): at least one of status / message must be present.
      if (typeof ctx.body.status !== 'string' && typeof ctx.body.message !== 'string')
        return failure('Match error: Failed Match.OneOf, Match.Maybe or Match.Optional validation');
      checkStatusChange(ctx);
      let user = ctx.user as UserDoc;
      if (
        (typeof ctx.body.userId === 'string' && ctx.body.userId !== user._id) ||
        (typeof ctx.body.username === 'string' && ctx.body.username !== user.username)
      ) {
        if (!hasPermission(ctx.user, 'edit-other-user-info')) return forbidden();
        user = userFromParams(ctx, ctx.body);
      }
      if (typeof ctx.body.message === 'string') user.statusText = ctx.body.message;
      if (typeof ctx.body.status === 'string') {
        user.status = ctx.body.status as UserDoc['status'];
        user.statusConnection = user.status;
      }
      user._updatedAt = new Date();
      return success();
    },
  },
  {
    method: 'POST',
    path: '/api/v1/users.updateOwnBasicInfo',
    summary: 'Update your own profile (email/password changes need currentPassword as sha256 hex)',
    tags: ['Users'],
    auth: true,
    rateLimit: { calls: () => 1, intervalMs: () => 60000 },
    validate: objectSchema(
      {
        data: objectSchema({
          email: str,
          name: str,
          username: str,
          nickname: str,
          statusText: str,
          bio: str,
          currentPassword: str,
          newPassword: str,
          realname: str,
        }),
        customFields: { type: 'object' },
      },
      ['data'],
    ),
    handler: (ctx) => {
      const user = ctx.user as UserDoc;
      const data = { ...(ctx.body.data as Record<string, unknown>) };
      if (typeof data.realname === 'string') data.name = data.realname;
      checkOwnProfileChange(ctx, user, data);
      if (typeof data.name === 'string') data.name = data.name.trim();
      const changesEmail = typeof data.email === 'string' && data.email !== user.emails?.[0]?.address;
      const changesPassword = typeof data.newPassword === 'string' && data.newPassword !== '';
      // Rocket.Chat checks currentPassword as the second factor of this change (method "password",
      // requireSecondFactor, so TEST_MODE does not skip it); with 2FA switched off there is no check.
      if (
        (changesEmail || changesPassword) &&
        ctx.app.settings.bool('Accounts_TwoFactorAuthentication_Enabled')
      ) {
        if (typeof data.currentPassword !== 'string' || !checkPasswordDigest(user, data.currentPassword)) {
          throw new MeteorError('error-invalid-password', 'Invalid password', { method: 'saveUserProfile' });
        }
      }
      if (changesPassword) assertPasswordPolicy(ctx.app.settings, String(data.newPassword));
      applyUserData(ctx, user, {
        ...(typeof data.email === 'string' && { email: data.email }),
        ...(typeof data.name === 'string' && { name: data.name }),
        ...(typeof data.username === 'string' && { username: data.username }),
        ...(typeof data.nickname === 'string' && { nickname: data.nickname }),
        ...(typeof data.statusText === 'string' && { statusText: data.statusText }),
        ...(typeof data.bio === 'string' && { bio: data.bio }),
        ...(changesPassword && { password: data.newPassword }),
        ...(ctx.body.customFields ? { customFields: ctx.body.customFields } : {}),
      });
      return success({ user: userInfo(ctx.app.settings, user) });
    },
  },
  {
    method: 'POST',
    path: '/api/v1/users.register',
    summary: 'Self-register a new user (no auth; own rate limit)',
    tags: ['Users'],
    auth: false,
    optionalAuth: true,
    rateLimit: {
      calls: (s) => s.number('Rate_Limiter_Limit_RegisterUser'),
      intervalMs: (s) => s.number('API_Enable_Rate_Limiter_Limit_Time_Default'),
    },
    validate: objectSchema({ username: str, email: str, pass: str, name: str, secretURL: str, reason: str }, [
      'username',
      'email',
      'pass',
      'name',
    ]),
    handler: (ctx) => {
      const b = ctx.body as { username: string; email: string; pass: string; name: string };
      // Order of the real route: name characters, username validity, availability, then registerUser.
      // No "Logged in users can not register again." here: the route is public and Rocket.Chat's
      // router does not authenticate the caller of such a route, so the check never fires there.
      if (b.name && !validNameChars(b.name)) return failure('Name contains invalid characters');
      if (!/^[0-9a-zA-Z-_.]+$/.test(b.username)) return failure('The username provided is not valid');
      if (!usernameUsable(ctx, b.username)) return failure('Username is already in use');
      if (ctx.app.settings.string('Accounts_RegistrationForm') === 'Disabled') {
        throw new MeteorError('error-user-registration-disabled', 'User registration is disabled', {
          method: 'registerUser',
        });
      }
      assertEmailAvailable(ctx, b.email);
      const user = newUser(ctx, { username: b.username, email: b.email, password: b.pass, name: b.name });
      return success({ user: publicUser(user, LIMITED_USER_FIELDS) });
    },
  },
];
