/**
 * The README's screenshots of the main screen, light and dark at 1440×900, after a signed-in
 * `channels.list`. Not a check, so not a `.spec.ts`: the config runs it only with SCREENSHOTS=1,
 * which rewrites docs/screenshot-*.png; then look at them.
 */
import path from 'node:path';
import { REPO_ROOT } from '../scripts/lib/build-if-stale';
import { responsePane, selectOperation, send, signInAs } from './auth-helpers';
import { expect, test } from './fixtures';

const SIZES = (process.env.SCREENSHOT_SIZES ?? '1440x900').split(',');

for (const size of SIZES) {
  const [width = 1440, height = 900] = size.split('x').map(Number);
  for (const colorScheme of ['light', 'dark'] as const) {
    test(`main screen, ${colorScheme}, ${size}`, async ({ page, explorerUrl }) => {
      await page.setViewportSize({ width, height });
      await page.emulateMedia({ colorScheme });
      await page.goto(explorerUrl);
      await expect(
        page
          .getByRole('region', { name: 'Endpoints' })
          .getByText(/on this server/)
          .first(),
      ).toBeVisible();
      await signInAs(page, 'demo');
      await selectOperation(page, 'GET', '/api/v1/channels.list');
      await send(page);
      await expect(responsePane(page).getByRole('status', { name: 'Status' })).toContainText('200');
      await page.getByRole('searchbox', { name: 'Search endpoints' }).fill('');
      const name =
        size === '1440x900' ? `screenshot-${colorScheme}.png` : `screenshot-${colorScheme}-${size}.png`;
      await page.screenshot({ path: path.join(REPO_ROOT, 'docs', name) });
    });
  }
}
