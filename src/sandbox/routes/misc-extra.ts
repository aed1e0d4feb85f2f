// Smaller routes integrations and clients call: token housekeeping, channel presence and mentions,
// rooms.membersOrderedByRole, rooms.export (answer only), settings.oauth, service.configurations.
import { checkPasswordDigest, removeLoginToken } from '../auth';
import { MeteorError, failure, notFound, success } from '../errors';
import type { Ctx, RouteSpec } from '../framework';
import { getPaginationItems, paginate } from '../pagination';
import { hasPermission } from '../permissions';
import type { UserDoc } from '../types';
import { objectSchema, paginationProps, str } from '../validation';
import { canAccessRoom, envelope, findRoomByIdOrName, hasRoomPermission } from './common';
import { findAnyRoom } from './rooms-manage';

// The room role priorities of Rocket.Chat 8.x's findUsersOfRoomOrderedByRole.
const ROLE_ORDER = ['owner', 'leader', 'moderator'];

function orderedMembers(ctx: Ctx) {
  const room = findAnyRoom(ctx, ctx.query, false);
  const rid = room._id;
  // A room the caller cannot see is answered as if it did not exist (404), as Rocket.Chat 8.x does.
  if (!canAccessRoom(ctx, room))
    return notFound('The required "roomId" or "roomName" param provided does not match any room');
  const page = getPaginationItems(ctx.app.settings, ctx.query);
  const rank = (uid: string) => {
    const roles = ctx.app.store.subscription(rid, uid)?.roles ?? [];
    const i = ROLE_ORDER.findIndex((r) => roles.includes(r));
    return i < 0 ? ROLE_ORDER.length : i;
  };
  const all = ctx.app.store
    .members(rid)
    .map((uid) => ctx.app.store.users.get(uid) as UserDoc)
    .filter(Boolean)
    .sort((a, b) => rank(a._id) - rank(b._id) || (a.username < b.username ? -1 : 1))
    .map((u) => ({
      _id: u._id,
      username: u.username,
      name: u.name,
      status: u.status,
      roles: ctx.app.store.subscription(rid, u._id)?.roles ?? [],
    }));
  return envelope('members', paginate(all, page), page.offset, all.length);
}

