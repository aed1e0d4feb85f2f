// channels.*
import type { ApiResult } from '../errors';
import { MeteorError, failure, forbidden, success } from '../errors';
import type { Ctx, RouteSpec } from '../framework';
import { parseJsonQuery } from '../json-query';
import { hasPermission } from '../permissions';
import type { RoomDoc, UserDoc } from '../types';
import { num, objectSchema, paginationProps, str } from '../validation';
import {
  canAccessRoom,
  envelope,
  findRoomByIdOrName,
  hasRoomPermission,
  listRooms,
  roomView,
  roomsEnvelope,
} from './common';
import {
  canInTeam,
  createRoom,
  history,
  membersPage,
  messagesPage,
  subscribe,
  teamOfCreate,
  unsubscribe,
} from './room-ops';
import { systemMessage } from './system-messages';
import { teamOfRoom } from './team-table';

const roomTarget = { roomId: str, roomName: str };
const historyProps = {
  ...roomTarget,
  latest: str,
  oldest: str,
  inclusive: { type: 'string', enum: ['false', 'true'] },
  unreads: { type: 'string', enum: ['true', 'false'] },
  showThreadMessages: { type: 'string', enum: ['false', 'true'] },
  count: num,
  offset: num,
  sort: str,
};

/**
 * Whole-response cache for channels.list without caller query/fields (the explorer pages through
 * it constantly): keyed by the store's room version, the visibility and the paging parameters.
 */
const listCache = new WeakMap<object, { version: number; entries: Map<string, ApiResult> }>();

function channelsList(ctx: Ctx): ApiResult {
  const jq = parseJsonQuery(ctx);
  const store = ctx.app.store;
  const cacheable = !jq.usedUnsafe && ctx.query._id === undefined && hasPermission(ctx.user, 'view-c-room');
  let slot = listCache.get(store);
  if (!slot || slot.version !== store.roomsVersion)
    listCache.set(store, (slot = { version: store.roomsVersion, entries: new Map() }));
  const key = cacheable ? JSON.stringify([ctx.query.count, ctx.query.offset, ctx.query.sort]) : '';
  const hit = cacheable ? slot.entries.get(key) : undefined;
  if (hit) return hit;
  const result = channelsListUncached(ctx, jq);
  if (cacheable && typeof result.raw === 'string') {
    const buffered: ApiResult = { status: 200, body: null, raw: Buffer.from(result.raw) };
    if (slot.entries.size >= 64) slot.entries.clear();
    // materialize() during the build may have bumped the version: store under the current one.
    if (slot.version !== store.roomsVersion)
      listCache.set(store, (slot = { version: store.roomsVersion, entries: new Map() }));
    slot.entries.set(key, buffered);
    return buffered;
  }
  return result;
}

function channelsListUncached(ctx: Ctx, jq: ReturnType<typeof parseJsonQuery>): ApiResult {
  const store = ctx.app.store;
  let docs: readonly RoomDoc[] = store.roomsOfType('c');
  if (typeof ctx.query._id === 'string') docs = docs.filter((r) => r._id === ctx.query._id);
  if (!hasPermission(ctx.user, 'view-c-room')) {
    const mine = store.userRooms.get(ctx.userId as string) ?? new Set();
    docs = docs.filter((r) => mine.has(r._id));
  }
  return roomsEnvelope('channels', listRooms(ctx, docs, jq));
}

export function joinedRooms(ctx: Ctx, t: 'c' | 'p' | 'd'): RoomDoc[] {
  const store = ctx.app.store;
  const out: RoomDoc[] = [];
  for (const rid of store.userRooms.get(ctx.userId as string) ?? []) {
    const r = store.rooms.get(rid);
    if (r && r.t === t) out.push(r);
  }
  return out.sort((a, b) => ((a.name ?? '') < (b.name ?? '') ? -1 : (a.name ?? '') > (b.name ?? '') ? 1 : 0));
}

function channelOut(ctx: Ctx, room: RoomDoc) {
  ctx.app.store.materialize(room._id);
  return roomView(room);
}

