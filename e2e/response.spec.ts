/**
 * The response viewer end to end: paging through a list, the Tree/Table/Raw/Headers views, a
 * cancelled request said in words, and failures explained in an alert (never a blank pane).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { selectOperation, send, signInAs } from './auth-helpers';
import { expectNoSeriousViolations } from './a11y-helpers';
import { expect, test, useStack } from './fixtures';

function param(page: Page, name: string) {
  const request = page.getByRole('region', { name: 'Request' });
  return request
    .getByRole('textbox', { name, exact: true })
    .or(request.getByRole('spinbutton', { name, exact: true }))
    .first();
}

/** A real local HTTP peer on a free port for failure cases the sandbox never produces. */
async function startPeer(
  handler: Parameters<typeof createServer>[1],
): Promise<{ url: string; server: Server }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/**
 * Real local peers for failures the sandbox never produces, as proxy targets (base paths of one
 * server): `/hung` accepts calls and never answers, `/html` answers 502 with an HTML page, and
 * `down` is a port nothing listens on. Started before the stack so the proxy may reach them.
 */
const peer = await startPeer((req, res) => {
  if (req.url?.startsWith('/hung/')) return; // never answers
  res.writeHead(502, { 'content-type': 'text/html', 'access-control-allow-origin': '*' });
  res.end(
    '<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1><img src=x onerror="window.__xss=1"></body></html>',
  );
});
peer.server.unref();
const closed = await startPeer(() => {});
await new Promise((resolve) => closed.server.close(resolve));
const peers = { hung: `${peer.url}/hung`, html: `${peer.url}/html`, down: closed.url };

// One stack for the file: a small seed, no rate limiter (paging is tested, not the limiter), a
// Max Record Amount of 20 so clamping shows with a small list, and the failure peers as targets.
useStack({
  sandboxEnv: { SANDBOX_SEED_USERS: '60', API_Enable_Rate_Limiter: 'false', API_Upper_Count_Limit: '20' },
  targets: [peers.hung, peers.html, peers.down],
  // The proxy gives up on a silent server after 5 s: long enough to press Cancel first.
  idleTimeoutMs: 5000,
});

/** Opens the explorer, signs in as demo and sends users.list with `params`; the Response region. */
async function listUsersAsDemo(page: Page, explorerUrl: string, params: Record<string, string>) {
  await page.goto(explorerUrl);
  await signInAs(page, 'demo', 'demo');
  await selectOperation(page, 'GET', '/api/v1/users.list');
  for (const [name, value] of Object.entries(params)) await param(page, name).fill(value);
  await send(page);
  return page.getByRole('region', { name: 'Response' });
}

