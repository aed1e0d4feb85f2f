/**
 * Benchmark of the first screen: `npx tsx scripts/bench/first-load.ts`.
 *
 * 1. First-load bytes: JS + CSS the browser needs before the first paint, gzipped
 *    (scripts/lib/first-load.ts). Budget 120 KB.
 * 2. Time to a usable catalog: from navigation start to the first endpoint row on screen and
 *    enabled (the boot shell's static rows count: they are links that work before the scripts), in Chromium, production build served by the explorer server (precompressed files),
 *    with the sandbox as the server. Budget 0.35 s. Swagger UI (swagger-ui-dist) is measured the
 *    same way on the same machine in the same run, fed the same bundled catalog as OpenAPI, until
 *    its first operation row is on screen. 3. Click answered: that first row clicked as soon as it
 *    is usable, until the operation is open (our Request pane shows it; Swagger UI's operation is
 *    expanded): what "usable" is worth before the app has run. Five rounds each, fresh browser context (cold cache),
 *    after one load of each not counted (browser start-up), median reported. Timings depend on the machine: run it on a quiet one.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { loadBundledCatalog, type Operation } from '../../src/core/catalog';
import { startExplorerServer } from '../../src/server/server';
import { chromiumArgs, findChromium } from '../../e2e/browser';
import { buildIfStale, REPO_ROOT } from '../lib/build-if-stale';
import { SANDBOX_READY, startChild } from '../lib/children';
import { FIRST_LOAD_BUDGET_BYTES, firstLoadFiles } from '../lib/first-load';
import { gzipSize } from '../lib/monaco-assets';

const ROUNDS = 5;
/**
 * Loads of each page made and not counted before the rounds: the first context of a freshly launched
 * Chromium pays for starting its renderer and GPU processes (0.39-0.41 s against 0.16-0.25 s for
 * the next ones here), which a person's running browser has already paid.
 */
const WARM_UP_LOADS = 1;
const CATALOG_BUDGET_MS = 350;
const kb = (n: number): string => `${(n / 1000).toFixed(1)} KB`;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

function reportBytes(dist: string): void {
  const html = readFileSync(path.join(dist, 'index.html'));
  console.log(
    `  index.html (with the boot shell's rows) ${kb(html.length)} raw ${kb(gzipSize(html))} gzip, not in the JS + CSS figure`,
  );
  const files = firstLoadFiles(dist);
  const total = files.reduce((sum, f) => sum + f.gzip, 0);
  for (const f of [...files].sort((a, b) => b.gzip - a.gzip))
    console.log(`  ${f.file.padEnd(44)} ${kb(f.raw).padStart(10)} raw ${kb(f.gzip).padStart(9)} gzip`);
  console.log(
    `First load (JS + CSS before first paint): ${kb(total)} gzipped in ${files.length} files -> ` +
      `${total <= FIRST_LOAD_BUDGET_BYTES ? 'within' : 'OVER'} the ${kb(FIRST_LOAD_BUDGET_BYTES)} budget`,
  );
}

