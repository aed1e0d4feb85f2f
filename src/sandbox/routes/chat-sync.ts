// chat.syncMessages (lastUpdate or UPDATED/DELETED cursors), chat.syncThreadsList, chat.syncThreadMessages, chat.ignoreUser, chat.reportMessage and
// chat.getMessageReadReceipts, with the texts of Rocket.Chat 8.x's handlers (these routes check
// their parameters themselves, so the handler's errors, not ajv's, are what callers see).
import { MeteorError, success } from '../errors';
import type { Ctx, RouteSpec } from '../framework';
import type { MessageDoc, RoomDoc } from '../types';
import { num, objectSchema, str } from '../validation';
import { getPaginationItems } from '../pagination';
import { canAccessRoom } from './common';

const tags = ['Chat'];
const open = (props: Record<string, unknown>) => objectSchema(props, [], true);

function assertThreads(ctx: Ctx): void {
  if (!ctx.app.settings.bool('Threads_enabled'))
    throw new MeteorError('error-not-allowed', 'Threads Disabled');
}

function updatedSince(ctx: Ctx): number {
  const raw = ctx.query.updatedSince;
  if (typeof raw !== 'string' || !raw)
    throw new MeteorError(
      'error-updatedSince-param-invalid',
      'The required param "updatedSince" is missing.',
    );
  const since = Date.parse(raw);
  if (Number.isNaN(since))
    throw new MeteorError(
      'error-updatedSince-param-invalid',
      'The "updatedSince" query parameter must be a valid date.',
    );
  return since;
}

function readable(ctx: Ctx, rid: string): RoomDoc {
  const room = ctx.app.store.rooms.get(rid);
  if (!room || !canAccessRoom(ctx, room)) throw new MeteorError('error-not-allowed', 'Not Allowed');
  return room;
}

const newestFirst = (a: MessageDoc, b: MessageDoc) => b.ts.getTime() - a.ts.getTime();

const err = (code: string, text: string) => new MeteorError(code, text);
const ms = (d: Date): string => String(d.getTime());

/** One page after `next` (ascending) or before `previous` (descending) of items dated by `at`. */
function cursorPage<T>(items: T[], at: (x: T) => Date, count: number, next?: number, previous?: number) {
  const picked =
    previous !== undefined
      ? items.filter((x) => at(x).getTime() < previous).sort((a, b) => at(b).getTime() - at(a).getTime())
      : items.filter((x) => at(x).getTime() > (next ?? 0)).sort((a, b) => at(a).getTime() - at(b).getTime());
  const page = count > 0 ? picked.slice(0, count) : picked;
  const more = page.length < picked.length;
  const first = page[0];
  const last = page[page.length - 1];
  return {
    page,
    cursor: {
      next: more && last ? ms(at(last)) : null,
      previous: first ? ms(at(first)) : null,
    },
  };
}

function syncMessages(ctx: Ctx) {
  const q = ctx.query;
  const qs = (k: string) => (typeof q[k] === 'string' && q[k] ? (q[k] as string) : undefined);
  const [type, lastUpdate, next, previous] = [qs('type'), qs('lastUpdate'), qs('next'), qs('previous')];
  if (!type && !lastUpdate)
    throw err('error-param-required', 'The "type" or "lastUpdate" parameters must be provided');
  const since = lastUpdate !== undefined ? Date.parse(lastUpdate) : undefined;
  if (since !== undefined && Number.isNaN(since))
    throw err('error-lastUpdate-param-invalid', 'The "lastUpdate" query parameter must be a valid date.');
  if (next && previous)
    throw err('error-cursor-conflict', 'You cannot provide both "next" and "previous" parameters');
  if ((next || previous) && lastUpdate)
    throw err(
      'error-cursor-and-lastUpdate-conflict',
      'The attributes "next", "previous" and "lastUpdate" cannot be used together',
    );
  const room = ctx.app.store.rooms.get(String(q.roomId));
  if (!room || !canAccessRoom(ctx, room)) throw err('error-not-allowed', 'Not allowed');
  const store = ctx.app.store;
  const trash = store.trash
    .filter((t) => t.rid === room._id)
    .map((t) => ({ _id: t._id, _deletedAt: t._deletedAt }));
  if (since !== undefined) {
    const updated = store
      .messagesOf(room._id)
      .filter((m) => m._updatedAt.getTime() > since)
      .sort((a, b) => b._updatedAt.getTime() - a._updatedAt.getTime());
    const deleted = trash.filter((t) => t._deletedAt.getTime() > since);
    return success({ result: { updated, deleted } });
  }
  const count = getPaginationItems(ctx.app.settings, q).count;
  const n = next !== undefined ? Number(next) : undefined;
  const p = previous !== undefined ? Number(previous) : undefined;
  if (type === 'DELETED') {
    const { page, cursor } = cursorPage(trash, (t) => t._deletedAt, count, n, p);
    return success({ result: { deleted: page, cursor } });
  }
  const { page, cursor } = cursorPage(store.messagesOf(room._id), (m) => m._updatedAt, count, n, p);
  return success({ result: { updated: page, cursor } });
}

