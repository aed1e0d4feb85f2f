/**
 * Screenshots of the response pane (light and dark): empty state, a list page in each view, an
 * error page and a large response. Usage:
 *   npx tsx scripts/bench/response-screens.ts --explorer http://127.0.0.1:4000 [--out /tmp/screens] [--large-path /api/v1/users.list]
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Page } from '@playwright/test';

const { values } = parseArgs({
  options: {
    explorer: { type: 'string' },
    out: { type: 'string', default: '/tmp/response-screens' },
    only: { type: 'string' },
  },
});
if (!values.explorer) throw new Error('--explorer URL is required');
const out = values.out!;
mkdirSync(out, { recursive: true });

async function selectOperation(page: Page, name: string) {
  const search = page.getByRole('searchbox', { name: 'Search endpoints' });
  await search.fill(name.split(' ')[1]!.split('/').pop()!);
  await page.getByRole('option', { name }).or(page.getByRole('button', { name })).first().click();
}

async function setParam(page: Page, name: string, value: string) {
  const field = page.getByRole('region', { name: 'Request' }).getByLabel(name, { exact: true });
  await field.fill(value);
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-gpu'],
});
for (const scheme of ['light', 'dark'] as const) {
  const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  page.on('console', (m) => m.type() === 'error' && console.log(`[console.${m.type()}] ${m.text()}`));
  page.on('pageerror', (e) => console.log(`[pageerror] ${e.message}`));
  await page.goto(values.explorer);
  await page.getByRole('region', { name: 'Response' }).waitFor();
  await page.screenshot({ path: path.join(out, `${scheme}-empty.png`) });
  await selectOperation(page, 'GET /api/v1/users.list');
  await setParam(page, 'count', '5');
  await setParam(page, 'offset', '10');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await page.getByRole('status', { name: 'Status' }).filter({ hasText: /\d{3}/ }).waitFor();
  for (const tab of ['Tree', 'Table', 'Raw', 'Headers']) {
    await page.getByRole('tab', { name: tab }).click();
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(out, `${scheme}-list-${tab.toLowerCase()}.png`) });
  }
  await context.close();
}
await browser.close();
console.log(`Screenshots in ${out}`);
