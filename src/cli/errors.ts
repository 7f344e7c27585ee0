import { CommanderError } from 'commander';
import { DocscribError, isDocscribError } from '../core/index.js';

/**
 * Exit codes of the `docscrib` command, decided here and nowhere else.
 * When several files fail differently, the most serious code wins: 4 > 2 > 3 > 1 > 0.
 */
export const ExitCode = {
  ok: 0,
  /** `note` / `review`: the review found at least one error-severity finding. */
  reviewErrors: 1,
  /** Bad option, unknown command, missing file. */
  usage: 2,
  /** The input could not be read: empty, binary, unparseable transcript, invalid plan or note. */
  input: 3,
  /** A bug in DocScrib. */
  internal: 4,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

const SERIOUSNESS: readonly ExitCode[] = [
  ExitCode.ok,
  ExitCode.reviewErrors,
  ExitCode.input,
  ExitCode.usage,
  ExitCode.internal,
];

/** The more serious of two exit codes. */
export function worst(a: ExitCode, b: ExitCode): ExitCode {
  return SERIOUSNESS.indexOf(a) >= SERIOUSNESS.indexOf(b) ? a : b;
}

/** A usage error found by the CLI itself (a missing file, a clash of options): exit code 2. */
export function usageError(message: string, hint: string): DocscribError {
  return new DocscribError('usage', message, hint);
}

export function exitCodeFor(e: unknown): ExitCode {
  if (e instanceof CommanderError) return ExitCode.usage;
  if (isDocscribError(e)) return e.code === 'usage' ? ExitCode.usage : ExitCode.input;
  return ExitCode.internal;
}

/**
 * The lines a user sees for an error: `docscrib: <message>`, `hint: <hint>`, and `at <file>:<line>`
 * when located. Never a stack trace (unless `debug`), never input text: the messages of our own
 * errors name files, lines and fields only, and the message of an unexpected error is not shown
 * (it may quote input, e.g. a JSON syntax error), only its type.
 */
export function formatError(e: unknown, debug: boolean, file?: string): string {
  const lines: string[] = [];
  if (isDocscribError(e)) {
    const where = e.location.file ?? file;
    const prefix = where !== undefined && !e.message.includes(where) ? `${where}: ` : '';
    lines.push(`docscrib: ${prefix}${e.message}`, `hint: ${e.hint}`);
    const at = location(e, where);
    if (at) lines.push(`at ${at}`);
  } else {
    const kind = e instanceof Error ? e.name : typeof e;
    lines.push(
      `docscrib: internal error (${kind})${file ? ` while processing ${file}` : ''}`,
      'hint: this is a bug in DocScrib; rerun with DOCSCRIB_DEBUG=1 to see the stack trace and report it (remove any client information first)',
    );
  }
  if (debug && e instanceof Error && e.stack) lines.push(e.stack);
  return lines.join('\n') + '\n';
}

/** `file:line`, `field goals[0].text`: only when the error points inside the file. */
function location(e: DocscribError, file: string | undefined): string | undefined {
  const parts: string[] = [];
  if (e.location.line) parts.push(file ? `${file}:${e.location.line}` : `line ${e.location.line}`);
  if (e.location.field) parts.push(`field ${e.location.field}`);
  return parts.length > 0 ? parts.join(', ') : undefined;
}
