import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cannedUpstream } from './raw-peer';
import { startExplorerServer, type RunningExplorerServer } from './server';
import { request, type Peer } from './test-support';

/**
 * Odd upstream replies (issue #16, item 3), each written byte for byte by a raw-socket upstream.
 * Each must become a clean 502 naming the cause, within the timeouts, and the explorer must keep
 * answering afterwards (a throw from the error path used to end the process).
 */

const ok = 'Content-Length: 2\r\n\r\nok';

const ODD: [name: string, reply: string, close: boolean, cause: RegExp][] = [
  ['reason phrase with \\x01', `HTTP/1.1 200 OK\x01\r\n${ok}`, false, /reason phrase|invalid HTTP/],
  ['reason phrase with \\x7f', `HTTP/1.1 200 OK\x7f\r\n${ok}`, false, /reason phrase|invalid HTTP/],
  ['reason phrase with \\x1b', `HTTP/1.1 200 OK\x1b[31m\r\n${ok}`, false, /reason phrase|invalid HTTP/],
  ['reason phrase with \\x00', `HTTP/1.1 200 OK\x00\r\n${ok}`, false, /reason phrase|invalid HTTP/],
  [
    'header value with \\x01',
    `HTTP/1.1 200 OK\r\nX-Odd: a\x01b\r\n${ok}`,
    false,
    /control character|invalid HTTP/,
  ],
  [
    'header value with \\x7f',
    `HTTP/1.1 200 OK\r\nX-Odd: a\x7fb\r\n${ok}`,
    false,
    /control character|invalid HTTP/,
  ],
  ['status 000', `HTTP/1.1 000 Zero\r\n${ok}`, false, /status 000|invalid HTTP/],
  ['status 099', `HTTP/1.1 099 Low\r\n${ok}`, false, /status 099|invalid HTTP/],
  ['status 999', `HTTP/1.1 999 High\r\n${ok}`, false, /status 999/],
  [
    '101 with Upgrade',
    'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n',
    false,
    /101/,
  ],
  ['101 without Upgrade', 'HTTP/1.1 101 Switching Protocols\r\n\r\n', false, /101/],
  [
    '204 with a body',
    'HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\nhello',
    false,
    /204 No Content with a body/,
  ],
  [
    'short Content-Length',
    'HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort',
    true,
    /after 5 of the 100 body bytes/,
  ],
  [
    'cut chunked body',
    'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel',
    true,
    /before the end of its chunked body/,
  ],
  [
    'HTTP/1.0 without length',
    'HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nbody',
    true,
    /neither Content-Length nor chunked/,
  ],
];

let explorer: RunningExplorerServer;
const peers: Peer[] = [];

beforeAll(async () => {
  for (const [, reply, close] of ODD) peers.push(await cannedUpstream(reply, close));
  explorer = await startExplorerServer({
    port: 0,
    sandboxUrl: null,
    targets: peers.map((p) => p.url),
    staticRoot: null,
    connectTimeoutMs: 1000,
    idleTimeoutMs: 1000,
  });
});
afterAll(async () => {
  await explorer.close();
  await Promise.all(peers.map((p) => p.close()));
});

describe('odd upstream replies', () => {
  it.each(ODD.map((c, i) => [c[0], i] as const))('%s: a clean 502 naming the cause', async (_name, i) => {
    const [, , , cause] = ODD[i]!;
    const res = await request(explorer.url, {
      path: '/proxy/api/info',
      headers: { 'X-Explorer-Target': peers[i]!.url },
    });
    expect(res.status).toBe(502);
    expect(res.statusMessage).toBe('Bad Gateway');
    expect(res.headers['x-explorer-proxy-error']).toBe('upstream-bad-response');
    const body = JSON.parse(res.body) as { message: string };
    expect(body.message).toContain(peers[i]!.url);
    expect(body.message).toMatch(cause);
    // The explorer is still there for the next request.
    const config = await request(explorer.url, { path: '/explorer-config.json' });
    expect(config.status).toBe(200);
  });

  it('relays a 103 Early Hints followed by the real answer as that answer', async () => {
    const peer = await cannedUpstream(
      `HTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\nHTTP/1.1 200 OK\r\n${ok}`,
      false,
    );
    const server = await startExplorerServer({
      port: 0,
      sandboxUrl: peer.url,
      targets: [],
      staticRoot: null,
    });
    try {
      const res = await request(server.url, { path: '/proxy/x', headers: { 'X-Explorer-Target': peer.url } });
      expect([res.status, res.body]).toEqual([200, 'ok']);
    } finally {
      await server.close();
      await peer.close();
    }
  });
});
