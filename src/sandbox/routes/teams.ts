// teams.*: a team is a main room (teamMain) plus rooms attached by teamId; its members are the main
// room's subscribers. Teams live beside the store, one table per sandbox.
import type { ApiResult } from '../errors';
import { MeteorError, failure, success } from '../errors';
import type { Ctx, RouteSpec } from '../framework';
import { getPaginationItems, paginate } from '../pagination';
import { hasPermission } from '../permissions';
import type { RoomDoc, UserDoc } from '../types';
import { num, objectSchema, paginationProps, str } from '../validation';
import { hasRoomPermission, roomView } from './common';
import { createRoom, subscribe, unsubscribe } from './room-ops';
import type { Team } from './team-table';
import { addTeam, teamNameTaken, teamsOf } from './team-table';

export { registerTeam } from './team-table';
export type { Team } from './team-table';

const tags = ['Teams'];
const teamTarget = { teamId: str, teamName: str };

function findTeam(ctx: Ctx, source: Record<string, unknown>): Team {
  const id = typeof source.teamId === 'string' ? source.teamId : '';
  const name = typeof source.teamName === 'string' ? source.teamName : '';
  if (!id && !name)
    throw new MeteorError('error-invalid-params', 'Provide either the "teamId" or "teamName"');
  const team = id ? teamsOf(ctx).get(id) : [...teamsOf(ctx).values()].find((t) => t.name === name);
  if (!team) throw new MeteorError('team-does-not-exist', 'Team not found');
  return team;
}

const mainRoom = (ctx: Ctx, team: Team): RoomDoc => ctx.app.store.rooms.get(team.roomId) as RoomDoc;

function assertTeamPermission(ctx: Ctx, team: Team, permission: string): void {
  if (!hasRoomPermission(ctx, mainRoom(ctx, team), permission))
    throw new MeteorError(
      'error-unauthorized',
      'User does not have the permissions required for this action',
    );
}

const teamView = (ctx: Ctx, team: Team) => ({
  ...team,
  rooms: [...ctx.app.store.rooms.values()].filter((r) => r.teamId === team._id && !r.teamMain).length,
  numberOfUsers: ctx.app.store.members(team.roomId).length,
});

function createTeam(ctx: Ctx): ApiResult {
  if (!hasPermission(ctx.user, 'create-team'))
    throw new MeteorError(
      'error-unauthorized',
      'User does not have the permissions required for this action',
    );
  const b = ctx.body;
  const name = String(b.name);
  if (teamNameTaken(ctx, name)) throw new MeteorError('team-name-already-exists', 'Team name already exists');
  const type = b.type === 1 ? 1 : 0;
  // Team.create takes members by id or by username (Users.findActiveByIdsOrUsernames).
  const members = Array.isArray(b.members)
    ? b.members.map(
        (m) => (ctx.app.store.users.get(String(m)) ?? ctx.app.store.findUserByUsername(String(m)))?.username,
      )
    : [];
  const room = createRoom(ctx, type === 1 ? 'p' : 'c', {
    name,
    members,
    ...((b.room as Record<string, unknown> | undefined)?.readOnly === true && { readOnly: true }),
  });
  return success({ team: addTeam(ctx, name, type, room) });
}

function listed(ctx: Ctx, teams: Team[]): ApiResult {
  const page = getPaginationItems(ctx.app.settings, ctx.query);
  const items = paginate(teams, page).map((t) => teamView(ctx, t));
  return success({ teams: items, total: teams.length, count: items.length, offset: page.offset });
}

