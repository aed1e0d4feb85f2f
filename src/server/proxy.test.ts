import http from 'node:http';
import net from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startExplorerServer, type RunningExplorerServer } from './server';
import { listen, request, type Peer } from './test-support';

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** An upstream that echoes what it received and sends Rocket.Chat-like headers. */
function echoUpstream(seen: Seen[]): http.Server {
  return http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const entry = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      };
      seen.push(entry);
      res.writeHead(200, 'Custom OK', [
        'Content-Type',
        'application/json',
        'X-RateLimit-Limit',
        '10',
        'X-RateLimit-Remaining',
        '9',
        'X-RateLimit-Reset',
        '1767225600000',
        'x-deprecation-type',
        'parameter-deprecated',
        'x-2fa-method',
        'totp',
        'Set-Cookie',
        'a=1',
        'Set-Cookie',
        'b=2',
        'Access-Control-Allow-Origin',
        '*',
      ]);
      res.end(JSON.stringify({ method: entry.method, url: entry.url, body: entry.body, success: true }));
    });
  });
}

let upstream: Peer;
let explorer: RunningExplorerServer;
const seen: Seen[] = [];

beforeAll(async () => {
  upstream = await listen(echoUpstream(seen));
  explorer = await startExplorerServer({
    port: 0,
    sandboxUrl: upstream.url,
    targets: [`${upstream.url}/base/`],
    staticRoot: null,
    allowedHosts: ['explorer.test'],
    connectTimeoutMs: 10_000,
    idleTimeoutMs: 10_000,
  });
});
afterAll(async () => {
  await explorer.close();
  await upstream.close();
});
afterEach(() => {
  seen.length = 0;
});

const target = (): Record<string, string> => ({ 'X-Explorer-Target': upstream.url });

describe('forwarding', () => {
  it('forwards path and query verbatim and returns status, status text and every header', async () => {
    const res = await request(explorer.url, {
      path: '/proxy/api/v1/users.list?count=5&query=%7B%22a%22%3A1%7D&x[]=1',
      headers: target(),
    });
    expect(res.status).toBe(200);
    expect(res.statusMessage).toBe('Custom OK');
    expect(JSON.parse(res.body)).toMatchObject({
      method: 'GET',
      url: '/api/v1/users.list?count=5&query=%7B%22a%22%3A1%7D&x[]=1',
    });
    expect(res.headers['x-ratelimit-limit']).toBe('10');
    expect(res.headers['x-ratelimit-remaining']).toBe('9');
    expect(res.headers['x-ratelimit-reset']).toBe('1767225600000');
    expect(res.headers['x-deprecation-type']).toBe('parameter-deprecated');
    expect(res.headers['x-2fa-method']).toBe('totp');
    expect(res.headers['set-cookie']).toEqual(['a=1', 'b=2']);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['x-explorer-proxy-error']).toBeUndefined();
  });

  it('passes auth and 2FA request headers, drops the explorer-only ones and sets Host to the upstream', async () => {
    await request(explorer.url, {
      method: 'POST',
      path: '/proxy/api/v1/users.update',
      headers: {
        ...target(),
        'X-User-Id': 'uid123',
        'X-Auth-Token': 'secret-token',
        'x-2fa-code': '123456',
        'x-2fa-method': 'totp',
        'Content-Type': 'application/json',
        Origin: explorer.url,
        Cookie: 'other-localhost-app=1',
        Referer: `${explorer.url}/#state`,
        'Sec-Fetch-Site': 'same-origin',
      },
      body: '{"data":{"name":"x"}}',
    });
    const got = seen[0]!;
    expect(got.method).toBe('POST');
    expect(got.body).toBe('{"data":{"name":"x"}}');
    expect(got.headers['x-user-id']).toBe('uid123');
    expect(got.headers['x-auth-token']).toBe('secret-token');
    expect(got.headers['x-2fa-code']).toBe('123456');
    expect(got.headers['x-2fa-method']).toBe('totp');
    expect(got.headers['content-type']).toBe('application/json');
    expect(got.headers.host).toBe(`127.0.0.1:${upstream.port}`);
    for (const name of ['x-explorer-target', 'origin', 'cookie', 'referer', 'sec-fetch-site']) {
      expect(got.headers[name], name).toBeUndefined();
    }
  });

  it('drops hop-by-hop response headers, including those named in Connection', async () => {
    const raw = net.createServer((socket) => {
      socket.once('data', () => {
        socket.end(
          'HTTP/1.1 201 Created\r\nConnection: close, X-Hop\r\nX-Hop: secret-hop\r\nKeep-Alive: timeout=5\r\n' +
            'Proxy-Authenticate: Basic\r\nX-Keep: yes\r\nContent-Length: 2\r\n\r\nok',
        );
      });
    });
    const peer = await listen(raw);
    const server = await startExplorerServer({
      port: 0,
      sandboxUrl: peer.url,
      targets: [],
      staticRoot: null,
    });
    try {
      const res = await request(server.url, { path: '/proxy/x', headers: { 'X-Explorer-Target': peer.url } });
      expect(res.status).toBe(201);
      expect(res.body).toBe('ok');
      expect(res.headers['x-keep']).toBe('yes');
      expect(res.headers['x-hop']).toBeUndefined();
      expect(res.headers['proxy-authenticate']).toBeUndefined();
      expect(res.headers['keep-alive']).toBeUndefined();
    } finally {
      await server.close();
      await peer.close();
    }
  });

  it('maps /proxy alone to the target root and keeps a base path', async () => {
    await request(explorer.url, { path: '/proxy', headers: target() });
    await request(explorer.url, {
      path: '/proxy/api/info?x=1',
      headers: { 'X-Explorer-Target': `${upstream.url}/base` },
    });
    expect(seen.map((s) => s.url)).toEqual(['/', '/base/api/info?x=1']);
  });
});

