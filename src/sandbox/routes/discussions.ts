// Discussions of a room: rooms.getDiscussions (the child rooms, by fname) and chat.getDiscussions
// (the discussion-created messages of the parent, newest first), as Rocket.Chat 8.x answers them.
import { MeteorError, failure } from '../errors';
import type { RouteSpec } from '../framework';
import { getPaginationItems, paginate } from '../pagination';
import type { RoomDoc } from '../types';
import { objectSchema, paginationProps, str } from '../validation';
import { canAccessRoom, envelope, roomView } from './common';

const byFname = (a: RoomDoc, b: RoomDoc): number => {
  const x = a.fname ?? a.name ?? '';
  const y = b.fname ?? b.name ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
};

const contains = (text: unknown) => {
  const needle = typeof text === 'string' ? text.toLowerCase() : '';
  return (value: string | undefined): boolean => !needle || (value ?? '').toLowerCase().includes(needle);
};

export const discussionRoutes: RouteSpec[] = [
  {
    method: 'GET',
    path: '/api/v1/rooms.getDiscussions',
    summary: 'Discussions (child rooms) of a room by roomId or roomName, sorted by name, paginated',
    tags: ['Rooms'],
    auth: true,
    validate: objectSchema({ roomId: str, roomName: str, text: str, ...paginationProps }),
    handler: (ctx) => {
      const { roomId, roomName } = ctx.query;
      const id = typeof roomId === 'string' ? roomId.trim() : '';
      const name = typeof roomName === 'string' ? roomName.trim() : '';
      if (!id && !name)
        throw new MeteorError(
          'error-roomid-param-not-provided',
          'The parameter "roomId" or "roomName" is required',
        );
      const store = ctx.app.store;
      const room = id ? store.rooms.get(id) : store.roomsByName.get(name);
      if (!room || !canAccessRoom(ctx, room)) return failure('not-allowed', 'Not Allowed');
      const page = getPaginationItems(ctx.app.settings, ctx.query);
      const match = contains(ctx.query.text);
      const all = [...store.rooms.values()]
        .filter((r) => r.prid === room._id && match(r.fname ?? r.name))
        .sort(byFname);
      return envelope('discussions', paginate(all, page).map(roomView), page.offset, all.length);
    },
  },
  {
    method: 'GET',
    path: '/api/v1/chat.getDiscussions',
    summary: 'Messages of a room that started a discussion, newest first; text filters by name',
    tags: ['Chat'],
    auth: true,
    typed: true,
    validate: objectSchema({ roomId: str, text: str, ...paginationProps }, ['roomId']),
    handler: (ctx) => {
      const store = ctx.app.store;
      const room = store.rooms.get(String(ctx.query.roomId));
      // canAccessRoomIdAsync fails with a plain Error: the body's error is the bare code.
      if (!room || !canAccessRoom(ctx, room)) return failure('error-not-allowed');
      const page = getPaginationItems(ctx.app.settings, ctx.query);
      const match = contains(ctx.query.text);
      const all = store
        .messagesOf(room._id)
        .filter((m) => typeof m.drid === 'string' && match(m.msg))
        .reverse();
      return envelope('messages', paginate(all, page), page.offset, all.length);
    },
  },
];
