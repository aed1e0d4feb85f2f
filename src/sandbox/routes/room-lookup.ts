// Read-only room lookups beside the main channels/groups modules: the integrations that post to a
// room (channels/groups.getIntegrations), groups.online, groups.listAll and channels.anonymousread.
import { MeteorError, failure, forbidden, mustBeLoggedIn, notFound, success } from '../errors';
import type { Ctx, RouteSpec } from '../framework';
import { parseJsonQuery } from '../json-query';
import { getPaginationItems, paginate } from '../pagination';
import { hasPermission } from '../permissions';
import type { RoomDoc, UserDoc } from '../types';
import { objectSchema, paginationProps, str } from '../validation';
import { canAccessRoom, envelope, findRoomByIdOrName, listRooms, roomsEnvelope } from './common';
import type { Integration } from './integrations';
import { integrationsOf } from './integrations';
import { messagesPage } from './room-ops';
import { hiddenByPrivateTeam } from './team-table';

const INTEGRATION_PERMISSIONS = [
  'manage-outgoing-integrations',
  'manage-own-outgoing-integrations',
  'manage-incoming-integrations',
  'manage-own-incoming-integrations',
];

/** mountIntegrationQueryBasedOnPermissions: every integration of a kind, or only your own. */
function mayManage(ctx: Ctx, i: Integration): boolean {
  const kind = (i.type as string) === 'webhook-outgoing' ? 'outgoing' : 'incoming';
  if (hasPermission(ctx.user, `manage-${kind}-integrations`)) return true;
  return hasPermission(ctx.user, `manage-own-${kind}-integrations`) && i._createdBy._id === ctx.userId;
}

function roomIntegrations(ctx: Ctx, room: RoomDoc, everywhere: string, includeFlag: unknown) {
  // The flag defaults to true: integrations posting to every public channel (or private group) count.
  const targets = [`#${room.name}`, ...(includeFlag === 'false' ? [] : [everywhere])];
  const page = getPaginationItems(ctx.app.settings, ctx.query);
  const all = integrationsOf(ctx)
    .filter((i) => mayManage(ctx, i) && i.channel.some((c) => targets.includes(c)))
    .sort((a, b) => a._createdAt.getTime() - b._createdAt.getTime());
  return envelope('integrations', paginate(all, page), page.offset, all.length);
}

function onlineOf(ctx: Ctx, room: RoomDoc) {
  return ctx.app.store
    .members(room._id)
    .map((uid) => ctx.app.store.users.get(uid) as UserDoc)
    .filter((u) => u && u.status !== 'offline')
    .map((u) => ({ _id: u._id, username: u.username }));
}

/** The room id of groups.online: `_id`, or `_id` inside the JSON `query`. */
function onlineTarget(ctx: Ctx): string {
  if (typeof ctx.query._id === 'string' && ctx.query._id) return ctx.query._id;
  if (typeof ctx.query.query !== 'string') return '';
  try {
    return String((JSON.parse(ctx.query.query) as { _id?: unknown })._id ?? '');
  } catch {
    return '';
  }
}

export const roomLookupRoutes: RouteSpec[] = [
  {
    method: 'GET',
    path: '/api/v1/channels.getIntegrations',
    summary: 'Integrations that post to a channel (or to all public channels) you may manage, paginated',
    tags: ['Channels'],
    auth: true,
    permissions: { any: INTEGRATION_PERMISSIONS },
    validate: objectSchema({ roomId: str, roomName: str, includeAllPublicChannels: str, ...paginationProps }),
    handler: (ctx) => {
      const room = findRoomByIdOrName(ctx, 'c', ctx.query);
      if (!canAccessRoom(ctx, room)) return forbidden();
      return roomIntegrations(ctx, room, 'all_public_channels', ctx.query.includeAllPublicChannels);
    },
  },
  {
    method: 'GET',
    path: '/api/v1/groups.getIntegrations',
    summary: 'Integrations that post to a private group (or to all private groups) you may manage, paginated',
    tags: ['Groups'],
    auth: true,
    permissions: { any: INTEGRATION_PERMISSIONS },
    validate: objectSchema({ roomId: str, roomName: str, includeAllPrivateGroups: str, ...paginationProps }),
    handler: (ctx) => {
      const room = findRoomByIdOrName(ctx, 'p', ctx.query);
      return roomIntegrations(ctx, room, 'all_private_groups', ctx.query.includeAllPrivateGroups);
    },
  },
  {
    method: 'GET',
    path: '/api/v1/groups.online',
    summary: 'Online members of a private group (_id or query with _id)',
    tags: ['Groups'],
    auth: true,
    validate: objectSchema({ _id: str, query: str }),
    handler: (ctx) => {
      const id = onlineTarget(ctx);
      if (!id) return failure('Invalid query');
      const room = ctx.app.store.rooms.get(id);
      if (!room || room.t !== 'p') return failure('Group does not exists');
      if (!canAccessRoom(ctx, room)) throw new MeteorError('error-not-allowed', 'Not Allowed');
      return success({ online: onlineOf(ctx, room) });
    },
  },
  {
    method: 'GET',
    path: '/api/v1/groups.listAll',
    summary: 'Every private group (view-room-administration), paginated',
    tags: ['Groups'],
    auth: true,
    permissions: { all: ['view-room-administration'] },
    validate: objectSchema({ ...paginationProps }),
    handler: (ctx) =>
      roomsEnvelope('groups', listRooms(ctx, ctx.app.store.roomsOfType('p'), parseJsonQuery(ctx)), true),
  },
  {
    method: 'GET',
    path: '/api/v1/channels.anonymousread',
    summary: 'Messages of a channel without signing in (Accounts_AllowAnonymousRead), newest first',
    tags: ['Channels'],
    auth: false,
    optionalAuth: true,
    validate: objectSchema({ roomId: str, roomName: str, ...paginationProps }),
    handler: (ctx) => {
      // authOrAnonRequired: without anonymous read a caller must sign in.
      if (!ctx.userId && !ctx.app.settings.bool('Accounts_AllowAnonymousRead')) return mustBeLoggedIn();
      const room = findRoomByIdOrName(ctx, 'c', ctx.query);
      if (!ctx.app.settings.bool('Accounts_AllowAnonymousRead'))
        throw new MeteorError('error-not-allowed', 'Enable "Allow Anonymous Read"', {
          method: 'channels.anonymousread',
        });
      // A public room of a private team stays hidden from outsiders and anonymous readers.
      const member = !!ctx.userId && !!ctx.app.store.subscription(room._id, ctx.userId);
      if (!member && hiddenByPrivateTeam(ctx, room)) return notFound('Room not found');
      const { messages, offset, total } = messagesPage(ctx, room);
      return envelope('messages', messages, offset, total);
    },
  },
];
