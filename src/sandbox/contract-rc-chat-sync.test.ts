// Contract tests for chat.syncMessages, chat.syncThreadsList, chat.syncThreadMessages, chat.ignoreUser,
// chat.reportMessage and chat.getMessageReadReceipts, ported from Rocket.Chat's REST end-to-end
// tests (RocketChat/Rocket.Chat, apps/meteor/tests/end-to-end/api/chat.ts): each `it` names the
// describe block and the tests it covers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from './server';
import { call, startLikeRocketChatCi } from './test-helpers';

let sb: SandboxHandle;
let admin: Record<string, string>;
let rid: string;
let parentId: string;
let replyId: string;

const post = (path: string, body: unknown) =>
  call(sb.url, 'POST', `/api/v1/${path}`, { headers: admin, body });
const get = (path: string) => call(sb.url, 'GET', `/api/v1/${path}`, { headers: admin });

beforeAll(async () => {
  ({ sb, admin } = await startLikeRocketChatCi());
  rid = ((await post('channels.create', { name: 'threads-sync' })).json.channel as { _id: string })._id;
  const parent = await post('chat.sendMessage', { message: { rid, msg: 'Message to create thread' } });
  parentId = (parent.json.message as { _id: string })._id;
  const reply = await post('chat.sendMessage', { message: { rid, msg: 'Thread Message', tmid: parentId } });
  replyId = (reply.json.message as { _id: string })._id;
});
afterAll(async () => {
  await sb.close();
});

describe('chat.ts Threads', () => {
  it('"[/chat.syncThreadsList]": rid and updatedSince required, invalid date, the room\'s thread synced list', async () => {
    const noRid = await get('chat.syncThreadsList');
    expect(noRid.json.error).toBe(
      'The required "rid" query param is missing. [error-room-id-param-not-provided]',
    );
    const noSince = await get(`chat.syncThreadsList?rid=${rid}`);
    expect(noSince.json.error).toBe(
      'The required param "updatedSince" is missing. [error-updatedSince-param-invalid]',
    );
    const bad = await get(`chat.syncThreadsList?rid=${rid}&updatedSince=invalid-date`);
    expect(bad.json.error).toBe(
      'The "updatedSince" query parameter must be a valid date. [error-updatedSince-param-invalid]',
    );
    const synced = await get(`chat.syncThreadsList?rid=${rid}&updatedSince=2019-04-01T00:00:00.000Z`);
    const threads = synced.json.threads as { update: { _id: string }[]; remove: unknown[] };
    expect(threads.update.map((m) => m._id)).toEqual([parentId]);
    expect(threads.remove).toEqual([]);
  });

  it('"[/chat.syncThreadMessages]": tmid and updatedSince required, invalid message, the thread\'s synced messages', async () => {
    const noTmid = await get('chat.syncThreadMessages');
    expect(noTmid.json.error).toBe('The required "tmid" query param is missing. [error-invalid-params]');
    const noSince = await get(`chat.syncThreadMessages?tmid=${parentId}`);
    expect(noSince.json.errorType).toBe('error-updatedSince-param-invalid');
    const invalid = await get('chat.syncThreadMessages?tmid=invalid&updatedSince=2019-04-01');
    expect(invalid.json.error).toBe('Invalid Message [error-invalid-message]');
    const synced = await get(`chat.syncThreadMessages?tmid=${parentId}&updatedSince=2019-04-01`);
    const messages = synced.json.messages as { update: { _id: string }[]; remove: unknown[] };
    expect(messages.update.map((m) => m._id)).toEqual([replyId]);
  });
});

describe('chat.ts', () => {
  it('"[/chat.ignoreUser]": invalid roomId / userId, ignore and unignore', async () => {
    const dm = await post('im.create', { username: 'demo' });
    const dmId = (dm.json.room as { _id: string })._id;
    const noRoom = await get('chat.ignoreUser?rid=invalid&userId=rocket.cat');
    expect(noRoom.json.errorType).toBe('error-invalid-subscription');
    const noUser = await get(`chat.ignoreUser?rid=${dmId}&userId=invalid`);
    expect(noUser.json.errorType).toBe('error-invalid-subscription');
    const demoId = (dm.json.room as { uids: string[] }).uids.find((u) => u !== admin['X-User-Id']);
    expect((await get(`chat.ignoreUser?rid=${dmId}&userId=${demoId}`)).json).toEqual({ success: true });
    const sub = await get(`subscriptions.getOne?roomId=${dmId}`);
    expect((sub.json.subscription as { ignored: string[] }).ignored).toEqual([demoId]);
    expect((await get(`chat.ignoreUser?rid=${dmId}&userId=${demoId}&ignore=false`)).status).toBe(200);
  });

  it('"[/chat.reportMessage]" and "[/chat.getMessageReadReceipts]" (not running EE)', async () => {
    expect((await post('chat.reportMessage', { messageId: parentId, description: 'test' })).status).toBe(200);
    expect((await post('chat.reportMessage', { messageId: parentId })).status).toBe(400);
    const receipts = await get(`chat.getMessageReadReceipts?messageId=${parentId}`);
    expect(receipts.json).toEqual({
      success: false,
      error: 'This is an enterprise feature [error-action-not-allowed]',
      errorType: 'error-action-not-allowed',
    });
  });
});

