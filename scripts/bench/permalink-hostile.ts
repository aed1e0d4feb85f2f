/**
 * Benchmark of opening hostile links (issue #16): the cost of decoding each kind of malformed or
 * hostile `#r=` link (e2e/hostile-links.ts), and in headless Chromium with the production build,
 * the longest main-thread task while a page opens them one after another.
 *
 * Goal: no task over 200 ms; decoding any link in a few tens of ms.
 *
 * Usage:
 *   npx tsx scripts/bench/permalink-hostile.ts                 # 2,000 links (Node: 10,000)
 *   npx tsx scripts/bench/permalink-hostile.ts --links 10000 --decode-links 10000
 *   options: --json (figures as JSON), --chromium PATH
 */
import path from 'node:path';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import LZString from 'lz-string';
import { chromium } from '@playwright/test';
import { REPO_ROOT, buildIfStale } from '../lib/build-if-stale';
import { SANDBOX_READY, startChild } from '../lib/children';
import { startExplorerServer } from '../../src/server/server';
import { decodePermalink } from '../../src/core/permalink';
import { HOSTILE_KINDS, hostileLinks, type HostileLink } from '../../e2e/hostile-links';

const { values } = parseArgs({
  options: {
    links: { type: 'string', default: '2000' },
    'decode-links': { type: 'string', default: '10000' },
    json: { type: 'boolean', default: false },
    chromium: { type: 'string', default: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' },
  },
});

const OTHER_SERVER = 'http://127.0.0.1:9';
const log = (message: string): void => {
  if (!values.json) console.log(message);
};
const ms = (n: number): string => `${n.toFixed(1)} ms`;

interface KindFigures {
  links: number;
  distinct: number;
  opened: number;
  /** The worst distinct link of this kind: the median of REPEATS decodes of it. */
  decodeWorstMs: number;
  /** The same for lz-string's own decompress of that data (the reader used before). */
  lzStringWorstMs: number;
}

/** Each distinct link is timed this many times and its median kept: one slow run on a shared machine is noise. */
const REPEATS = 5;

function median(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function timeOf(run: () => unknown): number {
  const times: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const started = performance.now();
    try {
      run();
    } catch {
      // lz-string throws on some damaged data; the time until then is what it cost.
    }
    times.push(performance.now() - started);
  }
  return median(times);
}

function decodeFigures(links: HostileLink[]): Record<string, KindFigures> {
  // Warm up the JIT, as in a page that has opened a link or two.
  for (const link of links.slice(0, 200)) decodePermalink(`#${link.hash}`);
  const figures: Record<string, KindFigures> = {};
  const seen = new Set<string>();
  for (const link of links) {
    const f = (figures[link.kind] ??= {
      links: 0,
      distinct: 0,
      opened: 0,
      decodeWorstMs: 0,
      lzStringWorstMs: 0,
    });
    f.links++;
    if (decodePermalink(`#${link.hash}`).ok) f.opened++;
    if (seen.has(link.hash)) continue;
    seen.add(link.hash);
    f.distinct++;
    f.decodeWorstMs = Math.max(
      f.decodeWorstMs,
      timeOf(() => decodePermalink(`#${link.hash}`)),
    );
    const data = /^r=\d{1,6}\.([A-Za-z0-9+\-$]*)$/.exec(link.hash)?.[1];
    if (data !== undefined && data !== '' && data.length <= 8192)
      f.lzStringWorstMs = Math.max(
        f.lzStringWorstMs,
        timeOf(() => LZString.decompressFromEncodedURIComponent(data)),
      );
  }
  return figures;
}

interface PageFigures {
  links: number;
  elapsedMs: number;
  longestTaskMs: number;
  tasksOver50: number;
  tasksOver200: number;
  /** From a Chromium trace: the thread time of tasks (what they computed, without waiting for a CPU). */
  longestTaskCpuMs: number;
  tasksOver200Cpu: number;
  perKindLongestMs: Record<string, number>;
  pageErrors: string[];
  unaskedRequests: string[];
}

interface TraceFile {
  traceEvents: Array<{ name: string; ph: string; tid: number; tdur?: number; args?: { name?: string } }>;
}

/** Thread time in ms of each task of the page's main thread. */
/** Links opened per trace; a trace of 10,000 did not fit in one string. */
const TRACE_BATCH = 1000;

function threadTimes(trace: TraceFile): number[] {
  const main = new Set(
    trace.traceEvents
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => e.tid),
  );
  return trace.traceEvents
    .filter((e) => e.ph === 'X' && e.name === 'RunTask' && main.has(e.tid))
    .map((e) => (e.tdur ?? 0) / 1000);
}

