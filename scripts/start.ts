/**
 * `npm start`: builds dist/ when stale, starts the embedded sandbox and the explorer server as
 * child processes, prints both URLs, and stops both on Ctrl+C / SIGTERM. If either child dies,
 * the other is stopped and this exits non-zero after showing the dead child's last output.
 *
 *   npm start -- --target https://chat.example.com   (repeatable; or RC_TARGETS, comma-separated)
 *   PORT=4000 SANDBOX_PORT=4100 npm start
 * Every SANDBOX_* and Rocket.Chat setting variable (API_Default_Count, ...) reaches the sandbox.
 */
import { parseArgs } from 'node:util';
import { targetBannerLines } from '../src/server/cli';
import { normaliseTarget } from '../src/server/targets';
import { buildIfStale } from './lib/build-if-stale';
import { describeExit, EXPLORER_READY, SANDBOX_READY, startChild, type Child } from './lib/children';

const USAGE = 'Usage: npm start -- [--target URL]... [--port 4000] [--sandbox-port 4100] [--no-build]';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      target: { type: 'string', multiple: true },
      port: { type: 'string' },
      'sandbox-port': { type: 'string' },
      'no-build': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  }));
} catch (err) {
  fail(`${(err as Error).message}\n${USAGE}`);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const targets = (values.target ?? []).map((raw) => {
  const parsed = normaliseTarget(raw);
  if (!parsed.ok) fail(`--target "${raw}" is not a server base URL: ${parsed.reason}.\n${USAGE}`);
  return parsed.target;
});
const port = values.port ?? process.env.PORT ?? '4000';
const sandboxPort = values['sandbox-port'] ?? process.env.SANDBOX_PORT ?? '4100';

if (!values['no-build']) {
  try {
    await buildIfStale();
  } catch (err) {
    fail((err as Error).message);
  }
}

const children: Child[] = [];
let stopping = false;

async function stopAll(code: number): Promise<never> {
  stopping = true;
  await Promise.all(children.map((c) => c.stop()));
  process.exit(code);
}

process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

function watchForDeath(child: Child): void {
  void child.exited.then((exit) => {
    if (stopping) return;
    console.error(
      `\nThe ${child.name} stopped unexpectedly (${describeExit(exit)}). Its last output:\n${child.lastOutput()}\n`,
    );
    void stopAll(1);
  });
}

const sandbox = startChild({
  name: 'sandbox',
  entry: 'src/sandbox/main.ts',
  env: { ...process.env, SANDBOX_PORT: sandboxPort },
  readyPattern: SANDBOX_READY,
});
children.push(sandbox);
let sandboxUrl: string;
try {
  sandboxUrl = await sandbox.ready;
} catch (err) {
  console.error((err as Error).message);
  await stopAll(1);
}
watchForDeath(sandbox);

const explorer = startChild({
  name: 'explorer',
  entry: 'src/server/main.ts',
  args: ['--port', port, '--sandbox', sandboxUrl!, ...targets.flatMap((t) => ['--target', t])],
  env: { ...process.env, PORT: port },
  readyPattern: EXPLORER_READY,
});
children.push(explorer);
let explorerUrl: string;
try {
  explorerUrl = await explorer.ready;
} catch (err) {
  console.error((err as Error).message);
  await stopAll(1);
}
watchForDeath(explorer);

const extra = [
  ...targets,
  ...(process.env.RC_TARGETS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
];
console.log(
  [
    '',
    `  Rocket.Chat API Explorer  ${explorerUrl!}`,
    `  Embedded sandbox          ${sandboxUrl!}   (accounts admin/admin, demo/demo, bot/bot, totp/totp)`,
    ...targetBannerLines(extra, '   (the sandbox stays in the Server list)'),
    '  Read more                 README.md, then docs/ (server flags, sandbox, benchmarks)',
    '',
    '  Press Ctrl+C to stop.',
    '',
  ].join('\n'),
);
