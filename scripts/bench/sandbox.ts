// Sandbox benchmark (not a test): start-up time, channels.list?count=100 throughput over loopback,
// and a $regex users.list query over 100,000 users.
//   npx tsx scripts/bench/sandbox.ts            (BENCH_SECONDS=5 BENCH_CONCURRENCY=32 BENCH_USERS=100000)
// The sandbox runs as its own process (as `npm run sandbox` does); this process is only the client.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const USERS = Number(process.env.BENCH_USERS ?? 100000);

interface Running {
  url: string;
  child: ChildProcess;
  readyMs: number;
}

function startSandbox(env: Record<string, string>): Promise<Running> {
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/sandbox/main.ts'], {
    env: { ...process.env, SANDBOX_PORT: '0', SANDBOX_HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Sandbox ready at (http:\/\/\S+)/.exec(out);
      if (m) resolve({ url: m[1] as string, child, readyMs: performance.now() - t0 });
    });
    child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}`)));
  });
}

/** utime+stime of a process in ms (Linux /proc; clock ticks assumed 100/s). */
function cpuMs(pid: number | undefined): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

function request(
  url: string,
  method: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method, headers: { ...headers, ...(body && { 'Content-Type': 'application/json' }) }, agent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function login(url: string, user: string): Promise<Record<string, string>> {
  const r = await request(`${url}/api/v1/login`, 'POST', {}, JSON.stringify({ user, password: user }));
  const data = (JSON.parse(r.body) as { data: { userId: string; authToken: string } }).data;
  return { 'X-User-Id': data.userId, 'X-Auth-Token': data.authToken };
}

async function throughput(
  url: string,
  headers: Record<string, string>,
  pid?: number,
): Promise<{
  rps: number;
  requests: number;
  errors: number;
  p50: number;
  p99: number;
  serverCpuPerRequest?: number;
}> {
  const cpu0 = cpuMs(pid);
  const target = `${url}/api/v1/channels.list?count=100`;
  const deadline = performance.now() + SECONDS * 1000;
  let requests = 0;
  let errors = 0;
  const latencies: number[] = [];
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < deadline) {
        const s = performance.now();
        const r = await request(target, 'GET', headers);
        latencies.push(performance.now() - s);
        requests++;
        if (r.status !== 200) errors++;
      }
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  const cpu1 = cpuMs(pid);
  latencies.sort((a, b) => a - b);
  return {
    ...(cpu0 !== undefined && cpu1 !== undefined && { serverCpuPerRequest: (cpu1 - cpu0) / requests }),
    rps: requests / elapsed,
    requests,
    errors,
    p50: latencies[Math.floor(latencies.length * 0.5)] ?? 0,
    p99: latencies[Math.floor(latencies.length * 0.99)] ?? 0,
  };
}

async function timed(
  url: string,
  headers: Record<string, string>,
  pid?: number,
  runs = 7,
): Promise<{ median: number; min: number; total: number; status: number; cpuPerRun?: number }> {
  const times: number[] = [];
  const cpu0 = cpuMs(pid);
  let last = { status: 0, body: '' };
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    last = await request(url, 'GET', headers);
    times.push(performance.now() - s);
  }
  const cpu1 = cpuMs(pid);
  times.sort((a, b) => a - b);
  const total = last.status === 200 ? (JSON.parse(last.body) as { total: number }).total : -1;
  return {
    median: times[Math.floor(times.length / 2)] as number,
    min: times[0] as number,
    total,
    status: last.status,
    ...(cpu0 !== undefined && cpu1 !== undefined && { cpuPerRun: (cpu1 - cpu0) / runs }),
  };
}

const fmt = (n: number): string => n.toFixed(1);
const cpuNote = (ms: number | undefined): string =>
  ms === undefined
    ? ''
    : `; server CPU ${ms.toFixed(3)} ms/request = ${fmt(1000 / ms)} req/s per fully available core`;

async function main(): Promise<void> {
  const load = (() => {
    try {
      return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
    } catch {
      return 'n/a';
    }
  })();
  console.log(
    `node ${process.version}, ${SECONDS}s per throughput run, concurrency ${CONCURRENCY}, load average ${load}`,
  );

  const small = await startSandbox({ SANDBOX_SEED_USERS: '2000' });
  console.log(
    `start-up, 2,000 users (default seed): ready after ${fmt(small.readyMs)} ms (process spawn included)`,
  );
  try {
    const admin = await login(small.url, 'admin');
    await throughput(small.url, admin); // warm-up
    const t = await throughput(small.url, admin, small.child.pid);
    console.log(
      `channels.list?count=100, 2,000-user seed, admin token (no limiter): ${fmt(t.rps)} req/s (${t.requests} requests, ${t.errors} errors, p50 ${fmt(t.p50)} ms, p99 ${fmt(t.p99)} ms)${cpuNote(t.serverCpuPerRequest)}`,
    );
  } finally {
    small.child.kill('SIGTERM');
  }

  const big = await startSandbox({
    SANDBOX_SEED_USERS: String(USERS),
    ALLOW_UNSAFE_QUERY_AND_FIELDS_API_PARAMS: 'TRUE',
  });
  console.log(
    `start-up, ${USERS.toLocaleString('en')} users: ready after ${fmt(big.readyMs)} ms (process spawn included)`,
  );
  try {
    const admin = await login(big.url, 'admin');
    await throughput(big.url, admin); // warm-up
    const t = await throughput(big.url, admin, big.child.pid);
    console.log(
      `channels.list?count=100, ${USERS.toLocaleString('en')}-user seed: ${fmt(t.rps)} req/s (${t.requests} requests, ${t.errors} errors, p50 ${fmt(t.p50)} ms, p99 ${fmt(t.p99)} ms)${cpuNote(t.serverCpuPerRequest)}`,
    );
    await request(`${big.url}/api/v1/users.list?count=1`, 'GET', admin); // builds the username-sorted index once
    const queries: [string, unknown][] = [
      ['anchored', { username: { $regex: '^ada\\.' } }],
      ['unanchored, case-insensitive', { name: { $regex: 'lovel', $options: 'i' } }],
      ['$or of two regexes', { $or: [{ username: { $regex: 'turing' } }, { name: { $regex: 'Hopper$' } }] }],
    ];
    for (const [label, q] of queries) {
      const url = `${big.url}/api/v1/users.list?count=50&query=${encodeURIComponent(JSON.stringify(q))}`;
      const r = await timed(url, admin, big.child.pid);
      console.log(
        `users.list $regex (${label}) over ${USERS.toLocaleString('en')} users: median ${fmt(r.median)} ms, best ${fmt(r.min)} ms, ${r.total} matches, status ${r.status}${r.cpuPerRun === undefined ? '' : `; server CPU ${fmt(r.cpuPerRun)} ms/query`}`,
      );
    }
  } finally {
    big.child.kill('SIGTERM');
  }
  agent.destroy();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