/** The bundled catalog as an OpenAPI 3 document, for Swagger UI. */
function toOpenApi(operations: readonly Operation[]): string {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const p = op.path.replace(/:(\w+)/g, '{$1}');
    const parameters = op.pathParams.map((name) => ({
      name,
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    const schema = op.paramsSchema as { properties?: Record<string, unknown> } | undefined;
    const operation: Record<string, unknown> = { summary: op.summary, tags: [op.group], parameters };
    if (op.paramsIn === 'query')
      for (const [name, s] of Object.entries(schema?.properties ?? {}))
        parameters.push({ name, in: 'query', required: false, schema: s as { type: string } });
    else if (schema !== undefined) operation.requestBody = { content: { 'application/json': { schema } } };
    (paths[p] ??= {})[op.method.toLowerCase()] = operation;
  }
  return JSON.stringify({ openapi: '3.0.3', info: { title: 'Rocket.Chat REST API', version: '8' }, paths });
}

/** A static server for Swagger UI: its dist files, an initializer, and the document. */
async function startSwaggerUi(document: string): Promise<{ url: string; close: () => void }> {
  const root = path.join(REPO_ROOT, 'node_modules', 'swagger-ui-dist');
  const page = `<!doctype html><html><head><meta charset="utf-8"><title>Swagger UI</title>
<link rel="stylesheet" href="/swagger-ui.css"></head><body><div id="swagger-ui"></div>
<script src="/swagger-ui-bundle.js"></script><script src="/init.js"></script></body></html>`;
  const init = `window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui' });`;
  const types: Record<string, string> = {
    '.js': 'text/javascript',
    '.css': 'text/css',
    '.json': 'application/json',
  };
  const server = http.createServer((req, res) => {
    const name = (req.url ?? '/').split('?')[0]!;
    let body: string | Buffer;
    if (name === '/') body = page;
    else if (name === '/init.js') body = init;
    else if (name === '/openapi.json') body = document;
    else if (/^\/[\w.-]+\.(js|css)$/.test(name)) body = readFileSync(path.join(root, name));
    else return void res.writeHead(404).end();
    res
      .writeHead(200, {
        'Content-Type': name === '/' ? 'text/html' : (types[path.extname(name)] ?? 'text/plain'),
      })
      .end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

interface FirstLoad {
  /** ms from navigation start until the first row is on screen and enabled. */
  usable: number;
  /** ms from navigation start until a click on that row, made as soon as it was usable, was answered. */
  answered: number;
}

/**
 * One cold load: waits until `selector` matches an enabled element with a box on screen (usable),
 * clicks it at once, and waits until `answered(label)` gives a time for the label the row had. Mouse
 * clicks at the row's place (no Playwright actionability waits): what a person would do.
 */
async function firstLoad(
  browser: Browser,
  url: string,
  selector: string,
  /** Runs in the page: the time (performance.now()) once the click was answered, else false. */
  answered: (label: string) => number | false,
): Promise<FirstLoad> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'commit' });
    // Functions (the page's CSP forbids evaluating strings), with no inner helpers: tsx would
    // wrap them in `__name`, unknown in the page.
    const handle = await page.waitForFunction(
      (sel: string) => {
        const el = document.querySelector(sel);
        if (!el || el.closest('[aria-disabled="true"],[disabled]')) return false;
        const r = el.getBoundingClientRect();
        if (!(r.width > 0 && r.height > 0 && r.top < innerHeight)) return false;
        const label = el.getAttribute('aria-label') ?? el.textContent ?? '';
        return { at: performance.now(), x: r.left + r.width / 2, y: r.top + r.height / 2, label };
      },
      selector,
      { polling: 'raf', timeout: 30_000 },
    );
    const row = (await handle.jsonValue()) as { at: number; x: number; y: number; label: string };
    await page.mouse.click(row.x, row.y);
    const done = await page.waitForFunction(answered, row.label, { polling: 'raf', timeout: 30_000 });
    return { usable: row.at, answered: (await done.jsonValue()) as number };
  } finally {
    await context.close();
  }
}

const dist = path.join(REPO_ROOT, 'dist');
await buildIfStale();
reportBytes(dist);

const sandbox = startChild({
  name: 'sandbox',
  entry: 'src/sandbox/main.ts',
  env: { ...process.env, SANDBOX_PORT: '0', SANDBOX_SEED_USERS: '200' },
  readyPattern: SANDBOX_READY,
  echo: false,
});
const sandboxUrl = await sandbox.ready;
const explorer = await startExplorerServer({ port: 0, sandboxUrl, targets: [], staticRoot: dist });
const { operations } = await loadBundledCatalog();
const swagger = await startSwaggerUi(toOpenApi(operations));
const browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs() });
try {
  const loadOurs = (): Promise<FirstLoad> =>
    firstLoad(browser, explorer.url, '[role="option"]', (label) => {
      // Opened: React's Request pane (the boot shell has none) shows the clicked operation.
      const pane = document.querySelector('#root section[aria-label="Request"]');
      const path = label.slice(label.indexOf(' ') + 1);
      return pane !== null && (pane.textContent ?? '').includes(path) ? performance.now() : false;
    });
  const loadTheirs = (): Promise<FirstLoad> =>
    firstLoad(browser, swagger.url, '.opblock-summary', () =>
      document.querySelector('.opblock.is-open .opblock-body') !== null ? performance.now() : false,
    );
  for (let i = 0; i < WARM_UP_LOADS; i++) {
    await loadOurs();
    await loadTheirs();
  }
  const ours: FirstLoad[] = [];
  const theirs: FirstLoad[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    ours.push(await loadOurs());
    theirs.push(await loadTheirs());
  }
  const fmt = (xs: number[]): string =>
    `${(median(xs) / 1000).toFixed(2)} s (rounds ${xs.map((x) => (x / 1000).toFixed(2)).join(', ')})`;
  const usable = (runs: FirstLoad[]): number[] => runs.map((r) => r.usable);
  const answered = (runs: FirstLoad[]): number[] => runs.map((r) => r.answered);
  console.log(
    `Usable catalog, ${operations.length} operations, median of ${ROUNDS} cold loads (fresh context each, after ${WARM_UP_LOADS} not counted):`,
  );
  console.log(
    `  this explorer  ${fmt(usable(ours))} -> ${median(usable(ours)) <= CATALOG_BUDGET_MS ? 'within' : 'OVER'} the ${CATALOG_BUDGET_MS / 1000} s budget`,
  );
  console.log(
    `  Swagger UI     ${fmt(usable(theirs))}  (swagger-ui-dist, same document, same machine, same run)`,
  );
  console.log(`  ratio          ${(median(usable(theirs)) / median(usable(ours))).toFixed(1)}x`);
  // The rows are usable before the app runs (boot shell): a click then is answered once it does.
  console.log(
    'Click answered (first row clicked as soon as usable -> that operation open), from navigation:',
  );
  console.log(`  this explorer  ${fmt(answered(ours))}`);
  console.log(`  Swagger UI     ${fmt(answered(theirs))}  (its first operation expanded)`);
  console.log(
    `(load average ${loadavg()[0]?.toFixed(1)} on ${cpus().length} CPUs: timings inflate on a busy machine)`,
  );
} finally {
  await browser.close();
  swagger.close();
  await explorer.close();
  await sandbox.stop();
}