export const teamRoutes: RouteSpec[] = [
  {
    method: 'POST',
    path: '/api/v1/teams.create',
    summary: 'Create a team (create-team): type 0 public, 1 private',
    tags,
    auth: true,
    validate: objectSchema(
      {
        name: str,
        type: { type: 'integer', enum: [0, 1] },
        members: { type: 'array', items: str },
        room: { type: 'object' },
        owner: str,
      },
      ['name', 'type'],
    ),
    handler: createTeam,
  },
  {
    method: 'GET',
    path: '/api/v1/teams.list',
    summary: "The caller's teams, paginated",
    tags,
    auth: true,
    validate: objectSchema({ ...paginationProps }),
    handler: (ctx) =>
      listed(
        ctx,
        [...teamsOf(ctx).values()].filter(
          (t) => !!ctx.app.store.subscription(t.roomId, ctx.userId as string),
        ),
      ),
  },
  {
    method: 'GET',
    path: '/api/v1/teams.listAll',
    summary: 'Every team (view-all-teams), paginated',
    tags,
    auth: true,
    permissions: { all: ['view-all-teams'] },
    validate: objectSchema({ ...paginationProps }),
    handler: (ctx) => listed(ctx, [...teamsOf(ctx).values()]),
  },
  {
    method: 'GET',
    path: '/api/v1/teams.info',
    summary: 'One team by teamId or teamName',
    tags,
    auth: true,
    validate: objectSchema(teamTarget),
    handler: (ctx) => {
      const team = findTeam(ctx, ctx.query);
      const room = mainRoom(ctx, team);
      if (
        room.t === 'p' &&
        !ctx.app.store.subscription(room._id, ctx.userId as string) &&
        !hasPermission(ctx.user, 'view-all-teams')
      )
        throw new MeteorError(
          'error-unauthorized',
          'User does not have the permissions required for this action',
        );
      return success({ teamInfo: teamView(ctx, team) });
    },
  },
  {
    method: 'GET',
    path: '/api/v1/teams.members',
    summary: 'Members of a team with their team roles, paginated',
    tags,
    auth: true,
    validate: objectSchema({
      ...teamTarget,
      status: { type: 'array', items: str },
      username: str,
      name: str,
      ...paginationProps,
    }),
    handler: (ctx) => {
      const team = findTeam(ctx, ctx.query);
      const page = getPaginationItems(ctx.app.settings, ctx.query);
      const all = ctx.app.store.members(team.roomId).map((uid) => {
        const u = ctx.app.store.users.get(uid) as UserDoc;
        const sub = ctx.app.store.subscription(team.roomId, uid);
        return {
          user: { _id: u._id, username: u.username, name: u.name, status: u.status },
          roles: sub?.roles ?? ['member'],
          createdAt: sub?.ts,
        };
      });
      const members = paginate(all, page);
      return success({ members, total: all.length, count: members.length, offset: page.offset });
    },
  },
  {
    method: 'POST',
    path: '/api/v1/teams.addMembers',
    summary: 'Add members {userId, roles?} to a team (add-team-member)',
    tags,
    auth: true,
    validate: objectSchema(
      {
        ...teamTarget,
        members: {
          type: 'array',
          items: objectSchema({ userId: str, roles: { type: 'array', items: str } }, ['userId']),
        },
      },
      ['members'],
    ),
    handler: (ctx) => {
      const team = findTeam(ctx, ctx.body);
      assertTeamPermission(ctx, team, 'add-team-member');
      for (const m of ctx.body.members as { userId: string; roles?: string[] }[]) {
        const u = ctx.app.store.users.get(m.userId);
        if (u)
          subscribe(
            ctx,
            mainRoom(ctx, team),
            u,
            m.roles?.filter((r) => r !== 'member'),
          );
      }
      return success();
    },
  },
  {
    method: 'POST',
    path: '/api/v1/teams.removeMember',
    summary: 'Remove a member from a team (edit-team-member)',
    tags,
    auth: true,
    validate: objectSchema({ ...teamTarget, userId: str, rooms: { type: 'array', items: str } }, ['userId']),
    handler: (ctx) => {
      const team = findTeam(ctx, ctx.body);
      assertTeamPermission(ctx, team, 'edit-team-member');
      const uid = String(ctx.body.userId);
      if (!ctx.app.store.subscription(team.roomId, uid))
        return failure('the user is not a member of this team');
      unsubscribe(ctx, mainRoom(ctx, team), uid);
      return success();
    },
  },
  {
    method: 'POST',
    path: '/api/v1/teams.addRooms',
    summary: 'Move existing rooms into a team (add-team-channel)',
    tags,
    auth: true,
    validate: objectSchema({ ...teamTarget, rooms: { type: 'array', items: str } }, ['rooms']),
    handler: (ctx) => {
      const team = findTeam(ctx, ctx.body);
      assertTeamPermission(ctx, team, 'add-team-channel');
      const rooms: RoomDoc[] = [];
      for (const rid of ctx.body.rooms as string[]) {
        const r = ctx.app.store.rooms.get(rid);
        if (!r) throw new MeteorError('error-no-room', 'Invalid room');
        if (r.teamId && r.teamId !== team._id)
          throw new MeteorError('error-room-already-on-team', 'Room already on team');
        r.teamId = team._id;
        rooms.push(r);
      }
      ctx.app.store.touchRooms();
      return success({ rooms: rooms.map(roomView) });
    },
  },
  {
    method: 'POST',
    path: '/api/v1/teams.removeRoom',
    summary: 'Take a room out of a team (remove-team-channel)',
    tags,
    auth: true,
    validate: objectSchema({ ...teamTarget, roomId: str }, ['roomId']),
    handler: (ctx) => {
      const team = findTeam(ctx, ctx.body);
      assertTeamPermission(ctx, team, 'remove-team-channel');
      const r = ctx.app.store.rooms.get(String(ctx.body.roomId));
      if (!r || r.teamId !== team._id || r.teamMain) throw new MeteorError('error-no-room', 'Invalid room');
      delete r.teamId;
      ctx.app.store.touchRooms();
      return success({ room: roomView(r) });
    },
  },
  {
    method: 'GET',
    path: '/api/v1/teams.listRooms',
    summary: 'Rooms of a team, paginated (filter by name, type)',
    tags,
    auth: true,
    validate: objectSchema({ ...teamTarget, filter: str, type: str, count: num, offset: num, sort: str }),
    handler: (ctx) => {
      const team = findTeam(ctx, ctx.query);
      const page = getPaginationItems(ctx.app.settings, ctx.query);
      const filter = typeof ctx.query.filter === 'string' ? ctx.query.filter.toLowerCase() : '';
      const all = [...ctx.app.store.rooms.values()].filter(
        (r) =>
          r.teamId === team._id &&
          !r.teamMain &&
          (!filter || (r.name ?? '').toLowerCase().includes(filter)) &&
          (ctx.query.type === undefined || r.t === ctx.query.type),
      );
      const rooms = paginate(all, page).map(roomView);
      return success({ rooms, total: all.length, count: rooms.length, offset: page.offset });
    },
  },
  {
    method: 'POST',
    path: '/api/v1/teams.delete',
    summary: 'Delete a team and its main room (delete-team); roomsToRemove are deleted too',
    tags,
    auth: true,
    validate: objectSchema({ ...teamTarget, roomsToRemove: { type: 'array', items: str } }),
    handler: (ctx) => {
      const team = findTeam(ctx, ctx.body);
      assertTeamPermission(ctx, team, 'delete-team');
      for (const rid of (ctx.body.roomsToRemove as string[] | undefined) ?? []) {
        const r = ctx.app.store.rooms.get(rid);
        if (r && r.teamId === team._id) ctx.app.store.removeRoom(r._id);
      }
      for (const r of ctx.app.store.rooms.values()) if (r.teamId === team._id && !r.teamMain) delete r.teamId;
      ctx.app.store.removeRoom(team.roomId);
      teamsOf(ctx).delete(team._id);
      return success();
    },
  },
];
