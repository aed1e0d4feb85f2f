// Contract tests for the channel/group lifecycle, subscriptions and rooms.* routes, ported from
// Rocket.Chat's REST end-to-end tests (RocketChat/Rocket.Chat, apps/meteor/tests/end-to-end/api/
// channels.ts, groups.ts, rooms.ts, subscriptions.ts): each `it` names the upstream file and its
// describe block ("[/route]") or test title.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from './server';
import { call, startLikeRocketChatCi } from './test-helpers';

let sb: SandboxHandle;
let admin: Record<string, string>;
let demo: Record<string, string>;
let demoId: string;

const post = (path: string, headers: Record<string, string>, body: unknown) =>
  call(sb.url, 'POST', `/api/v1/${path}`, { headers, body });
const get = (path: string, headers: Record<string, string>) =>
  call(sb.url, 'GET', `/api/v1/${path}`, { headers });

async function newRoom(prefix: 'channels' | 'groups', name: string): Promise<string> {
  const r = await post(`${prefix}.create`, admin, { name });
  expect(r.status).toBe(200);
  return ((r.json.channel ?? r.json.group) as { _id: string })._id;
}

beforeAll(async () => {
  ({ sb, admin, demo, demoId } = await startLikeRocketChatCi());
});
afterAll(async () => {
  await sb.close();
});

