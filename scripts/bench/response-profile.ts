/**
 * CPU profile of the main thread while a huge users.list answer arrives and is scrolled, to find
 * what makes a long task. Prints the top functions by self time.
 *   npx tsx scripts/bench/response-profile.ts --explorer URL --server URL [--phase parse|scroll]
 */
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';

const { values } = parseArgs({
  options: {
    explorer: { type: 'string' },
    server: { type: 'string' },
    phase: { type: 'string', default: 'parse' },
  },
});
interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
await page.goto(values.explorer!);
await page.getByRole('region', { name: 'Response' }).waitFor();
await page
  .getByRole('textbox', { name: 'Server' })
  .or(page.getByRole('combobox', { name: 'Server' }))
  .first()
  .fill(values.server!);
await page.getByRole('searchbox', { name: 'Search endpoints' }).fill('users.list');
await page
  .getByRole('option', { name: 'GET /api/v1/users.list' })
  .or(page.getByRole('button', { name: 'GET /api/v1/users.list' }))
  .first()
  .click();
await page.getByRole('region', { name: 'Request' }).getByLabel('count', { exact: true }).fill('0');
const cdp = await page.context().newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
if (values.phase === 'parse') await cdp.send('Profiler.start');
if (values.phase === 'parse')
  await browser.startTracing(page, {
    categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink'],
  });
await page.getByRole('button', { name: 'Send', exact: true }).click();
await page.locator('.raw-row').first().waitFor({ timeout: 60_000 });
if (values.phase === 'scroll') {
  await page.getByRole('tab', { name: 'Table' }).click();
  await page.locator('.data-table tbody td').nth(3).waitFor();
  await cdp.send('Profiler.start');
  await browser.startTracing(page, {
    categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink'],
  });
  for (let i = 1; i <= 40; i++) {
    await page.evaluate(
      `(() => { const el = document.querySelector('.table-scroll'); el.scrollTop = ${i / 40} * (el.scrollHeight - el.clientHeight); })()`,
    );
    await page.waitForTimeout(30);
  }
}
await page.waitForTimeout(1000);
{
  interface Ev {
    name: string;
    ph: string;
    ts: number;
    dur?: number;
    tid: number;
    pid: number;
  }
  const trace = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: Ev[] };
  const events = trace.traceEvents.filter((e) => e.ph === 'X' && e.dur !== undefined);
  const names = new Map<number, string>();
  for (const e of trace.traceEvents as Array<Ev & { args?: { name?: string } }>)
    if (e.ph === 'M' && e.name === 'thread_name') names.set(e.tid, e.args?.name ?? '');
  const long = events.filter(
    (e) => e.name === 'RunTask' && e.dur! > 50_000 && names.get(e.tid) === 'CrRendererMain',
  );
  for (const task of long) {
    console.log(`RunTask ${(task.dur! / 1000).toFixed(0)} ms (tid ${task.tid})`);
    const inner = events
      .filter(
        (e) =>
          e.tid === task.tid &&
          e.pid === task.pid &&
          e.ts >= task.ts &&
          e.ts + e.dur! <= task.ts + task.dur! &&
          e !== task &&
          e.dur! > 5_000,
      )
      .sort((a, b) => a.ts - b.ts);
    for (const e of inner.slice(0, 40)) {
      const data = (
        e as Ev & {
          args?: { data?: { functionName?: string; url?: string; lineNumber?: number; type?: string } };
        }
      ).args?.data;
      const where = data
        ? ` ${data.type ?? ''} ${data.functionName ?? ''} ${(data.url ?? '').split('/').pop()}:${data.lineNumber ?? ''}`
        : '';
      console.log(`   ${(e.dur! / 1000).toFixed(0).padStart(6)} ms  ${e.name}${where}`);
    }
  }
}
const { profile } = (await cdp.send('Profiler.stop')) as {
  profile: { nodes: Node[]; samples: number[]; timeDeltas: number[] };
};
const self = new Map<string, number>();
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
profile.samples.forEach((id, i) => {
  const n = byId.get(id)!;
  const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
  self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
});
for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25))
  console.log(`${v.toFixed(1).padStart(8)} ms  ${k}`);
await browser.close();
