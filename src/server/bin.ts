/**
 * The installed command, `rocketchat-api-explorer` (bundled by scripts/build-node.ts into
 * dist-node/, so it runs with Node alone):
 *
 *   rocketchat-api-explorer --target https://chat.example.com    the explorer for your server
 *   rocketchat-api-explorer --sandbox                            with the embedded sandbox
 *
 * Every flag of src/server/main.ts works too (--host, --public-url, --port, ...), except that
 * --sandbox takes no URL: it starts the sandbox in this process, on 127.0.0.1 only.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSandbox } from '../sandbox/server';
import { optionsFrom, parseFlags, SERVER_ARGS, targetBannerLines, USAGE, UsageError } from './cli';
import { launchExplorer } from './launch';

const BIN_USAGE = `Usage: rocketchat-api-explorer (--target URL... | --sandbox) [--port 4000] [--sandbox-port 4100]
       [--host 127.0.0.1] [--public-url URL] [--allowed-host NAME]... [--source-maps] [--quiet]
  --target URL     a Rocket.Chat server the explorer may call (repeatable; env RC_TARGETS)
  --sandbox        also start the embedded Rocket.Chat-compatible sandbox (accounts admin/admin, demo/demo)
  --host ADDRESS   listen beyond this machine (e.g. 0.0.0.0) for a team; then give --public-url
  --public-url URL the address colleagues open when a reverse proxy sits in front
  --connect-timeout MS, --idle-timeout MS, --body-timeout MS
                   upstream connect and silence limits (504); whole request body limit (408)
${USAGE.split('\n').slice(2).join('\n')}`;

/** The package folder: the one above this file (dist-node/ when bundled, src/server/ in a clone). */
function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 3; i++) {
    dir = path.dirname(dir);
    if (existsSync(path.join(dir, 'package.json'))) return dir;
  }
  return process.cwd();
}

async function main(): Promise<void> {
  const values = parseFlags(process.argv.slice(2), {
    ...SERVER_ARGS,
    sandbox: { type: 'boolean' },
    'sandbox-port': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help === true) {
    console.log(BIN_USAGE);
    return;
  }
  const root = packageRoot();
  const options = optionsFrom({ ...values, sandbox: undefined }, process.env, root);
  if (values.dist === undefined) options.staticRoot = path.join(root, 'dist');
  if (values.sandbox !== true && options.targets.length === 0 && options.sandboxUrl === null)
    throw new UsageError('Name the Rocket.Chat server to explore with --target URL, or pass --sandbox.');
  const sandboxPort = values['sandbox-port'] ?? process.env.SANDBOX_PORT ?? '4100';
  if (!/^\d{1,5}$/.test(sandboxPort))
    throw new UsageError(`--sandbox-port must be a port number, got "${sandboxPort}".`);
  const sandbox =
    values.sandbox === true ? await startSandbox({ host: '127.0.0.1', port: Number(sandboxPort) }) : null;
  const server = await launchExplorer(
    { ...options, sandboxUrl: sandbox?.url ?? options.sandboxUrl },
    () => sandbox?.close() ?? Promise.resolve(),
  );
  const shown = options.publicOrigin ?? server.url;
  console.log(
    [
      '',
      `  Rocket.Chat API Explorer  ${shown}`,
      ...(sandbox === null
        ? []
        : [
            `  Embedded sandbox          ${sandbox.url}   (accounts admin/admin, demo/demo, bot/bot, totp/totp)`,
          ]),
      ...targetBannerLines(options.targets),
      `  Read more                 ${path.join(root, 'README.md')}`,
      '',
      `Explorer ready at ${server.url}`,
    ].join('\n'),
  );
}

main().catch((err: unknown) => {
  if (err instanceof UsageError) {
    console.error(`${err.message}\n${BIN_USAGE}`);
    process.exit(2);
  }
  console.error(`rocketchat-api-explorer could not start: ${(err as Error).message}`);
  process.exit(1);
});
