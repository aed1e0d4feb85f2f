// channels.* / groups.* membership routes generated for both room types: invite, kick, room roles
// (moderator/owner/leader), roles, moderators, counters, files, open/close; groups.leave/delete.
import { MeteorError, failure, forbidden, success } from '../errors';
import type { Ctx, RouteSpec } from '../framework';
import { getPaginationItems } from '../pagination';
import { hasPermission } from '../permissions';
import { compareStrings } from '../store';
import type { RoomDoc, UserDoc } from '../types';
import { objectSchema, paginationProps, str } from '../validation';
import { eraseRoom, leaveRoom } from './channels';
import { canAccessRoom, envelope, findRoomByIdOrName, hasRoomPermission, roomView } from './common';
import type { Prefix } from './room-settings';
import { noun, roomTarget, typeOf } from './room-settings';
import { insertSystemMessage } from './chat';
import { messagesPage, subscribe, unsubscribe } from './room-ops';

/** getUserFromParams: userId or username, with the real texts. */
export function targetUser(ctx: Ctx, source: Record<string, unknown>): UserDoc {
  const id = typeof source.userId === 'string' ? source.userId.trim() : '';
  const name = typeof source.username === 'string' ? source.username.trim() : '';
  if (!id && !name)
    throw new MeteorError(
      'error-user-param-not-provided',
      'The required "userId" or "username" param was not provided',
    );
  const user = id ? ctx.app.store.users.get(id) : ctx.app.store.findUserByUsername(name);
  if (!user)
    throw new MeteorError(
      'error-invalid-user',
      'The required "userId" or "username" param provided does not match any users',
    );
  return user;
}

/** The counters of channels/groups/im.counters for one member. */
export function roomCounters(ctx: Ctx, room: RoomDoc, uid: string): Record<string, unknown> {
  const store = ctx.app.store;
  const sub = store.subscription(room._id, uid);
  const messages = store.messagesOf(room._id);
  const last = messages[messages.length - 1];
  return {
    joined: !!sub,
    members: store.members(room._id).length,
    unreads: sub ? sub.unread : null,
    unreadsFrom: sub ? (sub.ls ?? sub.ts) : null,
    msgs: room.msgs,
    latest: last ? last.ts : null,
    userMentions: 0,
  };
}

const tagsOf = (p: Prefix): string[] => [p === 'channels' ? 'Channels' : 'Groups'];
const keyOf = (p: Prefix): string => (p === 'channels' ? 'channel' : 'group');

function inviteKick(prefix: Prefix): RouteSpec[] {
  const t = typeOf(prefix);
  const body = objectSchema({ ...roomTarget, userId: str, username: str });
  return [
    {
      method: 'POST',
      path: `/api/v1/${prefix}.invite`,
      summary: `Add a user to a ${noun(prefix)} (add-user-to-joined-room / add-user-to-any-${t}-room)`,
      tags: tagsOf(prefix),
      auth: true,
      validate: body,
      handler: (ctx) => {
        const room = findRoomByIdOrName(ctx, t, ctx.body);
        const user = targetUser(ctx, ctx.body);
        const joined = !!ctx.app.store.subscription(room._id, ctx.userId as string);
        const allowed =
          (joined && hasRoomPermission(ctx, room, 'add-user-to-joined-room')) ||
          hasRoomPermission(ctx, room, `add-user-to-any-${t}-room`);
        if (!allowed) throw new MeteorError('error-not-allowed', 'Not allowed', { method: 'addUsersToRoom' });
        if (room.archived === true)
          throw new MeteorError('error-room-archived', 'Room is archived', { method: 'addUsersToRoom' });
        if (subscribe(ctx, room, user)) insertSystemMessage(ctx, room, 'au', user.username);
        return success({ [keyOf(prefix)]: roomView(room) });
      },
    },
    {
      method: 'POST',
      path: `/api/v1/${prefix}.kick`,
      summary: `Remove a user from a ${noun(prefix)} (remove-user)`,
      tags: tagsOf(prefix),
      auth: true,
      validate: body,
      handler: (ctx) => {
        const room = kickedFrom(ctx, t);
        const user = targetUser(ctx, ctx.body);
        removeUserFromRoom(ctx, room, user);
        return success({ [keyOf(prefix)]: roomView(room) });
      },
    },
  ];
}

/** The room of a kick: channels as usual; a group is found without membership (removeUserFromRoom decides). */
function kickedFrom(ctx: Ctx, t: 'c' | 'p'): RoomDoc {
  if (t === 'c' || ctx.app.store.subscription(String(ctx.body.roomId ?? ''), ctx.userId as string))
    return findRoomByIdOrName(ctx, t, ctx.body);
  const id = typeof ctx.body.roomId === 'string' ? ctx.body.roomId : '';
  const room = id
    ? ctx.app.store.rooms.get(id)
    : ctx.app.store.roomsByName.get(String(ctx.body.roomName ?? ''));
  return room?.t === 'p' ? room : findRoomByIdOrName(ctx, t, ctx.body);
}

