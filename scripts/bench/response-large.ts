/**
 * Benchmark of the response viewer on a huge answer: `users.list?count=0` against a sandbox seeded
 * with 100,000 users (over 40 MB of JSON), in headless Chromium, through the explorer server and
 * the production build.
 *
 * Budgets (issue 6): first rows visible within 2 s after the last byte; no main-thread task over
 * 200 ms while parsing or scrolling; memory at most 4x the body size.
 *
 * Usage:
 *   npx tsx scripts/bench/response-large.ts                 # starts its own sandbox (100,000 users) + explorer
 *   npx tsx scripts/bench/response-large.ts --users 20000
 *   npx tsx scripts/bench/response-large.ts --explorer http://127.0.0.1:4000 --server http://127.0.0.1:4100
 *   options: --user admin --password admin (sign in through the UI; --no-auth to skip), --json (figures as JSON),
 *            --trace /tmp/trace.json (the Chromium trace of the run, for DevTools' Performance panel)
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type CDPSession, type Page } from '@playwright/test';
import { REPO_ROOT, buildIfStale } from '../lib/build-if-stale';
import { SANDBOX_READY, startChild, type Child } from '../lib/children';
import { startExplorerServer } from '../../src/server/server';

const { values } = parseArgs({
  options: {
    explorer: { type: 'string' },
    server: { type: 'string' },
    users: { type: 'string', default: '100000' },
    user: { type: 'string', default: 'admin' },
    password: { type: 'string', default: 'admin' },
    'no-auth': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    trace: { type: 'string' },
    chromium: { type: 'string', default: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' },
  },
});

const BUDGET = { firstRowsMs: 2000, longTaskMs: 200, memoryFactor: 4 };

function log(message: string) {
  if (!values.json) console.log(message);
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

interface LongTask {
  start: number;
  duration: number;
}

/** Installed before the app loads: records main-thread long tasks (> 50 ms) with their times. */
const LONG_TASK_RECORDER = `
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
`;

async function longTasksSince(page: Page, since: number): Promise<LongTask[]> {
  return page.evaluate(
    (t) =>
      ((window as unknown as { __longTasks: LongTask[] }).__longTasks ?? []).filter(
        (task) => task.start >= t,
      ),
    since,
  );
}

async function pageNow(page: Page): Promise<number> {
  return page.evaluate(() => performance.now());
}

/**
 * In-page helpers, installed as plain text: functions passed to page.evaluate from a tsx script
 * get esbuild's `__name` wrappers, which do not exist in the page.
 */
const PAGE_HELPERS = `
  window.__waitFor = (selector, pattern, timeoutMs) => new Promise((resolve, reject) => {
    const re = new RegExp(pattern);
    const started = performance.now();
    const check = () => {
      const hit = [...document.querySelectorAll(selector)].some((el) => re.test(el.textContent || ''));
      if (hit) resolve(performance.now());
      else if (performance.now() - started > timeoutMs) reject(new Error('timeout waiting for ' + selector + ' ~ ' + pattern));
      else requestAnimationFrame(check);
    };
    check();
  });
  window.__scrollThrough = (selector, steps) => new Promise((resolve) => {
    const el = document.querySelector(selector);
    if (!el) return resolve();
    let i = 0;
    const frame = () => {
      i++;
      const fraction = i <= steps ? i / steps : (2 * steps - i) / steps;
      el.scrollTop = fraction * (el.scrollHeight - el.clientHeight);
      if (i < 2 * steps) requestAnimationFrame(frame); else resolve();
    };
    requestAnimationFrame(frame);
  });
`;

/** Resolves (in page time) when `selector` matches an element whose text matches `pattern`. */
async function waitInPage(
  page: Page,
  selector: string,
  pattern: string,
  timeoutMs = 120_000,
): Promise<number> {
  return page.evaluate(
    `window.__waitFor(${JSON.stringify(selector)}, ${JSON.stringify(pattern)}, ${timeoutMs})`,
  ) as Promise<number>;
}

/** Scrolls an element from top to bottom in `steps` jumps, one per animation frame, and back up. */
async function scrollThrough(page: Page, selector: string, steps = 60): Promise<void> {
  await page.evaluate(`window.__scrollThrough(${JSON.stringify(selector)}, ${steps})`);
  // Let the last rows arrive from the worker.
  await page.waitForTimeout(300);
}

