import http from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startExplorerServer, type RunningExplorerServer } from './server';
import { listen, request, type Peer } from './test-support';

/**
 * Team deployment: the explorer behind a real (Node) reverse proxy that forwards like nginx's
 * default `proxy_pass`: the Host becomes the upstream's 127.0.0.1:port, X-Forwarded-* say where
 * the request came from. People open the public address; with --public-url set to it, pages from
 * it are served and may use the proxy, and other origins still may not.
 */
const PUBLIC_HOST = 'explorer.team.test';
let dist: string;
let upstream: Peer;
let explorer: RunningExplorerServer;
let reverseProxy: Peer;
let publicOrigin: string;

beforeAll(async () => {
  dist = mkdtempSync(path.join(tmpdir(), 'explorer-public-'));
  writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>explorer</title>');
  upstream = await listen(
    http.createServer((req, res) => res.end(JSON.stringify({ success: true, path: req.url }))),
  );
  reverseProxy = await listen(
    http.createServer((req, res) => {
      const target = new URL(explorer.url);
      const forwarded = http.request(
        {
          host: target.hostname,
          port: target.port,
          method: req.method,
          path: req.url,
          headers: {
            ...req.headers,
            host: target.host,
            'x-forwarded-host': req.headers.host ?? '',
            'x-forwarded-proto': 'http',
            'x-forwarded-for': req.socket.remoteAddress ?? '',
          },
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      req.pipe(forwarded);
    }),
  );
  publicOrigin = `http://${PUBLIC_HOST}:${reverseProxy.port}`;
  explorer = await startExplorerServer({
    port: 0,
    sandboxUrl: upstream.url,
    targets: [],
    staticRoot: dist,
    publicOrigin,
  });
});
afterAll(async () => {
  await reverseProxy.close();
  await explorer.close();
  await upstream.close();
  rmSync(dist, { recursive: true, force: true });
});

/** A browser at the public address, reaching the reverse proxy. */
function viaReverseProxy(pathname: string, headers: Record<string, string>, method = 'GET') {
  return request(reverseProxy.url, {
    path: pathname,
    method,
    headers: { Host: `${PUBLIC_HOST}:${reverseProxy.port}`, ...headers },
  });
}

describe('--public-url behind a reverse proxy', () => {
  it('serves the page to the public host name', async () => {
    const direct = await request(explorer.url, { path: '/', headers: { Host: PUBLIC_HOST } });
    expect(direct.status).toBe(200);
    expect((await viaReverseProxy('/', {})).body).toContain('<title>explorer</title>');
  });

  it('lets pages of the public origin use the proxy', async () => {
    const res = await viaReverseProxy(
      '/proxy/api/info',
      { Origin: publicOrigin, 'X-Explorer-Target': upstream.url, 'Sec-Fetch-Site': 'same-origin' },
      'POST',
    );
    expect(res.status, res.body).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ success: true, path: '/api/info' });
  });

  it('still refuses other origins and other host names', async () => {
    const foreign = await viaReverseProxy(
      '/proxy/api/info',
      { Origin: 'http://evil.test', 'X-Explorer-Target': upstream.url },
      'POST',
    );
    expect(foreign.status).toBe(403);
    expect(JSON.parse(foreign.body)).toMatchObject({ error: 'forbidden-origin' });
    const lookalike = await viaReverseProxy(
      '/proxy/api/info',
      { Origin: `https://${PUBLIC_HOST}:${reverseProxy.port}`, 'X-Explorer-Target': upstream.url },
      'POST',
    );
    expect(lookalike.status).toBe(403);
    const rebinding = await request(explorer.url, { path: '/', headers: { Host: 'evil.test' } });
    expect(rebinding.status).toBe(403);
  });

  it('refuses the public origin when it is not configured', async () => {
    const plain = await startExplorerServer({
      port: 0,
      sandboxUrl: upstream.url,
      targets: [],
      staticRoot: dist,
    });
    try {
      const res = await request(plain.url, {
        path: '/proxy/api/info',
        method: 'POST',
        headers: { Origin: publicOrigin, 'X-Explorer-Target': upstream.url },
      });
      expect(res.status).toBe(403);
    } finally {
      await plain.close();
    }
  });
});
