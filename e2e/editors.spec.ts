/**
 * The query/fields/sort and Body editors end to end, against the built app under the production CSP:
 * typing by accessible name (Monaco and its textarea fallback), completion of operators (refused
 * ones marked) and model fields, invalid JSON holding Send back with words, and the honest account
 * of what a 7.0+ server does with "query" with and without ALLOW_UNSAFE_QUERY_AND_FIELDS_API_PARAMS.
 */
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { REPO_ROOT } from '../scripts/lib/build-if-stale';
import { MONACO_BUDGET_BYTES, MONACO_FILE, monacoAssetSizes, totalGzip } from '../scripts/lib/monaco-assets';
import { expect, test, useStack } from './fixtures';
import {
  editor,
  expectHover,
  monacoReady,
  pasteInto,
  request,
  suggestions,
  requestUrl,
  selectOperation,
  signIn,
  typeInto,
} from './editors-helpers';

const MONACO_CHUNK = '**/assets/monaco-entry-*.js';

// One stack for the file (Playwright runs a stack option per worker, so it is set at the top).
useStack({ sandboxEnv: { API_Enable_Rate_Limiter: 'false', SANDBOX_SEED_USERS: '40' } });

test.describe('editors', () => {
  test('query, fields and sort take typed JSON by accessible name, and the Request URL shows it encoded once', async ({
    page,
    explorerUrl,
  }) => {
    await page.goto(explorerUrl);
    await selectOperation(page, 'GET', '/api/v1/users.list');
    for (const name of ['query', 'fields', 'sort'] as const) await monacoReady(page, name);
    await typeInto(page, 'query', '{"username": {"$regex": "^adm", "$options": "i"}}');
    await typeInto(page, 'fields', '{"username": 1, "name": 1}');
    await typeInto(page, 'sort', '{"username": -1}');
    const url = requestUrl(page);
    await expect(url).toContainText(
      'query=%7B%22username%22%3A%7B%22%24regex%22%3A%22%5Eadm%22%2C%22%24options%22%3A%22i%22%7D%7D',
    );
    await expect(url).toContainText('fields=%7B%22username%22%3A1%2C%22name%22%3A1%7D');
    await expect(url).toContainText('sort=%7B%22username%22%3A-1%7D');
    await expect(url).not.toContainText('%25'); // encoded once: no %25 from a second encoding
    await expect(request(page).getByRole('button', { name: 'Send', exact: true })).toBeEnabled();
  });

  test('the Body editor of a POST takes typed JSON', async ({ page, explorerUrl }) => {
    await page.goto(explorerUrl);
    await selectOperation(page, 'POST', '/api/v1/chat.postMessage');
    await monacoReady(page, 'Body');
    await typeInto(page, 'Body', '{"channel": "#general", "text": "hello"}');
    await expect(requestUrl(page)).toContainText('POST ');
    await expect(request(page).getByRole('alert').filter({ hasText: 'Body has' })).toHaveCount(0);
    // The operation's schema: Monaco's JSON worker marks it in the editor (no eval needed) as a note;
    // holding Send back is the request checks' job (the server's validator, checked once).
    await typeInto(page, 'Body', '{"channel": "#general", "text": 5}');
    await expect(
      request(page).getByText('Line 1, column 33: Incorrect type. Expected "string". (schema)'),
    ).toBeVisible();
    await typeInto(page, 'Body', '{"channel": "#general", "text": }');
    await expect(request(page).getByRole('alert').filter({ hasText: 'Body has a problem' })).toContainText(
      'Line 1, column',
    );
  });

  test('completion lists MongoDB operators with the refused ones marked, and the model fields', async ({
    page,
    explorerUrl,
  }) => {
    await page.goto(explorerUrl);
    await selectOperation(page, 'GET', '/api/v1/users.list');
    await monacoReady(page, 'query');
    await typeInto(page, 'query', '{"username": {}}');
    // Cursor inside the inner braces, then ask for completion.
    await editor(page, 'query').focus();
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.type('"');
    await page.keyboard.press('Control+Space');
    // Monaco's suggestions are a listbox named "Suggest" whose rows read "<label>, <description>,
    // <kind>"; the editor points at the highlighted one with aria-activedescendant.
    const suggest = page.getByRole('listbox', { name: 'Suggest' });
    const row = (name: RegExp) => suggestions(page, name).first();
    await expect(suggest).toBeVisible();
    await expect(row(/^\$regex, .*(allowed|MongoDB operator)/)).toBeVisible();
    const highlighted = await editor(page, 'query').getAttribute('aria-activedescendant');
    expect(await suggestions(page).evaluateAll((els) => els.map((el) => el.id))).toContain(highlighted);
    await page.keyboard.type('$gt');
    await expect(row(/^\$gt, .*refused by Rocket\.Chat/)).toBeVisible();
    await expect(row(/^\$gt/).locator('.deprecated').first()).toBeAttached(); // struck through
    await page.keyboard.press('Escape');

    await typeInto(page, 'sort', '{}');
    await editor(page, 'sort').focus();
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.type('"user');
    await page.keyboard.press('Control+Space');
    await expect(row(/^username/)).toContainText('string');
    await page.keyboard.press('Escape');

    // Hover on a field name says what it is in the operation's model.
    await typeInto(page, 'sort', '{"username": 1}');
    await expectHover(page, 'sort', 'username', 'field of IUser');
  });

  test('in a large Body, completion is on Ctrl+Space and still knows the schema', async ({
    page,
    explorerUrl,
  }) => {
    await page.goto(explorerUrl);
    await selectOperation(page, 'POST', '/api/v1/chat.postMessage');
    await monacoReady(page, 'Body');
    await expect(editor(page, 'Body')).toHaveAccessibleDescription(/Ctrl\+Space suggests fields/);
    const filler = 'x'.repeat(30_000);
    await pasteInto(page, 'Body', `{\n"text": "hi",\n"customFields": {"filler": "${filler}"}\n}`);
    await page.keyboard.press('ControlOrMeta+Home');
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('"');
    // Not on every keystroke: in a small document they would be open within a few frames.
    const rows = suggestions(page);
    await page.waitForTimeout(1000);
    await expect(rows).toHaveCount(0);
    await page.keyboard.press('Control+Space');
    await expect(suggestions(page, /^roomId/).first()).toBeVisible();
    await page.keyboard.press('Escape');
  });

  test("Monaco's files stay within 1.1 MB gzipped, and a session with completion and hover fetches nothing else", async ({
    page,
    explorerUrl,
  }) => {
    const emitted = monacoAssetSizes(path.join(REPO_ROOT, 'dist'));
    const fetched = new Set<string>();
    page.on('request', (req) => {
      const name = new URL(req.url()).pathname.split('/').pop() ?? '';
      if (MONACO_FILE.test(name)) fetched.add(name);
    });
    await page.goto(explorerUrl);
    await selectOperation(page, 'GET', '/api/v1/users.list');
    await monacoReady(page, 'query');
    await typeInto(page, 'query', '{"username": 1}');
    await editor(page, 'query').focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Control+Space');
    await expect(suggestions(page).first()).toBeVisible();
    await page.keyboard.press('Escape');
    await expectHover(page, 'query', 'username', 'IUser');

    // Sizes in bytes are deterministic (gzip -9 of the built files), so the budget is a test.
    expect(totalGzip(emitted)).toBeLessThanOrEqual(MONACO_BUDGET_BYTES);
    // The JSON worker also serves Monaco's editor-worker requests: no second worker is built.
    expect(emitted.map((f) => f.name).filter((name) => name.startsWith('editor.worker'))).toEqual([]);
    expect([...fetched].sort()).toEqual(expect.arrayContaining([expect.stringMatching(/^json\.worker-/)]));
    for (const name of fetched) expect(emitted.map((f) => f.name)).toContain(name);
  });

  test('the editors follow the system light/dark setting, live', async ({ page, explorerUrl }) => {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(explorerUrl);
    await selectOperation(page, 'GET', '/api/v1/users.list');
    await monacoReady(page, 'query');
    const host = page.locator('[data-editor="query"] .monaco-editor').first();
    await expect(host).toHaveClass(/\bvs\b/);
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect(host).toHaveClass(/\bvs-dark\b/);
  });

  test('invalid JSON holds Send back with the problem in words, until it is fixed', async ({
    page,
    explorerUrl,
  }) => {
    await page.goto(explorerUrl);
    await selectOperation(page, 'GET', '/api/v1/users.list');
    await monacoReady(page, 'query');
    await typeInto(page, 'query', '{"username": }');
    const problem = request(page).getByRole('alert').filter({ hasText: 'query has a problem' });
    await expect(problem).toContainText('Line 1, column 14');
    const send = request(page).getByRole('button', { name: 'Send', exact: true });
    await expect(send).toBeDisabled();
    await expect(request(page).getByRole('alert').filter({ hasText: 'Send is held back' })).toContainText(
      'query: Line 1, column 14',
    );
    await expect(request(page).getByRole('button', { name: 'Send anyway' })).toBeVisible();
    // A marker in the editor too (Monaco's squiggle).
    await expect(page.locator('[data-editor="query"] .squiggly-error').first()).toBeAttached();

    await typeInto(page, 'sort', '{"username": 2}');
    await expect(request(page).getByRole('alert').filter({ hasText: 'sort has a problem' })).toContainText(
      '1 (ascending) or -1',
    );

    await typeInto(page, 'query', '{"username": "admin"}');
    await typeInto(page, 'sort', '{"username": 1}');
    await expect(problem).toHaveCount(0);
    await expect(send).toBeEnabled();
  });

  test('before Monaco arrives the plain text fields work, and Send sends what was typed', async ({
    page,
    explorerUrl,
  }) => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(MONACO_CHUNK, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(explorerUrl);
    await selectOperation(page, 'GET', '/api/v1/users.list');
    const query = editor(page, 'query');
    await expect(query).toHaveJSProperty('tagName', 'TEXTAREA');
    await query.fill('{"username": "admin"}');
    await expect(requestUrl(page)).toContainText('query=%7B%22username%22%3A%22admin%22%7D');
    await request(page).getByRole('button', { name: 'Send', exact: true }).click();
    await expect(
      page.getByRole('region', { name: 'Response' }).getByRole('status', { name: 'Status' }),
    ).toContainText(/\d{3}/);
    // Monaco arrives later and takes over with the same text.
    release();
    await page
      .getByRole('region', { name: 'Endpoints' })
      .getByRole('searchbox', { name: 'Search endpoints' })
      .focus();
    await monacoReady(page, 'query');
    await expect(requestUrl(page)).toContainText('query=%7B%22username%22%3A%22admin%22%7D');
  });

  test('if Monaco cannot load, the text fields stay and say so quietly', async ({
    page,
    explorerUrl,
    pageErrors,
  }) => {
    pageErrors.allow(/Failed to load resource: net::ERR_FAILED/);
    await page.route(MONACO_CHUNK, (route) => route.abort('failed'));
    await page.goto(explorerUrl);
    await selectOperation(page, 'GET', '/api/v1/users.list');
    await expect(
      request(page).getByText('The code editor could not be loaded; plain text fields are used instead.'),
    ).toBeVisible();
    await expect(editor(page, 'query')).toHaveJSProperty('tagName', 'TEXTAREA');
    await editor(page, 'query').fill('{"username": }');
    await expect(request(page).getByRole('alert').filter({ hasText: 'query has a problem' })).toContainText(
      'Line 1, column 14',
    );
  });
});

