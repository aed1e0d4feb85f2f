// More im.* routes (and their dm.* twins): open/close, counters, files, members, setTopic, delete,
// list.everyone, messages.others.
import { MeteorError, failure, forbidden, success } from '../errors';
import type { RouteSpec } from '../framework';
import { parseJsonQuery } from '../json-query';
import { getPaginationItems } from '../pagination';
import { hasPermission } from '../permissions';
import { objectSchema, paginationProps, str } from '../validation';
import { eraseRoom } from './channels';
import { envelope, listRooms, roomsEnvelope } from './common';
import { findDm } from './im';
import { roomCounters } from './room-members';
import { membersPage, messagesPage } from './room-ops';

const tags = ['Direct Messages'];
const target = { roomId: str, username: str };

const imExtraList: RouteSpec[] = [
  {
    method: 'POST',
    path: '/api/v1/im.open',
    summary: 'Show a direct message in your sidebar',
    tags,
    auth: true,
    validate: objectSchema({ roomId: str }, ['roomId']),
    handler: (ctx) => {
      // Rocket.Chat 8.x checks access first: a DM the caller left or that was deleted is a 403.
      const target = ctx.app.store.rooms.get(String(ctx.body.roomId));
      if (!target || !ctx.app.store.subscription(target._id, ctx.userId as string)) return forbidden();
      const room = findDm(ctx, ctx.body);
      const sub = ctx.app.store.subscription(room._id, ctx.userId as string);
      if (sub && !sub.open) Object.assign(sub, { open: true, _updatedAt: new Date() });
      return success();
    },
  },
  {
    method: 'POST',
    path: '/api/v1/im.close',
    summary: 'Hide a direct message from your sidebar',
    tags,
    auth: true,
    // rest-typings 8.x declares userId too (Rocket.Chat's own test sends it).
    validate: objectSchema({ roomId: str, userId: str }, ['roomId']),
    handler: (ctx) => {
      const room = findDm(ctx, ctx.body);
      const sub = ctx.app.store.subscription(room._id, ctx.userId as string);
      if (!sub?.open)
        return failure(
          `The direct message room, ${String(ctx.body.roomId)}, is already closed to the sender`,
        );
      Object.assign(sub, { open: false, _updatedAt: new Date() });
      return success();
    },
  },
  {
    method: 'GET',
    path: '/api/v1/im.counters',
    summary: 'Unread and member counters of a direct message',
    tags,
    auth: true,
    validate: objectSchema({ roomId: str, userId: str }, ['roomId']),
    handler: (ctx) => {
      const room = findDm(ctx, ctx.query);
      const uid = typeof ctx.query.userId === 'string' ? ctx.query.userId : (ctx.userId as string);
      if (uid !== ctx.userId && !hasPermission(ctx.user, 'view-room-administration'))
        throw new MeteorError('error-not-allowed', 'Not allowed', { method: 'im.counters' });
      return success(roomCounters(ctx, room, uid));
    },
  },
  {
    method: 'GET',
    path: '/api/v1/im.files',
    summary: 'Files of a direct message (the sandbox stores none)',
    tags,
    auth: true,
    validate: objectSchema({ ...target, ...paginationProps }),
    handler: (ctx) => {
      findDm(ctx, ctx.query);
      const page = getPaginationItems(ctx.app.settings, ctx.query);
      return envelope('files', [], page.offset, 0);
    },
  },
  {
    method: 'GET',
    path: '/api/v1/im.members',
    summary: 'Members of a direct message, paginated',
    tags,
    auth: true,
    validate: objectSchema({
      ...target,
      ...paginationProps,
      filter: str,
      status: { type: 'array', items: str },
    }),
    handler: (ctx) => {
      const { members, offset, total } = membersPage(ctx, findDm(ctx, ctx.query));
      return envelope('members', members, offset, total);
    },
  },
  {
    method: 'POST',
    path: '/api/v1/im.setTopic',
    summary: 'Set the topic of a direct message',
    tags,
    auth: true,
    validate: objectSchema({ roomId: str, topic: str }, ['roomId']),
    handler: (ctx) => {
      const room = findDm(ctx, ctx.body);
      if (!Object.hasOwn(ctx.body, 'topic')) return failure('The bodyParam "topic" is required');
      room.topic = String(ctx.body.topic ?? '');
      room._updatedAt = new Date();
      ctx.app.store.touchRooms();
      return success({ topic: room.topic });
    },
  },
  {
    method: 'POST',
    path: '/api/v1/im.delete',
    summary: 'Delete a direct message (delete-d)',
    tags,
    auth: true,
    validate: objectSchema(target),
    handler: (ctx) => {
      eraseRoom(ctx, findDm(ctx, ctx.body));
      return success();
    },
  },
  {
    method: 'GET',
    path: '/api/v1/im.list.everyone',
    summary: 'Every direct message of the workspace (view-room-administration)',
    tags,
    auth: true,
    permissions: { all: ['view-room-administration'] },
    validate: objectSchema({ ...paginationProps }),
    handler: (ctx) =>
      roomsEnvelope('ims', listRooms(ctx, ctx.app.store.roomsOfType('d'), parseJsonQuery(ctx))),
  },
  {
    method: 'GET',
    path: '/api/v1/im.messages.others',
    summary: "Messages of someone else's direct message (view-room-administration; off by default)",
    tags,
    auth: true,
    permissions: { all: ['view-room-administration'] },
    validate: objectSchema({ roomId: str, ...paginationProps }, ['roomId']),
    handler: (ctx) => {
      if (!ctx.app.settings.bool('API_Enable_Direct_Message_History_EndPoint'))
        throw new MeteorError('error-endpoint-disabled', 'This endpoint is disabled', {
          route: '/api/v1/im.messages.others',
        });
      const room = ctx.app.store.rooms.get(String(ctx.query.roomId));
      if (!room || room.t !== 'd')
        throw new MeteorError(
          'error-room-not-found',
          `No direct message room found by the id of: ${String(ctx.query.roomId)}`,
        );
      const { messages, offset, total } = messagesPage(ctx, room);
      return envelope('messages', messages, offset, total);
    },
  },
];

/** The same routes under dm.* (served by the typed router in 8.x). */
export const imExtraRoutes: RouteSpec[] = [
  ...imExtraList,
  ...imExtraList.map((r) => ({ ...r, path: r.path.replace('/im.', '/dm.'), typed: true })),
];
