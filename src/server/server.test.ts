import http from 'node:http';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startExplorerServer, type RunningExplorerServer } from './server';
import { listen, rawExchange, request, type Peer } from './test-support';

let dist: string;
let explorer: RunningExplorerServer;
let upstream: Peer;
const INDEX =
  '<!doctype html><html><head><script type="module" src="/assets/index-AbC123.js"></script></head><body></body></html>';

beforeAll(async () => {
  dist = mkdtempSync(path.join(tmpdir(), 'explorer-dist-'));
  mkdirSync(path.join(dist, 'assets'));
  writeFileSync(path.join(dist, 'index.html'), INDEX);
  writeFileSync(path.join(dist, 'assets', 'index-AbC123.js'), 'console.log("app");');
  writeFileSync(path.join(dist, 'assets', 'style-Zz9.css'), 'body{}');
  writeFileSync(path.join(dist, 'assets', 'codicon-1.ttf'), Buffer.from([0, 1, 0, 0]));
  writeFileSync(path.join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  upstream = await listen(http.createServer((_req, res) => res.end('{"success":true}')));
  explorer = await startExplorerServer({
    port: 0,
    sandboxUrl: `${upstream.url}/`,
    targets: ['https://chat.example.com/rc/', 'https://open.example.org'],
    staticRoot: dist,
  });
});
afterAll(async () => {
  await explorer.close();
  await upstream.close();
  rmSync(dist, { recursive: true, force: true });
});

function csp(res: { headers: http.IncomingHttpHeaders }): Map<string, string> {
  const value = String(res.headers['content-security-policy'] ?? '');
  return new Map(
    value.split(';').map((d) => {
      const [name = '', ...rest] = d.trim().split(/\s+/);
      return [name, rest.join(' ')];
    }),
  );
}

describe('pages', () => {
  it('serves index.html with a strict CSP, security headers and no-cache', async () => {
    const res = await request(explorer.url, { path: '/' });
    expect(res.status).toBe(200);
    expect(res.body).toBe(INDEX);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-cache');
    const policy = csp(res);
    expect(policy.get('default-src')).toBe("'self'");
    expect(policy.get('script-src')).toBe("'self'");
    expect(policy.get('worker-src')).toBe("'self' blob:");
    expect(policy.get('style-src')).toBe("'self' 'unsafe-inline'");
    expect(policy.get('img-src')).toBe("'self' data: blob:");
    expect(policy.get('font-src')).toBe("'self' data:");
    expect(policy.get('connect-src')).toBe(
      `'self' ${upstream.url} https://chat.example.com https://open.example.org https://raw.githubusercontent.com`,
    );
    expect(policy.get('object-src')).toBe("'none'");
    expect(policy.get('base-uri')).toBe("'none'");
    expect(policy.get('frame-ancestors')).toBe("'none'");
    expect(policy.get('form-action')).toBe("'self'");
    expect(String(res.headers['content-security-policy'])).not.toMatch(
      /unsafe-eval|'unsafe-inline'.*script|script-src[^;]*unsafe/,
    );
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(res.headers['permissions-policy']).toContain('camera=()');
  });

  it('falls back to index.html for client routes, with the same headers', async () => {
    for (const p of ['/operations/users.list', '/api/v1/chat.postMessage', '/deep/link/', '/x?y=1']) {
      const res = await request(explorer.url, { path: p });
      expect(res.status, p).toBe(200);
      expect(res.body).toBe(INDEX);
      expect(csp(res).get('script-src')).toBe("'self'");
    }
  });

  it('serves hashed assets with their content type and a long immutable cache', async () => {
    const js = await request(explorer.url, { path: '/assets/index-AbC123.js' });
    expect(js.status).toBe(200);
    expect(js.body).toBe('console.log("app");');
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(js.headers['x-content-type-options']).toBe('nosniff');
    expect((await request(explorer.url, { path: '/assets/style-Zz9.css' })).headers['content-type']).toBe(
      'text/css; charset=utf-8',
    );
    expect((await request(explorer.url, { path: '/assets/codicon-1.ttf' })).headers['content-type']).toBe(
      'font/ttf',
    );
    const icon = await request(explorer.url, { path: '/favicon.svg' });
    expect(icon.headers['content-type']).toBe('image/svg+xml');
    expect(icon.headers['cache-control']).toBe('no-cache');
  });

  it('answers 304 to a matching If-None-Match and HEAD without a body', async () => {
    const first = await request(explorer.url, { path: '/' });
    const again = await request(explorer.url, {
      path: '/',
      headers: { 'If-None-Match': String(first.headers.etag) },
    });
    expect(again.status).toBe(304);
    expect(again.body).toBe('');
    const head = await request(explorer.url, { method: 'HEAD', path: '/' });
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String(INDEX.length));
    expect(head.body).toBe('');
  });

  it('answers 404 for a missing file with an extension instead of HTML', async () => {
    const res = await request(explorer.url, { path: '/assets/missing-123.js' });
    expect(res.status).toBe(404);
    expect(res.body).not.toContain('<html');
  });

  it('never serves files outside the build folder', async () => {
    writeFileSync(path.join(path.dirname(dist), 'explorer-secret.txt'), 'TOP-SECRET');
    for (const p of [
      '/../explorer-secret.txt',
      '/assets/../../explorer-secret.txt',
      '/%2e%2e/explorer-secret.txt',
      '/assets%2f..%2f..%2fexplorer-secret.txt',
      '/..%5cexplorer-secret.txt',
    ]) {
      const res = await request(explorer.url, { path: p });
      expect(res.body, p).not.toContain('TOP-SECRET');
    }
    rmSync(path.join(path.dirname(dist), 'explorer-secret.txt'));
  });

  it('refuses other methods on pages with 405', async () => {
    const res = await request(explorer.url, { method: 'POST', path: '/', headers: { Origin: explorer.url } });
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD');
  });

  it('says how to build when dist/ is missing', async () => {
    const server = await startExplorerServer({
      port: 0,
      sandboxUrl: null,
      targets: [],
      staticRoot: path.join(dist, 'nope'),
    });
    try {
      const res = await request(server.url, { path: '/' });
      expect(res.status).toBe(503);
      expect(res.body).toContain('npm run build');
    } finally {
      await server.close();
    }
  });
});

