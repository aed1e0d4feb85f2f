// Room operations shared by channels.*, groups.* and im.*: create, join/leave, history, members.
import { MeteorError } from '../errors';
import type { Ctx } from '../framework';
import { buildProjection, findPage, parseJsonQuery } from '../json-query';
import { getPaginationItems } from '../pagination';
import { hasPermission } from '../permissions';
import { randomId } from '../prng';
import { compareStrings } from '../store';
import type { MessageDoc, RoomDoc, RoomType, SubscriptionDoc, UserDoc } from '../types';
import { validRoomName } from './common';
import type { Team } from './team-table';
import { teamsOf } from './team-table';
import { isBanned } from './room-bans';

/**
 * Makes the user a member; false when they already were (nothing changes then). A user banned
 * from the room (rooms.banUser) is refused until rooms.unbanUser, as Rocket.Chat's addUsersToRoom does.
 */
export function subscribe(ctx: Ctx, room: RoomDoc, user: UserDoc, roles?: string[]): boolean {
  const store = ctx.app.store;
  if (store.subscription(room._id, user._id)) return false;
  if (isBanned(store, room._id, user._id))
    throw new MeteorError('error-user-is-banned', 'User is banned from this room', {
      method: 'addUsersToRoom',
    });
  const now = new Date();
  const dm = room.t === 'd' ? dmNames(ctx, room, user) : undefined;
  const sub: SubscriptionDoc = {
    _id: randomId(),
    rid: room._id,
    u: { _id: user._id, username: user.username },
    t: room.t,
    name: dm?.name ?? room.name ?? '',
    ...(dm ? { fname: dm.fname } : room.fname && { fname: room.fname }),
    ...notificationPrefs(user),
    ts: now,
    ls: now,
    open: true,
    alert: false,
    unread: 0,
    _updatedAt: now,
    ...(roles && { roles }),
  };
  store.addSubscription(sub);
  room.usersCount = store.members(room._id).length;
  store.touchRooms();
  return true;
}

/**
 * A DM subscription is named after the other members (usernames joined by ",", names by ", "), or
 * after the user themself in a self-DM, as Rocket.Chat's createDirectMessage names them.
 */
function dmNames(ctx: Ctx, room: RoomDoc, user: UserDoc): { name: string; fname: string } {
  const others = (room.uids ?? [])
    .filter((id) => id !== user._id)
    .map((id) => ctx.app.store.users.get(id))
    .filter((u): u is UserDoc => !!u);
  const list = others.length > 0 ? others : [user];
  return { name: list.map((u) => u.username).join(','), fname: list.map((u) => u.name).join(', ') };
}

/** getDefaultSubscriptionPref: the user's own notification preferences on each new subscription. */
function notificationPrefs(user: UserDoc): Record<string, string> {
  const prefs = user.settings?.preferences ?? {};
  const out: Record<string, string> = {};
  if (typeof prefs.desktopNotifications === 'string') {
    out.desktopNotifications = prefs.desktopNotifications;
    out.desktopPrefOrigin = 'user';
  }
  if (typeof prefs.pushNotifications === 'string') {
    out.mobilePushNotifications = prefs.pushNotifications;
    out.mobilePrefOrigin = 'user';
  }
  if (prefs.emailNotificationMode === 'nothing') {
    out.emailNotifications = 'nothing';
    out.emailPrefOrigin = 'user';
  }
  return out;
}

export function unsubscribe(ctx: Ctx, room: RoomDoc, userId: string): void {
  ctx.app.store.removeSubscription(room._id, userId);
  room.usersCount = ctx.app.store.members(room._id).length;
  ctx.app.store.touchRooms();
}

/**
 * createRoom's extraData, spread under the room's own fields: teamId only when the team exists;
 * a private room is encrypted by default under E2E_Enable + E2E_Enabled_Default_PrivateRooms.
 */
