/**
 * `npx tsx scripts/docs/screenshot.ts`: the README's screenshot (docs/screenshot.png), taken from
 * the production build against the sandbox, signed in as demo, with users.list answered.
 */
import path from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumArgs, findChromium } from '../../e2e/browser';
import { startExplorerServer } from '../../src/server/server';
import { buildIfStale, REPO_ROOT } from '../lib/build-if-stale';
import { SANDBOX_READY, startChild } from '../lib/children';

await buildIfStale();
const sandbox = startChild({
  name: 'sandbox',
  entry: 'src/sandbox/main.ts',
  env: { ...process.env, SANDBOX_PORT: '0', SANDBOX_SEED_USERS: '200' },
  readyPattern: SANDBOX_READY,
  echo: false,
});
const explorer = await startExplorerServer({
  port: 0,
  sandboxUrl: await sandbox.ready,
  targets: [],
  staticRoot: path.join(REPO_ROOT, 'dist'),
});
const browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs() });
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 820 }, colorScheme: 'light' });
  await page.goto(explorer.url);
  await page.getByRole('textbox', { name: 'Username or email' }).fill('demo');
  await page.getByRole('textbox', { name: 'Password' }).fill('demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('searchbox', { name: 'Search endpoints' }).fill('users.list');
  await page.getByRole('option', { name: 'GET /api/v1/users.list', exact: true }).click();
  await page
    .getByRole('region', { name: 'Request' })
    .getByRole('button', { name: 'Send', exact: true })
    .click();
  await page
    .getByRole('region', { name: 'Response' })
    .getByRole('status', { name: 'Status' })
    .filter({ hasText: '200' })
    .waitFor();
  await page.waitForTimeout(500);
  await page.screenshot({ path: path.join(REPO_ROOT, 'docs', 'screenshot.png') });
} finally {
  await browser.close();
  await explorer.close();
  await sandbox.stop();
}
