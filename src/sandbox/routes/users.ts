// users.* (personal access tokens: users-tokens.ts).
import { storePassword } from '../auth';
import type { ApiResult } from '../errors';
import { MeteorError, failure, success } from '../errors';
import type { Ctx, RouteSpec } from '../framework';
import { buildProjection, findPage, parseJsonQuery } from '../json-query';
import { getPaginationItems } from '../pagination';
import { hasPermission } from '../permissions';
import { randomId } from '../prng';
import type { UserDoc } from '../types';
import { bool, objectSchema, paginationProps, str } from '../validation';
import { PRIVILEGED_USER_FIELDS, publicUser, userFieldsToExclude } from '../views';
import { subscribe } from './room-ops';
import { checkProfileSizes, usernameBlocked } from './user-rules';

const USERNAME_RE = /^[0-9a-zA-Z-_.]+$/;
const EMAIL_RE = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** Fields everyone may see of another user (getFullUserData's default fields). */
const DEFAULT_INFO_FIELDS = [
  '_id',
  'name',
  'username',
  'nickname',
  'status',
  'statusText',
  'utcOffset',
  'type',
  'active',
  'bio',
  'avatarETag',
  'customFields',
];

function pick(user: UserDoc, fields: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) if (user[f] !== undefined) out[f] = user[f];
  return out;
}

/** getUserFromParams: userId, username or user. */
export function userFromParams(ctx: Ctx, source: Record<string, unknown>): UserDoc {
  const store = ctx.app.store;
  const s = (k: string): string | undefined =>
    typeof source[k] === 'string' && (source[k] as string).trim() ? (source[k] as string).trim() : undefined;
  let user: UserDoc | undefined;
  if (s('userId')) user = store.users.get(s('userId') as string);
  else if (s('username')) user = store.findUserByUsername(s('username') as string);
  else if (s('user')) user = store.findUserByUsername(s('user') as string);
  else
    throw new MeteorError(
      'error-user-param-not-provided',
      'The required "userId" or "username" param was not provided',
    );
  if (!user)
    throw new MeteorError(
      'error-invalid-user',
      'The required "userId" or "username" param provided does not match any users',
    );
  return user;
}

const fullView = (u: UserDoc): Record<string, unknown> => publicUser(u, PRIVILEGED_USER_FIELDS);

function assertUsernameAvailable(ctx: Ctx, username: string, self?: UserDoc): void {
  if (!USERNAME_RE.test(username)) {
    throw new MeteorError('error-input-is-not-a-valid-field', `${username} is not a valid username`, {
      method: 'insertOrUpdateUser',
      input: username,
      field: 'Username',
    });
  }
  // A new user: checkUsernameAvailability's block test; an existing one: saveUserIdentity's refusal.
  if (usernameBlocked(ctx, username)) {
    if (self) throw new MeteorError('error-could-not-save-identity', 'Could not save user identity');
    throw new MeteorError('error-blocked-username', `${username} is blocked and can't be used!`, {
      method: 'checkUsernameAvailability',
      field: username,
    });
  }
  const existing = ctx.app.store.findUserByUsername(username);
  if (existing && existing !== self)
    throw new MeteorError('error-field-unavailable', `${username} is already in use :(`, {
      method: 'insertOrUpdateUser',
      field: username,
    });
}

export function assertEmailAvailable(ctx: Ctx, email: string, self?: UserDoc): void {
  if (!EMAIL_RE.test(email))
    throw new MeteorError('error-invalid-email', `Invalid email ${email}`, {
      method: 'insertOrUpdateUser',
      email,
    });
  const existing = ctx.app.store.findUserByEmail(email);
  if (existing && existing !== self)
    throw new MeteorError('error-field-unavailable', `${email} is already in use :(`, {
      method: 'insertOrUpdateUser',
      field: email,
    });
}

export function newUser(
  ctx: Ctx,
  data: {
    username: string;
    email: string;
    password: string;
    name: string;
    roles?: string[];
    active?: boolean;
    verified?: boolean;
    requirePasswordChange?: boolean;
    joinDefaultChannels?: boolean;
    type?: 'user' | 'bot';
  },
): UserDoc {
  const now = new Date();
  const user: UserDoc = {
    _id: randomId(),
    createdAt: now,
    _updatedAt: now,
    username: data.username,
    name: data.name,
    type: data.type ?? 'user',
    emails: [{ address: data.email, verified: data.verified === true }],
    status: 'offline',
    statusConnection: 'offline',
    active: data.active !== false,
    roles: data.roles && data.roles.length ? data.roles : ['user'],
    utcOffset: 0,
    ...(data.requirePasswordChange && { requirePasswordChange: true }),
    settings: { preferences: {} },
    services: { password: storePassword(data.password), resume: { loginTokens: [] } },
  };
  ctx.app.store.addUser(user);
  if (data.joinDefaultChannels !== false) {
    for (const room of ctx.app.store.roomsOfType('c')) if (room.default) subscribe(ctx, room, user);
  }
  return user;
}

