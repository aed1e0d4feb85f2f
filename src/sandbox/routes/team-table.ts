// The teams of a sandbox (one table per store) and the questions other modules ask of them: which
// team a room belongs to, whether a user is a member. A team's members are its main room's
// subscribers.
import type { Ctx } from '../framework';
import { randomId } from '../prng';
import type { Store } from '../store';
import type { RoomDoc, UserDoc } from '../types';

export interface Team {
  _id: string;
  name: string;
  type: 0 | 1;
  roomId: string;
  createdBy: { _id: string; username: string };
  createdAt: Date;
  _updatedAt: Date;
}

const tables = new WeakMap<Store, Map<string, Team>>();

export function teamTable(store: Store): Map<string, Team> {
  let t = tables.get(store);
  if (!t) tables.set(store, (t = new Map()));
  return t;
}

export const teamsOf = (ctx: Ctx): Map<string, Team> => teamTable(ctx.app.store);

/** Adds a ready-made team to a sandbox's table (the seed's showcase team). */
export function registerTeam(store: Store, team: Team): void {
  teamTable(store).set(team._id, team);
}

/** The team a room belongs to (its main room or one of its rooms), if any. */
export function teamOfRoom(ctx: Ctx, room: RoomDoc): Team | undefined {
  return typeof room.teamId === 'string' ? teamsOf(ctx).get(room.teamId) : undefined;
}

export const isTeamMember = (ctx: Ctx, team: Team, uid: string | undefined): boolean =>
  !!uid && !!ctx.app.store.subscription(team.roomId, uid);

/**
 * Rocket.Chat's canAccessPublicRoom for team rooms: a public room of a private team is visible only
 * to the team's members (members of the room itself get in through their subscription).
 */
export function hiddenByPrivateTeam(ctx: Ctx, room: RoomDoc): boolean {
  const team = teamOfRoom(ctx, room);
  return !!team && team.type === 1 && !isTeamMember(ctx, team, ctx.userId);
}

/** Team.create's bookkeeping once the main room exists: the team record, the room marked teamMain. */
export function addTeam(ctx: Ctx, name: string, type: 0 | 1, room: RoomDoc): Team {
  const user = ctx.user as UserDoc;
  const now = new Date();
  const team: Team = {
    _id: randomId(),
    name,
    type,
    roomId: room._id,
    createdBy: { _id: user._id, username: user.username },
    createdAt: now,
    _updatedAt: now,
  };
  Object.assign(room, { teamMain: true, teamId: team._id });
  room._updatedAt = now;
  teamsOf(ctx).set(team._id, team);
  ctx.app.store.touchRooms();
  return team;
}

export const teamNameTaken = (ctx: Ctx, name: string): boolean =>
  [...teamsOf(ctx).values()].some((t) => t.name === name);