/**
 * JS heap of the page (main thread) and of the parsing worker, after a garbage collection, read
 * over the DevTools protocol. The worker is reached through the browser session
 * (Target.attachToTarget + sendMessageToTarget), which Playwright does not wrap for workers.
 */
async function heapFigures(
  page: Page,
  browserSession: CDPSession,
): Promise<{ mainHeap: number; workerHeap: number | null }> {
  const pageSession = await page.context().newCDPSession(page);
  await pageSession.send('HeapProfiler.collectGarbage');
  const main = (await pageSession.send('Runtime.getHeapUsage')) as { usedSize: number };
  await pageSession.detach();

  const { targetInfos } = (await browserSession.send('Target.getTargets')) as {
    targetInfos: Array<{ targetId: string; type: string; url: string }>;
  };
  const worker = targetInfos.find((t) => t.type === 'worker' && t.url.includes('parse.worker'));
  if (!worker) return { mainHeap: main.usedSize, workerHeap: null };
  const { sessionId } = (await browserSession.send('Target.attachToTarget', {
    targetId: worker.targetId,
    flatten: false,
  })) as {
    sessionId: string;
  };
  let nextId = 1;
  const call = (method: string) =>
    new Promise<Record<string, unknown>>((resolve) => {
      const id = nextId++;
      const onMessage = (event: { sessionId: string; message: string }) => {
        const message = JSON.parse(event.message) as { id?: number; result?: Record<string, unknown> };
        if (event.sessionId !== sessionId || message.id !== id) return;
        browserSession.off('Target.receivedMessageFromTarget', onMessage);
        resolve(message.result ?? {});
      };
      browserSession.on('Target.receivedMessageFromTarget', onMessage);
      void browserSession.send('Target.sendMessageToTarget', {
        sessionId,
        message: JSON.stringify({ id, method }),
      });
    });
  await call('HeapProfiler.collectGarbage');
  const workerHeap = (await call('Runtime.getHeapUsage')).usedSize as number;
  await browserSession.send('Target.detachFromTarget', { sessionId });
  return { mainHeap: main.usedSize, workerHeap };
}

