// The showcase part of the seed (src/sandbox/showcase.ts) as the routes show it: a team with rooms,
// a thread, reactions, starred and pinned messages, a discussion, an incoming webhook, custom user
// statuses, a read-only and an archived channel.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from './server';
import { SHOWCASE } from './showcase';
import { call, startLikeRocketChatCi } from './test-helpers';

let sb: SandboxHandle;
let admin: Record<string, string>;
let demo: Record<string, string>;

const get = (path: string, headers: Record<string, string>) => call(sb.url, 'GET', path, { headers });
const post = (path: string, headers: Record<string, string> | undefined, body: unknown) =>
  call(sb.url, 'POST', path, { ...(headers && { headers }), body });

beforeAll(async () => {
  ({ sb, admin, demo } = await startLikeRocketChatCi({ seedUsers: 200 }));
});
afterAll(async () => {
  await sb.close();
});

describe('showcase seed', () => {
  it('a team with its main room and two rooms; demo is a member and a moderator', async () => {
    const info = await get('/api/v1/teams.info?teamName=engineering', demo);
    expect(info.status).toBe(200);
    expect(info.json.teamInfo).toMatchObject({ _id: SHOWCASE.teamId, roomId: SHOWCASE.team, type: 0 });
    const rooms = await get(`/api/v1/teams.listRooms?teamId=${SHOWCASE.teamId}`, demo);
    expect((rooms.json.rooms as { name: string }[]).map((r) => r.name).sort()).toEqual([
      'eng-backend',
      'eng-frontend',
    ]);
    const mine = await get('/api/v1/teams.list', demo);
    expect((mine.json.teams as { name: string }[]).map((t) => t.name)).toContain('engineering');
    const members = await get(`/api/v1/teams.members?teamId=${SHOWCASE.teamId}&count=0`, demo);
    const me = (members.json.members as { user: { username: string }; roles: string[] }[]).find(
      (m) => m.user.username === 'demo',
    );
    expect(me?.roles).toContain('moderator');
  });

  it('a thread of three replies, listed by chat.getThreadsList and chat.getThreadMessages', async () => {
    const threads = await get(`/api/v1/chat.getThreadsList?rid=${SHOWCASE.backend}`, demo);
    const parent = (threads.json.threads as { _id: string; tcount: number; replies: string[] }[]).find(
      (t) => t._id === SHOWCASE.threadParent,
    );
    expect(parent?.tcount).toBe(3);
    expect(parent?.replies.length).toBeGreaterThanOrEqual(3);
    const replies = await get(`/api/v1/chat.getThreadMessages?tmid=${SHOWCASE.threadParent}`, demo);
    expect(replies.json).toMatchObject({ count: 3, total: 3, success: true });
  });

  it('pinned, starred (by demo) and reacted messages', async () => {
    const pinned = await get(`/api/v1/chat.getPinnedMessages?roomId=${SHOWCASE.backend}`, demo);
    expect((pinned.json.messages as { _id: string }[]).map((m) => m._id)).toContain(SHOWCASE.pinned);
    const starred = await get(`/api/v1/chat.getStarredMessages?roomId=${SHOWCASE.backend}`, demo);
    expect((starred.json.messages as { _id: string }[]).map((m) => m._id)).toEqual([SHOWCASE.starred]);
    const msg = await get(`/api/v1/chat.getMessage?msgId=${SHOWCASE.starred}`, demo);
    expect(msg.json.message).toMatchObject({
      reactions: { ':thumbsup:': { usernames: expect.arrayContaining(['demo']) as unknown } },
    });
  });

  it('a discussion of #eng-backend with its discussion-created message', async () => {
    const info = await get(`/api/v1/rooms.info?roomId=${SHOWCASE.discussion}`, demo);
    expect(info.json.room).toMatchObject({ prid: SHOWCASE.backend, fname: 'Release 8.1 planning' });
    const parent = await get(`/api/v1/rooms.info?roomId=${SHOWCASE.backend}`, demo);
    expect(parent.json.room).toMatchObject({ dcount: 1 });
  });

  it('a read-only channel: demo cannot post, admin can', async () => {
    const info = await get('/api/v1/channels.info?roomName=announcements', demo);
    expect(info.json.channel).toMatchObject({ ro: true });
    const refused = await post('/api/v1/chat.postMessage', demo, { channel: '#announcements', text: 'hi' });
    expect(refused.status).toBe(400);
    expect(refused.json.success).toBe(false);
    const ok = await post('/api/v1/chat.postMessage', admin, { channel: '#announcements', text: 'news' });
    expect(ok.status).toBe(200);
  });

  it('an archived channel: info shows archived; unarchive then archive again round-trips', async () => {
    const info = await get('/api/v1/channels.info?roomName=old-projects', demo);
    expect(info.json.channel).toMatchObject({ archived: true, name: 'old-projects' });
    const again = await post('/api/v1/channels.archive', admin, { roomId: SHOWCASE.archived });
    expect(again.status).toBe(400);
    expect(again.json.errorType).toBe('error-room-archived');
    expect((await post('/api/v1/channels.unarchive', admin, { roomId: SHOWCASE.archived })).status).toBe(200);
    expect((await post('/api/v1/channels.archive', admin, { roomId: SHOWCASE.archived })).status).toBe(200);
  });

  it('an incoming webhook: listed for admins, POST /hooks/:id/:token posts to #eng-backend', async () => {
    const list = await get('/api/v1/integrations.list', admin);
    expect((list.json.integrations as { _id: string }[]).map((i) => i._id)).toContain(SHOWCASE.webhookId);
    const hook = await post(`/hooks/${SHOWCASE.webhookId}/${SHOWCASE.webhookToken}`, undefined, {
      text: 'Deploy finished',
    });
    expect(hook.json).toEqual({ success: true });
    const history = await get(`/api/v1/channels.history?roomId=${SHOWCASE.backend}&count=1`, demo);
    expect((history.json.messages as { msg: string; alias?: string }[])[0]).toMatchObject({
      msg: 'Deploy finished',
      alias: 'CI',
    });
  });

  it('custom user statuses, filtered by part of the name', async () => {
    const all = await get('/api/v1/custom-user-status.list', demo);
    expect(all.json).toMatchObject({ count: 3, offset: 0, total: 3, success: true });
    const lunch = await get('/api/v1/custom-user-status.list?name=LUN', demo);
    expect(lunch.json.statuses).toEqual([
      { _id: 'status-lunch', name: 'Lunch', statusType: 'away', _updatedAt: expect.any(String) as unknown },
    ]);
  });
});
