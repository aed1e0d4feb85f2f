/**
 * Screenshots of the response pane (light and dark): empty state, a list page in each view, an
 * error page and a large response. Usage:
 *   npx tsx scripts/bench/response-screens.ts --explorer http://127.0.0.1:4000 [--out /tmp/screens] [--error URL]
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Page } from '@playwright/test';

const { values } = parseArgs({
  options: {
    explorer: { type: 'string' },
    out: { type: 'string', default: '/tmp/response-screens' },
    /** A server URL that answers with an HTML error page, for the error screenshot. */
    error: { type: 'string' },
    /** Sign in through the UI first, e.g. --user demo --password demo. */
    user: { type: 'string' },
    /** Send the list request this many more times, then shoot the 429 state (a limit of N calls). */
    burst: { type: 'string' },
    password: { type: 'string' },
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
  args: [
    '--no-sandbox',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-gpu',
  ],
});
for (const scheme of ['light', 'dark'] as const) {
  const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  page.on('console', (m) => m.type() === 'error' && console.log(`[console.${m.type()}] ${m.text()}`));
  page.on('pageerror', (e) => console.log(`[pageerror] ${e.message}`));
  await page.goto(values.explorer);
  await page.getByRole('region', { name: 'Response' }).waitFor();
  await page.screenshot({ path: path.join(out, `${scheme}-empty.png`) });
  if (values.user) {
    const auth = page
      .getByRole('region', { name: 'Authentication' })
      .or(page.getByRole('dialog', { name: 'Authentication' }));
    await auth.getByLabel('Username or email').fill(values.user);
    await auth.getByLabel('Password').fill(values.password ?? '');
    await auth.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText(`Signed in as ${values.user}`).first().waitFor();
  }
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
  if (values.burst) {
    const retry = page.getByRole('button', { name: 'Retry when the window resets' });
    for (let i = 0; i < Number(values.burst) && !(await retry.isVisible()); i++) {
      await page.getByRole('button', { name: 'Send', exact: true }).click();
      await page.getByRole('status', { name: 'Status' }).filter({ hasText: /\d{3}/ }).waitFor();
    }
    await page.getByRole('button', { name: 'Retry when the window resets' }).waitFor();
    await page.screenshot({ path: path.join(out, `${scheme}-429.png`) });
    await context.close();
    continue;
  }
  // Large response: everything in one answer, Table then Tree with a search.
  await setParam(page, 'count', '0');
  await setParam(page, 'offset', '');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await page.getByRole('tab', { name: 'Table' }).click();
  await page.getByText(/\d{4,} rows from/).waitFor({ timeout: 60_000 });
  await page.locator('.table-scroll').evaluate((el) => (el.scrollTop = el.scrollHeight / 2));
  await page.waitForTimeout(500);
  await page.screenshot({ path: path.join(out, `${scheme}-large-table.png`) });
  await page.getByRole('tab', { name: 'Tree' }).click();
  await page.getByRole('searchbox', { name: 'Search response' }).fill('user4242');
  await page.getByText(/\d+ matches/).waitFor({ timeout: 60_000 });
  await page.screenshot({ path: path.join(out, `${scheme}-large-tree-search.png`) });
  // Error state: an HTML error page from a server in front of Rocket.Chat.
  if (values.error) {
    await page
      .getByRole('textbox', { name: 'Server' })
      .or(page.getByRole('combobox', { name: 'Server' }))
      .first()
      .fill(values.error);
    await selectOperation(page, 'GET /api/info');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByRole('status', { name: 'Status' }).filter({ hasText: /\d{3}/ }).waitFor();
    await page.getByRole('tab', { name: 'Raw' }).click();
    await page.screenshot({ path: path.join(out, `${scheme}-error-html.png`) });
  }
  await context.close();
}
await browser.close();
console.log(`Screenshots in ${out}`);
