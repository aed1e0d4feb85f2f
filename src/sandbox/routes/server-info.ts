// Server-level read routes integrations call: pw.getPolicy, instances.get, stdout.queue, statistics,
// custom-user-status.list, emoji-custom.list/all, commands.list/get.
import { MeteorError, forbidden, success } from '../errors';
import type { Ctx, RouteSpec } from '../framework';
import { getPaginationItems, paginate } from '../pagination';
import { hasPermission } from '../permissions';
import { SEED_NOW } from '../seed';
import { objectSchema, paginationProps, str } from '../validation';
import { envelope } from './common';

/** The password policy rules in force, as [name, params] pairs like passwordPolicy.getPasswordPolicy(). */
function passwordPolicy(ctx: Ctx) {
  const s = ctx.app.settings;
  const enabled = s.bool('Accounts_Password_Policy_Enabled');
  if (!enabled) return { enabled, policy: [] as unknown[] };
  const policy: unknown[] = [];
  const min = s.number('Accounts_Password_Policy_MinLength');
  const max = s.number('Accounts_Password_Policy_MaxLength');
  if (min > 0) policy.push(['get-password-policy-minLength', { minLength: min }]);
  if (max > 0) policy.push(['get-password-policy-maxLength', { maxLength: max }]);
  if (s.bool('Accounts_Password_Policy_ForbidRepeatingCharacters'))
    policy.push([
      'get-password-policy-forbiddenRepeatingCharactersCount',
      {
        forbiddenRepeatingCharactersCount: s.number(
          'Accounts_Password_Policy_ForbidRepeatingCharactersCount',
        ),
      },
    ]);
  if (s.bool('Accounts_Password_Policy_AtLeastOneLowercase'))
    policy.push(['get-password-policy-mustContainAtLeastOneLowercase']);
  if (s.bool('Accounts_Password_Policy_AtLeastOneUppercase'))
    policy.push(['get-password-policy-mustContainAtLeastOneUppercase']);
  if (s.bool('Accounts_Password_Policy_AtLeastOneNumber'))
    policy.push(['get-password-policy-mustContainAtLeastOneNumber']);
  if (s.bool('Accounts_Password_Policy_AtLeastOneSpecialCharacter'))
    policy.push(['get-password-policy-mustContainAtLeastOneSpecialCharacter']);
  return { enabled, policy };
}

/** Built-in slash commands (a subset of what a fresh server registers). */
const COMMANDS = [
  {
    command: 'me',
    params: 'your message',
    description: 'Displays action text',
    clientOnly: false,
    providesPreview: false,
  },
  {
    command: 'topic',
    params: 'Slash_Topic_Params',
    description: 'Slash_Topic_Description',
    clientOnly: false,
    providesPreview: false,
  },
  {
    command: 'invite',
    params: '@username',
    description: 'Invite one user to join this channel',
    clientOnly: false,
    providesPreview: false,
  },
  {
    command: 'kick',
    params: '@username',
    description: 'Remove someone from the room',
    clientOnly: false,
    providesPreview: false,
  },
  {
    command: 'leave',
    params: '',
    description: 'Leave the current channel',
    clientOnly: false,
    providesPreview: false,
  },
  {
    command: 'shrug',
    params: 'your_message_optional',
    description: 'Slash_Shrug_Description',
    clientOnly: false,
    providesPreview: false,
  },
  {
    command: 'tableflip',
    params: 'your_message_optional',
    description: 'Slash_Tableflip_Description',
    clientOnly: false,
    providesPreview: false,
  },
  {
    command: 'status',
    params: 'Slash_Status_Params',
    description: 'Slash_Status_Description',
    clientOnly: false,
    providesPreview: false,
  },
].map((c) => ({ ...c, permission: undefined as string | undefined }));

/** Custom emoji of the seed. */
const EMOJI = [
  { _id: 'emoji-sandbox', name: 'sandbox', aliases: ['sb'], extension: 'png', etag: 'e1' },
  { _id: 'emoji-party-parrot', name: 'party_parrot', aliases: ['parrot'], extension: 'gif', etag: 'e2' },
  { _id: 'emoji-rocket-ship', name: 'rocket_ship', aliases: [], extension: 'png', etag: 'e3' },
].map((e) => ({ ...e, _updatedAt: new Date(SEED_NOW) }));

