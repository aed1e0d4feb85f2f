/**
 * Secrets stay in memory: after a full session in the default mode (sign in with a password,
 * send requests, 2FA-confirmed personal access token, copy link and snippet where those exist),
 * neither the password nor any token is in the URL, the history entries, localStorage,
 * sessionStorage, IndexedDB, the clipboard, the console, or the page. And the opt-in: "Remember
 * on this device" keeps the token (never the password) until Sign out.
 */
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, test, useStack } from './fixtures';
import { authRegion, openPanel, requestPane, responsePane, selectOperation, send } from './auth-helpers';

// Sign-in and self-registration are rate limited per IP; these tests register and sign in often.
useStack({
  sandboxEnv: { API_Enable_Rate_Limiter_Limit_Calls_Default: '500', Rate_Limiter_Limit_RegisterUser: '100' },
});

const PASSWORD = 'Zq9-unusual-Passphrase-77';

async function registerUser(baseUrl: string, username: string, request: APIRequestContext) {
  const res = await request.post(`${baseUrl}/api/v1/users.register`, {
    data: { username, email: `${username}@example.com`, pass: PASSWORD, name: username },
  });
  expect(res.status(), await res.text()).toBe(200);
}

/** Every place a browser keeps state a page can write, as one text to search. */
async function storedEverywhere(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const dump = (s: Storage) =>
      Array.from({ length: s.length }, (_, i) => {
        const key = s.key(i) ?? '';
        return `${key}=${s.getItem(key) ?? ''}`;
      });
    const idb: string[] = [];
    const databases = await indexedDB.databases();
    for (const info of databases) {
      if (!info.name) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(info.name as string);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error ?? new Error('open failed'));
      });
      for (const storeName of Array.from(db.objectStoreNames)) {
        const rows = await new Promise<unknown[]>((resolve, reject) => {
          const req = db.transaction(storeName, 'readonly').objectStore(storeName).getAll();
          req.onsuccess = () => resolve(req.result as unknown[]);
          req.onerror = () => reject(req.error ?? new Error('read failed'));
        });
        idb.push(`${info.name}/${storeName}: ${JSON.stringify(rows)}`);
      }
      db.close();
    }
    return JSON.stringify({
      url: location.href,
      historyLength: history.length,
      local: dump(localStorage),
      session: dump(sessionStorage),
      idb,
      databases: databases.map((d) => d.name),
      cookies: document.cookie,
    });
  });
}

/** Captures the login token as it passes (the page never shows it), by fetching on the page's behalf. */
async function captureLoginToken(page: Page): Promise<() => string> {
  let token = '';
  await page.route('**/api/v1/login', async (route) => {
    const response = await route.fetch();
    const text = await response.text();
    try {
      token = (JSON.parse(text) as { data?: { authToken?: string } }).data?.authToken ?? token;
    } catch {
      // not JSON: no token in it
    }
    await route.fulfill({ response, body: text });
  });
  return () => {
    expect(token, 'the login response carried a token').not.toBe('');
    return token;
  };
}

function expectFree(where: string, text: string, secrets: Record<string, string>) {
  for (const [name, secret] of Object.entries(secrets)) {
    expect(text.includes(secret), `${name} found in ${where}`).toBe(false);
    expect(text.includes(encodeURIComponent(secret)), `${name} (URL-encoded) found in ${where}`).toBe(false);
  }
}