for (const prefix of ['channels', 'groups'] as const) {
  const key = prefix === 'channels' ? 'channel' : 'group';
  describe(`${prefix}.ts lifecycle`, () => {
    it(`${prefix}.ts "[/${prefix}.setDescription]", "[/${prefix}.setAnnouncement]", "[/${prefix}.setPurpose]": set, clear with "", key required`, async () => {
      const roomId = await newRoom(prefix, `${prefix}-setters`);
      const d = await post(`${prefix}.setDescription`, admin, {
        roomId,
        description: 'this is a description',
      });
      expect(d.json).toEqual({ description: 'this is a description', success: true });
      const cleared = await post(`${prefix}.setDescription`, admin, { roomId, description: '' });
      expect(cleared.json).toEqual({ description: '', success: true });
      const a = await post(`${prefix}.setAnnouncement`, admin, {
        roomId,
        announcement: 'this is an announcement',
      });
      expect(a.json).toEqual({ announcement: 'this is an announcement', success: true });
      const p = await post(`${prefix}.setPurpose`, admin, { roomId, purpose: 'purpose' });
      expect(p.json).toEqual({ purpose: 'purpose', success: true });
      const missing = await post(`${prefix}.setAnnouncement`, admin, { roomId });
      expect(missing.status).toBe(400);
      expect(missing.json.error).toBe('The bodyParam "announcement" is required');
      const info = await get(`${prefix}.info?roomId=${roomId}`, admin);
      expect((info.json[key] as Record<string, unknown>).announcement).toBe('this is an announcement');
      const denied = await post(`${prefix}.setDescription`, demo, { roomId, description: 'x' });
      expect(denied.status).toBe(400);
    });

    it(`${prefix}.ts "[/${prefix}.invite]", "[/${prefix}.kick]", "[/${prefix}.addModerator]", "[/${prefix}.addOwner]", "[/${prefix}.addLeader]", "[/${prefix}.removeLeader]", roles, moderators`, async () => {
      const roomId = await newRoom(prefix, `${prefix}-members`);
      const inv = await post(`${prefix}.invite`, admin, { roomId, userId: demoId });
      expect(inv.status).toBe(200);
      expect((inv.json[key] as { _id: string })._id).toBe(roomId);
      expect((await post(`${prefix}.addModerator`, admin, { roomId, userId: demoId })).text).toBe(
        '{"success":true}',
      );
      const again = await post(`${prefix}.addModerator`, admin, { roomId, userId: demoId });
      expect(again.json.errorType).toBe('error-user-already-moderator');
      expect((await post(`${prefix}.addOwner`, admin, { roomId, userId: demoId })).status).toBe(200);
      expect((await post(`${prefix}.addLeader`, admin, { roomId, userId: demoId })).status).toBe(200);
      const roles = await get(`${prefix}.roles?roomId=${roomId}`, admin);
      const demoRoles = (roles.json.roles as { u: { _id: string }; roles: string[] }[]).find(
        (r) => r.u._id === demoId,
      );
      expect(demoRoles?.roles.sort()).toEqual(['leader', 'moderator', 'owner']);
      const mods = await get(`${prefix}.moderators?roomId=${roomId}`, admin);
      expect((mods.json.moderators as { _id: string }[]).map((m) => m._id)).toContain(demoId);
      for (const r of ['Leader', 'Owner', 'Moderator'])
        expect((await post(`${prefix}.remove${r}`, admin, { roomId, userId: demoId })).status).toBe(200);
      const notMod = await post(`${prefix}.removeModerator`, admin, { roomId, userId: demoId });
      expect(notMod.json.error).toBe('User is not a moderator [error-user-not-moderator]');
      const lastOwner = await post(`${prefix}.removeOwner`, admin, { roomId, userId: admin['X-User-Id'] });
      expect(lastOwner.json.errorType).toBe('error-remove-last-owner');
      expect((await post(`${prefix}.kick`, admin, { roomId, userId: demoId })).status).toBe(200);
      const gone = await post(`${prefix}.kick`, admin, { roomId, userId: demoId });
      // 8.x removeUserFromRoom skips the membership check for kick-user-from-any-<t>-room, which the
      // admin holds for channels (not for groups) by default.
      if (prefix === 'channels') expect(gone.status).toBe(200);
      else expect(gone.json.error).toBe('User is not in this room [error-user-not-in-room]');
      const noUser = await post(`${prefix}.invite`, admin, { roomId });
      expect(noUser.json.errorType).toBe('error-user-param-not-provided');
    });

    it(`${prefix}.ts "[/${prefix}.rename]", "[/${prefix}.setReadOnly]", "[/${prefix}.setType]", "[/${prefix}.archive]", "[/${prefix}.unarchive]"`, async () => {
      const roomId = await newRoom(prefix, `${prefix}-rename`);
      const renamed = await post(`${prefix}.rename`, admin, { roomId, name: `${prefix}-renamed` });
      expect((renamed.json[key] as { name: string }).name).toBe(`${prefix}-renamed`);
      const same = await post(`${prefix}.rename`, admin, { roomId, name: `${prefix}-renamed` });
      expect(same.status).toBe(400);
      const noName = await post(`${prefix}.rename`, admin, { roomId });
      expect(noName.json.error).toBe('The bodyParam "name" is required');
      const ro = await post(`${prefix}.setReadOnly`, admin, { roomId, readOnly: true });
      expect((ro.json[key] as { ro: boolean }).ro).toBe(true);
      const archived = await post(`${prefix}.archive`, admin, { roomId });
      expect(archived.text).toBe('{"success":true}');
      const twice = await post(`${prefix}.archive`, admin, { roomId });
      expect(twice.json.errorType).toBe('error-room-archived');
      expect((await post(`${prefix}.unarchive`, admin, { roomId })).status).toBe(200);
      const notArchived = await post(`${prefix}.unarchive`, admin, { roomId });
      expect(notArchived.status).toBe(400);
      const other = prefix === 'channels' ? 'p' : 'c';
      const typed = await post(`${prefix}.setType`, admin, { roomId, type: other });
      expect((typed.json[key] as { t: string }).t).toBe(other);
      const noType = await post(`${prefix}.setType`, admin, { roomId });
      expect(noType.json.error).toBe('The bodyParam "type" is required');
    });

    it(`${prefix}.ts "[/${prefix}.counters]", "[/${prefix}.files]", "[/${prefix}.open]", "[/${prefix}.close]"`, async () => {
      const roomId = await newRoom(prefix, `${prefix}-counters`);
      const c = await get(`${prefix}.counters?roomId=${roomId}`, admin);
      expect(Object.keys(c.json)).toEqual([
        'joined',
        'members',
        'unreads',
        'unreadsFrom',
        'msgs',
        'latest',
        'userMentions',
        'success',
      ]);
      expect(c.json.joined).toBe(true);
      const f = await get(`${prefix}.files?roomId=${roomId}`, admin);
      expect(f.json).toEqual({ files: [], count: 0, offset: 0, total: 0, success: true });
      expect((await post(`${prefix}.close`, admin, { roomId })).status).toBe(200);
      const closedAgain = await post(`${prefix}.close`, admin, { roomId });
      expect(closedAgain.status).toBe(400);
      expect((await post(`${prefix}.open`, admin, { roomId })).status).toBe(200);
    });
  });
}

