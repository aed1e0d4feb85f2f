// im.* (direct messages)
import { MeteorError, forbidden, success } from '../errors';
import type { Ctx, RouteSpec } from '../framework';
import { parseJsonQuery } from '../json-query';
import { hasPermission } from '../permissions';
import type { RoomDoc, UserDoc } from '../types';
import { num, objectSchema, paginationProps, str } from '../validation';
import { joinedRooms } from './channels';
import { envelope, listRooms, roomView, roomsEnvelope } from './common';
import { history, messagesPage, subscribe } from './room-ops';

/**
 * findDirectMessageRoom: by roomId, or by the other user's username. The caller must belong to it
 * unless `requireMember` is false (routes that answer a non-member with 403 themselves).
 */
export function findDm(ctx: Ctx, source: Record<string, unknown>, requireMember = true): RoomDoc {
  const store = ctx.app.store;
  const roomId = typeof source.roomId === 'string' ? source.roomId : undefined;
  const username = typeof source.username === 'string' ? source.username : undefined;
  if (!roomId && !username)
    throw new MeteorError('error-room-param-not-provided', 'Body param "roomId" or "username" is required');
  let room: RoomDoc | undefined;
  if (roomId) room = store.rooms.get(roomId);
  else {
    const other = store.findUserByUsername(username as string);
    const me = ctx.user as UserDoc;
    if (other) {
      const ids = [me._id, other._id].sort();
      room =
        store.rooms.get(ids.join('')) ??
        [...(store.userRooms.get(me._id) ?? [])]
          .map((r) => store.rooms.get(r))
          .find(
            (r) =>
              r?.t === 'd' && r.uids?.includes(other._id) && (r.uids.length === 2 || other._id === me._id),
          );
    }
  }
  if (!room || room.t !== 'd' || (requireMember && !store.subscription(room._id, ctx.userId as string))) {
    throw new MeteorError(
      'error-room-not-found',
      'The required "roomId" or "username" param provided does not match any direct message',
    );
  }
  return room;
}

/** createDirectMessage: reuses an existing DM between the same users. */
function createDm(ctx: Ctx, usernames: string[], excludeSelf: boolean): RoomDoc {
  const store = ctx.app.store;
  const me = ctx.user as UserDoc;
  const others: UserDoc[] = [];
  for (const name of usernames) {
    const u = store.findUserByUsername(name);
    if (!u) throw new MeteorError('error-invalid-user', 'Invalid user', { method: 'createDirectMessage' });
    if (!others.some((o) => o._id === u._id)) others.push(u);
  }
  if (!hasPermission(me, 'create-d'))
    throw new MeteorError('error-not-allowed', 'Not allowed', { method: 'createDirectMessage' });
  const members = excludeSelf ? others : [me, ...others.filter((o) => o._id !== me._id)];
  if (members.length === 0) members.push(me);
  const sorted = [...members].sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0));
  const rid = sorted.length === 1 ? `${me._id}${me._id}` : sorted.map((u) => u._id).join('');
  let room = store.rooms.get(rid);
  if (!room) {
    const now = new Date();
    room = {
      _id: rid,
      t: 'd',
      // Members in the order they were given (the caller first): subscription names follow it.
      usernames: members.map((u) => u.username),
      uids: members.map((u) => u._id),
      usersCount: sorted.length,
      msgs: 0,
      ts: now,
      _updatedAt: now,
      default: false,
      ro: false,
      sysMes: true,
    };
    store.addRoom(room);
  }
  for (const u of members) subscribe(ctx, room, u);
  return room;
}

const dmTarget = { roomId: str, username: str };

const imRouteList: RouteSpec[] = [
  {
    method: 'GET',
    path: '/api/v1/im.list',
    summary: 'Direct message rooms of the caller',
    tags: ['Direct Messages'],
    auth: true,
    validate: objectSchema({ ...paginationProps }),
    handler: (ctx) => {
      const jq = parseJsonQuery(ctx);
      return roomsEnvelope('ims', listRooms(ctx, joinedRooms(ctx, 'd'), jq), true);
    },
  },
  {
    method: 'GET',
    path: '/api/v1/im.history',
    summary: 'Messages of a direct message room, newest first',
    tags: ['Direct Messages'],
    auth: true,
    validate: objectSchema(
      {
        roomId: str,
        latest: str,
        oldest: str,
        inclusive: str,
        unreads: str,
        showThreadMessages: str,
        count: num,
        offset: num,
        sort: str,
      },
      ['roomId'],
    ),
    handler: (ctx) => success(history(ctx, findDm(ctx, ctx.query))),
  },
  {
    method: 'GET',
    path: '/api/v1/im.messages',
    summary: 'Messages of a direct message room by roomId or username, paginated',
    tags: ['Direct Messages'],
    auth: true,
    // rest-typings 8.x also allows the mentionIds / starredIds / pinned filters here.
    validate: objectSchema({
      ...dmTarget,
      mentionIds: str,
      starredIds: str,
      pinned: str,
      ...paginationProps,
    }),
    handler: (ctx) => {
      const room = findDm(ctx, ctx.query, false);
      if (!ctx.app.store.subscription(room._id, ctx.userId as string)) return forbidden();
      const { messages, offset, total } = messagesPage(ctx, room);
      return envelope('messages', messages, offset, total);
    },
  },
  {
    method: 'POST',
    path: '/api/v1/im.create',
    summary:
      'Open (or reuse) a direct message room with one user (username) or several (usernames, comma separated)',
    tags: ['Direct Messages'],
    auth: true,
    validate: {
      oneOf: [
        objectSchema({ username: str, excludeSelf: { type: 'boolean' } }, ['username']),
        objectSchema({ usernames: str, excludeSelf: { type: 'boolean' } }, ['usernames']),
      ],
    },
    handler: (ctx) => {
      const names =
        typeof ctx.body.username === 'string'
          ? [ctx.body.username]
          : String(ctx.body.usernames)
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean);
      const room = createDm(ctx, names, ctx.body.excludeSelf === true);
      return success({ room: { ...roomView(room), rid: room._id } });
    },
  },
];

/** im.* (legacy addRoute) and their dm.* twins, which Rocket.Chat 8.x serves from the new typed router. */
export const imRoutes: RouteSpec[] = [
  ...imRouteList,
  ...imRouteList.map((r) => ({ ...r, path: r.path.replace('/im.', '/dm.'), typed: true })),
];