describe('GET /explorer-config.json', () => {
  it('names the sandbox, every allowed target and the proxy path', async () => {
    const res = await request(explorer.url, { path: '/explorer-config.json' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(res.body)).toEqual({
      sandboxUrl: upstream.url,
      defaultServer: upstream.url,
      targets: [upstream.url, 'https://chat.example.com/rc', 'https://open.example.org'],
      proxyPath: '/proxy',
    });
  });

  /** The config a server started with these options serves (the server is closed afterwards). */
  async function configServedBy(options: {
    sandboxUrl: string | null;
    targets: string[];
    defaultServer?: string;
  }): Promise<unknown> {
    const server = await startExplorerServer({ port: 0, staticRoot: null, ...options });
    try {
      return JSON.parse((await request(server.url, { path: '/explorer-config.json' })).body);
    } finally {
      await server.close();
    }
  }

  it('says null when there is no sandbox and no target', async () => {
    expect(await configServedBy({ sandboxUrl: null, targets: [] })).toEqual({
      sandboxUrl: null,
      defaultServer: null,
      targets: [],
      proxyPath: '/proxy',
    });
  });

  it('opens on the only target when there is no sandbox (`--target` alone)', async () => {
    expect(
      await configServedBy({ sandboxUrl: null, targets: ['https://Chat.Example.com/rc/'] }),
    ).toMatchObject({
      defaultServer: 'https://chat.example.com/rc',
    });
  });

  it('opens on the named default, written as the targets are, and refuses one it may not reach', async () => {
    const config = await configServedBy({
      sandboxUrl: 'http://127.0.0.1:4100',
      targets: ['https://chat.example.com/rc'],
      defaultServer: 'https://CHAT.example.com/rc/',
    });
    expect(config).toMatchObject({ defaultServer: 'https://chat.example.com/rc' });
    expect(() =>
      startExplorerServer({
        port: 0,
        sandboxUrl: null,
        targets: ['https://chat.example.com'],
        defaultServer: 'https://other.example.com',
        staticRoot: null,
      }),
    ).toThrow(/not among the servers the explorer may reach/);
  });
});

describe('garbage', () => {
  const GARBAGE: (string | Buffer)[] = [
    'GARBAGE\r\n\r\n',
    'GET\r\n\r\n',
    'GET / HTTP/9.9\r\n\r\n',
    'GET /\x00 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n',
    'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header Name: x\r\n\r\n',
    'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX: \x01\x02\r\n\r\n',
    'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: abc\r\n\r\n',
    'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
    'POST /proxy/x HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\nX-Explorer-Target: http://127.0.0.1:1\r\n\r\nzz\r\n',
    `GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(100_000)}\r\n\r\n`,
    `GET /${'a'.repeat(70_000)} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`,
    'GET /%%%%/%E0%A4%A HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n',
    'GET /proxy/%%% HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Explorer-Target: %%%\r\n\r\n',
    'GET /proxy/a HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Explorer-Target: http://[::1\r\n\r\n',
    'GET /proxy/a HTTP/1.1\r\nHost: [zz\r\nX-Explorer-Target: http://127.0.0.1:1\r\n\r\n',
    'GET /proxy/a HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: ://\r\n\r\n',
    'GET http://evil.example/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n',
    'GET * HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n',
    'CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n',
    'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n',
    'GET / HTTP/1.1\r\n',
    Buffer.from([0x16, 0x03, 0x01, 0x00, 0xa5, 0x01, 0x00, 0x00, 0xa1]), // a TLS ClientHello
    Buffer.alloc(4096, 0xff),
  ];

  it('keeps answering after malformed request lines, headers and paths', async () => {
    let refusals = 0;
    for (const bytes of GARBAGE) {
      const answer = await rawExchange(explorer.port, bytes, 300);
      if (/^HTTP\/1\.1 (4\d\d)/.test(answer)) refusals++;
      expect(answer, JSON.stringify(bytes.toString().slice(0, 60))).not.toMatch(/^HTTP\/1\.1 5\d\d/);
      const ok = await request(explorer.url, { path: '/' });
      expect(ok.status).toBe(200);
    }
    // Most of it is refused with a 4xx (the rest is closed or answered with the page).
    expect(refusals).toBeGreaterThan(GARBAGE.length / 2);
  });
});
