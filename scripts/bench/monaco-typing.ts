/**
 * Monaco budgets, measured on the production build served by the explorer server (strict CSP):
 * `npx tsx scripts/bench/monaco-typing.ts` (builds dist/ first when it is stale).
 *
 * 1. Size: gzip size of every file Monaco brings (the lazy editor chunk and its CSS, our language
 *    chunk, the JSON worker, the codicon font), read from dist/assets. Budget:
 *    1.1 MB gzipped. Also lists what the browser actually fetched for Monaco in a real session.
 * 2. Usable before Monaco: with Monaco's chunk held back by the test, the catalog is searched, an
 *    operation selected, `query` typed into the fallback textarea and Send answered.
 * 3. Typing in a 5,000-line Body document: 200 keystrokes one at a time in the middle of the
 *    document, three times: plain (keydown -> the frame after it, i.e. rAF + a message posted from
 *    it, after the paint; and long tasks), under a Chromium trace (the main thread's work per
 *    keystroke, see keystroke-work.ts) and under the sampling profiler (whose code it is). The same
 *    keystrokes into a bare <textarea> first, as the floor of both figures.
 *    Budget: each keystroke's work within a frame (16.7 ms), and no long task.
 *
 * Not a test: timings depend on the machine; run it on a quiet one.
 */
import { loadavg } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { expectHover } from '../../e2e/editors-helpers';
import { REPO_ROOT, buildIfStale } from '../lib/build-if-stale';
import { MONACO_BUDGET_BYTES, MONACO_FILE, monacoAssetSizes, totalGzip } from '../lib/monaco-assets';
import { installKeystrokeProbe, mainThreadWorkPerKeystroke, takeKeystrokes } from './keystroke-work';
import { launchChromium, startMonacoStack } from './monaco-stack';

const KEYSTROKES = 200;
const FRAME_MS = 16.7;
const LINES = 5000;

function kb(bytes: number): string {
  return `${(bytes / 1000).toFixed(1)} kB`;
}

function sizes(): { files: Array<{ name: string; raw: number; gzip: number }>; total: number } {
  const files = monacoAssetSizes(path.join(REPO_ROOT, 'dist'));
  return { files, total: totalGzip(files) };
}