export const channelRoutes: RouteSpec[] = [
  {
    method: 'GET',
    path: '/api/v1/channels.list',
    summary: 'Public channels, paginated (default sort name ascending)',
    tags: ['Channels'],
    auth: true,
    permissions: { any: ['view-c-room', 'view-joined-room'] },
    validate: objectSchema({ _id: str, ...paginationProps }),
    handler: channelsList,
  },
  {
    method: 'GET',
    path: '/api/v1/channels.list.joined',
    summary: 'Public channels the caller has joined',
    tags: ['Channels'],
    auth: true,
    // The route has no validateParams: other keys (a roomId, say) are ignored, not refused.
    validate: objectSchema({ ...paginationProps }, [], true),
    handler: (ctx) => {
      const jq = parseJsonQuery(ctx);
      return roomsEnvelope('channels', listRooms(ctx, joinedRooms(ctx, 'c'), jq), true);
    },
  },
  {
    method: 'GET',
    path: '/api/v1/channels.info',
    summary: 'One channel by roomId or roomName',
    tags: ['Channels'],
    auth: true,
    validate: objectSchema(roomTarget),
    handler: (ctx) => {
      const room = findRoomByIdOrName(ctx, 'c', ctx.query);
      if (!canAccessRoom(ctx, room)) return forbidden();
      return success({ channel: channelOut(ctx, room) });
    },
  },
  {
    method: 'POST',
    path: '/api/v1/channels.create',
    summary: 'Create a public channel',
    tags: ['Channels'],
    auth: true,
    validate: objectSchema(
      {
        name: str,
        members: { type: 'array', items: str },
        readOnly: { type: 'boolean' },
        excludeSelf: { type: 'boolean' },
        customFields: { type: 'object' },
        extraData: { type: 'object' },
        teams: { type: 'array', items: str },
      },
      [],
      false,
    ),
    handler: (ctx) => {
      // createChannelValidator: create-c, or create-team-channel in the team's main room for extraData.teamId.
      const team = teamOfCreate(ctx);
      if (
        team === null
          ? !hasPermission(ctx.user, 'create-c')
          : team && !canInTeam(ctx, team, 'create-team-channel')
      )
        return forbidden();
      if (!ctx.body.name) return failure('Param "name" is required');
      const room = createRoom(ctx, 'c', ctx.body);
      return success({ channel: channelOut(ctx, room) });
    },
  },
  {
    method: 'GET',
    path: '/api/v1/channels.history',
    summary: 'Messages of a channel, newest first, between oldest and latest',
    tags: ['Channels'],
    auth: true,
    validate: {
      oneOf: [objectSchema({ ...historyProps }, ['roomId']), objectSchema({ ...historyProps }, ['roomName'])],
    },
    handler: (ctx) => {
      const room = findRoomByIdOrName(ctx, 'c', ctx.query);
      if (!canAccessRoom(ctx, room)) return forbidden();
      return success(history(ctx, room));
    },
  },
  {
    method: 'GET',
    path: '/api/v1/channels.members',
    summary: 'Members of a channel, paginated',
    tags: ['Channels'],
    auth: true,
    validate: objectSchema({
      ...roomTarget,
      ...paginationProps,
      filter: str,
      status: { type: 'array', items: str },
    }),
    handler: (ctx) => {
      const room = findRoomByIdOrName(ctx, 'c', ctx.query);
      if (!canAccessRoom(ctx, room)) return forbidden();
      if (room.broadcast === true && !hasRoomPermission(ctx, room, 'view-broadcast-member-list'))
        return forbidden();
      const { members, offset, total } = membersPage(ctx, room);
      return envelope('members', members, offset, total);
    },
  },
  {
    method: 'GET',
    path: '/api/v1/channels.messages',
    summary: 'Messages of a channel with query/sort/pagination (default sort ts descending)',
    tags: ['Channels'],
    auth: true,
    permissions: { all: ['view-c-room'] },
    validate: objectSchema({
      ...roomTarget,
      mentionIds: str,
      starredIds: str,
      pinned: str,
      ...paginationProps,
    }),
    handler: (ctx) => {
      const room = findRoomByIdOrName(ctx, 'c', ctx.query);
      if (!canAccessRoom(ctx, room)) return forbidden();
      const { messages, offset, total } = messagesPage(ctx, room);
      return envelope('messages', messages, offset, total);
    },
  },
  {
    method: 'POST',
    path: '/api/v1/channels.join',
    summary: 'Join a public channel',
    tags: ['Channels'],
    auth: true,
    validate: objectSchema({ ...roomTarget, joinCode: str }),
    handler: (ctx) => {
      const room = findRoomByIdOrName(ctx, 'c', ctx.body);
      // Room.join: a coded room needs the code unless join-without-join-code; none at all is its own error.
      if (room.joinCode && !hasPermission(ctx.user, 'join-without-join-code')) {
        if (!ctx.body.joinCode)
          throw new MeteorError('error-code-required', 'Code required', { method: 'joinRoom' });
        if (room.joinCode !== ctx.body.joinCode)
          throw new MeteorError('error-code-invalid', 'Invalid Room Password', { method: 'joinRoom' });
      }
      if (subscribe(ctx, room, ctx.user as UserDoc))
        systemMessage(ctx, room, 'uj', (ctx.user as UserDoc).username);
      return success({ channel: channelOut(ctx, room) });
    },
  },
  {
    method: 'POST',
    path: '/api/v1/channels.addAll',
    summary: 'Add every user (activeUsersOnly: the active ones) to a channel (add-all-to-room)',
    tags: ['Channels'],
    auth: true,
    validate: objectSchema({ ...roomTarget, activeUsersOnly: { type: ['boolean', 'string', 'number'] } }),
    handler: (ctx) => {
      const room = findRoomByIdOrName(ctx, 'c', ctx.body);
      if (!hasPermission(ctx.user, 'add-all-to-room'))
        throw new MeteorError('error-not-allowed', 'Not allowed', { method: 'addAllToRoom' });
      const active = [true, 'true', 1, '1'].includes(ctx.body.activeUsersOnly as never);
      for (const u of ctx.app.store.users.values())
        if ((!active || u.active) && subscribe(ctx, room, u)) systemMessage(ctx, room, 'uj', u.username);
      return success({ channel: channelOut(ctx, room) });
    },
  },
  {
    method: 'POST',
    path: '/api/v1/channels.leave',
    summary: 'Leave a public channel',
    tags: ['Channels'],
    auth: true,
    validate: objectSchema(roomTarget),
    handler: (ctx) => {
      const room = findRoomByIdOrName(ctx, 'c', ctx.body);
      leaveRoom(ctx, room);
      return success({ channel: channelOut(ctx, room) });
    },
  },
  {
    method: 'POST',
    path: '/api/v1/channels.setTopic',
    summary: 'Set the topic of a channel (edit-room)',
    tags: ['Channels'],
    auth: true,
    validate: objectSchema({ ...roomTarget, topic: str }),
    handler: (ctx) => setTopic(ctx, findRoomByIdOrName(ctx, 'c', ctx.body)),
  },
  {
    method: 'POST',
    path: '/api/v1/channels.delete',
    summary: 'Delete a public channel (delete-c)',
    tags: ['Channels'],
    auth: true,
    validate: objectSchema(roomTarget),
    handler: (ctx) => {
      const room = findRoomByIdOrName(ctx, 'c', ctx.body);
      eraseRoom(ctx, room);
      return success();
    },
  },
];

