// Contract tests, continued from contract.test.ts: pagination and sort, the query/fields parameters,
// writes seen by later reads, the OpenAPI document and permissions.listAll, over real HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from './server';
import { call, login, start } from './test-helpers';

let sb: SandboxHandle;
let admin: Record<string, string>;
let demo: Record<string, string>;

beforeAll(async () => {
  sb = await start({ API_Enable_Rate_Limiter: false });
  admin = await login(sb.url, 'admin', 'admin');
  demo = await login(sb.url, 'demo', 'demo');
});
afterAll(async () => {
  await sb.close();
});

describe('pagination and sort', () => {
  it('default 50, silent clamp to 100, count=0 returns everything', async () => {
    const d = await call(sb.url, 'GET', '/api/v1/channels.list', { headers: demo });
    expect(Object.keys(d.json)).toEqual(['channels', 'count', 'offset', 'total', 'success']);
    expect(d.json.count).toBe(50);
    expect(d.json.total).toBe(306); // 300 generated + 6 showcase channels (showcase.ts)
    expect((await call(sb.url, 'GET', '/api/v1/channels.list?count=500', { headers: demo })).json.count).toBe(
      100,
    );
    const all = await call(sb.url, 'GET', '/api/v1/channels.list?count=0', { headers: demo });
    expect(all.json.count).toBe(306);
    const off = await call(sb.url, 'GET', '/api/v1/channels.list?count=10&offset=301', { headers: demo });
    expect(off.json).toMatchObject({ count: 5, offset: 301, total: 306 });
    const names = (d.json.channels as { name: string }[]).map((c) => c.name);
    expect(names).toEqual([...names].sort());
  });

  it('sort with 1/-1, error-invalid-sort otherwise', async () => {
    const r = await call(
      sb.url,
      'GET',
      `/api/v1/channels.list?count=5&sort=${encodeURIComponent('{"name":-1}')}`,
      { headers: demo },
    );
    const names = (r.json.channels as { name: string }[]).map((c) => c.name);
    expect(names).toEqual([...names].sort().reverse());
    const bad = await call(sb.url, 'GET', `/api/v1/channels.list?sort=${encodeURIComponent('{"name":2}')}`, {
      headers: demo,
    });
    expect(bad.text).toBe(
      '{"success":false,"error":"Invalid sort parameter provided: \\"{\\"name\\":2}\\" [error-invalid-sort]","errorType":"error-invalid-sort","details":{"helperMethod":"parseJsonQuery"}}',
    );
    const x = await call(sb.url, 'GET', '/api/v1/channels.list?sort=x', { headers: demo });
    expect(x.text).toBe(
      '{"success":false,"error":"Invalid sort parameter provided: \\"x\\" [error-invalid-sort]","errorType":"error-invalid-sort","details":{"helperMethod":"parseJsonQuery"}}',
    );
  });

  it('query and fields are silently ignored while unsafe params are off', async () => {
    const r = await call(
      sb.url,
      'GET',
      `/api/v1/users.list?count=1&query=${encodeURIComponent('{"username":"demo"}')}&fields=${encodeURIComponent('{"username":1}')}`,
      { headers: admin },
    );
    expect(r.json.total).toBe(2001); // 2,000 seeded users and rocket.cat
    expect(r.headers.get('x-deprecation-type')).toBeNull();
    expect(Object.keys((r.json.users as object[])[0] as object).length).toBeGreaterThan(2);
  });
});

