// Showcase data on top of the generated seed, so the routes integrators call most have something to
// show: a team (#engineering) with two rooms, a thread, reactions, starred and pinned messages, a
// discussion, an incoming webhook, a read-only and an archived channel. Fixed ids and times (before
// SEED_NOW), so documentation and tests can name them.
import { registerIntegration } from './routes/integrations';
import { registerTeam } from './routes/teams';
import { SEED_NOW, sub } from './seed';
import type { Store } from './store';
import type { MessageDoc, RoomDoc, UserDoc } from './types';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Ids documented in docs/sandbox.md ("Showcase data"). */
export const SHOWCASE = {
  teamId: 'TEAMengineering1',
  team: 'ROOMengineering1',
  backend: 'ROOMengBackend01',
  frontend: 'ROOMengFrontend1',
  announcements: 'ROOMannounce0001',
  archived: 'ROOMoldProjects1',
  discussion: 'ROOMdiscussion01',
  threadParent: 'MSGthreadParent1',
  pinned: 'MSGpinnedRelease',
  starred: 'MSGstarredByDemo',
  webhookId: 'HOOKciNotify0001',
  webhookToken: 'sandbox-showcase-webhook-token',
} as const;

const at = (hoursBeforeNow: number): Date => new Date(SEED_NOW - hoursBeforeNow * HOUR);

function room(store: Store, id: string, name: string, owner: UserDoc, extra: Partial<RoomDoc>): RoomDoc {
  const ts = new Date(SEED_NOW - 120 * DAY);
  const r: RoomDoc = {
    _id: id,
    t: 'c',
    name,
    fname: name,
    u: { _id: owner._id, username: owner.username },
    ts,
    _updatedAt: ts,
    msgs: 0,
    usersCount: 0,
    default: false,
    ro: false,
    sysMes: true,
    ...extra,
  };
  store.addRoom(r);
  return r;
}

function join(store: Store, r: RoomDoc, users: UserDoc[]): void {
  for (const u of users) {
    if (store.subscription(r._id, u._id)) continue;
    const s = sub(r, u, r.ts);
    if (r.archived === true) Object.assign(s, { archived: true });
    store.addSubscription(s);
  }
  r.usersCount = store.members(r._id).length;
}

let counter = 0;
function post(
  store: Store,
  r: RoomDoc,
  author: UserDoc,
  hoursBeforeNow: number,
  msg: string,
  extra: Partial<MessageDoc> = {},
): MessageDoc {
  const ts = at(hoursBeforeNow);
  const m: MessageDoc = {
    _id: extra._id ?? `MSGshowcase${String(++counter).padStart(5, '0')}`,
    rid: r._id,
    msg,
    ts,
    u: { _id: author._id, username: author.username, name: author.name },
    _updatedAt: ts,
    urls: [],
    mentions: [],
    channels: [],
    ...extra,
  };
  store.addMessage(m);
  r.msgs += 1;
  if (!r.lm || r.lm.getTime() <= ts.getTime()) {
    r.lm = ts;
    r.lastMessage = m;
    r._updatedAt = ts;
  }
  return m;
}

function thread(store: Store, r: RoomDoc, people: UserDoc[], demo: UserDoc): void {
  const [a, b, c] = people as [UserDoc, UserDoc, UserDoc];
  const parent = post(store, r, a, 30, 'Deploy of 8.1.0 to staging failed on the migration step, thread 🧵', {
    _id: SHOWCASE.threadParent,
  });
  const replies = [
    post(store, r, b, 29, 'Looks like the index build timed out', { tmid: parent._id }),
    post(store, r, demo, 28.5, 'Retrying with a longer timeout', { tmid: parent._id }),
    post(store, r, c, 28, 'Green now ✅', { tmid: parent._id }),
  ];
  const last = replies[replies.length - 1] as MessageDoc;
  Object.assign(parent, {
    tcount: replies.length,
    tlm: last.ts,
    replies: [...new Set([a._id, ...replies.map((m) => m.u._id)])],
  });
}

