// rooms.createDiscussion, rooms.cleanHistory, rooms.autocomplete.* as Rocket.Chat 8.x answers them.
import { MeteorError, failure, success } from '../errors';
import type { Ctx, RouteSpec } from '../framework';
import { randomId } from '../prng';
import type { RoomDoc, UserDoc } from '../types';
import { bool, num, objectSchema, str } from '../validation';
import { canAccessRoom, hasRoomPermission, roomView } from './common';
import { insertMessage } from './chat';
import { subscribe } from './room-ops';

function createDiscussion(ctx: Ctx) {
  const b = ctx.body;
  if (typeof b.prid !== 'string' || !b.prid) return failure('Body parameter "prid" is required.');
  if (typeof b.t_name !== 'string' || !b.t_name) return failure('Body parameter "t_name" is required.');
  if (b.users !== undefined && !Array.isArray(b.users))
    return failure('Body parameter "users" must be an array.');
  const method = { method: 'createDiscussion' };
  if (!ctx.app.settings.bool('Discussion_enabled'))
    throw new MeteorError('error-action-not-allowed', 'You are not allowed to create a discussion', method);
  const store = ctx.app.store;
  const parent = store.rooms.get(b.prid);
  if (!parent) throw new MeteorError('error-invalid-room', 'Invalid room', method);
  if (!canAccessRoom(ctx, parent) || !hasRoomPermission(ctx, parent, 'start-discussion'))
    throw new MeteorError('error-action-not-allowed', 'You are not allowed to create a discussion', method);
  const owner = ctx.user as UserDoc;
  const now = new Date();
  const room: RoomDoc = {
    _id: randomId(),
    t: parent.t === 'd' ? 'p' : parent.t,
    name: randomId(),
    fname: b.t_name,
    prid: parent._id,
    topic: parent.fname ?? parent.name,
    u: { _id: owner._id, username: owner.username },
    ts: now,
    _updatedAt: now,
    msgs: 0,
    usersCount: 0,
    default: false,
    ro: false,
    sysMes: true,
    ...(typeof b.encrypted === 'boolean' && { encrypted: b.encrypted }),
  };
  store.addRoom(room);
  subscribe(ctx, room, owner, ['owner']);
  for (const name of (b.users as unknown[] | undefined) ?? []) {
    const u = typeof name === 'string' ? store.findUserByUsername(name) : undefined;
    if (u && u._id !== owner._id) subscribe(ctx, room, u);
  }
  parent.dcount = ((parent.dcount as number | undefined) ?? 0) + 1;
  // The parent room gets a discussion-created message pointing at the new room (chat.getDiscussions).
  Object.assign(insertMessage(ctx, parent, { msg: b.t_name }), { t: 'discussion-created', drid: room._id });
  store.touchRooms();
  // createRoom's answer: the room with `rid` ("backwards compatible") and `inserted` in front.
  return success({ discussion: { rid: room._id, inserted: true, ...roomView(room) } });
}

function autocomplete(ctx: Ctx, types: readonly string[], mineOnly: boolean) {
  const raw = ctx.query.selector;
  if (typeof raw !== 'string' || !raw)
    throw new MeteorError('error-invalid-params', "The 'selector' param is required");
  let name = '';
  try {
    const parsed: unknown = JSON.parse(raw);
    if (parsed && typeof parsed === 'object' && typeof (parsed as { name?: unknown }).name === 'string')
      name = (parsed as { name: string }).name.toLowerCase();
  } catch {
    throw new MeteorError('error-invalid-params', "The 'selector' param is required");
  }
  const mine = ctx.app.store.userRooms.get(ctx.userId as string) ?? new Set<string>();
  const items: Record<string, unknown>[] = [];
  for (const t of types) {
    for (const r of ctx.app.store.roomsOfType(t as 'c' | 'p')) {
      if (mineOnly && !mine.has(r._id) && !(t === 'c' && canAccessRoom(ctx, r))) continue;
      if (!(r.name ?? '').toLowerCase().includes(name)) continue;
      items.push({ _id: r._id, name: r.name, fname: r.fname, t: r.t });
      if (items.length >= 10) break;
    }
  }
  return success({ items: items.slice(0, 10) });
}

export const roomExtraRoutes: RouteSpec[] = [
  {
    method: 'POST',
    path: '/api/v1/rooms.createDiscussion',
    summary: 'Start a discussion (a child room) in a room: {prid, t_name, users?, reply?, pmid?}',
    tags: ['Rooms'],
    auth: true,
    validate: objectSchema(
      { prid: str, pmid: str, t_name: str, users: {}, reply: str, encrypted: bool, topic: str },
      [],
      true,
    ),
    handler: createDiscussion,
  },
  {
    method: 'POST',
    path: '/api/v1/rooms.cleanHistory',
    summary: 'Delete the messages of a room between oldest and latest (clean-channel-history)',
    tags: ['Rooms'],
    auth: true,
    validate: objectSchema(
      {
        roomId: str,
        latest: str,
        oldest: str,
        inclusive: bool,
        limit: num,
        excludePinned: bool,
        filesOnly: bool,
        ignoreThreads: bool,
        ignoreDiscussion: bool,
        users: { type: 'array', items: str },
      },
      ['roomId', 'latest', 'oldest'],
    ),
    handler: (ctx) => {
      const b = ctx.body;
      const latest = Date.parse(String(b.latest));
      const oldest = Date.parse(String(b.oldest));
      if (Number.isNaN(latest) || Number.isNaN(oldest))
        throw new MeteorError('error-invalid-date', 'Invalid date', { method: 'cleanRoomHistory' });
      const store = ctx.app.store;
      const room = store.rooms.get(String(b.roomId));
      if (!room || !hasRoomPermission(ctx, room, 'clean-channel-history'))
        throw new MeteorError('error-not-allowed', 'Not allowed', { method: 'cleanRoomHistory' });
      const inclusive = b.inclusive === true;
      const users = Array.isArray(b.users) ? (b.users as string[]) : [];
      const doomed = store.messagesOf(room._id).filter((m) => {
        const t = m.ts.getTime();
        const inRange = inclusive ? t >= oldest && t <= latest : t > oldest && t < latest;
        return (
          inRange &&
          !(b.excludePinned === true && m.pinned === true) &&
          !(b.ignoreThreads === true && m.tmid) &&
          (users.length === 0 || users.includes(m.u.username))
        );
      });
      const limited = typeof b.limit === 'number' && b.limit > 0 ? doomed.slice(0, b.limit) : doomed;
      for (const m of limited) store.removeMessage(m._id);
      room.msgs = Math.max(0, room.msgs - limited.length);
      store.touchRooms();
      return success({ _id: room._id, count: limited.length });
    },
  },
  {
    method: 'GET',
    path: '/api/v1/rooms.autocomplete.channelAndPrivate',
    summary: 'Up to 10 channels and private groups whose name contains selector.name',
    tags: ['Rooms'],
    auth: true,
    validate: objectSchema({ selector: str }, ['selector']),
    handler: (ctx) => autocomplete(ctx, ['c', 'p'], true),
  },
  {
    method: 'GET',
    path: '/api/v1/rooms.autocomplete.adminRooms',
    summary: 'Room name completion for administrators (view-room-administration)',
    tags: ['Rooms'],
    auth: true,
    permissions: { all: ['view-room-administration'] },
    validate: objectSchema({ selector: str }, ['selector']),
    handler: (ctx) => autocomplete(ctx, ['c', 'p'], false),
  },
];
