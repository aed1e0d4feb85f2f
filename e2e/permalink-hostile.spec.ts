/**
 * Hostile links at scale (issue #16): a link must never steer the signed-in person's token to
 * another server, and thousands of malformed or hostile `#r=` links (e2e/hostile-links.ts) opened
 * in one page raise no page error (the fixtures fail the test on any), send no request, and leave
 * the app working.
 */
import { expect, test, useStack } from './fixtures';
import { HOSTILE_KINDS, hostileLinks, wire } from './hostile-links';
import { loginViaApi, requestPane, responsePane, selectOperation, useToken } from './share-helpers';

// A second allowed target that is not running: where a hostile link would like the token to go.
const OTHER_SERVER = 'http://127.0.0.1:9';
useStack({
  sandboxEnv: { API_Enable_Rate_Limiter: 'false', SANDBOX_SEED_USERS: '60' },
  targets: [OTHER_SERVER],
});

/**
 * How many links the scale test opens: HOSTILE_LINKS, 500 by default (1,000 took 74 s at load
 * average 7 on 2 cores, so 500 keeps the test under a minute); the full run is
 * HOSTILE_LINKS=10000 (docs/proxy-hardening.md).
 */
const LINKS = Number(process.env.HOSTILE_LINKS ?? 500);

test.describe('hostile links', () => {
  test('a link cannot steer the token to another server with a control header in any casing', async ({
    page,
    explorerUrl,
    sandboxUrl,
    request,
  }) => {
    const credentials = await loginViaApi(request, sandboxUrl);
    await page.goto(explorerUrl);
    await useToken(page, credentials);
    const link = wire({
      s: sandboxUrl,
      m: 'GET',
      p: '/api/v1/me',
      h: { 'x-explorer-target': `${OTHER_SERVER}/x`, 'X-EXPLORER-TARGET': OTHER_SERVER, 'X-Trace': 'kept' },
    });
    await page.evaluate((hash) => (window.location.hash = hash), link);
    await expect(requestPane(page).getByText('/api/v1/me', { exact: true }).first()).toBeVisible();
    const sent: Record<string, string>[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/proxy/')) void r.allHeaders().then((h) => sent.push(h));
    });
    await requestPane(page).getByRole('button', { name: 'Send', exact: true }).click();
    await expect(responsePane(page).getByRole('status', { name: 'Status' })).toContainText('200');
    await expect.poll(() => sent.length).toBe(1);
    expect(sent[0]!['x-explorer-target']).toBe(sandboxUrl);
    expect(sent[0]!['x-trace']).toBe('kept');
  });

  test('the largest link that opens shows its long body field and URL shortened, not laid out whole', async ({
    page,
    explorerUrl,
    sandboxUrl,
  }) => {
    await page.goto(explorerUrl);
    const text = 'a'.repeat(256 * 1024 - 20);
    await page.evaluate(
      (hash) => (window.location.hash = hash),
      wire({
        s: sandboxUrl,
        m: 'POST',
        p: '/api/v1/chat.postMessage',
        b: JSON.stringify({ text }),
        q: { long: 'v'.repeat(8192) },
      }),
    );
    const field = requestPane(page).getByRole('textbox', { name: 'text', exact: true });
    await expect(field).toHaveAttribute('readonly', '');
    await expect(field).toHaveAccessibleDescription(/262,124 characters: too long to edit here/);
    expect((await field.inputValue()).length).toBeLessThan(300);
    const url = requestPane(page).getByRole('status', { name: 'Request URL' });
    await expect(url).toContainText('characters in all');
  });

  test('malformed and hostile links at scale in one page: no page error, no request sent, app still works', async ({
    page,
    explorerUrl,
    sandboxUrl,
  }) => {
    test.setTimeout(Math.max(120_000, LINKS * 60));
    const links = hostileLinks(sandboxUrl, OTHER_SERVER, LINKS);
    expect(links).toHaveLength(LINKS);
    expect(new Set(links.map((l) => l.kind)).size).toBe(HOSTILE_KINDS.length);
    await page.goto(explorerUrl);
    await selectOperation(page, 'GET', '/api/v1/users.list');
    const count = requestPane(page).getByRole('spinbutton', { name: 'count', exact: true });
    await count.fill('6');
    const explorerOrigin = new URL(explorerUrl).origin;
    const unasked: string[] = [];
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (url.pathname.startsWith('/proxy') || url.origin !== explorerOrigin)
        unasked.push(
          `${r.url()} -> ${r.headers()['x-explorer-target'] ?? '(direct)'} after ${page.url().slice(-80)}`,
        );
    });
    const started = Date.now();
    const longestTaskMs = await page.evaluate(
      async (hashes) => {
        let longest = 0;
        const observer = new PerformanceObserver((list) => {
          for (const e of list.getEntries()) longest = Math.max(longest, e.duration);
        });
        observer.observe({ type: 'longtask', buffered: false });
        // Each link in its own task, as when a person pastes links one after another.
        const yieldTask = (): Promise<void> =>
          new Promise((resolve) => {
            const channel = new MessageChannel();
            channel.port1.onmessage = () => resolve();
            channel.port2.postMessage(0);
          });
        for (const hash of hashes) {
          window.location.hash = hash;
          await yieldTask();
          await yieldTask();
        }
        await new Promise((r) => setTimeout(r, 500));
        observer.disconnect();
        return longest;
      },
      links.map((l) => l.hash),
    );
    // A figure, not a pass mark (machines are shared): the goal is no task over 200 ms.
    console.log(
      `${LINKS} hostile links in ${Date.now() - started} ms: longest main-thread task ${Math.round(longestTaskMs)} ms`,
    );
    expect(unasked).toEqual([]);
    // The app still works: dismiss whatever the last link left, then a real request goes through.
    const dialog = page.getByRole('alertdialog');
    if (await dialog.isVisible()) await dialog.getByRole('button', { name: `Stay on ${sandboxUrl}` }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'The link could not be opened' });
    if (await alert.isVisible()) await alert.getByRole('button', { name: 'Dismiss' }).click();
    await selectOperation(page, 'GET', '/api/info');
    await requestPane(page).getByRole('button', { name: 'Send', exact: true }).click();
    await expect(responsePane(page).getByRole('status', { name: 'Status' })).toContainText('200');
  });
});
