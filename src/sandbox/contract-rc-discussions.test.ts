// Assertions ported from Rocket.Chat's REST end-to-end tests (RocketChat/Rocket.Chat,
// apps/meteor/tests/end-to-end/api/rooms.ts and chat.ts) for rooms.getDiscussions and
// chat.getDiscussions; each `it` names the upstream file and test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from './server';
import { SHOWCASE } from './showcase';
import { call, startLikeRocketChatCi } from './test-helpers';

let sb: SandboxHandle;
let admin: Record<string, string>;
let demo: Record<string, string>;
let channelId = '';
let discussionId = '';
/** `rid` of rooms.createDiscussion's answer, which upstream compares `drid` with. */
let discussionRid = '';

const get = (path: string, headers: Record<string, string>) =>
  call(sb.url, 'GET', `/api/v1/${path}`, { headers });
const post = (path: string, headers: Record<string, string>, body: unknown) =>
  call(sb.url, 'POST', `/api/v1/${path}`, { headers, body });

beforeAll(async () => {
  ({ sb, admin, demo } = await startLikeRocketChatCi({ seedUsers: 50 }));
  const created = await post('channels.create', admin, { name: `channel.test.getDiscussions.${Date.now()}` });
  channelId = (created.json.channel as { _id: string })._id;
  const discussion = await post('rooms.createDiscussion', admin, {
    prid: channelId,
    t_name: 'Message to create discussion',
  });
  discussionId = (discussion.json.discussion as { _id: string })._id;
  discussionRid = (discussion.json.discussion as { rid: string }).rid;
});
afterAll(async () => {
  await sb.close();
});

describe('rooms.ts "[/rooms.getDiscussions]"', () => {
  it('"should throw an error when the user tries to gets a list of discussion without a required parameter "roomId""', async () => {
    const r = await get('rooms.getDiscussions', admin);
    expect(r.status).toBe(400);
    expect(r.json.success).toBe(false);
    expect(r.json.error).toBe(
      'The parameter "roomId" or "roomName" is required [error-roomid-param-not-provided]',
    );
  });

  it('"should return a list of discussions with ONE discussion"', async () => {
    const r = await get(`rooms.getDiscussions?roomId=${channelId}`, admin);
    expect(r.status).toBe(200);
    expect(r.json.success).toBe(true);
    expect(Array.isArray(r.json.discussions)).toBe(true);
    expect(r.json.discussions).toHaveLength(1);
    // Sandbox: the same for the showcase discussion of #eng-backend, by room name; Not Allowed elsewhere.
    const byName = await get('rooms.getDiscussions?roomName=eng-backend', demo);
    expect((byName.json.discussions as { _id: string }[]).map((d) => d._id)).toEqual([SHOWCASE.discussion]);
    expect((await get('rooms.getDiscussions?roomId=nope', demo)).json).toEqual({
      success: false,
      error: 'not-allowed',
      errorType: 'Not Allowed',
    });
  });

  it('"discussion messages count" "should count the message just sent on the discussion"', async () => {
    const sent = await post('chat.sendMessage', admin, { message: { rid: discussionId, msg: 'hello' } });
    const list = await get(`chat.getDiscussions?roomId=${channelId}`, admin);
    const message = (list.json.messages as { drid: string; dcount?: number; dlm?: string }[]).find(
      (m) => m.drid === discussionId,
    );
    expect(message).toHaveProperty('dcount', 1);
    expect(message).toHaveProperty('dlm', (sent.json.message as { ts: string }).ts);
  });
});

describe('chat.ts "[/chat.getDiscussions]"', () => {
  it('"should return an error when the required "roomId" parameter is not sent"', async () => {
    const r = await get('chat.getDiscussions', admin);
    expect(r.status).toBe(400);
    expect(r.json.success).toBe(false);
  });

  it('"should return an error when the roomId is invalid"', async () => {
    const r = await get('chat.getDiscussions?roomId=invalid-room', admin);
    expect(r.status).toBe(400);
    expect(r.json.success).toBe(false);
    expect(r.json.error).toBe('error-not-allowed');
  });

  it('"should return the discussions of a room" (also with count and offset params)', async () => {
    for (const q of ['', '&count=5&offset=0']) {
      const r = await get(`chat.getDiscussions?roomId=${channelId}${q}`, admin);
      expect(r.status).toBe(200);
      expect(r.json.success).toBe(true);
      expect(Array.isArray(r.json.messages)).toBe(true);
      expect(r.json).toHaveProperty('offset');
      expect(r.json).toHaveProperty('total');
      expect(r.json).toHaveProperty('count');
    }
  });

  // Upstream compares drid with `discussionRoom.rid`: the answer of rooms.createDiscussion is
  // createRoom's, the room with `rid` (its _id, "backwards compatible") and `inserted` added.
  it('"[/rooms.createDiscussion]" answers the room with rid and inserted, as createRoom returns it', () => {
    expect(discussionRid).toBe(discussionId);
  });
  const text = 'Message to create discussion';
  const words = [
    ...text.split(' '),
    ...text.toUpperCase().split(' '),
    ...text.toLowerCase().split(' '),
    text,
    'M',
    ' ',
  ];
  for (const word of words) {
    it(`"should return the room's discussion list filtered by the text '${word}'" (also with count and offset)`, async () => {
      for (const q of ['', '&count=5&offset=0']) {
        const r = await get(
          `chat.getDiscussions?roomId=${channelId}&text=${encodeURIComponent(word)}${q}`,
          admin,
        );
        expect(r.status).toBe(200);
        expect(r.json.success).toBe(true);
        expect(Array.isArray(r.json.messages)).toBe(true);
        expect(r.json).toHaveProperty('total');
        expect(r.json).toHaveProperty('offset');
        expect(r.json).toHaveProperty('count');
        expect(r.json.messages).toHaveLength(1);
        expect((r.json.messages as { drid: string }[])[0]?.drid).toBe(discussionRid);
      }
    });
  }
});