export function applyUserData(ctx: Ctx, user: UserDoc, data: Record<string, unknown>): void {
  checkProfileSizes(data);
  const previous = { username: user.username, emails: (user.emails ?? []).map((e) => e.address) };
  if (typeof data.username === 'string' && data.username !== user.username)
    assertUsernameAvailable(ctx, data.username, user);
  if (typeof data.email === 'string' && data.email !== user.emails?.[0]?.address)
    assertEmailAvailable(ctx, data.email, user);
  if (typeof data.username === 'string') user.username = data.username;
  if (typeof data.email === 'string')
    user.emails = [{ address: data.email, verified: data.verified === true }];
  else if (typeof data.verified === 'boolean' && user.emails?.[0]) user.emails[0].verified = data.verified;
  if (typeof data.name === 'string') user.name = data.name;
  if (typeof data.nickname === 'string') user.nickname = data.nickname;
  if (typeof data.bio === 'string') user.bio = data.bio;
  if (typeof data.statusText === 'string') user.statusText = data.statusText;
  if (typeof data.active === 'boolean') user.active = data.active;
  if (typeof data.requirePasswordChange === 'boolean')
    user.requirePasswordChange = data.requirePasswordChange;
  if (typeof data.password === 'string' && data.password)
    user.services.password = storePassword(data.password);
  if (data.customFields && typeof data.customFields === 'object')
    user.customFields = { ...(user.customFields ?? {}), ...(data.customFields as Record<string, unknown>) };
  user._updatedAt = new Date();
  ctx.app.store.reindexUser(user, previous);
}

function usersList(ctx: Ctx): ApiResult {
  const jq = parseJsonQuery(ctx);
  const page = getPaginationItems(ctx.app.settings, ctx.query);
  const exclude = userFieldsToExclude(ctx.user);
  // Default order username ascending comes from a cached pre-sorted list.
  const result = findPage(jq.sort ? ctx.app.store.userList() : ctx.app.store.usersSortedByUsername(), {
    query: jq.query,
    ...(jq.sort && { sort: jq.sort }),
    projection: buildProjection(jq.fields, exclude),
    offset: page.offset,
    count: page.count,
  });
  return success({
    users: result.items,
    count: result.items.length,
    offset: page.offset,
    total: result.total,
  });
}

const userTarget = { userId: str, username: str, user: str };

