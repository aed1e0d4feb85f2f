/**
 * Explorer server entry point: `tsx src/server/main.ts --port 4000 --sandbox http://127.0.0.1:4100`.
 * Prints `Explorer ready at http://127.0.0.1:<port>` once listening; SIGINT/SIGTERM close it.
 */
import { isLoopback, parseCli, USAGE, UsageError } from './cli';
import { startExplorerServer } from './server';

async function main(): Promise<void> {
  let options;
  try {
    options = parseCli(process.argv.slice(2), process.env);
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`${err.message}\n${USAGE}`);
      process.exit(2);
    }
    throw err;
  }
  const { quiet, ...serverOptions } = options;
  if (!quiet) serverOptions.log = (line) => console.log(line);
  let server;
  try {
    server = await startExplorerServer(serverOptions);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'EADDRINUSE') {
      console.error(
        `Port ${serverOptions.port} on ${serverOptions.host} is already in use. Stop the other process or set PORT (or --port) to another port.`,
      );
    } else {
      console.error(`The explorer server could not start: ${e.message}`);
    }
    process.exit(1);
  }
  if (!isLoopback(serverOptions.host ?? '127.0.0.1')) {
    console.warn(
      `Warning: listening on ${serverOptions.host}: other machines can use this explorer's proxy to reach ${[
        serverOptions.sandboxUrl,
        ...serverOptions.targets,
      ]
        .filter(Boolean)
        .join(', ')}.`,
    );
  }
  console.log(`Explorer ready at ${server.url}`);
  let closing = false;
  const stop = (): void => {
    if (closing) return;
    closing = true;
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
