/** Finding the Endpoints pane and waiting for the catalog, shared by the catalog and form specs. */
import type { Locator, Page } from '@playwright/test';
import { expect } from './fixtures';

export function endpointsPane(page: Page): Locator {
  return page.getByRole('region', { name: 'Endpoints' });
}

/** The `N endpoints` count as a number. */
export async function endpointCount(page: Page): Promise<number> {
  const text = await endpointsPane(page)
    .getByRole('status')
    .filter({ hasText: /^\d+ endpoints$/ })
    .textContent();
  return Number(/^(\d+)/.exec(text ?? '')?.[1]);
}

/** The catalog once the server's own description is merged in, so counts no longer move. */
export async function waitForServerCatalog(page: Page): Promise<void> {
  await expect(endpointsPane(page).getByText(/Catalog: .*\d+ on this server/)).toBeVisible();
}

export async function openExplorer(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(
    endpointsPane(page)
      .getByRole('status')
      .filter({ hasText: /^\d+ endpoints$/ }),
  ).toBeVisible();
  await waitForServerCatalog(page);
}