async function selectOperation(page: Page, method: string, operationPath: string): Promise<void> {
  await page.getByRole('searchbox', { name: 'Search endpoints' }).fill(operationPath);
  await page.getByRole('option', { name: `${method} ${operationPath}`, exact: true }).click();
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** 200 keystrokes, 30 ms apart ('x', and a Backspace every tenth), into whatever has focus. */
async function typeKeysInto(page: Page): Promise<void> {
  for (let i = 0; i < KEYSTROKES; i++) {
    await page.keyboard.press(i % 10 === 9 ? 'Backspace' : 'x');
    await page.waitForTimeout(30);
  }
  await page.waitForTimeout(500);
}

/**
 * Two passes of typing: plain (keydown -> next frame, long tasks), then under a trace (each
 * keystroke's main-thread work). Values sorted ascending.
 */
async function measureTyping(
  browser: Browser,
  page: Page,
): Promise<{ latency: number[]; work: number[]; long: number[] }> {
  await installKeystrokeProbe(page);
  await typeKeysInto(page);
  const { windows, long } = await takeKeystrokes(page);
  const latency = windows.map((w) => w.end - w.start).sort((a, b) => a - b);
  const work = (await mainThreadWorkPerKeystroke(browser, page, () => typeKeysInto(page))).sort(
    (a, b) => a - b,
  );
  return { latency, work, long };
}

function summary(values: number[]): string {
  const over = values.filter((v) => v > FRAME_MS).length;
  return `median ${percentile(values, 50).toFixed(1)} ms, p95 ${percentile(values, 95).toFixed(1)} ms, max ${(values[values.length - 1] ?? NaN).toFixed(1)} ms; ${over} of ${values.length} over ${FRAME_MS} ms`;
}

/**
 * The same typing into a bare <textarea> in the same browser: the floor of both figures. Its
 * keydown -> next frame p95 is itself about a frame, because a keystroke waits for the display's
 * next frame however little it costs.
 */
async function referenceTextarea(browser: Browser): Promise<void> {
  const page = await browser.newPage();
  await page.setContent('<textarea aria-label="reference" rows="20" cols="80"></textarea>');
  await page.getByRole('textbox', { name: 'reference' }).focus();
  const { latency, work } = await measureTyping(browser, page);
  console.log('\n3. Reference: the same keystrokes into a bare <textarea> in the same browser:');
  console.log(`   main-thread work per keystroke (trace): ${summary(work)}`);
  console.log(`   keydown -> next frame: ${summary(latency)}`);
  await page.close();
}

/** A 5,000-line JSON document (one property per line). */
function bigDocument(): string {
  const lines = ['{', '  "items": ['];
  for (let i = 0; i < LINES - 4; i++)
    lines.push(`    {"id": ${i}, "name": "item-${i}", "tags": ["a", "b"]}${i < LINES - 5 ? ',' : ''}`);
  lines.push('  ]', '}');
  return lines.join('\n');
}

async function main(): Promise<void> {
  await buildIfStale();
  const size = sizes();
  console.log('\n1. Monaco files in dist/assets (gzip -9):');
  for (const f of size.files)
    console.log(`   ${f.name.padEnd(36)} ${kb(f.raw).padStart(10)} raw  ${kb(f.gzip).padStart(9)} gzip`);
  console.log(
    `   all Monaco files emitted: ${kb(size.total)} gzipped (budget ${kb(MONACO_BUDGET_BYTES)}: ${size.total <= MONACO_BUDGET_BYTES ? 'within' : 'OVER'})`,
  );

  const stack = await startMonacoStack({ API_Enable_Rate_Limiter: 'false', SANDBOX_SEED_USERS: '200' });
  const browser = await launchChromium();
  try {
    // 2. Usable before Monaco arrives.
    {
      const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      await page.route('**/assets/monaco-entry-*.js', async (route) => {
        await held;
        await route.continue();
      });
      const started = Date.now();
      await page.goto(stack.explorerUrl);
      await selectOperation(page, 'GET', '/api/v1/users.list');
      const query = page.getByRole('textbox', { name: 'query', exact: true });
      const tag = await query.evaluate((el) => el.tagName);
      await query.fill('{"username": "admin"}');
      await page.getByRole('button', { name: 'Send', exact: true }).click();
      const status = page.getByRole('region', { name: 'Response' }).getByRole('status', { name: 'Status' });
      await status.filter({ hasText: /\d{3}/ }).waitFor();
      console.log(
        `\n2. Before Monaco: catalog searched, operation selected, query typed into a <${tag.toLowerCase()}>, Send answered "${(await status.textContent())?.trim()}" in ${Date.now() - started} ms (Monaco still held back).`,
      );
      release();
      await page.close();
    }

    // 3. Typing in a 5,000-line document, and what the browser fetched for Monaco.
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const page = await context.newPage();
    const fetched = new Map<string, number>();
    page.on('response', async (response) => {
      const name = new URL(response.url()).pathname.split('/').pop() ?? '';
      if (MONACO_FILE.test(name))
        fetched.set(name, (await response.body().catch(() => Buffer.alloc(0))).length);
    });
    const typing = async (operationPath: string, note: string): Promise<void> => {
      await page.goto(stack.explorerUrl);
      await selectOperation(page, 'POST', operationPath);
      const body = page.getByRole('textbox', { name: 'Body', exact: true });
      await page.waitForFunction(
        () => document.querySelector('[data-editor="body"] [aria-roledescription="editor"]') !== null,
      );
      await body.focus();
      // Pasted (one edit), as a person would bring a large document; typed insertion would be one
      // edit per character through the browser's EditContext.
      await page.evaluate((text) => navigator.clipboard.writeText(text), bigDocument());
      await page.keyboard.press('ControlOrMeta+V');
      await page.waitForFunction(
        (lines) =>
          document.querySelector('[data-editor="body"] .monaco-scrollable-element')!.scrollHeight >
          lines * 10,
        LINES,
      );
      await page.waitForTimeout(1500); // let the JSON worker validate the document once
      // Cursor to the middle of the document, inside a string.
      await page.keyboard.press('ControlOrMeta+Home');
      for (let i = 0; i < 10; i++) await page.keyboard.press('PageDown');
      await page.keyboard.press('End');
      for (let i = 0; i < 12; i++) await page.keyboard.press('ArrowLeft');
      // Warm-up keystrokes (JIT, first worker round trips), not measured.
      for (let i = 0; i < 20; i++) {
        await page.keyboard.press(i % 2 ? 'Backspace' : 'x');
        await page.waitForTimeout(30);
      }
      await page.waitForTimeout(600);
      const { latency, work, long } = await measureTyping(browser, page);
      const typeKeys = () => typeKeysInto(page);
      // Pass 3, under the sampling profiler: whose code that work is (per script file).
      const cdp = await context.newCDPSession(page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
      await cdp.send('Profiler.start');
      await typeKeys();
      const { profile } = await cdp.send('Profiler.stop');
      await cdp.detach();
      const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
      const perFile = new Map<string, number>();
      (profile.samples ?? []).forEach((id, i) => {
        const url = nodes.get(id)?.callFrame.url ?? '';
        const file =
          url === ''
            ? '(browser: layout, paint, GC, idle)'
            : (url.split('/').pop() ?? url).replace(/-[\w-]{8}\.js$/, '.js');
        perFile.set(file, (perFile.get(file) ?? 0) + (profile.timeDeltas?.[i] ?? 0) / 1000);
      });
      const cursorLine = await page.locator('[data-editor="body"] .current-line').count();
      console.log(
        `\n3. Typing in the middle of a ${LINES}-line Body in Monaco, POST ${operationPath} (${note}; cursor line shown: ${cursorLine > 0}):`,
      );
      console.log(`   main-thread work per keystroke (trace; budget: within a frame): ${summary(work)}`);
      console.log(
        `   keydown -> next frame (includes the wait for the display's next frame): ${summary(latency)}`,
      );
      console.log(
        `   load average during the run: ${loadavg()
          .map((l) => l.toFixed(1))
          .join(', ')} (timings are only meaningful on a quiet machine)`,
      );
      console.log(
        `   long tasks (> 50 ms) while typing: ${long.length}${long.length ? ` (max ${Math.max(...long).toFixed(0)} ms)` : ''}`,
      );
      console.log('   main-thread script time while typing, by file (ms per keystroke, profiled pass):');
      for (const [file, ms] of [...perFile.entries()]
        .filter(([f]) => !f.startsWith('('))
        .sort((a, b) => b[1] - a[1])
        .slice(0, 8)) {
        console.log(`     ${file.padEnd(28)} ${(ms / KEYSTROKES).toFixed(2)}`);
      }
    };
    await referenceTextarea(browser);
    // An operation without a schema (no Body-fields form re-parsing the body on every keystroke),
    // then chat.postMessage with the catalog's Body-fields form.
    await typing('/api/v1/import.clear', 'no Body-fields form; the catalog still checks the JSON syntax');
    await typing('/api/v1/chat.postMessage', 'with the Body-fields form of the catalog');
    // Completion and hover too, so the fetched list covers every feature the editors use.
    await selectOperation(page, 'GET', '/api/v1/users.list');
    await page.waitForFunction(
      () => document.querySelector('[data-editor="query"] [aria-roledescription="editor"]') !== null,
    );
    await page.getByRole('textbox', { name: 'query', exact: true }).focus();
    await page.keyboard.insertText('{"username": 1}');
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ControlOrMeta+Space');
    await page.locator('.suggest-widget .monaco-list-row').first().waitFor();
    await page.keyboard.press('Escape');
    await expectHover(page, 'query', 'username', 'IUser');
    const fetchedTotal = [...fetched.entries()].map(([name, raw]) => {
      const file = size.files.find((f) => f.name === name);
      return { name, raw, gzip: file?.gzip ?? 0 };
    });
    console.log(
      `\n   Fetched by the browser for Monaco in this session (typing, completion, hover): ${fetchedTotal.map((f) => f.name).join(', ')}`,
    );
    const fetchedBytes = fetchedTotal.reduce((sum, f) => sum + f.gzip, 0);
    console.log(
      `   = ${kb(fetchedBytes)} gzipped (budget ${kb(MONACO_BUDGET_BYTES)}: ${fetchedBytes <= MONACO_BUDGET_BYTES ? 'within' : 'OVER'})`,
    );
    await context.close();
  } finally {
    await browser.close();
    await stack.close();
  }
}

await main();
