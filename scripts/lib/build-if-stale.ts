/**
 * Builds dist/ with `vite build` when it is missing or older than any of its inputs. Shared by
 * `npm start` (scripts/start.ts) and the Playwright global setup, so both agree on "stale".
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** What the browser build is made of; a change in any of them makes dist/ stale. */
export const BUILD_INPUTS = [
  'src/ui',
  'src/core',
  'index.html',
  'vite.config.ts',
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

/** Runs `vite build` in a child process (its memory is released afterwards), echoing its output. */
export function runViteBuild(root = REPO_ROOT): Promise<void> {
  const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [vite, 'build'], { cwd: root, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`vite build failed (${signal ?? `exit code ${code}`}); see its output above.`));
    });
  });
}

/** Builds when stale; returns what it decided, for the caller to print. */
export async function buildIfStale(
  root = REPO_ROOT,
  log: (line: string) => void = console.log,
): Promise<StaleCheck> {
  const check = checkBuild(root);
  if (check.stale) {
    log(`Building the explorer (${check.reason})...`);
    await runViteBuild(root);
  }
  return check;
}
