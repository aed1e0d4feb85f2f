// Contract tests for chat.syncThreadsList, chat.syncThreadMessages, chat.ignoreUser,
// chat.reportMessage and chat.getMessageReadReceipts, ported from Rocket.Chat's REST end-to-end
// tests (RocketChat/Rocket.Chat, apps/meteor/tests/end-to-end/api/chat.ts): each `it` names the
// describe block and the tests it covers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from './server';
import { call, login, start } from './test-helpers';

let sb: SandboxHandle;
let admin: Record<string, string>;
let rid: string;
let parentId: string;
let replyId: string;

const post = (path: string, body: unknown) =>
  call(sb.url, 'POST', `/api/v1/${path}`, { headers: admin, body });
const get = (path: string) => call(sb.url, 'GET', `/api/v1/${path}`, { headers: admin });

beforeAll(async () => {
  sb = await start({}, { env: { TEST_MODE: 'true' } });
  admin = await login(sb.url, 'admin', 'admin');
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
