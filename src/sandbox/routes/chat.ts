// chat.*
import { MeteorError, PlainError, failure, success } from '../errors';
import type { Ctx, RouteSpec } from '../framework';
import { hasPermission } from '../permissions';
import { randomId } from '../prng';
import type { MessageDoc, RoomDoc, UserDoc } from '../types';
import { num, objectSchema, str } from '../validation';
import { canAccessRoom, hasRoomPermission } from './common';
import { noteDiscussionMessage, noteThreadReply } from './chat-actions';
import { validateMessage } from './message-validation';
import { isBanned } from './room-bans';
import { subscribe } from './room-ops';

const USER_MENTION = /(?:^|[\s(])@([0-9a-zA-Z-_.]+)/g;
const CHANNEL_MENTION = /(?:^|[\s(])#([0-9a-zA-Z-_.]+)/g;
const URL_RE = /https?:\/\/[^\s<>"')]+/g;

export function parseMessageText(ctx: Ctx, text: string): Pick<MessageDoc, 'mentions' | 'channels' | 'urls'> {
  const store = ctx.app.store;
  const mentions: MessageDoc['mentions'] = [];
  for (const m of text.matchAll(USER_MENTION)) {
    const name = m[1] as string;
    if (name === 'all' || name === 'here') mentions.push({ _id: name, username: name });
    else {
      const u = store.findUserByUsername(name);
      if (u && !mentions.some((x) => x._id === u._id)) mentions.push({ _id: u._id, username: u.username });
    }
  }
  const channels: MessageDoc['channels'] = [];
  for (const m of text.matchAll(CHANNEL_MENTION)) {
    const r = store.roomsByName.get(m[1] as string);
    if (r && r.t === 'c' && !channels.some((x) => x._id === r._id))
      channels.push({ _id: r._id, name: r.name as string });
  }
  const urls = [...text.matchAll(URL_RE)].map((m) => ({ url: m[0] }));
  return { mentions, channels, urls };
}

/** canSendMessage: access (not banned), read-only rooms (unless unmuted), muted users. */
function assertCanSend(ctx: Ctx, room: RoomDoc): void {
  const method = { method: 'sendMessage' };
  if (!canAccessRoom(ctx, room) || isBanned(ctx.app.store, room._id, ctx.userId as string))
    throw new MeteorError('error-not-allowed', 'Not allowed', method);
  const username = (ctx.user as UserDoc).username;
  const listed = (key: 'muted' | 'unmuted'): boolean =>
    Array.isArray(room[key]) && (room[key] as string[]).includes(username);
  if (room.ro && !hasRoomPermission(ctx, room, 'post-readonly') && !listed('unmuted'))
    throw new MeteorError(
      'error-not-allowed',
      "You can't send messages because the room is readonly.",
      method,
    );
  if (listed('muted')) throw new MeteorError('error-not-allowed', 'You_have_been_muted', method);
}

function maxSize(ctx: Ctx): number {
  return ctx.app.settings.number('Message_MaxAllowedSize') || 5000;
}

export function insertMessage(
  ctx: Ctx,
  room: RoomDoc,
  fields: Partial<MessageDoc> & { msg: string },
): MessageDoc {
  const user = ctx.user as UserDoc;
  const now = new Date();
  const msg: MessageDoc = {
    _id: fields._id ?? randomId(),
    rid: room._id,
    msg: fields.msg,
    ts: now,
    u: { _id: user._id, username: user.username, name: user.name },
    _updatedAt: now,
    ...parseMessageText(ctx, fields.msg),
    ...(fields.alias !== undefined && { alias: fields.alias }),
    ...(fields.emoji !== undefined && { emoji: fields.emoji }),
    ...(fields.avatar !== undefined && { avatar: fields.avatar }),
    ...(fields.attachments !== undefined && { attachments: fields.attachments }),
    ...(fields.tmid !== undefined && { tmid: fields.tmid }),
    ...(fields.groupable !== undefined && { groupable: fields.groupable }),
    ...(fields.t !== undefined && { t: fields.t }),
  };
  const store = ctx.app.store;
  store.addMessage(msg);
  if (msg.tmid) noteThreadReply(store.findMessage(msg.tmid), msg);
  if (typeof room.prid === 'string') noteDiscussionMessage(store.messagesOf(room.prid), room._id, msg);
  room.msgs += 1;
  room.lm = now;
  room.lastMessage = msg;
  room._updatedAt = now;
  store.touchRooms();
  return msg;
}

/**
 * A system message, as Rocket.Chat's Message.saveSystemMessage writes one: type `t` (`au` user
 * added, `ru` user removed), the affected username as `msg`, sent by the caller; it counts in the
 * room's `msgs` like any message.
 */
export function insertSystemMessage(ctx: Ctx, room: RoomDoc, t: 'au' | 'ru', username: string): MessageDoc {
  return insertMessage(ctx, room, { msg: username, t, groupable: false });
}

/** processWebhookMessage's room resolution: #name, @username, or a room id; joins public channels. */
function resolveTarget(ctx: Ctx, target: string): RoomDoc {
  const store = ctx.app.store;
  const user = ctx.user as UserDoc;
  const first = target[0];
  let room: RoomDoc | undefined;
  if (first === '@') {
    const other = store.findUserByUsername(target.slice(1));
    if (!other) throw new MeteorError('invalid-channel');
    const ids = [user._id, other._id].sort();
    const rid = ids[0] === ids[1] ? `${user._id}${user._id}` : ids.join('');
    room = store.rooms.get(rid);
    if (!room) {
      const now = new Date();
      const members = ids[0] === ids[1] ? [user] : [user, other].sort((a, b) => (a._id < b._id ? -1 : 1));
      room = {
        _id: rid,
        t: 'd',
        usernames: members.map((u) => u.username),
        uids: members.map((u) => u._id),
        usersCount: members.length,
        msgs: 0,
        ts: now,
        _updatedAt: now,
        default: false,
        ro: false,
        sysMes: true,
      };
      store.addRoom(room);
      for (const m of members) subscribe(ctx, room, m);
    }
    return room;
  }
  room =
    first === '#'
      ? store.roomsByName.get(target.slice(1))
      : (store.rooms.get(target) ?? store.roomsByName.get(target));
  if (!room) throw new MeteorError('invalid-channel');
  if (room.t === 'c' && !store.subscription(room._id, user._id)) subscribe(ctx, room, user);
  return room;
}

const postMessageProps = {
  roomId: { anyOf: [str, { type: 'array', items: str }] },
  channel: { anyOf: [str, { type: 'array', items: str }] },
  text: str,
  alias: str,
  emoji: str,
  avatar: str,
  attachments: { type: 'array', items: { type: 'object' } },
  parseUrls: { type: 'boolean' },
  tmid: str,
  customFields: { type: 'object' },
};

export const chatRoutes: RouteSpec[] = [
  {
    method: 'POST',
    path: '/api/v1/chat.postMessage',
    summary: 'Post a message to #channel, @user or a room id (joins public channels)',
    tags: ['Chat'],
    auth: true,
    // Neither target is required by the schema: without one the handler answers [invalid-channel].
    validate: objectSchema(postMessageProps),
    handler: (ctx) => {
      const b = ctx.body;
      const text = typeof b.text === 'string' ? b.text : '';
      if (text.length > maxSize(ctx)) return failure('error-message-size-exceeded');
      const raw = b.roomId ?? b.channel ?? '';
      const targets = (Array.isArray(raw) ? raw : String(raw).split(','))
        .map((s) => String(s).trim())
        .filter(Boolean);
      if (targets.length === 0) throw new MeteorError('invalid-channel');
      let last: { channel: string; message: MessageDoc } | undefined;
      for (const target of targets) {
        const room = resolveTarget(ctx, target);
        assertCanSend(ctx, room);
        validateMessage(ctx, room, { ...b, msg: text });
        const message = insertMessage(ctx, room, {
          msg: text,
          groupable: false,
          ...(typeof b.alias === 'string' && { alias: b.alias }),
          ...(typeof b.emoji === 'string' && { emoji: b.emoji }),
          ...(typeof b.avatar === 'string' && { avatar: b.avatar }),
          ...(Array.isArray(b.attachments) && { attachments: b.attachments }),
          ...(typeof b.tmid === 'string' && { tmid: b.tmid }),
        });
        last ??= { channel: target, message };
      }
      const first = last as { channel: string; message: MessageDoc };
      return success({ ts: Date.now(), channel: first.channel, message: first.message });
    },
  },
  {
    method: 'POST',
    path: '/api/v1/chat.sendMessage',
    summary: 'Send a message object ({message: {rid, msg, ...}}); own limit 5 per second',
    tags: ['Chat'],
    auth: true,
    // Rocket.Chat 8.x declares 5 calls per 1 s here (the web client sends through this route).
    rateLimit: { calls: () => 5, intervalMs: () => 1000 },
    validate: objectSchema(
      {
        message: objectSchema(
          {
            _id: str,
            rid: str,
            msg: str,
            tmid: str,
            alias: str,
            emoji: str,
            avatar: str,
            attachments: { type: 'array' },
            tshow: { type: 'boolean' },
            customFields: { type: 'object' },
            blocks: { type: 'array' },
          },
          [],
          // rest-typings 8.8.1 closes only the top level of the body; the message may carry more.
          true,
        ),
        previewUrls: { type: 'array', items: str },
      },
      ['message'],
    ),
    handler: (ctx) => {
      const m = ctx.body.message as Record<string, unknown>;
      if (typeof m.rid !== 'string' || !m.rid)
        throw new PlainError("The 'rid' property on the message object is missing.");
      const text = typeof m.msg === 'string' ? m.msg : '';
      if (text.length > maxSize(ctx))
        throw new MeteorError(
          'error-message-size-exceeded',
          `Message size exceeds the maximum allowed size of ${maxSize(ctx)} characters`,
        );
      const room = ctx.app.store.rooms.get(String(m.rid));
      if (!room) throw new MeteorError('error-invalid-room', 'Invalid room', { method: 'sendMessage' });
      assertCanSend(ctx, room);
      validateMessage(ctx, room, m);
      if (typeof m._id === 'string' && ctx.app.store.findMessage(m._id))
        throw new MeteorError('error-message-duplicate', 'Message already exists', { method: 'sendMessage' });
      const message = insertMessage(ctx, room, {
        msg: text,
        ...(typeof m._id === 'string' && { _id: m._id }),
        ...(typeof m.alias === 'string' && { alias: m.alias }),
        ...(typeof m.emoji === 'string' && { emoji: m.emoji }),
        ...(typeof m.avatar === 'string' && { avatar: m.avatar }),
        ...(Array.isArray(m.attachments) && { attachments: m.attachments }),
        ...(typeof m.tmid === 'string' && { tmid: m.tmid }),
      });
      return success({ message });
    },
  },
  {
    method: 'GET',
    path: '/api/v1/chat.getMessage',
    summary: 'One message by id',
    tags: ['Chat'],
    auth: true,
    validate: objectSchema({ msgId: { type: 'string', minLength: 1 } }, ['msgId']),
    handler: (ctx) => {
      const msg = ctx.app.store.findMessage(String(ctx.query.msgId));
      if (!msg)
        throw new MeteorError('error-invalid-message', 'Invalid message', { method: 'getSingleMessage' });
      const room = ctx.app.store.rooms.get(msg.rid);
      if (!room || !canAccessRoom(ctx, room))
        throw new MeteorError('error-not-allowed', 'Not allowed', { method: 'getSingleMessage' });
      return success({ message: msg });
    },
  },
  {
    method: 'POST',
    path: '/api/v1/chat.update',
    summary: 'Edit a message (own message, or edit-message permission)',
    tags: ['Chat'],
    auth: true,
    validate: objectSchema(
      {
        roomId: str,
        msgId: str,
        text: str,
        previewUrls: { type: 'array', items: str },
        customFields: { type: 'object' },
      },
      ['roomId', 'msgId', 'text'],
    ),
    handler: (ctx) => {
      const { roomId, msgId, text } = ctx.body as { roomId: string; msgId: string; text: string };
      const msg = ctx.app.store.findMessage(msgId);
      if (!msg || msg.rid !== roomId)
        return failure('The room id provided does not match where the message is from.');
      if (text.length > maxSize(ctx)) return failure('error-message-size-exceeded');
      const room = ctx.app.store.rooms.get(roomId) as RoomDoc;
      const own = msg.u._id === ctx.userId;
      const allowed =
        hasRoomPermission(ctx, room, 'edit-message') ||
        (own && ctx.app.settings.bool('Message_AllowEditing'));
      if (!allowed)
        throw new MeteorError('error-action-not-allowed', 'Message editing not allowed', {
          method: 'updateMessage',
          action: 'Message_editing',
        });
      const user = ctx.user as UserDoc;
      const now = new Date();
      Object.assign(msg, {
        msg: text,
        ...parseMessageText(ctx, text),
        editedAt: now,
        editedBy: { _id: user._id, username: user.username },
        _updatedAt: now,
      });
      ctx.app.store.touchRooms();
      return success({ message: msg });
    },
  },
  {
    method: 'POST',
    path: '/api/v1/chat.delete',
    summary: 'Delete a message (own message, or delete-message permission)',
    tags: ['Chat'],
    auth: true,
    validate: objectSchema({ roomId: str, msgId: str, asUser: { type: 'boolean' } }, ['roomId', 'msgId']),
    handler: (ctx) => {
      const { roomId, msgId, asUser } = ctx.body as { roomId: string; msgId: string; asUser?: boolean };
      const msg = ctx.app.store.findMessage(msgId);
      if (!msg) return failure(`No message found with the id of "${msgId}".`);
      if (roomId !== msg.rid)
        return failure('The room id provided does not match where the message is from.');
      if (asUser && msg.u._id !== ctx.userId && !hasPermission(ctx.user, 'force-delete-message')) {
        return failure(
          'Unauthorized. You must have the permission "force-delete-message" to delete other\'s message as them.',
        );
      }
      const room = ctx.app.store.rooms.get(roomId) as RoomDoc;
      const own = msg.u._id === ctx.userId;
      const allowed =
        hasRoomPermission(ctx, room, 'force-delete-message') ||
        hasRoomPermission(ctx, room, 'delete-message') ||
        (own &&
          ctx.app.settings.bool('Message_AllowDeleting') &&
          hasPermission(ctx.user, 'delete-own-message'));
      if (!allowed)
        throw new MeteorError('error-action-not-allowed', 'Not allowed', {
          method: 'deleteMessage',
          action: 'Delete_message',
        });
      ctx.app.store.removeMessage(msg._id);
      room.msgs = Math.max(0, room.msgs - 1);
      const list = ctx.app.store.messagesOf(room._id);
      const last = list[list.length - 1];
      if (last) {
        room.lastMessage = last;
        room.lm = last.ts;
      } else {
        delete room.lastMessage;
        delete room.lm;
      }
      ctx.app.store.touchRooms();
      return success({
        _id: msg._id,
        ts: Date.now().toString(),
        message: { _id: msg._id, rid: msg.rid, u: msg.u },
      });
    },
  },
  {
    method: 'GET',
    path: '/api/v1/chat.search',
    summary: 'Search the messages of a room (case-insensitive text match), newest first',
    tags: ['Chat'],
    auth: true,
    validate: objectSchema({ roomId: str, searchText: str, count: num, offset: num }, [
      'roomId',
      'searchText',
    ]),
    handler: (ctx) => {
      const room = ctx.app.store.rooms.get(String(ctx.query.roomId));
      if (!room || !canAccessRoom(ctx, room)) return success({ messages: [] });
      const text = String(ctx.query.searchText).toLowerCase();
      const count = typeof ctx.query.count === 'number' && ctx.query.count > 0 ? ctx.query.count : 20;
      const offset = typeof ctx.query.offset === 'number' && ctx.query.offset > 0 ? ctx.query.offset : 0;
      const all = ctx.app.store.messagesOf(room._id);
      const out: MessageDoc[] = [];
      let skipped = 0;
      for (let i = all.length - 1; i >= 0 && out.length < count; i--) {
        const m = all[i] as MessageDoc;
        if (!text || !m.msg.toLowerCase().includes(text)) continue;
        if (skipped++ < offset) continue;
        out.push(m);
      }
      return success({ messages: out });
    },
  },
];
