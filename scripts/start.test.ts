import { spawn } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { expect, it } from 'vitest';
import { REPO_ROOT } from './lib/build-if-stale';

/** `npm start` as a person runs it (minus the build): real sandbox and explorer child processes. */

interface Run {
  output: () => string;
  exit: Promise<number | null>;
  kill: (signal: NodeJS.Signals) => void;
  waitFor: (re: RegExp) => Promise<RegExpExecArray>;
}

function runStart(env: Record<string, string>, args: string[] = []): Run {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(REPO_ROOT, 'scripts/start.ts'), '--no-build', ...args],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, SANDBOX_SEED_USERS: '20', PORT: '0', SANDBOX_PORT: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  const waiters: (() => void)[] = [];
  const onData = (c: Buffer): void => {
    out += c.toString();
    waiters.forEach((w) => w());
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exit = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return {
    output: () => out,
    exit,
    kill: (signal) => child.kill(signal),
    waitFor: (re) =>
      new Promise((resolve, reject) => {
        const check = (): void => {
          const m = re.exec(out);
          if (m) resolve(m);
        };
        waiters.push(check);
        check();
        void exit.then(() => reject(new Error(`start exited before printing ${re}:\n${out}`)));
      }),
  };
}

function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers, agent: false }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

function refusesConnections(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const s = net.connect(Number(port), hostname);
    s.on('connect', () => {
      s.destroy();
      resolve(false);
    });
    s.on('error', () => resolve(true));
  });
}

it('starts sandbox and explorer, proxies to the sandbox, and stops both on SIGTERM', async () => {
  const run = runStart({ RC_TARGETS: 'https://chat.example.com' }, [
    '--target',
    'https://other.example.com/',
  ]);
  const [, explorerUrl] = await run.waitFor(/Rocket\.Chat API Explorer\s+(http:\S+)/);
  const [, sandboxUrl] = await run.waitFor(/Embedded sandbox\s+(http:\S+)/);
  await run.waitFor(/Opens on\s+https:\/\/other\.example\.com\/? /);
  await run.waitFor(/Read more\s+README\.md/);
  const config = JSON.parse((await get(`${explorerUrl}/explorer-config.json`)).body);
  expect(config).toEqual({
    sandboxUrl,
    // The server named on the command line is the one the page opens on; the sandbox is a choice.
    defaultServer: 'https://other.example.com',
    targets: [sandboxUrl, 'https://other.example.com', 'https://chat.example.com'],
    proxyPath: '/proxy',
  });
  const info = await get(`${explorerUrl}/proxy/api/info`, { 'X-Explorer-Target': sandboxUrl! });
  expect(info.status).toBe(200);
  expect(JSON.parse(info.body)).toMatchObject({ success: true });
  run.kill('SIGTERM');
  expect(await run.exit).toBe(0);
  expect(await refusesConnections(explorerUrl!)).toBe(true);
  expect(await refusesConnections(sandboxUrl!)).toBe(true);
}, 60_000);

it('exits non-zero with the last output of a child that dies, stopping the other', async () => {
  const busy = net.createServer();
  await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
  const busyPort = (busy.address() as net.AddressInfo).port;
  try {
    const run = runStart({ PORT: String(busyPort) });
    const [, sandboxUrl] = await run.waitFor(/Sandbox ready at (http:\S+)/);
    expect(await run.exit).toBe(1);
    expect(run.output()).toContain(`Port ${busyPort} on 127.0.0.1 is already in use`);
    expect(run.output()).toMatch(/explorer exited before it was ready \(exit code 1\)/);
    expect(await refusesConnections(sandboxUrl!)).toBe(true);
  } finally {
    busy.close();
  }
}, 60_000);

it('refuses a malformed --target before starting anything', async () => {
  const run = runStart({}, ['--target', 'chat.example.com']);
  expect(await run.exit).toBe(1);
  expect(run.output()).toContain('--target "chat.example.com" is not a server base URL');
  expect(run.output()).not.toContain('Sandbox ready');
}, 30_000);
