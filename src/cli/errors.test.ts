import { CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { DocscribError } from '../core/index.js';
import { ExitCode, exitCodeFor, formatError, worst } from './errors.js';

describe('CLI error mapping', () => {
  it('maps error types to exit codes in one place', () => {
    expect(exitCodeFor(new DocscribError('input.empty', 'Empty.', 'Give text.'))).toBe(3);
    expect(exitCodeFor(new DocscribError('plan.invalid', 'Bad.', 'Fix.'))).toBe(3);
    expect(exitCodeFor(new DocscribError('usage', 'Missing.', 'Check.'))).toBe(2);
    expect(exitCodeFor(new CommanderError(1, 'commander.unknownOption', 'x'))).toBe(2);
    expect(exitCodeFor(new TypeError('boom'))).toBe(4);
  });

  it('keeps the most serious code of a batch: internal > usage > input > review errors > ok', () => {
    expect(worst(ExitCode.ok, ExitCode.reviewErrors)).toBe(1);
    expect(worst(ExitCode.input, ExitCode.reviewErrors)).toBe(3);
    expect(worst(ExitCode.input, ExitCode.usage)).toBe(2);
    expect(worst(ExitCode.internal, ExitCode.usage)).toBe(4);
  });

  it('shows message, hint and location of an input error, without a stack trace', () => {
    const e = new DocscribError('input.parse', 'Line 7 is not a turn.', 'Use "Speaker: text".', {
      line: 7,
    }).inFile('s1.txt');
    const text = formatError(e, false);
    expect(text).toBe(
      'docscrib: s1.txt: Line 7 is not a turn.\nhint: Use "Speaker: text".\nat s1.txt:7\n',
    );
  });

  it('never shows the message of an unexpected error (it may quote client text)', () => {
    const e = new SyntaxError('Unexpected token, "I feel hopeless" is not valid JSON');
    const text = formatError(e, false, 'a.txt');
    expect(text).toContain('internal error (SyntaxError) while processing a.txt');
    expect(text).not.toContain('hopeless');
    expect(text).not.toMatch(/^\s+at /m);
    expect(formatError(e, true)).toMatch(/^\s+at /m);
  });
});
