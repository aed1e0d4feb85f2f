// chat.* actions on existing messages (react, pin, star, follow) and the message lists built on
// them (pinned, starred, mentioned, threads, deleted, sync), as Rocket.Chat 8.x answers them.
import type { ApiResult } from '../errors';
import { MeteorError, PlainError, success } from '../errors';
import type { Ctx, RouteSpec } from '../framework';
import { getPaginationItems, paginate } from '../pagination';
import type { MessageDoc, RoomDoc } from '../types';
import { bool, objectSchema, paginationProps, str } from '../validation';
import { canAccessRoom, envelope, hasRoomPermission } from './common';

type Reactions = Record<string, { usernames: string[] }>;

/** A thread reply updates its parent: reply count, last reply time, followers. */
export function noteThreadReply(parent: MessageDoc | undefined, reply: MessageDoc): void {
  if (!parent) return;
  parent.tcount = ((parent.tcount as number | undefined) ?? 0) + 1;
  parent.tlm = reply.ts;
  parent._updatedAt = reply.ts;
  const replies = new Set((parent.replies as string[] | undefined) ?? [parent.u._id]);
  replies.add(reply.u._id);
  parent.replies = [...replies];
}

/** A message in a discussion updates the parent room's discussion-created message (dcount, dlm). */
export function noteDiscussionMessage(parentMessages: MessageDoc[], drid: string, msg: MessageDoc): void {
  for (let i = parentMessages.length - 1; i >= 0; i--) {
    const m = parentMessages[i] as MessageDoc;
    if (m.drid !== drid) continue;
    m.dcount = ((m.dcount as number | undefined) ?? 0) + 1;
    m.dlm = msg.ts;
    return;
  }
}

const notFound = (): MeteorError =>
  new MeteorError('error-message-not-found', 'The provided "messageId" does not match any existing message.');

/** The message and its room, if the caller may see the room. */
function accessibleMessage(ctx: Ctx, id: unknown, method: string): { msg: MessageDoc; room: RoomDoc } {
  const msg = typeof id === 'string' ? ctx.app.store.findMessage(id) : undefined;
  if (!msg) throw notFound();
  const room = ctx.app.store.rooms.get(msg.rid);
  if (!room || !canAccessRoom(ctx, room))
    throw new MeteorError('error-not-allowed', 'Not allowed', { method });
  return { msg, room };
}

function react(ctx: Ctx): ApiResult {
  const b = ctx.body;
  const msg = typeof b.messageId === 'string' ? ctx.app.store.findMessage(b.messageId) : undefined;
  if (!msg) throw new MeteorError('error-message-not-found', 'Message not found');
  const raw =
    (typeof b.emoji === 'string' && b.emoji) || (typeof b.reaction === 'string' && b.reaction) || '';
  if (!raw) throw new MeteorError('error-emoji-param-not-provided', 'The required "emoji" param is missing.');
  const room = ctx.app.store.rooms.get(msg.rid);
  if (!room || !canAccessRoom(ctx, room))
    throw new MeteorError('error-not-allowed', 'Not allowed', { method: 'setReaction' });
  const name = raw.replace(/:/g, '');
  // The sandbox knows no emoji table: any plausible shortname counts as a valid emoji.
  if (!/^[a-z0-9_+-]{1,64}$/i.test(name))
    throw new MeteorError('error-not-allowed', 'Invalid emoji provided.', { method: 'setReaction' });
  const reaction = `:${name}:`;
  const username = ctx.user?.username as string;
  const reactions = ((msg.reactions as Reactions | undefined) ?? {}) as Reactions;
  const users = reactions[reaction]?.usernames ?? [];
  const has = users.includes(username);
  const want = typeof b.shouldReact === 'boolean' ? b.shouldReact : !has;
  if (want && !has) reactions[reaction] = { usernames: [...users, username] };
  if (!want && has) {
    const rest = users.filter((u) => u !== username);
    if (rest.length) reactions[reaction] = { usernames: rest };
    else delete reactions[reaction];
  }
  if (Object.keys(reactions).length) msg.reactions = reactions;
  else delete msg.reactions;
  msg._updatedAt = new Date();
  return success();
}

