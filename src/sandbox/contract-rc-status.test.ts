// Assertions ported from Rocket.Chat's REST end-to-end tests (RocketChat/Rocket.Chat,
// apps/meteor/tests/end-to-end/api/custom-user-status.ts); each `it` names the upstream test.
// Upstream runs as an admin (manage-user-status); the demo calls add the permission refusal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from './server';
import { call, startLikeRocketChatCi } from './test-helpers';

let sb: SandboxHandle;
let admin: Record<string, string>;
let demo: Record<string, string>;

const post = (path: string, headers: Record<string, string>, body: unknown) =>
  call(sb.url, 'POST', `/api/v1/${path}`, { headers, body });
const get = (path: string, headers: Record<string, string>) =>
  call(sb.url, 'GET', `/api/v1/${path}`, { headers });

beforeAll(async () => {
  ({ sb, admin, demo } = await startLikeRocketChatCi({ seedUsers: 50 }));
});
afterAll(async () => {
  await sb.close();
});

const expectInvalidParams = (r: { status: number; json: Record<string, unknown> }) => {
  expect(r.status).toBe(400);
  expect(r.json.success).toBe(false);
  expect(r.json.errorType).toBe('invalid-params');
};

describe('custom-user-status.ts', () => {
  it('"[/custom-user-status.list]" should return custom user status (also with count and offset)', async () => {
    for (const path of ['custom-user-status.list', 'custom-user-status.list?count=5&offset=0']) {
      const r = await get(path, admin);
      expect(r.status).toBe(200);
      expect(Array.isArray(r.json.statuses)).toBe(true);
      expect(r.json).toHaveProperty('total');
      expect(r.json).toHaveProperty('offset');
      expect(r.json).toHaveProperty('count');
    }
  });

  it('"[/custom-user-status.create]" should fail if no name / an invalid status type is provided', async () => {
    expectInvalidParams(await post('custom-user-status.create', admin, { statusType: 'online' }));
    expectInvalidParams(
      await post('custom-user-status.create', admin, { name: 'custom-status', statusType: 'invalid-type' }),
    );
  });

  let id = '';
  it('"[/custom-user-status.create]" should succesfully create a custom user status', async () => {
    const r = await post('custom-user-status.create', admin, { name: 'custom-status', statusType: 'online' });
    expect(r.status).toBe(200);
    expect(r.json.success).toBe(true);
    const s = r.json.customUserStatus as Record<string, unknown>;
    expect(s).toHaveProperty('_id');
    expect(s).toHaveProperty('name', 'custom-status');
    expect(s).toHaveProperty('statusType', 'online');
    expect(s).toHaveProperty('_updatedAt');
    id = s._id as string;
    // Sandbox additions: the name is unique, and only manage-user-status holders may write.
    const dup = await post('custom-user-status.create', admin, { name: 'custom-status', statusType: 'away' });
    expect(dup.json.errorType).toBe('Custom_User_Status_Error_Name_Already_In_Use');
    const refused = await post('custom-user-status.create', demo, { name: 'mine', statusType: 'away' });
    expect(refused.status).toBe(400);
    expect(refused.json.errorType).toBe('not_authorized');
  });

  it('"[/custom-user-status.update]" should fail if no name / no id / an invalid status type is provided', async () => {
    expectInvalidParams(await post('custom-user-status.update', admin, { _id: id }));
    expectInvalidParams(await post('custom-user-status.update', admin, { name: 'custom-status' }));
    // Upstream sends this one to .create with an _id (an unknown key there): invalid-params as well.
    expectInvalidParams(
      await post('custom-user-status.create', admin, {
        _id: id,
        name: 'custom-status',
        statusType: 'invalid-type',
      }),
    );
  });

  it('"[/custom-user-status.update]" should succesfully update a custom user status', async () => {
    const r = await post('custom-user-status.update', admin, {
      _id: id,
      name: 'custom-status-updated',
      statusType: 'offline',
    });
    expect(r.status).toBe(200);
    expect(r.json.success).toBe(true);
    const s = r.json.customUserStatus as Record<string, unknown>;
    expect(s).toHaveProperty('_id', id);
    expect(s).toHaveProperty('name', 'custom-status-updated');
    expect(s).toHaveProperty('statusType', 'offline');
    expect(s).toHaveProperty('_updatedAt');
    const unknown = await post('custom-user-status.update', admin, { _id: 'nope', name: 'x' });
    expect(unknown.json.error).toBe('No custom user status found with the id of "nope".');
  });

  it('"[/custom-user-status.create]" after(): custom-user-status.delete answers success', async () => {
    expect((await post('custom-user-status.delete', admin, {})).json.error).toBe(
      'The "customUserStatusId" params is required!',
    );
    const r = await post('custom-user-status.delete', admin, { customUserStatusId: id });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ success: true });
    const again = await post('custom-user-status.delete', admin, { customUserStatusId: id });
    expect(again.json.errorType).toBe('Custom_User_Status_Error_Invalid_User_Status');
  });
});
