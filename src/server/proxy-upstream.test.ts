/**
 * The proxy against upstreams that fail: nothing listening, slow or dripping answers, connections
 * reset while kept alive, and a browser that reads slowly. Each test starts its own peers.
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { startExplorerServer } from './server';
import { listen, request, type Peer } from './test-support';

describe('upstream failures', () => {
  it('answers 502 naming the cause when nothing listens', async () => {
    const closed = await listen(http.createServer());
    await closed.close();
    const server = await startExplorerServer({
      port: 0,
      sandboxUrl: closed.url,
      targets: [],
      staticRoot: null,
    });
    try {
      const res = await request(server.url, {
        path: '/proxy/api/info',
        headers: { 'X-Explorer-Target': closed.url },
      });
      expect(res.status).toBe(502);
      expect(res.headers['x-explorer-proxy-error']).toBe('upstream-unreachable');
      const body = JSON.parse(res.body) as { error: string; message: string };
      expect(body.error).toBe('upstream-unreachable');
      expect(body.message).toContain('ECONNREFUSED');
      expect(body.message).toContain(closed.url);
    } finally {
      await server.close();
    }
  });

  it('answers 504 when the upstream sends nothing within the idle timeout', async () => {
    const sockets: net.Socket[] = [];
    const silent = await listen(net.createServer((s) => sockets.push(s)));
    const server = await startExplorerServer({
      port: 0,
      sandboxUrl: silent.url,
      targets: [],
      staticRoot: null,
      idleTimeoutMs: 200,
    });
    try {
      const res = await request(server.url, {
        path: '/proxy/api/info',
        headers: { 'X-Explorer-Target': silent.url },
      });
      expect(res.status).toBe(504);
      expect(res.headers['x-explorer-proxy-error']).toBe('upstream-timeout');
      expect(JSON.parse(res.body)).toMatchObject({ error: 'upstream-timeout' });
    } finally {
      sockets.forEach((s) => s.destroy());
      await server.close();
      await silent.close();
    }
  });

  it('answers 504 when the upstream does not accept the connection within the connect timeout', async () => {
    // A listener whose accept queue is full: Linux drops further SYNs, so connecting hangs. The
    // listener lives in a child process that blocks its event loop, so it never accepts.
    const child = spawn(
      process.execPath,
      [
        '-e',
        `const s = require('net').createServer().listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {
           console.log(s.address().port);
           Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 30000);
         });`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const sockets: net.Socket[] = [];
    try {
      const port = Number(
        await new Promise<string>((r) => child.stdout.once('data', (d: Buffer) => r(d.toString()))),
      );
      // Fill the accept queue (backlog + 1 connections complete the handshake in the kernel).
      for (let i = 0; i < 2; i++) {
        const s = net.connect(port, '127.0.0.1');
        sockets.push(s);
        await new Promise((r) => s.once('connect', r));
      }
      sockets.push(net.connect(port, '127.0.0.1').on('error', () => undefined));
      const target = `http://127.0.0.1:${port}`;
      const server = await startExplorerServer({
        port: 0,
        sandboxUrl: target,
        targets: [],
        staticRoot: null,
        connectTimeoutMs: 300,
        idleTimeoutMs: 60_000,
      });
      try {
        const res = await request(server.url, {
          path: '/proxy/api/info',
          headers: { 'X-Explorer-Target': target },
        });
        expect(res.status).toBe(504);
        expect(res.headers['x-explorer-proxy-error']).toBe('upstream-timeout');
        expect(JSON.parse(res.body).message).toContain('did not accept a connection within 300 ms');
      } finally {
        await server.close();
      }
    } finally {
      sockets.forEach((s) => s.destroy());
      child.kill('SIGKILL');
    }
  });

  it('answers 504 when the upstream stalls in the middle of a small body', async () => {
    const stalling = await listen(
      http.createServer((_req, res) => {
        res.writeHead(200, { 'Content-Length': '100' });
        res.write('partial');
      }),
    );
    const server = await startExplorerServer({
      port: 0,
      sandboxUrl: stalling.url,
      targets: [],
      staticRoot: null,
      idleTimeoutMs: 200,
    });
    try {
      const res = await request(server.url, {
        path: '/proxy/x',
        headers: { 'X-Explorer-Target': stalling.url },
      });
      expect(res.status).toBe(504);
      expect(res.headers['x-explorer-proxy-error']).toBe('upstream-timeout');
    } finally {
      await server.close();
      await stalling.close();
    }
  });

  it('cuts a large response already streaming when the upstream stalls mid-body', async () => {
    const head = 'p'.repeat(100 * 1024);
    const stalling = await listen(
      http.createServer((_req, res) => {
        res.writeHead(200, { 'Content-Length': String(head.length + 100) });
        res.write(head);
      }),
    );
    const server = await startExplorerServer({
      port: 0,
      sandboxUrl: stalling.url,
      targets: [],
      staticRoot: null,
      idleTimeoutMs: 200,
    });
    try {
      const outcome = await new Promise<string>((resolve) => {
        const r = http.get(
          `${server.url}/proxy/x`,
          { headers: { 'X-Explorer-Target': stalling.url } },
          (res) => {
            let got = 0;
            res.on('data', (c: Buffer) => (got += c.length));
            res.on('end', () => resolve(`end ${res.statusCode} ${got}`));
            res.on('error', () => resolve(`cut ${res.statusCode} ${got}`));
            res.on('aborted', () => resolve(`cut ${res.statusCode} ${got}`));
          },
        );
        r.on('error', () => resolve('request error'));
      });
      expect(outcome).toBe(`cut 200 ${head.length}`);
    } finally {
      await server.close();
      await stalling.close();
    }
  });

  it('stops the upstream request when the browser goes away', async () => {
    let upstreamClosed!: () => void;
    const closed = new Promise<void>((r) => (upstreamClosed = r));
    const slow = await listen(
      http.createServer((req, res) => {
        res.writeHead(200);
        // More than the proxy holds back, so the browser sees the start of a long download.
        res.write('f'.repeat(100 * 1024));
        req.socket.on('close', upstreamClosed);
      }),
    );
    const server = await startExplorerServer({
      port: 0,
      sandboxUrl: slow.url,
      targets: [],
      staticRoot: null,
    });
    try {
      await new Promise<void>((resolve) => {
        const r = http.get(
          `${server.url}/proxy/x`,
          { headers: { 'X-Explorer-Target': slow.url }, agent: false },
          (res) => {
            res.once('data', () => {
              r.destroy();
              resolve();
            });
          },
        );
        r.on('error', () => undefined);
      });
      await closed; // would time out the test if the proxy kept the upstream request open
    } finally {
      await server.close();
      await slow.close();
    }
  });
});

describe('kept-alive connections', () => {
  /** Answers the first request of each connection, and resets the connection on the second. */
  async function resettingUpstream(): Promise<Peer & { connections: () => number }> {
    let connections = 0;
    const server = net.createServer((socket) => {
      const n = ++connections;
      let requests = 0;
      socket.on('data', (chunk: Buffer) => {
        if (!chunk.toString('latin1').includes('\r\n\r\n')) return;
        requests++;
        if (requests === 1)
          socket.write(`HTTP/1.1 200 OK\r\nContent-Length: 1\r\nKeep-Alive: timeout=60\r\n\r\n${n}`);
        else socket.resetAndDestroy();
      });
    });
    const peer = await listen(server);
    return { ...peer, connections: () => connections };
  }

  it('sends a body-less request again when the server reset the reused connection', async () => {
    const peer = await resettingUpstream();
    const server = await startExplorerServer({
      port: 0,
      sandboxUrl: peer.url,
      targets: [],
      staticRoot: null,
    });
    try {
      const t = { 'X-Explorer-Target': peer.url };
      expect((await request(server.url, { path: '/proxy/a', headers: t })).body).toBe('1');
      const second = await request(server.url, { path: '/proxy/b', headers: t });
      expect(second.status).toBe(200);
      expect(second.body).toBe('2');
      expect(peer.connections()).toBe(2);
    } finally {
      await server.close();
      await peer.close();
    }
  });

  it('never replays a request with a body: 502 naming the reset', async () => {
    const peer = await resettingUpstream();
    const server = await startExplorerServer({
      port: 0,
      sandboxUrl: peer.url,
      targets: [],
      staticRoot: null,
    });
    try {
      const t = { 'X-Explorer-Target': peer.url };
      await request(server.url, { path: '/proxy/a', headers: t });
      const post = await request(server.url, {
        method: 'POST',
        path: '/proxy/b',
        headers: t,
        body: '{"x":1}',
      });
      expect(post.status).toBe(502);
      expect(JSON.parse(post.body).message).toContain('ECONNRESET');
      expect(peer.connections()).toBe(1);
    } finally {
      await server.close();
      await peer.close();
    }
  });
});