export function leaveRoom(ctx: Ctx, room: RoomDoc): void {
  const store = ctx.app.store;
  // Rocket.Chat's leaveRoom: a DM cannot be left, and leave-c / leave-p come before membership.
  if (room.t === 'd' || !hasPermission(ctx.user, room.t === 'c' ? 'leave-c' : 'leave-p'))
    throw new MeteorError('error-not-allowed', 'Not allowed', { method: 'leaveRoom' });
  const sub = store.subscription(room._id, ctx.userId as string);
  if (!sub)
    throw new MeteorError('error-user-not-in-room', 'You are not in this room', { method: 'leaveRoom' });
  if (sub.roles?.includes('owner')) {
    const owners = store
      .members(room._id)
      .filter((uid) => store.subscription(room._id, uid)?.roles?.includes('owner'));
    if (owners.length === 1 && store.members(room._id).length > 1) {
      throw new MeteorError(
        'error-you-are-last-owner',
        'You are the last owner. Please set new owner before leaving the room.',
        { method: 'leaveRoom' },
      );
    }
  }
  unsubscribe(ctx, room, ctx.userId as string);
  systemMessage(ctx, room, 'ul', (ctx.user as UserDoc).username);
}

export function setTopic(ctx: Ctx, room: RoomDoc) {
  // Rocket.Chat checks that the key is present, not that it is non-empty: "" clears the topic.
  if (!Object.hasOwn(ctx.body, 'topic')) return failure('The bodyParam "topic" is required');
  const topic = String(ctx.body.topic ?? '');
  if (room.topic === topic) return failure('The channel topic is the same as what it would be changed to.');
  if (!hasRoomPermission(ctx, room, 'edit-room')) {
    throw new MeteorError('error-action-not-allowed', 'Editing room is not allowed', {
      method: 'saveRoomSettings',
      action: 'Editing_room',
    });
  }
  room.topic = topic;
  room._updatedAt = new Date();
  ctx.app.store.touchRooms();
  systemMessage(ctx, room, 'room_changed_topic', topic);
  return success({ topic });
}

export function eraseRoom(ctx: Ctx, room: RoomDoc): void {
  if (!hasRoomPermission(ctx, room, `delete-${room.t}`))
    throw new MeteorError('error-not-allowed', 'Not allowed', { method: 'eraseRoom' });
  // A team's room also needs delete-team-channel / delete-team-group in the team's main room.
  const team = teamOfRoom(ctx, room);
  const main = team && !room.teamMain ? ctx.app.store.rooms.get(team.roomId) : undefined;
  if (team && !canInTeam(ctx, team, `delete-team-${room.t === 'c' ? 'channel' : 'group'}`))
    throw new MeteorError('error-not-allowed', 'Not allowed', { method: 'eraseRoom' });
  ctx.app.store.removeRoom(room._id);
  if (main) systemMessage(ctx, main, 'user-deleted-room-from-team', room.name ?? '');
}
