/**
 * Explorer server entry point: `tsx src/server/main.ts --port 4000 --sandbox http://127.0.0.1:4100`.
 * Prints `Explorer ready at http://127.0.0.1:<port>` once listening; SIGINT/SIGTERM close it.
 */
import { parseCli, USAGE, UsageError } from './cli';
import { launchExplorer } from './launch';

try {
  const server = await launchExplorer(parseCli(process.argv.slice(2), process.env));
  console.log(`Explorer ready at ${server.url}`);
} catch (err) {
  if (!(err instanceof UsageError)) throw err;
  console.error(`${err.message}\n${USAGE}`);
  process.exit(2);
}
