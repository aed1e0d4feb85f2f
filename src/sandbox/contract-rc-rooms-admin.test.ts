// Contract tests for the rooms.* routes of Rocket.Chat 8.x's typed router (join, nameExists, delete,
// open/hide, saveDraft, roles, mute/ban, saveRoomSettings, the administration lists), ported from
// Rocket.Chat's REST end-to-end tests (RocketChat/Rocket.Chat, apps/meteor/tests/end-to-end/api/
// rooms.ts): each `it` names its describe block ("[/route]") and the tests it covers.
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

describe('rooms.ts, Rocket.Chat 8.x typed rooms.* routes', () => {
  it('"[/rooms.join]": room not found, by roomId and roomName, a discussion, a private group, join codes', async () => {
    const c = await newRoom('channels', 'rooms-join-c');
    const g = await newRoom('groups', 'rooms-join-g');
    const missing = await post('rooms.join', demo, { roomId: 'invalid-room-id' });
    expect([missing.status, missing.json.errorType]).toEqual([400, 'error-room-not-found']);
    const byId = await post('rooms.join', demo, { roomId: c });
    expect((byId.json.room as { _id: string })._id).toBe(c);
    expect((await post('rooms.join', demo, { roomName: 'rooms-join-c' })).status).toBe(200);
    const d = await post('rooms.createDiscussion', admin, { prid: c, t_name: 'join-discussion' });
    const drid = (d.json.discussion as { _id: string })._id;
    const joined = await post('rooms.join', demo, { roomId: drid });
    expect((joined.json.room as { prid: string }).prid).toBe(c);
    const denied = await post('rooms.join', demo, { roomId: g });
    expect(denied.json.errorType).toBe('error-not-allowed');
    const coded = await newRoom('channels', 'rooms-join-code');
    expect((await post('rooms.saveRoomSettings', admin, { rid: coded, joinCode: '123' })).status).toBe(200);
    await post('permissions.update', admin, { permissions: [{ _id: 'join-without-join-code', roles: [] }] });
    expect((await post('rooms.join', demo, { roomId: coded })).json.errorType).toBe('error-code-required');
    const wrong = await post('rooms.join', demo, { roomId: coded, joinCode: 'WRONG' });
    expect(wrong.json.errorType).toBe('error-code-invalid');
    expect((await post('rooms.join', demo, { roomId: coded, joinCode: '123' })).status).toBe(200);
    await post('permissions.update', admin, {
      permissions: [{ _id: 'join-without-join-code', roles: ['admin', 'bot', 'app'] }],
    });
  });

  it('"/rooms.nameExists", "/rooms.delete", "/rooms.open", "/rooms.hide"', async () => {
    await newRoom('channels', 'rooms-exists');
    expect((await get('rooms.nameExists?roomName=rooms-exists', admin)).json).toEqual({
      exists: true,
      success: true,
    });
    expect((await get('rooms.nameExists?roomName=foo', admin)).json.exists).toBe(false);
    expect((await get('rooms.nameExists?roomId=foo', admin)).status).toBe(400);
    expect((await call(sb.url, 'GET', '/api/v1/rooms.nameExists')).status).toBe(401);
    const noId = await post('rooms.delete', admin, {});
    expect(noId.json.errorType).toBe('invalid-params');
    expect(noId.json.error).toContain("must have required property 'roomId'");
    const doomed = await newRoom('channels', 'rooms-delete');
    expect((await post('rooms.delete', admin, { roomId: doomed })).text).toBe('{"success":true}');
    expect((await post('rooms.delete', admin, { roomId: 'invalid' })).status).toBe(400);
    const team = await post('teams.create', admin, { name: 'rooms-delete-team', type: 0 });
    const teamRoom = (team.json.team as { roomId: string }).roomId;
    expect((await post('rooms.delete', admin, { roomId: teamRoom })).status).toBe(400);
    const hidden = await newRoom('channels', 'rooms-hide');
    expect((await post('rooms.hide', admin, { roomId: hidden })).status).toBe(200);
    expect((await post('rooms.hide', admin, { roomId: hidden })).json.error).toBe(
      'error-room-already-hidden',
    );
    expect((await post('rooms.hide', admin, {})).status).toBe(400);
    const dm = ((await post('im.create', admin, { username: 'bot' })).json.room as { _id: string })._id;
    expect((await post('rooms.hide', demo, { roomId: dm })).status).toBe(401);
    expect((await post('rooms.open', admin, { roomId: hidden })).status).toBe(200);
    const sub = await get(`subscriptions.getOne?roomId=${hidden}`, admin);
    expect((sub.json.subscription as { open: boolean }).open).toBe(true);
    expect((await post('rooms.open', admin, {})).status).toBe(400);
  });

  it('"[/rooms.saveDraft]" (with "max allowed message size") and "/rooms.roles"', async () => {
    const c = await newRoom('channels', 'rooms-draft');
    const draftOf = async () =>
      ((await get(`subscriptions.getOne?roomId=${c}`, admin)).json.subscription as { draft?: string }).draft;
    expect((await post('rooms.saveDraft', admin, { rid: c, draft: 'draft-1' })).status).toBe(200);
    expect(await draftOf()).toBe('draft-1');
    expect((await post('rooms.saveDraft', admin, { rid: c, draft: '' })).status).toBe(200);
    expect(await draftOf()).toBeUndefined();
    const noSub = await post('rooms.saveDraft', demo, { rid: c, draft: 'x' });
    expect(noSub.json).toMatchObject({
      errorType: 'error-invalid-subscription',
      error: 'Invalid subscription [error-invalid-subscription]',
    });
    await post('settings/Message_MaxAllowedSize', admin, { value: 10 });
    expect((await post('rooms.saveDraft', admin, { rid: c, draft: 'a'.repeat(10) })).status).toBe(200);
    const tooLong = await post('rooms.saveDraft', admin, { rid: c, draft: 'a'.repeat(11) });
    expect(tooLong.json.error).toBe('error-message-size-exceeded');
    await post('settings/Message_MaxAllowedSize', admin, { value: 5000 });
    const roles = await get(`rooms.roles?rid=${c}`, admin);
    const list = roles.json.roles as { rid: string; roles: string[] }[];
    expect(list).toHaveLength(1);
    expect(list[0]?.rid).toBe(c);
    expect(list[0]?.roles).toContain('owner');
  });

  it('"/rooms.muteUser", "/rooms.unmuteUser" (read-only room lists unmuted users)', async () => {
    const c = await newRoom('channels', 'rooms-mute');
    await post('channels.invite', admin, { roomId: c, username: 'rocket.cat' });
    expect((await post('rooms.muteUser', admin, { roomId: c, username: 'rocket.cat' })).status).toBe(200);
    const info = await get(`channels.info?roomId=${c}`, admin);
    expect((info.json.channel as { muted: string[] }).muted).toEqual(['rocket.cat']);
    const ro = await newRoom('channels', 'rooms-unmute');
    expect((await post('rooms.saveRoomSettings', admin, { rid: ro, readOnly: true })).status).toBe(200);
    await post('channels.invite', admin, { roomId: ro, username: 'rocket.cat' });
    expect((await post('rooms.unmuteUser', admin, { roomId: ro, username: 'rocket.cat' })).status).toBe(200);
    const roInfo = await get(`channels.info?roomId=${ro}`, admin);
    expect((roInfo.json.channel as { unmuted: string[] }).unmuted).toEqual(['rocket.cat']);
  });

  it('"/rooms.banUser", "unban via re-invite", "/rooms.unbanUser"', async () => {
    const c = await newRoom('channels', 'rooms-ban');
    await post('channels.invite', admin, { roomId: c, userId: demoId });
    expect((await call(sb.url, 'POST', '/api/v1/rooms.banUser', { body: { roomId: c } })).status).toBe(401);
    expect((await post('rooms.banUser', admin, { userId: demoId })).status).toBe(400);
    expect((await post('rooms.banUser', admin, { roomId: c })).status).toBe(400);
    expect((await post('rooms.banUser', admin, { roomId: c, userId: demoId })).text).toBe('{"success":true}');
    expect((await post('rooms.banUser', admin, { roomId: c, userId: demoId })).status).toBe(400);
    const send = await post('chat.sendMessage', demo, { message: { rid: c, msg: 'This should fail' } });
    expect(send.status).toBe(400);
    const members = async () =>
      ((await get(`channels.members?roomId=${c}`, admin)).json.members as { _id: string }[]).map(
        (m) => m._id,
      );
    expect(await members()).not.toContain(demoId);
    const reinvite = await post('channels.invite', admin, { roomId: c, userId: demoId });
    expect(reinvite.json.errorType).toBe('error-user-is-banned');
    const banned = await get(`rooms.bannedUsers?roomId=${c}`, admin);
    expect((banned.json.bannedUsers as { _id: string }[]).map((u) => u._id)).toEqual([demoId]);
    expect((await post('rooms.unbanUser', admin, { roomId: c, username: 'demo' })).status).toBe(200);
    expect(await members()).not.toContain(demoId);
    expect((await get(`rooms.bannedUsers?roomId=${c}`, admin)).json.bannedUsers).toEqual([]);
    expect((await post('channels.invite', admin, { roomId: c, userId: demoId })).status).toBe(200);
    expect(await members()).toContain(demoId);
    const notBanned = await post('rooms.unbanUser', admin, { roomId: c, userId: demoId });
    expect(notBanned.json).toEqual({ success: false, error: 'error-user-not-banned' });
  });

  it('"rooms.saveRoomSettings": update, reflected on rooms.info, discussion name with spaces, favorite', async () => {
    const c = await newRoom('channels', 'rooms-save');
    const saved = await post('rooms.saveRoomSettings', admin, {
      rid: c,
      featured: true,
      roomName: 'rooms-save-renamed',
      roomTopic: 'topic',
      roomAnnouncement: 'announcement',
      roomDescription: 'description',
      roomType: 'p',
      readOnly: true,
      reactWhenReadOnly: true,
      default: true,
      favorite: { favorite: true, defaultValue: true },
    });
    expect(saved.json).toEqual({ rid: c, success: true });
    const room = (await get(`rooms.info?roomId=${c}`, admin)).json.room as Record<string, unknown>;
    expect(room).toMatchObject({
      name: 'rooms-save-renamed',
      topic: 'topic',
      announcement: 'announcement',
      description: 'description',
      t: 'p',
      featured: true,
      ro: true,
      default: true,
      favorite: true,
      reactWhenReadOnly: true,
    });
    await post('rooms.saveRoomSettings', admin, {
      rid: c,
      favorite: { favorite: true, defaultValue: false },
    });
    expect((await get(`rooms.info?roomId=${c}`, admin)).json.room).not.toHaveProperty('favorite');
    const d = await post('rooms.createDiscussion', admin, { prid: c, t_name: 'discussion' });
    const drid = (d.json.discussion as { _id: string })._id;
    expect((await post('rooms.saveRoomSettings', admin, { rid: drid, roomName: 'with spaces' })).status).toBe(
      200,
    );
    expect(((await get(`rooms.info?roomId=${drid}`, admin)).json.room as { fname: string }).fname).toBe(
      'with spaces',
    );
    const denied = await post('rooms.saveRoomSettings', demo, { rid: c, roomTopic: 'x' });
    expect(denied.json.errorType).toBe('error-action-not-allowed');
  });

  it('"/rooms.adminRooms", "/rooms.adminRooms.privateRooms", "/rooms.adminRooms.getRoom", autocompletes', async () => {
    const g = await newRoom('groups', 'Ellinika-admin');
    await newRoom('channels', 'Ellinika-public');
    await post('rooms.createDiscussion', admin, { prid: g, t_name: 'Ellinika-admin-discussion' });
    const byName = await get('rooms.adminRooms?filter=Ellinika-admin', admin);
    expect((byName.json.rooms as { name: string }[]).map((r) => r.name)).toEqual(['Ellinika-admin']);
    expect(Object.keys(byName.json)).toEqual(['rooms', 'count', 'offset', 'total', 'success']);
    const wrongType = await get('rooms.adminRooms?filter=Ellinika-admin&types[]=c', admin);
    expect(wrongType.json.rooms).toEqual([]);
    const fields = { department: 'engineering', priority: 'high' };
    await post('rooms.saveRoomSettings', admin, { rid: g, roomCustomFields: fields });
    const one = await get(`rooms.adminRooms.getRoom?rid=${g}`, admin);
    expect(one.json).toMatchObject({ _id: g, t: 'p', customFields: fields, success: true });
    const priv = await get('rooms.adminRooms.privateRooms?filter=Ellinika', admin);
    expect((priv.json.rooms as { name: string }[]).map((r) => r.name)).toEqual(['Ellinika-admin']);
    expect((await get('rooms.adminRooms.privateRooms', demo)).status).toBe(403);
    const notAdmin = await get('rooms.adminRooms', demo);
    expect(notAdmin.json).toEqual({ success: false, error: 'error-not-authorized' });
    const paged = await get('rooms.autocomplete.channelAndPrivate.withPagination?selector={}&count=5', admin);
    expect(paged.json).toHaveProperty('total');
    const noSel = await get('rooms.autocomplete.channelAndPrivate.withPagination', admin);
    expect(noSel.json.error).toContain("must have required property 'selector'");
    const teams = await get('rooms.autocomplete.availableForTeams?name=Ellinika', admin);
    expect((teams.json.items as { name: string }[]).map((r) => r.name).sort()).toEqual([
      'Ellinika-admin',
      'Ellinika-public',
    ]);
  });

  it('"/rooms.export" (file and e-mail validation, dates, recipients), "/rooms.isMember" errors, "[/rooms.membersOrderedByRole]" 404 and role order', async () => {
    const c = await newRoom('channels', 'rooms-export');
    const file = { rid: c, type: 'file', dateFrom: '2024-03-15', dateTo: '2024-03-22', format: 'html' };
    expect((await post('rooms.export', admin, file)).json).toEqual({ success: true });
    for (const bad of [
      { ...file, dateFrom: 'test-date', dateTo: 'test-date' },
      { ...file, format: 'invalid-format' },
      { ...file, type: 'invalid-type' },
      { rid: c, type: 'file' },
      { rid: c, type: 'email', toUsers: [demoId], subject: 's', messages: [] },
    ])
      expect((await post('rooms.export', admin, bad)).json.errorType).toBe('invalid-params');
    const noRid = await post('rooms.export', admin, { type: 'file', format: 'html' });
    expect(noRid.json.error).toContain("must have required property 'rid'");
    const later = await post('rooms.export', admin, {
      ...file,
      dateFrom: '2024-03-22',
      dateTo: '2024-03-15',
    });
    expect(later.json.error).toBe('From date cannot be after To date [error-invalid-dates]');
    expect((await post('rooms.export', admin, { ...file, rid: 'invalid-rid' })).json.errorType).toBe(
      'error-invalid-room',
    );
    const noOne = await post('rooms.export', admin, { rid: c, type: 'email', toUsers: [], messages: ['x'] });
    expect(noOne.json.errorType).toBe('error-invalid-recipient');
    const missingRoom = await get('rooms.isMember?roomId=nope&userId=x', admin);
    expect(missingRoom.json.error).toBe(
      'The required "roomId" or "roomName" param provided does not match any channel [error-room-not-found]',
    );
    expect((await get(`rooms.isMember?roomId=${c}&userId=nope`, admin)).json.error).toBe(
      'error-user-not-found',
    );
    const g = await newRoom('groups', 'rooms-ismember');
    const hidden = await get(`rooms.isMember?roomId=${g}&userId=${demoId}`, demo);
    expect([hidden.status, hidden.json.error]).toEqual([403, 'unauthorized']);
    expect((await get(`rooms.membersOrderedByRole?roomId=${g}`, demo)).status).toBe(404);
    await post('channels.invite', admin, { roomId: c, userId: demoId });
    await post('channels.invite', admin, { roomId: c, username: 'rocket.cat' });
    await post('channels.addModerator', admin, { roomId: c, username: 'rocket.cat' });
    await post('channels.addLeader', admin, { roomId: c, userId: demoId });
    const ordered = await get(`rooms.membersOrderedByRole?roomId=${c}`, admin);
    expect((ordered.json.members as { username: string }[]).map((m) => m.username)).toEqual([
      'admin',
      'demo',
      'rocket.cat',
    ]);
  });
});