export function seedShowcase(store: Store): void {
  counter = 0;
  const admin = store.findUserByUsername('admin');
  const demo = store.findUserByUsername('demo');
  const bot = store.findUserByUsername('bot');
  if (!admin || !demo || !bot) return;
  const fixed = new Set([admin._id, demo._id, bot._id]);
  const people = store
    .userList()
    .filter((u) => u.active && u.type === 'user' && !fixed.has(u._id) && u.username !== 'totp')
    .slice(0, 6);
  if (people.length < 3) return; // a seed too small for the showcase
  const crew = [admin, demo, bot, ...people];

  const team = room(store, SHOWCASE.team, 'engineering', admin, {
    topic: 'The engineering team',
    teamMain: true,
    teamId: SHOWCASE.teamId,
  });
  const backend = room(store, SHOWCASE.backend, 'eng-backend', admin, {
    topic: 'APIs, jobs and databases',
    teamId: SHOWCASE.teamId,
  });
  const frontend = room(store, SHOWCASE.frontend, 'eng-frontend', demo, { teamId: SHOWCASE.teamId });
  for (const r of [team, backend]) join(store, r, crew);
  join(store, frontend, [demo, admin, ...people.slice(0, 3)]);
  for (const uid of [demo._id]) {
    const s = store.subscription(team._id, uid);
    if (s) s.roles = ['moderator'];
  }
  registerTeam(store, {
    _id: SHOWCASE.teamId,
    name: 'engineering',
    type: 0,
    roomId: team._id,
    createdBy: { _id: admin._id, username: admin.username },
    createdAt: team.ts,
    _updatedAt: team.ts,
  });
  post(store, team, admin, 72, 'Welcome to the engineering team! Rooms: #eng-backend, #eng-frontend');

  thread(store, backend, people, demo);
  const [p0, p1, p2] = people as [UserDoc, UserDoc, UserDoc];
  post(store, backend, p1, 26, 'Release notes for 8.1.0 are ready for review', {
    _id: SHOWCASE.pinned,
    pinned: true,
    pinnedAt: at(25),
    pinnedBy: { _id: admin._id, username: admin.username },
    reactions: { ':tada:': { usernames: [admin.username, demo.username, p2.username] } },
  });
  post(store, backend, p2, 20, 'Postmortem doc for the staging outage: https://example.com/postmortem/42', {
    _id: SHOWCASE.starred,
    urls: [{ url: 'https://example.com/postmortem/42' }],
    starred: [{ _id: demo._id }, { _id: admin._id }],
    reactions: {
      ':thumbsup:': { usernames: [demo.username, p0.username] },
      ':eyes:': { usernames: [bot.username] },
    },
  });

  const discussion = room(store, SHOWCASE.discussion, SHOWCASE.discussion, admin, {
    fname: 'Release 8.1 planning',
    prid: backend._id,
    topic: backend.name,
  });
  join(store, discussion, [admin, demo, p0]);
  post(store, discussion, admin, 12, 'Scope for 8.1: rate limits, teams, webhooks');
  post(store, discussion, demo, 11, 'Adding the migration fix from the staging thread');
  post(store, backend, admin, 13, 'Release 8.1 planning', {
    t: 'discussion-created',
    drid: discussion._id,
    dcount: 2,
    dlm: discussion.lm,
  });
  backend.dcount = 1;
  post(store, frontend, demo, 8, `Heads-up @${p0.username}: the new sidebar lands tomorrow`, {
    mentions: [{ _id: p0._id, username: p0.username }],
    reactions: { ':rocket:': { usernames: [p0.username] } },
  });

  const announcements = room(store, SHOWCASE.announcements, 'announcements', admin, {
    ro: true,
    topic: 'Read-only: company news',
  });
  join(store, announcements, crew);
  post(store, announcements, admin, 48, 'Office closed on Friday for the team offsite 🏖️');
  post(store, announcements, admin, 6, 'Rocket.Chat 8.1 upgrade is scheduled for Monday 07:00 UTC');
  const demoNews = store.subscription(announcements._id, demo._id);
  if (demoNews) Object.assign(demoNews, { unread: 1, alert: true, ls: at(7) });

  const archived = room(store, SHOWCASE.archived, 'old-projects', demo, {
    archived: true,
    topic: 'Archived: projects of 2024',
  });
  join(store, archived, [demo, admin, p0]);
  post(store, archived, demo, 24 * 90, 'Closing this room: everything moved to #engineering');

  registerIntegration(store, {
    _id: SHOWCASE.webhookId,
    type: 'webhook-incoming',
    name: 'CI notifications',
    enabled: true,
    username: bot.username,
    userId: bot._id,
    channel: ['#eng-backend'],
    alias: 'CI',
    emoji: ':robot:',
    scriptEnabled: false,
    token: SHOWCASE.webhookToken,
    _createdAt: at(24 * 30),
    _createdBy: { _id: admin._id, username: admin.username },
    _updatedAt: at(24 * 30),
  });
  post(store, backend, bot, 2, 'Build #1287 passed on main', {
    alias: 'CI',
    emoji: ':robot:',
    bot: { i: SHOWCASE.webhookId },
  });
  store.touchRooms();
}
