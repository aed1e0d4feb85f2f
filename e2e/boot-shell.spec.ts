/**
 * The boot shell (issue 14): index.html carries the first screen as plain HTML, so the catalog is
 * on screen and usable before any script has run (src/ui/catalog/boot-markup.ts). Each test holds
 * the app's entry script (never aborts it: a failed script is a console error) to look at the page
 * before React, then lets it through and checks that React takes over without losing what was
 * done meanwhile and without leaving two of anything.
 */
import { expectNoSeriousViolations } from './a11y-helpers';
import type { APIRequestContext, Page } from '@playwright/test';
import { endpointsPane } from './catalog-helpers';
import { expect, test } from './fixtures';

/** Holds requests for `path` (exact pathname) until the returned function is called. */
async function hold(page: Page, path: string | RegExp): Promise<() => void> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(
    (url) => (typeof path === 'string' ? url.pathname === path : path.test(url.pathname)),
    async (route) => {
      await released;
      await route.continue();
    },
  );
  return release;
}

/** The module script index.html starts the app with. */
async function entryScript(request: APIRequestContext, explorerUrl: string): Promise<string> {
  const html = await (await request.get(explorerUrl)).text();
  const src = /<script type="module"[^>]*\ssrc="([^"]+)"/.exec(html)?.[1];
  if (src === undefined) throw new Error('index.html names no module script');
  return src;
}

/** Opens the page with the entry script held: what is on screen is the boot shell alone. */
async function openBootShell(
  page: Page,
  request: APIRequestContext,
  explorerUrl: string,
): Promise<() => void> {
  const release = await hold(page, await entryScript(request, explorerUrl));
  // 'commit': the load events wait for the held script.
  await page.goto(explorerUrl, { waitUntil: 'commit' });
  await expect(page.locator('#boot-shell')).toHaveCount(1);
  return release;
}

/** React has rendered and removed the boot shell. */
async function expectTakenOver(page: Page): Promise<void> {
  await expect(page.locator('#boot-shell')).toHaveCount(0);
  await expect(page.locator('#root')).not.toBeEmpty();
  await expect(page.getByRole('listbox', { name: 'Endpoint results' })).toHaveCount(1);
  await expect(page.getByRole('region', { name: 'Endpoints' })).toHaveCount(1);
  await expect(page.getByRole('searchbox', { name: 'Search endpoints' })).toHaveCount(1);
}

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} theme`, () => {
    test.use({ colorScheme });
    test('the catalog rows are on screen before any script has run, and pass axe', async ({
      page,
      request,
      explorerUrl,
    }) => {
      const release = await openBootShell(page, request, explorerUrl);
      const list = endpointsPane(page).getByRole('listbox', { name: 'Endpoint results' });
      await expect(list.getByRole('option', { name: 'GET /api/v1/ai.search', exact: true })).toBeVisible();
      expect(await list.getByRole('option').count()).toBeGreaterThan(40);
      await expect(endpointsPane(page).getByRole('status')).toHaveText(/^\d+ endpoints$/);
      await expect(page.locator('#root')).toBeEmpty();

      await expectNoSeriousViolations(page, 'the boot shell');

      release();
      await expectTakenOver(page);
      // (Which rows: the server's description may have arrived and put what it serves first.)
      await expect(list.getByRole('option').first()).toBeVisible();
    });
  });
}

test('a row clicked before the scripts ran opens that operation once they have', async ({
  page,
  request,
  explorerUrl,
}) => {
  const release = await openBootShell(page, request, explorerUrl);
  await page.getByRole('option', { name: 'GET /api/v1/ai.search', exact: true }).click();
  await expect(page).toHaveURL(/#op=get-api-v1-ai\.search$/);

  release();
  await expectTakenOver(page);
  const requestPane = page.getByRole('region', { name: 'Request' });
  await expect(requestPane.getByText('/api/v1/ai.search', { exact: true })).toBeVisible();
  await expect(page.getByRole('option', { name: 'GET /api/v1/ai.search', exact: true })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  // The router turns the old-style link into a full one, as for any #op= link.
  await expect(page).toHaveURL(/#r=2\./);
});

test('text typed into the search box before the scripts ran is kept, with the focus', async ({
  page,
  request,
  explorerUrl,
}) => {
  const release = await openBootShell(page, request, explorerUrl);
  const search = page.getByRole('searchbox', { name: 'Search endpoints' });
  await search.click();
  await page.keyboard.type('users.lis');

  release();
  await expectTakenOver(page);
  await expect(search).toHaveValue('users.lis');
  await expect(search).toBeFocused();
  // Typing goes on in React's box, at the end of what was typed.
  await page.keyboard.type('t');
  await expect(search).toHaveValue('users.list');
  await expect(
    endpointsPane(page).getByRole('listbox', { name: 'Endpoint results' }).getByRole('option').first(),
  ).toHaveAccessibleName('GET /api/v1/users.list');
});

test("until the catalog's data arrives, React keeps the boot rows (moved, not copied)", async ({
  page,
  request,
  explorerUrl,
}) => {
  const releaseCatalog = await hold(page, /^\/assets\/catalog-[\w-]+\.js$/);
  const releaseEntry = await openBootShell(page, request, explorerUrl);
  const bootRow = page.getByRole('option', { name: 'GET /api/v1/ai.search', exact: true });
  const marked = await bootRow.evaluate((row) => {
    row.setAttribute('data-test-boot-row', '');
    return row.tagName;
  });
  expect(marked).toBe('A');

  releaseEntry();
  await expectTakenOver(page);
  // React's pane is up, and the row on screen is still the static one.
  await expect(page.locator('[data-test-boot-row]')).toBeVisible();
  await expect(endpointsPane(page).getByRole('status')).toHaveText(/^\d+ endpoints$/);

  releaseCatalog();
  await expect(page.locator('[data-test-boot-row]')).toHaveCount(0);
  await expectTakenOver(page);
  // React's own rows now (the server's description may have reordered them already).
  const first = endpointsPane(page)
    .getByRole('listbox', { name: 'Endpoint results' })
    .getByRole('option')
    .first();
  await expect(first).toBeVisible();
  expect(await first.evaluate((row) => row.tagName)).toBe('DIV');
});

test('the header stays still from the boot shell, through React, to the loaded sign-in form', async ({
  page,
  request,
  explorerUrl,
}) => {
  // The sign-in form is a lazy chunk: held, React shows its stand-in; released, the form itself.
  const releaseAuth = await hold(page, /\/assets\/AuthPanel-[\w-]+\.js$/);
  const release = await openBootShell(page, request, explorerUrl);
  const box = async (selector: string) => {
    const found = await page.locator(selector).boundingBox();
    if (found === null) throw new Error(`${selector} has no box`);
    return { x: Math.round(found.x), width: Math.round(found.width) };
  };
  const boot = { server: await box('#boot-shell .server-input'), auth: await box('#boot-shell .auth-panel') };

  release();
  await expectTakenOver(page);
  await expect(page.locator('#root .auth-panel.boot-placeholder')).toBeVisible();
  const standIn = { server: await box('#root .server-input'), auth: await box('#root .auth-panel') };
  await expectNoSeriousViolations(page, 'React with the sign-in form still loading');

  releaseAuth();
  const auth = page.getByRole('region', { name: 'Authentication' });
  await expect(auth.getByRole('button', { name: 'Sign in' })).toBeVisible();
  const loaded = { server: await box('#root .server-input'), auth: await box('#root .auth-panel') };

  expect(standIn).toEqual(boot);
  expect(loaded).toEqual(boot);
});
