// Contract tests for im.* details Rocket.Chat 8.x's own suite checks, ported from Rocket.Chat's REST
// end-to-end tests (RocketChat/Rocket.Chat, apps/meteor/tests/end-to-end/api/direct-message.ts):
// each `it` names the describe block and test titles it covers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from './server';
import { call, login, startLikeRocketChatCi } from './test-helpers';

let sb: SandboxHandle;
let admin: Record<string, string>;

const post = (path: string, headers: Record<string, string>, body: unknown) =>
  call(sb.url, 'POST', `/api/v1/${path}`, { headers, body });
const get = (path: string, headers: Record<string, string>) =>
  call(sb.url, 'GET', `/api/v1/${path}`, { headers });

async function newUser(username: string, name: string): Promise<Record<string, string>> {
  const r = await post('users.create', admin, {
    username,
    name,
    email: `${username}@example.com`,
    password: 'password',
  });
  expect(r.status).toBe(200);
  return login(sb.url, username, 'password');
}

const subscription = async (who: Record<string, string>, rid: string) =>
  (await get(`subscriptions.getOne?roomId=${rid}`, who)).json.subscription as Record<string, unknown>;

beforeAll(async () => {
  ({ sb, admin } = await startLikeRocketChatCi());
});
afterAll(async () => {
  await sb.close();
});

describe('direct-message.ts', () => {
  it('"/im.create" "Rooms fullName": self DM, one-to-one and multi-user DMs name the other members; "fname property"', async () => {
    const one = await newUser('dm-one', 'One Name');
    const two = await newUser('dm-two', 'Two Name');
    const three = await newUser('dm-three', 'Three Name');
    const self = await post('im.create', one, { username: 'dm-one' });
    const selfId = (self.json.room as { _id: string })._id;
    expect(await subscription(one, selfId)).toMatchObject({ name: 'dm-one', fname: 'One Name' });
    const pair = await post('im.create', one, { username: 'dm-two' });
    const pairId = (pair.json.room as { _id: string })._id;
    expect((await subscription(one, pairId)).fname).toBe('Two Name');
    expect((await subscription(two, pairId)).fname).toBe('One Name');
    const group = await post('im.create', one, { usernames: 'dm-two,dm-three' });
    const groupId = (group.json.room as { _id: string })._id;
    expect((await subscription(one, groupId)).fname).toBe('Two Name, Three Name');
    expect((await subscription(two, groupId)).fname).toBe('One Name, Three Name');
    expect((await subscription(three, groupId)).fname).toBe('One Name, Two Name');
    const posted = await post('chat.postMessage', admin, { channel: '@dm-three', text: 'hello' });
    const rid = (posted.json.message as { rid: string }).rid;
    expect(await subscription(admin, rid)).toMatchObject({ name: 'dm-three', fname: 'Three Name' });
  });

  it('"/im.create" "should create dm with correct notification preferences" (saveUserPreferences emailNotificationMode)', async () => {
    const pref = await newUser('dm-pref', 'Pref Name');
    await newUser('dm-pref-other', 'Other Name');
    const saved = await post('method.call/saveUserPreferences', pref, {
      message: JSON.stringify({
        id: 'id',
        msg: 'method',
        method: 'saveUserPreferences',
        params: [{ emailNotificationMode: 'nothing' }],
      }),
    });
    expect(saved.status).toBe(200);
    const dm = await post('im.create', pref, { usernames: 'dm-pref-other' });
    const sub = await subscription(pref, (dm.json.room as { _id: string })._id);
    expect(sub.emailNotifications).toBe('nothing');
  });

  it('"/im.messages" (not a member: 403; mentionIds, starredIds, pinned), "/im.close" with userId, "/im.delete" then "/im.open" is 403', async () => {
    const a = await newUser('dm-a', 'A');
    await newUser('dm-b', 'B');
    const dm = await post('im.create', a, { username: 'dm-b' });
    const rid = (dm.json.room as { _id: string })._id;
    const outsider = await get(`im.messages?roomId=${rid}`, admin);
    expect([outsider.status, outsider.json.error]).toEqual([403, 'unauthorized']);
    for (const q of ['mentionIds=dm-a', 'starredIds=x', 'pinned=true'])
      expect((await get(`im.messages?roomId=${rid}&${q}`, a)).status).toBe(200);
    const aId = a['X-User-Id'] as string;
    expect((await post('im.close', a, { roomId: rid, userId: aId })).json).toEqual({ success: true });
    const own = await post('im.create', admin, { username: 'dm-b' });
    const ownId = (own.json.room as { _id: string })._id;
    expect((await post('im.delete', admin, { username: 'dm-b' })).status).toBe(200);
    const reopened = await post('im.open', admin, { roomId: ownId });
    expect([reopened.status, reopened.json.error]).toEqual([403, 'unauthorized']);
  });
});
