// Contract tests for channels/groups behaviour around teams, integrations, room fields and the
// system messages of setters, ported from Rocket.Chat's REST end-to-end tests (RocketChat/
// Rocket.Chat, apps/meteor/tests/end-to-end/api/channels.ts and groups.ts): each `it` names the
// upstream file and its describe block or test title.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from './server';
import { call, startLikeRocketChatCi } from './test-helpers';

let sb: SandboxHandle;
let admin: Record<string, string>;
let demo: Record<string, string>;
let demoId: string;

const post = (path: string, headers: Record<string, string>, body: unknown) =>
  call(sb.url, 'POST', `/api/v1/${path}`, { headers, body });
const get = (path: string, headers: Record<string, string> = {}) =>
  call(sb.url, 'GET', `/api/v1/${path}`, { headers });
const room = (r: { json: Record<string, unknown> }) =>
  (r.json.channel ?? r.json.group) as { _id: string; name: string; msgs: number } & Record<string, unknown>;
const setPermission = (id: string, roles: string[]) =>
  post('permissions.update', admin, { permissions: [{ _id: id, roles }] });

beforeAll(async () => {
  ({ sb, admin, demo, demoId } = await startLikeRocketChatCi());
});
afterAll(async () => {
  await sb.close();
});

describe('system messages count in msgs', () => {
  it('channels.ts "/channels.rename", "/channels.setReadOnly", "/channels.leave", "/channels.setJoinCode" and groups.ts "/groups.rename": msgs + 1 (join code: + 0)', async () => {
    const c = room(await post('channels.create', admin, { name: 'sysmsg-channel' }));
    const renamed = room(
      await post('channels.rename', admin, { roomId: c._id, name: 'EDITEDsysmsg-channel' }),
    );
    expect(renamed.msgs).toBe(1);
    const coded = room(await post('channels.setJoinCode', admin, { roomId: c._id, joinCode: '123' }));
    expect(coded.msgs).toBe(1);
    expect(coded).not.toHaveProperty('joinCode');
    expect(room(await post('channels.setReadOnly', admin, { roomId: c._id, readOnly: true })).msgs).toBe(2);
    await post('channels.invite', admin, { roomId: c._id, userId: demoId });
    expect(room(await post('channels.leave', demo, { roomId: c._id })).msgs).toBe(4);
    const types = (
      (await get(`channels.messages?roomId=${c._id}`, admin)).json.messages as { t: string }[]
    ).map((m) => m.t);
    expect(types).toEqual(['ul', 'au', 'room-set-read-only', 'r']);
    const g = room(await post('groups.create', admin, { name: 'sysmsg-group' }));
    expect(room(await post('groups.rename', admin, { roomId: g._id, name: 'EDITEDsysmsg-group' })).msgs).toBe(
      1,
    );
  });
});

