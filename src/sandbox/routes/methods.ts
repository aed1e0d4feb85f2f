// method.call/:method and method.callAnon/:method (the DDP-over-REST bridge the web client uses):
// the body is {message: EJSON text of {msg: 'method', id, method, params}} and the answer is
// {message: EJSON text of {msg: 'result', id, result | error}}, always with HTTP 200 when the
// envelope itself is well-formed. Also roles.getUsersInRole / roles.addUserToRole / commands.run.
import EJSON from 'ejson';
import { MeteorError, failure, success } from '../errors';
import type { Ctx, RouteSpec } from '../framework';
import { getPaginationItems, paginate } from '../pagination';
import { hasPermission } from '../permissions';
import type { UserDoc } from '../types';
import { objectSchema, paginationProps, str } from '../validation';
import { userInfo } from '../views';
import { insertMessage } from './chat';

type MethodFn = (ctx: Ctx, params: unknown[]) => unknown;

/** The handful of methods the web client calls most, answered from the store. */
const METHODS: Record<string, { anon: boolean; run: MethodFn }> = {
  'public-settings/get': { anon: true, run: (ctx) => ctx.app.settings.publicSettings() },
  'permissions/get': { anon: false, run: (ctx) => ctx.app.store.grants.docs() },
  getUserRoles: {
    anon: false,
    run: (ctx) =>
      ctx.app.store
        .userList()
        .filter((u) => u.roles.includes('admin'))
        .map((u) => ({ _id: u._id, username: u.username, roles: u.roles })),
  },
  'subscriptions/get': {
    anon: false,
    run: (ctx) =>
      [...(ctx.app.store.userRooms.get(ctx.userId as string) ?? [])].map((rid) =>
        ctx.app.store.subscription(rid, ctx.userId as string),
      ),
  },
  'rooms/get': {
    anon: false,
    run: (ctx) =>
      [...(ctx.app.store.userRooms.get(ctx.userId as string) ?? [])].map((rid) =>
        ctx.app.store.rooms.get(rid),
      ),
  },
  getRoomRoles: {
    anon: false,
    run: (ctx, params) => {
      const rid = String(params[0] ?? '');
      return ctx.app.store
        .members(rid)
        .map((uid) => ctx.app.store.subscription(rid, uid))
        .filter((s) => !!s?.roles?.length)
        .map((s) => ({ rid, u: s?.u, roles: s?.roles }));
    },
  },
  listCustomUserStatus: { anon: false, run: () => [] },
  getSingleMessage: {
    anon: false,
    run: (ctx, params) => {
      const msg = ctx.app.store.findMessage(String(params[0] ?? ''));
      if (!msg)
        throw new MeteorError('error-invalid-message', 'Invalid message', { method: 'getSingleMessage' });
      return msg;
    },
  },
  'UserPresence:setDefaultStatus': {
    anon: false,
    run: (ctx, params) => {
      const user = ctx.user as UserDoc;
      user.status = String(params[0] ?? 'online') as UserDoc['status'];
      return true;
    },
  },
  getMe: { anon: false, run: (ctx) => userInfo(ctx.app.settings, ctx.user as UserDoc) },
  // The web client saves account preferences here (users.setPreferences' method twin).
  saveUserPreferences: {
    anon: false,
    run: (ctx, params) => {
      const user = ctx.user as UserDoc;
      const data = params[0] && typeof params[0] === 'object' ? (params[0] as Record<string, unknown>) : {};
      user.settings = { preferences: { ...(user.settings?.preferences ?? {}), ...data } };
      user._updatedAt = new Date();
      return true;
    },
  },
};

function callMethod(ctx: Ctx, anon: boolean) {
  const raw = ctx.body.message;
  if (typeof raw !== 'string') return failure("must have required property 'message'", 'invalid-params');
  let call: { msg?: unknown; id?: unknown; method?: unknown; params?: unknown };
  try {
    call = EJSON.parse(raw) as typeof call;
  } catch {
    return failure('Invalid method call', 'error-invalid-method-call');
  }
  const id = typeof call.id === 'string' ? call.id : '';
  const name = typeof call.method === 'string' ? call.method : '';
  if (name !== ctx.params.method) return failure('Method name mismatch', 'error-invalid-method-call');
  const method = METHODS[name];
  const reply = (body: Record<string, unknown>) =>
    success({ message: EJSON.stringify({ msg: 'result', id, ...body }) });
  if (!method || (anon && !method.anon)) {
    const reason = `Method '${name}' not found`;
    return reply({
      error: {
        isClientSafe: true,
        error: 404,
        reason,
        message: `${reason} [404]`,
        errorType: 'Meteor.Error',
      },
    });
  }
  try {
    return reply({ result: method.run(ctx, Array.isArray(call.params) ? call.params : []) });
  } catch (e) {
    if (!(e instanceof MeteorError)) throw e;
    return reply({
      error: {
        isClientSafe: true,
        error: e.error,
        reason: e.reason,
        message: e.message,
        errorType: 'Meteor.Error',
      },
    });
  }
}

