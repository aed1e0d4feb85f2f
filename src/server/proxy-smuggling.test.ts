import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { recordingUpstream, type RecordingUpstream } from './raw-peer';
import { startExplorerServer, type RunningExplorerServer } from './server';
import { rawExchange, request } from './test-support';

/**
 * Request smuggling and header steering through the proxy (issue #16, items 1, 2, 5, 6, 7), driven
 * over real sockets: the upstream parses requests one after another on each kept-alive connection,
 * as a real server does, so any body the proxy forwarded unframed would surface as an extra request.
 */

let upstream: RecordingUpstream;
let other: RecordingUpstream;
let explorer: RunningExplorerServer;
const logs: string[] = [];

beforeAll(async () => {
  upstream = await recordingUpstream();
  other = await recordingUpstream();
  explorer = await startExplorerServer({
    port: 0,
    sandboxUrl: upstream.url,
    targets: [other.url, `${upstream.url}/base`],
    staticRoot: null,
    connectTimeoutMs: 2000,
    idleTimeoutMs: 1500,
    log: (line) => logs.push(line),
  });
});
afterAll(async () => {
  await explorer.close();
  await upstream.close();
  await other.close();
});
afterEach(() => {
  upstream.requests.length = 0;
  other.requests.length = 0;
  logs.length = 0;
});

const smuggled =
  'POST /CAPTURE HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 90\r\n\r\n';

/** The victim's request: a signed-in GET through the proxy on its own connection. */
function victim(): Promise<{ status: number; body: string }> {
  return request(explorer.url, {
    path: '/proxy/api/v1/me',
    headers: { 'X-Explorer-Target': upstream.url, 'X-Auth-Token': 'victim-token', 'X-User-Id': 'victim-id' },
  });
}

function head(port: number, extra: string): string {
  return `GET /proxy/api/v1/info HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Explorer-Target: ${upstream.url}\r\n${extra}`;
}

describe('request smuggling into the upstream connection', () => {
  it('refuses a chunked GET whose body is another request; the next client keeps its token', async () => {
    const chunk = `${smuggled.length.toString(16)}\r\n${smuggled}\r\n0\r\n\r\n`;
    const answer = await rawExchange(
      explorer.port,
      head(explorer.port, `Transfer-Encoding: chunked\r\n\r\n${chunk}`),
      1500,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).toContain('chunked body');
    const res = await victim();
    expect(res.status).toBe(200);
    expect(upstream.requests.some((r) => r.path === '/CAPTURE')).toBe(false);
    expect(upstream.requests.filter((r) => r.body.includes('victim-token'))).toEqual([]);
    const me = upstream.requests.find((r) => r.path === '/api/v1/me');
    expect(me?.headers['x-auth-token']).toBe('victim-token');
  });

  it('refuses a Connection header that names Content-Length; the body never becomes a request', async () => {
    const answer = await rawExchange(
      explorer.port,
      head(
        explorer.port,
        `Connection: close, content-length\r\nContent-Length: ${smuggled.length}\r\n\r\n${smuggled}`,
      ),
      1500,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).toContain('end-to-end headers');
    const res = await victim();
    expect(res.status).toBe(200);
    expect(upstream.requests.map((r) => r.path)).toEqual(['/api/v1/me']);
  });

  it('refuses Transfer-Encoding together with Content-Length', async () => {
    const answer = await rawExchange(
      explorer.port,
      head(explorer.port, 'Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n'),
      1500,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(upstream.requests).toEqual([]);
  });

  it('re-frames bodies itself: a GET body with a length and a chunked POST arrive whole, one request each', async () => {
    const withLength = await request(explorer.url, {
      path: '/proxy/a',
      headers: { 'X-Explorer-Target': upstream.url, 'Content-Length': String(smuggled.length) },
      body: smuggled,
    });
    expect(withLength.status).toBe(200);
    const chunked = await rawExchange(
      explorer.port,
      `POST /proxy/b HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Explorer-Target: ${upstream.url}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n`,
      1500,
    );
    expect(chunked).toMatch(/^HTTP\/1\.1 200 /);
    expect(upstream.requests.map((r) => [r.method, r.path, r.body])).toEqual([
      ['GET', '/a', smuggled],
      ['POST', '/b', 'abcde'],
    ]);
  });

  it('never reuses one upstream connection for two different credentials', async () => {
    const as = (token: string): Promise<unknown> =>
      request(explorer.url, {
        path: '/proxy/x',
        headers: { 'X-Explorer-Target': upstream.url, 'X-Auth-Token': token, 'X-User-Id': 'u' },
      });
    await as('token-a');
    await as('token-b');
    await as('token-a');
    const [a1, b, a2] = upstream.requests;
    expect(a1!.connection).toBe(a2!.connection);
    expect(b!.connection).not.toBe(a1!.connection);
  });
});

describe('target header steering', () => {
  it('refuses a target header holding two URLs (a browser merges same-named headers with a comma)', async () => {
    const res = await request(explorer.url, {
      path: '/proxy/api/v1/me',
      headers: { 'X-Explorer-Target': `${other.url}/x, ${upstream.url}`, 'X-Auth-Token': 'victim-token' },
    });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).message).toContain('more than one URL');
    expect(other.requests).toEqual([]);
  });

  it('refuses encoded dot segments in a target base path', async () => {
    for (const suffix of ['/base/..%2f', '/base/%2e%2e%2f', '/base/..%5c', '/base/%2E%2E%2Fx']) {
      const res = await request(explorer.url, {
        path: '/proxy/api/info',
        headers: { 'X-Explorer-Target': upstream.url + suffix },
      });
      expect(res.status, suffix).toBe(400);
    }
    expect(upstream.requests).toEqual([]);
  });
});

describe('forwarding headers', () => {
  it('drops client-sent X-Forwarded-For, X-Real-IP and Forwarded and sets its own', async () => {
    const res = await request(explorer.url, {
      path: '/proxy/login',
      headers: {
        'X-Explorer-Target': upstream.url,
        'X-Forwarded-For': '203.0.113.7',
        'X-Real-IP': '203.0.113.8',
        Forwarded: 'for=203.0.113.9',
      },
    });
    expect(res.status).toBe(200);
    const seen = upstream.requests[0]!.headers;
    expect(seen['x-forwarded-for']).toBe('127.0.0.1');
    expect(seen['x-real-ip']).toBeUndefined();
    expect(seen.forwarded).toBeUndefined();
  });
});

describe('logs', () => {
  it('write the origin of a refused target only, never its user name and password', async () => {
    const res = await request(explorer.url, {
      path: '/proxy/api/info',
      headers: { 'X-Explorer-Target': 'http://user:s3cret-pw@127.0.0.1:9/base?q=1' },
    });
    expect(res.status).toBe(400);
    expect(res.body).not.toContain('s3cret-pw');
    await new Promise((r) => setTimeout(r, 50));
    expect(logs.join('\n')).toContain('-> http://127.0.0.1:9 400');
    expect(logs.join('\n')).not.toContain('s3cret-pw');
    expect(logs.join('\n')).not.toContain('user');
  });
});
