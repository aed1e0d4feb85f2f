// Room settings without a system message of their own or for one room type only: custom fields
// (channels and groups), the join code and default flag of channels, encryption of groups
// (saveRoomSettings' roomCustomFields, joinCode, default and encrypted).
import { MeteorError, failure, success } from '../errors';
import type { Ctx, RouteSpec } from '../framework';
import type { RoomDoc } from '../types';
import { objectSchema, str } from '../validation';
import { findRoomByIdOrName, hasRoomPermission, roomView } from './common';
import type { Prefix } from './room-settings';
import { noun, roomTarget, typeOf } from './room-settings';
import { systemMessage } from './system-messages';

const tagsOf = (p: Prefix): string[] => [p === 'channels' ? 'Channels' : 'Groups'];
const keyOf = (p: Prefix): string => (p === 'channels' ? 'channel' : 'group');

function assertSetting(ctx: Ctx, room: RoomDoc, permission: string, action: string): void {
  if (!hasRoomPermission(ctx, room, permission))
    throw new MeteorError('error-action-not-allowed', `Editing ${action} is not allowed`, {
      method: 'saveRoomSettings',
      action: `Editing_${action}`,
    });
}

function touch(ctx: Ctx, room: RoomDoc): void {
  room._updatedAt = new Date();
  ctx.app.store.touchRooms();
}

function customFieldsRoute(prefix: Prefix): RouteSpec {
  return {
    method: 'POST',
    path: `/api/v1/${prefix}.setCustomFields`,
    summary: `Replace the custom fields of a ${noun(prefix)} (edit-room)`,
    tags: tagsOf(prefix),
    auth: true,
    // The type is checked below, with Rocket.Chat's text.
    validate: objectSchema({ ...roomTarget, customFields: {} }),
    handler: (ctx) => {
      const cf = ctx.body.customFields;
      if (!cf || typeof cf !== 'object' || Array.isArray(cf))
        return failure('The bodyParam "customFields" is required with a type like object.');
      const room = findRoomByIdOrName(ctx, typeOf(prefix), ctx.body);
      assertSetting(ctx, room, 'edit-room', 'room');
      room.customFields = { ...(cf as Record<string, unknown>) };
      touch(ctx, room);
      return success({ [keyOf(prefix)]: roomView(room) });
    },
  };
}

export const roomFieldRoutes: RouteSpec[] = [
  customFieldsRoute('channels'),
  customFieldsRoute('groups'),
  {
    method: 'POST',
    path: '/api/v1/channels.setJoinCode',
    summary: 'Set the code a channel asks of joiners (edit-room); the code is never shown back',
    tags: ['Channels'],
    auth: true,
    validate: objectSchema({ ...roomTarget, joinCode: str }),
    handler: (ctx) => {
      const code = typeof ctx.body.joinCode === 'string' ? ctx.body.joinCode : '';
      if (!code.trim()) return failure('The bodyParam "joinCode" is required');
      const room = findRoomByIdOrName(ctx, 'c', ctx.body);
      assertSetting(ctx, room, 'edit-room', 'room');
      room.joinCode = code;
      touch(ctx, room);
      return success({ channel: roomView(room) });
    },
  },
  {
    method: 'POST',
    path: '/api/v1/channels.setDefault',
    summary: 'Make a channel one every new user joins, or not (view-room-administration)',
    tags: ['Channels'],
    auth: true,
    validate: objectSchema({ ...roomTarget, default: { type: ['boolean', 'string', 'number'] } }),
    handler: (ctx) => {
      if (ctx.body.default === undefined)
        return failure('The bodyParam "default" is required', 'error-channels-setdefault-is-same');
      const room = findRoomByIdOrName(ctx, 'c', ctx.body);
      const value = ['true', '1'].includes(String(ctx.body.default).toLowerCase());
      if (room.default === ctx.body.default)
        return failure(
          'The channel default setting is the same as what it would be changed to.',
          'error-channels-setdefault-missing-default-param',
        );
      assertSetting(ctx, room, 'view-room-administration', 'default');
      room.default = value;
      touch(ctx, room);
      return success({ channel: roomView(room) });
    },
  },
  {
    method: 'POST',
    path: '/api/v1/groups.setEncrypted',
    summary: 'Turn end-to-end encryption of a private group on or off (edit-room)',
    tags: ['Groups'],
    auth: true,
    validate: objectSchema({ ...roomTarget, encrypted: {} }),
    handler: (ctx) => {
      if (typeof ctx.body.encrypted !== 'boolean') return failure('The bodyParam "encrypted" is required');
      const room = findRoomByIdOrName(ctx, 'p', ctx.body);
      assertSetting(ctx, room, 'edit-room', 'room');
      if (room.encrypted !== ctx.body.encrypted) {
        room.encrypted = ctx.body.encrypted;
        touch(ctx, room);
        systemMessage(ctx, room, room.encrypted ? 'room_e2e_enabled' : 'room_e2e_disabled');
      }
      return success({ group: roomView(room) });
    },
  },
];
