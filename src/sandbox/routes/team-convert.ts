// Conversions between rooms and teams: channels/groups.convertToTeam make an existing room a team's
// main room (Team.create with room.id), teams.convertToChannel turns a team back into its room.
import { MeteorError, forbidden, success } from '../errors';
import type { Ctx, RouteSpec } from '../framework';
import type { RoomDoc } from '../types';
import { findRoomByIdOrName, hasRoomPermission } from './common';
import { systemMessage } from './system-messages';
import { addTeam, teamNameTaken, teamsOf } from './team-table';

const oneOf = (keys: string[]) => ({
  oneOf: keys.map((k) => ({
    type: 'object',
    properties: { [k]: { type: 'string' } },
    required: [k],
    additionalProperties: false,
  })),
});

/** Team.create on an existing room: its members become the team's, the creator keeps their roles. */
function convert(ctx: Ctx, room: RoomDoc) {
  const name = room.name ?? '';
  if (room.teamMain === true || teamNameTaken(ctx, name))
    throw new MeteorError('team-name-already-exists', 'Team name already exists');
  const team = addTeam(ctx, name, room.t === 'p' ? 1 : 0, room);
  systemMessage(ctx, room, 'user-converted-to-team', name);
  return success({ team });
}

export const teamConvertRoutes: RouteSpec[] = [
  {
    method: 'POST',
    path: '/api/v1/channels.convertToTeam',
    summary: 'Make a channel the main room of a new team of its members (create-team, edit-room)',
    tags: ['Channels'],
    auth: true,
    permissions: { all: ['create-team'] },
    validate: oneOf(['channelId', 'channelName']),
    handler: (ctx) => {
      const { channelId, channelName } = ctx.body as { channelId?: string; channelName?: string };
      const room = findRoomByIdOrName(
        ctx,
        'c',
        channelId !== undefined ? { roomId: channelId } : { roomName: channelName },
      );
      if (!hasRoomPermission(ctx, room, 'edit-room')) return forbidden();
      if (room.archived === true)
        throw new MeteorError('error-room-archived', `The channel, ${room.name}, is archived`);
      return convert(ctx, room);
    },
  },
  {
    method: 'POST',
    path: '/api/v1/groups.convertToTeam',
    summary: 'Make a private group the main room of a new private team (create-team, edit-room)',
    tags: ['Groups'],
    auth: true,
    validate: oneOf(['roomId', 'roomName']),
    handler: (ctx) => {
      const room = findRoomByIdOrName(ctx, 'p', ctx.body);
      if (!hasRoomPermission(ctx, room, 'create-team') || !hasRoomPermission(ctx, room, 'edit-room'))
        return forbidden();
      return convert(ctx, room);
    },
  },
  {
    method: 'POST',
    path: '/api/v1/teams.convertToChannel',
    summary: 'Turn a team back into its main room (convert-team); roomsToRemove are deleted',
    tags: ['Teams'],
    auth: true,
    validate: {
      type: 'object',
      properties: {
        teamId: { type: 'string' },
        teamName: { type: 'string' },
        roomsToRemove: { type: 'array', items: { type: 'string' } },
      },
      additionalProperties: false,
    },
    handler: (ctx) => {
      const { teamId, teamName } = ctx.body as { teamId?: string; teamName?: string };
      if (!teamId && !teamName)
        throw new MeteorError('error-invalid-params', 'Provide either the "teamId" or "teamName"');
      const team = teamId
        ? teamsOf(ctx).get(teamId)
        : [...teamsOf(ctx).values()].find((t) => t.name === teamName);
      if (!team) throw new MeteorError('team-does-not-exist', 'Team not found');
      const store = ctx.app.store;
      const main = store.rooms.get(team.roomId);
      if (!main || !hasRoomPermission(ctx, main, 'convert-team')) return forbidden();
      for (const rid of (ctx.body.roomsToRemove as string[] | undefined) ?? []) {
        const r = store.rooms.get(rid);
        if (r && r.teamId === team._id && !r.teamMain) store.removeRoom(r._id);
      }
      for (const r of store.rooms.values()) if (r.teamId === team._id) delete r.teamId;
      delete main.teamMain;
      teamsOf(ctx).delete(team._id);
      main._updatedAt = new Date();
      store.touchRooms();
      systemMessage(ctx, main, 'user-converted-to-channel', team.name);
      return success();
    },
  },
];