describe('groups.ts group-only routes', () => {
  it('groups.ts "[/groups.setTopic]", "[/groups.messages]", "[/groups.leave]", "[/groups.delete]"', async () => {
    const roomId = await newRoom('groups', 'group-only-routes');
    expect((await post('groups.setTopic', admin, { roomId, topic: 'a topic' })).json).toEqual({
      topic: 'a topic',
      success: true,
    });
    await post('chat.sendMessage', admin, { message: { rid: roomId, msg: 'in the group' } });
    const msgs = await get(`groups.messages?roomId=${roomId}`, admin);
    // The topic change wrote a room_changed_topic system message before the sent one.
    expect(msgs.json).toMatchObject({ count: 2, offset: 0, total: 2, success: true });
    await post('groups.invite', admin, { roomId, userId: demoId });
    expect((await post('groups.leave', demo, { roomId })).text).toBe('{"success":true}');
    const hidden = await get(`groups.info?roomId=${roomId}`, demo);
    expect(hidden.json.errorType).toBe('error-room-not-found');
    const denied = await post('groups.delete', demo, { roomId });
    expect(denied.status).toBe(400);
    expect((await post('groups.delete', admin, { roomId })).text).toBe('{"success":true}');
    expect((await get(`groups.info?roomId=${roomId}`, admin)).json.errorType).toBe('error-room-not-found');
  });
});

describe('subscriptions (subscriptions.ts)', () => {
  it('subscriptions.ts "[/subscriptions.get]" and "[/subscriptions.getOne]"', async () => {
    const all = await get('subscriptions.get', demo);
    expect(Array.isArray(all.json.update)).toBe(true);
    expect(all.json.remove).toEqual([]);
    const first = (all.json.update as { rid: string }[])[0] as { rid: string };
    const one = await get(`subscriptions.getOne?roomId=${first.rid}`, demo);
    expect((one.json.subscription as { rid: string }).rid).toBe(first.rid);
    const none = await get('subscriptions.getOne?roomId=not-a-room', demo);
    expect(none.json).toEqual({ subscription: null, success: true });
    const missing = await get('subscriptions.getOne', demo);
    expect(missing.status).toBe(400);
    const bad = await get('subscriptions.get?updatedSince=not-a-date', demo);
    expect(bad.status).toBe(400);
  });

  it('subscriptions.ts "[/subscriptions.read]" and "[/subscriptions.unread]"', async () => {
    const all = await get('subscriptions.get', demo);
    const rid = ((all.json.update as { rid: string }[])[0] as { rid: string }).rid;
    expect((await post('subscriptions.unread', demo, { roomId: rid })).text).toBe('{"success":true}');
    expect(
      ((await get(`subscriptions.getOne?roomId=${rid}`, demo)).json.subscription as { alert: boolean }).alert,
    ).toBe(true);
    expect((await post('subscriptions.read', demo, { rid })).text).toBe('{"success":true}');
    const after = (await get(`subscriptions.getOne?roomId=${rid}`, demo)).json.subscription as {
      unread: number;
      alert: boolean;
    };
    expect([after.unread, after.alert]).toEqual([0, false]);
    const notMine = await post('subscriptions.read', demo, { rid: 'not-a-room' });
    expect(notMine.json.errorType).toBe('error-invalid-subscription');
  });
});