async function pageFigures(links: HostileLink[], sandboxUrl: string): Promise<PageFigures> {
  const explorer = await startExplorerServer({
    port: 0,
    sandboxUrl,
    targets: [OTHER_SERVER],
    staticRoot: path.join(REPO_ROOT, 'dist'),
  });
  const browser = await chromium.launch({
    executablePath: values.chromium,
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(`console: ${m.text()}`);
    });
    await page.goto(explorer.url);
    await page.getByRole('region', { name: 'Response' }).waitFor();
    await page.getByRole('searchbox', { name: 'Search endpoints' }).waitFor();
    await page.waitForLoadState('networkidle');
    const unaskedRequests: string[] = [];
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (url.pathname.startsWith('/proxy') || url.origin !== explorer.url) unaskedRequests.push(r.url());
    });
    // The long-task API gives wall time, which on a shared machine includes waiting for a CPU;
    // the trace's thread time (tdur) is the task's own work.
    // The links go in first: parsing the script that holds them is the harness's work, not the app's.
    await page.evaluate(`window.__hostileLinks = ${JSON.stringify(links)}`);
    // Traced in batches: one trace of thousands of links is longer than the longest string Node
    // can hold (it failed at 10,000 links).
    const started = Date.now();
    const result: {
      tasks: Array<{ start: number; duration: number }>;
      opened: Array<{ kind: string; at: number }>;
    } = { tasks: [], opened: [] };
    const cpu: number[] = [];
    for (let from = 0; from < links.length; from += TRACE_BATCH) {
      await browser.startTracing(page, {
        categories: ['toplevel', 'disabled-by-default-devtools.timeline'],
      });
      // Plain text, not a function: tsx's helpers do not exist in the page.
      const batch = (await page.evaluate(`(async (links) => {
        const tasks = [];
        const observer = new PerformanceObserver((list) => {
          for (const e of list.getEntries()) tasks.push({ start: e.startTime, duration: e.duration });
        });
        observer.observe({ type: 'longtask', buffered: false });
        const yieldTask = () => new Promise((resolve) => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => resolve();
          channel.port2.postMessage(0);
        });
        const opened = [];
        for (const link of links) {
          opened.push({ kind: link.kind, at: performance.now() });
          window.location.hash = link.hash;
          await yieldTask();
          await yieldTask();
        }
        await new Promise((r) => setTimeout(r, 1000));
        observer.disconnect();
        return { tasks, opened };
      })(window.__hostileLinks.slice(${from}, ${from + TRACE_BATCH}))`)) as typeof result;
      // Only long tasks are kept: a trace holds hundreds of thousands of short ones.
      for (const t of threadTimes(JSON.parse((await browser.stopTracing()).toString()) as TraceFile))
        if (t > 50) cpu.push(t);
      result.tasks.push(...batch.tasks);
      result.opened.push(...batch.opened);
    }
    const perKindLongestMs: Record<string, number> = {};
    const firstAt = result.opened[0]?.at ?? 0;
    // Tasks before the first link are the harness's own (the script holding the links).
    result.tasks = result.tasks.filter((t) => t.start + 1 >= firstAt);
    for (const task of result.tasks) {
      // The link opened last before the task started is the one it belongs to.
      let kind = 'none';
      for (const o of result.opened) if (o.at <= task.start + 1) kind = o.kind;
      perKindLongestMs[kind] = Math.max(perKindLongestMs[kind] ?? 0, task.duration);
    }
    const durations = result.tasks.map((t) => t.duration);
    return {
      links: links.length,
      elapsedMs: Date.now() - started,
      longestTaskMs: durations.reduce((a, b) => Math.max(a, b), 0),
      tasksOver50: durations.length,
      tasksOver200: durations.filter((d) => d > 200).length,
      longestTaskCpuMs: cpu.reduce((a, b) => Math.max(a, b), 0),
      tasksOver200Cpu: cpu.filter((d) => d > 200).length,
      perKindLongestMs,
      pageErrors,
      unaskedRequests,
    };
  } finally {
    await browser.close();
    await explorer.close();
  }
}

