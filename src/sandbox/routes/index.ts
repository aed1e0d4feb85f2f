// The route table: every module's routes plus /api/docs/json generated from them.
import type { RouteSpec } from '../framework';
import { buildOpenApi } from '../openapi';
import { authRoutes } from './auth';
import { channelRoutes } from './channels';
import { chatRoutes } from './chat';
import { groupRoutes } from './groups';
import { imRoutes } from './im';
import { miscRoutes } from './misc';
import { permissionRoutes } from './permissions';
import { roomRoutes } from './rooms';
import { settingsRoutes } from './settings';
import { userRoutes } from './users';

export function allRoutes(): RouteSpec[] {
  const routes: RouteSpec[] = [
    ...authRoutes,
    ...userRoutes,
    ...channelRoutes,
    ...groupRoutes,
    ...imRoutes,
    ...chatRoutes,
    ...roomRoutes,
    ...miscRoutes,
    ...settingsRoutes,
    ...permissionRoutes,
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
