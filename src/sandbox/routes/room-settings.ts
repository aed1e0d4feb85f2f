// channels.* / groups.* settings routes generated once for both room types: the setters, rename,
// setType, archive/unarchive (saveRoomSettings and friends in Rocket.Chat).
import type { ApiResult } from '../errors';
import { MeteorError, failure, success } from '../errors';
import type { Ctx, RouteSpec } from '../framework';
import type { RoomDoc } from '../types';
import { bool, objectSchema, str } from '../validation';
import { findRoomByIdOrName, validRoomName, hasRoomPermission, roomView } from './common';
import { SETTING_MESSAGE, systemMessage } from './system-messages';

export type Prefix = 'channels' | 'groups';
export const typeOf = (p: Prefix): 'c' | 'p' => (p === 'channels' ? 'c' : 'p');
/** The word the real messages use for each room type. */
export const noun = (p: Prefix): string => (p === 'channels' ? 'channel' : 'private group');
export const roomTarget = { roomId: str, roomName: str };

function assertEditRoom(ctx: Ctx, room: RoomDoc): void {
  if (!hasRoomPermission(ctx, room, 'edit-room')) {
    throw new MeteorError('error-action-not-allowed', 'Editing room is not allowed', {
      method: 'saveRoomSettings',
      action: 'Editing_room',
    });
  }
}

function touch(ctx: Ctx, room: RoomDoc): void {
  room._updatedAt = new Date();
  ctx.app.store.touchRooms();
}

/** setDescription / setAnnouncement / setPurpose / setCustomFields-like text setters. */
function textSetter(
  prefix: Prefix,
  route: string,
  field: string,
  label: string,
  sameCheck: boolean,
): RouteSpec {
  return {
    method: 'POST',
    path: `/api/v1/${prefix}.${route}`,
    summary: `Set the ${label} of a ${noun(prefix)} (edit-room); "" clears it`,
    tags: [prefix === 'channels' ? 'Channels' : 'Groups'],
    auth: true,
    validate: objectSchema({ ...roomTarget, [field]: str }),
    handler: (ctx) => {
      const room = findRoomByIdOrName(ctx, typeOf(prefix), ctx.body);
      // Presence of the key, not a non-empty value, is what Rocket.Chat requires.
      if (!Object.hasOwn(ctx.body, field)) return failure(`The bodyParam "${field}" is required`);
      const value = String(ctx.body[field] ?? '');
      const stored = field === 'purpose' ? 'description' : field;
      if (sameCheck && room[stored] === value)
        return failure(`The channel ${label} is the same as what it would be changed to.`);
      assertEditRoom(ctx, room);
      room[stored] = value;
      touch(ctx, room);
      const t = SETTING_MESSAGE[stored];
      if (t) systemMessage(ctx, room, t, value);
      return success({ [field]: value });
    },
  };
}

function archiveRoutes(prefix: Prefix): RouteSpec[] {
  const t = typeOf(prefix);
  const tags = [prefix === 'channels' ? 'Channels' : 'Groups'];
  return [
    {
      method: 'POST',
      path: `/api/v1/${prefix}.archive`,
      summary: `Archive a ${noun(prefix)} (archive-room)`,
      tags,
      auth: true,
      validate: objectSchema(roomTarget),
      handler: (ctx) => {
        const room = findRoomByIdOrName(ctx, t, ctx.body);
        if (room.archived === true)
          throw new MeteorError(
            'error-room-archived',
            `The ${noun(prefix)}, ${room.name}, is already archived`,
          );
        if (!hasRoomPermission(ctx, room, 'archive-room'))
          throw new MeteorError('error-not-authorized', 'Not authorized', { method: 'archiveRoom' });
        room.archived = true;
        touch(ctx, room);
        systemMessage(ctx, room, 'room-archived');
        return success();
      },
    },
    {
      method: 'POST',
      path: `/api/v1/${prefix}.unarchive`,
      summary: `Unarchive a ${noun(prefix)} (unarchive-room)`,
      tags,
      auth: true,
      validate: objectSchema(roomTarget),
      handler: (ctx) => {
        const room = findRoomByIdOrName(ctx, t, ctx.body);
        if (room.archived !== true) return failure(`The ${noun(prefix)}, ${room.name}, is not archived`);
        if (!hasRoomPermission(ctx, room, 'unarchive-room'))
          throw new MeteorError('error-not-authorized', 'Not authorized', { method: 'unarchiveRoom' });
        room.archived = false;
        touch(ctx, room);
        systemMessage(ctx, room, 'room-unarchived');
        return success();
      },
    },
  ];
}