test('after a full session in the default mode no secret is stored, linked, copied or logged', async ({
  page,
  context,
  explorerUrl,
  sandboxUrl,
  request,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: explorerUrl });
  const username = `secretive${Date.now().toString(36)}`;
  await registerUser(sandboxUrl, username, request);
  const consoleLines: string[] = [];
  page.on('console', (m) => consoleLines.push(m.text()));
  const visited: string[] = [];
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) visited.push(frame.url());
  });

  await page.goto(explorerUrl);
  const auth = authRegion(page);
  const loginTokenOf = await captureLoginToken(page);
  await auth.getByLabel('Username or email').fill(username);
  await auth.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await auth.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(auth.getByRole('status', { name: `Signed in as ${username}` })).toBeVisible();
  const loginToken = loginTokenOf();

  // A personal access token (2FA with the password when asked), then put away.
  const panel = await openPanel(page);
  const tokens = panel.getByRole('region', { name: 'Personal access tokens' });
  await tokens.getByLabel('Token name').fill('scan-me');
  await tokens.getByRole('button', { name: 'Generate token' }).click();
  const created = tokens.getByRole('region', { name: 'New personal access token' });
  // Rocket.Chat skips 2FA for accounts created in the last few minutes; answer only if asked.
  const code = tokens.getByLabel('Password to confirm');
  await expect(code.or(created).first()).toBeVisible();
  if (await code.isVisible()) {
    await code.fill(PASSWORD);
    await tokens.getByRole('button', { name: 'Confirm' }).click();
  }
  const pat = await created.getByLabel('New token').inputValue();
  expect(pat.length).toBeGreaterThan(30);
  await created.getByRole('button', { name: 'Done' }).click();
  await page.keyboard.press('Escape');

  const secrets = { password: PASSWORD, 'login token': loginToken, 'personal access token': pat };

  // Some requests, signed in.
  for (const path of ['/api/v1/me', '/api/v1/users.list', '/api/v1/channels.list']) {
    await selectOperation(page, 'GET', path);
    await send(page);
    await expect(responsePane(page).getByRole('status', { name: 'Status' })).toContainText(/200|4\d\d/);
  }
  await expect(requestPane(page).getByText(/Sent as/)).toBeVisible();

  // Copy link and snippet, if the share feature offers them.
  const copied: string[] = [];
  const copiedBy: Record<string, string> = {};
  for (const name of ['Copy link', 'Copy as cURL']) {
    const button = requestPane(page).getByRole('button', { name, exact: true });
    if ((await button.count()) === 0) continue;
    await button.click();
    await expect
      .poll(async () => page.evaluate(() => navigator.clipboard.readText()))
      .not.toBe(copied.at(-1) ?? '');
    copied.push(await page.evaluate(() => navigator.clipboard.readText()));
    copiedBy[name] = copied.at(-1) ?? '';
  }
  for (const text of copied) expectFree('the clipboard', text, secrets);
  // The snippet still names the auth headers, with placeholders where the secrets would be.
  const curl = copiedBy['Copy as cURL'];
  if (curl !== undefined) expect(curl).toMatch(/X-Auth-Token: .*\$RC_AUTH_TOKEN/);
  const link = copiedBy['Copy link'];
  if (link !== undefined) expect(link.startsWith(explorerUrl)).toBe(true);
  test.info().annotations.push({
    type: 'copied',
    description: copied.length === 0 ? 'no Copy link / Copy as cURL yet' : `${copied.length} copied`,
  });

  expectFree('the page URL', page.url(), secrets);
  expectFree('the storages', await storedEverywhere(page), secrets);
  expectFree('the page', await page.content(), secrets);
  expectFree('the console', consoleLines.join('\n'), secrets);

  // Every history entry of the tab.
  const historyLength = await page.evaluate(() => history.length);
  const entries = [page.url()];
  for (let i = 1; i < historyLength; i += 1) {
    const went = await page.goBack({ waitUntil: 'commit' }).catch(() => null);
    if (went === null && entries.at(-1) === page.url()) break;
    entries.push(page.url());
  }
  expectFree('the history entries', [...entries, ...visited].join('\n'), secrets);
  expect(entries.length).toBeGreaterThan(0);

  // Control: the scan does see what is stored in each place (a scan that sees nothing proves nothing).
  await page.goto(explorerUrl);
  await page.evaluate(async () => {
    sessionStorage.setItem('scan-control', 'canary-session');
    localStorage.setItem('scan-control', 'canary-local');
    await new Promise<void>((resolve, reject) => {
      const open = indexedDB.open('scan-control', 1);
      open.onupgradeneeded = () => open.result.createObjectStore('rows', { autoIncrement: true });
      open.onsuccess = () => {
        const tx = open.result.transaction('rows', 'readwrite');
        tx.objectStore('rows').add({ value: 'canary-idb' });
        tx.oncomplete = () => {
          open.result.close();
          resolve();
        };
      };
      open.onerror = () => reject(open.error ?? new Error('open failed'));
    });
  });
  const control = await storedEverywhere(page);
  for (const canary of ['canary-session', 'canary-local', 'canary-idb']) expect(control).toContain(canary);
});

test('Remember on this device keeps only the token, in session storage, until Sign out', async ({
  page,
  explorerUrl,
  sandboxUrl,
  request,
}) => {
  const username = `rememberer${Date.now().toString(36)}`;
  await registerUser(sandboxUrl, username, request);
  await page.goto(explorerUrl);
  const auth = await openPanel(page);
  await auth.getByLabel('Remember on this device').check();
  await expect(auth.getByLabel('Keep it in')).toHaveValue('session');
  const tokenOf = await captureLoginToken(page);
  await auth.getByLabel('Username or email').fill(username);
  await auth.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await auth.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(auth.getByRole('status', { name: `Signed in as ${username}` })).toBeVisible();
  const token = tokenOf();

  const session = await page.evaluate(() => JSON.stringify({ ...sessionStorage }));
  expect(session).toContain(token);
  expect(session).not.toContain(PASSWORD);
  expect(
    await page.evaluate(
      () =>
        localStorage.length === 0 || !JSON.stringify({ ...localStorage }).includes('remembered-credentials'),
    ),
  ).toBe(true);

  // Restored on load, without a password.
  await page.reload();
  await expect(authRegion(page).getByRole('status', { name: `Signed in as ${username}` })).toBeVisible();
  await selectOperation(page, 'GET', '/api/v1/me');
  await send(page);
  await expect(responsePane(page).getByRole('status', { name: 'Status' })).toContainText('200');

  // Local storage only with the warning.
  const panel = await openPanel(page);
  await panel.getByLabel('Keep it in').selectOption('local');
  await expect(panel.getByText(/Warning: the token stays in this browser’s local storage/)).toBeVisible();
  expect(await page.evaluate(() => JSON.stringify({ ...localStorage }))).toContain(token);
  expect(await page.evaluate(() => JSON.stringify({ ...sessionStorage }))).not.toContain(token);

  await authRegion(page).getByRole('button', { name: 'Sign out' }).click();
  await expect(authRegion(page).getByText(/Signed out: the server revoked the token/)).toBeVisible();
  const after = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
  expect(after).not.toContain(token);
  await page.reload();
  await expect(authRegion(page).getByLabel('Username or email')).toBeVisible();
});
