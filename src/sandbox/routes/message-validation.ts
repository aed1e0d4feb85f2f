// validateMessage of Rocket.Chat's sendMessage (app/lib/server/functions/sendMessage.ts): the checks
// chat.postMessage and chat.sendMessage share before a message is stored.
import { PlainError } from '../errors';
import type { Ctx } from '../framework';
import type { RoomDoc } from '../types';
import { hasRoomPermission } from './common';

type Kind =
  'string' | 'boolean' | 'number' | 'object' | 'array' | 'url' | 'partialUrl' | 'scalar' | 'stringOrNumber';

const typeName = (v: unknown): string => (Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v);

const isUrl = (v: string): boolean => /^https?:\/\/\S+$/i.test(v) || v.startsWith('/file-upload/');

/** One field of Meteor's check(); throws the text the real Match.Error carries. */
function checkField(value: unknown, kind: Kind, path: string): void {
  const fail = (expected: string): never => {
    throw new PlainError(`Match error: Expected ${expected}, got ${typeName(value)} in field ${path}`);
  };
  switch (kind) {
    case 'string':
    case 'boolean':
    case 'number':
      if (typeof value !== kind) fail(kind);
      return;
    case 'object':
      if (typeof value !== 'object' || value === null) fail('object');
      return;
    case 'array':
      if (!Array.isArray(value)) fail('array');
      return;
    case 'scalar':
      if (!['string', 'number', 'boolean'].includes(typeof value)) fail('string, number or boolean');
      return;
    case 'stringOrNumber':
      if (typeof value !== 'string' && typeof value !== 'number') fail('string or number');
      return;
    case 'url':
    case 'partialUrl': {
      if (typeof value !== 'string') fail('string');
      const s = value as string;
      const ok = isUrl(s) || (kind === 'partialUrl' && s.startsWith('/'));
      if (!ok || /^javascript:/i.test(s)) throw new PlainError('Invalid href value provided');
    }
  }
}

/** objectMaybeIncluding: each listed field is checked only when present (not null/undefined). */
function maybeIncluding(value: unknown, types: Record<string, Kind>, prefix = ''): void {
  if (typeof value !== 'object' || value === null) return;
  const rec = value as Record<string, unknown>;
  for (const [field, kind] of Object.entries(types))
    if (rec[field] !== undefined && rec[field] !== null) checkField(rec[field], kind, `${prefix}${field}`);
}

const MESSAGE_FIELDS: Record<string, Kind> = {
  _id: 'string',
  msg: 'string',
  text: 'string',
  alias: 'string',
  emoji: 'string',
  tmid: 'string',
  tshow: 'boolean',
  avatar: 'partialUrl',
  attachments: 'array',
  blocks: 'array',
};

const ATTACHMENT_FIELDS: Record<string, Kind> = {
  color: 'string',
  text: 'string',
  ts: 'stringOrNumber',
  thumb_url: 'url',
  button_alignment: 'string',
  actions: 'array',
  message_link: 'url',
  collapsed: 'boolean',
  author_name: 'string',
  author_link: 'url',
  author_icon: 'url',
  title: 'string',
  title_link: 'url',
  title_link_download: 'boolean',
  image_dimensions: 'object',
  image_url: 'url',
  image_preview: 'string',
  image_type: 'string',
  image_size: 'number',
  audio_url: 'url',
  audio_type: 'string',
  audio_size: 'number',
  video_url: 'url',
  video_type: 'string',
  video_size: 'number',
  fields: 'array',
};

const FIELD_FIELDS: Record<string, Kind> = { short: 'boolean', title: 'string', value: 'scalar' };

const ACTION_FIELDS: Record<string, Kind> = {
  type: 'string',
  text: 'string',
  url: 'url',
  image_url: 'url',
  is_webview: 'boolean',
  webview_height_ratio: 'string',
  msg: 'string',
  msg_in_chat_window: 'boolean',
};

/** The message-level checks, in the real order: field types, impersonation, attachments, customFields. */
export function validateMessage(ctx: Ctx, room: RoomDoc, message: Record<string, unknown>): void {
  maybeIncluding(message, MESSAGE_FIELDS);
  if ((message.alias || message.avatar) && !hasRoomPermission(ctx, room, 'message-impersonate'))
    throw new PlainError('Not enough permission');
  if (Array.isArray(message.attachments)) {
    for (const a of message.attachments) {
      maybeIncluding(a, ATTACHMENT_FIELDS);
      const rec = (a ?? {}) as Record<string, unknown>;
      if (Array.isArray(rec.fields)) for (const f of rec.fields) maybeIncluding(f, FIELD_FIELDS);
      if (Array.isArray(rec.actions)) for (const x of rec.actions) maybeIncluding(x, ACTION_FIELDS);
    }
  }
  if (message.customFields && !ctx.app.settings.bool('Message_CustomFields_Enabled'))
    throw new PlainError('Custom fields not enabled');
}
