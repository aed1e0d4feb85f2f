// Deterministic seed: same data on every start (fixed PRNG seed, fixed clock). Default scale is a
// mid-size workspace; SANDBOX_SEED_USERS scales every collection with the user count.
import { fixedAccounts, rocketCat } from './accounts';
import { storePassword } from './auth';
import { createRng, idFrom, int, pick } from './prng';
import type { Rng } from './prng';
import { CHANNEL_WORDS, FIRST_NAMES, HOSTILE, LAST_NAMES, LONG_NAME, SENTENCES } from './seed-text';
import type { Store } from './store';
import type { MessageDoc, RoomDoc, RoomType, SubscriptionDoc, UserDoc } from './types';

export interface SeedOptions {
  users: number;
  seed?: number;
  /** Build all messages at start-up when there are at most this many (default 100,000). */
  eagerMessageLimit?: number;
}

export const SEED = 0x5eed2026;
/** The seed's "now": every generated timestamp lies before it. */
export const SEED_NOW = Date.UTC(2026, 9, 1, 12, 0, 0);
const DAY = 86_400_000;

export interface SeedCounts {
  users: number;
  channels: number;
  groups: number;
  dms: number;
  messages: number;
}

/** 2000 users -> 300 channels, 50 groups, 200 DMs, 20,000 messages; linear in users beyond. */
export function seedCounts(users: number): SeedCounts {
  const scale = Math.max(users, 2000) / 2000;
  return {
    users: Math.max(users, 0),
    channels: Math.round(300 * scale),
    groups: Math.round(50 * scale),
    dms: Math.round(200 * scale),
    messages: Math.round(20000 * scale),
  };
}

const SEEDED_PASSWORD = storePassword('password');

/** Working-hours biased timestamp within the last `days` days before SEED_NOW. */
function timestamp(rng: Rng, days: number): Date {
  const day = int(rng, days);
  const hour = rng() < 0.8 ? 8 + int(rng, 10) : int(rng, 24);
  const ms = int(rng, 3_600_000);
  const base = SEED_NOW - (day + 1) * DAY;
  const t = Math.floor(base / DAY) * DAY + hour * 3_600_000 + ms;
  return new Date(Math.min(t, SEED_NOW - 1000));
}

const baseCache = new Map<string, string>();
function usernameBase(first: string, last: string): string {
  const key = `${first}|${last}`;
  let base = baseCache.get(key);
  if (base === undefined) {
    base = `${first}.${last}`
      .toLowerCase()
      .normalize('NFD')
      .replace(/[^a-z0-9.]/g, '');
    baseCache.set(key, base);
  }
  return base;
}

function makeUser(rng: Rng, i: number, usernames: Set<string>): UserDoc {
  const first = pick(rng, FIRST_NAMES);
  const last = pick(rng, LAST_NAMES);
  const base = usernameBase(first, last);
  let username = `${base}${i}`;
  while (usernames.has(username)) username += 'x';
  usernames.add(username);
  const created = timestamp(rng, 1500);
  let name = `${first} ${last}`;
  if (i === 7) name = LONG_NAME;
  else if (i % 97 === 13) name = `${first} ${HOSTILE[i % HOSTILE.length]}`;
  const isBot = i % 151 === 50;
  const statuses = ['online', 'away', 'busy', 'offline', 'offline', 'offline'] as const;
  const status = pick(rng, statuses);
  return {
    _id: idFrom(rng),
    createdAt: created,
    _updatedAt: new Date(created.getTime() + int(rng, 200) * DAY),
    username: isBot ? `${base}.bot${i}` : username,
    name: isBot ? `${first} Bot` : name,
    type: isBot ? 'bot' : 'user',
    emails: isBot ? undefined : [{ address: `${username}@example.com`, verified: rng() < 0.9 }],
    status,
    statusConnection: status,
    ...(rng() < 0.1 && {
      statusText: pick(rng, ['In a meeting', 'On vacation 🌴', 'Focus time', HOSTILE[0] as string]),
    }),
    active: i % 50 !== 49,
    roles: isBot ? ['bot'] : ['user'],
    utcOffset: pick(rng, [-8, -5, -3, 0, 1, 2, 3, 5.5, 8, 9]),
    lastLogin: new Date(SEED_NOW - int(rng, 60) * DAY - int(rng, DAY)),
    settings: { preferences: {} },
    services: { password: SEEDED_PASSWORD, resume: { loginTokens: [] } },
  };
}

export function sub(room: RoomDoc, user: UserDoc, ts: Date, nameFor?: string): SubscriptionDoc {
  // Fixed object shape (no conditional spreads): hundreds of thousands are built at large scale.
  const s: SubscriptionDoc = {
    _id: room._id + user._id,
    rid: room._id,
    u: { _id: user._id, username: user.username },
    t: room.t,
    name: nameFor ?? room.name ?? '',
    fname: room.fname,
    ts,
    ls: ts,
    open: true,
    alert: false,
    unread: 0,
    _updatedAt: ts,
    roles: room.u?._id === user._id ? ['owner'] : undefined,
  };
  return s;
}

