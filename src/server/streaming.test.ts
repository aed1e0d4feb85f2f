import http from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startExplorerServer, type RunningExplorerServer } from './server';
import { listen, type Peer } from './test-support';

/**
 * The proxy streams: a 100 MB upstream body crosses it with back-pressure and is never held whole.
 * Proved three ways, none timing-based:
 *  1. the upstream sends its first MiB and then waits until the client has received bytes: a
 *     proxy that buffered the whole body would deadlock here (and the test would time out);
 *  2. the client reads slowly, and the bytes the upstream has written but the client has not yet
 *     received never exceed a bound far below the body size (only socket buffers sit between);
 *  3. the Buffer memory still alive in this process (measured right after a full garbage collection,
 *     at regular points of the transfer) stays far below the body size.
 */

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const MiB = 1024 * 1024;
const BODY = 100 * MiB;
const CHUNK = Buffer.alloc(64 * 1024, 'x');

let upstream: Peer;
let explorer: RunningExplorerServer;
let written = 0;
let clientGotFirstBytes!: () => void;
const firstBytes = new Promise<void>((r) => (clientGotFirstBytes = r));

beforeAll(async () => {
  upstream = await listen(
    http.createServer((req, res) => {
      if (req.method === 'POST') {
        let n = 0;
        req.on('data', (c: Buffer) => (n += c.length));
        req.on('end', () => res.end(JSON.stringify({ received: n })));
        return;
      }
      res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': String(BODY) });
      const pump = async (): Promise<void> => {
        while (written < BODY) {
          if (written === MiB) await firstBytes;
          const ok = res.write(CHUNK);
          written += CHUNK.length;
          if (!ok) await new Promise((r) => res.once('drain', r));
        }
        res.end();
      };
      void pump();
    }),
  );
  explorer = await startExplorerServer({ port: 0, sandboxUrl: upstream.url, targets: [], staticRoot: null });
});
afterAll(async () => {
  await explorer.close();
  await upstream.close();
});

it('streams a 100 MB response without holding it', async () => {
  gc();
  const baseline = process.memoryUsage().arrayBuffers;
  let received = 0;
  let maxInFlight = 0;
  let peakBuffers = 0;
  let chunks = 0;
  await new Promise<void>((resolve, reject) => {
    const req = http.get(
      `${explorer.url}/proxy/big`,
      { headers: { 'X-Explorer-Target': upstream.url } },
      (res) => {
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-length']).toBe(String(BODY));
        res.on('data', (c: Buffer) => {
          if (received === 0) clientGotFirstBytes();
          received += c.length;
          maxInFlight = Math.max(maxInFlight, written - received);
          if (++chunks % 16 === 0) {
            if (chunks % 64 === 0) {
              gc();
              peakBuffers = Math.max(peakBuffers, process.memoryUsage().arrayBuffers - baseline);
            }
            // A slow reader: the upstream must wait for it rather than the proxy buffering for it.
            res.pause();
            setTimeout(() => res.resume(), 1);
          }
        });
        res.on('end', resolve);
        res.on('error', reject);
      },
    );
    req.on('error', reject);
  });
  console.log(
    `streamed ${received} bytes; max in flight ${(maxInFlight / MiB).toFixed(1)} MiB; ` +
      `peak live Buffer growth ${(peakBuffers / MiB).toFixed(1)} MiB`,
  );
  expect(received).toBe(BODY);
  expect(maxInFlight).toBeLessThan(32 * MiB);
  expect(peakBuffers).toBeLessThan(32 * MiB);
}, 120_000);

it('streams a 50 MB request body to the upstream', async () => {
  const size = 50 * MiB;
  const res = await new Promise<string>((resolve, reject) => {
    const req = http.request(
      `${explorer.url}/proxy/upload`,
      {
        method: 'POST',
        headers: { 'X-Explorer-Target': upstream.url, 'Content-Type': 'application/octet-stream' },
      },
      (r) => {
        let text = '';
        r.on('data', (c: Buffer) => (text += c.toString()));
        r.on('end', () => resolve(text));
      },
    );
    req.on('error', reject);
    let sent = 0;
    const pump = (): void => {
      while (sent < size) {
        sent += CHUNK.length;
        if (!req.write(CHUNK)) {
          req.once('drain', pump);
          return;
        }
      }
      req.end();
    };
    pump();
  });
  expect(JSON.parse(res)).toEqual({ received: size });
}, 120_000);
