/**
 * The generated parameter form: values reach the request, missing required ones hold Send back in
 * words, and body fields write JSON into the Body without losing what people type.
 */
import { expect, test } from './fixtures';
import { monacoReady, pasteInto } from './editors-helpers';
import { openExplorer } from './catalog-helpers';

test('form values go into the request that is sent', async ({ page, explorerUrl }) => {
  await openExplorer(page, explorerUrl);
  await page.getByRole('searchbox', { name: 'Search endpoints' }).fill('users.list');
  await page.getByRole('option', { name: 'GET /api/v1/users.list', exact: true }).click();
  const request = page.getByRole('region', { name: 'Request' });
  await request.getByRole('spinbutton', { name: 'count', exact: true }).fill('5');
  await request.getByRole('spinbutton', { name: 'offset', exact: true }).fill('10');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  const response = page.getByRole('region', { name: 'Response' });
  await expect(response.getByRole('status', { name: 'Status' })).toHaveText(/\d{3}/);
  await expect(response.getByText(/\/api\/v1\/users\.list\?count=5&offset=10/)).toBeVisible();
});

test('a missing required parameter holds Send back in words; Send anyway still sends', async ({
  page,
  explorerUrl,
}) => {
  await openExplorer(page, explorerUrl);
  await page.getByRole('searchbox', { name: 'Search endpoints' }).fill('apps/:id/icon');
  await page.getByRole('option', { name: 'GET /api/apps/:id/icon', exact: true }).click();
  const request = page.getByRole('region', { name: 'Request' });
  const id = request.getByRole('textbox', { name: 'id', exact: true });
  await expect(id).toHaveAttribute('aria-required', 'true');
  await expect(id).toHaveAttribute('aria-invalid', 'true');
  // Inline, tied to the field, and summarised where Send is.
  await expect(id).toHaveAccessibleDescription(/id is required/);
  await expect(request.getByRole('alert').filter({ hasText: 'Send is held back' })).toContainText(
    'id is required',
  );
  await expect(page.getByRole('button', { name: 'Send', exact: true })).toBeDisabled();

  await page.getByRole('button', { name: 'Send anyway' }).click();
  const status = page.getByRole('region', { name: 'Response' }).getByRole('status', { name: 'Status' });
  await expect(status).toHaveText(/\d{3}/);

  await id.fill('some-app');
  await expect(id).not.toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('button', { name: 'Send', exact: true })).toBeEnabled();
  await expect(page.getByRole('button', { name: 'Send anyway' })).toHaveCount(0);
});

test('body fields write JSON into the Body, checked against the schema before sending', async ({
  page,
  explorerUrl,
}) => {
  await openExplorer(page, explorerUrl);
  await page.getByRole('searchbox', { name: 'Search endpoints' }).fill('chat.postMessage');
  await page.getByRole('option', { name: 'POST /api/v1/chat.postMessage', exact: true }).click();
  const request = page.getByRole('region', { name: 'Request' });
  const roomId = request.getByRole('textbox', { name: 'roomId', exact: true });
  // The server's own schema (precompiled, no eval under the CSP): roomId or channel is required.
  await expect(roomId).toHaveAccessibleDescription(/roomId or channel is required/);
  await expect(request.getByRole('alert').filter({ hasText: 'Send is held back' })).toContainText(
    'roomId or channel is required',
  );
  await expect(page.getByRole('button', { name: 'Send', exact: true })).toBeDisabled();
  // A list where an object is expected is named in words.
  await request.getByRole('textbox', { name: 'customFields', exact: true }).fill('[1]');
  await expect(
    request.getByRole('textbox', { name: 'customFields', exact: true }),
  ).toHaveAccessibleDescription(/customFields must be an object/);
  await request.getByRole('textbox', { name: 'customFields', exact: true }).fill('');
  await roomId.fill('GENERAL');
  await request.getByRole('textbox', { name: 'text', exact: true }).fill('hello');
  await request.getByRole('combobox', { name: 'parseUrls', exact: true }).selectOption('false');
  await expect(request.getByRole('alert').filter({ hasText: 'Send is held back' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  // Unauthenticated, the server answers 401, but the body went out as typed: the echo is in the runner's view.
  await expect(
    page.getByRole('region', { name: 'Response' }).getByRole('status', { name: 'Status' }),
  ).toHaveText(/\d{3}/);
  // The fields read back from the Body (a round trip through the JSON text).
  await expect(request.getByRole('textbox', { name: 'roomId', exact: true })).toHaveValue('GENERAL');
  await expect(request.getByRole('combobox', { name: 'parseUrls', exact: true })).toHaveValue('false');
});

test('with a large Body, body fields and the Body editor keep every edit while people type', async ({
  page,
  explorerUrl,
}) => {
  await openExplorer(page, explorerUrl);
  await page.getByRole('searchbox', { name: 'Search endpoints' }).fill('chat.postMessage');
  await page.getByRole('option', { name: 'POST /api/v1/chat.postMessage', exact: true }).click();
  const request = page.getByRole('region', { name: 'Request' });
  const field = (name: string) => request.getByRole('textbox', { name, exact: true });
  await monacoReady(page, 'Body');
  // Over 20,000 characters: the form parses and checks such a Body only when typing pauses.
  const filler = 'x'.repeat(30_000);
  await pasteInto(page, 'Body', JSON.stringify({ roomId: 'GENERAL', customFields: { filler } }));
  await expect(field('roomId')).toHaveValue('GENERAL');
  // Key by key into a field: each key rewrites the Body, and the field keeps showing what was typed.
  await field('text').pressSequentially('hello world');
  await expect(field('text')).toHaveValue('hello world');
  // An edit in the Body editor, then at once a field: the field writes into the Body as it is now.
  await pasteInto(
    page,
    'Body',
    JSON.stringify({ roomId: 'GENERAL', alias: 'bot-x', customFields: { filler } }),
  );
  await field('roomId').fill('GENERAL2');
  await expect(field('roomId')).toHaveValue('GENERAL2');
  await expect(field('alias')).toHaveValue('bot-x');
  await expect(field('text')).toHaveValue('');
});