describe('query and fields with ALLOW_UNSAFE_QUERY_AND_FIELDS_API_PARAMS=TRUE', () => {
  let unsafe: SandboxHandle;
  let uAdmin: Record<string, string>;
  let uDemo: Record<string, string>;
  beforeAll(async () => {
    unsafe = await start({
      API_Enable_Rate_Limiter: false,
      ALLOW_UNSAFE_QUERY_AND_FIELDS_API_PARAMS: 'TRUE',
    });
    uAdmin = await login(unsafe.url, 'admin', 'admin');
    uDemo = await login(unsafe.url, 'demo', 'demo');
  });
  afterAll(async () => {
    await unsafe.close();
  });
  const q = (o: unknown): string => encodeURIComponent(JSON.stringify(o));

  it('filters with $regex/$or, adds the deprecation headers', async () => {
    const r = await call(
      unsafe.url,
      'GET',
      `/api/v1/users.list?query=${q({ $or: [{ username: { $regex: '^dem' } }, { username: 'bot' }] })}`,
      { headers: uAdmin },
    );
    expect(r.status).toBe(200);
    expect((r.json.users as { username: string }[]).map((u) => u.username)).toEqual(['bot', 'demo']);
    expect(r.headers.get('x-deprecation-type')).toBe('parameter-deprecation');
    expect(r.headers.get('x-deprecation-version')).toBe('9.0.0');
    expect(r.headers.get('x-deprecation-message')).toBe(
      'The usage of the "query" parameter in endpoint "/api/v1/users.list" breaks the security of the API and can lead to data exposure. It has been deprecated and will be removed in the version 9.0.0.',
    );
  });

  it('EJSON dates parse', async () => {
    const r = await call(
      unsafe.url,
      'GET',
      `/api/v1/channels.list?count=0&query=${q({ $and: [{ ts: { $date: '2000-01-01T00:00:00.000Z' } }] })}`,
      { headers: uDemo },
    );
    expect(r.status).toBe(200);
    expect(r.json.total).toBe(0);
  });

  it('rejects other operators and bad JSON', async () => {
    const w = await call(unsafe.url, 'GET', `/api/v1/users.list?query=${q({ $where: 'sleep(1000)' })}`, {
      headers: uAdmin,
    });
    expect(w.status).toBe(400);
    expect(w.text).toBe(
      '{"success":false,"error":"Invalid operation: $where [error-invalid-query]","errorType":"error-invalid-query"}',
    );
    const nested = await call(unsafe.url, 'GET', `/api/v1/users.list?query=${q({ createdAt: { $gt: 1 } })}`, {
      headers: uAdmin,
    });
    expect(nested.json.error).toBe('Invalid operation: $gt [error-invalid-query]');
    const bad = await call(unsafe.url, 'GET', `/api/v1/users.list?query=${encodeURIComponent('{bad')}`, {
      headers: uAdmin,
    });
    expect(bad.text).toBe(
      '{"success":false,"error":"Invalid query parameter provided: \\"{bad\\" [error-invalid-query]","errorType":"error-invalid-query","details":{"helperMethod":"parseJsonQuery"}}',
    );
    const re = await call(unsafe.url, 'GET', `/api/v1/users.list?query=${q({ username: { $regex: '(' } })}`, {
      headers: uAdmin,
    });
    expect(re.status).toBe(400);
    expect(re.text).toBe('{"success":false,"error":"Invalid regular expression: /(/: Unterminated group"}');
    const f = await call(unsafe.url, 'GET', `/api/v1/users.list?fields=${encodeURIComponent('{x')}`, {
      headers: uAdmin,
    });
    expect(f.json.errorType).toBe('error-invalid-fields');
  });

  it('projects with fields and strips protected fields', async () => {
    const r = await call(
      unsafe.url,
      'GET',
      `/api/v1/users.list?count=2&fields=${q({ username: 1, services: 1 })}`,
      { headers: uAdmin },
    );
    for (const u of r.json.users as Record<string, unknown>[])
      expect(Object.keys(u).sort()).toEqual(['_id', 'username']);
    const limited = await call(
      unsafe.url,
      'GET',
      `/api/v1/users.list?count=3&fields=${q({ emails: 1, username: 1 })}`,
      { headers: uDemo },
    );
    for (const u of limited.json.users as Record<string, unknown>[]) expect(u.emails).toBeUndefined();
    const byEmail = await call(
      unsafe.url,
      'GET',
      `/api/v1/users.list?count=1&query=${q({ 'emails.address': 'demo@sandbox.rocket.chat' })}`,
      { headers: uDemo },
    );
    expect(byEmail.json.total).toBe(2001);
    const rooms = await call(
      unsafe.url,
      'GET',
      `/api/v1/channels.list?count=2&fields=${q({ name: 1, joinCode: 1 })}`,
      { headers: uDemo },
    );
    for (const c of rooms.json.channels as Record<string, unknown>[])
      expect(Object.keys(c).sort()).toEqual(['_id', 'name']);
  });
  it('ignores protected fields at every depth, so nobody can probe a password hash', async () => {
    // The stored hash of "admin" (sha256 of the sha256 hex), computed here without sandbox code.
    const { createHash } = await import('node:crypto');
    const hex = (t: string): string => createHash('sha256').update(t).digest('hex');
    const first = hex(hex('admin'))[0]!;
    const other = first === '0' ? '1' : '0';
    const totalFor = async (query: unknown, headers: Record<string, string>): Promise<unknown> =>
      (await call(unsafe.url, 'GET', `/api/v1/users.list?count=1&query=${q(query)}`, { headers })).json.total;
    for (const headers of [uDemo, uAdmin]) {
      for (const build of [
        (c: string) => ({ $or: [{ username: 'admin', 'services.password.sha256': { $regex: `^${c}` } }] }),
        (c: string) => ({
          $and: [{ username: 'admin' }, { services: { password: { sha256: { $regex: `^${c}` } } } }],
        }),
        (c: string) => ({
          $or: [{ $and: [{ username: 'admin', 'services.password': { sha256: { $regex: `^${c}` } } }] }],
        }),
      ]) {
        expect(await totalFor(build(first), headers)).toBe(await totalFor(build(other), headers));
      }
    }
    // Unprotected nested fields still filter.
    expect(await totalFor({ $or: [{ username: 'admin' }] }, uDemo)).toBe(1);
  });
});

