// Contract tests for chat actions, direct messages and method.call, ported from Rocket.Chat's REST
// end-to-end tests (RocketChat/Rocket.Chat, apps/meteor/tests/end-to-end/api/chat.ts,
// direct-message.ts, methods.ts): each `it` names the upstream file and describe block or title.
import EJSON from 'ejson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from './server';
import { call, startLikeRocketChatCi } from './test-helpers';

let sb: SandboxHandle;
let admin: Record<string, string>;
let demo: Record<string, string>;
let rid: string;

const post = (path: string, headers: Record<string, string> | undefined, body: unknown) =>
  call(sb.url, 'POST', `/api/v1/${path}`, { ...(headers && { headers }), body });
const get = (path: string, headers: Record<string, string>) =>
  call(sb.url, 'GET', `/api/v1/${path}`, { headers });
const send = async (msg: string, extra: Record<string, unknown> = {}): Promise<string> => {
  const r = await post('chat.sendMessage', admin, { message: { rid, msg, ...extra } });
  expect(r.status).toBe(200);
  return (r.json.message as { _id: string })._id;
};

beforeAll(async () => {
  ({ sb, admin, demo } = await startLikeRocketChatCi());
  const created = await post('channels.create', admin, { name: 'chat-actions', members: ['demo'] });
  rid = (created.json.channel as { _id: string })._id;
});
afterAll(async () => {
  await sb.close();
});

describe('chat.ts actions', () => {
  it('chat.ts "[/chat.react]": toggles, shouldReact, missing emoji, unknown message', async () => {
    const id = await send('react to me');
    expect((await post('chat.react', admin, { messageId: id, emoji: ':squid:' })).text).toBe(
      '{"success":true}',
    );
    let msg = (await get(`chat.getMessage?msgId=${id}`, admin)).json.message as {
      reactions?: Record<string, { usernames: string[] }>;
    };
    expect(msg.reactions).toEqual({ ':squid:': { usernames: ['admin'] } });
    await post('chat.react', admin, { messageId: id, emoji: 'squid', shouldReact: true });
    await post('chat.react', admin, { messageId: id, emoji: 'squid' });
    msg = (await get(`chat.getMessage?msgId=${id}`, admin)).json.message as typeof msg;
    expect(msg.reactions).toBeUndefined();
    const noEmoji = await post('chat.react', admin, { messageId: id });
    expect(noEmoji.json.errorType).toBe('error-emoji-param-not-provided');
    const noMsg = await post('chat.react', admin, { messageId: 'nope', emoji: 'smile' });
    expect(noMsg.json.errorType).toBe('error-message-not-found');
  });

  it('chat.ts "[/chat.pinMessage]", "[/chat.unPinMessage]", "[/chat.getPinnedMessages]"', async () => {
    const id = await send('pin me');
    const pinned = await post('chat.pinMessage', admin, { messageId: id });
    expect((pinned.json.message as { t: string }).t).toBe('message_pinned');
    const list = await get(`chat.getPinnedMessages?roomId=${rid}`, admin);
    expect((list.json.messages as { _id: string }[]).map((m) => m._id)).toEqual([id]);
    expect(Object.keys(list.json)).toEqual(['messages', 'count', 'offset', 'total', 'success']);
    const denied = await post('chat.pinMessage', demo, { messageId: id });
    expect(denied.status).toBe(400);
    expect((await post('chat.unPinMessage', admin, { messageId: id })).text).toBe('{"success":true}');
    expect((await get(`chat.getPinnedMessages?roomId=${rid}`, admin)).json.total).toBe(0);
    const missing = await post('chat.pinMessage', admin, { messageId: 'nope' });
    expect(missing.json.errorType).toBe('error-message-not-found');
  });

  it('chat.ts "[/chat.starMessage]", "[/chat.unStarMessage]", "[/chat.getStarredMessages]", "[/chat.getMentionedMessages]"', async () => {
    const id = await send('star me @demo');
    expect((await post('chat.starMessage', demo, { messageId: id })).text).toBe('{"success":true}');
    const starred = await get(`chat.getStarredMessages?roomId=${rid}`, demo);
    expect((starred.json.messages as { _id: string }[]).map((m) => m._id)).toEqual([id]);
    expect((await get(`chat.getStarredMessages?roomId=${rid}`, admin)).json.total).toBe(0);
    await post('chat.unStarMessage', demo, { messageId: id });
    expect((await get(`chat.getStarredMessages?roomId=${rid}`, demo)).json.total).toBe(0);
    const mentioned = await get(`chat.getMentionedMessages?roomId=${rid}`, demo);
    expect((mentioned.json.messages as { _id: string }[]).map((m) => m._id)).toContain(id);
    const noRoom = await get('chat.getMentionedMessages', demo);
    expect(noRoom.status).toBe(400);
  });

  it('chat.ts "[/chat.getThreadsList]", "[/chat.getThreadMessages]", "[/chat.followMessage]", "[/chat.unfollowMessage]"', async () => {
    const parent = await send('thread parent');
    const reply = await send('thread reply', { tmid: parent });
    const threads = await get(`chat.getThreadsList?rid=${rid}`, admin);
    const t = (threads.json.threads as { _id: string; tcount: number }[])[0];
    expect([t?._id, t?.tcount]).toEqual([parent, 1]);
    const replies = await get(`chat.getThreadMessages?tmid=${parent}`, admin);
    expect((replies.json.messages as { _id: string }[]).map((m) => m._id)).toEqual([reply]);
    expect((await post('chat.followMessage', demo, { mid: parent })).text).toBe('{"success":true}');
    const following = await get(`chat.getThreadsList?rid=${rid}&type=following`, demo);
    expect(following.json.total).toBe(1);
    await post('chat.unfollowMessage', demo, { mid: parent });
    expect((await get(`chat.getThreadsList?rid=${rid}&type=following`, demo)).json.total).toBe(0);
    const bad = await post('chat.followMessage', demo, { mid: 'nope' });
    expect(bad.json.errorType).toBe('error-invalid-message');
    await post('settings/Threads_enabled', admin, { value: false });
    try {
      const off = await get(`chat.getThreadsList?rid=${rid}`, admin);
      expect(off.json.error).toBe('Threads Disabled [error-not-allowed]');
    } finally {
      await post('settings/Threads_enabled', admin, { value: true });
    }
  });

  it('chat.ts "[/chat.getDeletedMessages]" and "[/chat.syncMessages]"', async () => {
    const since = new Date(Date.now() - 1000).toISOString();
    const id = await send('delete me');
    await post('chat.delete', admin, { roomId: rid, msgId: id });
    const deleted = await get(`chat.getDeletedMessages?roomId=${rid}&since=${since}`, admin);
    expect(deleted.json.messages).toEqual([{ _id: id }]);
    const badSince = await get(`chat.getDeletedMessages?roomId=${rid}&since=x`, admin);
    expect(badSince.status).toBe(400);
    const sync = await get(`chat.syncMessages?roomId=${rid}&lastUpdate=${since}`, admin);
    const result = sync.json.result as { updated: unknown[]; deleted: { _id: string }[] };
    expect(result.deleted.map((d) => d._id)).toEqual([id]);
    const noDate = await get(`chat.syncMessages?roomId=${rid}`, admin);
    expect(noDate.json.errorType).toBe('error-param-required');
  });
});