/** The XML text escapes for labels put into the badge. */
const xmlText = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A two-part badge (label | value) like the one Rocket.Chat draws for shield.svg. */
function badge(label: string, value: string): string {
  const lw = 10 + label.length * 7;
  const vw = 10 + value.length * 7;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${lw + vw}" height="20">` +
    `<rect width="${lw}" height="20" fill="#555"/><rect x="${lw}" width="${vw}" height="20" fill="#4c1"/>` +
    `<g fill="#fff" font-family="Verdana,sans-serif" font-size="11">` +
    `<text x="5" y="14">${xmlText(label)}</text><text x="${lw + 5}" y="14">${xmlText(value)}</text></g></svg>`
  );
}

export const serverInfoRoutes: RouteSpec[] = [
  {
    method: 'GET',
    path: '/api/v1/shield.svg',
    summary: 'A status badge (online users, a channel, a user) as SVG; off with API_Enable_Shields',
    tags: ['Miscellaneous'],
    auth: false,
    validate: objectSchema({ type: str, icon: str, channel: str, name: str }),
    handler: (ctx) => {
      if (!ctx.app.settings.bool('API_Enable_Shields'))
        throw new MeteorError('error-endpoint-disabled', 'This endpoint is disabled', {
          route: '/api/v1/shield.svg',
        });
      const store = ctx.app.store;
      const label = typeof ctx.query.name === 'string' && ctx.query.name ? ctx.query.name : 'Rocket.Chat';
      let value: string;
      if (ctx.query.type === 'channel' || ctx.query.type === 'user') {
        const target = String(ctx.query.channel ?? '');
        const room = [...store.rooms.values()].find((r) => r.name === target);
        const user = store.findUserByUsername(target);
        value = ctx.query.type === 'user' ? (user?.status ?? 'offline') : `#${room?.name ?? target}`;
      } else {
        value = `${store.userList().filter((u) => u.status === 'online').length} online`;
      }
      return {
        status: 200,
        body: null,
        raw: badge(label, value),
        headers: { 'Content-Type': 'image/svg+xml;charset=utf-8' },
      };
    },
  },
  {
    method: 'GET',
    path: '/api/v1/pw.getPolicy',
    summary: 'The password policy in force (Accounts_Password_Policy_*)',
    tags: ['Miscellaneous'],
    auth: true,
    handler: (ctx) => success(passwordPolicy(ctx)),
  },
  {
    method: 'GET',
    path: '/api/v1/pw.getPolicyReset',
    summary: 'The password policy for a password-reset token',
    tags: ['Miscellaneous'],
    auth: false,
    validate: objectSchema({ token: str }, ['token']),
    // Rocket.Chat answers API.v1.forbidden() when no user holds the reset token. The sandbox sends
    // no e-mail, so it never issues one: every token is unknown.
    handler: () => forbidden(),
  },
  {
    method: 'GET',
    path: '/api/v1/instances.get',
    summary: 'The server instances (view-statistics); the sandbox is one',
    tags: ['Miscellaneous'],
    auth: true,
    // The route checks view-statistics itself and answers API.v1.forbidden(): 403 "unauthorized".
    handler: (ctx) => {
      if (!hasPermission(ctx.user, 'view-statistics')) return forbidden();
      const url = new URL(ctx.app.settings.string('Site_Url') || 'http://127.0.0.1');
      return success({
        instances: [
          {
            address: url.host,
            currentStatus: { connected: true, lastHeartbeatTime: Date.now(), local: true },
            instanceRecord: {
              _id: 'sandbox-instance',
              name: 'rocket.chat',
              pid: process.pid,
              _createdAt: new Date(SEED_NOW),
              _updatedAt: new Date(),
              extraInformation: {
                host: url.hostname,
                port: url.port,
                os: { cpus: 1 },
                nodeVersion: process.version,
              },
            },
          },
        ],
      });
    },
  },
  {
    method: 'GET',
    path: '/api/v1/stdout.queue',
    summary: 'Recent server log lines (view-logs); the sandbox keeps none',
    tags: ['Miscellaneous'],
    auth: true,
    permissions: { all: ['view-logs'] },
    handler: () => success({ queue: [] }),
  },
  {
    method: 'GET',
    path: '/api/v1/statistics',
    summary: 'Workspace statistics (view-statistics), the fields integrations read',
    tags: ['Statistics'],
    auth: true,
    validate: objectSchema({ refresh: { type: 'string', enum: ['true', 'false'] } }),
    handler: (ctx) => {
      const store = ctx.app.store;
      if (!hasPermission(ctx.user, 'view-statistics'))
        throw new MeteorError('error-not-allowed', 'Not allowed', { method: 'getStatistics' });
      const users = store.userList();
      const rooms = [...store.rooms.values()];
      return success({
        _id: 'sandbox-statistics',
        uniqueId: 'sandbox',
        installedAt: new Date(SEED_NOW).toISOString(),
        version: ctx.app.version,
        totalUsers: users.length,
        activeUsers: users.filter((u) => u.active).length,
        nonActiveUsers: users.filter((u) => !u.active).length,
        onlineUsers: users.filter((u) => u.status === 'online').length,
        awayUsers: users.filter((u) => u.status === 'away').length,
        busyUsers: users.filter((u) => u.status === 'busy').length,
        offlineUsers: users.filter((u) => u.status === 'offline').length,
        totalRooms: rooms.length,
        totalChannels: rooms.filter((r) => r.t === 'c').length,
        totalPrivateGroups: rooms.filter((r) => r.t === 'p').length,
        totalDirect: rooms.filter((r) => r.t === 'd').length,
        totalMessages: rooms.reduce((n, r) => n + r.msgs, 0),
        createdAt: new Date(SEED_NOW),
        _updatedAt: new Date(SEED_NOW),
      });
    },
  },
  {
    method: 'GET',
    path: '/api/v1/emoji-custom.list',
    summary: 'Custom emoji changed since updatedSince, as {update, remove}',
    tags: ['Emoji'],
    auth: true,
    validate: objectSchema({ updatedSince: str, _updatedAt: str, query: str }),
    handler: (ctx) => {
      const raw = ctx.query.updatedSince;
      if (typeof raw === 'string' && raw) {
        const since = Date.parse(raw);
        if (Number.isNaN(since))
          throw new MeteorError(
            'error-roomId-param-invalid',
            'The "updatedSince" query parameter must be a valid date.',
          );
        return success({
          emojis: { update: EMOJI.filter((e) => e._updatedAt.getTime() > since), remove: [] },
        });
      }
      return success({ emojis: { update: EMOJI, remove: [] } });
    },
  },
  {
    method: 'GET',
    path: '/api/v1/emoji-custom.all',
    summary: 'Every custom emoji, paginated',
    tags: ['Emoji'],
    auth: true,
    validate: objectSchema({ ...paginationProps }),
    handler: (ctx) => {
      const page = getPaginationItems(ctx.app.settings, ctx.query);
      return envelope('emojis', paginate(EMOJI, page), page.offset, EMOJI.length, true);
    },
  },
  {
    method: 'GET',
    path: '/api/v1/commands.list',
    summary: 'Slash commands, paginated',
    tags: ['Commands'],
    auth: true,
    validate: objectSchema({ ...paginationProps }),
    handler: (ctx) => {
      const page = getPaginationItems(ctx.app.settings, ctx.query);
      return envelope('commands', paginate(COMMANDS, page), page.offset, COMMANDS.length);
    },
  },
  {
    method: 'GET',
    path: '/api/v1/commands.get',
    summary: 'One slash command by name',
    tags: ['Commands'],
    auth: true,
    validate: objectSchema({ command: str }),
    handler: (ctx) => {
      const name = ctx.query.command;
      if (typeof name !== 'string' || !name)
        throw new MeteorError('error-parameter-required', 'The parameter "command" is required');
      const command = COMMANDS.find((c) => c.command === name.toLowerCase());
      if (!command)
        throw new MeteorError(
          'error-invalid-command',
          `There is no command in the system by the name of: ${name}`,
        );
      return success({ command });
    },
  },
];