function makeRoom(rng: Rng, t: RoomType, name: string, owner: UserDoc, i: number): RoomDoc {
  const ts = timestamp(rng, 1400);
  const room: RoomDoc = {
    _id: idFrom(rng),
    t,
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
  };
  if (rng() < 0.6)
    room.topic = pick(rng, [
      'Daily updates',
      'Ask anything',
      'Release coordination 🚢',
      'No spam please',
      'Read the pinned messages',
    ]);
  if (rng() < 0.4) room.description = `Channel about ${name.replace(/-/g, ' ')}`;
  if (i % 41 === 5) room.topic = HOSTILE[i % HOSTILE.length] as string;
  if (i % 53 === 7)
    room.description = `Docs: <a href="javascript:alert(1)">here</a> ${HOSTILE[(i + 3) % HOSTILE.length]}`;
  if (i === 11) room.fname = `${name} ${LONG_NAME.slice(0, 200)}`;
  return room;
}

/** Shared empty array for seeded messages (handlers replace arrays, never push into them). */
const NONE: never[] = [];

function messageText(
  rng: Rng,
  users: UserDoc[],
  channelNames: string[],
  i: number,
): {
  msg: string;
  mentions: { _id: string; username: string }[];
  channels: { _id: string; name: string }[];
  urls: { url: string }[];
} {
  let mentions: { _id: string; username: string }[] = NONE;
  let urls: { url: string }[] = NONE;
  let msg = pick(rng, SENTENCES);
  const r = rng();
  if (i % 211 === 17) msg = `${pick(rng, HOSTILE)} ${msg}`;
  else if (i % 997 === 3) msg = LONG_NAME.slice(0, 5000);
  else if (r < 0.1) {
    const u = pick(rng, users);
    mentions = [{ _id: u._id, username: u.username }];
    msg = `@${u.username} ${msg}`;
  } else if (r < 0.15) {
    const url = `https://example.com/${pick(rng, CHANNEL_WORDS)}/${int(rng, 10000)}`;
    urls = [{ url }];
    msg = `${msg} ${url}`;
  } else if (r < 0.17) msg = `${msg} #${pick(rng, channelNames)}`;
  return { msg, mentions, channels: NONE, urls };
}

