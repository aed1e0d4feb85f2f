/**
 * The error fixture must be able to fail a test, or every e2e test could pass while the page
 * throws. For each kind of error, one test checks that the fixture collects it (then allows it, so
 * the test passes), and one test.fail() test provokes it with no assertion of its own: only the
 * fixture can make that test fail, and Playwright reports it if it passes.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const provoke = {
  consoleError: (page: Page) => page.evaluate(() => console.error('provoked console error 7f3a')),
  uncaught: (page: Page) =>
    page.evaluate(() => {
      setTimeout(() => {
        throw new Error('provoked uncaught error 91bc');
      });
    }),
  cspViolation: (page: Page) =>
    page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true;';
      document.body.append(script);
    }),
};

test('a clean explorer page load passes (the control case)', async ({ page, explorerUrl, pageErrors }) => {
  await page.goto(explorerUrl);
  await expect(page.getByRole('region', { name: 'Endpoints' })).toBeVisible();
  expect(pageErrors.list()).toEqual([]);
});

test.describe('collects', () => {
  test('console errors', async ({ page, explorerUrl, pageErrors }) => {
    await page.goto(explorerUrl);
    await provoke.consoleError(page);
    await expect
      .poll(() => pageErrors.list().join('\n'))
      .toContain('console.error: provoked console error 7f3a');
    pageErrors.allow(/provoked console error 7f3a/);
  });

  test('uncaught page errors', async ({ page, explorerUrl, pageErrors }) => {
    await page.goto(explorerUrl);
    await provoke.uncaught(page);
    await expect
      .poll(() => pageErrors.list().join('\n'))
      .toContain('Uncaught Error: provoked uncaught error 91bc');
    pageErrors.allow(/provoked uncaught error 91bc/);
  });

  test('CSP violations, and the CSP blocks inline script', async ({ page, explorerUrl, pageErrors }) => {
    await page.goto(explorerUrl);
    await provoke.cspViolation(page);
    await expect.poll(() => pageErrors.list().join('\n')).toContain('CSP violation: script-src');
    expect(
      await page.evaluate(() => (window as unknown as { __inlineRan?: boolean }).__inlineRan),
    ).toBeUndefined();
    pageErrors.allow(/CSP violation|Content Security Policy/);
  });
});

test.describe('fails the test on', () => {
  test('a console error', async ({ page, explorerUrl }) => {
    test.fail();
    await page.goto(explorerUrl);
    await Promise.all([page.waitForEvent('console'), provoke.consoleError(page)]);
  });

  test('an uncaught page error', async ({ page, explorerUrl }) => {
    test.fail();
    await page.goto(explorerUrl);
    await Promise.all([page.waitForEvent('pageerror'), provoke.uncaught(page)]);
  });

  test('a CSP violation', async ({ page, explorerUrl }) => {
    test.fail();
    await page.goto(explorerUrl);
    await Promise.all([page.waitForEvent('console'), provoke.cspViolation(page)]);
  });
});

test('API error statuses through the proxy are not page errors', async ({
  page,
  explorerUrl,
  sandboxUrl,
  pageErrors,
}) => {
  await page.goto(explorerUrl);
  const answer = await page.evaluate(async (target) => {
    const res = await fetch('/proxy/api/v1/me', { headers: { 'X-Explorer-Target': target } });
    return `${res.status} ${await res.text()}`;
  }, sandboxUrl);
  expect(answer).toMatch(/^401 /);
  await page.evaluate(() => new Promise((r) => setTimeout(r, 200)));
  expect(pageErrors.list()).toEqual([]);
});

test('a missing asset of the app itself is a page error', async ({ page, explorerUrl, pageErrors }) => {
  await page.goto(explorerUrl);
  await page.evaluate(() => {
    const img = document.createElement('img');
    img.src = '/assets/missing-0000.png';
    document.body.append(img);
  });
  await expect.poll(() => pageErrors.list().join('\n')).toContain('status of 404');
  pageErrors.allow(/status of 404/);
});
