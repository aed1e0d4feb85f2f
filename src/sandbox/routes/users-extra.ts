// users.* routes beyond profile CRUD: status and presence reads, preferences, active status,
// username suggestion, autocomplete, avatar reset.
import { MeteorError, success } from '../errors';
import type { Ctx, RouteSpec } from '../framework';
import { getPaginationItems, paginate } from '../pagination';
import { hasPermission } from '../permissions';
import type { UserDoc } from '../types';
import { bool, objectSchema, paginationProps, str } from '../validation';
import { DEFAULT_PREFERENCES } from '../views';
import { targetUser } from './room-members';

const tags = ['Users'];
const brief = (u: UserDoc) => ({
  _id: u._id,
  username: u.username,
  name: u.name,
  status: u.status,
  utcOffset: u.utcOffset,
  ...(u.statusText !== undefined && { statusText: u.statusText }),
  ...(u.avatarETag !== undefined && { avatarETag: u.avatarETag }),
});

/** The caller, or (with the permission) the user named by userId/username. */
function selfOr(ctx: Ctx, source: Record<string, unknown>, permission: string, error: MeteorError): UserDoc {
  const wantsOther =
    (typeof source.userId === 'string' && source.userId !== ctx.userId) ||
    (typeof source.username === 'string' && source.username !== ctx.user?.username);
  if (!wantsOther) return ctx.user as UserDoc;
  if (!hasPermission(ctx.user, permission)) throw error;
  return targetUser(ctx, source);
}