async function main() {
  let sandbox: Child | null = null;
  let explorer: { url: string; close(): Promise<void> } | null = null;
  let explorerUrl = values.explorer;
  let serverUrl = values.server;
  if (!explorerUrl) {
    log('Building dist/ if stale...');
    await buildIfStale();
    log(`Starting a sandbox with ${values.users} users (seeding takes a while)...`);
    sandbox = startChild({
      name: 'sandbox',
      entry: 'src/sandbox/main.ts',
      env: { ...process.env, SANDBOX_HOST: '127.0.0.1', SANDBOX_PORT: '0', SANDBOX_SEED_USERS: values.users },
      readyPattern: SANDBOX_READY,
      echo: false,
    });
    serverUrl = await sandbox.ready;
    explorer = await startExplorerServer({
      port: 0,
      sandboxUrl: serverUrl,
      targets: [],
      staticRoot: path.join(REPO_ROOT, 'dist'),
    });
    explorerUrl = explorer.url;
  }
  const browser = await chromium.launch({
    executablePath: values.chromium,
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-gpu',
    ],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await context.addInitScript({ content: LONG_TASK_RECORDER + PAGE_HELPERS });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(explorerUrl);
    await page.getByRole('region', { name: 'Response' }).waitFor();
    if (serverUrl)
      await page
        .getByRole('combobox', { name: 'Server' })
        .or(page.getByRole('textbox', { name: 'Server' }))
        .first()
        .fill(serverUrl);

    if (!values['no-auth']) {
      const auth = page
        .getByRole('region', { name: 'Authentication' })
        .or(page.getByRole('dialog', { name: 'Authentication' }));
      await auth.getByLabel('Username or email').fill(values.user!);
      await auth.getByLabel('Password').fill(values.password!);
      await auth.getByRole('button', { name: 'Sign in' }).click();
      await page
        .getByRole('status', { name: /Signed in as/ })
        .or(page.getByText(/Signed in as/))
        .first()
        .waitFor();
    }

    // Select users.list with count=0 (everything in one response).
    await page.getByRole('searchbox', { name: 'Search endpoints' }).fill('users.list');
    const op = 'GET /api/v1/users.list';
    await page
      .getByRole('option', { name: op })
      .or(page.getByRole('button', { name: op }))
      .first()
      .click();
    await page.getByRole('region', { name: 'Request' }).getByLabel('count', { exact: true }).fill('0');

    // Let the page settle (the lazily loaded editors start after first paint) so only the
    // response's own work is measured.
    await page.waitForTimeout(3000);
    const browserSession = await browser.newBrowserCDPSession();
    const before = await heapFigures(page, browserSession);
    // A trace as well: on a busy machine a task's wall time includes time the thread waited for a
    // CPU; the trace's thread time (tdur) is the work itself.
    await browser.startTracing(page, {
      categories: ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline'],
    });
    const sendAt = await pageNow(page);
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    // Default tab is Raw: first rows = the first display rows of the body.
    const firstRawRowAt = await waitInPage(page, '.raw-row', '\\S');
    // Parsed in the worker: the paging line appears with the summary (Tree and Table are ready then).
    const parsedAt = await waitInPage(page, '.showing', 'Showing');
    const resource = await page.evaluate(() => {
      const entries = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
      const entry = entries.filter((e) => e.name.includes('users.list')).pop();
      return entry
        ? { responseEnd: entry.responseEnd, responseStart: entry.responseStart, size: entry.decodedBodySize }
        : null;
    });
    const status = await page.getByRole('status', { name: 'Status' }).textContent();
    const lastByteAt = resource?.responseEnd ?? firstRawRowAt;
    const bodyBytes = resource?.size ?? 0;
    const parseTasks = await longTasksSince(page, sendAt);

    // Table tab: 100,000 rows, virtualized.
    const tableClickAt = await pageNow(page);
    await page.getByRole('tab', { name: 'Table' }).click();
    const tableRowsAt = await waitInPage(page, '.data-table tbody td:not(.row-number)', '\\w');
    const scrollStart = await pageNow(page);
    await scrollThrough(page, '.table-scroll');
    // Tree tab: open root and users (100,000 children), scroll, then search in the worker.
    const treeClickAt = await pageNow(page);
    await page.getByRole('tab', { name: 'Tree' }).click();
    const treeRowsAt = await waitInPage(page, '[role=treeitem]', 'users');
    await scrollThrough(page, '.tree-scroll');
    const searchAt = await pageNow(page);
    await page.getByRole('searchbox', { name: 'Search response' }).fill('user99999');
    const searchDoneAt = await waitInPage(page, '.tree-view [role=status]', 'match');
    const scrollTasks = await longTasksSince(page, scrollStart);
    const traceText = (await browser.stopTracing()).toString();
    // The whole trace, for finding what a long task did (load it in DevTools' Performance panel).
    if (values.trace) writeFileSync(values.trace, traceText);
    const trace = JSON.parse(traceText) as {
      traceEvents: Array<{
        name: string;
        ph: string;
        tid: number;
        dur?: number;
        tdur?: number;
        args?: { name?: string };
      }>;
    };
    const mainTids = new Set(
      trace.traceEvents
        .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
        .map((e) => e.tid),
    );
    const mainTasks = trace.traceEvents.filter(
      (e) => e.ph === 'X' && e.name === 'RunTask' && mainTids.has(e.tid),
    );
    const longestCpuMs = Math.round(mainTasks.reduce((m, e) => Math.max(m, e.tdur ?? 0), 0) / 1000);
    const longestWallMs = Math.round(mainTasks.reduce((m, e) => Math.max(m, e.dur ?? 0), 0) / 1000);
    const after = await heapFigures(page, browserSession);

    const maxTask = (tasks: LongTask[]) => tasks.reduce((m, t) => Math.max(m, t.duration), 0);
    const heapDelta = after.mainHeap - before.mainHeap + (after.workerHeap ?? 0) - (before.workerHeap ?? 0);
    const figures = {
      users: Number(values.users),
      status: status?.trim().split('·')[0]?.trim(),
      bodyBytes,
      ttfbMs: resource ? Math.round(resource.responseStart - sendAt) : null,
      downloadMs: Math.round(lastByteAt - sendAt),
      firstRowsAfterLastByteMs: Math.round(firstRawRowAt - lastByteAt),
      parsedAfterLastByteMs: Math.round(parsedAt - lastByteAt),
      tableRowsAfterClickMs: Math.round(tableRowsAt - tableClickAt),
      treeRowsAfterClickMs: Math.round(treeRowsAt - treeClickAt),
      searchMs: Math.round(searchDoneAt - searchAt),
      longestTaskParsingMs: Math.round(maxTask(parseTasks)),
      longTasksParsing: parseTasks.map((t) => Math.round(t.duration)),
      longestTaskScrollingMs: Math.round(maxTask(scrollTasks)),
      longestTaskCpuMs: longestCpuMs,
      longestTaskWallMsInTrace: longestWallMs,
      loadAverage: (await import('node:os')).loadavg().map((n) => Number(n.toFixed(1))),
      longTasksScrolling: scrollTasks.map((t) => Math.round(t.duration)),
      mainHeapBefore: before.mainHeap,
      mainHeapAfter: after.mainHeap,
      workerHeapAfter: after.workerHeap,
      heapGrowth: heapDelta,
      heapGrowthPerBodyByte: bodyBytes > 0 ? Number((heapDelta / bodyBytes).toFixed(2)) : null,
      pageErrors: errors,
    };
    const ok = {
      firstRows: figures.firstRowsAfterLastByteMs <= BUDGET.firstRowsMs,
      longTasks: Math.max(figures.longestTaskParsingMs, figures.longestTaskScrollingMs) <= BUDGET.longTaskMs,
      memory: figures.heapGrowthPerBodyByte !== null && figures.heapGrowthPerBodyByte <= BUDGET.memoryFactor,
    };
    if (values.json) {
      console.log(JSON.stringify({ figures, budgets: BUDGET, ok }, null, 2));
    } else {
      log('');
      log(`users.list?count=0 with ${figures.users} users: ${figures.status}, body ${mb(bodyBytes)}`);
      log(`  download (send -> last byte)        ${figures.downloadMs} ms (first byte ${figures.ttfbMs} ms)`);
      log(
        `  first rows after last byte (Raw)     ${figures.firstRowsAfterLastByteMs} ms   budget ${BUDGET.firstRowsMs} ms  ${ok.firstRows ? 'OK' : 'OVER'}`,
      );
      log(
        `  parsed, Tree/Table ready after last byte ${figures.parsedAfterLastByteMs} ms   budget ${BUDGET.firstRowsMs} ms  ${figures.parsedAfterLastByteMs <= BUDGET.firstRowsMs ? 'OK' : 'OVER'}`,
      );
      log(`  Table rows after tab click           ${figures.tableRowsAfterClickMs} ms`);
      log(`  Tree rows after tab click            ${figures.treeRowsAfterClickMs} ms`);
      log(`  search "user99999" (worker)          ${figures.searchMs} ms`);
      log(
        `  longest main-thread task, parsing    ${figures.longestTaskParsingMs} ms  [${figures.longTasksParsing.join(', ')}]`,
      );
      log(
        `  longest main-thread task, scrolling  ${figures.longestTaskScrollingMs} ms  [${figures.longTasksScrolling.join(', ')}]`,
      );
      log(`  long-task budget ${BUDGET.longTaskMs} ms (wall, longtask API): ${ok.longTasks ? 'OK' : 'OVER'}`);
      log(
        `  longest main-thread task in the trace: ${figures.longestTaskCpuMs} ms of CPU (thread time), ${figures.longestTaskWallMsInTrace} ms wall`,
      );
      log(
        `  machine load average ${figures.loadAverage.join(' / ')} (wall times above include waiting for a CPU)`,
      );
      log(
        `  JS heap: main ${mb(before.mainHeap)} -> ${mb(after.mainHeap)}, worker ${after.workerHeap === null ? 'n/a' : mb(after.workerHeap)}`,
      );
      log(
        `  heap growth ${mb(heapDelta)} = ${figures.heapGrowthPerBodyByte}x the body   budget ${BUDGET.memoryFactor}x  ${ok.memory ? 'OK' : 'OVER'}`,
      );
      if (errors.length) log(`  page errors: ${errors.join(' | ')}`);
    }
    await context.close();
  } finally {
    await browser.close();
    await explorer?.close();
    await sandbox?.stop();
  }
}

await main();
