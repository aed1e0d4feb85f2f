/**
 * Merge logic against real HTTP: a local node:http server (port 0) answers /api/info and
 * /api/docs/json with a document shaped like Rocket.Chat's (fixture written for these tests),
 * then the sandbox (src/sandbox) is asked the same way. The sandbox does not serve
 * /api/docs/json yet; its test checks the explorer then says so instead of failing or guessing.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  availabilityCounts,
  findOperation,
  importOpenApiFromUrl,
  loadBundledCatalog,
  loadServerDescription,
  mergeCatalog,
  parseOpenApi,
} from '../../src/core/catalog';
import type { Operation } from '../../src/core/catalog';
import { startSandbox } from '../../src/sandbox/server';

const fixtures = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../src/core/catalog/fixtures',
);
const read = (f: string) => fs.readFileSync(path.join(fixtures, f), 'utf8');

interface Served {
  url: string;
  requests: string[];
  close(): Promise<void>;
}

async function serve(
  routes: Record<string, { status: number; body: string; type?: string }>,
): Promise<Served> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    const r = routes[req.url ?? ''];
    res.writeHead(r?.status ?? 404, { 'Content-Type': r?.type ?? 'application/json' });
    res.end(r?.body ?? JSON.stringify({ success: false, error: 'Resource not found' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

let bundled: Operation[];
let modern: Served;
let old: Served;
let missing: Served;

beforeAll(async () => {
  bundled = (await loadBundledCatalog()).operations;
  modern = await serve({
    '/api/info': { status: 200, body: JSON.stringify({ version: '8.1.0', success: true }) },
    '/api/docs/json?withUndocumented=true': { status: 200, body: read('server-docs.json') },
    '/docs/rooms.yaml': { status: 200, body: read('rooms-sample.yaml'), type: 'text/yaml' },
    '/docs/broken.yaml': { status: 200, body: read('broken-syntax.yaml'), type: 'text/yaml' },
  });
  old = await serve({
    '/api/info': { status: 200, body: JSON.stringify({ version: '7.4.1', success: true }) },
  });
  missing = await serve({
    '/api/info': { status: 200, body: JSON.stringify({ version: '8.0.0', success: true }) },
  });
});

afterAll(async () => {
  await Promise.all([modern.close(), old.close(), missing.close()]);
});

describe('live server description and merge', () => {
  it('reads /api/info first, then /api/docs/json?withUndocumented=true', async () => {
    const d = await loadServerDescription({ baseUrl: modern.url });
    expect(modern.requests.slice(0, 2)).toEqual(['/api/info', '/api/docs/json?withUndocumented=true']);
    expect(d.offered).toBe(true);
    expect(d.version).toBe('8.1.0');
  });

  it('marks operations on the server, not on it, only on it, and deprecated', async () => {
    const d = await loadServerDescription({ baseUrl: modern.url });
    if (!d.offered) throw new Error(d.reason);
    const ops = mergeCatalog({ bundled, server: d.description.operations });
    const get = (l: string) => findOperation(ops, l)!;
    expect(get('GET /api/v1/channels.list')).toMatchObject({
      availability: 'on-server',
      sources: ['bundled', 'server'],
      schemaSource: 'validator',
    });
    // the server folds parameters into one opaque `query`; the bundled validator schema is kept
    expect(Object.keys(get('GET /api/v1/channels.list').paramsSchema!.properties as object)).toContain(
      'count',
    );
    expect(get('GET /api/apps/:id').availability).toBe('on-server'); // :id on both sides
    expect(get('GET /api/v1/channels.roles')).toMatchObject({ availability: 'on-server', deprecated: true });
    expect(get('GET /api/v1/commands.list')).toMatchObject({
      availability: 'only-on-server',
      sources: ['server'],
      paginated: true,
      auth: true,
    });
    expect(get('POST /api/v1/chat.sendMessage').availability).toBe('not-on-server');
    const counts = availabilityCounts(ops);
    expect(counts['only-on-server']).toBe(1);
    expect(counts['on-server']).toBe(6);
    expect(counts['not-on-server']).toBe(bundled.length - 6);
    expect(ops).toHaveLength(bundled.length + 1);
  });

  it('merges an imported document fetched by URL: descriptions, examples, missing operations', async () => {
    const imported = await importOpenApiFromUrl(`${modern.url}/docs/rooms.yaml`);
    const d = await loadServerDescription({ baseUrl: modern.url });
    const ops = mergeCatalog({
      bundled,
      imports: [imported],
      server: d.offered ? d.description.operations : null,
    });
    const list = findOperation(ops, 'GET /api/v1/channels.list')!;
    expect(list.summary).toBe('List Channels');
    expect(list.sources).toEqual(['bundled', 'import:rooms.yaml', 'server']);
    expect(list.paramDocs?.count?.description).toBe('How many items to return.');
    expect(findOperation(ops, 'POST /api/v1/chat.postMessage')!.examples).toEqual({
      Simple: { roomId: 'GENERAL', text: 'Hello' },
    });
    const sounds = findOperation(ops, 'GET /api/v1/custom-sounds.list')!;
    expect(sounds).toMatchObject({
      sources: ['import:rooms.yaml'],
      availability: 'not-on-server',
      schemaSource: 'openapi',
    });
  });

  it('a broken document by URL is a clear error, and the merge so far is untouched', async () => {
    const first = await importOpenApiFromUrl(`${modern.url}/docs/rooms.yaml`);
    const before = JSON.stringify(mergeCatalog({ bundled, imports: [first] }));
    await expect(importOpenApiFromUrl(`${modern.url}/docs/broken.yaml`)).rejects.toThrow(
      /^broken\.yaml: not valid YAML: .* \(at line \d+, column \d+\)$/,
    );
    await expect(importOpenApiFromUrl(`${modern.url}/docs/nothing.yaml`)).rejects.toThrow(
      'nothing.yaml: could not be fetched: HTTP 404',
    );
    expect(JSON.stringify(mergeCatalog({ bundled, imports: [first] }))).toBe(before);
  });

  it('says an older server does not offer /api/docs/json, without asking it', async () => {
    const d = await loadServerDescription({ baseUrl: old.url });
    expect(d).toEqual({
      offered: false,
      version: '7.4.1',
      reason:
        'Rocket.Chat 7.4.1 does not offer /api/docs/json (added in 7.5.0); the bundled catalog is shown as is.',
    });
    expect(old.requests).toEqual(['/api/info']);
    const ops = mergeCatalog({ bundled, server: null });
    expect(availabilityCounts(ops).unknown).toBe(bundled.length);
  });

  it('says so when a new enough server answers 404', async () => {
    const d = await loadServerDescription({ baseUrl: missing.url });
    expect(d).toMatchObject({ offered: false, version: '8.0.0' });
    if (!d.offered) expect(d.reason).toContain('HTTP 404');
  });

  it('parses the server fixture the same way from text', () => {
    expect(parseOpenApi(read('server-docs.json'), 'server', 'server').operations).toHaveLength(7);
  });
});

describe('against the sandbox', () => {
  it('reads its version and either merges its /api/docs/json or says it does not offer one', async () => {
    const sb = await startSandbox({ port: 0, seedUsers: 10, env: {} });
    try {
      const d = await loadServerDescription({ baseUrl: sb.url });
      // Signed out, Rocket.Chat 8.x (and the sandbox) tell only major.minor.
      expect(d.version).toBe('8.1');
      if (d.offered) {
        const ops = mergeCatalog({ bundled, server: d.description.operations });
        expect(findOperation(ops, 'GET /api/v1/channels.list')?.availability).toBe('on-server');
      } else {
        expect(d.reason).toMatch(/does not offer \/api\/docs\/json \(HTTP 404, version 8\.1\.0\)/);
      }
    } finally {
      await sb.close();
    }
  });
});