function renameRoute(prefix: Prefix): RouteSpec {
  const t = typeOf(prefix);
  return {
    method: 'POST',
    path: `/api/v1/${prefix}.rename`,
    summary: `Rename a ${noun(prefix)} (edit-room)`,
    tags: [prefix === 'channels' ? 'Channels' : 'Groups'],
    auth: true,
    validate: objectSchema({ ...roomTarget, name: str }),
    handler: (ctx) => {
      const name = typeof ctx.body.name === 'string' ? ctx.body.name : '';
      if (!name.trim()) return failure('The bodyParam "name" is required');
      const room = findRoomByIdOrName(ctx, t, ctx.body);
      if (room.name === name)
        return failure(`The ${noun(prefix)} name is the same as what it would be changed to.`);
      assertEditRoom(ctx, room);
      if (!validRoomName(ctx, name))
        throw new MeteorError('error-invalid-room-name', `${name} is not a valid room name`, {
          function: 'RocketChat.saveRoomName',
          channel_name: name,
        });
      if (ctx.app.store.roomsByName.has(name))
        throw new MeteorError('error-duplicate-channel-name', `A channel with name '${name}' exists`, {
          function: 'RocketChat.saveRoomName',
          channel_name: name,
        });
      const previous = room.name;
      room.name = name;
      room.fname = name;
      for (const uid of ctx.app.store.members(room._id)) {
        const sub = ctx.app.store.subscription(room._id, uid);
        if (sub) Object.assign(sub, { name, fname: name });
      }
      touch(ctx, room);
      ctx.app.store.renameRoomIndex(room, previous);
      systemMessage(ctx, room, 'r', name);
      return success({ [prefix === 'channels' ? 'channel' : 'group']: roomView(room) });
    },
  };
}

function readOnlyAndType(prefix: Prefix): RouteSpec[] {
  const t = typeOf(prefix);
  const tags = [prefix === 'channels' ? 'Channels' : 'Groups'];
  const key = prefix === 'channels' ? 'channel' : 'group';
  const answer = (room: RoomDoc): ApiResult => success({ [key]: roomView(room) });
  return [
    {
      method: 'POST',
      path: `/api/v1/${prefix}.setReadOnly`,
      summary: `Make a ${noun(prefix)} read-only or not (set-readonly)`,
      tags,
      auth: true,
      validate: objectSchema({ ...roomTarget, readOnly: bool }),
      handler: (ctx) => {
        if (typeof ctx.body.readOnly === 'undefined') return failure('The bodyParam "readOnly" is required');
        const room = findRoomByIdOrName(ctx, t, ctx.body);
        if (room.ro === ctx.body.readOnly)
          return failure(`The ${noun(prefix)} read only setting is the same as what it would be changed to.`);
        if (!hasRoomPermission(ctx, room, 'set-readonly'))
          throw new MeteorError('error-action-not-allowed', 'Editing readOnly is not allowed', {
            method: 'saveRoomSettings',
            action: 'Editing_readOnly',
          });
        room.ro = ctx.body.readOnly === true;
        touch(ctx, room);
        systemMessage(ctx, room, room.ro ? 'room-set-read-only' : 'room-removed-read-only');
        return answer(room);
      },
    },
    {
      method: 'POST',
      path: `/api/v1/${prefix}.setType`,
      summary: `Change a ${noun(prefix)} to public (c) or private (p)`,
      tags,
      auth: true,
      validate: objectSchema({ ...roomTarget, type: str }),
      handler: (ctx) => {
        const type = typeof ctx.body.type === 'string' ? ctx.body.type : '';
        if (!type.trim()) return failure('The bodyParam "type" is required');
        const room = findRoomByIdOrName(ctx, t, ctx.body);
        if (room.t === type)
          return failure(`The ${noun(prefix)} type is the same as what it would be changed to.`);
        if (type !== 'c' && type !== 'p')
          throw new MeteorError('error-invalid-room-type', `${type} is not a valid room type`, {
            method: 'saveRoomSettings',
          });
        if (
          !hasRoomPermission(ctx, room, type === 'c' ? 'create-c' : 'create-p') ||
          !hasRoomPermission(ctx, room, 'edit-room')
        )
          throw new MeteorError(
            'error-action-not-allowed',
            'Changing a private group to a public channel is not allowed',
            {
              method: 'saveRoomSettings',
              action: 'Change_Room_Type',
            },
          );
        room.t = type;
        for (const uid of ctx.app.store.members(room._id)) {
          const sub = ctx.app.store.subscription(room._id, uid);
          if (sub) sub.t = type;
        }
        touch(ctx, room);
        ctx.app.store.renameRoomIndex(room);
        // saveRoomType announces the new privacy as the translated word.
        systemMessage(ctx, room, 'room_changed_privacy', type === 'c' ? 'Public' : 'Private');
        return answer(room);
      },
    },
  ];
}

export function roomSettingsRoutes(prefix: Prefix): RouteSpec[] {
  const isChannel = prefix === 'channels';
  return [
    textSetter(prefix, 'setDescription', 'description', 'description', isChannel),
    textSetter(prefix, 'setAnnouncement', 'announcement', 'announcement', false),
    textSetter(prefix, 'setPurpose', 'purpose', 'purpose (description)', isChannel),
    ...(isChannel ? [] : [textSetter(prefix, 'setTopic', 'topic', 'topic', false)]),
    ...archiveRoutes(prefix),
    renameRoute(prefix),
    ...readOnlyAndType(prefix),
  ];
}