describe('chat.ts error texts of the legacy and typed routes', () => {
  it('"[/chat.syncMessages]": required params, cursor conflicts, lastUpdate newest first, UPDATED/DELETED cursors', async () => {
    const noRoom = await get('chat.syncMessages');
    expect(noRoom.json.errorType).toBe('invalid-params');
    expect((await get(`chat.syncMessages?roomId=${rid}`)).json.errorType).toBe('error-param-required');
    const badDate = await get('chat.syncMessages?roomId=invalid-room&lastUpdate=invalid-date');
    expect(badDate.json.errorType).toBe('error-lastUpdate-param-invalid');
    const badType = await get(`chat.syncMessages?roomId=${rid}&type=invalid-type&next=1`);
    expect(badType.json.error).toContain('must be equal to one of the allowed values');
    const both = await get(`chat.syncMessages?roomId=${rid}&type=UPDATED&next=1&previous=2`);
    expect(both.json.errorType).toBe('error-cursor-conflict');
    const withLast = await get(`chat.syncMessages?roomId=${rid}&type=UPDATED&next=1&lastUpdate=2020-01-01`);
    expect(withLast.json.errorType).toBe('error-cursor-and-lastUpdate-conflict');
    const c = ((await post('channels.create', { name: 'sync-cursor' })).json.channel as { _id: string })._id;
    const start = Date.now() - 1;
    const ids: string[] = [];
    for (const msg of ['First', 'Second', 'Third']) {
      const r = await post('chat.sendMessage', { message: { rid: c, msg } });
      ids.push((r.json.message as { _id: string })._id);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const since = new Date(start).toISOString();
    const byDate = (await get(`chat.syncMessages?roomId=${c}&lastUpdate=${since}`)).json.result as {
      updated: { _id: string }[];
    };
    expect(byDate.updated.map((m) => m._id)).toEqual([...ids].reverse());
    type Page = { updated: { _id: string }[]; cursor: { next: string | null; previous: string | null } };
    const first = (await get(`chat.syncMessages?roomId=${c}&next=${start}&type=UPDATED&count=2`)).json
      .result as Page;
    expect(first.updated.map((m) => m._id)).toEqual(ids.slice(0, 2));
    const second = (
      await get(`chat.syncMessages?roomId=${c}&next=${String(first.cursor.next)}&type=UPDATED&count=2`)
    ).json.result as Page;
    expect(second.updated.map((m) => m._id)).toEqual([ids[2]]);
    expect(second.cursor.next).toBeNull();
    for (const id of ids) {
      await post('chat.delete', { roomId: c, msgId: id });
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const deleted = (await get(`chat.syncMessages?roomId=${c}&next=${start}&type=DELETED&count=2`)).json
      .result as { deleted: { _id: string }[] };
    expect(deleted.deleted.map((m) => m._id)).toEqual(ids.slice(0, 2));
  });

  it('"/chat.postMessage" and "/chat.sendMessage" without a target, "[/chat.getDeletedMessages]", "[/chat.getPinnedMessages]", "[/chat.getMentionedMessages]", "[/chat.getStarredMessages]", "[/chat.getDiscussions]" errors', async () => {
    const noTarget = await post('chat.postMessage', { text: 'Sample message' });
    expect(noTarget.json.error).toBe('[invalid-channel]');
    const noRid = await post('chat.sendMessage', { message: { text: 'Sample message' } });
    expect(noRid.json.error).toBe("The 'rid' property on the message object is missing.");
    const since = new Date('2018-12-20T17:51:00Z').toISOString();
    expect((await get(`chat.getDeletedMessages?since=${since}`)).json.errorType).toBe(
      'The required "roomId" query param is missing.',
    );
    expect((await get(`chat.getDeletedMessages?roomId=${rid}`)).json.errorType).toBe(
      'The required "since" query param is missing.',
    );
    expect((await get('chat.getPinnedMessages')).json.errorType).toBe('error-roomId-param-not-provided');
    for (const route of ['getMentionedMessages', 'getStarredMessages', 'getDiscussions'])
      expect((await get(`chat.${route}`)).json.errorType).toBe('error-invalid-params');
    for (const route of ['getMentionedMessages', 'getStarredMessages'])
      expect((await get(`chat.${route}?roomId=invalid-room`)).json.error).toBe('error-not-allowed');
  });
});
