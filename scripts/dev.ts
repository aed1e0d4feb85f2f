/**
 * `npm run dev`: the Vite dev server (hot reload) with the explorer server's proxy and config
 * mounted in it, plus the embedded sandbox as a child process. PORT (4000), SANDBOX_PORT (4100),
 * `--target URL` and RC_TARGETS work as for `npm start`.
 */
import { parseArgs } from 'node:util';
import { createServer } from 'vite';
import { normaliseTarget, splitList } from '../src/server/targets';
import { REPO_ROOT } from './lib/build-if-stale';
import { describeExit, SANDBOX_READY, startChild } from './lib/children';
import { explorerServerPlugin } from './lib/vite-explorer-plugin';

const { values } = parseArgs({
  options: { target: { type: 'string', multiple: true }, port: { type: 'string' } },
  strict: true,
});
const targets = [...(values.target ?? []), ...splitList(process.env.RC_TARGETS)].map((raw) => {
  const parsed = normaliseTarget(raw);
  if (!parsed.ok) {
    console.error(`Target "${raw}" is not a server base URL: ${parsed.reason}.`);
    process.exit(1);
  }
  return parsed.target;
});
const port = Number(values.port ?? process.env.PORT ?? 4000);

const sandbox = startChild({
  name: 'sandbox',
  entry: 'src/sandbox/main.ts',
  env: { ...process.env, SANDBOX_PORT: process.env.SANDBOX_PORT ?? '4100' },
  readyPattern: SANDBOX_READY,
});
let sandboxUrl: string;
try {
  sandboxUrl = await sandbox.ready;
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}

const vite = await createServer({
  root: REPO_ROOT,
  // As for the build (scripts/lib/build-if-stale.ts): the config as it is, without the bundling
  // loader's warning about extensionless imports.
  configLoader: 'runner',
  server: { host: '127.0.0.1', port, strictPort: true },
  plugins: [explorerServerPlugin({ sandboxUrl, targets, log: (line) => console.log(`[proxy] ${line}`) })],
});
try {
  await vite.listen();
} catch (err) {
  console.error(`The dev server could not start: ${(err as Error).message}`);
  await sandbox.stop();
  process.exit(1);
}
vite.printUrls();
console.log(`  Embedded sandbox at ${sandboxUrl}\n`);

let stopping = false;
const stop = async (code: number): Promise<void> => {
  stopping = true;
  await Promise.all([vite.close(), sandbox.stop()]);
  process.exit(code);
};
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
void sandbox.exited.then((exit) => {
  if (stopping) return;
  console.error(
    `\nThe sandbox stopped unexpectedly (${describeExit(exit)}). Its last output:\n${sandbox.lastOutput()}\n`,
  );
  void stop(1);
});
