/**
 * The published package as a person gets it: `npm pack` of this project, installed into an empty
 * folder with `npm install --omit=dev`, its command started with Node alone, the page loaded in
 * Chromium. Then the transfer rules the command's server promises: brotli with an immutable
 * cache on hashed assets, and a repeat visit that moves only index.html (a 304).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../scripts/lib/build-if-stale';
import { waitForServerCatalog } from './catalog-helpers';
import { expect, test } from './fixtures';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
let work: string;
let command: ChildProcess | null = null;
let url = '';
let app = '';
let output = '';

/** The environment without npm's own `npm_*` variables: under `npm test` they name this repository as the prefix. */
const cleanEnv = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith('npm_')),
);

function run(cmd: string, args: string[], cwd: string): string {
  const result = spawnSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    env: { ...cleanEnv, npm_config_audit: 'false', npm_config_fund: 'false' },
  });
  if (result.status !== 0)
    throw new Error(`${cmd} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  work = mkdtempSync(path.join(tmpdir(), 'explorer-pack-'));
  // dist/ is fresh (global setup); the Node bundle is built here, so --ignore-scripts skips prepack's rebuild.
  run(process.execPath, ['--import', 'tsx', 'scripts/build-node.ts'], REPO_ROOT);
  const packed = JSON.parse(
    run(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', work], REPO_ROOT),
  ) as Array<{ filename: string }>;
  const tarball = path.join(work, packed[0]!.filename);
  app = path.join(work, 'app');
  mkdirSync(app);
  run(npm, ['install', '--omit=dev', '--no-save', '--prefer-offline', tarball], app);
  // Nothing but the package itself: it needs no dependency at run time.
  expect(readdirSync(path.join(app, 'node_modules')).filter((n) => !n.startsWith('.'))).toEqual([
    'rocketchat-api-explorer',
  ]);
  const started = await startCommand(['--sandbox', '--port', '0', '--sandbox-port', '0']);
  command = started.child;
  url = started.url;
  output = started.output();
});

/** Starts the installed command with Node alone; resolves once it says where it serves. */
async function startCommand(
  args: string[],
): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  let text = '';
  const child = spawn(path.join(app, 'node_modules', '.bin', 'rocketchat-api-explorer'), args, {
    cwd: app,
    env: { PATH: process.env.PATH, SANDBOX_SEED_USERS: '50' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const served = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      text += chunk.toString();
      const match = /Explorer ready at (http\S+)/.exec(text);
      if (match?.[1] !== undefined) resolve(match[1]);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`The installed command exited (${code}):\n${text}`)));
  });
  return { child, url: served, output: () => text };
}

test.afterAll(() => {
  command?.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
});

function head(target: string, headers: Record<string, string>): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = http.request(target, { method: 'HEAD', headers, agent: false }, (res) => {
      res.resume();
      resolve(res);
    });
    req.on('error', reject).end();
  });
}

test('the installed command serves the explorer and its sandbox, and says where to read more', async ({
  page,
}) => {
  expect(output).toMatch(/Embedded sandbox\s+http:\/\/127\.0\.0\.1:\d+ .*admin\/admin/);
  expect(output).toMatch(/Read more\s+\S+README\.md/);
  await page.goto(url);
  const endpoints = page.getByRole('region', { name: 'Endpoints' });
  await endpoints.getByRole('searchbox', { name: 'Search endpoints' }).fill('users.list');
  await expect(page.getByRole('option', { name: 'GET /api/v1/users.list', exact: true })).toBeVisible();
});

test('`--target URL` alone opens on that server: its URL in the Server field, its catalog read', async ({
  page,
}) => {
  // "Your own server" here is the first command's embedded sandbox, a real Rocket.Chat-like peer.
  const server = /Embedded sandbox\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
  expect(server, output).toBeDefined();
  const own = await startCommand(['--target', server!, '--port', '0']);
  try {
    expect(own.output()).not.toMatch(/Embedded sandbox/);
    expect(own.output()).toContain(`Opens on                  ${server!}`);
    await page.goto(own.url);
    const field = page
      .getByRole('textbox', { name: 'Server' })
      .or(page.getByRole('combobox', { name: 'Server' }));
    await expect(field).toHaveValue(server!);
    await expect(page.getByRole('combobox', { name: 'Connection' })).toHaveValue('proxy');
    // Read through the proxy without the person doing anything: the catalog knows the server.
    await waitForServerCatalog(page);
    await expect(page.getByText('Enter the server URL in the Server field first.')).toHaveCount(0);
  } finally {
    own.child.kill('SIGTERM');
  }
});

test('a hashed asset comes as brotli with the immutable cache header; source maps stay private', async ({
  page,
}) => {
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(r.url());
  });
  await page.goto(url);
  await expect(page.getByRole('region', { name: 'Endpoints' })).toBeVisible();
  const asset = scripts.find((s) => /\/assets\/index-[\w-]+\.js$/.test(s));
  expect(asset, `entry script among ${scripts.join(', ')}`).toBeDefined();
  const res = await head(asset!, { 'Accept-Encoding': 'br' });
  expect(res.headers['content-encoding']).toBe('br');
  expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  expect(res.headers.vary).toBe('Accept-Encoding');
  expect((await head(`${asset!}.map`, {})).statusCode).toBe(404);
});

test('a repeat visit transfers only index.html, as a 304', async ({ page }) => {
  // Both visits wait for the same state: the server's own catalog merged (its reader is a lazy
  // chunk fetched after the config, so "network idle" alone can come before it).
  const settled = async () => {
    await waitForServerCatalog(page);
    // What loads after the first paint (Monaco, when the page goes idle) must be in the cache too.
    await page.waitForLoadState('networkidle');
  };
  // Monaco starts loading when the page is idle, which under load can come after a quiet 500 ms:
  // wait for its entry itself, so the repeat visit has it cached.
  const monaco = page.waitForResponse((r) => /\/assets\/monaco-entry-[\w-]+\.js$/.test(r.url()));
  await page.goto(url);
  await settled();
  await monaco;
  await page.waitForLoadState('networkidle');
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  // The status on the wire (a revalidated file shows as 200 in responseReceived, 304 here) and
  // the bytes moved, per request; requests answered from the cache have neither.
  const wireStatus = new Map<string, number>();
  const urls = new Map<string, string>();
  const fromNetwork: Array<{ url: string; status: number | undefined; bytes: number }> = [];
  cdp.on('Network.responseReceivedExtraInfo', (e) => wireStatus.set(e.requestId, e.statusCode));
  cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, e.request.url));
  cdp.on('Network.loadingFinished', (e) => {
    const u = urls.get(e.requestId) ?? '';
    if (u.startsWith(url) && !u.includes('/proxy/') && e.encodedDataLength > 0)
      fromNetwork.push({
        url: u.slice(url.length),
        status: wireStatus.get(e.requestId),
        bytes: e.encodedDataLength,
      });
  });
  await page.goto(url);
  await settled();
  // explorer-config.json is no-store on purpose (it names the allowed servers); every other file
  // of the build must come from the cache, and the page itself must be revalidated, not resent.
  // favicon.svg has no hash in its name, so it is revalidated like the page.
  const files = fromNetwork.filter((r) => r.url !== '/explorer-config.json');
  expect(files.map((r) => `${r.url} ${r.status}`).sort()).toEqual(['/ 304', '/favicon.svg 304']);
  for (const file of files) expect(file.bytes, file.url).toBeLessThan(2000);
});