function roomExtraData(ctx: Ctx, t: 'c' | 'p', extra: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = { ...(extra && typeof extra === 'object' ? extra : {}) };
  if (out.teamId !== undefined && !(typeof out.teamId === 'string' && teamsOf(ctx).has(out.teamId)))
    delete out.teamId;
  const s = ctx.app.settings;
  if (
    t === 'p' &&
    out.encrypted === undefined &&
    s.bool('E2E_Enable') &&
    s.bool('E2E_Enabled_Default_PrivateRooms')
  )
    out.encrypted = true;
  return out;
}

/** The team of a create call's extraData.teamId: null without one, undefined when it matches none. */
export function teamOfCreate(ctx: Ctx): Team | null | undefined {
  const teamId = (ctx.body.extraData as Record<string, unknown> | undefined)?.teamId;
  if (teamId === undefined || teamId === null || teamId === '') return null;
  return typeof teamId === 'string' ? teamsOf(ctx).get(teamId) : undefined;
}

/** A permission held globally or through the caller's roles in the team's main room. */
export function canInTeam(ctx: Ctx, team: Team, permission: string): boolean {
  const sub = ctx.app.store.subscription(team.roomId, ctx.userId as string);
  return hasPermission(ctx.user, permission, sub?.roles ?? []);
}

/** createRoom() for 'c' and 'p'. */
export function createRoom(ctx: Ctx, t: 'c' | 'p', body: Record<string, unknown>): RoomDoc {
  const store = ctx.app.store;
  const owner = ctx.user as UserDoc;
  const name = String(body.name ?? '');
  if (!validRoomName(ctx, name)) {
    throw new MeteorError('error-invalid-room-name', `${name} is not a valid room name`, {
      function: 'RocketChat.createRoom',
      channel_name: name,
    });
  }
  if (store.roomsByName.has(name)) {
    throw new MeteorError('error-duplicate-channel-name', `A channel with name '${name}' exists`, {
      function: 'RocketChat.createRoom',
      channel_name: name,
    });
  }
  const now = new Date();
  const room: RoomDoc = {
    ...roomExtraData(ctx, t, body.extraData),
    _id: randomId(),
    fname: name,
    name,
    t,
    msgs: 0,
    usersCount: 0,
    u: { _id: owner._id, username: owner.username },
    // Only when asked for: Rocket.Chat's rooms.ts "[/rooms.info]" tests expect exactly the other keys.
    ...(body.customFields !== undefined && { customFields: body.customFields as Record<string, unknown> }),
    ts: now,
    ro: body.readOnly === true,
    default: false,
    sysMes: true,
    _updatedAt: now,
  };
  store.addRoom(room);
  if (body.excludeSelf !== true) subscribe(ctx, room, owner, ['owner']);
  const members = Array.isArray(body.members) ? body.members : [];
  for (const m of members) {
    const u = typeof m === 'string' ? store.findUserByUsername(m) : undefined;
    if (u && u._id !== owner._id) subscribe(ctx, room, u);
  }
  return room;
}

const bool = (v: unknown): boolean => v === true || v === 'true';

/** getChannelHistory: newest first, between oldest and latest. */
export function history(ctx: Ctx, room: RoomDoc): { messages: MessageDoc[] } {
  const q = ctx.query;
  const latest = typeof q.latest === 'string' ? new Date(q.latest) : new Date();
  const oldest = typeof q.oldest === 'string' ? new Date(q.oldest) : undefined;
  if (Number.isNaN(latest.getTime()) || (oldest && Number.isNaN(oldest.getTime()))) {
    throw new MeteorError('error-invalid-date', 'Invalid date', { method: 'getChannelHistory' });
  }
  const inclusive = bool(q.inclusive);
  const page = getPaginationItems(ctx.app.settings, q);
  const all = ctx.app.store.messagesOf(room._id);
  const lt = latest.getTime();
  const gt = oldest?.getTime();
  const out: MessageDoc[] = [];
  let skipped = 0;
  for (let i = all.length - 1; i >= 0; i--) {
    const m = all[i] as MessageDoc;
    const t = m.ts.getTime();
    if (inclusive ? t > lt : t >= lt) continue;
    if (gt !== undefined && (inclusive ? t < gt : t <= gt)) break;
    if (!bool(q.showThreadMessages) && m.tmid) continue;
    if (skipped < page.offset) {
      skipped++;
      continue;
    }
    out.push(m);
    if (page.count !== 0 && out.length >= page.count) break;
  }
  return { messages: out };
}

