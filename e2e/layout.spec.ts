/**
 * The screen as a person sees it, measured by bounding boxes: the header on one line at 1280 and
 * 1440 px before and after sign-in, Send in view at 1280×720 without scrolling, the pager on one
 * line, resizable panes that remember their size, a collapsible Endpoints pane, and panes that
 * survive a change of layout.
 */
import type { Locator, Page } from '@playwright/test';
import { authRegion, responsePane, selectOperation, send, signInAs } from './auth-helpers';
import { editor, monacoReady } from './editors-helpers';
import { expect, test } from './fixtures';

// Sign-in, a send and a reload per test on a machine shared with other runs: room above 30 s.
test.describe.configure({ timeout: 90_000 });

async function box(locator: Locator) {
  const b = await locator.boundingBox();
  expect(b, 'element is laid out').not.toBeNull();
  return b!;
}

/** All of these sit on one line: their vertical extents overlap pairwise. */
async function expectOneLine(locators: Locator[], what: string): Promise<void> {
  const boxes = await Promise.all(locators.map(box));
  const top = Math.max(...boxes.map((b) => b.y));
  const bottom = Math.min(...boxes.map((b) => b.y + b.height));
  expect(top, `${what} on one line (tops ${boxes.map((b) => Math.round(b.y)).join(', ')})`).toBeLessThan(
    bottom,
  );
  // Side by side, none drawn over another (a squeezed header overlaps instead of wrapping).
  const sorted = [...boxes].sort((a, b) => a.x - b.x);
  for (let i = 1; i < sorted.length; i++) {
    const [left, right] = [sorted[i - 1]!, sorted[i]!];
    expect(left.x + left.width, `${what}: no overlap`).toBeLessThanOrEqual(right.x + 1);
  }
}

async function headerParts(page: Page): Promise<Locator[]> {
  const header = page.getByRole('banner');
  return [
    header.getByRole('heading', { name: 'Rocket.Chat API Explorer' }),
    header.getByLabel('Server'),
    header.getByText('Connection', { exact: true }),
    header.getByLabel('Connection'),
  ];
}

async function openExplorer(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(
    page
      .getByRole('region', { name: 'Endpoints' })
      .getByText(/on this server/)
      .first(),
  ).toBeVisible();
}

for (const width of [1280, 1440]) {
  test(`at ${width} px the header stays on one line before and after sign-in`, async ({
    page,
    explorerUrl,
  }) => {
    await page.setViewportSize({ width, height: 900 });
    await openExplorer(page, explorerUrl);
    const auth = authRegion(page);
    const name = auth.getByLabel('Username or email');
    await expectOneLine(
      [...(await headerParts(page)), name, auth.getByRole('button', { name: 'Sign in', exact: true })],
      'header before sign-in',
    );
    // The placeholder is not cut: the input is at least as wide as its text.
    const fits = await name.evaluate((el: HTMLInputElement) => {
      const ctx = document.createElement('canvas').getContext('2d')!;
      ctx.font = getComputedStyle(el).font;
      const style = getComputedStyle(el);
      const inner = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      return ctx.measureText(el.placeholder).width <= inner;
    });
    expect(fits, 'the "Username or email" placeholder fits its field').toBe(true);
    const header = await box(page.getByRole('banner'));
    expect(header.width).toBeLessThanOrEqual(width);

    await signInAs(page, 'demo');
    await expectOneLine(
      [...(await headerParts(page)), auth.getByRole('button', { name: 'Sign out' })],
      'header after sign-in',
    );
  });
}