/**
 * removeUserFromRoomMethod: remove-user in the room; kick-user-from-any-<t>-room lets a non-member
 * kick (and skips the target's membership check); the last owner stays.
 */
function removeUserFromRoom(ctx: Ctx, room: RoomDoc, user: UserDoc): void {
  const store = ctx.app.store;
  if (!hasRoomPermission(ctx, room, 'remove-user'))
    throw new MeteorError('error-not-allowed', 'Not allowed', { method: 'removeUserFromRoom' });
  const kickAny = hasPermission(ctx.user, `kick-user-from-any-${room.t}-room`);
  if (!kickAny && !canAccessRoom(ctx, room))
    throw new MeteorError(
      'error-room-not-found',
      'The required "roomId" or "roomName" param provided does not match any group',
    );
  const sub = store.subscription(room._id, user._id);
  if (!kickAny && !sub)
    throw new MeteorError('error-user-not-in-room', 'User is not in this room', {
      method: 'removeUserFromRoom',
    });
  const owners = store
    .members(room._id)
    .filter((uid) => store.subscription(room._id, uid)?.roles?.includes('owner'));
  if (sub?.roles?.includes('owner') && owners.length === 1)
    throw new MeteorError(
      'error-you-are-last-owner',
      'You are the last owner. Please set new owner before leaving the room.',
      { method: 'removeUserFromRoom' },
    );
  if (sub) unsubscribe(ctx, room, user._id);
  insertSystemMessage(ctx, room, 'ru', user.username);
}

/** addModerator/removeModerator, addOwner/removeOwner, addLeader/removeLeader. */
function roomRole(prefix: Prefix, role: 'moderator' | 'owner' | 'leader', add: boolean): RouteSpec {
  const t = typeOf(prefix);
  const Cap = role[0]?.toUpperCase() + role.slice(1);
  const method = `${add ? 'add' : 'remove'}Room${Cap}`;
  const article = role === 'owner' ? 'an' : 'a';
  return {
    method: 'POST',
    path: `/api/v1/${prefix}.${add ? 'add' : 'remove'}${Cap}`,
    summary: `${add ? 'Give' : 'Take'} the ${role} role ${add ? 'to' : 'from'} a member (set-${role})`,
    tags: tagsOf(prefix),
    auth: true,
    validate: objectSchema({ ...roomTarget, userId: str, username: str }),
    handler: (ctx) => {
      const room = findRoomByIdOrName(ctx, t, ctx.body);
      const user = targetUser(ctx, ctx.body);
      if (!hasRoomPermission(ctx, room, `set-${role}`))
        throw new MeteorError('error-not-allowed', 'Not allowed', { method });
      const sub = ctx.app.store.subscription(room._id, user._id);
      if (!sub) throw new MeteorError('error-user-not-in-room', 'User is not in this room', { method });
      const has = sub.roles?.includes(role) ?? false;
      if (add && has)
        throw new MeteorError(`error-user-already-${role}`, `User is already ${article} ${role}`, { method });
      if (!add && !has)
        throw new MeteorError(`error-user-not-${role}`, `User is not ${article} ${role}`, { method });
      if (!add && role === 'owner') {
        const owners = ctx.app.store
          .members(room._id)
          .filter((uid) => ctx.app.store.subscription(room._id, uid)?.roles?.includes('owner'));
        if (owners.length === 1)
          throw new MeteorError(
            'error-remove-last-owner',
            'This is the last owner. Please set a new owner before removing this one.',
            { method },
          );
      }
      sub.roles = add ? [...(sub.roles ?? []), role] : (sub.roles ?? []).filter((r) => r !== role);
      sub._updatedAt = new Date();
      return success();
    },
  };
}