describe('join codes and room fields', () => {
  it('channels.ts "[/channels.join]": error-code-required without a code, error-code-invalid with a wrong one', async () => {
    const c = room(await post('channels.create', admin, { name: 'coded-channel' }));
    await post('channels.setJoinCode', admin, { roomId: c._id, joinCode: '123' });
    const none = await post('channels.join', demo, { roomId: c._id });
    expect(none.json.errorType).toBe('error-code-required');
    expect(
      (await post('channels.join', demo, { roomId: c._id, joinCode: 'WRONG_CODE' })).json.errorType,
    ).toBe('error-code-invalid');
    const ok = await post('channels.join', demo, { roomId: c._id, joinCode: '123' });
    expect(room(ok)._id).toBe(c._id);
  });

  for (const prefix of ['channels', 'groups'] as const) {
    it(`${prefix}.ts "/${prefix}.setCustomFields": replaces the fields, {} clears them, a string is refused`, async () => {
      const r = room(
        await post(`${prefix}.create`, admin, { name: `${prefix}-cf`, customFields: { field0: 'value0' } }),
      );
      const changed = room(
        await post(`${prefix}.setCustomFields`, admin, { roomId: r._id, customFields: { field9: 'value9' } }),
      );
      expect(changed.customFields).toEqual({ field9: 'value9' });
      const cleared = room(
        await post(`${prefix}.setCustomFields`, admin, { roomName: r.name, customFields: {} }),
      );
      expect(cleared.customFields).toEqual({});
      const bad = await post(`${prefix}.setCustomFields`, admin, { roomName: r.name, customFields: '' });
      expect(bad.status).toBe(400);
      expect(bad.json.success).toBe(false);
    });
  }

  it('channels.ts "/channels.setDefault": sets and unsets default without a message', async () => {
    const c = room(await post('channels.create', admin, { name: 'default-channel' }));
    const on = room(await post('channels.setDefault', admin, { roomId: c._id, default: true }));
    expect(on).toMatchObject({ default: true, msgs: 0 });
    expect(room(await post('channels.setDefault', admin, { roomId: c._id, default: false })).default).toBe(
      false,
    );
  });

  it('groups.ts "/groups.setEncrypted": boolean required, on and off', async () => {
    const g = room(await post('groups.create', admin, { name: 'encrypted-group' }));
    const bad = await post('groups.setEncrypted', admin, { roomId: g._id, encrypted: 'no-boolean' });
    expect(bad.json).toEqual({ success: false, error: 'The bodyParam "encrypted" is required' });
    expect(room(await post('groups.setEncrypted', admin, { roomId: g._id, encrypted: true })).encrypted).toBe(
      true,
    );
    expect(room(await get(`groups.info?roomId=${g._id}`, admin)).encrypted).toBe(true);
    expect(
      room(await post('groups.setEncrypted', admin, { roomId: g._id, encrypted: false })).encrypted,
    ).toBe(false);
  });
});

describe('integrations of a room', () => {
  it('channels.ts and groups.ts "/channels.getIntegrations", "/groups.getIntegrations": the room\'s webhooks, by permission', async () => {
    const c = room(await post('channels.create', admin, { name: 'integration-channel' }));
    const g = room(await post('groups.create', admin, { name: 'integration-group' }));
    const made = [];
    for (const target of [c.name, g.name]) {
      const r = await post('integrations.create', admin, {
        type: 'webhook-incoming',
        name: 'Incoming test',
        enabled: true,
        username: 'rocket.cat',
        scriptEnabled: false,
        channel: `#${target}`,
      });
      made.push((r.json.integration as { _id: string })._id);
    }
    const ch = await get(`channels.getIntegrations?roomId=${c._id}`, admin);
    expect((ch.json.integrations as { _id: string }[]).map((i) => i._id)).toEqual([made[0]]);
    expect(ch.json).toMatchObject({ count: 1, offset: 0, total: 1, success: true });
    const gr = await get(`groups.getIntegrations?roomId=${g._id}`, admin);
    expect((gr.json.integrations as { _id: string }[]).map((i) => i._id)).toEqual([made[1]]);
    for (const p of [
      'manage-incoming-integrations',
      'manage-own-incoming-integrations',
      'manage-outgoing-integrations',
      'manage-own-outgoing-integrations',
    ])
      await setPermission(p, []);
    const denied = await get(`channels.getIntegrations?roomId=${c._id}`, admin);
    expect(denied.status).toBe(403);
    expect(denied.json.error).toBe(
      'User does not have the permissions required for this action [error-unauthorized]',
    );
    for (const p of [
      'manage-incoming-integrations',
      'manage-own-incoming-integrations',
      'manage-outgoing-integrations',
      'manage-own-outgoing-integrations',
    ])
      await setPermission(p, ['admin']);
  });
});

