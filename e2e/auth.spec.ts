/**
 * Issue 7 end to end: sign in (password, TOTP with a computed code), a wrong password diagnosed,
 * a pasted personal access token, a revoked token diagnosed, 2FA on a non-login call, personal
 * access tokens in the panel, several servers, and sign out. Real sandbox + explorer stack.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test as base } from './fixtures';
import {
  apiCreateToken,
  apiLogin,
  apiRemoveToken,
  authRegion,
  fillSignIn,
  openPanel,
  openSignedIn,
  requestPane,
  responsePane,
  selectOperation,
  send,
  signInAs,
  totpCode,
} from './auth-helpers';

interface Recorder {
  url: string;
  /** Headers of every request that reached this second "server". */
  seen: IncomingHttpHeaders[];
}

/**
 * A second server the proxy may reach: it answers like Rocket.Chat does to an anonymous call and
 * records the headers it received, so the test sees exactly what crossed over.
 */
const test = base.extend<object, { recorder: Recorder }>({
  recorder: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the object pattern
    async ({}, use) => {
      const seen: IncomingHttpHeaders[] = [];
      const server = createServer((req, res) => {
        seen.push(req.headers);
        const body = {
          success: false,
          status: 'error',
          message: 'You must be logged in to do this.',
          error: 'You must be logged in to do this.',
        };
        res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      await use({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen });
      await new Promise((resolve) => server.close(resolve));
    },
    { scope: 'worker' },
  ],
  // Sign-in is rate limited per IP (10 per minute by default) and these tests sign in often.
  stackOptions: async ({ recorder }, use) =>
    use({ sandboxEnv: { API_Enable_Rate_Limiter_Limit_Calls_Default: '500' }, targets: [recorder.url] }),
});

test('password sign-in shows who, roles, the rate-limit bypass, and requests go out as that user', async ({
  page,
  explorerUrl,
}) => {
  await page.goto(explorerUrl);
  await signInAs(page, 'admin');
  const auth = await openPanel(page);
  // The sandbox's admin holds only the admin role, like the admin Rocket.Chat creates at first start.
  await expect(auth.locator('dt:text-is("Roles") + dd')).toHaveText('admin');
  await expect(auth.getByText(/Rate limit: bypassed/)).toBeVisible();
  await auth.getByRole('button', { name: 'Verify token' }).click();
  await expect(auth.getByText(/Token valid: \/api\/v1\/me answered as admin/)).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(requestPane(page).getByText(/Sent as admin/)).toBeVisible();

  await selectOperation(page, 'GET', '/api/v1/me');
  await send(page);
  const response = responsePane(page);
  await expect(response.getByRole('status', { name: 'Status' })).toContainText('200');
  await expect(response.getByRole('status', { name: 'Rate limit' })).toContainText('bypassed');
});

test('the totp account signs in with a code computed by otplib, after a wrong one is refused', async ({
  page,
  explorerUrl,
}) => {
  await page.goto(explorerUrl);
  await fillSignIn(page, 'totp', 'totp');
  const auth = authRegion(page);
  const code = auth.getByLabel('Two-factor code');
  await expect(code).toBeVisible();
  await expect(auth.getByText(/Method asked for: totp/)).toBeVisible();
  await code.fill('000000');
  await auth.getByRole('button', { name: 'Verify code' }).click();
  await expect(auth.getByText(/That code was not accepted/)).toBeVisible();
  await auth.getByLabel('Two-factor code').fill(await totpCode());
  await auth.getByRole('button', { name: 'Verify code' }).click();
  await expect(auth.getByRole('status', { name: 'Signed in as totp' })).toBeVisible();
});

test('a wrong password is diagnosed in words and the password is not kept on the page', async ({
  page,
  explorerUrl,
}) => {
  await page.goto(explorerUrl);
  await fillSignIn(page, 'admin', 'wrong-password-123');
  const alert = authRegion(page).getByRole('alert');
  await expect(alert).toContainText('Wrong username, e-mail or password');
  await expect(alert).toContainText('401: Unauthorized');
  await expect(alert).toContainText(/Check the username or e-mail and the password/);
  await expect(authRegion(page).getByLabel('Password', { exact: true })).toHaveValue('');
  expect(await page.content()).not.toContain('wrong-password-123');
});

test('a pasted personal access token signs in; once revoked, a request is diagnosed as such', async ({
  page,
  explorerUrl,
  sandboxUrl,
  request,
}) => {
  const demo = await apiLogin(request, sandboxUrl, 'demo');
  const token = await apiCreateToken(request, sandboxUrl, demo, 'demo', 'pasted-in-e2e');

  await page.goto(explorerUrl);
  const auth = await openPanel(page);
  await auth.getByLabel('User ID').fill(demo.userId);
  await auth.getByLabel('Auth token').fill(token);
  await auth.getByRole('button', { name: 'Verify token' }).click();
  await expect(auth.getByRole('status', { name: 'Signed in as demo' })).toBeVisible();
  await expect(auth.getByText(/using a pasted personal access token/)).toBeVisible();
  await expect(auth.getByText(/Rate limit: applies/)).toBeVisible();
  await page.keyboard.press('Escape');

  await selectOperation(page, 'GET', '/api/v1/me');
  await send(page);
  const response = responsePane(page);
  await expect(response.getByRole('status', { name: 'Status' })).toContainText('200');

  await apiRemoveToken(request, sandboxUrl, demo, 'demo', 'pasted-in-e2e');
  await send(page);
  await expect(response.getByRole('status', { name: 'Status' })).toContainText('401');
  const diagnosis = response.getByRole('alert', { name: 'Authentication problem' });
  await expect(diagnosis).toContainText('The token is expired or revoked, or belongs to another user');
  // The headers that went out, masked to their first and last 4 characters.
  await expect(diagnosis).toContainText(`X-Auth-Token ${token.slice(0, 4)}…${token.slice(-4)}`);
  await expect(diagnosis).toContainText('401: You must be logged in to do this.');
  await expect(diagnosis).not.toContainText(token);
  await diagnosis.getByRole('button', { name: 'Check token' }).click();
  await expect(diagnosis).toContainText('GET /api/v1/me with the same headers answered 401');
  await expect(diagnosis).toContainText('failed too, so the pair itself is invalid');
});

test('a 2FA challenge on a runner request is answered in the Response pane and the request is sent again', async ({
  page,
  explorerUrl,
}) => {
  await openSignedIn(page, explorerUrl, 'demo', ['POST', '/api/v1/users.generatePersonalAccessToken']);
  const body = requestPane(page).getByRole('textbox', { name: 'Body', exact: true });
  await body.focus();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText('{"tokenName": "from-the-runner"}');
  await page.keyboard.press('Escape');
  await send(page);
  const response = responsePane(page);
  await expect(response.getByRole('status', { name: 'Status' })).toContainText('400');
  const diagnosis = response.getByRole('alert', { name: 'Authentication problem' });
  await expect(diagnosis).toContainText('needs a two-factor code (password)');
  await diagnosis.getByLabel('Password to confirm').fill('demo');
  await diagnosis.getByRole('button', { name: 'Send again with code' }).click();
  await expect(response.getByRole('status', { name: 'Status' })).toContainText('200');
  await expect(response.getByRole('alert', { name: 'Authentication problem' })).toHaveCount(0);
  // One-shot: the answer went with that run only; the next Send carries no code.
  const next = page.waitForRequest((r) =>
    r.url().includes('/proxy/api/v1/users.generatePersonalAccessToken'),
  );
  await send(page);
  expect((await next).headers()['x-2fa-code']).toBeUndefined();
  await expect(response.getByRole('status', { name: 'Status' })).toContainText('400');
});

test('personal access tokens: generate with 2FA (shown once), regenerate, remove', async ({
  page,
  explorerUrl,
}) => {
  await page.goto(explorerUrl);
  await signInAs(page, 'admin');
  const auth = await openPanel(page);
  const tokens = auth.getByRole('region', { name: 'Personal access tokens' });
  const name = `ui-made-${Date.now().toString(36)}`;
  const row = tokens.getByRole('row').filter({ has: page.getByRole('cell', { name, exact: true }) });
  await expect(tokens.getByRole('button', { name: 'Refresh list' })).toBeEnabled();
  await tokens.getByLabel('Token name').fill(name);
  await tokens.getByRole('button', { name: 'Generate token' }).click();
  // admin has no TOTP: the server falls back to the password, sent as its SHA-256 digest.
  await expect(tokens.getByText(/Method asked for: password/)).toBeVisible();
  // Named after the method asked for: the password, not a "two-factor code".
  await expect(tokens.getByLabel('Two-factor code')).toHaveCount(0);
  await tokens.getByLabel('Password to confirm').fill('admin');
  await tokens.getByRole('button', { name: 'Confirm' }).click();
  const created = tokens.getByRole('region', { name: 'New personal access token' });
  await expect(created).toContainText('the server never shows it again');
  const value = await created.getByLabel('New token').inputValue();
  expect(value.length).toBeGreaterThan(30);
  await expect(row).toContainText(`…${value.slice(-6)}`);
  await created.getByRole('button', { name: 'Done' }).click();
  await expect(created).toHaveCount(0);

  // Having just passed 2FA, this session is trusted for a while (Rocket.Chat remembers it for 30
  // minutes per token and client): the server may not ask again.
  const answerIfAsked = async (done: ReturnType<typeof tokens.getByRole>) => {
    const code = tokens.getByLabel('Password to confirm');
    await expect(code.or(done).first()).toBeVisible();
    if (await code.isVisible()) {
      await code.fill('admin');
      await tokens.getByRole('button', { name: 'Confirm' }).click();
    }
  };
  await tokens.getByRole('button', { name: `Regenerate ${name}` }).click();
  await answerIfAsked(tokens.getByRole('region', { name: 'New personal access token' }));
  const regenerated = await tokens
    .getByRole('region', { name: 'New personal access token' })
    .getByLabel('New token')
    .inputValue();
  expect(regenerated).not.toBe(value);
  await expect(row).toContainText(`…${regenerated.slice(-6)}`);
  await tokens.getByRole('button', { name: 'Done' }).click();

  await tokens.getByRole('button', { name: `Remove ${name}` }).click();
  await answerIfAsked(tokens.getByText(`Token “${name}” removed`));
  await expect(tokens.getByText(`Token “${name}” removed`)).toBeVisible();
  await expect(row).toHaveCount(0);
});

test('credentials belong to one server: switching the Server field sends no token to the other', async ({
  page,
  explorerUrl,
  sandboxUrl,
  recorder,
}) => {
  await page.goto(explorerUrl);
  await signInAs(page, 'admin');
  const server = page
    .getByRole('textbox', { name: 'Server' })
    .or(page.getByRole('combobox', { name: 'Server' }));
  await server.fill(recorder.url);
  await expect(authRegion(page).getByLabel('Username or email')).toBeVisible();
  await expect(requestPane(page).getByText(/Sent without credentials/)).toBeVisible();
  await selectOperation(page, 'GET', '/api/v1/me');
  recorder.seen.length = 0;
  await send(page);
  const response = responsePane(page);
  await expect(response.getByRole('status', { name: 'Status' })).toContainText('401');
  await expect(response.getByRole('alert', { name: 'Authentication problem' })).toContainText(
    'X-User-Id and X-Auth-Token were not sent',
  );
  const me = recorder.seen.filter((h) => h['x-user-id'] !== undefined || h['x-auth-token'] !== undefined);
  expect(me, 'no request to the second server carried credentials').toEqual([]);
  expect(recorder.seen.length).toBeGreaterThan(0);

  await server.fill(sandboxUrl);
  await expect(authRegion(page).getByRole('status', { name: 'Signed in as admin' })).toBeVisible();
  await send(page);
  await expect(response.getByRole('status', { name: 'Status' })).toContainText('200');
});

test('sign out calls /api/v1/logout, revokes the token and forgets it here', async ({
  page,
  explorerUrl,
}) => {
  await page.goto(explorerUrl);
  await signInAs(page, 'demo');
  const logout = page.waitForRequest((r) => r.url().endsWith('/api/v1/logout') && r.method() === 'POST');
  await authRegion(page).getByRole('button', { name: 'Sign out' }).click();
  await logout;
  await expect(authRegion(page).getByText(/Signed out: the server revoked the token/)).toBeVisible();
  await expect(authRegion(page).getByLabel('Username or email')).toBeVisible();
  await expect(requestPane(page).getByText(/Sent without credentials/)).toBeVisible();
});
