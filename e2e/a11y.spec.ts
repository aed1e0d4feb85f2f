/**
 * axe-core over every state a person meets: first screen, an answer in each view, the sign-in
 * panel, a 2FA prompt, fetch-all running, a 429, the import dialog; in light and in dark. Serious
 * and critical violations fail the test with the rule, the element and axe's help text.
 */
import type { Page } from '@playwright/test';
import {
  authRegion,
  fillSignIn,
  openPanel,
  responsePane,
  selectOperation,
  send,
  signInAs,
} from './auth-helpers';
import { expectNoSeriousViolations } from './a11y-helpers';
import { expect, test, useStack } from './fixtures';

// A short window (5 calls per 10 s) so a fetch-all waits and a 429 is reachable in a few calls.
useStack({
  sandboxEnv: {
    SANDBOX_SEED_USERS: '60',
    API_Enable_Rate_Limiter_Limit_Calls_Default: '5',
    API_Enable_Rate_Limiter_Limit_Time_Default: '10000',
  },
});

async function openExplorer(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByRole('region', { name: 'Endpoints' }).getByRole('status').first()).toHaveText(
    /\d+ endpoints/,
  );
}

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} theme`, () => {
    test.use({ colorScheme });
    // An axe pass over the whole page takes seconds each on a busy 2-core machine.
    test.describe.configure({ timeout: 120_000 });

    test('first screen, and an answer in Tree, Table, Raw and Headers', async ({ page, explorerUrl }) => {
      await openExplorer(page, explorerUrl);
      await expect(
        page
          .getByRole('region', { name: 'Endpoints' })
          .getByText(/on this server/)
          .first(),
      ).toBeVisible();
      await expectNoSeriousViolations(page, 'first screen');

      await signInAs(page, 'demo');
      await selectOperation(page, 'GET', '/api/v1/channels.list');
      await send(page);
      const response = responsePane(page);
      await expect(response.getByRole('status', { name: 'Status' })).toContainText('200');
      for (const tab of ['Tree', 'Table', 'Raw', 'Headers']) {
        await response.getByRole('tab', { name: tab }).click();
        await expect(response.getByRole('tab', { name: tab })).toHaveAttribute('aria-selected', 'true');
        await expectNoSeriousViolations(page, `after a send, ${tab}`);
      }
    });

    test('sign-in panel open, and the 2FA prompt', async ({ page, explorerUrl }) => {
      await openExplorer(page, explorerUrl);
      await openPanel(page);
      await expectNoSeriousViolations(page, 'sign-in open');
      await fillSignIn(page, 'totp', 'totp');
      await expect(authRegion(page).getByLabel('Two-factor code from your authenticator app')).toBeVisible();
      await expectNoSeriousViolations(page, '2FA prompt');
    });

    test('fetch-all running, then a 429 shown', async ({ page, explorerUrl }) => {
      await openExplorer(page, explorerUrl);
      await signInAs(page, 'demo');
      await selectOperation(page, 'GET', '/api/v1/users.list');
      const request = page.getByRole('region', { name: 'Request' });
      await request
        .getByRole('spinbutton', { name: 'count', exact: true })
        .or(request.getByRole('textbox', { name: 'count', exact: true }))
        .first()
        .fill('8');
      await send(page);
      const response = responsePane(page);
      await expect(response.getByText(/Showing 1–8 of \d+/)).toBeVisible({ timeout: 15_000 });
      await response.getByRole('button', { name: 'Fetch all pages' }).click();
      await expect(response.getByRole('progressbar', { name: 'Fetch all pages progress' })).toBeVisible();
      await expectNoSeriousViolations(page, 'fetch-all running');
      // The axe pass may outlast the fetch: cancel only what still runs. The fetch may also end
      // between the look and the click (a spread fetch-all lasts about as long as an axe pass), so
      // the click does not wait for a button that is gone; the line below accepts either ending.
      const cancel = response.getByRole('button', { name: 'Cancel' });
      if (await cancel.isVisible()) await cancel.click({ timeout: 3_000 }).catch(() => undefined);
      await expect(response.getByText(/Fetch all pages cancelled|Fetched all/)).toBeVisible();

      // Spend the window of another route until the server answers 429.
      await selectOperation(page, 'GET', '/api/v1/me');
      const status = response.getByRole('status', { name: 'Status' });
      // Once the gauge shows 0 calls left, Send is held back: "Send anyway" earns the 429.
      const anyway = request.getByRole('button', { name: 'Send anyway' });
      for (let i = 0; i < 7 && !/429/.test((await status.textContent().catch(() => '')) ?? ''); i++) {
        if (await anyway.isVisible()) await anyway.click();
        else await send(page);
        await expect(status).toContainText(/200|429/);
      }
      await expect(status).toContainText('429');
      await expectNoSeriousViolations(page, '429 shown');
    });

    test('import dialog', async ({ page, explorerUrl }) => {
      await openExplorer(page, explorerUrl);
      await page.getByRole('region', { name: 'Endpoints' }).getByText('Import OpenAPI').click();
      await expect(page.getByLabel('OpenAPI file')).toBeVisible();
      await expectNoSeriousViolations(page, 'import dialog');
    });
  });
}
