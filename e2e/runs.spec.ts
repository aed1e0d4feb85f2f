/**
 * Issue 12 end to end: a request is sent only when the person sends it. Requests are counted at
 * the network level (every request the page makes to the proxy), never from the app's state.
 */
import { createHash } from 'node:crypto';
import type { Page, Request } from '@playwright/test';
import {
  authRegion,
  openSignedIn,
  requestPane,
  responsePane,
  selectOperation,
  send,
  signInAs,
} from './auth-helpers';
import { editor, typeInto } from './editors-helpers';
import { expect, test, useStack } from './fixtures';
import { editorText } from './share-helpers';

// Sign-in is rate limited per IP (10 per minute by default) and these tests sign in often; a
// small seed and a small default count keep lists short enough to page.
useStack({
  sandboxEnv: {
    API_Enable_Rate_Limiter_Limit_Calls_Default: '500',
    SANDBOX_SEED_USERS: '30',
    API_Default_Count: '5',
  },
});

// Each test signs in and sends several requests through real Monaco editors: more than 30 s on a
// busy 2-core machine.
test.slow();

/** Every request the page sends through the proxy to one API path (any query string). */
function watchCalls(page: Page, apiPath: string): Request[] {
  const seen: Request[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname === `/proxy${apiPath}`) seen.push(request);
  });
  return seen;
}

/** Long enough for a state-driven re-send to have left (the old bug sent within milliseconds). */
async function settle(page: Page): Promise<void> {
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 750)));
}

const status = (page: Page) => responsePane(page).getByRole('status', { name: 'Status' });

test('signing in, signing out, switching user and switching server send nothing', async ({
  page,
  explorerUrl,
  sandboxUrl,
}) => {
  await page.goto(explorerUrl);
  await selectOperation(page, 'GET', '/api/v1/channels.list');
  const calls = watchCalls(page, '/api/v1/channels.list');
  await send(page);
  await expect(status(page)).toContainText('401');
  expect(calls).toHaveLength(1);

  await signInAs(page, 'demo');
  await settle(page);
  expect(calls, 'signing in sent nothing').toHaveLength(1);
  await expect(status(page)).toContainText('401');

  await authRegion(page).getByRole('button', { name: 'Sign out' }).click();
  await expect(authRegion(page).getByLabel('Username or email')).toBeVisible();
  await settle(page);
  expect(calls, 'signing out sent nothing').toHaveLength(1);

  await send(page);
  await expect(status(page)).toContainText('401');
  await signInAs(page, 'admin');
  await settle(page);
  expect(calls, 'switching to another user sent nothing').toHaveLength(2);

  const server = page
    .getByRole('textbox', { name: 'Server' })
    .or(page.getByRole('combobox', { name: 'Server' }));
  await server.fill(`${sandboxUrl}/`);
  await settle(page);
  await server.fill(sandboxUrl);
  await settle(page);
  expect(calls, 'switching the server sent nothing').toHaveLength(2);
  // The answer on screen is still the one that was asked for, and says as whom it was sent.
  await expect(status(page)).toContainText('401');
  await expect(responsePane(page).getByText(/Sent without credentials/)).toBeVisible();
});

test('Ctrl+Enter obeys the same decision as Send: held back sends nothing and says why', async ({
  page,
  explorerUrl,
}) => {
  await openSignedIn(page, explorerUrl, 'demo', ['GET', '/api/v1/users.list']);
  const calls = watchCalls(page, '/api/v1/users.list');
  // A refused operator (Rocket.Chat answers "Invalid operation: $where"): checked, held back.
  const held = '{"username": {"$ne": "admin"}, "$where": "1"}';
  await typeInto(page, 'query', held);
  const sendButton = requestPane(page).getByRole('button', { name: 'Send', exact: true });
  await expect(sendButton).toBeDisabled();
  await expect(requestPane(page).getByText('Send is held back because:')).toBeVisible();

  await editor(page, 'query').focus();
  await page.keyboard.press('ControlOrMeta+Enter');
  await settle(page);
  expect(calls, 'the shortcut sent nothing').toHaveLength(0);
  const refusal = requestPane(page).getByRole('alert').filter({ hasText: 'Ctrl+Enter did not send' });
  await expect(refusal).toBeVisible();
  await expect(refusal).toContainText('held back for the reasons above');

  // The refusal puts the focus on "Send anyway": Enter there is the explicit choice to send.
  const anyway = requestPane(page).getByRole('button', { name: 'Send anyway' });
  await expect(anyway).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(status(page)).toBeVisible();
  expect(calls).toHaveLength(1);
  expect(JSON.parse(new URL(calls[0]!.url()).searchParams.get('query') ?? 'null')).toEqual(JSON.parse(held));
});

