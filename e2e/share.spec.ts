/**
 * Permalinks and snippets end to end, against the built app under the production CSP and a real
 * sandbox: a link copied in one browser context restores the whole request in a fresh one without
 * sending it (and Send then gives the same answer), a link naming another server asks first, a
 * damaged link says why and loses nothing, Back/Forward move between operations, old #op= links
 * still open, and neither links nor Copy as cURL carry the token.
 */
import fc from 'fast-check';
import { decodePermalink, encodePermalink } from '../src/core/permalink';
import { emptyDraft } from '../src/core/request/draft';
import { expect, test, useStack } from './fixtures';
import {
  clipboardText,
  editorText,
  expectOperation,
  openWithPastedToken,
  requestPane,
  responsePane,
  selectOperation,
  typeInto,
  useToken,
  watchContext,
} from './share-helpers';

/** The Raw tab's line once the body is pretty-printed (the final form of a JSON answer). */
const PRETTY_HINT = 'JSON pretty-printed for reading';

// A second allowed target that is not running: the "another server" of these tests.
const OTHER_SERVER = 'http://127.0.0.1:9';
useStack({
  sandboxEnv: { API_Enable_Rate_Limiter: 'false', SANDBOX_SEED_USERS: '60' },
  targets: [OTHER_SERVER],
});

