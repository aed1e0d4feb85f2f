/**
 * Builds dist/ with `vite build` when it is missing or older than any of its inputs. Shared by
 * `npm start` (scripts/start.ts) and the Playwright global setup, so both agree on "stale".
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** What the browser build is made of; a change in any of them makes dist/ stale. */
export const BUILD_INPUTS = [
  'src/ui',
  'src/core',
  'index.html',
  'vite.config.ts',
  'scripts/lib/precompress.ts',
  'scripts/lib/boot-shell-plugin.ts',
  'scripts/lib/inline-css-plugin.ts',
  'public',
  'package-lock.json',
];

/** Newest modification time (ms) among files under `entry` (a file or folder); 0 when absent. */
export function newestMtime(entry: string): number {
  let st;
  try {
    st = statSync(entry);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const dirent of readdirSync(entry, { withFileTypes: true })) {
    if (dirent.name === 'node_modules' || dirent.name.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(path.join(entry, dirent.name)));
  }
  return newest;
}

export interface StaleCheck {
  stale: boolean;
  reason: string;
}

export function checkBuild(root = REPO_ROOT, inputs = BUILD_INPUTS): StaleCheck {
  const index = path.join(root, 'dist', 'index.html');
  if (!existsSync(index)) return { stale: true, reason: 'dist/index.html is missing' };
  const built = statSync(index).mtimeMs;
  for (const input of inputs) {
    if (newestMtime(path.join(root, input)) > built)
      return { stale: true, reason: `${input} changed since the last build` };
  }
  return { stale: false, reason: 'dist/ is up to date' };
}

/** Runs `vite build` into `outDir` in a child process (its memory is released afterwards), echoing its output. */
export function runViteBuild(root = REPO_ROOT, outDir = path.join(root, 'dist')): Promise<void> {
  const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      // The runner loads vite.config.ts as it is; the default loader bundles it and then prints a
      // dozen lines about extensionless imports, the first thing a newcomer's `npm start` showed.
      [vite, 'build', '--configLoader', 'runner', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'],
      {
        cwd: root,
        stdio: 'inherit',
      },
    );
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`vite build failed (${signal ?? `exit code ${code}`}); see its output above.`));
    });
  });
}

const LOCK_STALE_MS = 10 * 60_000;

/**
 * Several processes may want a build at once (`npm start` while e2e tests run, two e2e runs in one
 * working tree). A lock directory serialises them; whoever waited re-checks before building.
 */
async function withBuildLock<T>(root: string, fn: () => Promise<T>): Promise<T> {
  const lock = path.join(root, 'node_modules', '.cache', 'explorer-build.lock');
  mkdirSync(path.dirname(lock), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      try {
        if (Date.now() - statSync(lock).mtimeMs > LOCK_STALE_MS)
          rmSync(lock, { recursive: true, force: true });
      } catch {
        // The holder released it meanwhile.
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * Builds when stale; returns what it decided, for the caller to print. The build goes to a
 * scratch folder that then replaces dist/ in one rename, so a server serving dist/ (another
 * test run, `npm start`) never sees it half-empty. dist/index.html gets the build's start time,
 * so a source edited during the build still makes the result stale.
 */
export async function buildIfStale(
  root = REPO_ROOT,
  log: (line: string) => void = console.log,
): Promise<StaleCheck> {
  const first = checkBuild(root);
  if (!first.stale) return first;
  return withBuildLock(root, async () => {
    const check = checkBuild(root);
    if (!check.stale) return check;
    log(`Building the explorer (${check.reason})...`);
    const started = new Date();
    const scratch = path.join(root, 'node_modules', '.cache', `explorer-build-${process.pid}`);
    const dist = path.join(root, 'dist');
    const old = path.join(root, 'node_modules', '.cache', `explorer-old-dist-${process.pid}`);
    try {
      await runViteBuild(root, scratch);
      utimesSync(path.join(scratch, 'index.html'), started, started);
      if (existsSync(dist)) renameSync(dist, old);
      renameSync(scratch, dist);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
      rmSync(old, { recursive: true, force: true });
    }
    return check;
  });
}
