// settings.public, settings, settings/:_id (GET and POST) as apps/meteor/app/api/server/v1/settings.ts
// answers them. Rocket.Chat's own end-to-end helpers call POST settings/:_id in their setup.
import type { ApiResult } from '../errors';
import { success } from '../errors';
import type { Ctx, RouteSpec } from '../framework';
import { findPage, parseJsonQuery } from '../json-query';
import { getPaginationItems } from '../pagination';
import { hasPermission } from '../permissions';
import { bool, num, objectSchema, str } from '../validation';
import { envelope } from './common';

/** API.v1.failure() without arguments: only `success: false`. */
const bareFailure = (): ApiResult => ({ status: 400, body: { success: false } });

function settingsList(ctx: Ctx): ApiResult {
  const page = getPaginationItems(ctx.app.settings, ctx.query);
  const jq = parseJsonQuery(ctx);
  const privileged = hasPermission(ctx.user, 'view-privileged-setting');
  const includeDefaults = ctx.query.includeDefaults === true || ctx.query.includeDefaults === 'true';
  const docs = ctx.app.settings
    .registered()
    .filter((s) => privileged || s.public)
    .map((s) => ({ _id: s._id, value: s.value, ...(includeDefaults && { packageValue: s.packageValue }) }));
  const r = findPage(docs, {
    query: jq.query,
    sort: jq.sort ?? { _id: 1 },
    offset: page.offset,
    count: page.count,
  });
  return envelope('settings', r.items, page.offset, r.total);
}

export const settingsRoutes: RouteSpec[] = [
  {
    method: 'GET',
    path: '/api/v1/settings.public',
    summary: 'Public settings (no auth)',
    tags: ['Settings'],
    auth: false,
    validate: objectSchema({ _id: str, query: str, count: num, offset: num, sort: str, fields: str }),
    handler: (ctx) => {
      const page = getPaginationItems(ctx.app.settings, ctx.query);
      let all = ctx.app.settings.publicSettings().sort((a, b) => (a._id < b._id ? -1 : 1));
      if (typeof ctx.query._id === 'string') {
        const ids = ctx.query._id.split(',').map((s) => s.trim());
        all = all.filter((s) => ids.includes(s._id));
      }
      const r = findPage(all, { offset: page.offset, count: page.count });
      return envelope('settings', r.items, page.offset, r.total);
    },
  },
  {
    method: 'GET',
    path: '/api/v1/settings',
    summary: 'Settings, paginated: every one for view-privileged-setting, else the public ones',
    tags: ['Settings'],
    auth: true,
    validate: objectSchema({
      includeDefaults: bool,
      count: num,
      offset: num,
      sort: str,
      query: str,
      fields: str,
    }),
    handler: settingsList,
  },
  {
    method: 'GET',
    path: '/api/v1/settings/:_id',
    summary: 'One setting as {_id, value} (view-privileged-setting)',
    tags: ['Settings'],
    auth: true,
    permissions: { all: ['view-privileged-setting'] },
    handler: (ctx) => {
      const id = ctx.params._id ?? '';
      if (!ctx.app.settings.has(id)) return bareFailure();
      return success({ _id: id, value: ctx.app.settings.get(id) });
    },
  },
  {
    method: 'POST',
    path: '/api/v1/settings/:_id',
    summary: 'Change one setting: body {value} (edit-privileged-setting, second factor)',
    tags: ['Settings'],
    auth: true,
    twoFactor: true,
    permissions: { all: ['edit-privileged-setting'] },
    handler: (ctx) => {
      const id = ctx.params._id ?? '';
      // The route has no validateParams: a body that is not exactly {value} is a bare failure.
      const keys = Object.keys(ctx.body);
      if (!ctx.app.settings.has(id) || keys.length !== 1 || keys[0] !== 'value') return bareFailure();
      ctx.app.settings.set(id, ctx.body.value);
      return success();
    },
  },
];
