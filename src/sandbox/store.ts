// In-memory collections with the indexes the routes need. Writes go through these methods so the
// indexes and cached sort orders stay correct and later reads see them.
import { Grants, bindGrants } from './permissions';
import type { MessageDoc, RoomDoc, SubscriptionDoc, UserDoc } from './types';

export class Store {
  readonly users = new Map<string, UserDoc>();
  readonly usersByUsername = new Map<string, UserDoc>();
  readonly usersByEmail = new Map<string, UserDoc>();
  readonly rooms = new Map<string, RoomDoc>();
  readonly roomsByName = new Map<string, RoomDoc>();
  readonly messages = new Map<string, MessageDoc>();
  /** Messages of each room, ascending by ts. */
  readonly roomMessages = new Map<string, MessageDoc[]>();
  /** roomId -> userId -> subscription */
  readonly subscriptions = new Map<string, Map<string, SubscriptionDoc>>();
  /** userId -> set of roomIds */
  readonly userRooms = new Map<string, Set<string>>();
  /** hashed login token -> userId */
  readonly tokens = new Map<string, string>();

  /** This sandbox's permission -> roles table (permissions.update). */
  readonly grants: Grants;

  constructor(grantsCreatedAt?: Date) {
    this.grants = new Grants(grantsCreatedAt);
  }

  private userListCache: UserDoc[] | null = null;
  /** Rooms whose seeded messages are not built yet, and the function that builds them. */
  private pendingMessages = new Set<string>();
  private generateMessages: ((rid: string) => MessageDoc[]) | null = null;
  private roomListCache = new Map<string, RoomDoc[]>();

  addUser(user: UserDoc): void {
    bindGrants(user, this.grants);
    this.users.set(user._id, user);
    this.usersByUsername.set(user.username.toLowerCase(), user);
    for (const e of user.emails ?? []) this.usersByEmail.set(e.address.toLowerCase(), user);
    for (const t of user.services.resume.loginTokens) this.tokens.set(t.hashedToken, user._id);
    this.userListCache = null;
    this.userSortedCache = null;
  }

  /** Re-indexes a user after username/email changes. */
  reindexUser(user: UserDoc, previous: { username: string; emails: string[] }): void {
    this.usersByUsername.delete(previous.username.toLowerCase());
    for (const e of previous.emails) this.usersByEmail.delete(e.toLowerCase());
    this.addUser(user);
  }

  removeUser(userId: string): void {
    const user = this.users.get(userId);
    if (!user) return;
    this.users.delete(userId);
    this.usersByUsername.delete(user.username.toLowerCase());
    for (const e of user.emails ?? []) this.usersByEmail.delete(e.address.toLowerCase());
    for (const t of user.services.resume.loginTokens) this.tokens.delete(t.hashedToken);
    for (const rid of [...(this.userRooms.get(userId) ?? [])]) this.removeSubscription(rid, userId);
    this.userRooms.delete(userId);
    this.userListCache = null;
    this.userSortedCache = null;
  }

  findUserByUsername(username: string): UserDoc | undefined {
    return this.usersByUsername.get(username.toLowerCase());
  }

  findUserByEmail(email: string): UserDoc | undefined {
    return this.usersByEmail.get(email.toLowerCase());
  }

  private userSortedCache: UserDoc[] | null = null;

  /** All users sorted by username ascending (cached array; do not mutate). */
  usersSortedByUsername(): UserDoc[] {
    this.userSortedCache ??= [...this.users.values()].sort((a, b) => compareStrings(a.username, b.username));
    return this.userSortedCache;
  }

  /** All users, in insertion order (cached array; do not mutate). */
  userList(): UserDoc[] {
    this.userListCache ??= [...this.users.values()];
    return this.userListCache;
  }

  addRoom(room: RoomDoc): void {
    this.rooms.set(room._id, room);
    if (room.name && room.t !== 'd') this.roomsByName.set(room.name, room);
    if (!this.roomMessages.has(room._id)) this.roomMessages.set(room._id, []);
    this.roomListCache.clear();
    this.roomsVersion++;
  }

  renameRoomIndex(room: RoomDoc, previousName?: string): void {
    if (previousName) this.roomsByName.delete(previousName);
    if (room.name && room.t !== 'd') this.roomsByName.set(room.name, room);
    this.roomListCache.clear();
    this.roomsVersion++;
  }

  removeRoom(rid: string): void {
    const room = this.rooms.get(rid);
    if (!room) return;
    this.pendingMessages.delete(rid);
    this.rooms.delete(rid);
    if (room.name && this.roomsByName.get(room.name) === room) this.roomsByName.delete(room.name);
    for (const m of this.roomMessages.get(rid) ?? []) this.messages.delete(m._id);
    this.roomMessages.delete(rid);
    for (const uid of [...(this.subscriptions.get(rid)?.keys() ?? [])]) this.userRooms.get(uid)?.delete(rid);
    this.subscriptions.delete(rid);
    this.roomListCache.clear();
    this.roomsVersion++;
  }

