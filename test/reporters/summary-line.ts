import type { SerializedError } from 'vitest';
import type { Reporter, TestModule } from 'vitest/node';

export interface RunCounts {
  passed: number;
  failed: number;
  skipped: number;
}

/**
 * Counts a finished run. `failed` also counts test files that failed outside any test (a file
 * that does not import, a failing beforeAll) and unhandled errors, so a broken file can never
 * show as "0 failed". Tests that never finished (pending) count as skipped.
 */
export function countRun(
  modules: readonly TestModule[],
  unhandledErrors: readonly unknown[],
): RunCounts {
  const counts: RunCounts = { passed: 0, failed: 0, skipped: 0 };
  for (const mod of modules) {
    let failedTests = 0;
    for (const test of mod.children.allTests()) {
      const state = test.result().state;
      if (state === 'passed') counts.passed++;
      else if (state === 'failed') failedTests++;
      else counts.skipped++;
    }
    counts.failed += failedTests;
    if (failedTests === 0 && mod.state() === 'failed') counts.failed++;
  }
  counts.failed += unhandledErrors.length;
  return counts;
}

export function summaryLine(c: RunCounts): string {
  return `${c.passed} passed, ${c.failed} failed${c.skipped > 0 ? `, ${c.skipped} skipped` : ''}`;
}

/**
 * Prints `N passed, N failed` (and `, N skipped` when any) alone on the last line of the run, for
 * CI systems that read the closing line. Register it after the 'default' reporter.
 */
export default class SummaryLineReporter implements Reporter {
  onTestRunEnd(
    testModules: readonly TestModule[],
    unhandledErrors: readonly SerializedError[],
  ): void {
    process.stdout.write(`\n${summaryLine(countRun(testModules, unhandledErrors))}\n`);
  }
}
