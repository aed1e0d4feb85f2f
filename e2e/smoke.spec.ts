/**
 * The one path issue 2 promises end to end: open the explorer, choose the server info endpoint,
 * Send, and see the status and the raw body. Accessible names from shared/design/ui-contract.md.
 * Rocket.Chat 8 serves it unversioned, as `GET /api/info` (reference/rocketchat-rest.md, and
 * rest-typings, which the catalog is built from); the "/api/v1/info" names the old path.
 */
import { expect, test } from './fixtures';

test('GET /api/info through the proxy shows 200 and the raw body', async ({ page, explorerUrl }) => {
  await page.goto(explorerUrl);
  const endpoints = page.getByRole('region', { name: 'Endpoints' });
  // The list is virtualised: search first, as a person would, so the operation is rendered.
  await endpoints.getByRole('searchbox', { name: 'Search endpoints' }).fill('/api/info');
  const name = /^GET \/api\/info(\s|$)/;
  // The contract allows a button, link or option per operation.
  await endpoints
    .getByRole('option', { name })
    .or(endpoints.getByRole('button', { name }))
    .or(endpoints.getByRole('link', { name }))
    .first()
    .click();
  const request = page.getByRole('region', { name: 'Request' });
  await request.getByRole('button', { name: 'Send', exact: true }).click();
  const response = page.getByRole('region', { name: 'Response' });
  await expect(response.getByRole('status', { name: 'Status' })).toContainText('200');
  await response.getByRole('tab', { name: 'Raw' }).click();
  await expect(response.getByRole('tabpanel')).toContainText('"success": true');
});

test('the page is served with the strict CSP and security headers', async ({ page, explorerUrl }) => {
  const res = await page.goto(explorerUrl);
  const headers = res!.headers();
  expect(headers['content-security-policy']).toContain("script-src 'self';");
  expect(headers['content-security-policy']).toContain("worker-src 'self' blob:");
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['x-frame-options']).toBe('DENY');
  await expect(page.getByRole('region', { name: 'Endpoints' })).toBeVisible();
});