describe('direct-message.ts', () => {
  for (const prefix of ['im', 'dm'] as const) {
    it(`direct-message.ts "[/${prefix}.setTopic]", counters, members, files, close/open, list.everyone, messages.others, delete`, async () => {
      const created = await post(`${prefix}.create`, admin, { username: 'demo' });
      const roomId = (created.json.room as { _id: string })._id;
      expect((await post(`${prefix}.setTopic`, admin, { roomId, topic: 'a topic' })).json).toEqual({
        topic: 'a topic',
        success: true,
      });
      const counters = await get(`${prefix}.counters?roomId=${roomId}`, admin);
      expect(counters.json).toMatchObject({ joined: true, members: 2, success: true });
      const members = await get(`${prefix}.members?roomId=${roomId}`, admin);
      expect(members.json.total).toBe(2);
      expect((await get(`${prefix}.files?roomId=${roomId}`, admin)).json.files).toEqual([]);
      expect((await post(`${prefix}.close`, admin, { roomId })).status).toBe(200);
      expect((await post(`${prefix}.close`, admin, { roomId })).status).toBe(400);
      expect((await post(`${prefix}.open`, admin, { roomId })).status).toBe(200);
      const everyone = await get(`${prefix}.list.everyone?count=1`, admin);
      expect(everyone.json.count).toBe(1);
      expect((await get(`${prefix}.list.everyone`, demo)).status).toBe(403);
      const others = await get(`${prefix}.messages.others?roomId=${roomId}`, admin);
      expect(others.json.errorType).toBe('error-endpoint-disabled');
      expect((await post(`${prefix}.delete`, demo, { roomId })).status).toBe(400);
      expect((await post(`${prefix}.delete`, admin, { roomId })).text).toBe('{"success":true}');
    });
  }
});

describe('methods.ts', () => {
  const envelope = (method: string, params: unknown[] = []) => ({
    message: EJSON.stringify({ msg: 'method', id: '7', method, params }),
  });
  it('methods.ts: method.call answers {message: EJSON result}; unknown methods an EJSON 404 error', async () => {
    const r = await post('method.call/getRoomRoles', admin, envelope('getRoomRoles', [rid]));
    expect(r.status).toBe(200);
    const parsed = EJSON.parse(r.json.message as string) as {
      msg: string;
      id: string;
      result: { roles: string[] }[];
    };
    expect([parsed.msg, parsed.id]).toEqual(['result', '7']);
    expect(parsed.result[0]?.roles).toEqual(['owner']);
    const unknown = await post('method.call/noSuchMethod', admin, envelope('noSuchMethod'));
    const err = EJSON.parse(unknown.json.message as string) as { error: { error: number; reason: string } };
    expect(err.error).toMatchObject({ error: 404, reason: "Method 'noSuchMethod' not found" });
    expect((await post('method.call/getRoomRoles', undefined, envelope('getRoomRoles'))).status).toBe(401);
    const anon = await post(
      'method.callAnon/public-settings%2Fget',
      undefined,
      envelope('public-settings/get'),
    );
    expect(Array.isArray((EJSON.parse(anon.json.message as string) as { result: unknown[] }).result)).toBe(
      true,
    );
    const noMessage = await post('method.call/getRoomRoles', admin, {});
    expect(noMessage.status).toBe(400);
  });

  it('commands.ts "[/commands.run]": /shrug posts; unknown commands are refused', async () => {
    const r = await post('commands.run', admin, { command: 'shrug', roomId: rid, params: 'ok' });
    expect(r.status).toBe(200);
    const last = await get(`channels.messages?roomId=${rid}&count=1`, admin);
    expect((last.json.messages as { msg: string }[])[0]?.msg).toBe('ok ¯\\_(ツ)_/¯');
    expect((await post('commands.run', admin, { command: 'nope', roomId: rid })).status).toBe(400);
  });
});
