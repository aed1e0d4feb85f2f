// rooms.get, rooms.info
import { MeteorError, failure, success } from '../errors';
import type { RouteSpec } from '../framework';
import { objectSchema, str } from '../validation';
import { canAccessRoom, roomView } from './common';

export const roomRoutes: RouteSpec[] = [
  {
    method: 'GET',
    path: '/api/v1/rooms.get',
    summary: "The caller's rooms; with updatedSince only those changed after it",
    tags: ['Rooms'],
    auth: true,
    validate: objectSchema({ updatedSince: str }),
    handler: (ctx) => {
      const store = ctx.app.store;
      let since: Date | undefined;
      if (typeof ctx.query.updatedSince === 'string') {
        since = new Date(ctx.query.updatedSince);
        if (Number.isNaN(since.getTime()))
          throw new MeteorError(
            'error-updatedSince-param-invalid',
            'The "updatedSince" query parameter must be a valid date.',
          );
      }
      const update: Record<string, unknown>[] = [];
      for (const rid of store.userRooms.get(ctx.userId as string) ?? []) {
        const room = store.rooms.get(rid);
        if (!room) continue;
        store.materialize(rid);
        if (since && room._updatedAt.getTime() <= since.getTime()) continue;
        update.push(roomView(room));
      }
      return success({ update, remove: [] });
    },
  },
  {
    method: 'GET',
    path: '/api/v1/rooms.info',
    summary: 'One room of any type by roomId or roomName, if the caller can access it',
    tags: ['Rooms'],
    auth: true,
    validate: {
      anyOf: [
        objectSchema({ roomId: str, fields: str }, ['roomId']),
        objectSchema({ roomName: str, fields: str }, ['roomName']),
      ],
    },
    handler: (ctx) => {
      const store = ctx.app.store;
      const room =
        typeof ctx.query.roomId === 'string'
          ? (store.rooms.get(ctx.query.roomId) ?? store.roomsByName.get(ctx.query.roomId))
          : store.roomsByName.get(String(ctx.query.roomName));
      if (!room || !canAccessRoom(ctx, room)) return failure('not-allowed', 'Not Allowed');
      store.materialize(room._id);
      return success({ room: roomView(room) });
    },
  },
];
