// Helpers shared by the route modules: room lookup with Rocket.Chat's error texts, access checks,
// list envelopes.
import type { ApiResult } from '../errors';
import { MeteorError, success } from '../errors';
import type { Ctx } from '../framework';
import { hasPermission } from '../permissions';
import type { RoomDoc, RoomType, UserDoc } from '../types';
import type { JsonQuery } from '../json-query';
import { DEFAULT_FIELDS_TO_EXCLUDE, buildProjection, findPage } from '../json-query';
import { getPaginationItems } from '../pagination';
import { hiddenByPrivateTeam } from './team-table';

const str = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : undefined;

export const param = (ctx: Ctx, name: string): string | undefined =>
  str(ctx.method === 'GET' ? ctx.query[name] : ctx.body[name]);

const KIND: Record<RoomType, string> = { c: 'channel', p: 'group', d: 'direct message' };

/** findChannelByIdOrName / findPrivateGroupByIdOrName. */
export function findRoomByIdOrName(ctx: Ctx, t: RoomType, source: Record<string, unknown>): RoomDoc {
  const roomId = str(source.roomId);
  const roomName = str(source.roomName);
  if ((!roomId || !roomId.trim()) && (!roomName || !roomName.trim())) {
    throw new MeteorError(
      'error-roomid-param-not-provided',
      'The parameter "roomId" or "roomName" is required',
    );
  }
  const store = ctx.app.store;
  const room = roomId ? store.rooms.get(roomId) : store.roomsByName.get(roomName as string);
  const notFound = new MeteorError(
    'error-room-not-found',
    `The required "roomId" or "roomName" param provided does not match any ${KIND[t]}`,
  );
  if (!room || room.t !== t) throw notFound;
  if (t !== 'c' && !(ctx.userId && store.subscription(room._id, ctx.userId))) throw notFound;
  return room;
}

/** canAccessRoom: members always; others see a public room with view-c-room unless a private team hides it. */
export function canAccessRoom(ctx: Ctx, room: RoomDoc): boolean {
  if (!ctx.user) return false;
  if (ctx.app.store.subscription(room._id, ctx.user._id)) return true;
  return room.t === 'c' && hasPermission(ctx.user, 'view-c-room') && !hiddenByPrivateTeam(ctx, room);
}

/** Global roles plus the caller's roles in the room (owner/moderator). */
export function hasRoomPermission(ctx: Ctx, room: RoomDoc, permission: string): boolean {
  const sub = ctx.userId ? ctx.app.store.subscription(room._id, ctx.userId) : undefined;
  return hasPermission(ctx.user, permission, sub?.roles ?? []);
}

/** A room as the API returns it (defaultFieldsToExclude removed). */
export function roomView(room: RoomDoc): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(room))
    if (v !== undefined && !DEFAULT_FIELDS_TO_EXCLUDE.includes(k)) out[k] = v;
  return out;
}

export const userRef = (u: UserDoc): { _id: string; username: string; name: string } => ({
  _id: u._id,
  username: u.username,
  name: u.name,
});

/** Rocket.Chat's default room name validation (UTF8_Channel_Names_Validation). */
export const ROOM_NAME_RE = /^[0-9a-zA-Z-_.]+$/;

/**
 * getValidRoomName's check: UTF8_Channel_Names_Validation (the default pattern if it does not
 * compile). With UI_Allow_room_names_with_special_chars on, Rocket.Chat checks a transliterated slug
 * of the name and keeps the display name in fname; the sandbox does not transliterate, so it
 * accepts the name as given (name and fname alike).
 */
export function validRoomName(ctx: Ctx, name: string): boolean {
  const s = ctx.app.settings;
  if (s.bool('UI_Allow_room_names_with_special_chars')) return name.trim() !== '';
  let re = ROOM_NAME_RE;
  try {
    re = new RegExp(`^${s.string('UTF8_Channel_Names_Validation')}$`);
  } catch {
    // keep the default
  }
  return re.test(name);
}

const roomJsonCache = new WeakMap<RoomDoc, { version: number; json: string }>();

/** JSON of roomView(room), cached until the next room change in the store. */
export function roomJson(ctx: Ctx, room: RoomDoc): string {
  const version = ctx.app.store.roomsVersion;
  const hit = roomJsonCache.get(room);
  if (hit && hit.version === version) return hit.json;
  const json = JSON.stringify(roomView(room));
  roomJsonCache.set(room, { version, json });
  return json;
}

export interface RoomList {
  /** Projected items (caller-supplied fields) ... */
  items?: Record<string, unknown>[];
  /** ... or the cached JSON of each room (default projection). */
  raw?: string[];
  total: number;
  offset: number;
}

/**
 * The usual room list: mingo-filtered and sorted (default order = the order of `docs`), paged,
 * projected. Without caller `fields` the rooms' cached JSON is used.
 */
export function listRooms(
  ctx: Ctx,
  docs: readonly RoomDoc[],
  jq: JsonQuery,
  defaultSort?: Record<string, 1 | -1>,
): RoomList {
  const page = getPaginationItems(ctx.app.settings, ctx.query);
  const sort = jq.sort ?? defaultSort;
  const result = findPage(docs, {
    query: jq.query,
    ...(sort && { sort }),
    offset: page.offset,
    count: page.count,
  });
  const rooms = result.items as unknown as RoomDoc[];
  // Build lazily seeded messages of the rooms that will be shown (for lastMessage).
  for (const r of rooms) ctx.app.store.materialize(r._id);
  if (Object.keys(jq.fields).length === 0)
    return { raw: rooms.map((r) => roomJson(ctx, r)), total: result.total, offset: page.offset };
  const projection = buildProjection(jq.fields, DEFAULT_FIELDS_TO_EXCLUDE);
  return {
    items: findPage(rooms, { projection, offset: 0, count: 0 }).items,
    total: result.total,
    offset: page.offset,
  };
}

/** The list envelope, key order as the real endpoints send it. */
export function roomsEnvelope(key: string, list: RoomList, offsetFirst = false): ApiResult {
  if (!list.raw) return envelope(key, list.items ?? [], list.offset, list.total, offsetFirst);
  const n = list.raw.length;
  const arr = `${JSON.stringify(key)}:[${list.raw.join(',')}]`;
  const raw = offsetFirst
    ? `{${arr},"offset":${list.offset},"count":${n},"total":${list.total},"success":true}`
    : `{${arr},"count":${n},"offset":${list.offset},"total":${list.total},"success":true}`;
  return { status: 200, body: null, raw };
}

export function envelope(
  key: string,
  items: unknown[],
  offset: number,
  total: number,
  offsetFirst = false,
): ApiResult {
  return offsetFirst
    ? success({ [key]: items, offset, count: items.length, total })
    : success({ [key]: items, count: items.length, offset, total });
}