describe('rooms (rooms.ts)', () => {
  it('rooms.ts "[/rooms.isMember]", "[/rooms.favorite]", "[/rooms.saveNotification]", "[/rooms.leave]"', async () => {
    const roomId = await newRoom('channels', 'rooms-membership');
    expect((await get(`rooms.isMember?roomId=${roomId}&userId=${demoId}`, admin)).json).toEqual({
      isMember: false,
      success: true,
    });
    await post('channels.join', demo, { roomId });
    expect((await get(`rooms.isMember?roomId=${roomId}&username=demo`, admin)).json.isMember).toBe(true);
    const noUser = await get(`rooms.isMember?roomId=${roomId}`, admin);
    expect(noUser.status).toBe(400);
    expect((await post('rooms.favorite', demo, { roomId, favorite: true })).text).toBe('{"success":true}');
    expect(
      ((await get(`subscriptions.getOne?roomId=${roomId}`, demo)).json.subscription as { f: boolean }).f,
    ).toBe(true);
    const noFav = await post('rooms.favorite', demo, { roomId });
    expect(noFav.status).toBe(400);
    expect(
      (await post('rooms.saveNotification', demo, { roomId, notifications: { disableNotifications: '1' } }))
        .status,
    ).toBe(200);
    const empty = await post('rooms.saveNotification', demo, { roomId, notifications: {} });
    expect(empty.json.errorType).toBe('error-invalid-params');
    expect((await post('rooms.leave', demo, { roomId })).text).toBe('{"success":true}');
    expect((await get(`rooms.isMember?roomId=${roomId}&userId=${demoId}`, admin)).json.isMember).toBe(false);
  });

  it('rooms.ts "[/rooms.createDiscussion]": required params, discussion room with prid', async () => {
    const prid = await newRoom('channels', 'discussion-parent');
    const noPrid = await post('rooms.createDiscussion', admin, { t_name: 'x' });
    expect(noPrid.json.error).toBe('Body parameter "prid" is required.');
    const noName = await post('rooms.createDiscussion', admin, { prid });
    expect(noName.json.error).toBe('Body parameter "t_name" is required.');
    const badUsers = await post('rooms.createDiscussion', admin, { prid, t_name: 'x', users: 'demo' });
    expect(badUsers.json.error).toBe('Body parameter "users" must be an array.');
    const ok = await post('rooms.createDiscussion', admin, { prid, t_name: 'Discussion 1', users: ['demo'] });
    expect(ok.status).toBe(200);
    const d = ok.json.discussion as { prid: string; fname: string; t: string; usersCount: number };
    expect([d.prid, d.fname, d.t, d.usersCount]).toEqual([prid, 'Discussion 1', 'c', 2]);
    const noParent = await post('rooms.createDiscussion', admin, { prid: 'nope', t_name: 'x' });
    expect(noParent.json.errorType).toBe('error-invalid-room');
  });

  it('rooms.ts "[/rooms.cleanHistory]" and "[/rooms.autocomplete.channelAndPrivate]", "[/rooms.autocomplete.adminRooms]"', async () => {
    const roomId = await newRoom('channels', 'clean-history-room');
    for (const text of ['one', 'two'])
      await post('chat.sendMessage', admin, { message: { rid: roomId, msg: text } });
    const denied = await post('rooms.cleanHistory', demo, {
      roomId,
      latest: '2100-01-01T00:00:00Z',
      oldest: '2000-01-01T00:00:00Z',
    });
    expect(denied.json.errorType).toBe('error-not-allowed');
    const cleaned = await post('rooms.cleanHistory', admin, {
      roomId,
      latest: '2100-01-01T00:00:00Z',
      oldest: '2000-01-01T00:00:00Z',
    });
    expect(cleaned.json).toEqual({ _id: roomId, count: 2, success: true });
    const ac = await get(
      `rooms.autocomplete.channelAndPrivate?selector=${encodeURIComponent('{"name":"clean-history"}')}`,
      admin,
    );
    expect((ac.json.items as { _id: string }[]).map((i) => i._id)).toEqual([roomId]);
    const noSel = await get('rooms.autocomplete.channelAndPrivate', admin);
    expect(noSel.status).toBe(400);
    expect(
      (await get(`rooms.autocomplete.adminRooms?selector=${encodeURIComponent('{"name":"x"}')}`, demo))
        .status,
    ).toBe(403);
  });
});

