import { describe, expect, it } from 'vitest';
import type { TestModule } from 'vitest/node';
import { countRun, summaryLine } from './summary-line.js';

type State = 'passed' | 'failed' | 'skipped' | 'pending';

/** The part of TestModule the reporter reads. */
function fakeModule(states: State[], moduleState: State = 'passed'): TestModule {
  const tests = states.map((state) => ({ result: () => ({ state }) }));
  return {
    state: () => moduleState,
    children: { allTests: () => tests[Symbol.iterator]() },
  } as unknown as TestModule;
}

describe('summary line reporter', () => {
  it('counts passed, failed and skipped tests across files', () => {
    const counts = countRun(
      [fakeModule(['passed', 'passed', 'skipped']), fakeModule(['failed', 'passed'], 'failed')],
      [],
    );
    expect(counts).toEqual({ passed: 3, failed: 1, skipped: 1 });
    expect(summaryLine(counts)).toBe('3 passed, 1 failed, 1 skipped');
  });

  it('leaves out skipped when none, and never shows a broken file as 0 failed', () => {
    const counts = countRun([fakeModule(['passed']), fakeModule([], 'failed')], [{}]);
    expect(summaryLine(counts)).toBe('1 passed, 2 failed');
  });
});