/** channels.messages / groups.messages / im.messages: newest first unless sorted. */
export function messagesPage(
  ctx: Ctx,
  room: RoomDoc,
): { messages: Record<string, unknown>[]; offset: number; total: number } {
  const jq = parseJsonQuery(ctx);
  const page = getPaginationItems(ctx.app.settings, ctx.query);
  const q = ctx.query;
  const all = ctx.app.store.messagesOf(room._id);
  const query: Record<string, unknown> = { ...jq.query };
  const ids = (v: unknown): string[] | undefined =>
    typeof v === 'string' && v ? v.split(',').map((s) => s.trim()) : undefined;
  const mentionIds = ids(q.mentionIds);
  const starredIds = ids(q.starredIds);
  let docs: readonly MessageDoc[] = all;
  if (mentionIds || starredIds || String(q.pinned).toLowerCase() === 'true') {
    docs = all.filter(
      (m) =>
        (!mentionIds || m.mentions.some((x) => mentionIds.includes(x._id))) &&
        (!starredIds ||
          ((m.starred as { _id: string }[] | undefined) ?? []).some((x) => starredIds.includes(x._id))) &&
        (String(q.pinned).toLowerCase() !== 'true' || m.pinned === true),
    );
  }
  // Default order ts descending: reverse the ascending list instead of sorting.
  const ordered = jq.sort ? docs : [...docs].reverse();
  const result = findPage(ordered, {
    query,
    ...(jq.sort && { sort: jq.sort }),
    projection: buildProjection(jq.fields, []),
    offset: page.offset,
    count: page.count,
  });
  return { messages: result.items, offset: page.offset, total: result.total };
}

/** findUsersOfRoom: members sorted by username, with the fields the real endpoint returns. */
export function membersPage(
  ctx: Ctx,
  room: RoomDoc,
): { members: Record<string, unknown>[]; offset: number; total: number } {
  const store = ctx.app.store;
  const jq = parseJsonQuery(ctx);
  const page = getPaginationItems(ctx.app.settings, ctx.query);
  const filter = typeof ctx.query.filter === 'string' ? ctx.query.filter.toLowerCase() : '';
  const rawStatus = ctx.query.status;
  const status = Array.isArray(rawStatus)
    ? rawStatus.map(String)
    : typeof rawStatus === 'string'
      ? [rawStatus]
      : undefined;
  const users: UserDoc[] = [];
  for (const uid of store.members(room._id)) {
    const u = store.users.get(uid);
    if (!u || !u.active) continue;
    if (status && !status.includes(u.status)) continue;
    if (filter && !u.username.toLowerCase().includes(filter) && !u.name.toLowerCase().includes(filter))
      continue;
    users.push(u);
  }
  const dir = jq.sort?.username === -1 ? -1 : 1;
  users.sort((a, b) => dir * compareStrings(a.username, b.username));
  const slice =
    page.count === 0 ? users.slice(page.offset) : users.slice(page.offset, page.offset + page.count);
  const members = slice.map((u) => ({
    _id: u._id,
    username: u.username,
    name: u.name,
    status: u.status,
    ...(u.statusText !== undefined && { statusText: u.statusText }),
    utcOffset: u.utcOffset,
    _updatedAt: u._updatedAt,
  }));
  return { members, offset: page.offset, total: users.length };
}

export function roomTypeOf(t: RoomType): string {
  return t === 'c' ? 'channel' : t === 'p' ? 'group' : 'direct message';
}