describe('groups.online, groups.listAll, channels.anonymousread', () => {
  it('groups.ts "/groups.online": Invalid query without one, members not offline, error-not-allowed outside', async () => {
    expect((await get('groups.online', admin)).json).toEqual({ success: false, error: 'Invalid query' });
    const g = room(await post('groups.create', admin, { name: 'online-group' }));
    const online = await get(`groups.online?_id=${g._id}`, admin);
    expect(online.json.online).toContainEqual({ _id: admin['X-User-Id'], username: 'admin' });
    expect((await get(`groups.online?_id=${g._id}`, demo)).json.errorType).toBe('error-not-allowed');
  });

  it('groups.ts "/groups.listAll": every group with view-room-administration, 403 without', async () => {
    const ok = await get('groups.listAll', admin);
    expect(ok.json.success).toBe(true);
    expect(Array.isArray(ok.json.groups)).toBe(true);
    expect((await get('groups.listAll', demo)).status).toBe(403);
  });

  it('channels.ts "/channels.anonymousread": 401 while Accounts_AllowAnonymousRead is off, messages when on', async () => {
    const c = room(await post('channels.create', admin, { name: 'anonymousread-channel' }));
    const off = await get(`channels.anonymousread?roomId=${c._id}`);
    expect(off.status).toBe(401);
    expect(off.json.error).toBe('You must be logged in to do this.');
    await post('settings/Accounts_AllowAnonymousRead', admin, { value: true });
    const on = await get(`channels.anonymousread?roomId=${c._id}&count=5&offset=0`);
    expect(on.json).toMatchObject({ success: true, messages: [] });
    await post('settings/Accounts_AllowAnonymousRead', admin, { value: false });
  });
});

describe('teams', () => {
  it('channels.ts "[/channels.info] Additional Visibility Tests": a public channel of a private team is hidden from outsiders (403)', async () => {
    const team = (await post('teams.create', admin, { name: 'private-team-vis', type: 1 })).json.team as {
      _id: string;
    };
    const c = room(
      await post('channels.create', admin, {
        name: 'teamPrivate.publicChannel',
        extraData: { teamId: team._id },
      }),
    );
    expect(c.teamId).toBe(team._id);
    for (const path of ['channels.info', 'channels.members', 'channels.moderators', 'channels.messages'])
      expect((await get(`${path}?roomId=${c._id}`, demo)).status).toBe(403);
    await post('teams.addMembers', admin, { teamId: team._id, members: [{ userId: demoId }] });
    expect((await get(`channels.info?roomId=${c._id}`, demo)).status).toBe(200);
  });

  it('channels.ts "[/channels.create]" and groups.ts "/groups.create": a team room needs create-team-channel / create-team-group in the team', async () => {
    const team = (await post('teams.create', admin, { name: 'create-in-team', type: 0, members: ['demo'] }))
      .json.team as {
      _id: string;
    };
    await setPermission('create-team-channel', ['owner']);
    await setPermission('create-team-group', ['owner']);
    const c = await post('channels.create', demo, {
      name: 'team-channel-denied',
      extraData: { teamId: team._id },
    });
    expect(c.json).toEqual({ success: false, error: 'unauthorized' });
    expect(c.status).toBe(403);
    const g = await post('groups.create', demo, {
      name: 'team-group-denied',
      extraData: { teamId: team._id },
    });
    expect(g.json.errorType).toBe('error-not-allowed');
    await setPermission('create-team-channel', ['admin', 'owner', 'moderator']);
    await setPermission('create-team-group', ['admin', 'owner', 'moderator']);
  });

  it('channels.ts "/channels.convertToTeam" and groups.ts "/groups.convertToTeam": convert, refuse twice, convert back', async () => {
    const c = room(await post('channels.create', admin, { name: 'convert-channel' }));
    const both = await post('channels.convertToTeam', admin, { channelId: c._id, channelName: c.name });
    expect(both.status).toBe(400);
    expect(String(both.json.error)).toContain('must match exactly one schema in oneOf');
    expect((await post('channels.convertToTeam', admin, {})).status).toBe(400);
    expect((await post('channels.convertToTeam', admin, { channelId: c._id })).json.success).toBe(true);
    expect((await post('channels.convertToTeam', admin, { channelId: c._id })).status).toBe(400);
    expect((await post('teams.convertToChannel', admin, { teamName: c.name })).json).toEqual({
      success: true,
    });
    expect((await post('channels.convertToTeam', admin, { channelName: c.name })).json.success).toBe(true);
    const g = room(await post('groups.create', admin, { name: 'convert-group' }));
    await setPermission('create-team', []);
    expect((await post('groups.convertToTeam', admin, { roomId: g._id })).status).toBe(403);
    await setPermission('create-team', ['admin', 'user']);
    const team = await post('groups.convertToTeam', admin, { roomId: g._id });
    expect(team.json.team).toMatchObject({ name: 'convert-group', type: 1, roomId: g._id });
  });

  it('channels.ts "/channels.delete" and groups.ts "/groups.delete": a team room also needs delete-team-channel in the team', async () => {
    const team = (await post('teams.create', admin, { name: 'delete-in-team', type: 0, members: ['demo'] }))
      .json.team as {
      _id: string;
    };
    await setPermission('create-team-channel', ['admin', 'owner', 'moderator', 'user']);
    await setPermission('delete-team-channel', ['owner', 'moderator']);
    const c = room(
      await post('channels.create', demo, { name: 'team-channel-delete', extraData: { teamId: team._id } }),
    );
    const denied = await post('channels.delete', demo, { roomId: c._id });
    expect(denied.json.errorType).toBe('error-not-allowed');
    expect((await post('channels.delete', admin, { roomId: c._id })).json).toEqual({ success: true });
    await setPermission('create-team-channel', ['admin', 'owner', 'moderator']);
    await setPermission('delete-team-channel', ['admin', 'owner', 'moderator']);
  });
});