export const miscExtraRoutes: RouteSpec[] = [
  {
    method: 'POST',
    path: '/api/v1/users.removeOtherTokens',
    summary: 'Sign out every other session of yours (keeps this token)',
    tags: ['Users'],
    auth: true,
    handler: (ctx) => {
      const user = ctx.user as UserDoc;
      for (const t of [...user.services.resume.loginTokens])
        if (t.hashedToken !== ctx.hashedToken && t.type !== 'personalAccessToken')
          removeLoginToken(ctx.app.store, user, t.hashedToken);
      return success();
    },
  },
  {
    method: 'POST',
    path: '/api/v1/users.logout',
    summary: "Sign out every session of a user (yours, or another's with logout-other-user)",
    tags: ['Users'],
    auth: true,
    validate: objectSchema({ userId: str }),
    handler: (ctx) => {
      const id = typeof ctx.body.userId === 'string' ? ctx.body.userId : (ctx.userId as string);
      if (id !== ctx.userId && !hasPermission(ctx.user, 'logout-other-user'))
        throw new MeteorError(
          'error-unauthorized',
          'User does not have the permissions required for this action',
        );
      const user = ctx.app.store.users.get(id);
      if (!user) throw new MeteorError('error-invalid-user-id', 'Invalid user id');
      for (const t of [...user.services.resume.loginTokens])
        if (t.type !== 'personalAccessToken') removeLoginToken(ctx.app.store, user, t.hashedToken);
      return success({ message: `User ${id} has been logged out!` });
    },
  },
  {
    method: 'GET',
    path: '/api/v1/channels.online',
    summary: 'Online members of a channel (_id or query with _id)',
    tags: ['Channels'],
    auth: true,
    validate: objectSchema({ _id: str, query: str }),
    handler: (ctx) => {
      let id = typeof ctx.query._id === 'string' ? ctx.query._id : '';
      if (!id && typeof ctx.query.query === 'string') {
        try {
          id = String((JSON.parse(ctx.query.query) as { _id?: unknown })._id ?? '');
        } catch {
          id = '';
        }
      }
      if (!id) return failure('Invalid query');
      const room = ctx.app.store.rooms.get(id);
      if (!room || room.t !== 'c') return failure('Channel does not exists');
      const online = ctx.app.store
        .members(room._id)
        .map((uid) => ctx.app.store.users.get(uid) as UserDoc)
        .filter((u) => u && u.status !== 'offline')
        .map((u) => ({ _id: u._id, username: u.username }));
      return success({ online });
    },
  },
  {
    method: 'GET',
    path: '/api/v1/channels.getAllUserMentionsByChannel',
    summary: 'Messages of a channel that mention you, paginated',
    tags: ['Channels'],
    auth: true,
    validate: objectSchema({ roomId: str, ...paginationProps }, ['roomId']),
    handler: (ctx) => {
      const room = findRoomByIdOrName(ctx, 'c', ctx.query);
      if (!canAccessRoom(ctx, room)) throw new MeteorError('error-not-allowed', 'Not allowed');
      const page = getPaginationItems(ctx.app.settings, ctx.query);
      const all = ctx.app.store
        .messagesOf(room._id)
        .filter((m) => m.mentions.some((x) => x._id === ctx.userId))
        .reverse();
      return envelope('mentions', paginate(all, page), page.offset, all.length);
    },
  },
  {
    method: 'GET',
    path: '/api/v1/rooms.membersOrderedByRole',
    summary: 'Members of a room, owners then moderators then the rest',
    tags: ['Rooms'],
    auth: true,
    validate: objectSchema(
      { roomId: str, status: { type: 'array', items: str }, filter: str, ...paginationProps },
      ['roomId'],
    ),
    handler: orderedMembers,
  },
  {
    method: 'POST',
    path: '/api/v1/rooms.export',
    summary: 'Export room messages (answer only: the sandbox sends no e-mail and writes no file)',
    tags: ['Rooms'],
    auth: true,
    typed: true,
    // rest-typings' isRoomsExportProps: an e-mail export or a file export, nothing else.
    validate: {
      oneOf: [
        objectSchema(
          {
            rid: str,
            type: { type: 'string', enum: ['email'] },
            toUsers: { type: 'array', items: str },
            toEmails: { type: 'array', items: str },
            subject: str,
            messages: { type: 'array', items: str, minItems: 1 },
          },
          ['rid', 'type', 'messages'],
        ),
        objectSchema(
          {
            rid: str,
            type: { type: 'string', enum: ['file'] },
            dateFrom: { type: 'string', format: 'date' },
            dateTo: { type: 'string', format: 'date' },
            format: { type: 'string', enum: ['html', 'json'] },
          },
          ['rid', 'type', 'format'],
        ),
      ],
    },
    handler: (ctx) => {
      const b = ctx.body;
      const room = ctx.app.store.rooms.get(String(b.rid));
      if (room ? !hasRoomPermission(ctx, room, 'mail-messages') : !hasPermission(ctx.user, 'mail-messages'))
        throw new MeteorError('error-action-not-allowed', 'Mailing is not allowed');
      if (!room) throw new MeteorError('error-invalid-room');
      if (!canAccessRoom(ctx, room)) throw new MeteorError('error-not-allowed', 'Not Allowed');
      if (b.type === 'file') {
        const from = typeof b.dateFrom === 'string' ? new Date(b.dateFrom) : new Date(0);
        const to = typeof b.dateTo === 'string' ? new Date(b.dateTo) : new Date();
        to.setDate(to.getDate() + 1);
        if (from > to) throw new MeteorError('error-invalid-dates', 'From date cannot be after To date');
        return success();
      }
      const none = (v: unknown) => !Array.isArray(v) || v.length === 0;
      if (none(b.toUsers) && none(b.toEmails)) throw new MeteorError('error-invalid-recipient');
      return success({ missing: [] });
    },
  },
  {
    method: 'GET',
    path: '/api/v1/settings.oauth',
    summary: 'Enabled OAuth services (none in the sandbox)',
    tags: ['Settings'],
    auth: false,
    handler: () => success({ services: [] }),
  },
  {
    method: 'GET',
    path: '/api/v1/service.configurations',
    summary: 'Login service configurations (none in the sandbox)',
    tags: ['Settings'],
    auth: false,
    handler: () => success({ configurations: [] }),
  },
  {
    method: 'POST',
    path: '/api/v1/users.deleteOwnAccount',
    summary: 'Delete your own account (Accounts_AllowDeleteOwnAccount; password as sha256 hex)',
    tags: ['Users'],
    auth: true,
    validate: objectSchema({ password: str, confirmRelinquish: { type: 'boolean' } }, ['password']),
    handler: (ctx) => {
      if (!ctx.app.settings.bool('Accounts_AllowDeleteOwnAccount'))
        throw new MeteorError('error-not-allowed', 'Not allowed', { method: 'deleteUserOwnAccount' });
      const user = ctx.user as UserDoc;
      if (!checkPasswordDigest(user, String(ctx.body.password)))
        throw new MeteorError('error-invalid-password', 'Invalid password', {
          method: 'deleteUserOwnAccount',
        });
      ctx.app.store.removeUser(user._id);
      return success();
    },
  },
];
