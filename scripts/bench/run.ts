/**
 * `npm run bench`: runs every benchmark one after another (they would disturb each other in
 * parallel) and prints each one's own report. Speed and memory are measured here, never asserted
 * in tests: machines are shared and noisy, so each benchmark also prints the load average.
 *
 *   npm run bench                  # all
 *   npm run bench -- sandbox       # only those whose name contains a word
 *   npm run bench -- permalink-hostile --links 10000   # options after the names go to each chosen one
 */
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

const BENCHMARKS: Array<{ name: string; file: string; args?: string[]; what: string }> = [
  {
    name: 'first-load',
    file: 'first-load.ts',
    what: 'first-load bytes (gzip) and time to a usable catalog, Swagger UI beside it',
  },
  {
    name: 'sandbox',
    file: 'sandbox.ts',
    what: 'sandbox start-up, channels.list req/s, $regex over 100,000 users',
  },
  {
    name: 'catalog-search',
    file: 'catalog-search.ts',
    what: 'catalog search ms per keystroke (700 operations)',
  },
  { name: 'catalog-ui', file: 'catalog-ui.ts', what: 'Endpoints pane per keystroke in the production build' },
  {
    name: 'monaco',
    file: 'monaco-typing.ts',
    what: 'Monaco chunk sizes, usable before Monaco, typing in 5,000 lines',
  },
  {
    name: 'response-large',
    file: 'response-large.ts',
    what: 'users.list?count=0 over 100,000 users: first rows, long tasks, memory',
  },
  {
    name: 'permalink-hostile',
    file: 'permalink-hostile.ts',
    what: 'hostile #r= links: decode cost per kind, longest task opening them in Chromium',
  },
  {
    name: 'proxy-slow-clients',
    file: 'proxy-slow-clients.ts',
    what: '50 slowloris + 50 slow POST bodies through the proxy for 60 s: other clients answered',
  },
];

function runOne(file: string, args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, file), ...args], {
      stdio: 'inherit',
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

// Names first, then the chosen benchmarks' own options (from the first argument starting with '-').
const args = process.argv.slice(2);
const firstOption = args.findIndex((a) => a.startsWith('-'));
const filters = firstOption === -1 ? args : args.slice(0, firstOption);
const passed = firstOption === -1 ? [] : args.slice(firstOption);
const chosen = BENCHMARKS.filter((b) => filters.length === 0 || filters.some((f) => b.name.includes(f)));
if (chosen.length === 0) {
  console.error(
    `No benchmark matches ${filters.join(', ')}. Names: ${BENCHMARKS.map((b) => b.name).join(', ')}`,
  );
  process.exit(2);
}
const failed: string[] = [];
for (const bench of chosen) {
  console.log(`\n=== ${bench.name}: ${bench.what} (load average ${loadavg()[0]?.toFixed(1)}) ===`);
  const code = await runOne(bench.file, [...(bench.args ?? []), ...passed]);
  if (code !== 0) failed.push(`${bench.name} (exit ${code})`);
}
console.log(
  failed.length === 0 ? '\nAll benchmarks ran.' : `\nBenchmarks that failed to run: ${failed.join(', ')}`,
);
process.exit(failed.length === 0 ? 0 : 1);
