/**
 * The catalog as a person uses it: find an endpoint by typing, pick it with the keyboard, fill the
 * generated form, see problems before sending, send anyway, and share an operation link.
 */
import { expect, test } from './fixtures';
import { selectOperation, send, signInAs } from './auth-helpers';
import { endpointCount, endpointsPane, openExplorer, waitForServerCatalog } from './catalog-helpers';

test('search filters the catalog and the count follows', async ({ page, explorerUrl }) => {
  await openExplorer(page, explorerUrl);
  const all = await endpointCount(page);
  expect(all).toBeGreaterThan(500);

  const search = page.getByRole('searchbox', { name: 'Search endpoints' });
  await search.fill('users.list');
  await expect(page.getByRole('option', { name: 'GET /api/v1/users.list', exact: true })).toBeVisible();
  await expect.poll(() => endpointCount(page)).toBeLessThan(all);
  const some = await endpointCount(page);
  expect(some).toBeGreaterThan(0);

  // Fuzzy: a typo-like subsequence still finds it; method words narrow to that method.
  await search.fill('usrlst');
  await expect(page.getByRole('option', { name: 'GET /api/v1/users.list', exact: true })).toBeVisible();
  await search.fill('post chat.postMessage');
  await expect(
    page.getByRole('option', { name: 'POST /api/v1/chat.postMessage', exact: true }),
  ).toBeVisible();
  await expect.poll(() => endpointCount(page)).toBe(1);

  await search.fill('zzzz-no-such-endpoint');
  await expect.poll(() => endpointCount(page)).toBe(0);
  await expect(endpointsPane(page).getByText(/No endpoint matches/)).toBeVisible();

  await search.press('Escape');
  await expect.poll(() => endpointCount(page)).toBe(all);
});

