/**
 * The first load (issue 14): its size in bytes is a test (gzip -9 of the built files is
 * deterministic; times are measured by `npm run bench -- first-load`, never asserted). A Send
 * made before the run builder has loaded is unit-tested in src/ui/runner/send.test.ts.
 */
import path from 'node:path';
import { REPO_ROOT } from '../scripts/lib/build-if-stale';
import { FIRST_LOAD_BUDGET_BYTES, firstLoadFiles } from '../scripts/lib/first-load';
import { expect, test } from './fixtures';

const DIST = path.join(REPO_ROOT, 'dist');

test('the first load is at most 120 KB gzipped, and it is what the page really asks for first', async ({
  page,
  explorerUrl,
}) => {
  const files = firstLoadFiles(DIST);
  const total = files.reduce((sum, f) => sum + f.gzip, 0);
  expect(total).toBeLessThanOrEqual(FIRST_LOAD_BUDGET_BYTES);

  const requested = new Set<string>();
  page.on('request', (req) => requested.add(new URL(req.url()).pathname));
  await page.goto(explorerUrl);
  await expect(page.getByRole('region', { name: 'Endpoints' }).getByRole('option').first()).toBeVisible();
  for (const f of files) if (!f.inline) expect(requested).toContain(f.file);
});