const decodeCount = Number(values['decode-links']);
const pageCount = Number(values.links);
log(`Making ${Math.max(decodeCount, pageCount)} hostile links (load average ${loadavg()[0]!.toFixed(1)})...`);
await buildIfStale();
const sandbox = startChild({
  name: 'sandbox',
  entry: 'src/sandbox/main.ts',
  env: { ...process.env, SANDBOX_HOST: '127.0.0.1', SANDBOX_PORT: '0', API_Enable_Rate_Limiter: 'false' },
  readyPattern: SANDBOX_READY,
  echo: false,
});
const sandboxUrl = await sandbox.ready;
// Links are made for the running sandbox, so the valid ones name the server in use.
const all = hostileLinks(sandboxUrl, OTHER_SERVER, Math.max(decodeCount, pageCount));
const decode = decodeFigures(all.slice(0, decodeCount));
log(`\nDecoding in Node, ${decodeCount} links (load average ${loadavg()[0]!.toFixed(1)}):`);
log(
  `worst link of each kind, median of ${REPEATS} decodes; lz-string's own unpacking of the same data for comparison`,
);
log('kind              links  distinct  opened  decode (now)  lz-string unpack alone (before)');
for (const kind of HOSTILE_KINDS) {
  const f = decode[kind];
  if (!f) continue;
  log(
    `${kind.padEnd(17)} ${String(f.links).padStart(5)}  ${String(f.distinct).padStart(8)}  ${String(f.opened).padStart(6)}  ${ms(f.decodeWorstMs).padEnd(12)}  ${ms(f.lzStringWorstMs)}`,
  );
}
let pageResult: PageFigures | null = null;
if (pageCount > 0) {
  log(`\nOpening ${pageCount} links in one page in Chromium (load average ${loadavg()[0]!.toFixed(1)})...`);
  pageResult = await pageFigures(all.slice(0, pageCount), sandboxUrl);
  log(
    `${pageResult.links} links in ${pageResult.elapsedMs} ms: longest task ${ms(pageResult.longestTaskMs)}, ` +
      `${pageResult.tasksOver50} tasks over 50 ms, ${pageResult.tasksOver200} over 200 ms (goal: 0); ` +
      `${pageResult.pageErrors.length} page errors, ${pageResult.unaskedRequests.length} requests sent`,
  );
  log(
    `  thread time (trace): longest task ${ms(pageResult.longestTaskCpuMs)}, ${pageResult.tasksOver200Cpu} over 200 ms`,
  );
  for (const [kind, longest] of Object.entries(pageResult.perKindLongestMs).sort((a, b) => b[1] - a[1]))
    log(`  longest task after a "${kind}" link: ${ms(longest)}`);
  for (const e of pageResult.pageErrors.slice(0, 5)) log(`  page error: ${e}`);
  for (const r of pageResult.unaskedRequests.slice(0, 5)) log(`  request: ${r}`);
  log(`(load average at the end ${loadavg()[0]!.toFixed(1)})`);
}
await sandbox.stop();
if (values.json) console.log(JSON.stringify({ decode, page: pageResult, loadAverage: loadavg()[0] }));
