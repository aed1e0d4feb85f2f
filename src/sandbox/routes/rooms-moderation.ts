// rooms.muteUser / unmuteUser and rooms.banUser / unbanUser / bannedUsers (Rocket.Chat 8.x).
import { MeteorError, PlainError, success } from '../errors';
import type { Ctx, RouteSpec } from '../framework';
import { getPaginationItems } from '../pagination';
import type { RoomDoc, UserDoc } from '../types';
import { num, objectSchema, str } from '../validation';
import { insertMessage } from './chat';
import { canAccessRoom, hasRoomPermission } from './common';
import { addBan, bannedIds, isBanned, removeBan } from './room-bans';
import { unsubscribe } from './room-ops';
import { targetUser } from './room-members';
import { unauthorized } from './rooms-manage';

const tags = ['Rooms'];

/** roomId plus userId or username, nothing else (isRoomsMuteUnmuteUserProps / isRoomsBanUserProps). */
const userInRoomBody = {
  oneOf: [
    objectSchema({ roomId: str, userId: str }, ['roomId', 'userId']),
    objectSchema({ roomId: str, username: str }, ['roomId', 'username']),
  ],
};

function systemMessage(ctx: Ctx, room: RoomDoc, t: string, username: string): void {
  insertMessage(ctx, room, { msg: username, t, groupable: false });
}

/** muteUserInRoom / unmuteUserInRoom: in a read-only room the list that changes is `unmuted`. */
function setMuted(ctx: Ctx, mute: boolean): void {
  const method = { method: mute ? 'muteUserInRoom' : 'unmuteUserInRoom' };
  const user = targetUser(ctx, ctx.body);
  const room = ctx.app.store.rooms.get(String(ctx.body.roomId));
  if (!room) throw new MeteorError('error-invalid-room', 'Invalid room', method);
  if (!hasRoomPermission(ctx, room, 'mute-user'))
    throw new MeteorError('error-not-allowed', 'Not allowed', method);
  if (room.t !== 'c' && room.t !== 'p')
    throw new MeteorError('error-invalid-room-type', `${room.t} is not a valid room type`, method);
  if (!ctx.app.store.subscription(room._id, user._id))
    throw new MeteorError('error-user-not-in-room', 'User is not in this room', method);
  const list = (key: 'muted' | 'unmuted'): string[] =>
    Array.isArray(room[key]) ? (room[key] as string[]) : [];
  const without = (key: 'muted' | 'unmuted') => list(key).filter((u) => u !== user.username);
  if (room.ro) {
    room.unmuted = mute ? without('unmuted') : [...without('unmuted'), user.username];
  } else {
    room.muted = mute ? [...without('muted'), user.username] : without('muted');
  }
  room._updatedAt = new Date();
  systemMessage(ctx, room, mute ? 'user-muted' : 'user-unmuted', user.username);
}

/** The shared checks of banUserFromRoomMethod / unbanUserFromRoomMethod. */
function banTarget(ctx: Ctx, method: string): { room: RoomDoc; user: UserDoc } {
  const room = ctx.app.store.rooms.get(String(ctx.body.roomId));
  if (!room || !hasRoomPermission(ctx, room, 'ban-user') || (room.t !== 'c' && room.t !== 'p'))
    throw new MeteorError('error-not-allowed', 'Not allowed', { method });
  if (!canAccessRoom(ctx, room))
    throw new MeteorError(
      'error-room-not-found',
      'The required "roomId" or "roomName" param provided does not match any group',
    );
  const id = typeof ctx.body.userId === 'string' ? ctx.body.userId : '';
  const store = ctx.app.store;
  const user = id ? store.users.get(id) : store.findUserByUsername(String(ctx.body.username ?? ''));
  if (!user) throw new MeteorError('error-user-not-found', 'User not found', { method });
  return { room, user };
}

export const roomModerationRoutes: RouteSpec[] = [
  {
    method: 'POST',
    path: '/api/v1/rooms.muteUser',
    summary: 'Mute a member of a channel or group (mute-user)',
    tags,
    auth: true,
    typed: true,
    validate: userInRoomBody,
    handler: (ctx) => {
      setMuted(ctx, true);
      return success();
    },
  },
  {
    method: 'POST',
    path: '/api/v1/rooms.unmuteUser',
    summary: 'Unmute a member of a channel or group (mute-user)',
    tags,
    auth: true,
    typed: true,
    validate: userInRoomBody,
    handler: (ctx) => {
      setMuted(ctx, false);
      return success();
    },
  },
  {
    method: 'POST',
    path: '/api/v1/rooms.banUser',
    summary: 'Ban a member from a channel or group (ban-user): removed, and refused until unbanned',
    tags,
    auth: true,
    typed: true,
    validate: userInRoomBody,
    handler: (ctx) => {
      const method = 'banUserFromRoom';
      const { room, user } = banTarget(ctx, method);
      const store = ctx.app.store;
      if (isBanned(store, room._id, user._id))
        throw new MeteorError('error-user-already-banned', 'User is already banned from this room', {
          method,
        });
      if (!store.subscription(room._id, user._id))
        throw new MeteorError('error-user-not-in-room', 'User is not in this room', { method });
      unsubscribe(ctx, room, user._id);
      addBan(store, room._id, user._id);
      systemMessage(ctx, room, 'user-banned', user.username);
      return success();
    },
  },
  {
    method: 'POST',
    path: '/api/v1/rooms.unbanUser',
    summary: 'Lift a ban (ban-user); the user is not a member again until invited or joining',
    tags,
    auth: true,
    typed: true,
    validate: userInRoomBody,
    handler: (ctx) => {
      const { room, user } = banTarget(ctx, 'unbanUserFromRoom');
      // Rocket.Chat 8.x throws a plain Error here: the body carries the code as `error`, no errorType.
      if (!removeBan(ctx.app.store, room._id, user._id)) throw new PlainError('error-user-not-banned');
      systemMessage(ctx, room, 'user-unbanned', user.username);
      return success();
    },
  },
  {
    method: 'GET',
    path: '/api/v1/rooms.bannedUsers',
    summary: 'Users banned from a room, oldest ban first',
    tags,
    auth: true,
    typed: true,
    validate: objectSchema({ roomId: str, count: num, offset: num }, ['roomId']),
    handler: (ctx) => {
      const store = ctx.app.store;
      const room = store.rooms.get(String(ctx.query.roomId));
      if (!room || !canAccessRoom(ctx, room)) return unauthorized();
      const page = getPaginationItems(ctx.app.settings, ctx.query);
      const ids = bannedIds(store, room._id);
      const slice =
        page.count === 0 ? ids.slice(page.offset) : ids.slice(page.offset, page.offset + page.count);
      const bannedUsers = slice.flatMap((uid) => {
        const u = store.users.get(uid);
        return u ? [{ _id: u._id, username: u.username, name: u.name }] : [];
      });
      return success({ bannedUsers, count: bannedUsers.length, offset: page.offset, total: ids.length });
    },
  },
];