describe('writes are visible to later reads', () => {
  it('channels.create, join/leave, setTopic, postMessage, update, delete', async () => {
    const created = await call(sb.url, 'POST', '/api/v1/channels.create', {
      headers: demo,
      body: { name: 'contract-room', members: ['bot'] },
    });
    expect(created.status).toBe(200);
    const room = created.json.channel as { _id: string; usersCount: number };
    expect(room.usersCount).toBe(2);
    const dup = await call(sb.url, 'POST', '/api/v1/channels.create', {
      headers: demo,
      body: { name: 'contract-room' },
    });
    expect(dup.json).toMatchObject({
      success: false,
      errorType: 'error-duplicate-channel-name',
      error: "A channel with name 'contract-room' exists [error-duplicate-channel-name]",
    });
    const info = await call(sb.url, 'GET', '/api/v1/channels.info?roomName=contract-room', {
      headers: admin,
    });
    expect((info.json.channel as { _id: string })._id).toBe(room._id);
    const topic = await call(sb.url, 'POST', '/api/v1/channels.setTopic', {
      headers: demo,
      body: { roomId: room._id, topic: '<b>hi</b>' },
    });
    expect(topic.text).toBe('{"topic":"<b>hi</b>","success":true}');
    const posted = await call(sb.url, 'POST', '/api/v1/chat.postMessage', {
      headers: admin,
      body: { roomId: room._id, text: 'hello @demo' },
    });
    expect(posted.status).toBe(200);
    const msg = posted.json.message as { _id: string; mentions: unknown[] };
    expect(msg.mentions).toEqual([{ _id: 'sandboxDemoUser01', username: 'demo' }]);
    const got = await call(sb.url, 'GET', `/api/v1/chat.getMessage?msgId=${msg._id}`, { headers: demo });
    expect((got.json.message as { msg: string }).msg).toBe('hello @demo');
    const hist = await call(sb.url, 'GET', `/api/v1/channels.history?roomId=${room._id}`, { headers: demo });
    expect((hist.json.messages as { _id: string }[])[0]?._id).toBe(msg._id);
    const bot = await login(sb.url, 'bot', 'bot');
    const denied = await call(sb.url, 'POST', '/api/v1/chat.update', {
      headers: bot,
      body: { roomId: room._id, msgId: msg._id, text: 'x' },
    });
    expect(denied.json.errorType).toBe('error-action-not-allowed');
    const upd = await call(sb.url, 'POST', '/api/v1/chat.update', {
      headers: admin,
      body: { roomId: room._id, msgId: msg._id, text: 'edited' },
    });
    expect((upd.json.message as { msg: string }).msg).toBe('edited');
    const del = await call(sb.url, 'POST', '/api/v1/chat.delete', {
      headers: admin,
      body: { roomId: room._id, msgId: msg._id },
    });
    expect(del.json).toMatchObject({ _id: msg._id, success: true });
    expect(
      (await call(sb.url, 'GET', `/api/v1/chat.getMessage?msgId=${msg._id}`, { headers: demo })).status,
    ).toBe(400);
    const notOwner = await call(sb.url, 'POST', '/api/v1/channels.delete', {
      headers: bot,
      body: { roomId: room._id },
    });
    expect(notOwner.text).toBe(
      '{"success":false,"error":"Not allowed [error-not-allowed]","errorType":"error-not-allowed","details":{"method":"eraseRoom"}}',
    );
    expect(
      (await call(sb.url, 'POST', '/api/v1/channels.delete', { headers: demo, body: { roomId: room._id } }))
        .text,
    ).toBe('{"success":true}');
    expect(
      (await call(sb.url, 'GET', `/api/v1/channels.info?roomId=${room._id}`, { headers: demo })).status,
    ).toBe(400);
  });

  it('users.create / update / info / setStatus / delete', async () => {
    const c = await call(sb.url, 'POST', '/api/v1/users.create', {
      headers: admin,
      body: { email: 'new.user@example.com', name: 'New <User>', password: 'pw', username: 'new.user' },
    });
    expect(c.status).toBe(200);
    const id = (c.json.user as { _id: string })._id;
    const taken = await call(sb.url, 'POST', '/api/v1/users.create', {
      headers: admin,
      body: { email: 'other@example.com', name: 'x', password: 'pw', username: 'new.user' },
    });
    expect(taken.json.error).toBe('new.user is already in use :( [error-field-unavailable]');
    await call(sb.url, 'POST', '/api/v1/users.update', {
      headers: admin,
      body: { userId: id, data: { name: 'Renamed' } },
    });
    const info = await call(sb.url, 'GET', '/api/v1/users.info?username=new.user', { headers: demo });
    expect((info.json.user as { name: string }).name).toBe('Renamed');
    expect((info.json.user as Record<string, unknown>).emails).toBeUndefined();
    const h = await login(sb.url, 'new.user', 'pw');
    await call(sb.url, 'POST', '/api/v1/users.setStatus', {
      headers: h,
      body: { status: 'busy', message: 'deep work' },
    });
    expect(
      (await call(sb.url, 'GET', `/api/v1/users.info?userId=${id}`, { headers: admin })).json.user,
    ).toMatchObject({ status: 'busy', statusText: 'deep work' });
    expect(
      (await call(sb.url, 'POST', '/api/v1/users.delete', { headers: admin, body: { userId: id } })).text,
    ).toBe('{"success":true}');
    expect((await call(sb.url, 'GET', `/api/v1/users.info?userId=${id}`, { headers: admin })).text).toBe(
      '{"success":false,"error":"User not found."}',
    );
  });

  it('im.create, chat.sendMessage, im.messages, groups, rooms, spotlight, directory, settings.public', async () => {
    const dm = await call(sb.url, 'POST', '/api/v1/im.create', { headers: demo, body: { username: 'bot' } });
    const rid = (dm.json.room as { rid: string }).rid;
    const sent = await call(sb.url, 'POST', '/api/v1/chat.sendMessage', {
      headers: demo,
      body: { message: { rid, msg: 'ping' } },
    });
    expect(sent.status).toBe(200);
    const msgs = await call(sb.url, 'GET', `/api/v1/im.messages?roomId=${rid}&count=1`, { headers: demo });
    expect((msgs.json.messages as { msg: string }[])[0]?.msg).toBe('ping');
    const groups = await call(sb.url, 'GET', '/api/v1/groups.list', { headers: demo });
    expect(Object.keys(groups.json)).toEqual(['groups', 'offset', 'count', 'total', 'success']);
    expect(groups.json.total).toBeGreaterThan(0);
    const g = (groups.json.groups as { _id: string }[])[0] as { _id: string };
    expect(
      (await call(sb.url, 'GET', `/api/v1/groups.info?roomId=${g._id}`, { headers: admin })).json.errorType,
    ).toBe('error-room-not-found');
    expect(
      (await call(sb.url, 'GET', `/api/v1/groups.members?roomId=${g._id}`, { headers: demo })).json.total,
    ).toBeGreaterThan(0);
    const roomsGet = await call(sb.url, 'GET', '/api/v1/rooms.get', { headers: demo });
    expect((roomsGet.json.update as unknown[]).length).toBeGreaterThan(10);
    expect((await call(sb.url, 'GET', `/api/v1/rooms.info?roomId=${g._id}`, { headers: admin })).text).toBe(
      '{"success":false,"error":"not-allowed","errorType":"Not Allowed"}',
    );
    const spot = await call(sb.url, 'GET', '/api/v1/spotlight?query=%23general', { headers: demo });
    expect((spot.json.rooms as { name: string }[])[0]?.name).toBe('general');
    const dir = await call(
      sb.url,
      'GET',
      `/api/v1/directory?query=${encodeURIComponent('{"type":"users","text":"demo"}')}`,
      { headers: demo },
    );
    expect((dir.json.result as { username: string }[]).map((u) => u.username)).toContain('demo');
    const settings = await call(sb.url, 'GET', '/api/v1/settings.public?_id=Site_Name');
    expect(settings.json.settings).toEqual([{ _id: 'Site_Name', value: 'Rocket.Chat Sandbox' }]);
  });
});