describe('room names', () => {
  it('rooms.ts "[/rooms.autocomplete.channelAndPrivate]" (before hook): non-Latin names with UI_Allow_room_names_with_special_chars', async () => {
    const refused = await post('channels.create', admin, { name: 'тест' });
    expect(refused.json.errorType).toBe('error-invalid-room-name');
    await post('settings/UI_Allow_room_names_with_special_chars', admin, { value: true });
    const made = room(await post('channels.create', admin, { name: 'тест' }));
    expect(made).toMatchObject({ name: 'тест', fname: 'тест' });
    await post('settings/UI_Allow_room_names_with_special_chars', admin, { value: false });
  });
});

describe('kick, addAll, list.joined', () => {
  it('groups.ts "/groups.kick": not found for outsiders, kick-user-from-any-p-room kicks from outside, the last owner stays', async () => {
    const g = room(await post('groups.create', demo, { name: 'kick-group' }));
    const outsider = await post('groups.kick', admin, { roomId: g._id, userId: demoId });
    expect(outsider.json.errorType).toBe('error-room-not-found');
    await setPermission('kick-user-from-any-p-room', ['admin']);
    const last = await post('groups.kick', admin, { roomId: g._id, userId: demoId });
    expect(last.json.errorType).toBe('error-you-are-last-owner');
    expect((await post('groups.kick', admin, { roomId: g._id, userId: 'rocket.cat' })).status).toBe(200);
    await setPermission('kick-user-from-any-p-room', []);
  });

  it('channels.ts "/channels.addAll" and "/channels.list.joined": everyone joins; list.joined ignores a roomId', async () => {
    const c = room(await post('channels.create', admin, { name: 'add-all-channel' }));
    const all = room(await post('channels.addAll', admin, { roomId: c._id }));
    expect(all.usersCount).toBeGreaterThan(1);
    expect((await post('channels.addAll', demo, { roomId: c._id })).json.errorType).toBe('error-not-allowed');
    const joined = await get(`channels.list.joined?roomId=${c._id}`, admin);
    expect(joined.status).toBe(200);
    expect(joined.json).toHaveProperty('total');
  });
});
