// Contract tests for users/teams/integrations/server routes, ported from Rocket.Chat's REST
// end-to-end tests (RocketChat/Rocket.Chat, apps/meteor/tests/end-to-end/api/users.ts, teams.ts,
// incoming-integrations.ts, miscellaneous.ts, roles.ts, commands.ts, emoji-custom.ts,
// custom-user-status.ts, statistics.ts), plus the check that every served operation has a contract
// test naming it.
import { readFileSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from './server';
import { call, login, startLikeRocketChatCi } from './test-helpers';

let sb: SandboxHandle;
let admin: Record<string, string>;
let demo: Record<string, string>;
let demoId: string;

const post = (path: string, headers: Record<string, string> | undefined, body: unknown) =>
  call(sb.url, 'POST', path.startsWith('/') ? path : `/api/v1/${path}`, {
    ...(headers && { headers }),
    body,
  });
const get = (path: string, headers?: Record<string, string>) =>
  call(sb.url, 'GET', `/api/v1/${path}`, { ...(headers && { headers }) });

beforeAll(async () => {
  ({ sb, admin, demo, demoId } = await startLikeRocketChatCi());
});
afterAll(async () => {
  await sb.close();
});

describe('users.ts extras', () => {
  it('users.ts "[/users.getStatus]", "[/users.presence]", "[/users.listByStatus]", "[/users.autocomplete]", "[/users.getUsernameSuggestion]"', async () => {
    const st = await get('users.getStatus', demo);
    expect(Object.keys(st.json)).toEqual(
      expect.arrayContaining(['_id', 'connectionStatus', 'status', 'success']),
    );
    const pres = await get(`users.presence?ids[]=${demoId}`, demo);
    expect((pres.json.users as { _id: string }[]).map((u) => u._id)).toEqual([demoId]);
    const byStatus = await get('users.listByStatus?status=active&count=5', admin);
    expect(byStatus.json).toMatchObject({ count: 5, offset: 0, success: true });
    const badStatus = await get('users.listByStatus?status=nope', admin);
    expect(badStatus.json.errorType).toBe('error-invalid-params');
    const ac = await get(`users.autocomplete?selector=${encodeURIComponent('{"term":"dem"}')}`, admin);
    expect((ac.json.items as { username: string }[]).map((u) => u.username)).toContain('demo');
    expect((await get('users.autocomplete', admin)).status).toBe(400);
    const sugg = await get('users.getUsernameSuggestion', demo);
    expect(typeof sugg.json.result).toBe('string');
  });

  it('users.ts "[/users.setPreferences]", "[/users.getPreferences]", "[/users.setActiveStatus]", "[/users.resetAvatar]", removeOtherTokens, logout, deleteOwnAccount', async () => {
    const set = await post('users.setPreferences', demo, { data: { useEmojis: false } });
    expect(
      (set.json.user as { settings: { preferences: { useEmojis: boolean } } }).settings.preferences.useEmojis,
    ).toBe(false);
    expect(
      ((await get('users.getPreferences', demo)).json.preferences as { useEmojis: boolean }).useEmojis,
    ).toBe(false);
    const other = await post('users.setPreferences', demo, {
      userId: admin['X-User-Id'],
      data: { useEmojis: false },
    });
    expect(other.json.error).toBe('Editing user is not allowed [error-action-not-allowed]');
    const denied = await post('users.setActiveStatus', demo, { userId: demoId, activeStatus: false });
    expect(denied.json.errorType).toBe('error-not-allowed');
    const created = await post('users.create', admin, {
      email: 'tmp@example.com',
      name: 'Tmp',
      password: 'tmp-pass',
      username: 'tmp-user',
    });
    const tmpId = (created.json.user as { _id: string })._id;
    const off = await post('users.setActiveStatus', admin, { userId: tmpId, activeStatus: false });
    expect(off.json.user).toEqual({ _id: tmpId, active: false });
    await post('users.setActiveStatus', admin, { userId: tmpId, activeStatus: true });
    expect((await post('users.resetAvatar', demo, {})).text).toBe('{"success":true}');
    expect((await post('users.resetAvatar', demo, { userId: tmpId })).json.errorType).toBe(
      'error-not-allowed',
    );
    const tmp = await login(sb.url, 'tmp-user', 'tmp-pass');
    const second = await login(sb.url, 'tmp-user', 'tmp-pass');
    expect((await post('users.removeOtherTokens', tmp, {})).text).toBe('{"success":true}');
    expect((await get('me', second)).status).toBe(401);
    expect((await get('me', tmp)).status).toBe(200);
    expect((await post('users.logout', admin, { userId: tmpId })).status).toBe(200);
    expect((await get('me', tmp)).status).toBe(401);
    const notAllowed = await post('users.deleteOwnAccount', demo, { password: 'x' });
    expect(notAllowed.json.errorType).toBe('error-not-allowed');
  });
});

describe('teams.ts', () => {
  it('teams.ts "/teams.create", "/teams.info", "/teams.list", "/teams.listAll", "/teams.members", addMembers, removeMember, addRooms, listRooms, removeRoom, delete', async () => {
    const created = await post('teams.create', demo, { name: 'sandbox-team', type: 0 });
    expect(created.status).toBe(200);
    const team = created.json.team as { _id: string; roomId: string; name: string };
    const dup = await post('teams.create', demo, { name: 'sandbox-team', type: 0 });
    expect(dup.json.errorType).toBe('team-name-already-exists');
    expect(((await get('teams.info?teamName=sandbox-team', demo)).json.teamInfo as { _id: string })._id).toBe(
      team._id,
    );
    expect((await get('teams.info?teamId=nope', demo)).json.error).toBe(
      'Team not found [team-does-not-exist]',
    );
    // The seed's showcase team (engineering) has demo as a member: one more than created here.
    expect((await get('teams.list', demo)).json.total).toBe(2);
    expect((await get('teams.listAll', demo)).status).toBe(403);
    expect((await get('teams.listAll', admin)).json.total).toBe(2);
    expect(
      (
        await post('teams.addMembers', demo, {
          teamId: team._id,
          members: [{ userId: admin['X-User-Id'], roles: ['member'] }],
        })
      ).status,
    ).toBe(200);
    const members = await get(`teams.members?teamId=${team._id}`, demo);
    expect(members.json.total).toBe(2);
    const roomId = (
      (await post('channels.create', demo, { name: 'team-child' })).json.channel as { _id: string }
    )._id;
    const added = await post('teams.addRooms', demo, { teamId: team._id, rooms: [roomId] });
    expect((added.json.rooms as { teamId: string }[])[0]?.teamId).toBe(team._id);
    expect((await get(`teams.listRooms?teamId=${team._id}`, demo)).json.total).toBe(1);
    expect((await post('teams.removeRoom', demo, { teamId: team._id, roomId })).status).toBe(200);
    expect(
      (await post('teams.removeMember', demo, { teamId: team._id, userId: admin['X-User-Id'] })).status,
    ).toBe(200);
    const outsider = await post('teams.delete', demo, { teamId: 'nope' });
    expect(outsider.json.errorType).toBe('team-does-not-exist');
    expect((await post('teams.delete', demo, { teamId: team._id })).text).toBe('{"success":true}');
    expect((await get(`teams.info?teamId=${team._id}`, demo)).status).toBe(400);
  });
});

describe('incoming-integrations.ts', () => {
  it('incoming-integrations.ts: integrations.create/list/get, POST /hooks/:id/:token posts, integrations.remove', async () => {
    const body = {
      type: 'webhook-incoming',
      name: 'Incoming test',
      enabled: true,
      username: 'admin',
      channel: '#general',
      scriptEnabled: false,
    };
    expect((await post('integrations.create', demo, body)).status).toBe(400);
    const created = await post('integrations.create', admin, body);
    const integration = created.json.integration as { _id: string; token: string; channel: string[] };
    expect(integration.channel).toEqual(['#general']);
    const badRoom = await post('integrations.create', admin, { ...body, channel: '#no-such-room' });
    expect(badRoom.json.errorType).toBe('error-invalid-room');
    // The seed's showcase webhook (CI notifications) is the other one.
    expect((await get('integrations.list', admin)).json).toMatchObject({ items: 2, total: 2, offset: 0 });
    expect((await get(`integrations.get?integrationId=${integration._id}`, admin)).status).toBe(200);
    const hook = await post(`/hooks/${integration._id}/${integration.token}`, undefined, {
      text: 'Example message from a hook',
    });
    expect(hook.text).toBe('{"success":true}');
    const last = await get('channels.messages?roomName=general&count=1', admin);
    expect((last.json.messages as { msg: string }[])[0]?.msg).toBe('Example message from a hook');
    expect((await post(`/hooks/${integration._id}/wrong-token`, undefined, { text: 'x' })).status).toBe(404);
    expect(
      (await post('integrations.remove', admin, { type: 'webhook-incoming', integrationId: integration._id }))
        .status,
    ).toBe(200);
    expect(
      (await post('integrations.remove', admin, { type: 'webhook-incoming', integrationId: integration._id }))
        .status,
    ).toBe(400);
  });
});

describe('server routes (miscellaneous.ts, statistics.ts, emoji-custom.ts, custom-user-status.ts, commands.ts, roles.ts)', () => {
  it('miscellaneous.ts "/pw.getPolicy should return policies" and "[/instances.get]" (403 / 401 / shape)', async () => {
    const pw = await get('pw.getPolicy', demo);
    expect(pw.json).toEqual({ enabled: false, policy: [], success: true });
    // "/pw.getPolicyReset should fail if no token is invalid format": an unknown token is 403.
    const reset = await get('pw.getPolicyReset?token=123');
    expect(reset.status).toBe(403);
    expect(reset.json).toEqual({ success: false, error: 'unauthorized' });
    // "[/instances.get] should fail if user is logged in but is unauthorized": error 'unauthorized'.
    const denied = await get('instances.get', demo);
    expect(denied.status).toBe(403);
    expect(denied.json).toEqual({ success: false, error: 'unauthorized' });
    expect((await get('instances.get')).status).toBe(401);
    const inst = await get('instances.get', admin);
    const one = (inst.json.instances as Record<string, Record<string, unknown>>[])[0] as Record<
      string,
      Record<string, unknown>
    >;
    expect(one.instanceRecord).toMatchObject({ name: 'rocket.chat' });
    expect(Object.keys(one.currentStatus ?? {})).toEqual(['connected', 'lastHeartbeatTime', 'local']);
    expect((await get('stdout.queue', admin)).json).toEqual({ queue: [], success: true });
    expect((await get('stdout.queue', demo)).status).toBe(403);
  });

  it('statistics.ts, emoji-custom.ts, custom-user-status.ts, commands.ts, roles.ts list shapes and permissions', async () => {
    expect((await get('statistics', demo)).json.errorType).toBe('error-not-allowed');
    expect((await get('statistics', admin)).json).toMatchObject({ success: true, version: '8.1.0' });
    const emoji = await get('emoji-custom.list', demo);
    expect((emoji.json.emojis as { update: unknown[] }).update.length).toBe(3);
    expect((await get('emoji-custom.all?count=2', demo)).json).toMatchObject({ count: 2, total: 3 });
    expect((await get('emoji-custom.list?updatedSince=x', demo)).status).toBe(400);
    // The seed defines three custom statuses (contract-showcase.test.ts checks their content).
    expect((await get('custom-user-status.list?count=2', demo)).json).toMatchObject({
      count: 2,
      offset: 0,
      total: 3,
      success: true,
    });
    expect((await get('commands.list', demo)).json.total).toBe(8);
    expect(((await get('commands.get?command=me', demo)).json.command as { command: string }).command).toBe(
      'me',
    );
    expect((await get('commands.get', demo)).json.errorType).toBe('error-parameter-required');
    expect((await get('roles.list', demo)).json.roles).toHaveLength(12);
    expect((await get('roles.getUsersInRole?role=admin', admin)).json.total).toBeGreaterThan(0);
    expect((await get('roles.getUsersInRole', admin)).json.errorType).toBe('error-param-not-provided');
    expect((await post('roles.addUserToRole', admin, { roleName: 'bot', username: 'demo' })).status).toBe(
      200,
    );
    expect(
      (await post('roles.addUserToRole', admin, { roleName: 'bot', username: 'demo' })).json.errorType,
    ).toBe('error-user-already-in-role');
    expect((await get('settings.oauth')).json).toEqual({ services: [], success: true });
    expect((await get('service.configurations')).json).toEqual({ configurations: [], success: true });
  });

  it('channels.ts "[/channels.online]", "[/channels.getAllUserMentionsByChannel]"; rooms.ts "[/rooms.membersOrderedByRole]", "[/rooms.export]"', async () => {
    const room = (await get('channels.info?roomName=general', admin)).json.channel as { _id: string };
    expect(Array.isArray((await get(`channels.online?_id=${room._id}`, admin)).json.online)).toBe(true);
    expect((await get('channels.online', admin)).status).toBe(400);
    const mentions = await get(`channels.getAllUserMentionsByChannel?roomId=${room._id}`, admin);
    expect(Object.keys(mentions.json)).toEqual(['mentions', 'count', 'offset', 'total', 'success']);
    const ordered = await get(`rooms.membersOrderedByRole?roomId=${room._id}&count=3`, admin);
    expect(ordered.json.count).toBe(3);
    // An e-mail export needs messages and a recipient (rest-typings' isRoomsExportProps).
    const mail = { rid: room._id, type: 'email', toUsers: [admin['X-User-Id']], messages: ['x'] };
    expect((await post('rooms.export', admin, mail)).json).toEqual({ missing: [], success: true });
    expect((await post('rooms.export', demo, mail)).status).toBe(400);
  });
});

describe('history and list routes (channels.ts, groups.ts, direct-message.ts, chat.ts)', () => {
  it('channels.ts "[/channels.list.joined]", "[/channels.leave]", groups.ts "[/groups.history]", direct-message.ts "[/im.history]" / "[/dm.history]", chat.ts "[/chat.search]"', async () => {
    const joined = await get('channels.list.joined?count=1', demo);
    expect(Object.keys(joined.json)).toEqual(['channels', 'offset', 'count', 'total', 'success']);
    const roomId = (
      (await post('channels.create', admin, { name: 'leave-me', members: ['demo'] })).json.channel as {
        _id: string;
      }
    )._id;
    expect((await post('channels.leave', demo, { roomId })).status).toBe(200);
    expect((await post('channels.leave', demo, { roomId })).json.errorType).toBe('error-user-not-in-room');
    const gid = (
      (await post('groups.create', admin, { name: 'history-group' })).json.group as { _id: string }
    )._id;
    await post('chat.sendMessage', admin, { message: { rid: gid, msg: 'findable needle' } });
    expect(((await get(`groups.history?roomId=${gid}`, admin)).json.messages as unknown[]).length).toBe(1);
    const dm = ((await post('im.create', admin, { username: 'demo' })).json.room as { _id: string })._id;
    for (const p of ['im', 'dm'])
      expect((await get(`${p}.history?roomId=${dm}`, admin)).json.success).toBe(true);
    const found = await get(`chat.search?roomId=${gid}&searchText=needle`, admin);
    expect((found.json.messages as { msg: string }[]).map((m) => m.msg)).toEqual(['findable needle']);
  });
});

describe('coverage', () => {
  it('every operation /api/docs/json lists is named by at least one contract test', async () => {
    const doc = (await get('../docs/json')).json as { paths: Record<string, Record<string, unknown>> };
    const dir = new URL('.', import.meta.url);
    const sources = readdirSync(dir)
      .filter((f) => /^contract.*\.test\.ts$/.test(f))
      .map((f) => readFileSync(new URL(f, dir), 'utf8'))
      .join('\n');
    const missing: string[] = [];
    for (const path of Object.keys(doc.paths)) {
      const name = path.replace(/^\/api\/(v1\/)?/, '').replace(/\/:.*$/, '');
      const generic = name.replace(/^(channels|groups|im|dm)\./, '${prefix}.');
      if (!sources.includes(name) && !sources.includes(generic)) missing.push(path);
    }
    expect(missing).toEqual([]);
    expect(Object.keys(doc.paths).length).toBeGreaterThanOrEqual(198);
  });
});

describe('[/shield.svg] (miscellaneous.ts)', () => {
  it('miscellaneous.ts "[/shield.svg] should fail if API_Enable_Shields is disabled" / "should succeed if ... enabled"', async () => {
    const q = '/api/v1/shield.svg?type=online&icon=true&channel=general&name=Rocket.Chat';
    const ok = await call(sb.url, 'GET', q);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('image/svg+xml;charset=utf-8');
    await call(sb.url, 'POST', '/api/v1/settings/API_Enable_Shields', {
      headers: admin,
      body: { value: false },
    });
    const off = await call(sb.url, 'GET', q);
    expect(off.status).toBe(400);
    expect(off.json).toMatchObject({ success: false, errorType: 'error-endpoint-disabled' });
    await call(sb.url, 'POST', '/api/v1/settings/API_Enable_Shields', {
      headers: admin,
      body: { value: true },
    });
  });
});
