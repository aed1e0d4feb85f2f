import type { FullResult, Reporter, TestCase, TestResult } from '@playwright/test/reporter';

/** Prints one closing line, e.g. `E2E: 12 passed, 1 failed, 0 skipped, 2 flaky in 41.2 s`, for CI logs. */
export default class SummaryReporter implements Reporter {
  private readonly outcomes = new Map<string, ReturnType<TestCase['outcome']>>();

  onTestEnd(test: TestCase, _result: TestResult): void {
    this.outcomes.set(test.id, test.outcome());
  }

  onEnd(result: FullResult): void {
    const count = (o: string): number => [...this.outcomes.values()].filter((v) => v === o).length;
    console.log(
      `E2E: ${count('expected')} passed, ${count('unexpected')} failed, ${count('skipped')} skipped, ` +
        `${count('flaky')} flaky in ${(result.duration / 1000).toFixed(1)} s (${result.status})`,
    );
  }

  printsToStdio(): boolean {
    return true;
  }
}