test('keyboard: Ctrl+K, type, ArrowDown, Enter selects and links the operation', async ({
  page,
  explorerUrl,
}) => {
  await openExplorer(page, explorerUrl);
  await page.locator('body').click();
  await page.keyboard.press('Control+k');
  const search = page.getByRole('searchbox', { name: 'Search endpoints' });
  await expect(search).toBeFocused();
  await page.keyboard.type('users.list');
  await page.keyboard.press('ArrowDown');
  // The active option is announced through aria-activedescendant.
  const activeId = await search.getAttribute('aria-activedescendant');
  expect(activeId).toBeTruthy();
  await expect(page.locator(`[id="${activeId}"]`)).toHaveAttribute('aria-label', 'GET /api/v1/users.list');
  await page.keyboard.press('Enter');

  const request = page.getByRole('region', { name: 'Request' });
  await expect(request.getByText('/api/v1/users.list', { exact: true })).toBeVisible();
  await expect(page.getByRole('option', { name: 'GET /api/v1/users.list', exact: true })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  // The form: one control per parameter, named by the parameter; query/fields/sort are the editors'.
  await expect(request.getByRole('spinbutton', { name: 'count', exact: true })).toBeVisible();
  await expect(request.getByRole('spinbutton', { name: 'offset', exact: true })).toBeVisible();
  await expect(request.getByRole('textbox', { name: 'email', exact: true })).toBeVisible();

  // The address bar now links to this request (the share feature's permalink): opening the link
  // in a fresh page selects the same operation.
  await expect(page).toHaveURL(/#.+$/);
  const link = page.url();
  await page.goto('about:blank');
  await page.goto(link);
  await expect(request.getByText('/api/v1/users.list', { exact: true })).toBeVisible();
  // Found through the search, so the check does not depend on where the virtualized list is
  // scrolled when the server's description arrives (it can insert rows above).
  await page.getByRole('searchbox', { name: 'Search endpoints' }).fill('users.list');
  await expect(page.getByRole('option', { name: 'GET /api/v1/users.list', exact: true })).toHaveAttribute(
    'aria-selected',
    'true',
  );
});

test('an operation link opens with that operation selected', async ({ page, explorerUrl }) => {
  await page.goto(`${explorerUrl}/#op=get-api-v1-me`);
  const request = page.getByRole('region', { name: 'Request' });
  await expect(request.getByText('/api/v1/me', { exact: true })).toBeVisible();
  await expect(request.getByText(/Needs auth/)).toBeVisible();
});

test('the server version is read through the proxy and shown', async ({ page, explorerUrl }) => {
  await openExplorer(page, explorerUrl);
  await expect(endpointsPane(page).getByText(/Server \d+\.\d+(\.\d+)?\b/)).toBeVisible();
  await expect(endpointsPane(page).getByText(/Catalog: \d+ bundled/)).toBeVisible();
});

test('a server that cannot be read gets a note in words, and the catalog stays', async ({
  page,
  explorerUrl,
}) => {
  await openExplorer(page, explorerUrl);
  const bundledText = await endpointsPane(page)
    .getByText(/Catalog: \d+ bundled/)
    .textContent();
  const bundled = Number(/Catalog: (\d+) bundled/.exec(bundledText ?? '')?.[1]);
  expect(bundled).toBeGreaterThan(500);
  await page
    .getByRole('textbox', { name: 'Server' })
    .or(page.getByRole('combobox', { name: 'Server' }))
    .fill('http://127.0.0.1:9');
  await expect(endpointsPane(page).getByRole('alert')).toContainText(/Could not (read|reach)/);
  // The bundled catalog stays whole; what only the previous server had is gone with it.
  await expect.poll(() => endpointCount(page)).toBe(bundled);
});

const OPENAPI_YAML = `openapi: 3.0.0
info:
  title: Extra endpoints
  version: 1.0.0
paths:
  /api/v1/extra.things:
    get:
      summary: List the extra things
      description: Only in this imported file.
      parameters:
        - name: kind
          in: query
          required: true
          schema:
            type: string
            enum: [small, large]
  /api/v1/extra.create:
    post:
      summary: Create an extra thing
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                name: { type: string }
                size: { type: integer }
              required: [name]
            examples:
              small:
                value: { name: pebble, size: 1 }
  /api/v1/users.list:
    get:
      summary: Lists all users (from the import)
`;

test('importing an OpenAPI file adds operations and prose; a broken one changes nothing', async ({
  page,
  explorerUrl,
}) => {
  await openExplorer(page, explorerUrl);
  const before = await endpointCount(page);
  const pane = endpointsPane(page);
  await pane.getByText('Import OpenAPI').click();

  await pane
    .getByLabel('OpenAPI file')
    .setInputFiles({ name: 'extra.yaml', mimeType: 'application/yaml', buffer: Buffer.from(OPENAPI_YAML) });
  await expect(pane.getByText(/Imported extra\.yaml/)).toBeVisible();
  await expect.poll(() => endpointCount(page)).toBe(before + 2);

  await page.getByRole('searchbox', { name: 'Search endpoints' }).fill('extra.things');
  await page.getByRole('option', { name: 'GET /api/v1/extra.things', exact: true }).click();
  const request = page.getByRole('region', { name: 'Request' });
  await expect(request.getByText('Only in this imported file.')).toBeVisible();
  const kind = request.getByRole('combobox', { name: 'kind', exact: true });
  await expect(kind).toHaveAttribute('aria-required', 'true');
  await kind.selectOption('large');
  await expect(kind).toHaveValue('large');

  // Examples from the import fill the Body, and the form reads them back.
  await page.getByRole('searchbox', { name: 'Search endpoints' }).fill('extra.create');
  await page.getByRole('option', { name: 'POST /api/v1/extra.create', exact: true }).click();
  await request.getByText('Example body').click();
  await request.getByRole('button', { name: 'Use example small' }).click();
  await expect(request.getByRole('textbox', { name: 'name', exact: true })).toHaveValue('pebble');
  await expect(request.getByRole('spinbutton', { name: 'size', exact: true })).toHaveValue('1');

  // The summary from the import now describes the bundled users.list too.
  await page.getByRole('searchbox', { name: 'Search endpoints' }).fill('users.list');
  await expect(pane.getByText('Lists all users (from the import)')).toBeVisible();

  await pane.getByLabel('OpenAPI file').setInputFiles({
    name: 'broken.yaml',
    mimeType: 'application/yaml',
    buffer: Buffer.from('openapi: 3.0.0\npaths: [unclosed\n'),
  });
  await expect(pane.getByRole('alert')).toContainText(/broken\.yaml.*not valid YAML/);
  await page.getByRole('searchbox', { name: 'Search endpoints' }).fill('');
  await expect.poll(() => endpointCount(page)).toBe(before + 2);
});

test('an import URL the page may not fetch is refused in words, without a CSP violation', async ({
  page,
  explorerUrl,
}) => {
  await openExplorer(page, explorerUrl);
  const before = await endpointCount(page);
  const pane = endpointsPane(page);
  await pane.getByText('Import OpenAPI').click();
  await pane.getByLabel('OpenAPI URL').fill('https://openapi.invalid/rooms.yaml');
  await pane.getByRole('button', { name: 'Import from URL' }).click();
  await expect(pane.getByRole('alert')).toContainText(
    /Content-Security-Policy.*https:\/\/openapi\.invalid.*OpenAPI file/,
  );
  expect(await endpointCount(page)).toBe(before);
});

test("the server's /api/docs/json marks what it has; served ones come first; the list can show only those", async ({
  page,
  explorerUrl,
}) => {
  await openExplorer(page, explorerUrl);
  const pane = endpointsPane(page);
  const line = pane.getByText(/Catalog: \d+ bundled · \d+ on this server · \d+ not on this server/);
  await expect(line).toBeVisible();
  const [, onServer, notOnServer] =
    /· (\d+) on this server · (\d+) not on this server/.exec((await line.textContent()) ?? '') ?? [];
  const all = await endpointCount(page);
  expect(Number(onServer) + Number(notOnServer)).toBeLessThanOrEqual(all);
  // The count line says both numbers, and browsing opens on an operation this server serves.
  await expect(
    pane.getByText(`· ${all - Number(notOnServer)} on this server`, { exact: true }),
  ).toBeVisible();
  await expect(pane.getByRole('option').first()).not.toHaveAccessibleDescription(/not on this server/);

  // users.list is served by the sandbox; a bundled operation it lacks says so.
  const search = page.getByRole('searchbox', { name: 'Search endpoints' });
  await search.fill('users.list');
  await expect(
    page.getByRole('option', { name: 'GET /api/v1/users.list', exact: true }),
  ).not.toHaveAccessibleDescription(/not on this server/);
  await search.fill('ai.search');
  await expect(
    page.getByRole('option', { name: 'GET /api/v1/ai.search', exact: true }),
  ).toHaveAccessibleDescription(/not on this server/);

  await pane.getByRole('checkbox', { name: 'Only on this server' }).check();
  await expect.poll(() => endpointCount(page)).toBe(0);
  await expect(pane.getByText(/No endpoint on this server matches “ai.search”/)).toBeVisible();
  await search.fill('');
  await expect.poll(() => endpointCount(page)).toBe(all - Number(notOnServer));
  await expect(pane.getByText(`of ${all}`, { exact: true })).toBeVisible();
  await pane
    .getByRole('button', { name: 'Show all endpoints' })
    .or(pane.getByRole('checkbox', { name: 'Only on this server' }))
    .first()
    .click();
  await expect.poll(() => endpointCount(page)).toBe(all);
});

test('the chosen operation stays in view when operations arrive above it later', async ({
  page,
  explorerUrl,
}) => {
  await page.goto(`${explorerUrl}/#op=get-api-v1-users.list`);
  const chosen = page.getByRole('option', { name: 'GET /api/v1/users.list', exact: true });
  await expect(chosen).toHaveAttribute('aria-selected', 'true');
  await expect(chosen).toBeInViewport();

  // An import adds 80 operations in groups that sort before "users" (the server's own description
  // does the same when it arrives after a link was opened).
  const paths = Object.fromEntries(
    Array.from({ length: 80 }, (_, i) => [`/api/v1/aaa.op${i}`, { get: { summary: `Added ${i}` } }]),
  );
  const doc = JSON.stringify({ openapi: '3.0.0', info: { title: 'above', version: '1' }, paths });
  const pane = endpointsPane(page);
  await waitForServerCatalog(page);
  const before = await endpointCount(page);
  await pane.getByText('Import OpenAPI').click();
  await pane
    .getByLabel('OpenAPI file')
    .setInputFiles({ name: 'above.json', mimeType: 'application/json', buffer: Buffer.from(doc) });
  await expect(pane.getByText(/Imported above\.json/)).toBeVisible();
  await expect.poll(() => endpointCount(page)).toBe(before + 80);
  await pane.getByText('Import OpenAPI').click(); // closes the panel: the list gets its height back
  await expect(chosen).toBeInViewport();
});

test('groups.list: the form offers the paging params the server reads, and the pager works', async ({
  page,
  explorerUrl,
}) => {
  await openExplorer(page, explorerUrl);
  await signInAs(page, 'demo');
  await selectOperation(page, 'GET', '/api/v1/groups.list');
  const request = page.getByRole('region', { name: 'Request' });
  await expect(request.getByText('This endpoint takes no parameters')).toHaveCount(0);
  const count = request
    .getByRole('spinbutton', { name: 'count', exact: true })
    .or(request.getByRole('textbox', { name: 'count', exact: true }))
    .first();
  await count.fill('1');
  await send(page);
  const response = page.getByRole('region', { name: 'Response' });
  await expect(response.getByRole('status', { name: 'Status' })).toContainText('200');
  // The page size the form asked for is the one the pager shows.
  await expect(response.getByText(/Showing 1–1 of \d+/)).toBeVisible();
  await expect(response.getByRole('combobox', { name: 'Page size' })).toHaveValue('1');
});

test('opening the page reads the server once: one /api/info, one /api/docs/json, nothing more while idle', async ({
  page,
  explorerUrl,
}) => {
  // Every call toward the Rocket.Chat server goes through the proxy: count them on the wire.
  const calls: string[] = [];
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (url.pathname.startsWith('/proxy/')) calls.push(`${req.method()} ${url.pathname}`);
  });
  await openExplorer(page, explorerUrl);
  // Past the Server field's 400 ms typing pause, which the default server no longer waits for:
  // a read that fired twice (at once, then after the pause) would show here.
  await page.waitForTimeout(1500);
  expect(calls.sort()).toEqual(['GET /proxy/api/docs/json', 'GET /proxy/api/info']);
});
