// spotlight, directory
import EJSON from 'ejson';
import { failure, success } from '../errors';
import type { Ctx, RouteSpec } from '../framework';
import { buildProjection, findPage, parseSort } from '../json-query';
import { getPaginationItems } from '../pagination';
import { hasPermission } from '../permissions';
import type { RoomDoc, UserDoc } from '../types';
import { num, objectSchema, str } from '../validation';
import { envelope } from './common';

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function spotlight(ctx: Ctx) {
  const store = ctx.app.store;
  let text = String(ctx.query.query ?? '').trim();
  let wantUsers = true;
  let wantRooms = true;
  if (text.startsWith('@')) {
    wantRooms = false;
    text = text.slice(1);
  } else if (text.startsWith('#')) {
    wantUsers = false;
    text = text.slice(1);
  }
  const re = new RegExp(escapeRegExp(text), 'i');
  const users: Record<string, unknown>[] = [];
  if (wantUsers && hasPermission(ctx.user, 'view-outside-room')) {
    for (const u of store.usersSortedByUsername()) {
      if (!u.active || !(re.test(u.username) || re.test(u.name))) continue;
      users.push({
        _id: u._id,
        name: u.name,
        username: u.username,
        status: u.status,
        ...(u.statusText !== undefined && { statusText: u.statusText }),
        ...(u.nickname !== undefined && { nickname: u.nickname }),
        outside: !store.userRooms.get(ctx.userId as string)?.size,
      });
      if (users.length >= 10) break;
    }
  }
  const rooms: Record<string, unknown>[] = [];
  if (wantRooms) {
    const mine = store.userRooms.get(ctx.userId as string) ?? new Set<string>();
    const candidates: RoomDoc[] = [];
    for (const rid of mine) {
      const r = store.rooms.get(rid);
      if (r && r.t !== 'd' && r.name && re.test(r.name)) candidates.push(r);
    }
    if (hasPermission(ctx.user, 'view-c-room'))
      for (const r of store.roomsOfType('c'))
        if (!mine.has(r._id) && re.test(r.name ?? '')) candidates.push(r);
    for (const r of candidates.slice(0, 10))
      rooms.push({
        _id: r._id,
        name: r.name,
        t: r.t,
        ...(r.fname && { fname: r.fname }),
        usersCount: r.usersCount,
        ...(r.lm && { lm: r.lm }),
      });
  }
  return success({ users, rooms });
}

interface DirectoryParams {
  text: string;
  type: string;
  workspace: string;
}

/** directory's own `query` parameter: JSON {text, type, workspace}, read regardless of the unsafe-params setting. */
function directoryParams(ctx: Ctx): DirectoryParams {
  let fromQuery: Record<string, unknown> = {};
  if (typeof ctx.query.query === 'string' && ctx.query.query) {
    try {
      const parsed: unknown = EJSON.parse(ctx.query.query);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
        fromQuery = parsed as Record<string, unknown>;
    } catch {
      throw Object.assign(new Error('bad query'), { directoryQuery: ctx.query.query });
    }
  }
  const pickStr = (k: string, d: string): string =>
    typeof ctx.query[k] === 'string'
      ? (ctx.query[k] as string)
      : typeof fromQuery[k] === 'string'
        ? (fromQuery[k] as string)
        : d;
  return {
    text: pickStr('text', ''),
    type: pickStr('type', 'channels'),
    workspace: pickStr('workspace', 'local'),
  };
}

function directory(ctx: Ctx) {
  let params: DirectoryParams;
  try {
    params = directoryParams(ctx);
  } catch {
    return failure(
      `Invalid query parameter provided: "${String(ctx.query.query)}" [error-invalid-query]`,
      'error-invalid-query',
    );
  }
  const sort = parseSort(ctx.query.sort);
  if (sort && Object.keys(sort).length > 1) return failure('This method support only one "sort" parameter');
  const page = getPaginationItems(ctx.app.settings, ctx.query);
  const store = ctx.app.store;
  const re = new RegExp(escapeRegExp(params.text), 'i');
  if (params.type === 'users') {
    if (!hasPermission(ctx.user, 'view-outside-room') || !hasPermission(ctx.user, 'view-d-room'))
      return envelope('result', [], page.offset, 0);
    const matched: UserDoc[] = store
      .usersSortedByUsername()
      .filter((u) => u.active && u.type !== 'bot' && (re.test(u.username) || re.test(u.name)));
    const privileged = hasPermission(ctx.user, 'view-full-other-user-info');
    const fields = [
      '_id',
      'createdAt',
      'username',
      'name',
      'nickname',
      'avatarETag',
      'status',
      ...(privileged ? ['emails'] : []),
    ];
    const projection = Object.fromEntries(fields.map((f) => [f, 1 as const]));
    const r = findPage(matched, {
      ...(sort && { sort }),
      projection,
      offset: page.offset,
      count: page.count,
    });
    return envelope('result', r.items, page.offset, r.total);
  }
  if (params.type === 'channels' || params.type === 'teams') {
    if (params.type === 'teams') return envelope('result', [], page.offset, 0);
    const matched = store.roomsOfType('c').filter((r) => re.test(r.name ?? '') || re.test(r.fname ?? ''));
    for (const r of matched.slice(page.offset, page.offset + (page.count || matched.length)))
      store.materialize(r._id);
    const projection = buildProjection(
      {
        _id: 1,
        ts: 1,
        name: 1,
        fname: 1,
        description: 1,
        topic: 1,
        usersCount: 1,
        default: 1,
        t: 1,
        lastMessage: 1,
        archived: 1,
        avatarETag: 1,
      },
      [],
    );
    const r = findPage(matched, {
      sort: sort ?? { usersCount: -1 },
      projection,
      offset: page.offset,
      count: page.count,
    });
    return envelope('result', r.items, page.offset, r.total);
  }
  return failure('error-invalid-type', 'error-invalid-type');
}

export const miscRoutes: RouteSpec[] = [
  {
    method: 'GET',
    path: '/api/v1/spotlight',
    summary: 'Quick search of users and rooms (@ for users only, # for rooms only)',
    tags: ['Miscellaneous'],
    auth: true,
    validate: objectSchema({ query: str }, ['query']),
    handler: spotlight,
  },
  {
    method: 'GET',
    path: '/api/v1/directory',
    summary: 'Directory search of channels or users; its `query` is JSON {text, type, workspace}',
    tags: ['Miscellaneous'],
    auth: true,
    validate: objectSchema({
      text: str,
      type: { type: 'string', enum: ['channels', 'users', 'teams'] },
      workspace: str,
      count: num,
      offset: num,
      sort: str,
      query: str,
    }),
    handler: directory,
  },
];
