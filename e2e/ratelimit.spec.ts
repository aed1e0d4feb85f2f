/**
 * The live rate-limit gauge, the 429 alert and a fetch-all paced by the limit, against a real
 * sandbox with a short window. Accessible names from shared/design/ui-contract.md.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { selectOperation, send, signInAs } from './auth-helpers';
import { expect, test, useStack } from './fixtures';

async function setParam(page: Page, name: string, value: string) {
  await page
    .getByRole('region', { name: 'Request' })
    .getByRole('textbox', { name, exact: true })
    .or(page.getByRole('region', { name: 'Request' }).getByRole('spinbutton', { name, exact: true }))
    .first()
    .fill(value);
}

// One stack per file (Playwright runs a worker per stack): a short window of 5 calls per 10 s, and
// CORS on so the browser can also call the sandbox directly. The limiter counts per route + method.
useStack({
  sandboxEnv: {
    SANDBOX_SEED_USERS: '60',
    API_Enable_Rate_Limiter_Limit_Calls_Default: '5',
    API_Enable_Rate_Limiter_Limit_Time_Default: '10000',
    API_Enable_CORS: 'true',
  },
});

test('the meter falls with each call and counts down; the call over the limit shows 429, an alert, and a retry that waits for the reset', async ({
  page,
  explorerUrl,
}) => {
  test.setTimeout(45_000);
  await page.goto(explorerUrl);
  await signInAs(page, 'demo', 'demo');
  await selectOperation(page, 'GET', '/api/v1/users.list');
  await setParam(page, 'count', '2');
  const response = page.getByRole('region', { name: 'Response' });
  const status = response.getByRole('status', { name: 'Status' });
  const meter = response.getByRole('meter', { name: 'Rate limit' });
  // No numbers yet: the state is a status in words, not a meter without a value (axe: critical).
  await expect(response.getByRole('status', { name: 'Rate limit' })).toContainText('unknown');
  await expect(meter).toHaveCount(0);

  // The first call opens a window (4 left); if an earlier test had spent part of it, wait for a fresh one.
  await send(page);
  await expect(status).toContainText(/200|429/);
  const resetIn = async () => Number(/resets in (\d+) s/.exec((await meter.textContent()) ?? '')?.[1] ?? 0);
  let startAt = 3;
  if ((await meter.getAttribute('aria-valuenow')) !== '4') {
    await expect.poll(resetIn, { timeout: 12_000, intervals: [250] }).toBe(0);
    startAt = 4;
  }

  for (let remaining = startAt; remaining >= 0; remaining--) {
    await setParam(page, 'offset', String(4 - remaining));
    await send(page);
    await expect(status).toContainText('200');
    await expect(meter).toHaveAttribute('aria-valuenow', String(remaining));
    await expect(meter).toHaveAttribute('aria-valuemax', '5');
    await expect(meter).toContainText(/resets in \d+ s/);
  }
  // The history lists the remaining calls after each response.
  await expect(
    response.getByRole('img', { name: /^Calls left over the last \d+ requests: .*4, 3, 2, 1, 0$/ }),
  ).toBeVisible();

  // The countdown runs: the number of seconds goes down while we wait.
  const first = await resetIn();
  await expect.poll(resetIn, { timeout: 5000, intervals: [250] }).toBeLessThan(first);

  // With 0 calls left, Send is held back with the reset countdown; "Send anyway" is the choice.
  const request = page.getByRole('region', { name: 'Request' });
  await expect(request.getByRole('button', { name: 'Send', exact: true })).toBeDisabled();
  await expect(request.getByRole('alert').filter({ hasText: 'Send is held back' })).toContainText(
    /0 calls left on this route; the limit resets in about \d+ s/,
  );
  await request.getByRole('button', { name: 'Send anyway' }).click();
  await expect(status).toContainText('429 Too Many Requests');
  const alert = response.getByRole('alert').filter({ hasText: 'Too Many Requests' });
  await expect(alert).toContainText(/Wait \d+ s/);
  await expect(meter).toHaveAttribute('aria-valuenow', '0');

  await alert.getByRole('button', { name: 'Retry when the window resets' }).click();
  await expect(response.getByText(/Retrying in \d+ s/)).toBeVisible();
  await expect(status).toContainText('200', { timeout: 15_000 });
  await expect(meter).toHaveAttribute('aria-valuenow', '4');
});

test('Fetch all pages waits for the window instead of earning a 429 and merges every item', async ({
  page,
  explorerUrl,
}) => {
  test.setTimeout(45_000);
  await page.goto(explorerUrl);
  await signInAs(page, 'demo', 'demo');
  await selectOperation(page, 'GET', '/api/v1/users.list');
  await setParam(page, 'count', '8');
  await send(page);
  const response = page.getByRole('region', { name: 'Response' });
  const showing = response.getByText(/Showing 1–8 of \d+/);
  await expect(showing).toBeVisible();
  const total = Number(/of (\d+)/.exec((await showing.textContent()) ?? '')?.[1]);
  expect(total).toBeGreaterThan(40); // more than 5 pages: one window of 5 calls cannot hold them

  const calls: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/proxy/api/v1/users.list') calls.push(request.url());
  });
  await response.getByRole('button', { name: 'Fetch all pages' }).click();
  await expect(response.getByRole('progressbar', { name: 'Fetch all pages progress' })).toBeVisible();
  await expect(response.getByText(/Waiting \d+ s for the rate-limit window to reset/)).toBeVisible({
    timeout: 10_000,
  });
  await expect(response.getByText(`Fetched all: ${total} items`)).toBeVisible({ timeout: 30_000 });
  // Paced, never refused: no 429 was earned on the way.
  await expect(response.getByText(/answered 429/)).toHaveCount(0);
  // The first page is the answer on screen: one call per further page, none for page 1.
  expect(calls).toHaveLength(Math.ceil(total / 8) - 1);
  expect(calls.some((url) => !new URL(url).searchParams.has('offset'))).toBe(false);

  // Export: downloads carry the operation name and hold every item once.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    response.getByRole('button', { name: 'Export NDJSON' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^users\.list-.+\.ndjson$/);
  const text = await readFile((await download.path())!, 'utf8');
  const lines = text.trim().split('\n');
  expect(lines).toHaveLength(total);
  expect(new Set(lines.map((line) => (JSON.parse(line) as { _id: string })._id)).size).toBe(total);

  // The merged items in the viewer, said to be put together here; then back to the server's answer.
  await response.getByRole('button', { name: `View the ${total} items here` }).click();
  await expect(
    response.getByRole('status').filter({ hasText: `Viewing the ${total} items of` }),
  ).toContainText('not one answer of the server');
  await response.getByRole('tab', { name: 'Table' }).click();
  const panel = response.getByRole('tabpanel');
  await expect(panel.getByText(`${total} rows from users`)).toBeVisible();
  await response.getByRole('tab', { name: 'Headers' }).click();
  await expect(panel).toContainText('No headers: what is shown was put together in the explorer');
  await response.getByRole('button', { name: 'Back to the answer' }).click();
  await response.getByRole('tab', { name: 'Table' }).click();
  await expect(panel.getByText('8 rows from users')).toBeVisible();
  await expect(response.getByRole('status').filter({ hasText: 'Viewing the' })).toHaveCount(0);
});

test('direct cross-origin calls: the gauge says "hidden by CORS" and points to the proxy', async ({
  page,
  explorerUrl,
}) => {
  await page.goto(explorerUrl);
  await page.getByLabel('Connection').selectOption({ label: 'Direct from browser' });
  await selectOperation(page, 'GET', '/api/info');
  await send(page);
  const response = page.getByRole('region', { name: 'Response' });
  await expect(response.getByRole('status', { name: 'Status' })).toContainText('200');
  await expect(response.getByRole('status', { name: 'Rate limit' })).toContainText('hidden by CORS');
  await expect(response.getByRole('meter', { name: 'Rate limit' })).toHaveCount(0);
  await expect(response.getByText(/Use the explorer proxy to see the live rate limit/)).toBeVisible();
});

test('a user with api-bypass-rate-limit sees "bypassed"', async ({ page, explorerUrl }) => {
  await page.goto(explorerUrl);
  await signInAs(page, 'admin', 'admin');
  await selectOperation(page, 'GET', '/api/v1/users.list');
  await setParam(page, 'count', '1');
  await send(page);
  const response = page.getByRole('region', { name: 'Response' });
  await expect(response.getByRole('status', { name: 'Status' })).toContainText('200');
  await expect(response.getByRole('status', { name: 'Rate limit' })).toContainText('bypassed');
});