// The same check against a server started with ALLOW_UNSAFE_QUERY_AND_FIELDS_API_PARAMS=TRUE is in
// editors-unsafe.spec.ts (another sandbox environment needs another worker, hence another file).
test.describe('a server that ignores query and fields (7.0+ default)', () => {
  test('says so before sending, detects it after the response, and applies them locally on request', async ({
    page,
    explorerUrl,
  }) => {
    await page.goto(explorerUrl);
    await signIn(page, 'admin', 'admin');
    await selectOperation(page, 'GET', '/api/v1/users.list');
    await typeInto(page, 'query', '{"username": "demo"}');
    await expect(
      request(page)
        .getByRole('alert')
        .filter({ hasText: 'ALLOW_UNSAFE_QUERY_AND_FIELDS_API_PARAMS=TRUE' })
        .first(),
    ).toContainText('ignores "query" and "fields"');
    await request(page).getByRole('button', { name: 'Send', exact: true }).click();
    const ignored = page.getByRole('alert').filter({ hasText: 'The server ignored "query"' });
    await expect(ignored).toContainText('ALLOW_UNSAFE_QUERY_AND_FIELDS_API_PARAMS=TRUE');
    // One notice per fact: the answer's notice replaces the note on the server's version.
    await expect(
      page.getByRole('alert').filter({ hasText: 'ALLOW_UNSAFE_QUERY_AND_FIELDS_API_PARAMS' }),
    ).toHaveCount(1);
    await expect(page.getByText('ALLOW_UNSAFE_QUERY_AND_FIELDS_API_PARAMS')).toHaveCount(1);
    // Warnings do not pile up: that notice is the Request pane's only one.
    await expect(request(page).getByRole('alert')).toHaveCount(1);
    await request(page)
      .getByRole('alert')
      .screenshot({ path: test.info().outputPath('ignored-notice.png') });
    await ignored
      .getByRole('button', { name: /^Apply locally to the \d+ fetched items \(the whole list\)$/ })
      .click();
    const local = page.getByRole('region', { name: 'Local result' });
    await expect(local).toContainText('not by the server');
    await expect(local.getByRole('status')).toContainText(
      /^1 of the \d+ items fetched \(the whole list\) matches "query"\.$/,
    );
    await expect(local).toContainText('"username": "demo"');
    // The notice with its choices and result: no serious or critical axe violation.
    const { violations } = await new AxeBuilder({ page }).include('.ignored-params').analyze();
    expect(
      violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id),
    ).toEqual([]);

    // Collapsible: the fact stays, the options and the result fold away.
    await ignored.getByRole('button', { name: 'Hide details' }).click();
    await expect(local).toHaveCount(0);
    await expect(ignored).toContainText('ALLOW_UNSAFE_QUERY_AND_FIELDS_API_PARAMS=TRUE');
    await ignored.getByRole('button', { name: 'Show details' }).click();
    await expect(local).toBeVisible();
  });

  test('"Apply locally" says it filters the page on screen, and over all pages finds the matches beyond it', async ({
    page,
    explorerUrl,
    sandboxUrl,
    request: api,
  }) => {
    // What the query should find, from the whole list (the sandbox ignores the query, so filter here).
    const login = await api.post(`${sandboxUrl}/api/v1/login`, {
      data: { user: 'admin', password: 'admin' },
    });
    const { data } = (await login.json()) as { data: { userId: string; authToken: string } };
    const everyone = await api.get(`${sandboxUrl}/api/v1/users.list?count=100`, {
      headers: { 'X-User-Id': data.userId, 'X-Auth-Token': data.authToken },
    });
    const { users, total } = (await everyone.json()) as { users: Array<{ username: string }>; total: number };
    expect(users).toHaveLength(total);
    const expected = users.filter((u) => /1$/.test(u.username)).length;
    const onFirstPage = users.slice(0, 10).filter((u) => /1$/.test(u.username)).length;
    expect(expected).toBeGreaterThan(onFirstPage);

    await page.goto(explorerUrl);
    await signIn(page, 'admin', 'admin');
    await selectOperation(page, 'GET', '/api/v1/users.list');
    await request(page).getByRole('spinbutton', { name: 'count', exact: true }).fill('10');
    await typeInto(page, 'query', '{"username": {"$regex": "1$"}}');
    await request(page).getByRole('button', { name: 'Send', exact: true }).click();
    const ignored = page.getByRole('alert').filter({ hasText: 'The server ignored "query"' });
    await expect(ignored).toContainText(
      'apply them here, in the browser, to the 10 items of this page or to every page.',
    );
    await ignored.getByRole('button', { name: 'Apply locally to the 10 items of this page' }).click();
    const local = page.getByRole('region', { name: 'Local result' });
    await expect(local.getByRole('status')).toHaveText(
      `${onFirstPage} of the 10 items on this page ${onFirstPage === 1 ? 'matches' : 'match'} "query".`,
    );

    const pages = Math.ceil(total / 10);
    await expect(ignored).toContainText(
      `${total} items: ${pages - 1} more calls of 10, paced by the rate limit`,
    );
    await ignored.getByRole('button', { name: 'Apply locally to all pages' }).click();
    await expect(local.getByRole('status')).toHaveText(
      `${expected} of the ${total} items of all ${pages} pages match "query".`,
    );
    await expect(local).not.toContainText('"username": "demo"');
    await page.screenshot({ path: test.info().outputPath('apply-locally-all-pages.png'), fullPage: true });
  });
});
