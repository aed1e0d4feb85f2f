import { readFileSync } from 'node:fs';
import type { FullResult, Reporter, TestCase, TestResult } from '@playwright/test/reporter';

/** How much of a failed test's page snapshot is printed: enough to see the pane that failed. */
const SNAPSHOT_CHARS = 6000;

/**
 * Prints the run's details, then a closing line in the plain form CI reads
 * (`E2E: 12 passed, 1 failed, 0 skipped`, alone on its line). For each failed test it also prints
 * the page's accessibility snapshot at the failure, because CI keeps only the printed output:
 * without it a failure seen only on CI cannot be diagnosed.
 */
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

export default class SummaryReporter implements Reporter {
  private readonly outcomes = new Map<string, ReturnType<TestCase['outcome']>>();
  private readonly snapshots: string[] = [];

  onTestEnd(test: TestCase, result: TestResult): void {
    this.outcomes.set(test.id, test.outcome());
    if (result.status === 'passed' || result.status === 'skipped') return;
    const context = result.attachments.find((a) => a.name === 'error-context' && a.path !== undefined);
    if (!context?.path) return;
    try {
      const text = readFileSync(context.path, 'utf8');
      const start = text.indexOf('```yaml');
      if (start < 0) return;
      const end = text.indexOf('# Test source', start);
      const snapshot = shortenLists(text.slice(start, end < 0 ? undefined : end)).slice(0, SNAPSHOT_CHARS);
      this.snapshots.push(
        `--- Page at the failure of "${test.titlePath().slice(2).join(' › ')}" ---\n${snapshot}`,
      );
    } catch {
      // No snapshot written (the page was never opened): the error above is all there is.
    }
  }

  onEnd(result: FullResult): void {
    for (const snapshot of this.snapshots) console.log(snapshot);
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
