// The route table: every module's routes plus /api/docs/json generated from them.
import type { RouteSpec } from '../framework';
import { buildOpenApi } from '../openapi';
import { authRoutes } from './auth';
import { channelRoutes } from './channels';
import { chatRoutes } from './chat';
import { chatActionRoutes } from './chat-actions';
import { chatSyncRoutes } from './chat-sync';
import { customUserStatusRoutes } from './custom-user-status';
import { discussionRoutes } from './discussions';
import { groupRoutes } from './groups';
import { imRoutes } from './im';
import { integrationRoutes } from './integrations';
import { imExtraRoutes } from './im-extra';
import { methodRoutes } from './methods';
import { miscRoutes } from './misc';
import { miscExtraRoutes } from './misc-extra';
import { permissionRoutes } from './permissions';
import { roomFieldRoutes } from './room-fields';
import { roomLookupRoutes } from './room-lookup';
import { roomMemberRoutes } from './room-members';
import { roomSettingsRoutes } from './room-settings';
import { roomRoutes } from './rooms';
import { roomExtraRoutes } from './rooms-extra';
import { roomAdminRoutes } from './rooms-admin';
import { roomManageRoutes } from './rooms-manage';
import { roomModerationRoutes } from './rooms-moderation';
import { roomSaveSettingsRoutes } from './rooms-save-settings';
import { serverInfoRoutes } from './server-info';
import { settingsRoutes } from './settings';
import { subscriptionRoutes } from './subscriptions';
import { teamConvertRoutes } from './team-convert';
import { teamRoutes } from './teams';
import { userRoutes } from './users';
import { userExtraRoutes } from './users-extra';
import { userSelfRoutes } from './users-self';
import { userTokenRoutes } from './users-tokens';

export function allRoutes(): RouteSpec[] {
  const routes: RouteSpec[] = [
    ...authRoutes,
    ...userRoutes,
    ...userSelfRoutes,
    ...userTokenRoutes,
    ...userExtraRoutes,
    ...channelRoutes,
    ...groupRoutes,
    ...imRoutes,
    ...imExtraRoutes,
    ...chatRoutes,
    ...chatActionRoutes,
    ...chatSyncRoutes,
    ...roomRoutes,
    ...roomExtraRoutes,
    ...roomManageRoutes,
    ...roomModerationRoutes,
    ...roomSaveSettingsRoutes,
    ...roomAdminRoutes,
    ...subscriptionRoutes,
    ...roomSettingsRoutes('channels'),
    ...roomSettingsRoutes('groups'),
    ...roomMemberRoutes('channels'),
    ...roomMemberRoutes('groups'),
    ...roomFieldRoutes,
    ...roomLookupRoutes,
    ...miscRoutes,
    ...settingsRoutes,
    ...permissionRoutes,
    ...serverInfoRoutes,
    ...customUserStatusRoutes,
    ...discussionRoutes,
    ...teamRoutes,
    ...teamConvertRoutes,
    ...integrationRoutes,
    ...methodRoutes,
    ...miscExtraRoutes,
  ];
  const docs: RouteSpec = {
    method: 'GET',
    path: '/api/docs/json',
    summary: 'This OpenAPI 3.1 description',
    tags: ['Miscellaneous'],
    auth: false,
    rateLimit: false,
    handler: (ctx) => {
      const doc = buildOpenApi(routes.concat(docs), ctx.app.version, ctx.app.settings.string('Site_Url'));
      return { status: 200, body: doc };
    },
  };
  return [...routes, docs];
}
