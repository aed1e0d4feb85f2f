import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyDraft } from '../request/draft';
import { executeRequest, RequestFailedError } from './execute';
import { prepareRequest } from './prepare';

let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url?.startsWith('/big')) {
      res.writeHead(200, { 'Content-Type': 'application/json', 'X-RateLimit-Remaining': '9' });
      res.end(JSON.stringify({ items: Array.from({ length: 5000 }, (_, i) => ({ i, name: `user-${i}` })) }));
      return;
    }
    if (req.url?.startsWith('/html')) {
      res.writeHead(502, { 'Content-Type': 'text/html' });
      res.end('<html><body>Bad gateway</body></html>');
      return;
    }
    if (req.url?.startsWith('/echo')) {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ method: req.method, token: req.headers['x-auth-token'], body }));
      });
      return;
    }
    if (req.url?.startsWith('/hang')) return; // never answers
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('executeRequest against a real HTTP server', () => {
  it('reads the whole body as a stream, with progress, headers and size', async () => {
    const progress: number[] = [];
    const record = await executeRequest(prepareRequest(emptyDraft(base, 'GET', '/big'), { kind: 'direct' }), {
      onProgress: (received) => progress.push(received),
    });
    expect(record.status).toBe(200);
    expect(record.sizeBytes).toBe(Buffer.byteLength(record.body.text()));
    expect(JSON.parse(record.body.text()).items).toHaveLength(5000);
    expect(progress.at(-1)).toBe(record.sizeBytes);
    expect(record.headers).toContainEqual(['x-ratelimit-remaining', '9']);
    expect(record.truncated).toBe(false);
  });

  it('keeps an HTML error page as text', async () => {
    const record = await executeRequest(prepareRequest(emptyDraft(base, 'GET', '/html'), { kind: 'direct' }));
    expect(record.status).toBe(502);
    expect(record.contentType).toContain('text/html');
    expect(record.body.text()).toContain('Bad gateway');
  });

  it('sends method, body and auth header', async () => {
    const draft = { ...emptyDraft(base, 'POST', '/echo'), body: '{"a":1}' };
    const record = await executeRequest(
      prepareRequest(draft, { kind: 'direct' }, { userId: 'u', authToken: 't0k' }),
    );
    expect(JSON.parse(record.body.text())).toEqual({ method: 'POST', token: 't0k', body: '{"a":1}' });
  });

  it('cuts a body over the cap and says so', async () => {
    const record = await executeRequest(prepareRequest(emptyDraft(base, 'GET', '/big'), { kind: 'direct' }), {
      maxBodyBytes: 1000,
    });
    expect(record.truncated).toBe(true);
    expect(record.body.text().length).toBeLessThanOrEqual(1000);
    expect(record.sizeBytes).toBeGreaterThan(1000);
  });

  it('turns a refused connection into a failure with a next step', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await executeRequest(
      prepareRequest(emptyDraft(`http://127.0.0.1:${port}`), { kind: 'direct' }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestFailedError);
    expect((error as RequestFailedError).failure.kind).toBe('network');
    expect((error as RequestFailedError).failure.nextStep).toMatch(/--target/);
  });

  it('reports a timeout distinctly from a cancel', async () => {
    const timedOut = await executeRequest(
      prepareRequest(emptyDraft(base, 'GET', '/hang'), { kind: 'direct' }),
      {
        signal: AbortSignal.timeout(200),
      },
    ).catch((e: unknown) => e);
    expect((timedOut as RequestFailedError).failure.kind).toBe('timeout');
    const controller = new AbortController();
    const pending = executeRequest(prepareRequest(emptyDraft(base, 'GET', '/hang'), { kind: 'direct' }), {
      signal: controller.signal,
    });
    controller.abort();
    expect(((await pending.catch((e: unknown) => e)) as RequestFailedError).failure.kind).toBe('aborted');
  });
});
