/**
 * The live rate-limit gauge, the 429 alert and a fetch-all paced by the limit, against a real
 * sandbox with a short window. Accessible names from shared/design/ui-contract.md.
 */
import type { Page } from '@playwright/test';
import { expect, test, useStack } from './fixtures';

async function selectOperation(page: Page, method: string, path: string) {
  const endpoints = page.getByRole('region', { name: 'Endpoints' });
  await endpoints.getByRole('searchbox', { name: 'Search endpoints' }).fill(path);
  const name = new RegExp(`^${method} ${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(\\s|$)`);
  await endpoints.getByRole('button', { name }).or(endpoints.getByRole('option', { name })).first().click();
}

async function signIn(page: Page, user: string, password: string) {
  const auth = page.getByRole('region', { name: 'Authentication' }).or(page.getByRole('dialog', { name: 'Authentication' }));
  await auth.getByLabel('Username or email').fill(user);
  await auth.getByLabel('Password').fill(password);
  await auth.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText(`Signed in as ${user}`).first()).toBeVisible();
}

async function setParam(page: Page, name: string, value: string) {
  await page.getByRole('region', { name: 'Request' }).getByRole('textbox', { name, exact: true }).or(
    page.getByRole('region', { name: 'Request' }).getByRole('spinbutton', { name, exact: true }),
  ).first().fill(value);
}

async function send(page: Page) {
  await page.getByRole('region', { name: 'Request' }).getByRole('button', { name: 'Send', exact: true }).click();
}

test.describe('a window of 5 calls per 20 s', () => {
  useStack({
    sandboxEnv: {
      SANDBOX_SEED_USERS: '40',
      API_Enable_Rate_Limiter_Limit_Calls_Default: '5',
      API_Enable_Rate_Limiter_Limit_Time_Default: '20000',
    },
  });

  test('the meter falls with each call, counts down, and the call over the limit shows 429 with an alert', async ({
    page,
    explorerUrl,
  }) => {
    await page.goto(explorerUrl);
    await signIn(page, 'demo', 'demo');
    await selectOperation(page, 'GET', '/api/v1/users.list');
    await setParam(page, 'count', '2');
    const response = page.getByRole('region', { name: 'Response' });
    const meter = response.getByRole('meter', { name: 'Rate limit' });
    await expect(meter).toContainText('unknown');

    for (let remaining = 4; remaining >= 0; remaining--) {
      // A different offset each time: the same query would be a new call anyway (Send always asks the server).
      await setParam(page, 'offset', String(4 - remaining));
      await send(page);
      await expect(response.getByRole('status', { name: 'Status' })).toContainText('200');
      await expect(meter).toHaveAttribute('aria-valuenow', String(remaining));
      await expect(meter).toHaveAttribute('aria-valuemax', '5');
      await expect(meter).toContainText(/resets in \d+ s/);
    }

    // The countdown runs: the number of seconds goes down while we wait.
    const seconds = async () => Number(/resets in (\d+) s/.exec((await meter.textContent()) ?? '')?.[1]);
    const first = await seconds();
    await expect.poll(seconds, { timeout: 5000 }).toBeLessThan(first);

    await send(page);
    await expect(response.getByRole('status', { name: 'Status' })).toContainText('429 Too Many Requests');
    const alert = response.getByRole('alert').filter({ hasText: 'Too Many Requests' });
    await expect(alert).toContainText(/Wait \d+ s/);
    await expect(alert.getByRole('button', { name: 'Retry when the window resets' })).toBeVisible();
    await expect(meter).toHaveAttribute('aria-valuenow', '0');
    // The history lists the remaining calls after each response.
    await expect(response.getByText(/Remaining after each call: 4, 3, 2, 1, 0/)).toBeAttached();
  });
});

test.describe('a window of 2 calls per 3 s', () => {
  useStack({
    sandboxEnv: {
      SANDBOX_SEED_USERS: '40',
      API_Enable_Rate_Limiter_Limit_Calls_Default: '2',
      API_Enable_Rate_Limiter_Limit_Time_Default: '3000',
    },
  });

  test('"Retry when the window resets" waits for the reset, then sends again and succeeds', async ({ page, explorerUrl }) => {
    await page.goto(explorerUrl);
    await signIn(page, 'demo', 'demo');
    await selectOperation(page, 'GET', '/api/v1/users.list');
    await setParam(page, 'count', '1');
    const response = page.getByRole('region', { name: 'Response' });
    const status = response.getByRole('status', { name: 'Status' });
    for (let i = 0; i < 2; i++) {
      await send(page);
      await expect(status).toContainText('200');
    }
    await send(page);
    await expect(status).toContainText('429');
    await response.getByRole('button', { name: 'Retry when the window resets' }).click();
    await expect(response.getByText(/Retrying in \d+ s/)).toBeVisible();
    await expect(status).toContainText('200', { timeout: 10_000 });
  });

  test('Fetch all pages waits for the window instead of earning a 429 and merges every item', async ({ page, explorerUrl }) => {
    await page.goto(explorerUrl);
    await signIn(page, 'demo', 'demo');
    await selectOperation(page, 'GET', '/api/v1/users.list');
    await setParam(page, 'count', '10');
    await send(page);
    const response = page.getByRole('region', { name: 'Response' });
    const showing = response.getByText(/Showing 1–10 of \d+/);
    await expect(showing).toBeVisible();
    const total = Number(/of (\d+)/.exec((await showing.textContent()) ?? '')?.[1]);
    expect(total).toBeGreaterThan(20); // at least 3 pages, so the 2-call window must be waited for

    await response.getByRole('button', { name: 'Fetch all pages' }).click();
    const progress = response.getByRole('progressbar', { name: 'Fetch all pages progress' });
    await expect(progress).toBeVisible();
    await expect(response.getByText(/Waiting \d+ s for the rate-limit window to reset/)).toBeVisible({ timeout: 10_000 });
    await expect(response.getByText(`Fetched all: ${total} items`)).toBeVisible({ timeout: 20_000 });
    // Paced, never refused: no 429 was earned on the way.
    await expect(response.getByText(/answered 429/)).toHaveCount(0);

    // Export: downloads carry the operation name.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      response.getByRole('button', { name: 'Export NDJSON' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('users.list.ndjson');
    const text = await (await import('node:fs/promises')).readFile((await download.path())!, 'utf8');
    const lines = text.trim().split('\n');
    expect(lines).toHaveLength(total);
    expect(new Set(lines.map((line) => (JSON.parse(line) as { _id: string })._id)).size).toBe(total);
  });
});

test.describe('direct calls to a CORS-enabled server', () => {
  useStack({ sandboxEnv: { SANDBOX_SEED_USERS: '40', API_Enable_CORS: 'true' } });

  test('the gauge says "hidden by CORS" and points to the proxy', async ({ page, explorerUrl }) => {
    await page.goto(explorerUrl);
    await page.getByLabel('Connection').selectOption({ label: 'Direct from browser' });
    await selectOperation(page, 'GET', '/api/info');
    await send(page);
    const response = page.getByRole('region', { name: 'Response' });
    await expect(response.getByRole('status', { name: 'Status' })).toContainText('200');
    const meter = response.getByRole('meter', { name: 'Rate limit' });
    await expect(meter).toContainText('hidden by CORS');
    await expect(meter).not.toHaveAttribute('aria-valuenow', /.*/);
    await expect(response.getByText(/Use the explorer proxy to see the live rate limit/)).toBeVisible();
  });
});
