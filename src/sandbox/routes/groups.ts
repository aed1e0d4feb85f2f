// groups.* (private groups: the caller must be a member)
import { MeteorError, failure, forbidden, success } from '../errors';
import type { RouteSpec } from '../framework';
import { parseJsonQuery } from '../json-query';
import { hasPermission } from '../permissions';
import { num, objectSchema, paginationProps, str } from '../validation';
import { joinedRooms } from './channels';
import { envelope, findRoomByIdOrName, listRooms, roomView, roomsEnvelope } from './common';
import { canInTeam, createRoom, history, membersPage, teamOfCreate } from './room-ops';

const roomTarget = { roomId: str, roomName: str };

export const groupRoutes: RouteSpec[] = [
  {
    method: 'GET',
    path: '/api/v1/groups.list',
    summary: 'Private groups the caller belongs to',
    tags: ['Groups'],
    auth: true,
    validate: objectSchema({ ...paginationProps }),
    handler: (ctx) => {
      const jq = parseJsonQuery(ctx);
      return roomsEnvelope('groups', listRooms(ctx, joinedRooms(ctx, 'p'), jq), true);
    },
  },
  {
    method: 'GET',
    path: '/api/v1/groups.info',
    summary: 'One private group by roomId or roomName',
    tags: ['Groups'],
    auth: true,
    validate: objectSchema(roomTarget),
    handler: (ctx) => {
      const room = findRoomByIdOrName(ctx, 'p', ctx.query);
      ctx.app.store.materialize(room._id);
      return success({ group: roomView(room) });
    },
  },
  {
    method: 'GET',
    path: '/api/v1/groups.history',
    summary: 'Messages of a private group, newest first',
    tags: ['Groups'],
    auth: true,
    validate: objectSchema({
      ...roomTarget,
      latest: str,
      oldest: str,
      inclusive: str,
      unreads: str,
      showThreadMessages: str,
      count: num,
      offset: num,
      sort: str,
    }),
    handler: (ctx) => success(history(ctx, findRoomByIdOrName(ctx, 'p', ctx.query))),
  },
  {
    method: 'GET',
    path: '/api/v1/groups.members',
    summary: 'Members of a private group, paginated',
    tags: ['Groups'],
    auth: true,
    validate: objectSchema({
      ...roomTarget,
      ...paginationProps,
      filter: str,
      status: { type: 'array', items: str },
    }),
    handler: (ctx) => {
      const room = findRoomByIdOrName(ctx, 'p', ctx.query);
      const { members, offset, total } = membersPage(ctx, room);
      return envelope('members', members, offset, total);
    },
  },
  {
    method: 'POST',
    path: '/api/v1/groups.create',
    summary: 'Create a private group',
    tags: ['Groups'],
    auth: true,
    validate: objectSchema({
      name: str,
      members: { type: 'array', items: str },
      readOnly: { type: 'boolean' },
      excludeSelf: { type: 'boolean' },
      customFields: { type: 'object' },
      extraData: { type: 'object' },
    }),
    handler: (ctx) => {
      if (!hasPermission(ctx.user, 'create-p')) return forbidden();
      if (!ctx.body.name) return failure('Body param "name" is required');
      // createPrivateGroup: a team room needs create-team-group in the team's main room.
      const team = teamOfCreate(ctx);
      if (team === undefined)
        throw new MeteorError('error-team-not-found', 'The "teamId" param provided does not match any team', {
          method: 'createPrivateGroup',
        });
      if (team && !canInTeam(ctx, team, 'create-team-group'))
        throw new MeteorError('error-not-allowed', 'Not allowed', { method: 'createPrivateGroup' });
      const room = createRoom(ctx, 'p', ctx.body);
      return success({ group: roomView(room) });
    },
  },
];
