/**
 * Per-keystroke measurements for the Monaco typing benchmark.
 *
 * Two figures, because "keydown -> next frame" alone cannot say whether typing fits in a frame:
 * frames come at a fixed 60 Hz, so a keystroke arriving at a random moment waits 0-16.7 ms for the
 * next one even when it costs nothing. Its p95 is over 16.7 ms as soon as a keystroke costs more
 * than about 1 ms. What decides whether typing keeps up with the display is the main thread's work
 * for the keystroke (input handling, rendering, style, layout, paint), measured here from a
 * Chromium trace: the time the renderer's main thread spent in tasks between the key event and the
 * frame that showed it.
 */
import type { Browser, Page } from '@playwright/test';

export interface KeystrokeWindow {
  /** Key event time stamp (performance.now() clock, ms). */
  start: number;
  /** After the frame following the key event has been produced (a message posted from rAF). */
  end: number;
}

interface TraceEvent {
  name: string;
  cat?: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
}

/** Records, for every keydown, its time stamp and the moment after the next frame. */
export async function installKeystrokeProbe(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __keys: Array<{ start: number; end: number }>; __long: number[] };
    w.__keys = [];
    w.__long = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.__long.push(entry.duration);
    }).observe({ type: 'longtask', buffered: false });
    document.addEventListener(
      'keydown',
      (event) => {
        const start = event.timeStamp;
        requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => w.__keys.push({ start, end: performance.now() });
          channel.port2.postMessage(null);
        });
      },
      true,
    );
  });
}

/** The windows and long tasks recorded since the last call (and clears them). */
export async function takeKeystrokes(page: Page): Promise<{ windows: KeystrokeWindow[]; long: number[] }> {
  return page.evaluate(() => {
    const w = window as unknown as { __keys: Array<{ start: number; end: number }>; __long: number[] };
    const taken = { windows: w.__keys, long: w.__long };
    w.__keys = [];
    w.__long = [];
    return taken;
  });
}

const TRACE_CATEGORIES = ['toplevel', 'blink.user_timing', 'devtools.timeline'];
const SYNC_MARK = 'bench-keystroke-sync';

/**
 * Runs `act` under a Chromium trace and returns, per recorded keystroke, the milliseconds the
 * page's main thread was busy in tasks between the key event and the frame after it.
 */
export async function mainThreadWorkPerKeystroke(
  browser: Browser,
  page: Page,
  act: () => Promise<void>,
): Promise<number[]> {
  await takeKeystrokes(page);
  await browser.startTracing(page, { categories: TRACE_CATEGORIES });
  // A user-timing mark ties the page's performance.now() clock to the trace's clock.
  const syncAt = await page.evaluate((name) => performance.mark(name).startTime, SYNC_MARK);
  await act();
  const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as
    { traceEvents: TraceEvent[] } | TraceEvent[];
  const { windows } = await takeKeystrokes(page);
  const events = Array.isArray(trace) ? trace : trace.traceEvents;
  const sync = events.find((e) => e.name === SYNC_MARK);
  if (!sync) throw new Error('The trace has no sync mark: cannot line up its clock with the page.');
  const offsetUs = sync.ts - syncAt * 1000;
  const tasks = mergeIntervals(
    events
      .filter(
        (e) =>
          e.pid === sync.pid &&
          e.tid === sync.tid &&
          e.ph === 'X' &&
          e.dur !== undefined &&
          (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask'),
      )
      .map((e) => [e.ts, e.ts + (e.dur ?? 0)] as const),
  );
  return windows.map(
    ({ start, end }) => busyWithin(tasks, start * 1000 + offsetUs, end * 1000 + offsetUs) / 1000,
  );
}

export function mergeIntervals(intervals: ReadonlyArray<readonly [number, number]>): Array<[number, number]> {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const [from, to] of sorted) {
    const last = merged[merged.length - 1];
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else merged.push([from, to]);
  }
  return merged;
}

/** Total length of the (merged, sorted) intervals inside [from, to]. */
export function busyWithin(
  merged: ReadonlyArray<readonly [number, number]>,
  from: number,
  to: number,
): number {
  let busy = 0;
  for (const [a, b] of merged) {
    if (b <= from) continue;
    if (a >= to) break;
    busy += Math.min(b, to) - Math.max(a, from);
  }
  return busy;
}
