// subscriptions.* and the rooms.* routes that act on the caller's subscription (isMember, favorite,
// leave, saveNotification).
import type { ApiResult } from '../errors';
import { MeteorError, failure, forbidden, success } from '../errors';
import { findAnyRoom } from './rooms-manage';
import type { Ctx, RouteSpec } from '../framework';
import type { RoomDoc, SubscriptionDoc } from '../types';
import { bool, objectSchema, str } from '../validation';
import { leaveRoom } from './channels';
import { canAccessRoom } from './common';

const tags = ['Subscriptions'];

function roomFrom(ctx: Ctx, source: Record<string, unknown>): RoomDoc {
  const id = typeof source.roomId === 'string' ? source.roomId : '';
  const name = typeof source.roomName === 'string' ? source.roomName : '';
  if (!id && !name)
    throw new MeteorError(
      'error-roomid-param-not-provided',
      'The parameter "roomId" or "roomName" is required',
    );
  const room = id ? ctx.app.store.rooms.get(id) : ctx.app.store.roomsByName.get(name);
  if (!room || !canAccessRoom(ctx, room))
    throw new MeteorError(
      'error-room-not-found',
      'The required "roomId" or "roomName" param provided does not match any room',
    );
  return room;
}

function subsOf(ctx: Ctx): SubscriptionDoc[] {
  const store = ctx.app.store;
  const out: SubscriptionDoc[] = [];
  for (const rid of store.userRooms.get(ctx.userId as string) ?? []) {
    const s = store.subscription(rid, ctx.userId as string);
    if (s) out.push(s);
  }
  return out;
}

function markRead(ctx: Ctx): ApiResult {
  const rid =
    (typeof ctx.body.rid === 'string' && ctx.body.rid) ||
    (typeof ctx.body.roomId === 'string' && ctx.body.roomId) ||
    '';
  if (!rid) return failure("must have required property 'rid'", 'invalid-params');
  const sub = ctx.app.store.subscription(rid, ctx.userId as string);
  if (!sub)
    throw new MeteorError('error-invalid-subscription', 'Invalid subscription', { method: 'readMessages' });
  const now = new Date();
  Object.assign(sub, {
    unread: 0,
    alert: false,
    ls: now,
    _updatedAt: now,
    userMentions: 0,
    groupMentions: 0,
  });
  return success();
}

