// rooms.adminRooms, rooms.adminRooms.getRoom, rooms.adminRooms.privateRooms and the paginated /
// team autocompletes (Rocket.Chat 8.x's api/lib/rooms.ts).
import { PlainError, failure, success } from '../errors';
import type { Ctx, RouteSpec } from '../framework';
import { findPage, parseJsonQuery } from '../json-query';
import { getPaginationItems } from '../pagination';
import { hasPermission } from '../permissions';
import type { RoomDoc } from '../types';
import { num, objectSchema, paginationProps, str } from '../validation';

const tags = ['Rooms'];

/** The room fields the administration views get (adminFields). */
const ADMIN_FIELDS = [
  '_id',
  'prid',
  'fname',
  'name',
  't',
  'cl',
  'u',
  'usernames',
  'ts',
  'usersCount',
  'muted',
  'unmuted',
  'ro',
  'default',
  'favorite',
  'featured',
  'reactWhenReadOnly',
  'topic',
  'msgs',
  'archived',
  'teamId',
  'teamMain',
  'announcement',
  'description',
  'broadcast',
  'uids',
  'avatarETag',
  'customFields',
];

function adminView(room: RoomDoc): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of ADMIN_FIELDS) if (room[k] !== undefined) out[k] = room[k];
  return out;
}

/** Name or display name contains the text, case-insensitive. */
const nameHas = (room: RoomDoc, text: string): boolean =>
  !text || (room.name ?? '').toLowerCase().includes(text) || (room.fname ?? '').toLowerCase().includes(text);

function assertAdmin(ctx: Ctx): void {
  // findAdminRooms / findAdminRoom throw a plain Error: `error` is the code, no errorType.
  if (!hasPermission(ctx.user, 'view-room-administration')) throw new PlainError('error-not-authorized');
}

function adminPage(ctx: Ctx, rooms: RoomDoc[]) {
  const page = getPaginationItems(ctx.app.settings, ctx.query);
  const jq = parseJsonQuery(ctx);
  const result = findPage(rooms, {
    query: {},
    sort: jq.sort ?? { default: -1, name: 1 },
    offset: page.offset,
    count: page.count,
  });
  const items = (result.items as unknown as RoomDoc[]).map(adminView);
  return success({ rooms: items, count: items.length, offset: page.offset, total: result.total });
}

function selectorName(ctx: Ctx): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(String(ctx.query.selector));
  } catch (e) {
    throw new PlainError(e instanceof Error ? e.message : String(e));
  }
  const name = (parsed as { name?: unknown } | null)?.name;
  return typeof name === 'string' ? name.toLowerCase() : '';
}

/** The caller's channels and groups, no discussions (findChannelAndPrivateAutocomplete). */
function ownChannelsAndGroups(ctx: Ctx, text: string): RoomDoc[] {
  const store = ctx.app.store;
  const out: RoomDoc[] = [];
  for (const rid of store.userRooms.get(ctx.userId as string) ?? []) {
    const r = store.rooms.get(rid);
    if (r && (r.t === 'c' || r.t === 'p') && typeof r.prid !== 'string' && nameHas(r, text)) out.push(r);
  }
  return out.sort((a, b) => (a.name ?? '').localeCompare(b.name ?? ''));
}

const item = (r: RoomDoc) => ({
  _id: r._id,
  fname: r.fname,
  name: r.name,
  t: r.t,
  ...(r.avatarETag !== undefined && { avatarETag: r.avatarETag }),
});

export const roomAdminRoutes: RouteSpec[] = [
  {
    method: 'GET',
    path: '/api/v1/rooms.adminRooms',
    summary: 'All rooms for administrators (view-room-administration), by name filter and types',
    tags,
    auth: true,
    typed: true,
    validate: objectSchema(
      { ...paginationProps, filter: str, types: { type: 'array', items: str } },
      [],
      true,
    ),
    handler: (ctx) => {
      assertAdmin(ctx);
      const text = typeof ctx.query.filter === 'string' ? ctx.query.filter.toLowerCase() : '';
      const types = Array.isArray(ctx.query.types) ? (ctx.query.types as string[]) : [];
      const kinds = types.filter((t) => t !== 'discussions' && t !== 'teams');
      const rooms = [...ctx.app.store.rooms.values()].filter((r) => {
        if (!nameHas(r, text)) return false;
        if (typeof r.prid === 'string') return types.includes('discussions');
        if (r.teamMain === true && types.includes('teams')) return true;
        return kinds.length === 0 ? types.length === 0 : kinds.includes(r.t);
      });
      return adminPage(ctx, rooms);
    },
  },
  {
    method: 'GET',
    path: '/api/v1/rooms.adminRooms.getRoom',
    summary: 'One room with its administration fields (view-room-administration), member or not',
    tags,
    auth: true,
    typed: true,
    validate: objectSchema({ rid: str }),
    handler: (ctx) => {
      assertAdmin(ctx);
      const room = ctx.app.store.rooms.get(String(ctx.query.rid ?? ''));
      if (!room) return failure('not-allowed', 'Not Allowed');
      return success(adminView(room));
    },
  },
  {
    method: 'GET',
    path: '/api/v1/rooms.adminRooms.privateRooms',
    summary: 'Private groups and private team main rooms for administrators, by name filter',
    tags,
    auth: true,
    typed: true,
    permissions: { all: ['view-room-administration'] },
    validate: objectSchema({ filter: str, offset: num, count: num, sort: str }, [], true),
    handler: (ctx) => {
      const text = typeof ctx.query.filter === 'string' ? ctx.query.filter.trim().toLowerCase() : '';
      const rooms = ctx.app.store
        .roomsOfType('p')
        .filter((r) => typeof r.prid !== 'string' && nameHas(r, text));
      return adminPage(ctx, rooms);
    },
  },
  {
    method: 'GET',
    path: '/api/v1/rooms.autocomplete.channelAndPrivate.withPagination',
    summary: "The caller's channels and groups whose name contains selector.name, paged, with total",
    tags,
    auth: true,
    typed: true,
    validate: objectSchema({ selector: str, ...paginationProps }, ['selector']),
    handler: (ctx) => {
      const rooms = ownChannelsAndGroups(ctx, selectorName(ctx));
      const page = getPaginationItems(ctx.app.settings, ctx.query);
      const slice =
        page.count === 0 ? rooms.slice(page.offset) : rooms.slice(page.offset, page.offset + page.count);
      return success({ items: slice.map(item), total: rooms.length });
    },
  },
  {
    method: 'GET',
    path: '/api/v1/rooms.autocomplete.availableForTeams',
    summary: 'Up to 10 channels and groups the caller owns that are in no team, by name',
    tags,
    auth: true,
    typed: true,
    validate: objectSchema({ name: str }),
    handler: (ctx) => {
      const text = typeof ctx.query.name === 'string' ? ctx.query.name.toLowerCase() : '';
      const store = ctx.app.store;
      const items = ownChannelsAndGroups(ctx, text)
        .filter(
          (r) =>
            r.teamId === undefined &&
            !!store.subscription(r._id, ctx.userId as string)?.roles?.includes('owner'),
        )
        .slice(0, 10)
        .map(item);
      return success({ items });
    },
  },
];