test.describe('a list of users', () => {
  test('Next, Previous and First page update "Showing a–b of total" and leave the draft alone', async ({
    page,
    explorerUrl,
  }) => {
    const response = await listUsersAsDemo(page, explorerUrl, { count: '5', offset: '10' });
    const showing = response.getByText(/Showing \d+–\d+ of \d+/);
    await expect(showing).toHaveText(/Showing 11–15 of \d+/);
    const total = /of (\d+)/.exec((await showing.textContent()) ?? '')?.[1];

    await response.getByRole('button', { name: 'Next page' }).click();
    await expect(showing).toHaveText(`Showing 16–20 of ${total}`);
    // Paging sends the request on screen again; the draft being edited keeps what was typed.
    await expect(param(page, 'offset')).toHaveValue('10');
    await expect(response.getByText(/another page of an earlier request/)).toBeVisible();
    await response.getByRole('button', { name: 'Previous page' }).click();
    await expect(showing).toHaveText(`Showing 11–15 of ${total}`);
    await response.getByRole('button', { name: 'First page' }).click();
    await expect(showing).toHaveText(`Showing 1–5 of ${total}`);
    await expect(response.getByRole('button', { name: 'Previous page' })).toBeDisabled();
    await response.getByRole('button', { name: 'Last page' }).click();
    await expect(showing).toHaveText(new RegExp(`Showing \\d+–${total} of ${total}`));
    await expect(response.getByRole('button', { name: 'Next page' })).toBeDisabled();

    // Page size: 10 per page from the page holding the first item shown.
    await response.getByLabel('Page size').selectOption('10');
    await expect(showing).toHaveText(new RegExp(`Showing \\d+1–\\d+ of ${total}`));
    await expect(param(page, 'count')).toHaveValue('5');
  });

  test('a count above Max Record Amount is clamped and said so; count=0 is warned about', async ({
    page,
    explorerUrl,
  }) => {
    const response = await listUsersAsDemo(page, explorerUrl, { count: '50' });
    await expect(response.getByText(/Showing 1–20 of \d+/)).toBeVisible();
    await expect(response.getByRole('status').filter({ hasText: 'Max Record Amount' })).toContainText(
      'count=50',
    );
    // Paging follows what the server used (20), not what was asked.
    await response.getByRole('button', { name: 'Next page' }).click();
    await expect(response.getByText(/Showing 21–40 of \d+/)).toBeVisible();

    await param(page, 'count').fill('0');
    await expect(response.getByRole('note', { name: 'count=0 warning' })).toContainText(
      'count=0 asks for everything',
    );
  });

  test('the Table sorts the rows of this answer by a column, says the sort is local, and goes back', async ({
    page,
    explorerUrl,
  }) => {
    const response = await listUsersAsDemo(page, explorerUrl, { count: '20' });
    await expect(response.getByRole('status', { name: 'Status' })).toContainText('200 OK');
    await response.getByRole('tab', { name: 'Table' }).click();
    const table = response.getByRole('tabpanel').getByRole('table');
    await expect(table.getByRole('row')).toHaveCount(21);
    const header = table.getByRole('columnheader', { name: 'username' });
    const column = (await table.getByRole('columnheader').allTextContents()).findIndex((t) =>
      t.startsWith('username'),
    );
    const usernames = async () =>
      (await table.getByRole('row').allInnerTexts()).slice(1).map((row) => row.split('\t')[column]);
    const serverOrder = await usernames();
    expect(serverOrder).toHaveLength(20);

    await header.getByRole('button', { name: 'username' }).click();
    await expect(header).toHaveAttribute('aria-sort', 'ascending');
    await header.getByRole('button', { name: 'username' }).click();
    await expect(header).toHaveAttribute('aria-sort', 'descending');
    const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
    await expect.poll(usernames).toEqual([...serverOrder].sort((a, b) => collator.compare(b!, a!)));
    // Each row still says where it is in the answer.
    const firstRow = table.getByRole('row').nth(1);
    const descendingFirst = (await usernames())[0];
    await expect(firstRow.getByRole('cell').first()).toHaveText(String(serverOrder.indexOf(descendingFirst)));
    await expect(response.getByRole('status').filter({ hasText: 'Sorted here by username' })).toContainText(
      'the server sorts with the sort parameter',
    );

    await response.getByRole('button', { name: 'Server order' }).click();
    await expect(header).toHaveAttribute('aria-sort', 'none');
    await expect.poll(usernames).toEqual(serverOrder);
  });

  test('the tabs stay put while the Fetch all code is late: pager and Fetch all arrive together', async ({
    page,
    explorerUrl,
  }) => {
    // A loaded machine, made certain: the Fetch all chunk is held until the answer is on screen.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/assets\/FetchAll-[\w-]+\.js$/, async (route) => {
      await released;
      await route.continue();
    });
    const response = await listUsersAsDemo(page, explorerUrl, { count: '5' });
    await expect(response.getByRole('status', { name: 'Status' })).toContainText('200 OK');
    const tabs = response.getByRole('tablist', { name: 'Response views' });
    await expect(tabs).toBeVisible();
    await expect(response.getByRole('button', { name: 'Fetch all pages' })).toHaveCount(0);
    await expectNoSeriousViolations(page, 'an answer whose pager waits for the Fetch all code');
    const before = await tabs.boundingBox();

    release();
    await expect(response.getByRole('button', { name: 'Fetch all pages' })).toBeVisible();
    await expect(response.getByText(/Showing 1–5 of \d+/)).toBeVisible();
    // The held room is the pager's and Fetch all's to within a pixel or two (it is a fixed height);
    // without it, Fetch all arriving late pushed the tabs down by its whole row.
    expect(Math.abs((await tabs.boundingBox())!.y - before!.y)).toBeLessThan(3);
  });

  test('Tree, Table, Raw and Headers show the same answer; tree search, keyboard and copy path work', async ({
    page,
    context,
    explorerUrl,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const response = await listUsersAsDemo(page, explorerUrl, { count: '5' });
    await expect(response.getByRole('status', { name: 'Status' })).toContainText('200 OK');

    await response.getByRole('tab', { name: 'Raw' }).click();
    await expect(response.getByRole('tabpanel')).toContainText('"users": [');

    await response.getByRole('tab', { name: 'Headers' }).click();
    await expect(
      response.getByRole('tabpanel').getByRole('row', { name: /^content-type application\/json/ }),
    ).toBeVisible();

    await response.getByRole('tab', { name: 'Table' }).click();
    const table = response.getByRole('tabpanel').getByRole('table');
    await expect(table.getByRole('columnheader', { name: 'username' })).toBeVisible();
    await expect(table.getByRole('row')).toHaveCount(6);
    // Column picker: hide username.
    await response.getByText(/Columns \(\d+ of \d+\)/).click();
    await response.getByRole('checkbox', { name: 'username' }).uncheck();
    await expect(table.getByRole('columnheader', { name: 'username' })).toHaveCount(0);

    await response.getByRole('tab', { name: 'Tree' }).click();
    const tree = response.getByRole('tree', { name: 'Response tree' });
    await expect(tree.getByRole('treeitem').first()).toContainText('(root)');
    // Keyboard: down to users[0], open it, down to its _id.
    await tree.focus();
    await page.keyboard.press('ArrowDown'); // users
    await page.keyboard.press('ArrowDown'); // users[0]
    await expect(response.getByLabel('Selected path')).toHaveText('users[0]');
    await page.keyboard.press('ArrowRight');
    await expect(tree.getByRole('treeitem', { expanded: true })).toHaveCount(3); // root, users, users[0]
    await page.keyboard.press('ArrowDown');
    await expect(response.getByLabel('Selected path')).toHaveText('users[0]._id');
    await response.getByRole('button', { name: 'Copy path' }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('users[0]._id');
    await tree.focus(); // the Copy path button had the focus
    await page.keyboard.press('ArrowLeft'); // to the parent
    await expect(response.getByLabel('Selected path')).toHaveText('users[0]');

    // Search filters to matching keys/values and their ancestors.
    await response.getByRole('searchbox', { name: 'Search response' }).fill('total');
    await expect(response.getByText('1 matches')).toBeVisible();
    await expect(tree.getByRole('treeitem')).toHaveCount(2); // (root) and total
    await expect(tree.getByRole('treeitem').nth(1)).toContainText('total');
  });
});

