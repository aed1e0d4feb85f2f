// Who is banned from which room (rooms.banUser). Rocket.Chat keeps a banned member's subscription
// with status BANNED; here the ban is kept beside the subscriptions so every membership check
// (members lists, access, sending) simply no longer sees the user.
import type { Store } from '../store';

const bans = new WeakMap<Store, Map<string, Map<string, Date>>>();

function roomBans(store: Store, rid: string, create: boolean): Map<string, Date> | undefined {
  let perRoom = bans.get(store);
  if (!perRoom) {
    if (!create) return undefined;
    bans.set(store, (perRoom = new Map()));
  }
  let users = perRoom.get(rid);
  if (!users && create) perRoom.set(rid, (users = new Map()));
  return users;
}

export function isBanned(store: Store, rid: string, uid: string): boolean {
  return roomBans(store, rid, false)?.has(uid) ?? false;
}

export function addBan(store: Store, rid: string, uid: string): void {
  roomBans(store, rid, true)?.set(uid, new Date());
}

/** false when the user was not banned. */
export function removeBan(store: Store, rid: string, uid: string): boolean {
  return roomBans(store, rid, false)?.delete(uid) ?? false;
}

/** Banned user ids of a room, oldest ban first. */
export function bannedIds(store: Store, rid: string): string[] {
  const users = roomBans(store, rid, false);
  if (!users) return [];
  return [...users.entries()].sort((a, b) => a[1].getTime() - b[1].getTime()).map(([uid]) => uid);
}
