// rooms.* on Rocket.Chat 8.x's typed router that act on one room or the caller's subscription to
// it: nameExists, join, delete, open, hide, saveDraft, roles.
import type { ApiResult } from '../errors';
import { MeteorError, failure, success } from '../errors';
import type { Ctx, RouteSpec } from '../framework';
import { hasPermission } from '../permissions';
import type { RoomDoc, UserDoc } from '../types';
import { objectSchema, str } from '../validation';
import { eraseRoom } from './channels';
import { canAccessRoom, roomView } from './common';
import { subscribe } from './room-ops';

const tags = ['Rooms'];

/** API.v1.unauthorized(): 401 with the bare "unauthorized" text. */
export const unauthorized = (): ApiResult => ({
  status: 401,
  body: { success: false, error: 'unauthorized' },
});

/** rooms.ts's findRoomByIdOrName: a room of any type by roomId or roomName. */
export function findAnyRoom(ctx: Ctx, source: Record<string, unknown>, checkArchived = true): RoomDoc {
  const roomId = typeof source.roomId === 'string' ? source.roomId : undefined;
  const roomName = typeof source.roomName === 'string' ? source.roomName : undefined;
  if (!roomId && !roomName)
    throw new MeteorError(
      'error-roomid-param-not-provided',
      'The parameter "roomId" or "roomName" is required',
    );
  const store = ctx.app.store;
  const room = roomId !== undefined ? store.rooms.get(roomId) : store.roomsByName.get(roomName as string);
  if (!room)
    throw new MeteorError(
      'error-room-not-found',
      'The required "roomId" or "roomName" param provided does not match any channel',
    );
  if (checkArchived && room.archived === true)
    throw new MeteorError('error-room-archived', `The channel, ${room.name}, is archived`);
  return room;
}

/** Room.join: access first, then the join code unless join-without-join-code. */
function joinRoom(ctx: Ctx, room: RoomDoc, joinCode: unknown): void {
  const method = { method: 'joinRoom' };
  if (!canAccessRoom(ctx, room)) throw new MeteorError('error-not-allowed', 'Not allowed', method);
  const needsCode = room.joinCodeRequired === true || (typeof room.joinCode === 'string' && !!room.joinCode);
  if (needsCode && !hasPermission(ctx.user, 'join-without-join-code')) {
    if (typeof joinCode !== 'string' || !joinCode)
      throw new MeteorError('error-code-required', 'Code required', method);
    if (joinCode !== room.joinCode) throw new MeteorError('error-code-invalid', 'Invalid code', method);
  }
  subscribe(ctx, room, ctx.user as UserDoc);
}

const roomIdBody = objectSchema({ roomId: str }, ['roomId']);

export const roomManageRoutes: RouteSpec[] = [
  {
    method: 'GET',
    path: '/api/v1/rooms.nameExists',
    summary: 'Whether a room with this name exists',
    tags,
    auth: true,
    typed: true,
    validate: objectSchema({ roomName: str }, ['roomName']),
    handler: (ctx) => success({ exists: ctx.app.store.roomsByName.has(String(ctx.query.roomName)) }),
  },
  {
    method: 'POST',
    path: '/api/v1/rooms.join',
    summary: 'Join a room of any type the caller can access (public channels, discussions), with joinCode',
    tags,
    auth: true,
    typed: true,
    validate: {
      anyOf: [
        objectSchema({ roomId: str, joinCode: str }, ['roomId']),
        objectSchema({ roomName: str, joinCode: str }, ['roomName']),
      ],
    },
    handler: (ctx) => {
      const room = findAnyRoom(ctx, ctx.body);
      joinRoom(ctx, room, ctx.body.joinCode);
      ctx.app.store.materialize(room._id);
      return success({ room: roomView(room) });
    },
  },
  {
    method: 'POST',
    path: '/api/v1/rooms.delete',
    summary: 'Delete a room of any type (delete-c / delete-p / delete-d); not a team main room',
    tags,
    auth: true,
    typed: true,
    validate: roomIdBody,
    handler: (ctx) => {
      const room = ctx.app.store.rooms.get(String(ctx.body.roomId));
      if (!room) throw new MeteorError('error-invalid-room', 'Invalid room', { method: 'eraseRoom' });
      if (room.teamMain === true)
        throw new MeteorError('error-cannot-delete-team-channel', 'Cannot delete a team channel', {
          method: 'eraseRoom',
        });
      eraseRoom(ctx, room);
      return success();
    },
  },
  {
    method: 'POST',
    path: '/api/v1/rooms.open',
    summary: "Show a room again in the caller's room list (subscription open)",
    tags,
    auth: true,
    typed: true,
    validate: roomIdBody,
    handler: (ctx) => {
      const sub = ctx.app.store.subscription(String(ctx.body.roomId), ctx.userId as string);
      if (sub && !sub.open) Object.assign(sub, { open: true, _updatedAt: new Date() });
      return success();
    },
  },
  {
    method: 'POST',
    path: '/api/v1/rooms.hide',
    summary: "Hide a room from the caller's room list; error-room-already-hidden when it is",
    tags,
    auth: true,
    typed: true,
    validate: roomIdBody,
    handler: (ctx) => {
      const room = ctx.app.store.rooms.get(String(ctx.body.roomId));
      if (!room || !canAccessRoom(ctx, room)) return unauthorized();
      const sub = ctx.app.store.subscription(room._id, ctx.userId as string);
      if (!sub || !sub.open) return failure('error-room-already-hidden');
      Object.assign(sub, { open: false, alert: false, _updatedAt: new Date() });
      return success();
    },
  },
  {
    method: 'POST',
    path: '/api/v1/rooms.saveDraft',
    summary: "Keep the composer's unsent text on the caller's subscription ('' clears it)",
    tags,
    auth: true,
    typed: true,
    validate: objectSchema(
      {
        rid: { type: 'string', minLength: 1 },
        draft: str,
        tmid: { type: 'string', minLength: 1, pattern: '^[^.$]+$' },
      },
      ['rid', 'draft'],
    ),
    handler: (ctx) => {
      const draft = String(ctx.body.draft);
      if (draft.length > (ctx.app.settings.number('Message_MaxAllowedSize') || 5000))
        return failure('error-message-size-exceeded');
      const sub = ctx.app.store.subscription(String(ctx.body.rid), ctx.userId as string);
      if (!sub) throw new MeteorError('error-invalid-subscription', 'Invalid subscription');
      // A thread's draft (tmid) is accepted but not kept apart from the room's here.
      if (typeof ctx.body.tmid !== 'string') {
        if (draft) sub.draft = draft;
        else delete sub.draft;
      }
      sub._updatedAt = new Date();
      return success();
    },
  },
  {
    method: 'GET',
    path: '/api/v1/rooms.roles',
    summary: 'Members of a room that hold a room role (owner, moderator, leader)',
    tags,
    auth: true,
    typed: true,
    validate: objectSchema({ rid: str }, ['rid']),
    handler: (ctx) => {
      const store = ctx.app.store;
      const room = store.rooms.get(String(ctx.query.rid));
      if (!room || !canAccessRoom(ctx, room))
        throw new MeteorError('error-not-allowed', 'Not allowed', { method: 'getRoomRoles' });
      const roles = [];
      for (const uid of store.members(room._id)) {
        const sub = store.subscription(room._id, uid);
        if (!sub?.roles?.length) continue;
        const user = store.users.get(uid);
        roles.push({
          _id: sub._id,
          rid: room._id,
          u: { _id: uid, username: sub.u.username, ...(user && { name: user.name }) },
          roles: sub.roles,
        });
      }
      return success({ roles });
    },
  },
];
