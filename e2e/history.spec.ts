/**
 * Request history end to end: sent requests are listed per server with status and timing,
 * searchable, re-runnable and clearable; they survive a reload without any secret in storage;
 * stored data that fails validation is set aside and reported, not dropped.
 */
import { decodePermalink } from '../src/core/permalink';
import { expect, test, useStack } from './fixtures';
import {
  historyPanel,
  loginViaApi,
  requestPane,
  responsePane,
  selectOperation,
  useToken,
} from './share-helpers';

useStack({ sandboxEnv: { API_Enable_Rate_Limiter: 'false', SANDBOX_SEED_USERS: '60' } });

const HISTORY_KEY = 'rc-explorer.history';
const SET_ASIDE_KEY = 'rc-explorer.history.set-aside';

test.describe('history', () => {
  test('lists sent requests, searches them, re-runs one and clears them', async ({ page, explorerUrl }) => {
    await page.goto(explorerUrl);
    const history = historyPanel(page);
    await expect(history.getByText('Requests you send to this server appear here')).toBeVisible();

    await selectOperation(page, 'GET', '/api/info');
    await requestPane(page).getByRole('button', { name: 'Send', exact: true }).click();
    await expect(responsePane(page).getByRole('status', { name: 'Status' })).toContainText('200');
    await selectOperation(page, 'GET', '/api/v1/users.list');
    await requestPane(page).getByRole('spinbutton', { name: 'count', exact: true }).fill('2');
    await requestPane(page).getByRole('button', { name: 'Send', exact: true }).click();
    await expect(responsePane(page).getByRole('status', { name: 'Status' })).toContainText('401');

    const items = history.getByRole('listitem');
    await expect(items).toHaveCount(2);
    // Newest first, with method, path, status, parameters and a duration.
    await expect(items.nth(0)).toContainText('GET/api/v1/users.list401');
    await expect(items.nth(0)).toContainText('count=2');
    await expect(items.nth(0)).toContainText(/\d+ ms/);
    await expect(items.nth(1)).toContainText('GET/api/info200');
    await expect(history.getByText('2 requests')).toBeVisible();

    await history.getByRole('searchbox', { name: 'Search history' }).fill('info');
    await expect(items).toHaveCount(1);
    await history.getByRole('searchbox', { name: 'Search history' }).fill('401 count=2');
    await expect(items).toHaveCount(1);
    await expect(items.first()).toContainText('users.list');
    await history.getByRole('searchbox', { name: 'Search history' }).fill('');

    // Run again: loads that request and sends it.
    await items.filter({ hasText: '/api/info' }).getByRole('button', { name: 'Run again' }).click();
    await expect(requestPane(page).getByText('/api/info', { exact: true }).first()).toBeVisible();
    await expect(responsePane(page).getByRole('status', { name: 'Status' })).toContainText('200');
    await expect(items).toHaveCount(3);
    await expect(items.nth(0)).toContainText('/api/info');

    // Load: restores without sending.
    await items.filter({ hasText: 'users.list' }).getByRole('button', { name: 'Load' }).click();
    await expect(requestPane(page).getByRole('spinbutton', { name: 'count', exact: true })).toHaveValue('2');
    await expect(items).toHaveCount(3);

    // Kept across a reload.
    await page.reload();
    await expect(historyPanel(page).getByRole('listitem')).toHaveCount(3);

    await historyPanel(page).getByRole('button', { name: 'Clear history' }).click();
    await expect(historyPanel(page).getByRole('listitem')).toHaveCount(0);
    await expect(historyPanel(page).getByText('Requests you send to this server appear here')).toBeVisible();
    await page.reload();
    await expect(historyPanel(page).getByText('Requests you send to this server appear here')).toBeVisible();
  });

  test('consecutive repeats of a request are one entry with a count, kept across a reload', async ({
    page,
    explorerUrl,
    sandboxUrl,
  }) => {
    await page.goto(explorerUrl);
    await selectOperation(page, 'GET', '/api/info');
    const send = requestPane(page).getByRole('button', { name: 'Send', exact: true });
    const history = historyPanel(page);
    const items = history.getByRole('listitem');
    for (let i = 1; i <= 3; i++) {
      await send.click();
      // Each run is recorded before the next one starts (the count says so).
      await expect(items.first()).toContainText(i === 1 ? '/api/info200' : `×${i}`);
    }
    await expect(items).toHaveCount(1);
    await expect(items.first()).toContainText('sent 3 times in a row');
    await expect(history.getByText('1 request', { exact: true })).toBeVisible();

    // Another request breaks the run: the next /api/info is a new line.
    await selectOperation(page, 'GET', '/api/v1/users.list');
    await send.click();
    await expect(items).toHaveCount(2);
    await items.filter({ hasText: '/api/info' }).getByRole('button', { name: 'Run again' }).click();
    await expect(items).toHaveCount(3);
    await expect(items.nth(0)).toContainText('/api/info200');
    await expect(items.nth(0)).not.toContainText('×');
    await expect(items.nth(2)).toContainText('×3');

    const stored = await page.evaluate((key) => window.localStorage.getItem(key) ?? '', HISTORY_KEY);
    const doc = JSON.parse(stored) as { servers: Record<string, Array<{ n?: number }>> };
    expect((doc.servers[sandboxUrl] ?? []).map((e) => e.n ?? 1)).toEqual([1, 1, 3]);
    await page.reload();
    await expect(historyPanel(page).getByRole('listitem').nth(2)).toContainText('×3');
    await page.screenshot({ path: test.info().outputPath('history-repeats.png') });
  });

  test('stored history holds no token or user ID, even one pasted into a parameter', async ({
    page,
    explorerUrl,
    sandboxUrl,
    request,
  }) => {
    const credentials = await loginViaApi(request, sandboxUrl);
    await page.goto(explorerUrl);
    await useToken(page, credentials);
    await selectOperation(page, 'GET', '/api/v1/users.list');
    // The token pasted into a parameter: caught because the app knows the tokens it holds.
    await requestPane(page).getByRole('textbox', { name: 'email', exact: true }).fill(credentials.authToken);
    await requestPane(page).getByRole('button', { name: 'Send', exact: true }).click();
    await expect(responsePane(page).getByRole('status', { name: 'Status' })).toContainText(/\d{3}/);
    await expect(historyPanel(page).getByRole('listitem')).toHaveCount(1);
    const stored = await page.evaluate((key) => window.localStorage.getItem(key) ?? '', HISTORY_KEY);
    const doc = JSON.parse(stored) as { format: number; servers: Record<string, Array<{ link: string }>> };
    expect(doc.format).toBe(2);
    const entries = doc.servers[sandboxUrl] ?? [];
    expect(entries).toHaveLength(1);
    // The requests are stored compressed: unpack each to look for secrets in what it really holds.
    const unpacked = JSON.stringify(entries.map((e) => decodePermalink(e.link)));
    expect(unpacked).toContain('"ok":true');
    expect(unpacked).toContain('/api/v1/users.list');
    for (const secret of [credentials.authToken, credentials.userId]) {
      expect(stored).not.toContain(secret);
      expect(unpacked).not.toContain(secret);
    }
    await expect(historyPanel(page).getByRole('listitem').first()).not.toContainText(credentials.authToken);
    await expect(historyPanel(page).getByRole('listitem').first()).toContainText('$RC_SECRET');
  });

  test('stored data that fails validation is set aside and reported, not dropped', async ({
    page,
    explorerUrl,
    sandboxUrl,
  }) => {
    await page.goto(explorerUrl);
    // The panel (loaded after the first paint) has read the empty storage: the damaged data
    // written next is found by the reload, not by this page.
    await expect(historyPanel(page).getByText('Requests you send to this server appear here')).toBeVisible();
    const broken = JSON.stringify({
      format: 1,
      servers: {
        [sandboxUrl]: [
          { id: 'x', link: '#r=2.damaged', status: 200, statusText: 'OK', ms: 1, bytes: 1, at: 1 },
        ],
      },
    });
    await page.evaluate(([key, value]) => window.localStorage.setItem(key!, value!), [HISTORY_KEY, broken]);
    await page.reload();
    const alert = historyPanel(page).getByRole('alert');
    await expect(alert).toContainText(
      '1 stored history item(s) failed validation and were set aside, not deleted',
    );
    await expect(alert).toContainText('the request cannot be read');
    const aside = await page.evaluate((key) => window.localStorage.getItem(key), SET_ASIDE_KEY);
    expect(aside).toContain('#r=2.damaged');

    // Still usable: a new request is recorded next to the report.
    await selectOperation(page, 'GET', '/api/info');
    await requestPane(page).getByRole('button', { name: 'Send', exact: true }).click();
    await expect(historyPanel(page).getByRole('listitem')).toHaveCount(1);

    const download = page.waitForEvent('download');
    await alert.getByRole('button', { name: 'Download them' }).click();
    expect((await download).suggestedFilename()).toBe('explorer-history-set-aside.json');
    await alert.getByRole('button', { name: 'Discard them' }).click();
    await expect(historyPanel(page).getByRole('alert')).toHaveCount(0);
    expect(await page.evaluate((key) => window.localStorage.getItem(key), SET_ASIDE_KEY)).toBeNull();
  });

  test('the panel collapses and stays collapsed across a reload', async ({ page, explorerUrl }) => {
    await page.goto(explorerUrl);
    const toggle = historyPanel(page).getByRole('button', { name: 'History' });
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await expect(historyPanel(page).getByText('Requests you send to this server appear here')).toHaveCount(0);
    await page.reload();
    await expect(historyPanel(page).getByRole('button', { name: 'History' })).toHaveAttribute(
      'aria-expanded',
      'false',
    );
  });
});
