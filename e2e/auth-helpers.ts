/** Steps shared by the auth specs: the Authentication region, API setup against the sandbox, TOTP codes. */
import { createHash } from 'node:crypto';
import type { APIRequestContext, Locator, Page } from '@playwright/test';
import { createGuardrails, generate } from 'otplib';
import { expect } from './fixtures';

export const TOTP_SECRET = 'JBSWY3DPEHPK3PXP';
// The sandbox's documented secret is 10 bytes (what authenticator apps commonly used); otplib 13
// asks for 16 unless told otherwise.
const guardrails = createGuardrails({ MIN_SECRET_BYTES: 10 });

export function totpCode(): Promise<string> {
  return generate({ secret: TOTP_SECRET, guardrails });
}

export function authRegion(page: Page): Locator {
  return page.getByRole('region', { name: 'Authentication' });
}

export function requestPane(page: Page): Locator {
  return page.getByRole('region', { name: 'Request' });
}

export function responsePane(page: Page): Locator {
  return page.getByRole('region', { name: 'Response' });
}

export async function fillSignIn(page: Page, user: string, password: string): Promise<void> {
  const auth = authRegion(page);
  await auth.getByLabel('Username or email').fill(user);
  await auth.getByLabel('Password', { exact: true }).fill(password);
  await auth.getByRole('button', { name: 'Sign in', exact: true }).click();
}

export async function signInAs(page: Page, user: string, password = user): Promise<void> {
  await fillSignIn(page, user, password);
  await expect(authRegion(page).getByRole('status', { name: `Signed in as ${user}` })).toBeVisible();
}

export async function openPanel(page: Page): Promise<Locator> {
  const auth = authRegion(page);
  const toggle = auth.getByRole('button', { name: /More sign-in options|Account and tokens/ });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  return auth;
}

export async function selectOperation(page: Page, method: string, path: string): Promise<void> {
  const endpoints = page.getByRole('region', { name: 'Endpoints' });
  await endpoints.getByRole('searchbox', { name: 'Search endpoints' }).fill(path);
  const name = new RegExp(`^${method} ${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(\\s|$)`);
  await endpoints.getByRole('button', { name }).or(endpoints.getByRole('option', { name })).first().click();
}

/** The usual start of a test: the explorer open, signed in as `user`, one operation chosen. */
export async function openSignedIn(
  page: Page,
  explorerUrl: string,
  user: string,
  operation: [method: string, path: string],
): Promise<void> {
  await page.goto(explorerUrl);
  await signInAs(page, user);
  await selectOperation(page, ...operation);
}

export async function send(page: Page): Promise<void> {
  await requestPane(page).getByRole('button', { name: 'Send', exact: true }).click();
}

export interface ApiSession {
  userId: string;
  authToken: string;
}

/** Signs in through the REST API directly (test setup, not the UI under test). */
export async function apiLogin(
  api: APIRequestContext,
  sandboxUrl: string,
  user: string,
  password = user,
): Promise<ApiSession> {
  const res = await api.post(`${sandboxUrl}/api/v1/login`, { data: { user, password } });
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { data: ApiSession };
  return { userId: body.data.userId, authToken: body.data.authToken };
}

/** Creates a personal access token through the API, answering the password 2FA fallback. */
export async function apiCreateToken(
  api: APIRequestContext,
  sandboxUrl: string,
  session: ApiSession,
  password: string,
  tokenName: string,
): Promise<string> {
  const res = await api.post(`${sandboxUrl}/api/v1/users.generatePersonalAccessToken`, {
    headers: {
      'X-User-Id': session.userId,
      'X-Auth-Token': session.authToken,
      'x-2fa-code': createHash('sha256').update(password).digest('hex'),
      'x-2fa-method': 'password',
    },
    data: { tokenName, bypassTwoFactor: false },
  });
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

export async function apiRemoveToken(
  api: APIRequestContext,
  sandboxUrl: string,
  session: ApiSession,
  password: string,
  tokenName: string,
): Promise<void> {
  const res = await api.post(`${sandboxUrl}/api/v1/users.removePersonalAccessToken`, {
    headers: {
      'X-User-Id': session.userId,
      'X-Auth-Token': session.authToken,
      'x-2fa-code': createHash('sha256').update(password).digest('hex'),
      'x-2fa-method': 'password',
    },
    data: { tokenName },
  });
  expect(res.status(), await res.text()).toBe(200);
}