function pin(ctx: Ctx, on: boolean): ApiResult {
  if (!ctx.app.settings.bool('Message_AllowPinning'))
    throw new MeteorError('error-action-not-allowed', 'Message pinning not allowed', {
      method: on ? 'pinMessage' : 'unpinMessage',
      action: 'Message_pinning',
    });
  const { msg, room } = accessibleMessage(ctx, ctx.body.messageId, on ? 'pinMessage' : 'unpinMessage');
  if (!hasRoomPermission(ctx, room, 'pin-message'))
    throw new MeteorError('not-authorized', 'Not Authorized', { method: on ? 'pinMessage' : 'unpinMessage' });
  const user = ctx.user as NonNullable<Ctx['user']>;
  const now = new Date();
  msg.pinned = on;
  if (on) {
    msg.pinnedAt = now;
    msg.pinnedBy = { _id: user._id, username: user.username };
  }
  msg._updatedAt = now;
  if (!on) return success();
  // pinMessage answers the "message_pinned" system message that quotes the pinned one.
  return success({
    message: {
      _id: `${msg._id}-pin`,
      t: 'message_pinned',
      rid: room._id,
      ts: now,
      msg: '',
      u: { _id: user._id, username: user.username, name: user.name },
      attachments: [
        { text: msg.msg, author_name: msg.u.username, author_icon: `/avatar/${msg.u.username}`, ts: msg.ts },
      ],
      _updatedAt: now,
    },
  });
}

function star(ctx: Ctx, on: boolean): ApiResult {
  if (!ctx.app.settings.bool('Message_AllowStarring'))
    throw new MeteorError('error-action-not-allowed', 'Message starring not allowed', {
      method: 'starMessage',
      action: 'Message_starring',
    });
  const { msg, room } = accessibleMessage(ctx, ctx.body.messageId, 'starMessage');
  if (!ctx.app.store.subscription(room._id, ctx.userId as string))
    throw new MeteorError('error-action-not-allowed', 'Not allowed', {
      method: 'starMessage',
      action: 'Message_starring',
    });
  const starred = ((msg.starred as { _id: string }[] | undefined) ?? []).filter((s) => s._id !== ctx.userId);
  if (on) starred.push({ _id: ctx.userId as string });
  msg.starred = starred;
  msg._updatedAt = new Date();
  return success();
}

function follow(ctx: Ctx, on: boolean): ApiResult {
  const mid = ctx.body.mid;
  const msg = typeof mid === 'string' ? ctx.app.store.findMessage(mid) : undefined;
  if (!msg)
    throw new MeteorError('error-invalid-message', 'Invalid message', {
      method: on ? 'followMessage' : 'unfollowMessage',
    });
  const room = ctx.app.store.rooms.get(msg.rid);
  if (!room || !canAccessRoom(ctx, room))
    throw new MeteorError('error-not-allowed', 'not-allowed', {
      method: on ? 'followMessage' : 'unfollowMessage',
    });
  const replies = new Set((msg.replies as string[] | undefined) ?? []);
  if (on) replies.add(ctx.userId as string);
  else replies.delete(ctx.userId as string);
  msg.replies = [...replies];
  return success();
}

/**
 * A room the caller may read, from roomId (or rid) in the query. `plain`: the typed routes
 * (getStarredMessages, getMentionedMessages) throw a plain Error, so `error` is just the code.
 */
function readableRoom(ctx: Ctx, key: 'roomId' | 'rid', plain = false): RoomDoc {
  const id = ctx.query[key];
  if (typeof id !== 'string' || !id)
    throw new MeteorError(
      key === 'roomId' ? 'error-roomId-param-not-provided' : 'error-roomid-param-not-provided',
      `The required "${key}" query param is missing.`,
    );
  const room = ctx.app.store.rooms.get(id);
  if (!room || !canAccessRoom(ctx, room)) {
    if (plain) throw new PlainError('error-not-allowed');
    throw new MeteorError('error-not-allowed', 'Not allowed');
  }
  return room;
}

function messageList(ctx: Ctx, pick: (m: MessageDoc) => boolean, key = 'messages', plain = false): ApiResult {
  const room = readableRoom(ctx, key === 'threads' ? 'rid' : 'roomId', plain);
  const page = getPaginationItems(ctx.app.settings, ctx.query);
  const all = ctx.app.store.messagesOf(room._id).filter(pick).reverse();
  return envelope(key, paginate(all, page), page.offset, all.length);
}

const listQuery = objectSchema({ roomId: str, ...paginationProps }, ['roomId']);
const msgBody = objectSchema({ messageId: str }, ['messageId']);
const route = (
  method: 'GET' | 'POST',
  name: string,
  summary: string,
  rest: Partial<RouteSpec>,
): RouteSpec => ({
  method,
  path: `/api/v1/chat.${name}`,
  summary,
  tags: ['Chat'],
  auth: true,
  handler: () => success(),
  ...rest,
});