describe('OpenAPI', () => {
  it('documents every served route with the auth security schemes', async () => {
    const r = await call(sb.url, 'GET', '/api/docs/json');
    const doc = r.json as {
      openapi: string;
      paths: Record<string, Record<string, { security: unknown[] }>>;
      components: { securitySchemes: Record<string, { name: string }> };
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.components.securitySchemes.userId?.name).toBe('X-User-Id');
    expect(doc.components.securitySchemes.authToken?.name).toBe('X-Auth-Token');
    expect(doc.paths['/api/v1/channels.list']?.get?.security).toEqual([{ userId: [], authToken: [] }]);
    expect(doc.paths['/api/v1/login']?.post?.security).toEqual([]);
    expect(Object.keys(doc.paths).length).toBeGreaterThan(50);
  });
});

describe('permissions.listAll', () => {
  it('lists every permission with its roles for any signed-in user, and needs a login', async () => {
    const r = await call(sb.url, 'GET', '/api/v1/permissions.listAll', { headers: demo });
    expect(r.status).toBe(200);
    expect(r.json.success).toBe(true);
    expect(r.json.remove).toEqual([]);
    const update = r.json.update as Array<{ _id: string; roles: string[]; _updatedAt: string }>;
    expect(update.find((p) => p._id === 'api-bypass-rate-limit')?.roles).toEqual(['admin', 'bot', 'app']);
    expect(Number.isNaN(Date.parse(update[0]?._updatedAt ?? ''))).toBe(false);
    expect((await call(sb.url, 'GET', '/api/v1/permissions.listAll')).status).toBe(401);
  });

  it('keeps only newer permissions with updatedSince, and refuses a date it cannot read', async () => {
    const later = await call(
      sb.url,
      'GET',
      '/api/v1/permissions.listAll?updatedSince=2030-01-01T00:00:00.000Z',
      {
        headers: demo,
      },
    );
    expect(later.json.update).toEqual([]);
    const bad = await call(sb.url, 'GET', '/api/v1/permissions.listAll?updatedSince=yesterday', {
      headers: demo,
    });
    expect(bad.status).toBe(400);
    expect(bad.json).toEqual({
      success: false,
      error: 'The "updatedSince" query parameter must be a valid date. [error-roomId-param-invalid]',
      errorType: 'error-roomId-param-invalid',
    });
  });
});