describe('rocket.cat, the bot every server has', () => {
  it('groups.ts "[/groups.invite] should invite user to group": rocket.cat by id, with a system message', async () => {
    const roomId = await newRoom('groups', 'invite-rocket-cat');
    const before = await get(`groups.info?roomId=${roomId}`, admin);
    const msgs = (before.json.group as { msgs: number }).msgs;
    const r = await post('groups.invite', admin, { roomId, userId: 'rocket.cat' });
    expect(r.status).toBe(200);
    expect(r.json.success).toBe(true);
    expect(r.json.group).toMatchObject({ _id: roomId, name: 'invite-rocket-cat', t: 'p', msgs: msgs + 1 });
  });

  it('users.ts: users.info finds rocket.cat, a bot that cannot sign in', async () => {
    const info = await get('users.info?userId=rocket.cat', admin);
    expect(info.status).toBe(200);
    expect(info.json.user).toMatchObject({ _id: 'rocket.cat', username: 'rocket.cat', type: 'bot' });
    const signIn = await call(sb.url, 'POST', '/api/v1/login', {
      body: { user: 'rocket.cat', password: 'rocket.cat' },
    });
    expect(signIn.status).toBe(401);
  });
});

describe('rooms.ts "[/rooms.info]"', () => {
  const expectedKeys = [
    '_id',
    'name',
    'fname',
    't',
    'msgs',
    'usersCount',
    'u',
    'ts',
    'ro',
    'sysMes',
    'default',
    '_updatedAt',
  ];
  for (const prefix of ['channels', 'groups'] as const) {
    it(`"should return the info about the created ${prefix === 'channels' ? 'channel' : 'group'} correctly searching by roomId": exactly these keys`, async () => {
      const roomId = await newRoom(prefix, `rooms-info-keys-${prefix}`);
      const r = await get(`rooms.info?roomId=${roomId}`, admin);
      expect(r.status).toBe(200);
      expect(Object.keys(r.json.room as object).sort()).toEqual([...expectedKeys].sort());
    });
  }
});

describe('rooms.ts "[/rooms.leave]"', () => {
  it('"should return an Error when trying leave a DM room" and "...not have the necessary permission(leave-c)", "(leave-p)"', async () => {
    const dm = await post('im.create', admin, { username: 'demo' });
    const dmLeave = await post('rooms.leave', admin, { roomId: (dm.json.room as { _id: string })._id });
    expect(dmLeave.status).toBe(400);
    expect(dmLeave.json.errorType).toBe('error-not-allowed');
    for (const [prefix, permission] of [
      ['channels', 'leave-c'],
      ['groups', 'leave-p'],
    ] as const) {
      const roomId = await newRoom(prefix, `leave-permission-${prefix}`);
      const revoke = await post('permissions.update', admin, {
        permissions: [{ _id: permission, roles: [] }],
      });
      expect(revoke.status).toBe(200);
      const refused = await post('rooms.leave', admin, { roomId });
      expect(refused.status).toBe(400);
      expect(refused.json.errorType).toBe('error-not-allowed');
      await post('permissions.update', admin, {
        permissions: [{ _id: permission, roles: ['admin', 'user', 'bot', 'anonymous', 'app'] }],
      });
      // With the permission back, the only member may leave.
      expect((await post('rooms.leave', admin, { roomId })).json).toEqual({ success: true });
    }
  });

  it('groups.ts, channels.ts: permissions.update knows the team and kick permissions their setup changes', async () => {
    const ids = [
      'create-team-channel',
      'create-team-group',
      'delete-team-channel',
      'delete-team-group',
      'kick-user-from-any-p-room',
      'manage-moderation-actions',
      'move-room-to-team',
    ];
    for (const _id of ids) {
      const r = await post('permissions.update', admin, { permissions: [{ _id, roles: ['admin'] }] });
      expect(r.status, _id).toBe(200);
    }
  });
});
