import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { readLiveCatalog } from './live-catalog';

/** A real local HTTP server answering /api/info and /api/docs/json as told; records the paths asked. */
async function fakeServer(
  answers: Record<string, { status: number; body: string }>,
): Promise<{ url: string; asked: string[]; server: Server }> {
  const asked: string[] = [];
  const server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    asked.push(req.url ?? '');
    const answer = answers[path] ?? { status: 404, body: '{"success":false}' };
    res.writeHead(answer.status, { 'content-type': 'application/json' });
    res.end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, asked, server };
}

const DOCS = JSON.stringify({
  openapi: '3.1.0',
  info: { title: 'Rocket.Chat', version: '8.1.0' },
  paths: { '/api/v1/users.list': { get: { summary: 'List users' } }, '/api/v1/custom.only': { post: {} } },
});

let open: Server[] = [];
afterEach(async () => {
  await Promise.all(open.map((s) => new Promise((r) => s.close(r))));
  open = [];
});

const direct = { kind: 'direct' } as const;
const signal = () => new AbortController().signal;

describe('readLiveCatalog', () => {
  it('reads the version and the operations the server describes', async () => {
    const fake = await fakeServer({
      '/api/info': { status: 200, body: '{"version":"8.1.0","success":true}' },
      '/api/docs/json': { status: 200, body: DOCS },
    });
    open.push(fake.server);
    const live = await readLiveCatalog(fake.url, direct, signal());
    expect(live.version).toBe('8.1.0');
    expect(live.docs).toBe('ok');
    expect(live.operations?.map((op) => `${op.method} ${op.path}`).sort()).toEqual([
      'GET /api/v1/users.list',
      'POST /api/v1/custom.only',
    ]);
    expect(fake.asked).toContain('/api/docs/json?withUndocumented=true');
  });

  it('does not ask a server older than 7.5 for /api/docs/json', async () => {
    const fake = await fakeServer({
      '/api/info': { status: 200, body: '{"version":"7.4.2","success":true}' },
    });
    open.push(fake.server);
    const live = await readLiveCatalog(fake.url, direct, signal());
    expect(live).toMatchObject({ version: '7.4.2', docs: 'absent' });
    expect(fake.asked).toEqual(['/api/info']);
  });

  it('a 404 for the description means "not offered", a broken one is explained', async () => {
    const absent = await fakeServer({ '/api/info': { status: 200, body: '{"version":"8.1.0"}' } });
    const broken = await fakeServer({
      '/api/info': { status: 200, body: '{"version":"8.1.0"}' },
      '/api/docs/json': { status: 200, body: '{"openapi": "3.0.0", "paths": ' },
    });
    open.push(absent.server, broken.server);
    expect(await readLiveCatalog(absent.url, direct, signal())).toMatchObject({ docs: 'absent' });
    const live = await readLiveCatalog(broken.url, direct, signal());
    expect(live.docs).toBe('error');
    expect(live.docsError).toMatch(/not a usable OpenAPI document: .*not valid JSON/);
  });

  it('an unreachable server gets a sentence, not an exception', async () => {
    const fake = await fakeServer({});
    open.push(fake.server);
    const url = fake.url;
    await new Promise((r) => fake.server.close(r));
    open = [];
    const live = await readLiveCatalog(url, direct, signal());
    expect(live.version).toBeUndefined();
    expect(live.infoError).toMatch(
      /^Could not reach the server: The browser could not reach http:\/\/127\.0\.0\.1:\d+\/api\/info/,
    );
  });

  it('an error answer from /api/info names the status', async () => {
    const fake = await fakeServer({ '/api/info': { status: 500, body: '{}' } });
    open.push(fake.server);
    const live = await readLiveCatalog(fake.url, direct, signal());
    expect(live.infoError).toMatch(/Could not read \/api\/info: the server answered 500/);
  });
});
