/**
 * For tests: an `Io` that keeps what a command writes, to run commands in-process with `main`.
 * Not used by the CLI itself.
 */
import type { Io } from './io.js';

export function captureIo(): Io & { stdout: () => string; stderr: () => string } {
  let out = '';
  let err = '';
  return {
    out: (s) => (out += s),
    err: (s) => (err += s),
    stderrIsTTY: false,
    debug: false,
    progressStream: process.stderr,
    stdout: () => out,
    stderr: () => err,
  };
}
