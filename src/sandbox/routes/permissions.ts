// permissions.listAll / permissions.update (apps/meteor/app/api/server/v1/permissions.ts, both on the
// typed router) and roles.list. Rocket.Chat's own test helpers call permissions.update in setup.
import type { ApiResult } from '../errors';
import { MeteorError, failure, success } from '../errors';
import type { Ctx, RouteSpec } from '../framework';
import { DEFAULT_ROLES } from '../permissions';
import { SEED_NOW } from '../seed';
import { objectSchema, str } from '../validation';

function permissionsListAll(ctx: Ctx): ApiResult {
  const since = ctx.query.updatedSince;
  let docs = ctx.app.store.grants.docs();
  if (typeof since === 'string' && since !== '') {
    const sinceMs = Date.parse(since);
    if (Number.isNaN(sinceMs)) {
      throw new MeteorError(
        'error-roomId-param-invalid',
        'The "updatedSince" query parameter must be a valid date.',
      );
    }
    docs = docs.filter((d) => d._updatedAt.getTime() > sinceMs);
  }
  return success({ update: docs, remove: [] });
}

function permissionsUpdate(ctx: Ctx): ApiResult {
  const grants = ctx.app.store.grants;
  const wanted = ctx.body.permissions as { _id: string; roles: string[] }[];
  if (!wanted.every((p) => grants.has(p._id)))
    return failure('Invalid permission', 'error-invalid-permission');
  const roleKeys = new Set(wanted.flatMap((p) => p.roles));
  if (![...roleKeys].every((r) => grants.roles.has(r))) return failure('Invalid role', 'error-invalid-role');
  for (const p of wanted) grants.setRoles(p._id, p.roles);
  return success({ permissions: grants.docs() });
}

export const permissionRoutes: RouteSpec[] = [
  {
    method: 'GET',
    path: '/api/v1/permissions.listAll',
    summary: 'Every permission with the roles that hold it; updatedSince keeps only newer ones',
    tags: ['Permissions'],
    auth: true,
    typed: true,
    validate: objectSchema({ updatedSince: str }),
    handler: permissionsListAll,
  },
  {
    method: 'POST',
    path: '/api/v1/permissions.update',
    summary: 'Set the roles of permissions: body {permissions: [{_id, roles}]} (access-permissions)',
    tags: ['Permissions'],
    auth: true,
    typed: true,
    permissions: { all: ['access-permissions'] },
    validate: objectSchema(
      {
        permissions: {
          type: 'array',
          items: objectSchema({ _id: str, roles: { type: 'array', items: str, uniqueItems: true } }, [
            '_id',
            'roles',
          ]),
        },
      },
      ['permissions'],
    ),
    handler: permissionsUpdate,
  },
  {
    method: 'GET',
    path: '/api/v1/roles.list',
    summary: 'Every role (scope Users or Subscriptions)',
    tags: ['Roles'],
    auth: true,
    handler: () =>
      success({
        roles: DEFAULT_ROLES.map((r) => ({
          _id: r._id,
          name: r._id,
          description: r.description,
          protected: true,
          scope: r.scope,
          mandatory2fa: false,
          _updatedAt: new Date(SEED_NOW),
        })),
      }),
  },
];
