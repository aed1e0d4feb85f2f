/**
 * Starts the explorer server for a command line (`src/server/main.ts` in a clone, `bin.ts` in the
 * installed package): a readable message instead of a stack when the port is taken, a warning when
 * other machines can reach it, and a clean stop on SIGINT/SIGTERM (with whatever else the caller
 * started, such as the embedded sandbox).
 */
import { isLoopback, type CliOptions } from './cli';
import { startExplorerServer, type RunningExplorerServer } from './server';

export async function launchExplorer(
  options: CliOptions,
  alsoClose: () => Promise<void> = () => Promise.resolve(),
): Promise<RunningExplorerServer> {
  const { quiet, ...serverOptions } = options;
  if (!quiet) serverOptions.log = (line) => console.log(line);
  let server: RunningExplorerServer;
  try {
    server = await startExplorerServer(serverOptions);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    console.error(
      e.code === 'EADDRINUSE'
        ? `Port ${serverOptions.port} on ${serverOptions.host} is already in use. Stop the other process or choose another port with --port (or PORT).`
        : `The explorer server could not start: ${e.message}`,
    );
    await alsoClose();
    process.exit(1);
  }
  const host = serverOptions.host ?? '127.0.0.1';
  if (!isLoopback(host)) {
    const reachable = [serverOptions.sandboxUrl, ...serverOptions.targets].filter(Boolean).join(', ');
    console.warn(
      `Warning: listening on ${host}: anyone who can reach this machine can use the explorer's proxy to reach ${reachable || 'no server yet'}.` +
        (serverOptions.publicOrigin
          ? ''
          : ' Behind a reverse proxy, pass --public-url with the address people open.'),
    );
  }
  let closing = false;
  const stop = (): void => {
    if (closing) return;
    closing = true;
    Promise.all([server.close(), alsoClose()]).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return server;
}
