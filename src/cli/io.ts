/** Where the CLI writes. Tests and embedders can pass their own. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** stderr is an interactive terminal (progress bar allowed). */
  readonly stderrIsTTY: boolean;
  /** DOCSCRIB_DEBUG=1: show stack traces. */
  readonly debug: boolean;
  /** The stream a progress bar draws on. */
  readonly progressStream: NodeJS.WritableStream;
}

export function processIo(): Io {
  // `docscrib … | head`: the reader went away; stop quietly instead of crashing with EPIPE.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    stderrIsTTY: process.stderr.isTTY,
    debug: process.env['DOCSCRIB_DEBUG'] === '1',
    progressStream: process.stderr,
  };
}