test.describe('failures', () => {
  test('a cancelled request says so in words', async ({ page, explorerUrl }) => {
    await page.goto(explorerUrl);
    await page.getByLabel('Server', { exact: true }).fill(peers.hung);
    await selectOperation(page, 'GET', '/api/info');
    await send(page);
    const response = page.getByRole('region', { name: 'Response' });
    await expect(response.getByRole('status', { name: 'Status' })).toContainText('Sending');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(response.getByRole('status', { name: 'Status' })).toContainText('Cancelled');
    await expect(page.getByRole('button', { name: 'Cancel' })).toHaveCount(0);
  });

  test('a server that stops answering: the proxy timeout in an alert, never a blank pane', async ({
    page,
    explorerUrl,
  }) => {
    await page.goto(explorerUrl);
    await page.getByLabel('Server', { exact: true }).fill(peers.hung);
    await selectOperation(page, 'GET', '/api/info');
    await send(page);
    const response = page.getByRole('region', { name: 'Response' });
    await expect(response.getByRole('status', { name: 'Status' })).toContainText('504', { timeout: 15_000 });
    await expect(response.getByRole('alert').filter({ hasText: 'proxy could not complete' })).toContainText(
      'upstream-timeout',
    );
  });

  test('a server that is down, through the proxy: the proxy error in an alert', async ({
    page,
    explorerUrl,
  }) => {
    await page.goto(explorerUrl);
    await page.getByLabel('Server', { exact: true }).fill(peers.down);
    await selectOperation(page, 'GET', '/api/info');
    await send(page);
    const response = page.getByRole('region', { name: 'Response' });
    await expect(response.getByRole('status', { name: 'Status' })).toContainText('502');
    await expect(response.getByRole('alert').filter({ hasText: 'proxy could not complete' })).toContainText(
      'upstream-unreachable',
    );
  });

  test('a server that is down, called directly: cause and next step in an alert', async ({
    page,
    explorerUrl,
    pageErrors,
  }) => {
    pageErrors.allow(/ERR_CONNECTION_REFUSED|Failed to fetch/);
    await page.goto(explorerUrl);
    await page.getByLabel('Connection').selectOption({ label: 'Direct from browser' });
    await page.getByLabel('Server', { exact: true }).fill(peers.down);
    await selectOperation(page, 'GET', '/api/info');
    await send(page);
    const alert = page.getByRole('region', { name: 'Response' }).getByRole('alert');
    await expect(alert).toContainText('could not reach');
    await expect(alert).toContainText('proxy');
  });

  test('an HTML 502 error page: shown as text, never as HTML, explained in an alert', async ({
    page,
    explorerUrl,
  }) => {
    await page.goto(explorerUrl);
    await page.getByLabel('Server', { exact: true }).fill(peers.html);
    await selectOperation(page, 'GET', '/api/info');
    await send(page);
    const response = page.getByRole('region', { name: 'Response' });
    await expect(response.getByRole('status', { name: 'Status' })).toContainText('502');
    await expect(response.getByRole('alert').filter({ hasText: 'The server failed' })).toContainText(
      'server logs',
    );
    await expect(response.getByRole('alert').filter({ hasText: 'HTML page' })).toContainText('reverse proxy');
    await response.getByRole('tab', { name: 'Raw' }).click();
    await expect(response.getByRole('tabpanel')).toContainText('<h1>502 Bad Gateway</h1>');
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await response.getByRole('tab', { name: 'Tree' }).click();
    await expect(response.getByRole('tabpanel')).toContainText('not JSON');
  });
});