test('at 1280×720 Send is in view after choosing channels.list, and the pager fits one line', async ({
  page,
  explorerUrl,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openExplorer(page, explorerUrl);
  await signInAs(page, 'demo');
  await selectOperation(page, 'GET', '/api/v1/channels.list');
  const sendButton = page
    .getByRole('region', { name: 'Request' })
    .getByRole('button', { name: 'Send', exact: true });
  // In the viewport without any scrolling: its box lies inside the window.
  const b = await box(sendButton);
  expect(b.y).toBeGreaterThanOrEqual(0);
  expect(b.y + b.height).toBeLessThanOrEqual(720);
  expect(b.x + b.width).toBeLessThanOrEqual(1280);
  await expect(sendButton).toBeInViewport();

  await send(page);
  const response = responsePane(page);
  await expect(response.getByText(/Showing 1–\d+ of \d+/)).toBeVisible();
  const pager = response.getByRole('navigation', { name: 'Pages' });
  await expectOneLine(
    [
      pager.getByRole('button', { name: 'First page' }),
      pager.getByRole('button', { name: 'Previous page' }),
      pager.getByText(/Showing 1–\d+ of \d+/),
      pager.getByRole('button', { name: 'Next page' }),
      pager.getByRole('button', { name: 'Last page' }),
      pager.getByRole('combobox', { name: 'Page size' }),
    ],
    'pager',
  );
  // Empty JSON editors take one line until focused (their placeholder shows what goes in).
  await monacoReady(page, 'query');
  const host = page.locator('[data-editor="query"]');
  await expect(host).toContainText('e.g. {"name"');
  const oneLine = (await box(host)).height;
  expect(oneLine).toBeLessThan(40);
  await editor(page, 'query').focus();
  await expect.poll(async () => (await box(host)).height).toBeGreaterThan(oneLine * 2);
});

test('panes resize with the keyboard, keep their size after a reload, and Endpoints collapses', async ({
  page,
  explorerUrl,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openExplorer(page, explorerUrl);
  const endpoints = page.getByRole('region', { name: 'Endpoints' });
  const before = (await box(endpoints)).width;
  const separator = page.getByRole('separator', { name: 'Resize the Endpoints pane' });
  await separator.focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
  await expect.poll(async () => (await box(endpoints)).width).toBeGreaterThan(before + 20);
  const widened = (await box(endpoints)).width;

  await page.reload();
  await expect(endpoints).toBeVisible();
  await expect.poll(async () => Math.round((await box(endpoints)).width)).toBe(Math.round(widened));

  // Badges never wrap at 1440: each visible option row is one line high.
  const rows = endpoints.getByRole('option');
  const heights = await rows.evaluateAll((els) =>
    els.slice(0, 12).map((el) => el.querySelector('.op-line')?.getBoundingClientRect().height ?? 0),
  );
  const lineHeight = Math.min(...heights.filter((h) => h > 0));
  for (const h of heights) expect(h).toBeLessThan(lineHeight * 1.5);

  const toggle = page.getByRole('button', { name: 'Hide the Endpoints pane' });
  await toggle.click();
  await expect(endpoints).toBeHidden();
  const request = await box(page.getByRole('region', { name: 'Request' }));
  expect(request.x).toBeLessThan(20);
  await page.getByRole('button', { name: 'Show the Endpoints pane' }).click();
  await expect(endpoints).toBeVisible();
});

test('on a phone, choosing an endpoint brings the form into view', async ({ page, explorerUrl }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openExplorer(page, explorerUrl);
  await selectOperation(page, 'GET', '/api/v1/channels.list');
  const request = page.getByRole('region', { name: 'Request' });
  await expect(request.getByText('/api/v1/channels.list', { exact: true }).first()).toBeInViewport();
});

test('changing layout keeps the panes as they are: the search typed, the editors, the answer', async ({
  page,
  explorerUrl,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openExplorer(page, explorerUrl);
  await signInAs(page, 'demo');
  await selectOperation(page, 'GET', '/api/v1/channels.list');
  await monacoReady(page, 'query');
  await send(page);
  await expect(responsePane(page).getByRole('status', { name: 'Status' })).toContainText('200');
  const search = page.getByRole('searchbox', { name: 'Search endpoints' });
  await search.fill('channels.li');
  // Marks on the elements themselves: a pane built again has none.
  const mark = (selector: string) =>
    page
      .locator(selector)
      .first()
      .evaluate((el) => el.setAttribute('data-test-mark', 'kept'));
  await mark('input[data-endpoint-search]');
  await mark('[data-editor="query"]');

  // Stacked below 980 px, side by side again above: the same elements, the same text.
  await page.setViewportSize({ width: 800, height: 900 });
  await expect(page.locator('.panes-stacked')).toBeAttached();
  await page.setViewportSize({ width: 1440, height: 900 });
  await expect(page.locator('.panes-stacked')).not.toBeAttached();
  await expect(search).toHaveValue('channels.li');
  await expect(page.locator('input[data-endpoint-search][data-test-mark="kept"]')).toHaveCount(1);
  await expect(page.locator('[data-editor="query"][data-test-mark="kept"]')).toHaveCount(1);
  await expect(responsePane(page).getByRole('status', { name: 'Status' })).toContainText('200');
  // And it is the resizable layout again, not the one that shows before the resizing code loads.
  await expect(page.locator('.panes-resizable')).toBeAttached();
});
