// Incoming webhooks: integrations.create/list/get/remove (webhook-incoming) and
// POST /hooks/:integrationId/:token, which posts a message as the integration's user.
import { randomBytes } from 'node:crypto';
import { MeteorError, failure, success } from '../errors';
import type { Ctx, RouteSpec } from '../framework';
import { getPaginationItems, paginate } from '../pagination';
import { hasPermission } from '../permissions';
import { randomId } from '../prng';
import type { Store } from '../store';
import type { UserDoc } from '../types';
import { bool, objectSchema, paginationProps, str } from '../validation';
import { insertMessage } from './chat';

export interface Integration {
  _id: string;
  type: 'webhook-incoming';
  name: string;
  enabled: boolean;
  username: string;
  userId: string;
  channel: string[];
  alias?: string;
  avatar?: string;
  emoji?: string;
  scriptEnabled: boolean;
  token: string;
  _createdAt: Date;
  _createdBy: { _id: string; username: string };
  _updatedAt: Date;
}

const tables = new WeakMap<Store, Map<string, Integration>>();
const tableOf = (ctx: Ctx): Map<string, Integration> => {
  let t = tables.get(ctx.app.store);
  if (!t) tables.set(ctx.app.store, (t = new Map()));
  return t;
};

/** Every integration of a sandbox (channels/groups.getIntegrations filter them by room). */
export const integrationsOf = (ctx: Ctx): Integration[] => [...tableOf(ctx).values()];

/** Adds a ready-made integration to a sandbox's table (the seed's showcase webhook). */
export function registerIntegration(store: Store, integration: Integration): void {
  let t = tables.get(store);
  if (!t) tables.set(store, (t = new Map()));
  t.set(integration._id, integration);
}

const tags = ['Integrations'];
const canManage = (ctx: Ctx): boolean =>
  hasPermission(ctx.user, 'manage-incoming-integrations') ||
  hasPermission(ctx.user, 'manage-own-incoming-integrations');

