import type { FullResult, Reporter, TestCase, TestResult } from '@playwright/test/reporter';

/**
 * Prints the run's details, then a closing line in the plain form CI reads
 * (`E2E: 12 passed, 1 failed, 0 skipped`, alone on its line).
 */
export default class SummaryReporter implements Reporter {
  private readonly outcomes = new Map<string, ReturnType<TestCase['outcome']>>();

  onTestEnd(test: TestCase, _result: TestResult): void {
    this.outcomes.set(test.id, test.outcome());
  }

  onEnd(result: FullResult): void {
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
