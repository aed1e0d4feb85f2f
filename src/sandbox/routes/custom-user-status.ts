// custom-user-status.list/create/update/delete (Administration > User Status), one table per
// sandbox, seeded with three statuses. Writes need manage-user-status, as the insertOrUpdateUserStatus
// and deleteCustomUserStatus methods behind them check.
import { SEED_NOW } from '../seed';
import type { ApiResult } from '../errors';
import { MeteorError, failure, success } from '../errors';
import type { Ctx, RouteSpec } from '../framework';
import { getPaginationItems, paginate } from '../pagination';
import { hasPermission } from '../permissions';
import { randomId } from '../prng';
import type { Store } from '../store';
import { objectSchema, paginationProps, str } from '../validation';
import { envelope } from './common';

interface CustomUserStatus {
  _id: string;
  name: string;
  statusType: string;
  _updatedAt: Date;
}

const SEEDED: [string, string, string][] = [
  ['status-deep-work', 'Deep work', 'busy'],
  ['status-lunch', 'Lunch', 'away'],
  ['status-on-call', 'On call', 'online'],
];

const tables = new WeakMap<Store, Map<string, CustomUserStatus>>();
function tableOf(ctx: Ctx): Map<string, CustomUserStatus> {
  let t = tables.get(ctx.app.store);
  if (!t) {
    const at = new Date(SEED_NOW);
    t = new Map(SEEDED.map(([_id, name, statusType]) => [_id, { _id, name, statusType, _updatedAt: at }]));
    tables.set(ctx.app.store, t);
  }
  return t;
}

const statusType = { type: 'string', enum: ['online', 'away', 'busy', 'offline'] };
const tags = ['Users'];

function assertManage(ctx: Ctx, method: string): void {
  if (!hasPermission(ctx.user, 'manage-user-status'))
    throw new MeteorError('not_authorized', undefined, { method });
}

/** insertOrUpdateUserStatus: name checks, then the write. */
function save(ctx: Ctx, id: string | undefined): ApiResult {
  const method = 'insertOrUpdateUserStatus';
  assertManage(ctx, method);
  const table = tableOf(ctx);
  const name = String(ctx.body.name ?? '').trim();
  if (!name) throw new MeteorError('error-the-field-is-required', 'The field Name is required', { method });
  if (/[^0-9a-zA-Z\-_+;. ]/.test(name))
    throw new MeteorError('error-input-is-not-a-valid-field', `${name} is not a valid name`, { method });
  const clash = [...table.values()].find((s) => s.name === name && s._id !== id);
  if (clash)
    throw new MeteorError(
      'Custom_User_Status_Error_Name_Already_In_Use',
      'The custom user status name is already in use',
      {
        method,
      },
    );
  const previous = id ? table.get(id) : undefined;
  const doc: CustomUserStatus = {
    _id: id ?? randomId(),
    name,
    statusType: typeof ctx.body.statusType === 'string' ? ctx.body.statusType : (previous?.statusType ?? ''),
    _updatedAt: new Date(),
  };
  table.set(doc._id, doc);
  return success({ customUserStatus: doc });
}

export const customUserStatusRoutes: RouteSpec[] = [
  {
    method: 'GET',
    path: '/api/v1/custom-user-status.list',
    summary:
      'Custom user statuses by name, paginated; name matches a part of the name (any case), _id exactly',
    tags,
    auth: true,
    validate: objectSchema({ name: str, _id: str, ...paginationProps }),
    handler: (ctx) => {
      const page = getPaginationItems(ctx.app.settings, ctx.query);
      const { name, _id: id } = ctx.query;
      const all = [...tableOf(ctx).values()]
        .filter(
          (c) =>
            (typeof name !== 'string' || c.name.toLowerCase().includes(name.toLowerCase())) &&
            (typeof id !== 'string' || c._id === id),
        )
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      return envelope('statuses', paginate(all, page), page.offset, all.length);
    },
  },
  {
    method: 'POST',
    path: '/api/v1/custom-user-status.create',
    summary: 'Create a custom user status {name, statusType} (manage-user-status)',
    tags,
    auth: true,
    validate: objectSchema({ name: str, statusType }, ['name']),
    handler: (ctx) => save(ctx, undefined),
  },
  {
    method: 'POST',
    path: '/api/v1/custom-user-status.update',
    summary: 'Rename or retype a custom user status {_id, name, statusType?} (manage-user-status)',
    tags,
    auth: true,
    validate: objectSchema({ _id: str, name: str, statusType }, ['_id', 'name']),
    handler: (ctx) => {
      const id = String(ctx.body._id);
      if (!tableOf(ctx).has(id)) return failure(`No custom user status found with the id of "${id}".`);
      return save(ctx, id);
    },
  },
  {
    method: 'POST',
    path: '/api/v1/custom-user-status.delete',
    summary: 'Delete a custom user status {customUserStatusId} (manage-user-status)',
    tags,
    auth: true,
    validate: objectSchema({ customUserStatusId: str }, [], true),
    handler: (ctx) => {
      const id = ctx.body.customUserStatusId;
      if (typeof id !== 'string' || !id) return failure('The "customUserStatusId" params is required!');
      const method = 'deleteCustomUserStatus';
      assertManage(ctx, method);
      if (!tableOf(ctx).delete(id))
        throw new MeteorError('Custom_User_Status_Error_Invalid_User_Status', 'Invalid user status', {
          method,
        });
      return success();
    },
  },
];