export function seed(store: Store, options: SeedOptions): SeedCounts {
  const rng = createRng(options.seed ?? SEED);
  const counts = seedCounts(options.users);
  const fixed = fixedAccounts();
  for (const u of fixed) store.addUser(u);
  const [admin, demo, bot] = fixed as [UserDoc, UserDoc, UserDoc, UserDoc];

  const usernames = new Set(fixed.map((u) => u.username));
  const generated: UserDoc[] = [];
  for (let i = 0; i < counts.users - fixed.length; i++) {
    const u = makeUser(rng, i, usernames);
    generated.push(u);
    store.addUser(u);
  }
  const everyone = [...fixed, ...generated];
  const active = everyone.filter((u) => u.active);

  // Public channels: #general (default, everyone) plus generated ones.
  const channelNames = new Set<string>();
  const channels: RoomDoc[] = [];
  const general = makeRoom(rng, 'c', 'general', admin, 0);
  general._id = 'GENERAL'; // as on a real server
  general.default = true;
  general.topic = 'Welcome to the Rocket.Chat sandbox';
  channelNames.add('general');
  channels.push(general);
  for (let i = 1; channels.length < counts.channels; i++) {
    let name = `${pick(rng, CHANNEL_WORDS)}-${pick(rng, CHANNEL_WORDS)}`;
    if (channelNames.has(name)) name = `${name}-${i}`;
    channelNames.add(name);
    channels.push(makeRoom(rng, 'c', name, pick(rng, active), i));
  }
  const groups: RoomDoc[] = [];
  for (let i = 0; groups.length < counts.groups; i++) {
    const name = `private-${pick(rng, CHANNEL_WORDS)}-${i}`;
    groups.push(makeRoom(rng, 'p', name, i < 10 ? demo : pick(rng, active), i));
  }
  for (const r of [...channels, ...groups]) store.addRoom(r);

  const members = new Map<string, UserDoc[]>();
  const join = (room: RoomDoc, user: UserDoc): void => {
    if (store.subscription(room._id, user._id)) return;
    const ts = new Date(Math.max(room.ts.getTime(), user.createdAt.getTime()));
    store.addSubscription(sub(room, user, ts));
    let list = members.get(room._id);
    if (!list) members.set(room._id, (list = []));
    list.push(user);
  };
  for (const u of everyone) join(general, u);
  for (const c of channels) if (c.u) join(c, store.users.get(c.u._id) as UserDoc);
  for (const u of everyone) {
    const n = 1 + int(rng, 4);
    for (let k = 0; k < n; k++) join(pick(rng, channels), u);
  }
  for (let i = 0; i < 15; i++) {
    join(channels[i + 1] ?? general, demo);
    join(channels[i + 1] ?? general, bot);
  }
  for (const g of groups) {
    if (g.u) join(g, store.users.get(g.u._id) as UserDoc);
    const n = 3 + int(rng, 20);
    for (let k = 0; k < n; k++) join(g, pick(rng, active));
  }
  for (let i = 0; i < Math.min(10, groups.length); i++) join(groups[groups.length - 1 - i] as RoomDoc, admin);

  // Direct messages: demo and admin have a few, the rest are random pairs.
  const dms: RoomDoc[] = [];
  const dmPairs = new Set<string>();
  for (let i = 0; dms.length < counts.dms && i < counts.dms * 3; i++) {
    const a = i < 8 ? demo : i < 14 ? admin : pick(rng, active);
    const b = pick(rng, active);
    if (a._id === b._id) continue;
    const [x, y] = a._id < b._id ? [a, b] : [b, a];
    const key = `${x._id}${y._id}`;
    if (dmPairs.has(key)) continue;
    dmPairs.add(key);
    const ts = timestamp(rng, 700);
    const room: RoomDoc = {
      _id: key,
      t: 'd',
      usernames: [x.username, y.username],
      uids: [x._id, y._id],
      ts,
      _updatedAt: ts,
      msgs: 0,
      usersCount: 2,
      default: false,
      ro: false,
      sysMes: true,
    };
    dms.push(room);
    store.addRoom(room);
    store.addSubscription(sub(room, x, ts, y.username));
    store.addSubscription(sub(room, y, ts, x.username));
    members.set(room._id, [x, y]);
  }

  for (const r of [...channels, ...groups, ...dms]) r.usersCount = members.get(r._id)?.length ?? 0;

  // Messages: each room gets a share (skewed towards busy rooms: a squared uniform favours low
  // indexes) and its own PRNG stream, so a room's messages are the same whether they are built at
  // start-up or on first access (large seeds build them lazily to keep start-up fast).
  const names = [...channelNames];
  const allRooms = [...channels, ...groups, ...dms];
  const ordinal = new Map(allRooms.map((r, k) => [r._id, k]));
  // Shares: 70% channels, 15% groups, 15% DMs; within channels and groups the density of a
  // product of two uniforms (-ln x), so low indexes (#general first) are the busy rooms.
  const perRoom = new Int32Array(allRooms.length);
  const distribute = (total: number, base: number, n: number, skewed: boolean): void => {
    if (n === 0 || total === 0) return;
    const weights = Array.from(
      { length: n },
      (_, k) => (skewed ? Math.log(n / (k + 0.5)) + 0.05 : 1) * (0.75 + rng() * 0.5),
    );
    const sum = weights.reduce((a, b) => a + b, 0);
    let given = 0;
    for (let k = 0; k < n; k++) {
      const c = Math.floor((total * (weights[k] as number)) / sum);
      perRoom[base + k] = c;
      given += c;
    }
    for (let k = 0; given < total; k = (k + 1) % n, given++)
      perRoom[base + k] = (perRoom[base + k] as number) + 1;
  };
  const groupShare = groups.length ? Math.round(counts.messages * 0.15) : 0;
  const dmShare = dms.length ? Math.round(counts.messages * 0.15) : 0;
  distribute(counts.messages - groupShare - dmShare, 0, channels.length, true);
  distribute(groupShare, channels.length, groups.length, true);
  distribute(dmShare, channels.length + groups.length, dms.length, false);
  const firstIndex = new Int32Array(allRooms.length);
  for (let k = 1; k < allRooms.length; k++)
    firstIndex[k] = (firstIndex[k - 1] as number) + (perRoom[k - 1] as number);
  const refs = new Map<string, MessageDoc['u']>();
  const refOf = (u: UserDoc): MessageDoc['u'] => {
    let r = refs.get(u._id);
    if (!r) refs.set(u._id, (r = { _id: u._id, username: u.username, name: u.name }));
    return r;
  };
  const seedValue = options.seed ?? SEED;
  const generate = (rid: string): MessageDoc[] => {
    const k = ordinal.get(rid);
    if (k === undefined) return [];
    const roomRng = createRng((seedValue ^ Math.imul(k + 1, 0x9e3779b1)) >>> 0);
    const roomMembers = members.get(rid) ?? everyone;
    const list: MessageDoc[] = [];
    const n = perRoom[k] as number;
    for (let j = 0; j < n; j++) {
      const author = pick(roomRng, roomMembers);
      const ts = timestamp(roomRng, 365);
      const text = messageText(roomRng, roomMembers, names, (firstIndex[k] as number) + j);
      list.push({
        _id: idFrom(roomRng),
        rid,
        msg: text.msg,
        ts,
        u: refOf(author),
        _updatedAt: ts,
        urls: text.urls,
        mentions: text.mentions,
        channels: text.channels,
      });
    }
    return list.sort((a, b) => a.ts.getTime() - b.ts.getTime());
  };
  for (let k = 0; k < allRooms.length; k++) (allRooms[k] as RoomDoc).msgs = perRoom[k] as number;
  store.setMessageSource(
    allRooms.map((r) => r._id),
    generate,
  );
  // Added last and in no room: the generated workspace (one random sequence) stays as it was.
  store.addUser(rocketCat());
  if (counts.messages <= (options.eagerMessageLimit ?? 100_000)) store.materializeAll();
  store.touchRooms();
  return counts;
}