const methodBody = objectSchema({ message: str }, ['message']);

export const methodRoutes: RouteSpec[] = [
  {
    method: 'POST',
    path: '/api/v1/method.call/:method',
    summary: 'Call a server method (EJSON envelope in `message`); no rate limit',
    tags: ['Miscellaneous'],
    auth: true,
    rateLimit: false,
    validate: methodBody,
    handler: (ctx) => callMethod(ctx, false),
  },
  {
    method: 'POST',
    path: '/api/v1/method.callAnon/:method',
    summary: 'Call a server method without signing in (EJSON envelope in `message`)',
    tags: ['Miscellaneous'],
    auth: false,
    rateLimit: false,
    validate: methodBody,
    handler: (ctx) => callMethod(ctx, true),
  },
  {
    method: 'GET',
    path: '/api/v1/roles.getUsersInRole',
    summary: 'Users holding a role (access-permissions), paginated',
    tags: ['Roles'],
    auth: true,
    validate: objectSchema({ role: str, roomId: str, ...paginationProps }),
    handler: (ctx) => {
      const role = ctx.query.role;
      if (typeof role !== 'string' || !role)
        throw new MeteorError('error-param-not-provided', 'Query param "role" is required');
      if (!hasPermission(ctx.user, 'access-permissions'))
        throw new MeteorError('error-not-allowed', 'Not allowed');
      const page = getPaginationItems(ctx.app.settings, ctx.query);
      const all = ctx.app.store.usersSortedByUsername().filter((u) => u.roles.includes(role));
      const users = paginate(all, page).map((u) => ({
        _id: u._id,
        username: u.username,
        name: u.name,
        status: u.status,
        roles: u.roles,
      }));
      return success({ users, total: all.length });
    },
  },
  {
    method: 'POST',
    path: '/api/v1/roles.addUserToRole',
    summary: 'Give a user a global role (access-permissions)',
    tags: ['Roles'],
    auth: true,
    validate: objectSchema({ roleId: str, roleName: str, username: str, roomId: str }, ['username']),
    handler: (ctx) => {
      const roleId = String(ctx.body.roleId ?? ctx.body.roleName ?? '');
      if (!hasPermission(ctx.user, 'access-permissions'))
        throw new MeteorError('error-not-allowed', 'Accessing permissions is not allowed');
      if (!ctx.app.store.grants.roles.has(roleId))
        throw new MeteorError('error-role-not-found', 'Role not found');
      const user = ctx.app.store.findUserByUsername(String(ctx.body.username));
      if (!user) throw new MeteorError('error-user-not-found', 'User not found');
      if (user.roles.includes(roleId))
        throw new MeteorError('error-user-already-in-role', 'User already in role');
      user.roles = [...user.roles, roleId];
      return success({ role: { _id: roleId, name: roleId, scope: 'Users', protected: true } });
    },
  },
  {
    method: 'POST',
    path: '/api/v1/commands.run',
    summary:
      'Run a slash command in a room ({command, roomId, params?, tmid?}); /me, /shrug, /tableflip post',
    tags: ['Commands'],
    auth: true,
    validate: objectSchema({ command: str, roomId: str, params: str, tmid: str, triggerId: str }, [
      'command',
      'roomId',
    ]),
    handler: (ctx) => {
      const cmd = String(ctx.body.command).toLowerCase();
      const room = ctx.app.store.rooms.get(String(ctx.body.roomId));
      if (!room || !ctx.app.store.subscription(room._id, ctx.userId as string))
        return failure('The running user is not a member of the room.');
      const params = typeof ctx.body.params === 'string' ? ctx.body.params : '';
      const text: Record<string, string> = {
        me: `_${params}_`,
        shrug: `${params} ¯\\_(ツ)_/¯`.trim(),
        tableflip: `${params} (╯°□°）╯︵ ┻━┻`.trim(),
      };
      if (!(cmd in text)) return failure(`The command provided does not exist (or is disabled).`);
      insertMessage(ctx, room, { msg: text[cmd] as string });
      return success({ result: null });
    },
  },
];