  /** Rooms of one type sorted by name ascending (cached until a room write). */
  roomsOfType(t: 'c' | 'p' | 'd'): RoomDoc[] {
    let list = this.roomListCache.get(t);
    if (!list) {
      list = [...this.rooms.values()].filter((r) => r.t === t);
      list.sort((a, b) => compareStrings(a.name ?? '', b.name ?? ''));
      this.roomListCache.set(t, list);
    }
    return list;
  }

  /** Bumped on every room change; serialized-room caches compare against it. */
  roomsVersion = 0;

  /** Call after changing any room field (content only; names and membership of the lists are unchanged). */
  touchRooms(): void {
    this.roomsVersion++;
  }

  addSubscription(sub: SubscriptionDoc): void {
    let subs = this.subscriptions.get(sub.rid);
    if (!subs) this.subscriptions.set(sub.rid, (subs = new Map()));
    subs.set(sub.u._id, sub);
    let rooms = this.userRooms.get(sub.u._id);
    if (!rooms) this.userRooms.set(sub.u._id, (rooms = new Set()));
    rooms.add(sub.rid);
  }

  removeSubscription(rid: string, uid: string): void {
    this.subscriptions.get(rid)?.delete(uid);
    this.userRooms.get(uid)?.delete(rid);
  }

  subscription(rid: string, uid: string): SubscriptionDoc | undefined {
    return this.subscriptions.get(rid)?.get(uid);
  }

  members(rid: string): string[] {
    return [...(this.subscriptions.get(rid)?.keys() ?? [])];
  }

  setMessageSource(roomIds: string[], generate: (rid: string) => MessageDoc[]): void {
    this.pendingMessages = new Set(roomIds);
    this.generateMessages = generate;
  }

  /** Builds a room's seeded messages on first access (deterministic per room). */
  materialize(rid: string): void {
    if (!this.pendingMessages.delete(rid) || !this.generateMessages) return;
    const seeded = this.generateMessages(rid);
    const existing = this.roomMessages.get(rid) ?? [];
    const list = existing.length
      ? [...seeded, ...existing].sort((a, b) => a.ts.getTime() - b.ts.getTime())
      : seeded;
    this.roomMessages.set(rid, list);
    for (const m of seeded) this.messages.set(m._id, m);
    const room = this.rooms.get(rid);
    const last = list[list.length - 1];
    if (room && last) {
      room.lm = last.ts;
      room.lastMessage = last;
      if (last.ts.getTime() > room._updatedAt.getTime()) room._updatedAt = last.ts;
      this.roomsVersion++;
    }
  }

  materializeAll(): void {
    for (const rid of [...this.pendingMessages]) this.materialize(rid);
  }

  /** A room's messages, ascending by ts. */
  messagesOf(rid: string): MessageDoc[] {
    this.materialize(rid);
    return this.roomMessages.get(rid) ?? [];
  }

  /** By id; builds the remaining lazy rooms once if the id is unknown. */
  findMessage(id: string): MessageDoc | undefined {
    let m = this.messages.get(id);
    if (!m && this.pendingMessages.size > 0) {
      this.materializeAll();
      m = this.messages.get(id);
    }
    return m;
  }

  /** Inserts keeping ascending ts order (appends in the common case). */
  addMessage(msg: MessageDoc): void {
    this.materialize(msg.rid);
    this.messages.set(msg._id, msg);
    let list = this.roomMessages.get(msg.rid);
    if (!list) this.roomMessages.set(msg.rid, (list = []));
    const last = list[list.length - 1];
    if (!last || last.ts.getTime() <= msg.ts.getTime()) list.push(msg);
    else {
      let i = list.length - 1;
      while (i > 0 && (list[i - 1] as MessageDoc).ts.getTime() > msg.ts.getTime()) i--;
      list.splice(i, 0, msg);
    }
  }

  /** Deleted messages (chat.getDeletedMessages / chat.syncMessages read them), oldest first. */
  readonly trash: { _id: string; rid: string; _deletedAt: Date }[] = [];

  removeMessage(id: string): void {
    const msg = this.messages.get(id);
    if (!msg) return;
    this.messages.delete(id);
    this.trash.push({ _id: id, rid: msg.rid, _deletedAt: new Date() });
    const list = this.roomMessages.get(msg.rid);
    if (list) {
      const i = list.indexOf(msg);
      if (i >= 0) list.splice(i, 1);
    }
  }
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