test.describe('share', () => {
  test('a copied link restores the request in a fresh context without sending it; Send gives the same response', async ({
    page,
    context,
    browser,
    explorerUrl,
    sandboxUrl,
    request,
  }) => {
    // Two browser contexts, two sign-ins and the editors loading after first paint in each: more
    // than 30 s on a busy 2-core machine (the restored fields were right when it timed out).
    test.slow();
    const credentials = await openWithPastedToken({ page, context, request }, { explorerUrl, sandboxUrl }, [
      'GET',
      '/api/v1/users.list',
    ]);
    const form = requestPane(page);
    await form.getByRole('spinbutton', { name: 'count', exact: true }).fill('3');
    await form.getByRole('spinbutton', { name: 'offset', exact: true }).fill('2');
    await typeInto(page, 'fields', '{"username": 1, "name": 1}');
    await typeInto(page, 'sort', '{"username": -1}');
    await form.getByRole('button', { name: 'Send', exact: true }).click();
    const status = responsePane(page).getByRole('status', { name: 'Status' });
    await expect(status).toContainText('200');
    await responsePane(page).getByRole('tab', { name: 'Raw' }).click();
    // The Raw tab shows the bytes as received until the worker has pretty-printed them (on a busy
    // machine that is after the click): read it once it is final, or the two bodies differ in form.
    await expect(responsePane(page).getByText(PRETTY_HINT)).toBeVisible();
    const firstBody = await responsePane(page).getByRole('tabpanel').textContent();
    expect(firstBody).toContain('"users"');
    // The chosen view travels with the link.
    await responsePane(page).getByRole('tab', { name: 'Table' }).click();

    await form.getByRole('button', { name: 'Copy link' }).click();
    await expect(form.getByRole('status').filter({ hasText: 'Link copied' })).toBeVisible();
    const link = await clipboardText(page);
    expect(link).toMatch(/#r=2\.[A-Za-z0-9+\-$]+$/);
    // The address bar shows the same link.
    expect(page.url()).toBe(link);
    // No secret in the link: not the token, not the user ID.
    expect(link).not.toContain(credentials.authToken);
    const decoded = decodePermalink(link);
    expect(decoded.ok).toBe(true);
    expect(JSON.stringify(decoded)).not.toContain(credentials.authToken);
    expect(JSON.stringify(decoded)).not.toContain(credentials.userId);

    // A fresh browser context: no storage, no credentials, nothing shared with the first.
    const fresh = await browser.newContext();
    const errors = await watchContext(fresh, explorerUrl, [sandboxUrl, OTHER_SERVER]);
    const other = await fresh.newPage();
    const apiCalls: string[] = [];
    other.on('request', (r) => {
      if (r.url().includes('/api/v1/users.list')) apiCalls.push(r.url());
    });
    await other.goto(link);
    await expectOperation(other, '/api/v1/users.list');
    const restored = requestPane(other);
    await expect(restored.getByRole('spinbutton', { name: 'count', exact: true })).toHaveValue('3');
    await expect(restored.getByRole('spinbutton', { name: 'offset', exact: true })).toHaveValue('2');
    await expect.poll(() => editorText(other, 'fields')).toBe('{"username": 1, "name": 1}');
    await expect.poll(() => editorText(other, 'sort')).toBe('{"username": -1}');
    await expect(other.getByLabel('Server', { exact: true })).toHaveValue(sandboxUrl);
    // Restored, not sent: no status, no request to the server.
    await expect(responsePane(other).getByRole('status', { name: 'Status' })).toHaveCount(0);
    expect(apiCalls).toEqual([]);

    await useToken(other, credentials);
    await restored.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(responsePane(other).getByRole('status', { name: 'Status' })).toContainText('200');
    await expect(responsePane(other).getByRole('tab', { name: 'Table' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    await responsePane(other).getByRole('tab', { name: 'Raw' }).click();
    await expect(responsePane(other).getByText(PRETTY_HINT)).toBeVisible();
    await expect(responsePane(other).getByRole('tabpanel')).toHaveText(firstBody ?? '');
    expect(apiCalls).toHaveLength(1);
    expect(errors()).toEqual([]);
    await fresh.close();
  });

  test('a link naming another server asks before switching; until then the current server stays', async ({
    page,
    explorerUrl,
    sandboxUrl,
  }) => {
    const draft = { ...emptyDraft(OTHER_SERVER, 'GET', '/api/v1/users.list'), params: { count: '4' } };
    const link = `${explorerUrl}/${encodePermalink(draft)}`;
    await page.goto(link);
    const question = page.getByRole('alertdialog', { name: 'This link is for another server' });
    await expect(question).toBeVisible();
    await expect(question).toContainText(OTHER_SERVER);
    await expect(question).toBeFocused();
    const server = page.getByLabel('Server', { exact: true });
    await expect(server).toHaveValue(sandboxUrl);
    // The request itself is there (on the current server), not sent.
    await expectOperation(page, '/api/v1/users.list');
    await expect(requestPane(page).getByRole('spinbutton', { name: 'count', exact: true })).toHaveValue('4');
    await expect(responsePane(page).getByRole('status', { name: 'Status' })).toHaveCount(0);
    // While asking, the address bar keeps the link as it came.
    expect(page.url()).toBe(link);

    await question.getByRole('button', { name: `Stay on ${sandboxUrl}` }).click();
    await expect(question).toHaveCount(0);
    await expect(server).toHaveValue(sandboxUrl);
    // The address now names the server in use.
    await expect
      .poll(() => {
        const d = decodePermalink(page.url());
        return d.ok ? d.draft.serverUrl : d.error;
      })
      .toBe(sandboxUrl);

    // Same link again, this time switching.
    await page.goto('about:blank');
    await page.goto(link);
    await page
      .getByRole('alertdialog', { name: 'This link is for another server' })
      .getByRole('button', { name: `Switch to ${OTHER_SERVER}` })
      .click();
    await expect(server).toHaveValue(OTHER_SERVER);
    await expect(requestPane(page).getByRole('spinbutton', { name: 'count', exact: true })).toHaveValue('4');
  });

  test('a malformed link shows an alert in words, keeps the request and the app still works', async ({
    page,
    explorerUrl,
  }) => {
    // Five full page loads plus a send: 34 s once on the busy 2-core CI machine.
    test.slow();
    const good = encodePermalink({
      ...emptyDraft('http://127.0.0.1:4100', 'GET', '/api/v1/users.list'),
      params: { count: '4' },
    });
    for (const [hash, words] of [
      ['#r=2.not*a*link', /damaged or incomplete/],
      [good.slice(0, 30), /damaged or incomplete/],
      ['#r=99.abc', /newer version of the explorer/],
      ['#junk', /no request in it/],
    ] as const) {
      await page.goto('about:blank');
      await page.goto(`${explorerUrl}/${hash}`);
      const alert = page.getByRole('alert').filter({ hasText: 'The link could not be opened' });
      await expect(alert).toBeVisible();
      await expect(alert).toContainText(words);
      await expectOperation(page, '/api/info');
    }
    // Nothing is lost by a damaged link opened in a tab with work in it.
    await selectOperation(page, 'GET', '/api/v1/users.list');
    await requestPane(page).getByRole('spinbutton', { name: 'count', exact: true }).fill('9');
    await page.evaluate(() => {
      window.location.hash = '#r=2.broken-in-place';
    });
    await expect(page.getByRole('alert').filter({ hasText: 'The link could not be opened' })).toBeVisible();
    await expect(requestPane(page).getByRole('spinbutton', { name: 'count', exact: true })).toHaveValue('9');
    await page.getByRole('button', { name: 'Dismiss' }).click();
    await selectOperation(page, 'GET', '/api/info');
    await requestPane(page).getByRole('button', { name: 'Send', exact: true }).click();
    await expect(responsePane(page).getByRole('status', { name: 'Status' })).toContainText('200');
  });

  test('generated damaged and hostile links never break the app: each one gets an alert, the request stays', async ({
    page,
    explorerUrl,
  }) => {
    test.setTimeout(120_000);
    const real = encodePermalink({
      ...emptyDraft('http://127.0.0.1:4100', 'POST', '/api/v1/chat.postMessage'),
      body: '{"text":"hi"}',
    });
    // Deterministic: the same 150 links on every run, so a failure can be replayed.
    const tails = fc.sample(
      fc.oneof(
        fc.string({ minLength: 1, maxLength: 200 }).map((s) => `r=2.${s}`),
        fc.string({ minLength: 1, maxLength: 200 }).map((s) => `r=${s}`),
        fc.integer({ min: 4, max: real.length - 2 }).map((cut) => real.slice(1, cut)),
        fc.base64String({ minLength: 8, maxLength: 400 }).map((s) => `r=1.${s}`),
        fc.stringMatching(/^[A-Za-z0-9+$-]{1,300}$/).map((s) => `r=2.N4Ig${s}`),
        fc.string({ minLength: 1, maxLength: 100 }).filter((s) => !/(^|&)(r|op)=/.test(s)),
      ),
      { numRuns: 150, seed: 8 },
    );
    await page.goto(explorerUrl);
    await selectOperation(page, 'GET', '/api/v1/users.list');
    const count = requestPane(page).getByRole('spinbutton', { name: 'count', exact: true });
    await count.fill('6');
    const alert = page.getByRole('alert').filter({ hasText: 'The link could not be opened' });
    let alerts = 0;
    let previous = new URL(page.url()).hash;
    for (const tail of tails) {
      await page.evaluate((hash) => {
        window.location.hash = hash;
      }, tail);
      // An empty fragment, or one the browser normalised to the one already there, is no link to open.
      const now = new URL(page.url()).hash;
      if (now === '' || now === previous) continue;
      previous = now;
      await expect(alert, `link #${tail}`).toBeVisible();
      alerts += 1;
      await alert.getByRole('button', { name: 'Dismiss' }).click();
      await expect(alert).toHaveCount(0);
    }
    expect(alerts).toBeGreaterThan(140);
    await expect(count).toHaveValue('6');
    await expectOperation(page, '/api/v1/users.list');
  });

  test('Back and Forward move between operations, each with its own parameters; nothing is sent', async ({
    page,
    explorerUrl,
  }) => {
    let sent = 0;
    page.on('request', (r) => {
      if (r.url().includes('/proxy/api/v1/')) sent += 1;
    });
    await page.goto(explorerUrl);
    await selectOperation(page, 'GET', '/api/v1/users.list');
    await requestPane(page).getByRole('spinbutton', { name: 'count', exact: true }).fill('7');
    await selectOperation(page, 'GET', '/api/v1/me');
    await selectOperation(page, 'GET', '/api/v1/channels.list');
    await expect(page).toHaveURL(/#r=2\./);

    await page.goBack();
    await expectOperation(page, '/api/v1/me');
    await page.goBack();
    await expectOperation(page, '/api/v1/users.list');
    await expect(requestPane(page).getByRole('spinbutton', { name: 'count', exact: true })).toHaveValue('7');
    await page.goForward();
    await expectOperation(page, '/api/v1/me');
    await page.goForward();
    await expectOperation(page, '/api/v1/channels.list');
    expect(sent).toBe(0);
  });

  test('an old #op= link opens the operation and becomes a full link', async ({
    page,
    explorerUrl,
    sandboxUrl,
  }) => {
    await page.goto(`${explorerUrl}/#op=get-api-v1-me`);
    await expectOperation(page, '/api/v1/me');
    await expect(page).toHaveURL(/#r=2\./);
    const decoded = decodePermalink(page.url());
    expect(decoded.ok && decoded.draft.operationLabel).toBe('GET /api/v1/me');
    expect(decoded.ok && decoded.draft.serverUrl).toBe(sandboxUrl);
  });

  test('Copy as cURL and the snippets use placeholders, never the token, unless asked for', async ({
    page,
    context,
    explorerUrl,
    sandboxUrl,
    request,
  }) => {
    const credentials = await openWithPastedToken({ page, context, request }, { explorerUrl, sandboxUrl }, [
      'GET',
      '/api/v1/users.list',
    ]);
    // A token pasted where no key says "token" is still caught (the app knows its own tokens).
    await requestPane(page).getByRole('textbox', { name: 'email', exact: true }).fill(credentials.authToken);
    await requestPane(page).getByRole('button', { name: 'Copy as cURL' }).click();
    await expect(
      requestPane(page).getByRole('status').filter({ hasText: 'cURL command copied' }),
    ).toBeVisible();
    const curl = await clipboardText(page);
    expect(curl).toContain('curl');
    expect(curl).toContain(`${sandboxUrl}/api/v1/users.list`);
    expect(curl).toContain('$RC_AUTH_TOKEN');
    expect(curl).toContain('$RC_USER_ID');
    expect(curl).not.toContain(credentials.authToken);
    expect(curl).not.toContain(credentials.userId);

    // The link made now holds no token either.
    await requestPane(page).getByRole('button', { name: 'Copy link' }).click();
    await expect(
      requestPane(page)
        .getByRole('status')
        .filter({ hasText: /Link copied.*placeholders/ }),
    ).toBeVisible();
    const link = await clipboardText(page);
    expect(JSON.stringify(decodePermalink(link))).not.toContain(credentials.authToken);
    expect(page.url()).not.toContain(credentials.authToken);

    // Code snippet: placeholders by default in every language; the real token only on request, with a warning.
    await requestPane(page).getByText('Code snippet').click();
    const language = requestPane(page).getByLabel('Language');
    for (const target of [
      'JavaScript fetch',
      'Node (@rocket.chat/api-client)',
      'Python requests',
      'Go net/http',
      'cURL',
    ]) {
      await language.selectOption({ label: target });
      const code = requestPane(page).getByRole('region', { name: `${target} snippet` });
      await expect(code).toContainText('RC_AUTH_TOKEN');
      await expect(code).not.toContainText(credentials.authToken);
    }
    const optIn = requestPane(page).getByRole('checkbox', { name: 'Include my real token' });
    await optIn.check();
    await expect(
      requestPane(page).getByRole('alert').filter({ hasText: 'contains your real auth token' }),
    ).toBeVisible();
    await expect(requestPane(page).getByRole('region', { name: 'cURL snippet' })).toContainText(
      credentials.authToken,
    );
    await requestPane(page).getByRole('button', { name: 'Copy snippet' }).click();
    expect(await clipboardText(page)).toContain(credentials.authToken);
    await optIn.uncheck();
    await expect(requestPane(page).getByRole('region', { name: 'cURL snippet' })).not.toContainText(
      credentials.authToken,
    );
  });

  test('when the clipboard is refused, the link is shown selected with an alert', async ({
    page,
    explorerUrl,
  }) => {
    await page.goto(explorerUrl);
    await selectOperation(page, 'GET', '/api/v1/me');
    // No clipboard permission in this context, and the page is not focused by a person: writeText is refused.
    await page.evaluate(() => {
      Object.defineProperty(navigator, 'clipboard', {
        value: {
          writeText: () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError')),
        },
      });
    });
    await requestPane(page).getByRole('button', { name: 'Copy link' }).click();
    await expect(
      requestPane(page).getByRole('alert').filter({ hasText: 'did not allow copying' }),
    ).toBeVisible();
    const field = requestPane(page).getByRole('textbox', { name: 'The link, to copy by hand' });
    await expect(field).toBeFocused();
    await expect(field).toHaveValue(page.url());
  });
});
