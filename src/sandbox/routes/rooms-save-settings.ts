// rooms.saveRoomSettings: Rocket.Chat 8.x's saveRoomSettings method behind the typed router. Every
// setting's permission is checked before any is applied, then they are applied in body order.
import { MeteorError, success } from '../errors';
import type { Ctx, RouteSpec } from '../framework';
import { hasPermission } from '../permissions';
import { randomId } from '../prng';
import type { RoomDoc } from '../types';
import { bool, objectSchema, str } from '../validation';
import { ROOM_NAME_RE, hasRoomPermission } from './common';
import { insertMessage } from './chat';

const method = { method: 'saveRoomSettings' };

const notAllowed = (reason: string, action: string): MeteorError =>
  new MeteorError('error-action-not-allowed', reason, { ...method, action });

const schema = objectSchema(
  {
    rid: str,
    roomAvatar: { type: ['string', 'null'] },
    featured: bool,
    roomName: str,
    roomTopic: str,
    roomAnnouncement: str,
    roomCustomFields: { type: 'object' },
    roomDescription: str,
    roomType: { type: 'string', enum: ['c', 'p'] },
    readOnly: bool,
    reactWhenReadOnly: bool,
    systemMessages: { type: 'array', items: str },
    default: bool,
    joinCode: str,
    streamingOptions: { type: 'object' },
    retentionEnabled: bool,
    retentionMaxAge: { type: 'number' },
    retentionExcludePinned: bool,
    retentionFilesOnly: bool,
    retentionIgnoreThreads: bool,
    retentionOverrideGlobal: bool,
    encrypted: bool,
    favorite: objectSchema({ favorite: bool, defaultValue: bool }, ['favorite', 'defaultValue']),
    sidepanel: { type: 'object' },
  },
  ['rid'],
);

/** The per-setting checks of saveRoomSettings' validators, before anything changes. */
function check(ctx: Ctx, room: RoomDoc, key: string, value: unknown): void {
  const adminOnly = ['default', 'featured'];
  if (adminOnly.includes(key) && !hasPermission(ctx.user, 'view-room-administration'))
    throw notAllowed('Viewing room administration is not allowed', 'Viewing_room_administration');
  if (key === 'readOnly' && value !== room.ro && !hasRoomPermission(ctx, room, 'set-readonly'))
    throw notAllowed('Editing readOnly is not allowed', 'Editing_readOnly');
  if (
    key === 'reactWhenReadOnly' &&
    value !== room.reactWhenReadOnly &&
    !hasRoomPermission(ctx, room, 'set-react-when-readonly')
  )
    throw notAllowed('Editing readOnly is not allowed', 'Editing_readOnly');
  if (key === 'roomType' && value !== room.t) {
    if (room.teamMain === true)
      throw notAllowed('Changing a team main room type is not allowed', 'Editing_room');
    if (!hasRoomPermission(ctx, room, value === 'c' ? 'create-c' : 'create-p'))
      throw notAllowed(
        value === 'c'
          ? 'Changing a private group to a public channel is not allowed'
          : 'Changing a public channel to a private room is not allowed',
        'Change_Room_Type',
      );
  }
  if (key === 'roomName' && typeof room.prid !== 'string') {
    const name = String(value);
    if (name !== room.name && !ROOM_NAME_RE.test(name))
      throw new MeteorError('error-invalid-room-name', `${name} is not a valid room name`, {
        function: 'RocketChat.saveRoomName',
        channel_name: name,
      });
    if (name !== room.name && ctx.app.store.roomsByName.has(name))
      throw new MeteorError('error-duplicate-channel-name', `A channel with name '${name}' exists`, {
        function: 'RocketChat.saveRoomName',
        channel_name: name,
      });
  }
}

function eachSubscription(ctx: Ctx, room: RoomDoc, change: Record<string, unknown>): void {
  for (const uid of ctx.app.store.members(room._id)) {
    const sub = ctx.app.store.subscription(room._id, uid);
    if (sub) Object.assign(sub, change, { _updatedAt: new Date() });
  }
}

function rename(ctx: Ctx, room: RoomDoc, value: string): void {
  // A discussion keeps its generated name; its display name (fname) is what changes, spaces allowed.
  if (typeof room.prid === 'string') {
    room.fname = value;
    eachSubscription(ctx, room, { fname: value });
    return;
  }
  if (room.name === value) return;
  const previous = room.name;
  room.name = value;
  room.fname = value;
  eachSubscription(ctx, room, { name: value, fname: value });
  ctx.app.store.renameRoomIndex(room, previous);
  insertMessage(ctx, room, { msg: value, t: 'r', groupable: false });
}

const TEXT: Record<string, [field: string, messageType: string]> = {
  roomTopic: ['topic', 'room_changed_topic'],
  roomAnnouncement: ['announcement', 'room_changed_announcement'],
  roomDescription: ['description', 'room_changed_description'],
};

function apply(ctx: Ctx, room: RoomDoc, key: string, value: unknown): void {
  const text = TEXT[key];
  if (text) {
    const [field, t] = text;
    if (room[field] === value) return;
    room[field] = value;
    insertMessage(ctx, room, { msg: String(value), t, groupable: false });
    return;
  }
  switch (key) {
    case 'roomName':
      return rename(ctx, room, String(value));
    case 'roomType':
      if (room.t === value) return;
      room.t = value as 'c' | 'p';
      eachSubscription(ctx, room, { t: value });
      ctx.app.store.renameRoomIndex(room);
      insertMessage(ctx, room, {
        msg: value === 'c' ? 'public' : 'private',
        t: 'room_changed_privacy',
        groupable: false,
      });
      return;
    case 'readOnly':
      room.ro = value === true;
      return;
    case 'systemMessages':
      room.sysMes = value as unknown as boolean;
      return;
    case 'roomCustomFields':
      room.customFields = value;
      return;
    case 'roomAvatar':
      if (value) room.avatarETag = randomId();
      else delete room.avatarETag;
      return;
    case 'joinCode':
      if (value) Object.assign(room, { joinCode: value, joinCodeRequired: true });
      else {
        delete room.joinCode;
        delete room.joinCodeRequired;
      }
      return;
    case 'favorite': {
      // Rooms.saveFavoriteById: favorite only sticks on a default room.
      const f = value as { favorite: boolean; defaultValue: boolean };
      if (f.favorite && f.defaultValue) room.favorite = true;
      else delete room.favorite;
      return;
    }
    default:
      room[key] = value;
  }
}

export const roomSaveSettingsRoutes: RouteSpec[] = [
  {
    method: 'POST',
    path: '/api/v1/rooms.saveRoomSettings',
    summary:
      'Change several settings of a room at once (edit-room; readOnly, type, default/featured need their own permissions)',
    tags: ['Rooms'],
    auth: true,
    typed: true,
    validate: schema,
    handler: (ctx) => {
      const { rid, ...settings } = ctx.body as { rid: string } & Record<string, unknown>;
      const room = ctx.app.store.rooms.get(rid);
      if (!room) throw new MeteorError('error-invalid-room', 'Invalid room', method);
      const keys = Object.keys(settings);
      const onlyOwn = keys.length === 1 && (keys[0] === 'favorite' || keys[0] === 'encrypted');
      if (!onlyOwn && !hasRoomPermission(ctx, room, 'edit-room'))
        throw notAllowed('Editing room is not allowed', 'Editing_room');
      for (const key of keys) check(ctx, room, key, settings[key]);
      for (const key of keys) apply(ctx, room, key, settings[key]);
      room._updatedAt = new Date();
      ctx.app.store.touchRooms();
      return success({ rid: room._id });
    },
  },
];