export const subscriptionRoutes: RouteSpec[] = [
  {
    method: 'GET',
    path: '/api/v1/subscriptions.get',
    summary: "The caller's subscriptions; with updatedSince only those changed after it",
    tags,
    auth: true,
    validate: objectSchema({ updatedSince: str }),
    handler: (ctx) => {
      const raw = ctx.query.updatedSince;
      let since: number | undefined;
      if (typeof raw === 'string' && raw) {
        since = Date.parse(raw);
        if (Number.isNaN(since))
          throw new MeteorError(
            'error-roomId-param-invalid',
            'The "lastUpdate" query parameter must be a valid date.',
          );
      }
      const update = subsOf(ctx).filter((s) => since === undefined || s._updatedAt.getTime() > since);
      return success({ update, remove: [] });
    },
  },
  {
    method: 'GET',
    path: '/api/v1/subscriptions.getOne',
    summary: "The caller's subscription to one room (null when not subscribed)",
    tags,
    auth: true,
    validate: objectSchema({ roomId: str }, ['roomId']),
    handler: (ctx) =>
      success({
        subscription: ctx.app.store.subscription(String(ctx.query.roomId), ctx.userId as string) ?? null,
      }),
  },
  {
    method: 'POST',
    path: '/api/v1/subscriptions.read',
    summary: 'Mark a room read: body {rid} (or the older {roomId})',
    tags,
    auth: true,
    validate: objectSchema({ rid: str, roomId: str, readThreads: bool }),
    handler: markRead,
  },
  {
    method: 'POST',
    path: '/api/v1/subscriptions.unread',
    summary: 'Mark a room unread from a message on: body {roomId} or {firstUnreadMessage: {_id}}',
    tags,
    auth: true,
    validate: objectSchema({ roomId: str, firstUnreadMessage: objectSchema({ _id: str }, ['_id'], true) }),
    handler: (ctx) => {
      const first = ctx.body.firstUnreadMessage as { _id: string } | undefined;
      const msg = first ? ctx.app.store.findMessage(first._id) : undefined;
      const rid = typeof ctx.body.roomId === 'string' ? ctx.body.roomId : msg?.rid;
      if (!rid)
        throw new MeteorError('error-action-not-allowed', 'Not allowed', { method: 'unreadMessages' });
      const sub = ctx.app.store.subscription(rid, ctx.userId as string);
      if (!sub)
        throw new MeteorError('error-action-not-allowed', 'Not allowed', { method: 'unreadMessages' });
      Object.assign(sub, { alert: true, unread: Math.max(1, sub.unread), _updatedAt: new Date() });
      return success();
    },
  },
  {
    method: 'GET',
    path: '/api/v1/rooms.isMember',
    summary: 'Whether a user (userId or username) is a member of a room the caller can see',
    tags: ['Rooms'],
    auth: true,
    typed: true,
    validate: objectSchema({ roomId: str, roomName: str, userId: str, username: str }),
    handler: (ctx) => {
      // Rocket.Chat 8.x: the room by roomId (any type), then the user (a bare error-user-not-found),
      // then 403 when the caller cannot see the room.
      const room = findAnyRoom(ctx, { roomId: ctx.query.roomId });
      const store = ctx.app.store;
      const id = typeof ctx.query.userId === 'string' ? ctx.query.userId : undefined;
      const name = typeof ctx.query.username === 'string' ? ctx.query.username : undefined;
      const user = id ? store.users.get(id) : name ? store.findUserByUsername(name) : undefined;
      if (!user) return failure('error-user-not-found');
      if (!canAccessRoom(ctx, room)) return forbidden();
      return success({ isMember: !!store.subscription(room._id, user._id) });
    },
  },
  {
    method: 'POST',
    path: '/api/v1/rooms.favorite',
    summary: 'Mark a room as favorite or not for the caller',
    tags: ['Rooms'],
    auth: true,
    validate: objectSchema({ roomId: str, roomName: str, favorite: bool }, ['favorite']),
    handler: (ctx) => {
      const room = roomFrom(ctx, ctx.body);
      const sub = ctx.app.store.subscription(room._id, ctx.userId as string);
      if (!sub)
        throw new MeteorError('error-invalid-subscription', 'You must be joined to favorite this room', {
          method: 'toggleFavorite',
        });
      Object.assign(sub, { f: ctx.body.favorite === true, _updatedAt: new Date() });
      return success();
    },
  },
  {
    method: 'POST',
    path: '/api/v1/rooms.leave',
    summary: 'Leave a room of any type',
    tags: ['Rooms'],
    auth: true,
    validate: objectSchema({ roomId: str, roomName: str }),
    handler: (ctx) => {
      leaveRoom(ctx, roomFrom(ctx, ctx.body));
      return success();
    },
  },
  {
    method: 'POST',
    path: '/api/v1/rooms.saveNotification',
    summary: "Save the caller's notification preferences for a room",
    tags: ['Rooms'],
    auth: true,
    validate: objectSchema({ roomId: str, notifications: { type: 'object' } }, ['roomId', 'notifications']),
    handler: (ctx) => {
      const notifications = ctx.body.notifications as Record<string, unknown>;
      if (Object.keys(notifications).length === 0)
        throw new MeteorError('error-invalid-params', "The 'notifications' param is missing.");
      const sub = ctx.app.store.subscription(String(ctx.body.roomId), ctx.userId as string);
      if (!sub)
        throw new MeteorError('error-invalid-subscription', 'Invalid subscription', {
          method: 'saveNotificationSettings',
        });
      Object.assign(sub, notifications, { _updatedAt: new Date() });
      return success();
    },
  },
];