function listing(prefix: Prefix): RouteSpec[] {
  const t = typeOf(prefix);
  const query = objectSchema(roomTarget);
  // getRoomRoles sorts by username; channels are checked with canAccessRoom (groups by membership).
  const subsWithRoles = (ctx: Ctx, room: RoomDoc) =>
    ctx.app.store
      .members(room._id)
      .map((uid) => ctx.app.store.subscription(room._id, uid))
      .filter((s) => !!s?.roles?.length)
      .sort((a, b) => compareStrings(a?.u.username ?? '', b?.u.username ?? ''));
  return [
    {
      method: 'GET',
      path: `/api/v1/${prefix}.roles`,
      summary: `Members of a ${noun(prefix)} that hold a room role`,
      tags: tagsOf(prefix),
      auth: true,
      validate: query,
      handler: (ctx) => {
        const room = findRoomByIdOrName(ctx, t, ctx.query);
        if (!canAccessRoom(ctx, room)) return forbidden();
        const roles = subsWithRoles(ctx, room).map((s) => ({
          _id: s?._id,
          rid: room._id,
          u: { _id: s?.u._id, username: s?.u.username, name: ctx.app.store.users.get(s?.u._id ?? '')?.name },
          roles: s?.roles,
        }));
        return success({ roles });
      },
    },
    {
      method: 'GET',
      path: `/api/v1/${prefix}.moderators`,
      summary: `Moderators of a ${noun(prefix)}`,
      tags: tagsOf(prefix),
      auth: true,
      validate: query,
      handler: (ctx) => {
        const room = findRoomByIdOrName(ctx, t, ctx.query);
        if (!canAccessRoom(ctx, room)) return forbidden();
        const moderators = subsWithRoles(ctx, room)
          .filter((s) => s?.roles?.includes('moderator'))
          .map((s) => ({
            _id: s?.u._id,
            username: s?.u.username,
            name: ctx.app.store.users.get(s?.u._id ?? '')?.name,
          }));
        return success({ moderators });
      },
    },
    {
      method: 'GET',
      path: `/api/v1/${prefix}.counters`,
      summary: `Unread and member counters of a ${noun(prefix)} for the caller (or userId)`,
      tags: tagsOf(prefix),
      auth: true,
      validate: objectSchema({ ...roomTarget, userId: str }),
      handler: (ctx) => {
        const room = findRoomByIdOrName(ctx, t, ctx.query);
        const uid = typeof ctx.query.userId === 'string' ? ctx.query.userId : (ctx.userId as string);
        if (uid !== ctx.userId && !hasRoomPermission(ctx, room, 'view-room-administration'))
          throw new MeteorError('error-not-allowed', 'Not allowed', { method: `${prefix}.counters` });
        return success(roomCounters(ctx, room, uid));
      },
    },
    {
      method: 'GET',
      path: `/api/v1/${prefix}.files`,
      summary: `Files uploaded to a ${noun(prefix)} (the sandbox stores none)`,
      tags: tagsOf(prefix),
      auth: true,
      validate: objectSchema({ ...roomTarget, ...paginationProps }),
      handler: (ctx) => {
        findRoomByIdOrName(ctx, t, ctx.query);
        const page = getPaginationItems(ctx.app.settings, ctx.query);
        return envelope('files', [], page.offset, 0);
      },
    },
  ];
}

function openClose(prefix: Prefix): RouteSpec[] {
  const t = typeOf(prefix);
  const make = (open: boolean): RouteSpec => ({
    method: 'POST',
    path: `/api/v1/${prefix}.${open ? 'open' : 'close'}`,
    summary: `${open ? 'Show' : 'Hide'} a ${noun(prefix)} in the caller's sidebar`,
    tags: tagsOf(prefix),
    auth: true,
    validate: objectSchema(roomTarget),
    handler: (ctx) => {
      const room = findRoomByIdOrName(ctx, t, ctx.body);
      const sub = ctx.app.store.subscription(room._id, ctx.userId as string);
      if (!sub) return failure(`The user/callee is not in the ${noun(prefix)} "${room.name}".`);
      if (sub.open === open)
        return failure(
          `The ${noun(prefix)}, ${room.name}, is already ${open ? 'open' : 'closed'} to the sender`,
        );
      sub.open = open;
      sub._updatedAt = new Date();
      return success();
    },
  });
  return [make(true), make(false)];
}

const groupOnly: RouteSpec[] = [
  {
    method: 'POST',
    path: '/api/v1/groups.leave',
    summary: 'Leave a private group',
    tags: ['Groups'],
    auth: true,
    validate: objectSchema(roomTarget),
    handler: (ctx) => {
      const room = findRoomByIdOrName(ctx, 'p', ctx.body);
      leaveRoom(ctx, room);
      return success();
    },
  },
  {
    method: 'POST',
    path: '/api/v1/groups.delete',
    summary: 'Delete a private group (delete-p)',
    tags: ['Groups'],
    auth: true,
    validate: objectSchema(roomTarget),
    handler: (ctx) => {
      eraseRoom(ctx, findRoomByIdOrName(ctx, 'p', ctx.body));
      return success();
    },
  },
  {
    method: 'GET',
    path: '/api/v1/groups.messages',
    summary: 'Messages of a private group with query/sort/pagination (default sort ts descending)',
    tags: ['Groups'],
    auth: true,
    validate: objectSchema({
      ...roomTarget,
      mentionIds: str,
      starredIds: str,
      pinned: str,
      ...paginationProps,
    }),
    handler: (ctx) => {
      const room = findRoomByIdOrName(ctx, 'p', ctx.query);
      const { messages, offset, total } = messagesPage(ctx, room);
      return envelope('messages', messages, offset, total);
    },
  },
];

export function roomMemberRoutes(prefix: Prefix): RouteSpec[] {
  const roles = (['moderator', 'owner', 'leader'] as const).flatMap((r) => [
    roomRole(prefix, r, true),
    roomRole(prefix, r, false),
  ]);
  return [
    ...inviteKick(prefix),
    ...roles,
    ...listing(prefix),
    ...openClose(prefix),
    ...(prefix === 'groups' ? groupOnly : []),
  ];
}
