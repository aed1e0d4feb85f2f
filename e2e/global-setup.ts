/**
 * Runs once before the e2e tests: builds dist/ when stale (same rule as `npm start`) and makes
 * sure a browser exists, installing Playwright's Chromium only when no other one is found.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { buildIfStale } from '../scripts/lib/build-if-stale';
import { findChromium } from './browser';

export default async function globalSetup(): Promise<void> {
  await buildIfStale();
  if (findChromium() === undefined && !existsSync(chromium.executablePath())) {
    console.log("No Chromium found (CHROMIUM_PATH, /usr/bin/chromium): installing Playwright's own...");
    const result = spawnSync('npx', ['playwright', 'install', 'chromium'], { stdio: 'inherit' });
    if (result.status !== 0) {
      throw new Error(
        'No browser for the e2e tests. Install Chromium (apt-get install chromium), set CHROMIUM_PATH, or run `npx playwright install chromium`.',
      );
    }
  }
}
