// Contract tests ported from Rocket.Chat's own REST end-to-end tests (RocketChat/Rocket.Chat,
// apps/meteor/tests/end-to-end/api/): each `it` names its source file and test title. These cover the
// admin routes the upstream test helpers call in their setup (settings/:_id, permissions.update).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from './server';
import { call, login, start, startLikeRocketChatCi } from './test-helpers';

let sb: SandboxHandle;
let admin: Record<string, string>;
let demo: Record<string, string>;

beforeAll(async () => {
  ({ sb, admin, demo } = await startLikeRocketChatCi());
});
afterAll(async () => {
  await sb.close();
});

describe('settings (settings.ts)', () => {
  it('settings.ts "[/settings.public] should return public settings": settings, count, offset, total', async () => {
    const r = await call(sb.url, 'GET', '/api/v1/settings.public');
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ success: true });
    expect(Array.isArray(r.json.settings)).toBe(true);
    expect(Object.keys(r.json)).toEqual(['settings', 'count', 'offset', 'total', 'success']);
  });

  it('settings.ts "[/settings] should return private settings": admin sees non-public ones', async () => {
    const r = await call(sb.url, 'GET', '/api/v1/settings?count=0', { headers: admin });
    expect(r.status).toBe(200);
    const ids = (r.json.settings as { _id: string }[]).map((s) => s._id);
    expect(ids).toContain('API_Enable_Rate_Limiter');
    expect(r.json.total).toBe(ids.length);
    const plain = await call(sb.url, 'GET', '/api/v1/settings?count=0', { headers: demo });
    const plainIds = (plain.json.settings as { _id: string }[]).map((s) => s._id);
    expect(plainIds).not.toContain('API_Enable_Rate_Limiter');
    expect(plainIds).toContain('Site_Name');
  });

  it('settings.ts "[/settings/:_id] should return one setting": {_id, value}; 403 without the permission', async () => {
    const r = await call(sb.url, 'GET', '/api/v1/settings/Site_Url', { headers: admin });
    expect(r.status).toBe(200);
    expect(Object.keys(r.json)).toEqual(['_id', 'value', 'success']);
    expect(r.json._id).toBe('Site_Url');
    const denied = await call(sb.url, 'GET', '/api/v1/settings/Site_Url', { headers: demo });
    expect(denied.status).toBe(403);
    expect(denied.json.error).toBe(
      'User does not have the permissions required for this action [error-unauthorized]',
    );
    const unknown = await call(sb.url, 'GET', '/api/v1/settings/No_Such_Setting', { headers: admin });
    expect(unknown.status).toBe(400);
    expect(unknown.text).toBe('{"success":false}');
  });

  it('updateSetting helper (data/permissions.helper.ts): POST settings/:_id {value} changes behaviour', async () => {
    const before = await call(sb.url, 'GET', '/api/v1/settings.public?_id=Message_MaxAllowedSize');
    expect((before.json.settings as { value: number }[])[0]?.value).toBe(5000);
    const r = await call(sb.url, 'POST', '/api/v1/settings/Message_MaxAllowedSize', {
      headers: admin,
      body: { value: 10 },
    });
    expect(r.status).toBe(200);
    expect(r.text).toBe('{"success":true}');
    const after = await call(sb.url, 'GET', '/api/v1/settings/Message_MaxAllowedSize', { headers: admin });
    expect(after.json.value).toBe(10);
    const long = await call(sb.url, 'POST', '/api/v1/chat.postMessage', {
      headers: admin,
      body: { channel: '#general', text: 'x'.repeat(11) },
    });
    expect(long.status).toBe(400);
    await call(sb.url, 'POST', '/api/v1/settings/Message_MaxAllowedSize', {
      headers: admin,
      body: { value: 5000 },
    });
  });

  it('settings.ts: POST settings/:_id refuses non-admins (403), unknown ids and bodies without value (bare failure)', async () => {
    const denied = await call(sb.url, 'POST', '/api/v1/settings/Site_Name', {
      headers: demo,
      body: { value: 'x' },
    });
    expect(denied.status).toBe(403);
    const unknown = await call(sb.url, 'POST', '/api/v1/settings/No_Such_Setting', {
      headers: admin,
      body: { value: 1 },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.text).toBe('{"success":false}');
    const noValue = await call(sb.url, 'POST', '/api/v1/settings/Site_Name', { headers: admin, body: {} });
    expect(noValue.status).toBe(400);
    expect(noValue.json.success).toBe(false);
    const signedOut = await call(sb.url, 'POST', '/api/v1/settings/Site_Name', { body: { value: 'x' } });
    expect(signedOut.status).toBe(401);
  });
});

