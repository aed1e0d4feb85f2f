// The seed is deterministic, sized as promised, hostile where it should be, and lazily built
// messages equal eagerly built ones.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { seed, seedCounts } from './seed';
import { LONG_NAME } from './seed-text';
import { Store } from './store';

function fingerprint(store: Store): string {
  const h = createHash('sha256');
  for (const u of store.users.values())
    h.update(JSON.stringify([u._id, u.username, u.name, u.createdAt, u.emails]));
  for (const r of store.rooms.values())
    h.update(JSON.stringify([r._id, r.name, r.t, r.topic, r.msgs, r.usersCount]));
  for (const [rid, list] of store.roomMessages)
    h.update(rid + JSON.stringify(list.map((m) => [m._id, m.msg, m.ts, m.u._id])));
  return h.digest('hex');
}

describe('seed', () => {
  it('is deterministic', () => {
    const a = new Store();
    seed(a, { users: 2000 });
    const b = new Store();
    seed(b, { users: 2000 });
    expect(fingerprint(a)).toBe(fingerprint(b));
  });

  it('has the promised default size', () => {
    const s = new Store();
    const counts = seed(s, { users: 2000 });
    expect(counts).toEqual({ users: 2000, channels: 300, groups: 50, dms: 200, messages: 20000 });
    // The 2,000 seeded users and rocket.cat, which every Rocket.Chat server has.
    expect(s.users.size).toBe(2001);
    expect(s.users.get('rocket.cat')).toMatchObject({ username: 'rocket.cat', type: 'bot', roles: ['bot'] });
    expect(s.roomsOfType('c').length).toBe(300);
    expect(s.roomsOfType('p').length).toBe(50);
    expect(s.roomsOfType('d').length).toBe(200);
    expect(s.messages.size).toBe(20000);
    const ts = [...s.messages.values()].map((m) => m.ts.getTime());
    expect(Math.max(...ts) - Math.min(...ts)).toBeGreaterThan(300 * 86_400_000);
  });

  it('scales with the user count', () => {
    expect(seedCounts(100_000)).toEqual({
      users: 100_000,
      channels: 15_000,
      groups: 2_500,
      dms: 10_000,
      messages: 1_000_000,
    });
  });

  it('contains hostile strings', () => {
    const s = new Store();
    seed(s, { users: 2000 });
    const names = [...s.users.values()].map((u) => u.name);
    expect(names).toContain(LONG_NAME);
    expect(LONG_NAME.length).toBe(10_000);
    const text =
      [...s.messages.values()].map((m) => m.msg).join('\n') +
      names.join('\n') +
      [...s.rooms.values()].map((r) => `${r.topic} ${r.description}`).join('\n');
    for (const needle of ['<script>', 'javascript:', '\u202E', '👩‍💻', 'مرحبا', 'onerror='])
      expect(text).toContain(needle);
  });

  it('builds the same messages lazily as eagerly', () => {
    const eager = new Store();
    seed(eager, { users: 2000 });
    const lazy = new Store();
    seed(lazy, { users: 2000, eagerMessageLimit: 0 });
    expect(lazy.messages.size).toBe(0);
    const someRoom = [...lazy.rooms.keys()][42] as string;
    expect(lazy.messagesOf(someRoom).map((m) => m._id)).toEqual(eager.messagesOf(someRoom).map((m) => m._id));
    lazy.materializeAll();
    expect(fingerprint(lazy)).toBe(fingerprint(eager));
  });
});