describe('allow-list', () => {
  it('refuses an unknown target with 403 JSON naming it and how to allow it, without contacting it', async () => {
    const res = await request(explorer.url, {
      path: '/proxy/api/info',
      headers: { 'X-Explorer-Target': 'https://chat.example.com' },
    });
    expect(res.status).toBe(403);
    expect(res.headers['x-explorer-proxy-error']).toBe('target-not-allowed');
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const body = JSON.parse(res.body) as { error: string; message: string };
    expect(body.error).toBe('target-not-allowed');
    expect(body.message).toContain('https://chat.example.com');
    expect(body.message).toContain('npm start -- --target https://chat.example.com');
    expect(body.message).toContain('RC_TARGETS');
    expect(seen).toHaveLength(0);
  });

  it('matches on the normalised origin and base path', async () => {
    const upper = upstream.url.replace('http://', 'HTTP://');
    for (const t of [`${upstream.url}/`, upper, `${upstream.url}/base`, `${upstream.url}/base/sub`]) {
      const res = await request(explorer.url, { path: '/proxy/a', headers: { 'X-Explorer-Target': t } });
      expect(res.status, t).toBe(200);
    }
    for (const t of [
      `${upstream.url.replace('127.0.0.1', 'localhost')}`,
      `http://127.0.0.1:${upstream.port + 1}`,
      `https://127.0.0.1:${upstream.port}`,
    ]) {
      const res = await request(explorer.url, { path: '/proxy/a', headers: { 'X-Explorer-Target': t } });
      expect(res.status, t).toBe(403);
    }
    expect(seen).toHaveLength(4);
  });

  it('does not let a path climb out of an allowed base path', async () => {
    // Allowed: sandbox root and `${upstream}/base`; `${upstream}/basement` is neither.
    const server = await startExplorerServer({
      port: 0,
      sandboxUrl: null,
      targets: [`${upstream.url}/base`],
      staticRoot: null,
    });
    try {
      const t = { 'X-Explorer-Target': `${upstream.url}/base` };
      for (const path of [
        '/proxy/../admin',
        '/proxy/%2e%2e/admin',
        '/proxy/a/%2E%2e%2fadmin',
        '/proxy/./a',
        '/proxy/a/..',
      ]) {
        const res = await request(server.url, { path, headers: t });
        expect(res.status, path).toBe(400);
        expect(res.headers['x-explorer-proxy-error']).toBe('bad-request');
      }
      const other = await request(server.url, {
        path: '/proxy/a',
        headers: { 'X-Explorer-Target': `${upstream.url}/basement` },
      });
      expect(other.status).toBe(403);
      expect(seen).toHaveLength(0);
    } finally {
      await server.close();
    }
  });
});

