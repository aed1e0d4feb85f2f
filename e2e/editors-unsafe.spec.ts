/**
 * The other half of the "ignored query" check: a sandbox started with
 * ALLOW_UNSAFE_QUERY_AND_FIELDS_API_PARAMS=TRUE applies "query", and the explorer must not claim
 * otherwise. (A stack option forces its own worker, hence its own file.)
 */
import { expect, test, useStack } from './fixtures';
import { request, selectOperation, signIn, typeInto } from './editors-helpers';

useStack({
  sandboxEnv: {
    API_Enable_Rate_Limiter: 'false',
    SANDBOX_SEED_USERS: '40',
    ALLOW_UNSAFE_QUERY_AND_FIELDS_API_PARAMS: 'TRUE',
  },
});

test.describe('a server started with ALLOW_UNSAFE_QUERY_AND_FIELDS_API_PARAMS=TRUE', () => {
  test('applies query, so no "ignored" alert appears', async ({ page, explorerUrl }) => {
    await page.goto(explorerUrl);
    await signIn(page, 'admin', 'admin');
    await selectOperation(page, 'GET', '/api/v1/users.list');
    await typeInto(page, 'query', '{"username": "demo"}');
    await request(page).getByRole('button', { name: 'Send', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: 'checked items match "query"' })).toBeVisible();
    await expect(page.getByRole('alert').filter({ hasText: 'The server ignored' })).toHaveCount(0);
  });
});