export const chatSyncRoutes: RouteSpec[] = [
  {
    method: 'GET',
    path: '/api/v1/chat.syncMessages',
    summary:
      'Messages of a room updated/deleted since lastUpdate, or paged by type (UPDATED/DELETED) and next/previous',
    tags,
    auth: true,
    validate: objectSchema(
      {
        roomId: str,
        lastUpdate: str,
        count: num,
        next: str,
        previous: str,
        type: { type: 'string', enum: ['UPDATED', 'DELETED'] },
      },
      ['roomId'],
    ),
    handler: syncMessages,
  },
  {
    method: 'GET',
    path: '/api/v1/chat.syncThreadsList',
    summary: 'Thread starters of a room changed since updatedSince ({threads: {update, remove}})',
    tags,
    auth: true,
    validate: open({ rid: str, updatedSince: str }),
    handler: (ctx) => {
      assertThreads(ctx);
      const rid = typeof ctx.query.rid === 'string' ? ctx.query.rid : '';
      if (!rid)
        throw new MeteorError(
          'error-room-id-param-not-provided',
          'The required "rid" query param is missing.',
        );
      const since = updatedSince(ctx);
      const room = readable(ctx, rid);
      const update = ctx.app.store
        .messagesOf(room._id)
        .filter((m) => typeof m.tcount === 'number' && m._updatedAt.getTime() > since)
        .sort(newestFirst);
      // Deleted messages keep no thread link here, so `remove` stays empty.
      return success({ threads: { update, remove: [] } });
    },
  },
  {
    method: 'GET',
    path: '/api/v1/chat.syncThreadMessages',
    summary: 'Replies of a thread changed since updatedSince ({messages: {update, remove}})',
    tags,
    auth: true,
    validate: open({ tmid: str, updatedSince: str }),
    handler: (ctx) => {
      assertThreads(ctx);
      const tmid = typeof ctx.query.tmid === 'string' ? ctx.query.tmid : '';
      if (!tmid) throw new MeteorError('error-invalid-params', 'The required "tmid" query param is missing.');
      const since = updatedSince(ctx);
      const parent = ctx.app.store.findMessage(tmid);
      if (!parent) throw new MeteorError('error-invalid-message', 'Invalid Message');
      const room = readable(ctx, parent.rid);
      const update = ctx.app.store
        .messagesOf(room._id)
        .filter((m) => m.tmid === tmid && m._updatedAt.getTime() > since)
        .sort(newestFirst);
      return success({ messages: { update, remove: [] } });
    },
  },
  {
    method: 'GET',
    path: '/api/v1/chat.ignoreUser',
    summary: 'Ignore (ignore=true, the default) or stop ignoring a user in a room you share',
    tags,
    auth: true,
    validate: open({ rid: str, userId: str, ignore: str }),
    handler: (ctx) => {
      const rid = typeof ctx.query.rid === 'string' ? ctx.query.rid.trim() : '';
      const userId = typeof ctx.query.userId === 'string' ? ctx.query.userId.trim() : '';
      if (!rid)
        throw new MeteorError('error-room-id-param-not-provided', 'The required "rid" param is missing.');
      if (!userId)
        throw new MeteorError('error-user-id-param-not-provided', 'The required "userId" param is missing.');
      const ignore = typeof ctx.query.ignore === 'string' ? /true|1/.test(ctx.query.ignore) : true;
      const store = ctx.app.store;
      const mine = store.subscription(rid, ctx.userId as string);
      const theirs = store.subscription(rid, userId);
      if (!mine || !theirs)
        throw new MeteorError('error-invalid-subscription', 'Invalid subscription', { method: 'ignoreUser' });
      const ignored = new Set(((mine as { ignored?: string[] }).ignored ?? []).filter((id) => id !== userId));
      if (ignore) ignored.add(userId);
      Object.assign(mine, { ignored: [...ignored], _updatedAt: new Date() });
      return success();
    },
  },
  {
    method: 'POST',
    path: '/api/v1/chat.reportMessage',
    summary: 'Report a message to the moderators with a description',
    tags,
    auth: true,
    typed: true,
    validate: objectSchema({ messageId: str, description: str }, ['messageId', 'description']),
    handler: (ctx) => {
      const msg = ctx.app.store.findMessage(String(ctx.body.messageId));
      const room = msg && ctx.app.store.rooms.get(msg.rid);
      if (!msg || !room || !canAccessRoom(ctx, room))
        throw new MeteorError('error-invalid-message_id', 'Invalid message id', { method: 'reportMessage' });
      if (!String(ctx.body.description).trim())
        throw new MeteorError('error-invalid-description', 'Invalid description', {
          method: 'reportMessage',
        });
      return success();
    },
  },
  {
    method: 'GET',
    path: '/api/v1/chat.getMessageReadReceipts',
    summary: 'Read receipts of a message: an Enterprise feature, refused on this Community workspace',
    tags,
    auth: true,
    validate: open({ messageId: str }),
    handler: () => {
      throw new MeteorError('error-action-not-allowed', 'This is an enterprise feature');
    },
  },
];