test('paging sends the request on screen again, leaves the edits in the draft alone, and reuses pages seen', async ({
  page,
  explorerUrl,
}) => {
  await openSignedIn(page, explorerUrl, 'demo', ['GET', '/api/v1/users.list']);
  const count = requestPane(page)
    .getByRole('spinbutton', { name: 'count', exact: true })
    .or(requestPane(page).getByRole('textbox', { name: 'count', exact: true }))
    .first();
  await count.fill('4');
  const calls = watchCalls(page, '/api/v1/users.list');
  await send(page);
  const response = responsePane(page);
  await expect(response.getByText(/Showing 1–4 of \d+/)).toBeVisible();

  // An unsent edit: another page size typed into the form.
  await count.fill('7');
  await response.getByRole('button', { name: 'Next page' }).click();
  await expect(response.getByText(/Showing 5–8 of \d+/)).toBeVisible();
  expect(calls).toHaveLength(2);
  const paged = new URL(calls[1]!.url()).searchParams;
  expect([paged.get('offset'), paged.get('count')]).toEqual(['4', '4']);
  await expect(count, 'the draft keeps the edit').toHaveValue('7');
  await expect(response.getByText(/another page of an earlier request/)).toBeVisible();

  // A page already seen comes from memory: no call spent, until the person asks for a refresh.
  await response.getByRole('button', { name: 'Previous page' }).click();
  await expect(response.getByText(/Showing 1–4 of \d+/)).toBeVisible();
  await expect(response.getByText(/no call spent/)).toBeVisible();
  await settle(page);
  expect(calls, 'the page seen before was not fetched again').toHaveLength(2);
  await response.getByRole('button', { name: 'Refresh' }).click();
  await expect(response.getByText(/no call spent/)).toHaveCount(0);
  expect(calls).toHaveLength(3);

  // Sending now sends the draft as edited, not the page.
  await send(page);
  await expect(response.getByText(/Showing 1–7 of \d+/)).toBeVisible();
  const sent = new URL(calls[3]!.url()).searchParams;
  expect([sent.get('offset'), sent.get('count')]).toEqual([null, '7']);
});

test('the 2FA retry sends the original request plus the code, and shows the headers it sent', async ({
  page,
  explorerUrl,
}) => {
  await openSignedIn(page, explorerUrl, 'demo', ['POST', '/api/v1/users.generatePersonalAccessToken']);
  const calls = watchCalls(page, '/api/v1/users.generatePersonalAccessToken');
  const tokenName = `retry-${Date.now()}`;
  await typeInto(page, 'Body', `{"tokenName": "${tokenName}"}`);
  await send(page);
  const response = responsePane(page);
  await expect(status(page)).toContainText('400');
  const diagnosis = response.getByRole('alert', { name: 'Authentication problem' });
  await expect(diagnosis).toContainText('needs a two-factor code (password)');

  // The person edits the draft before answering: the retry must not pick the edit up.
  await typeInto(page, 'Body', '{"tokenName": "edited-meanwhile"}');
  await diagnosis.getByLabel(/Two-factor code|Password/).fill('not-the-password');
  await diagnosis.getByRole('button', { name: 'Send again with code' }).click();
  await expect(status(page)).toContainText('400');
  expect(calls).toHaveLength(2);
  const retry = calls[1]!;
  const headers = await retry.allHeaders();
  expect(retry.postDataJSON()).toEqual({ tokenName });
  // The password fallback travels as its SHA-256 digest, as Rocket.Chat's clients send it.
  expect(headers['x-2fa-code']).toBe(createHash('sha256').update('not-the-password').digest('hex'));
  expect(headers['x-2fa-method']).toBe('password');
  expect(headers['x-user-id']).toBe(calls[0]!.headers()['x-user-id']);
  // What the diagnosis says was sent is what went out: the code among the (masked) headers.
  await expect(response.getByRole('alert', { name: 'Authentication problem' })).toContainText(/x-2fa-code/i);

  await response
    .getByRole('alert', { name: 'Authentication problem' })
    .getByLabel(/Two-factor code|Password/)
    .fill('demo');
  await response
    .getByRole('alert', { name: 'Authentication problem' })
    .getByRole('button', { name: 'Send again with code' })
    .click();
  await expect(status(page)).toContainText('200');
  expect(calls).toHaveLength(3);
  expect(calls[2]!.postDataJSON()).toEqual({ tokenName });
  expect(await editorText(page, 'Body'), 'the draft keeps the edit').toContain('edited-meanwhile');
});