export const userRoutes: RouteSpec[] = [
  {
    method: 'GET',
    path: '/api/v1/users.list',
    summary:
      'Users, paginated (default sort username ascending); query/fields when unsafe params are enabled',
    tags: ['Users'],
    auth: true,
    permissions: { all: ['view-d-room'] },
    validate: objectSchema({ ...paginationProps }),
    handler: usersList,
  },
  {
    method: 'GET',
    path: '/api/v1/users.info',
    summary: 'One user by userId or username (more fields for yourself or with view-full-other-user-info)',
    tags: ['Users'],
    auth: true,
    validate: {
      anyOf: [
        objectSchema({ userId: str, includeUserRooms: str, fields: str }, ['userId']),
        objectSchema({ username: str, includeUserRooms: str, fields: str }, ['username']),
        objectSchema({ importId: str, includeUserRooms: str, fields: str }, ['importId']),
      ],
    },
    handler: (ctx) => {
      const store = ctx.app.store;
      const q = ctx.query;
      const user =
        typeof q.userId === 'string'
          ? store.users.get(q.userId)
          : typeof q.username === 'string'
            ? store.findUserByUsername(q.username)
            : undefined;
      if (!user) return failure('User not found.');
      const privileged = user._id === ctx.userId || hasPermission(ctx.user, 'view-full-other-user-info');
      const view = privileged ? fullView(user) : pick(user, DEFAULT_INFO_FIELDS);
      if (q.includeUserRooms === 'true' && privileged) {
        view.rooms = [...(store.userRooms.get(user._id) ?? [])]
          .map((rid) => {
            const s = store.subscription(rid, user._id);
            return (
              s && {
                _id: s._id,
                rid: s.rid,
                name: s.name,
                t: s.t,
                unread: s.unread,
                ...(s.roles && { roles: s.roles }),
              }
            );
          })
          .filter(Boolean);
      }
      return success({ user: view });
    },
  },
  {
    method: 'POST',
    path: '/api/v1/users.create',
    summary: 'Create a user (create-user)',
    tags: ['Users'],
    auth: true,
    permissions: { all: ['create-user'] },
    validate: objectSchema(
      {
        email: str,
        name: str,
        password: str,
        username: str,
        active: bool,
        bio: str,
        nickname: str,
        statusText: str,
        roles: { type: 'array', items: str },
        joinDefaultChannels: bool,
        requirePasswordChange: bool,
        setRandomPassword: bool,
        sendWelcomeEmail: bool,
        verified: bool,
        customFields: { type: 'object' },
      },
      ['email', 'name', 'password', 'username'],
    ),
    handler: (ctx) => {
      const b = ctx.body as Record<string, unknown> & {
        email: string;
        name: string;
        password: string;
        username: string;
      };
      assertUsernameAvailable(ctx, b.username);
      assertEmailAvailable(ctx, b.email);
      if (Array.isArray(b.roles) && b.roles.length && !hasPermission(ctx.user, 'assign-roles')) {
        throw new MeteorError('error-action-not-allowed', 'Assign roles is not allowed', {
          method: 'insertOrUpdateUser',
          action: 'Assign_role',
        });
      }
      const user = newUser(ctx, {
        username: b.username,
        email: b.email,
        password: b.password,
        name: b.name,
        ...(Array.isArray(b.roles) && { roles: b.roles as string[] }),
        ...(typeof b.active === 'boolean' && { active: b.active }),
        ...(typeof b.verified === 'boolean' && { verified: b.verified }),
        ...(typeof b.requirePasswordChange === 'boolean' && {
          requirePasswordChange: b.requirePasswordChange,
        }),
        ...(typeof b.joinDefaultChannels === 'boolean' && { joinDefaultChannels: b.joinDefaultChannels }),
      });
      applyUserData(ctx, user, {
        bio: b.bio,
        nickname: b.nickname,
        statusText: b.statusText,
        customFields: b.customFields,
      });
      return success({ user: fullView(user) });
    },
  },
  {
    method: 'POST',
    path: '/api/v1/users.update',
    summary: 'Update a user (edit-other-user-info)',
    tags: ['Users'],
    auth: true,
    validate: objectSchema(
      {
        userId: { type: 'string', minLength: 1 },
        data: objectSchema({
          email: str,
          name: str,
          password: str,
          username: str,
          bio: str,
          nickname: str,
          statusText: str,
          active: bool,
          roles: { type: 'array', items: str },
          requirePasswordChange: bool,
          sendWelcomeEmail: bool,
          verified: bool,
          customFields: { type: 'object' },
          setRandomPassword: bool,
        }),
        confirmRelinquish: bool,
      },
      ['userId', 'data'],
    ),
    handler: (ctx) => {
      const user = ctx.app.store.users.get(String(ctx.body.userId));
      if (!hasPermission(ctx.user, 'edit-other-user-info')) {
        throw new MeteorError('error-action-not-allowed', 'Edit user is not allowed', {
          method: 'insertOrUpdateUser',
          action: 'Editing_user',
        });
      }
      if (!user)
        throw new MeteorError('error-invalid-userId', 'Invalid userId', { method: 'insertOrUpdateUser' });
      const data = ctx.body.data as Record<string, unknown>;
      if (Array.isArray(data.roles)) {
        if (!hasPermission(ctx.user, 'assign-roles'))
          throw new MeteorError('error-action-not-allowed', 'Assign roles is not allowed', {
            method: 'insertOrUpdateUser',
            action: 'Assign_role',
          });
        user.roles = data.roles as string[];
      }
      applyUserData(ctx, user, data);
      return success({ user: fullView(user) });
    },
  },
  {
    method: 'POST',
    path: '/api/v1/users.delete',
    summary: 'Delete a user (delete-user)',
    tags: ['Users'],
    auth: true,
    permissions: { all: ['delete-user'] },
    validate: objectSchema({ ...userTarget, confirmRelinquish: bool }),
    handler: (ctx) => {
      const user = userFromParams(ctx, ctx.body);
      const store = ctx.app.store;
      if (
        user.roles.includes('admin') &&
        store.userList().filter((u) => u.active && u.roles.includes('admin')).length <= 1
      ) {
        throw new MeteorError('error-action-not-allowed', 'Leaving the app without admins is not allowed', {
          method: 'deleteUser',
          action: 'Remove_last_admin',
        });
      }
      store.removeUser(user._id);
      return success();
    },
  },
];