export const userExtraRoutes: RouteSpec[] = [
  {
    method: 'GET',
    path: '/api/v1/users.getStatus',
    summary: "Your status, or another user's by userId/username",
    tags,
    auth: true,
    validate: objectSchema({ userId: str, username: str }),
    handler: (ctx) => {
      const u =
        typeof ctx.query.userId === 'string' || typeof ctx.query.username === 'string'
          ? targetUser(ctx, ctx.query)
          : (ctx.user as UserDoc);
      return success({
        _id: u._id,
        connectionStatus: u.statusConnection ?? 'offline',
        status: u.status,
        ...(u.statusText !== undefined && { message: u.statusText }),
      });
    },
  },
  {
    method: 'GET',
    path: '/api/v1/users.presence',
    summary: 'Presence of users (all, or those changed since `from`)',
    tags,
    auth: true,
    validate: objectSchema({ from: str, ids: { anyOf: [str, { type: 'array', items: str }] } }),
    handler: (ctx) => {
      const ids = ctx.query.ids;
      const wanted = Array.isArray(ids)
        ? ids.map(String)
        : typeof ids === 'string'
          ? ids.split(',')
          : undefined;
      const from = typeof ctx.query.from === 'string' ? Date.parse(ctx.query.from) : NaN;
      const all = ctx.app.store.userList().filter((u) => u.active);
      const users = (wanted ? all.filter((u) => wanted.includes(u._id)) : all)
        .filter((u) => Number.isNaN(from) || u._updatedAt.getTime() > from)
        .slice(0, 1000)
        .map((u) => ({
          _id: u._id,
          username: u.username,
          name: u.name,
          status: u.status,
          utcOffset: u.utcOffset,
          ...(u.statusText !== undefined && { statusText: u.statusText }),
        }));
      return success({ users, full: Number.isNaN(from) });
    },
  },
  {
    method: 'GET',
    path: '/api/v1/users.listByStatus',
    summary: 'Users filtered by status, active state, roles and text (view-d-room)',
    tags,
    auth: true,
    typed: true,
    permissions: { all: ['view-d-room'] },
    validate: objectSchema({
      status: { type: 'string', enum: ['active', 'deactivated'] },
      hasLoggedIn: bool,
      type: str,
      roles: { type: 'array', items: str },
      searchTerm: str,
      ...paginationProps,
    }),
    handler: (ctx) => {
      const q = ctx.query;
      const page = getPaginationItems(ctx.app.settings, q);
      const term = typeof q.searchTerm === 'string' ? q.searchTerm.toLowerCase() : '';
      const roles = Array.isArray(q.roles) ? (q.roles as string[]) : undefined;
      const matched = ctx.app.store
        .usersSortedByUsername()
        .filter(
          (u) =>
            (q.status === undefined || u.active === (q.status === 'active')) &&
            (q.hasLoggedIn === undefined || !!u.lastLogin === q.hasLoggedIn) &&
            (q.type === undefined || u.type === q.type) &&
            (!roles || u.roles.some((r) => roles.includes(r))) &&
            (!term || u.username.toLowerCase().includes(term) || u.name.toLowerCase().includes(term)),
        );
      const users = paginate(matched, page).map((u) => ({
        ...brief(u),
        active: u.active,
        roles: u.roles,
        type: u.type,
        ...(u.lastLogin && { lastLogin: u.lastLogin }),
      }));
      return success({ users, count: users.length, offset: page.offset, total: matched.length });
    },
  },
  {
    method: 'GET',
    path: '/api/v1/users.getPreferences',
    summary: 'Your preferences (defaults filled in)',
    tags,
    auth: true,
    handler: (ctx) =>
      success({ preferences: { ...DEFAULT_PREFERENCES, ...(ctx.user?.settings?.preferences ?? {}) } }),
  },
  {
    method: 'POST',
    path: '/api/v1/users.setPreferences',
    summary: "Save your preferences (or another user's with edit-other-user-info)",
    tags,
    auth: true,
    validate: objectSchema({ userId: str, data: { type: 'object' } }, ['data']),
    handler: (ctx) => {
      const body = ctx.body;
      let user = ctx.user as UserDoc;
      if (typeof body.userId === 'string' && body.userId !== ctx.userId) {
        if (!hasPermission(ctx.user, 'edit-other-user-info'))
          throw new MeteorError('error-action-not-allowed', 'Editing user is not allowed');
        const other = ctx.app.store.users.get(body.userId);
        if (!other)
          throw new MeteorError(
            'error-invalid-user',
            'The optional "userId" param provided does not match any users',
          );
        user = other;
      }
      const data = { ...(body.data as Record<string, unknown>) };
      delete data.language;
      user.settings = { preferences: { ...(user.settings?.preferences ?? {}), ...data } };
      user._updatedAt = new Date();
      return success({
        user: {
          _id: user._id,
          settings: { preferences: { ...DEFAULT_PREFERENCES, ...user.settings.preferences } },
        },
      });
    },
  },
  {
    method: 'POST',
    path: '/api/v1/users.setActiveStatus',
    summary: 'Activate or deactivate a user (edit-other-user-active-status)',
    tags,
    auth: true,
    validate: objectSchema({ userId: str, activeStatus: bool, confirmRelinquish: bool }, [
      'userId',
      'activeStatus',
    ]),
    handler: (ctx) => {
      if (!hasPermission(ctx.user, 'edit-other-user-active-status'))
        throw new MeteorError('error-not-allowed', 'Not allowed', { method: 'setUserActiveStatus' });
      const user = ctx.app.store.users.get(String(ctx.body.userId));
      if (!user)
        throw new MeteorError('error-invalid-user', 'Invalid user', { method: 'setUserActiveStatus' });
      user.active = ctx.body.activeStatus === true;
      user._updatedAt = new Date();
      return success({ user: { _id: user._id, active: user.active } });
    },
  },
  {
    method: 'GET',
    path: '/api/v1/users.getUsernameSuggestion',
    summary: 'A free username derived from your name',
    tags,
    auth: true,
    handler: (ctx) => {
      const base =
        (ctx.user?.name ?? 'user')
          .toLowerCase()
          .replace(/[^0-9a-z-_.]+/g, '.')
          .replace(/^\.+|\.+$/g, '') || 'user';
      let candidate = base;
      for (let i = 1; ctx.app.store.findUserByUsername(candidate); i++) candidate = `${base}-${i}`;
      return success({ result: candidate });
    },
  },
  {
    method: 'GET',
    path: '/api/v1/users.autocomplete',
    summary: 'Up to 10 active users whose username or name contains selector.term',
    tags,
    auth: true,
    validate: objectSchema({ selector: str }, ['selector']),
    handler: (ctx) => {
      let term = '';
      let exceptions: string[] = [];
      try {
        const parsed = JSON.parse(String(ctx.query.selector)) as { term?: unknown; exceptions?: unknown };
        term = typeof parsed.term === 'string' ? parsed.term.toLowerCase() : '';
        exceptions = Array.isArray(parsed.exceptions) ? parsed.exceptions.map(String) : [];
      } catch {
        throw new MeteorError('error-invalid-params', 'The "selector" param must be a JSON object');
      }
      const items = ctx.app.store
        .usersSortedByUsername()
        .filter(
          (u) =>
            u.active &&
            !exceptions.includes(u.username) &&
            (u.username.toLowerCase().includes(term) || u.name.toLowerCase().includes(term)),
        )
        .slice(0, 10)
        .map(brief);
      return success({ items });
    },
  },
  {
    method: 'POST',
    path: '/api/v1/users.resetAvatar',
    summary: "Reset your avatar (or another user's with edit-other-user-avatar)",
    tags,
    auth: true,
    validate: objectSchema({ userId: str, username: str }),
    handler: (ctx) => {
      const user = selfOr(
        ctx,
        ctx.body,
        'edit-other-user-avatar',
        new MeteorError('error-not-allowed', 'Reset avatar is not allowed', { method: 'users.resetAvatar' }),
      );
      delete user.avatarETag;
      user._updatedAt = new Date();
      return success();
    },
  },
];
