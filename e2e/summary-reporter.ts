import { readFileSync } from 'node:fs';
import type { FullResult, Reporter, TestCase, TestResult } from '@playwright/test/reporter';

/** How much of a failed test's page snapshot is printed: enough to see the pane that failed. */
const SNAPSHOT_CHARS = 6000;
/** How much of each error message is printed again at the end. */
const ERROR_CHARS = 2000;
/** A line of an error message longer than this (a whole body in a diff) is cut. */
const LINE_CHARS = 400;

/** Terminal colour codes, which Playwright puts in its messages. */
export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}

/** Keeps the first few items of each run of list options (the catalog has hundreds). */
export function shortenLists(snapshot: string, keep = 4): string {
  const out: string[] = [];
  let run = 0;
  for (const line of snapshot.split('\n')) {
    run = /^\s*- (option|row|treeitem) /.test(line) ? run + 1 : 0;
    if (run <= keep) out.push(line);
    else if (run === keep + 1) out.push(`${line.match(/^\s*/)?.[0] ?? ''}- …`);
  }
  return out.join('\n');
}

/**
 * Prints the run's details, then a closing line in the plain form CI reads
 * (`E2E: 12 passed, 1 failed, 0 skipped`, alone on its line). For each unexpected failure it also
 * prints the page's accessibility snapshot at the failure and then, last, the error message again,
 * because CI keeps only the tail of the printed output: the list reporter's message is far above
 * it, and without it a failure seen only on CI cannot be diagnosed. Tests that are meant to fail
 * (the fixture's own checks, `test.fail()`) print nothing here.
 */
export default class SummaryReporter implements Reporter {
  private readonly outcomes = new Map<string, ReturnType<TestCase['outcome']>>();
  private readonly snapshots: string[] = [];
  private readonly errors: string[] = [];

  onTestEnd(test: TestCase, result: TestResult): void {
    this.outcomes.set(test.id, test.outcome());
    if (result.status === 'passed' || result.status === 'skipped' || test.outcome() === 'expected') return;
    const title = test.titlePath().slice(2).join(' › ');
    for (const error of result.errors) {
      const where = error.location ? ` (${error.location.file.split('/').pop()}:${error.location.line})` : '';
      const message = stripAnsi(error.message ?? error.value ?? 'no message')
        .split('\n')
        .map((line) => (line.length > LINE_CHARS ? `${line.slice(0, LINE_CHARS)}…` : line))
        .join('\n')
        .slice(0, ERROR_CHARS);
      this.errors.push(`--- Error in "${title}"${where} ---\n${message}`);
    }
    const context = result.attachments.find((a) => a.name === 'error-context' && a.path !== undefined);
    if (!context?.path) return;
    try {
      const text = readFileSync(context.path, 'utf8');
      const start = text.indexOf('```yaml');
      if (start < 0) return;
      const end = text.indexOf('# Test source', start);
      const snapshot = shortenLists(text.slice(start, end < 0 ? undefined : end)).slice(0, SNAPSHOT_CHARS);
      this.snapshots.push(`--- Page at the failure of "${title}" ---\n${snapshot}`);
    } catch {
      // No snapshot written (the page was never opened): the error above is all there is.
    }
  }

  onEnd(result: FullResult): void {
    for (const snapshot of this.snapshots) console.log(snapshot);
    for (const error of this.errors) console.log(error);
    const count = (o: string): number => [...this.outcomes.values()].filter((v) => v === o).length;
    console.log(
      `E2E run: ${count('flaky')} flaky, ${(result.duration / 1000).toFixed(1)} s, ${result.status}`,
    );
    console.log(
      `E2E: ${count('expected')} passed, ${count('unexpected')} failed, ${count('skipped')} skipped`,
    );
  }

  printsToStdio(): boolean {
    return true;
  }
}