describe('bad input', () => {
  it.each([
    ['missing target header', {}],
    ['empty target', { 'X-Explorer-Target': '' }],
    ['not a URL', { 'X-Explorer-Target': 'not a url' }],
    ['ftp scheme', { 'X-Explorer-Target': 'ftp://127.0.0.1' }],
    ['credentials', { 'X-Explorer-Target': 'http://user:pw@127.0.0.1' }],
    ['query in target', { 'X-Explorer-Target': 'http://127.0.0.1/?a=1' }],
    ['two target headers', { 'X-Explorer-Target': ['http://127.0.0.1', 'http://127.0.0.2'] }],
  ])('answers 400 JSON for %s', async (_name, headers) => {
    const res = await request(explorer.url, { path: '/proxy/api/info', headers });
    expect(res.status).toBe(400);
    expect(res.headers['x-explorer-proxy-error']).toBe('bad-request');
    expect(JSON.parse(res.body)).toMatchObject({ error: 'bad-request' });
  });

  it('answers 400 for malformed percent-encoding in the path', async () => {
    const res = await request(explorer.url, { path: '/proxy/api/%E0%A4%A', headers: target() });
    expect(res.status).toBe(400);
    expect(seen).toHaveLength(0);
  });
});

describe('origin, host and preflight checks', () => {
  it('refuses a foreign Origin, a null Origin and a cross-site fetch with 403', async () => {
    const cases: Record<string, string>[] = [
      { Origin: 'https://evil.example' },
      { Origin: 'null' },
      { Origin: `http://localhost:${explorer.port + 1}` },
      { 'Sec-Fetch-Site': 'cross-site' },
    ];
    for (const headers of cases) {
      const res = await request(explorer.url, {
        method: 'POST',
        path: '/proxy/api/v1/login',
        headers: { ...target(), ...headers },
      });
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(res.headers['x-explorer-proxy-error']).toBe('forbidden-origin');
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    }
    expect(seen).toHaveLength(0);
  });

  it("accepts the explorer's own Origin under each name it is served by", async () => {
    for (const host of [
      `127.0.0.1:${explorer.port}`,
      `localhost:${explorer.port}`,
      `explorer.test:${explorer.port}`,
    ]) {
      const res = await request(explorer.url, {
        method: 'POST',
        path: '/proxy/x',
        headers: { ...target(), Host: host, Origin: `http://${host}` },
      });
      expect(res.status, host).toBe(200);
    }
  });

  it('refuses a Host it does not serve (DNS rebinding), on the proxy, config and pages', async () => {
    for (const path of ['/proxy/api/info', '/explorer-config.json', '/']) {
      const res = await request(explorer.url, {
        path,
        headers: { ...target(), Host: `rebind.evil.example:${explorer.port}` },
      });
      expect(res.status, path).toBe(403);
      expect(JSON.parse(res.body).message).toContain('rebind.evil.example');
    }
    expect(seen).toHaveLength(0);
  });

  it('refuses CORS preflights without any CORS header, so other sites cannot send X-Explorer-Target', async () => {
    const res = await request(explorer.url, {
      method: 'OPTIONS',
      path: '/proxy/api/info',
      headers: {
        Origin: 'https://evil.example',
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'x-explorer-target',
      },
    });
    expect(res.status).toBe(403);
    expect(Object.keys(res.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    // Even one that claims our own origin.
    const own = await request(explorer.url, {
      method: 'OPTIONS',
      path: '/proxy/api/info',
      headers: { Origin: explorer.url, 'Access-Control-Request-Method': 'GET' },
    });
    expect(own.status).toBe(403);
    expect(seen).toHaveLength(0);
  });
});