describe('permissions (permissions.ts)', () => {
  it('permissions.ts "[/permissions.listAll] should return an array with update and remove properties"', async () => {
    const r = await call(sb.url, 'GET', '/api/v1/permissions.listAll', { headers: admin });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/json');
    expect(r.json.success).toBe(true);
    expect(Array.isArray(r.json.update)).toBe(true);
    expect(Array.isArray(r.json.remove)).toBe(true);
    const since = await call(sb.url, 'GET', '/api/v1/permissions.listAll?updatedSince=2018-11-27T13:52:01Z', {
      headers: admin,
    });
    expect(since.status).toBe(200);
    const bad = await call(sb.url, 'GET', '/api/v1/permissions.listAll?updatedSince=fsafdf', {
      headers: admin,
    });
    expect(bad.status).toBe(400);
    expect(bad.json.success).toBe(false);
  });

  it('permissions.ts "[/permissions.update] should change the permissions on the server"', async () => {
    const r = await call(sb.url, 'POST', '/api/v1/permissions.update', {
      headers: admin,
      body: { permissions: [{ _id: 'add-oauth-service', roles: ['admin', 'user'] }] },
    });
    expect(r.status).toBe(200);
    expect(r.json.success).toBe(true);
    const first = (r.json.permissions as Record<string, unknown>[])[0] as Record<string, unknown>;
    expect(first).toHaveProperty('_id');
    expect(Array.isArray(first.roles)).toBe(true);
    expect(first).toHaveProperty('_updatedAt');
    const listed = await call(
      sb.url,
      'GET',
      '/api/v1/permissions.listAll?updatedSince=2026-10-02T00:00:00Z',
      {
        headers: admin,
      },
    );
    expect((listed.json.update as { _id: string; roles: string[] }[]).map((p) => [p._id, p.roles])).toEqual([
      ['add-oauth-service', ['admin', 'user']],
    ]);
  });

  it('permissions.ts "should 400 when trying to set an unknown permission" / "...to an unknown role" / "...to a string"', async () => {
    const unknownPerm = await call(sb.url, 'POST', '/api/v1/permissions.update', {
      headers: admin,
      body: { permissions: [{ _id: 'this-permission-does-not-exist', roles: ['admin'] }] },
    });
    expect(unknownPerm.status).toBe(400);
    expect(unknownPerm.json).toEqual({
      success: false,
      error: 'Invalid permission',
      errorType: 'error-invalid-permission',
    });
    const unknownRole = await call(sb.url, 'POST', '/api/v1/permissions.update', {
      headers: admin,
      body: { permissions: [{ _id: 'add-oauth-service', roles: ['this-role-does-not-exist'] }] },
    });
    expect(unknownRole.status).toBe(400);
    expect(unknownRole.json.errorType).toBe('error-invalid-role');
    const str = await call(sb.url, 'POST', '/api/v1/permissions.update', {
      headers: admin,
      body: { permissions: '' },
    });
    expect(str.status).toBe(400);
    expect(str.json).toMatchObject({ success: false, errorType: 'invalid-params' });
  });

  it('permissions.ts "should fail updating permission if user does NOT have the access-permissions permission"', async () => {
    const r = await call(sb.url, 'POST', '/api/v1/permissions.update', {
      headers: demo,
      body: { permissions: [{ _id: 'add-oauth-service', roles: ['admin', 'user'] }] },
    });
    expect(r.status).toBe(403);
    expect(r.json.error).toBe(
      'User does not have the permissions required for this action [error-unauthorized]',
    );
  });

  it('a permissions.update takes effect on the next call and stays inside this sandbox', async () => {
    const other = await start({}, { env: { TEST_MODE: 'true' }, seedUsers: 10 });
    try {
      await call(sb.url, 'POST', '/api/v1/permissions.update', {
        headers: admin,
        body: { permissions: [{ _id: 'create-c', roles: ['admin'] }] },
      });
      const refused = await call(sb.url, 'POST', '/api/v1/channels.create', {
        headers: demo,
        body: { name: 'perm-update-check' },
      });
      expect(refused.status).toBe(403);
      const otherDemo = await login(other.url, 'demo', 'demo');
      const allowed = await call(other.url, 'POST', '/api/v1/channels.create', {
        headers: otherDemo,
        body: { name: 'perm-update-check' },
      });
      expect(allowed.status).toBe(200);
    } finally {
      await call(sb.url, 'POST', '/api/v1/permissions.update', {
        headers: admin,
        body: { permissions: [{ _id: 'create-c', roles: ['admin', 'user', 'bot', 'app'] }] },
      });
      await other.close();
    }
  });
});