describe('idle timeout and a slow reader', () => {
  it('does not cut a response while the browser, not the upstream, is slow', async () => {
    const size = 32 * 1024 * 1024;
    const big = await listen(
      http.createServer((_req, res) => {
        res.writeHead(200, { 'Content-Length': String(size) });
        res.end(Buffer.alloc(size, 'y'));
      }),
    );
    const server = await startExplorerServer({
      port: 0,
      sandboxUrl: big.url,
      targets: [],
      staticRoot: null,
      idleTimeoutMs: 1000,
    });
    try {
      const received = await new Promise<number>((resolve, reject) => {
        const r = http.get(
          `${server.url}/proxy/big`,
          { headers: { 'X-Explorer-Target': big.url }, agent: false },
          (res) => {
            let n = 0;
            let paused = false;
            res.on('data', (c: Buffer) => {
              n += c.length;
              if (!paused) {
                // Stop reading for several idle timeouts: the proxy is back-pressured, the upstream waits.
                paused = true;
                res.pause();
                setTimeout(() => res.resume(), 3500);
              }
            });
            res.on('end', () => resolve(n));
            res.on('aborted', () => reject(new Error(`cut after ${n} bytes`)));
            res.on('error', reject);
          },
        );
        r.on('error', reject);
      });
      expect(received).toBe(size);
    } finally {
      await server.close();
      await big.close();
    }
  }, 20_000);
});