function create(ctx: Ctx) {
  const b = ctx.body;
  if (b.type !== 'webhook-incoming')
    throw new MeteorError('error-invalid-type', 'Invalid integration type.', {
      method: 'addIncomingIntegration',
    });
  if (!canManage(ctx))
    throw new MeteorError('not_authorized', 'Unauthorized', { method: 'addIncomingIntegration' });
  const channels = String(b.channel ?? '')
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean);
  if (channels.length === 0)
    throw new MeteorError('error-invalid-channel', 'Invalid channel', { method: 'addIncomingIntegration' });
  for (const c of channels) {
    const ok = c.startsWith('@')
      ? !!ctx.app.store.findUserByUsername(c.slice(1))
      : !!ctx.app.store.roomsByName.get(c.replace(/^#/, ''));
    if (!ok)
      throw new MeteorError('error-invalid-room', 'Invalid room', { method: 'addIncomingIntegration' });
  }
  const user = ctx.app.store.findUserByUsername(String(b.username ?? ''));
  if (!user)
    throw new MeteorError('error-invalid-user', 'Invalid user', { method: 'addIncomingIntegration' });
  const me = ctx.user as UserDoc;
  const now = new Date();
  const integration: Integration = {
    _id: randomId(),
    type: 'webhook-incoming',
    name: String(b.name ?? ''),
    enabled: b.enabled === true,
    username: user.username,
    userId: user._id,
    channel: channels,
    ...(typeof b.alias === 'string' && { alias: b.alias }),
    ...(typeof b.avatar === 'string' && { avatar: b.avatar }),
    ...(typeof b.emoji === 'string' && { emoji: b.emoji }),
    scriptEnabled: b.scriptEnabled === true,
    token: randomBytes(24).toString('base64url'),
    _createdAt: now,
    _createdBy: { _id: me._id, username: me.username },
    _updatedAt: now,
  };
  tableOf(ctx).set(integration._id, integration);
  return success({ integration });
}

function hook(ctx: Ctx) {
  const integration = tableOf(ctx).get(ctx.params.integrationId ?? '');
  if (!integration || integration.token !== ctx.params.token || !integration.enabled)
    return { status: 404, body: { success: false, error: 'Invalid integration id or token provided.' } };
  const user = ctx.app.store.users.get(integration.userId);
  if (!user) return failure('Invalid user');
  const b = ctx.body;
  const target = typeof b.channel === 'string' && b.channel ? b.channel : (integration.channel[0] as string);
  const room = target.startsWith('@') ? undefined : ctx.app.store.roomsByName.get(target.replace(/^#/, ''));
  if (!room) return failure('invalid-channel');
  const asUser: Ctx = { ...ctx, user, userId: user._id };
  insertMessage(asUser, room, {
    msg: typeof b.text === 'string' ? b.text : '',
    bot: { i: integration._id },
    ...((typeof b.alias === 'string' || integration.alias) && {
      alias: typeof b.alias === 'string' ? b.alias : integration.alias,
    }),
    ...((typeof b.emoji === 'string' || integration.emoji) && {
      emoji: typeof b.emoji === 'string' ? b.emoji : integration.emoji,
    }),
    ...(Array.isArray(b.attachments) && { attachments: b.attachments }),
  });
  return success();
}

export const integrationRoutes: RouteSpec[] = [
  {
    method: 'POST',
    path: '/api/v1/integrations.create',
    summary: 'Create an incoming webhook (manage-incoming-integrations)',
    tags,
    auth: true,
    validate: objectSchema(
      {
        type: str,
        name: str,
        enabled: bool,
        username: str,
        channel: str,
        scriptEnabled: bool,
        script: str,
        alias: str,
        avatar: str,
        emoji: str,
        overrideDestinationChannelEnabled: bool,
      },
      ['type', 'name', 'enabled', 'username', 'channel', 'scriptEnabled'],
    ),
    handler: create,
  },
  {
    method: 'GET',
    path: '/api/v1/integrations.list',
    summary: 'Integrations you may manage, paginated',
    tags,
    auth: true,
    validate: objectSchema({ name: str, type: str, ...paginationProps }),
    handler: (ctx) => {
      if (!canManage(ctx))
        throw new MeteorError(
          'error-unauthorized',
          'User does not have the permissions required for this action',
        );
      const page = getPaginationItems(ctx.app.settings, ctx.query);
      const all = [...tableOf(ctx).values()];
      const integrations = paginate(all, page);
      return success({ integrations, offset: page.offset, items: integrations.length, total: all.length });
    },
  },
  {
    method: 'GET',
    path: '/api/v1/integrations.get',
    summary: 'One integration by integrationId',
    tags,
    auth: true,
    validate: objectSchema({ integrationId: str, createdBy: str }, ['integrationId']),
    handler: (ctx) => {
      if (!canManage(ctx))
        throw new MeteorError(
          'error-unauthorized',
          'User does not have the permissions required for this action',
        );
      const integration = tableOf(ctx).get(String(ctx.query.integrationId));
      if (!integration) return failure('The integration does not exists.');
      return success({ integration });
    },
  },
  {
    method: 'POST',
    path: '/api/v1/integrations.remove',
    summary: 'Delete an integration by integrationId',
    tags,
    auth: true,
    validate: objectSchema({ type: str, integrationId: str, target_url: str }, ['type']),
    handler: (ctx) => {
      if (!canManage(ctx))
        throw new MeteorError(
          'error-unauthorized',
          'User does not have the permissions required for this action',
        );
      const integration = tableOf(ctx).get(String(ctx.body.integrationId ?? ''));
      if (!integration) return failure('No integration found.');
      tableOf(ctx).delete(integration._id);
      return success({ integration });
    },
  },
  {
    method: 'POST',
    path: '/hooks/:integrationId/:token',
    summary: 'Post a message through an incoming webhook: {text, alias?, emoji?, attachments?, channel?}',
    tags,
    auth: false,
    handler: hook,
  },
];