export const chatActionRoutes: RouteSpec[] = [
  route('POST', 'react', 'Toggle (or set with shouldReact) a reaction on a message', {
    validate: objectSchema({ messageId: str, emoji: str, reaction: str, shouldReact: bool }, ['messageId']),
    handler: react,
  }),
  route('POST', 'pinMessage', 'Pin a message (pin-message)', {
    validate: msgBody,
    handler: (ctx) => pin(ctx, true),
  }),
  route('POST', 'unPinMessage', 'Unpin a message (pin-message)', {
    validate: msgBody,
    handler: (ctx) => pin(ctx, false),
  }),
  route('POST', 'starMessage', 'Star a message for yourself', {
    validate: msgBody,
    handler: (ctx) => star(ctx, true),
  }),
  route('POST', 'unStarMessage', 'Remove your star from a message', {
    validate: msgBody,
    handler: (ctx) => star(ctx, false),
  }),
  route('POST', 'followMessage', 'Follow a thread', {
    validate: objectSchema({ mid: str }, ['mid']),
    handler: (ctx) => follow(ctx, true),
  }),
  route('POST', 'unfollowMessage', 'Stop following a thread', {
    validate: objectSchema({ mid: str }, ['mid']),
    handler: (ctx) => follow(ctx, false),
  }),
  route('GET', 'getPinnedMessages', 'Pinned messages of a room, newest first', {
    // A legacy route: the handler, not a schema, reports a missing roomId.
    validate: objectSchema({ roomId: str, ...paginationProps }),
    handler: (ctx) => messageList(ctx, (m) => m.pinned === true),
  }),
  route('GET', 'getStarredMessages', 'Messages of a room you starred, newest first', {
    typed: true,
    validate: listQuery,
    handler: (ctx) =>
      messageList(
        ctx,
        (m) => ((m.starred as { _id: string }[] | undefined) ?? []).some((s) => s._id === ctx.userId),
        'messages',
        true,
      ),
  }),
  route('GET', 'getMentionedMessages', 'Messages of a room that mention you, newest first', {
    typed: true,
    validate: listQuery,
    handler: (ctx) => messageList(ctx, (m) => m.mentions.some((x) => x._id === ctx.userId), 'messages', true),
  }),
  route('GET', 'getThreadsList', 'Thread starters of a room (Threads_enabled), newest first', {
    validate: objectSchema(
      { rid: str, type: { type: 'string', enum: ['following', 'unread'] }, text: str, ...paginationProps },
      ['rid'],
    ),
    handler: (ctx) => {
      if (!ctx.app.settings.bool('Threads_enabled'))
        throw new MeteorError('error-not-allowed', 'Threads Disabled', { method: 'getThreadsList' });
      const text = typeof ctx.query.text === 'string' ? ctx.query.text.toLowerCase() : '';
      const following = ctx.query.type === 'following';
      return messageList(
        ctx,
        (m) =>
          typeof m.tcount === 'number' &&
          (!text || m.msg.toLowerCase().includes(text)) &&
          (!following || ((m.replies as string[] | undefined) ?? []).includes(ctx.userId as string)),
        'threads',
      );
    },
  }),
  route('GET', 'getThreadMessages', 'Replies of a thread, oldest first', {
    validate: objectSchema({ tmid: str, ...paginationProps }, ['tmid']),
    handler: (ctx) => {
      if (!ctx.app.settings.bool('Threads_enabled'))
        throw new MeteorError('error-not-allowed', 'Threads Disabled', { method: 'getThreadMessages' });
      const parent = ctx.app.store.findMessage(String(ctx.query.tmid));
      if (!parent)
        throw new MeteorError('error-invalid-message', 'Invalid Message', { method: 'getThreadMessages' });
      const room = ctx.app.store.rooms.get(parent.rid);
      if (!room || !canAccessRoom(ctx, room))
        throw new MeteorError('error-not-allowed', 'Not Allowed', { method: 'getThreadMessages' });
      const page = getPaginationItems(ctx.app.settings, ctx.query);
      const all = ctx.app.store.messagesOf(room._id).filter((m) => m.tmid === parent._id);
      return envelope('messages', paginate(all, page), page.offset, all.length);
    },
  }),
  route('GET', 'getDeletedMessages', 'Ids of the messages of a room deleted since a date', {
    // A legacy route: its handler reports missing parameters with the text as the error code.
    validate: objectSchema({ roomId: str, since: str, ...paginationProps }),
    handler: (ctx) => {
      if (typeof ctx.query.roomId !== 'string' || !ctx.query.roomId)
        throw new MeteorError('The required "roomId" query param is missing.');
      if (typeof ctx.query.since !== 'string' || !ctx.query.since)
        throw new MeteorError('The required "since" query param is missing.');
      const since = Date.parse(String(ctx.query.since));
      if (Number.isNaN(since)) throw new MeteorError('The "since" query parameter must be a valid date.');
      const room = readableRoom(ctx, 'roomId');
      const page = getPaginationItems(ctx.app.settings, ctx.query);
      const all = ctx.app.store.trash
        .filter((t) => t.rid === room._id && t._deletedAt.getTime() > since)
        .map((t) => ({ _id: t._id }));
      return envelope('messages', paginate(all, page), page.offset, all.length);
    },
  }),
];
