import http from 'node:http';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaticHandler } from './static-files';
import { listen, type Peer } from './test-support';

/** The static handler alone, over a build folder with the precompressed siblings the build writes. */
let dist: string;
let plain: Peer;
let withMaps: Peer;
const JS = `export const app = ${JSON.stringify('x'.repeat(2000))};\n//# sourceMappingURL=app-H4sh.js.map\n`;
const INDEX = '<!doctype html><title>t</title><script type="module" src="/assets/app-H4sh.js"></script>';

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function get(peer: Peer, pathname: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    http
      .get(`${peer.url}${pathname}`, { headers, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

beforeAll(async () => {
  dist = mkdtempSync(path.join(tmpdir(), 'explorer-static-'));
  mkdirSync(path.join(dist, 'assets'));
  const write = (name: string, data: string | Buffer): void => writeFileSync(path.join(dist, name), data);
  write('index.html', INDEX);
  write('index.html.gz', gzipSync(INDEX));
  write('assets/app-H4sh.js', JS);
  write('assets/app-H4sh.js.br', brotliCompressSync(JS));
  write('assets/app-H4sh.js.gz', gzipSync(JS));
  write('assets/app-H4sh.js.map', '{"version":3,"sources":["secret-source.ts"]}');
  write('assets/small-H4sh.css', 'body{}');
  const start = (sourceMaps: boolean): Promise<Peer> => {
    const handler = createStaticHandler({ root: dist, csp: "default-src 'self'", sourceMaps });
    return listen(http.createServer(handler));
  };
  plain = await start(false);
  withMaps = await start(true);
});
afterAll(async () => {
  await plain.close();
  await withMaps.close();
  rmSync(dist, { recursive: true, force: true });
});

describe('precompressed assets', () => {
  it('sends brotli to a client that accepts it, with the immutable cache and Vary', async () => {
    const res = await get(plain, '/assets/app-H4sh.js', { 'Accept-Encoding': 'gzip, deflate, br, zstd' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers.vary).toBe('Accept-Encoding');
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    expect(res.body.length).toBeLessThan(JS.length / 5);
    expect(brotliDecompressSync(res.body).toString()).toBe(JS);
  });

  it('sends gzip when brotli is not accepted, and the file itself when nothing is', async () => {
    const gz = await get(plain, '/assets/app-H4sh.js', { 'Accept-Encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(JS);
    for (const accept of [undefined, 'identity', 'br;q=0, gzip;q=0']) {
      const res = await get(
        plain,
        '/assets/app-H4sh.js',
        accept === undefined ? {} : { 'Accept-Encoding': accept },
      );
      expect(res.headers['content-encoding'], accept).toBeUndefined();
      expect(res.headers.vary).toBe('Accept-Encoding');
      expect(res.body.toString()).toBe(JS);
    }
  });

  it('serves a file without siblings as is, still with Vary', async () => {
    const res = await get(plain, '/assets/small-H4sh.css', { 'Accept-Encoding': 'br, gzip' });
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers.vary).toBe('Accept-Encoding');
    expect(res.body.toString()).toBe('body{}');
  });

  it('compresses index.html and client routes too, always revalidated', async () => {
    for (const p of ['/', '/operations/users.list']) {
      const res = await get(plain, p, { 'Accept-Encoding': 'gzip, br' });
      expect(res.headers['content-encoding'], p).toBe('gzip');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(gunzipSync(res.body).toString()).toBe(INDEX);
    }
  });

  it('gives each encoding its own ETag and answers 304 only to the matching one', async () => {
    const br = await get(plain, '/assets/app-H4sh.js', { 'Accept-Encoding': 'br' });
    const gz = await get(plain, '/assets/app-H4sh.js', { 'Accept-Encoding': 'gzip' });
    expect(br.headers.etag).toBeDefined();
    expect(br.headers.etag).not.toBe(gz.headers.etag);
    const again = await get(plain, '/assets/app-H4sh.js', {
      'Accept-Encoding': 'br',
      'If-None-Match': `"other", ${String(br.headers.etag)}`,
    });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const otherEncoding = await get(plain, '/assets/app-H4sh.js', {
      'Accept-Encoding': 'gzip',
      'If-None-Match': String(br.headers.etag),
    });
    expect(otherEncoding.status).toBe(200);
  });

  it('never serves the .br / .gz files by their own names', async () => {
    for (const p of ['/assets/app-H4sh.js.br', '/assets/app-H4sh.js.gz', '/index.html.gz']) {
      expect((await get(plain, p)).status, p).toBe(404);
    }
  });
});

describe('source maps', () => {
  it('are not served by default, and no header points at them', async () => {
    const map = await get(plain, '/assets/app-H4sh.js.map');
    expect(map.status).toBe(404);
    expect(map.body.toString()).not.toContain('secret-source');
    expect((await get(plain, '/assets/app-H4sh.js')).headers.sourcemap).toBeUndefined();
  });

  it('are served, and announced with a SourceMap header, when turned on', async () => {
    const map = await get(withMaps, '/assets/app-H4sh.js.map');
    expect(map.status).toBe(200);
    expect(map.body.toString()).toContain('secret-source');
    expect((await get(withMaps, '/assets/app-H4sh.js')).headers.sourcemap).toBe('app-H4sh.js.map');
    expect((await get(withMaps, '/assets/small-H4sh.css')).headers.sourcemap).toBeUndefined();
  });
});
