/** Shared steps of the share and history specs: sign in with a token, read editors, watch a second context. */
import type { APIRequestContext, BrowserContext, Locator, Page } from '@playwright/test';
import { expect } from './fixtures';

export function requestPane(page: Page): Locator {
  return page.getByRole('region', { name: 'Request' });
}

export function responsePane(page: Page): Locator {
  return page.getByRole('region', { name: 'Response' });
}

export function historyPanel(page: Page): Locator {
  return page.getByRole('region', { name: 'History' });
}

export async function selectOperation(page: Page, method: string, path: string): Promise<void> {
  const endpoints = page.getByRole('region', { name: 'Endpoints' });
  await endpoints.getByRole('searchbox', { name: 'Search endpoints' }).fill(path);
  const name = new RegExp(`^${method} ${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(\\s|$)`);
  await endpoints.getByRole('option', { name }).or(endpoints.getByRole('button', { name })).first().click();
  await expect(requestPane(page).getByText(path, { exact: true }).first()).toBeVisible();
}

/** The operation the Request pane shows, by its path line. */
export async function expectOperation(page: Page, path: string): Promise<void> {
  await expect(requestPane(page).getByText(path, { exact: true }).first()).toBeVisible();
}

/** A token from the sandbox's own login endpoint, as a script or a person with curl would get one. */
export async function loginViaApi(
  request: APIRequestContext,
  sandboxUrl: string,
  user = 'admin',
  password = 'admin',
): Promise<{ userId: string; authToken: string }> {
  const response = await request.post(`${sandboxUrl}/api/v1/login`, { data: { user, password } });
  expect(response.status()).toBe(200);
  const body = (await response.json()) as { data: { userId: string; authToken: string } };
  return { userId: body.data.userId, authToken: body.data.authToken };
}

/** Pastes a user ID and token into the auth panel and verifies them, as with a personal access token. */
export async function useToken(
  page: Page,
  credentials: { userId: string; authToken: string },
  username = 'admin',
): Promise<void> {
  const auth = page
    .getByRole('region', { name: 'Authentication' })
    .or(page.getByRole('dialog', { name: 'Authentication' }));
  await auth.getByRole('button', { name: 'More sign-in options' }).click();
  await auth.getByLabel('User ID', { exact: true }).fill(credentials.userId);
  await auth.getByLabel('Auth token', { exact: true }).fill(credentials.authToken);
  await auth.getByRole('button', { name: 'Verify token' }).click();
  await expect(page.getByRole('status', { name: `Signed in as ${username}` }).first()).toBeVisible();
  // Close the panel if it stayed open, so it does not cover the panes.
  const close = page.getByRole('button', { name: 'Close authentication panel' });
  if (await close.isVisible()) await close.click();
}

/**
 * The start of the copy tests: a token from the API pasted into a fresh page, the clipboard
 * allowed, one operation chosen. Returns the credentials, which the tests look for in what is copied.
 */
export async function openWithPastedToken(
  { page, context, request }: { page: Page; context: BrowserContext; request: APIRequestContext },
  urls: { explorerUrl: string; sandboxUrl: string },
  operation: [method: string, path: string],
): Promise<{ userId: string; authToken: string }> {
  const credentials = await loginViaApi(request, urls.sandboxUrl);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: urls.explorerUrl });
  await page.goto(urls.explorerUrl);
  await useToken(page, credentials);
  await selectOperation(page, ...operation);
  return credentials;
}

/** The text an editor shows (Monaco's rendered lines, or the fallback textarea's value). */
export async function editorText(page: Page, name: 'query' | 'fields' | 'sort' | 'Body'): Promise<string> {
  const box = requestPane(page).getByRole('textbox', { name, exact: true });
  return box.evaluate((el) => {
    const monaco = el.closest('.monaco-editor');
    const text = monaco
      ? (monaco.querySelector('.view-lines')?.textContent ?? '')
      : (el as HTMLTextAreaElement).value;
    return text.replace(/\u00a0/g, ' ');
  });
}

/** Replaces an editor's text by typing (works for Monaco and the textarea fallback). */
export async function typeInto(
  page: Page,
  name: 'query' | 'fields' | 'sort' | 'Body',
  text: string,
): Promise<void> {
  const box = requestPane(page).getByRole('textbox', { name, exact: true });
  await box.focus();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
  await page.keyboard.press('Escape');
}

const REPORT_CSP = `document.addEventListener('securitypolicyviolation', (e) => {
  console.error('CSP violation: ' + e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline code'));
}, true);`;

/**
 * The fixture watches the test's own context; a second context (the "fresh browser" that opens a
 * link) gets the same watch here: page errors, console errors (API error statuses excepted) and
 * CSP violations are collected, and the test asserts there were none.
 */
export async function watchContext(
  context: BrowserContext,
  explorerUrl: string,
  apiOrigins: string[],
): Promise<() => string[]> {
  const errors: string[] = [];
  await context.addInitScript({ content: REPORT_CSP });
  context.on('weberror', (e) => errors.push(`Uncaught ${e.error().message}`));
  context.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const url = msg.location().url;
    const apiCall = url.startsWith(`${explorerUrl}/proxy/`) || apiOrigins.some((o) => url.startsWith(o));
    if (/^Failed to load resource: the server responded with a status of \d{3}/.test(msg.text()) && apiCall)
      return;
    errors.push(`console.error: ${msg.text()}`);
  });
  return () => [...errors];
}

export async function clipboardText(page: Page): Promise<string> {
  return page.evaluate(() => navigator.clipboard.readText());
}
