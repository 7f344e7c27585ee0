import { basename } from 'node:path';
import cliProgress from 'cli-progress';
import { ExitCode, exitCodeFor, formatError, worst } from './errors.js';
import type { Io } from './io.js';

/**
 * Runs one job per input file, in order. A file that fails is reported (file name, never content)
 * and the others still run; the result is the most serious exit code.
 *
 * Progress goes to stderr: a bar when stderr is a terminal and there are 3 files or more,
 * otherwise a `[3/12] name` line per file when there are several files; nothing with --quiet.
 * While the bar is drawn, other output is held back and written when the bar stops.
 */
export async function runBatch(
  files: readonly string[],
  io: Io,
  quiet: boolean,
  job: (file: string, out: Io, index: number) => Promise<ExitCode>,
): Promise<ExitCode> {
  const useBar = !quiet && io.stderrIsTTY && files.length >= 3;
  const held: { stream: 'out' | 'err'; text: string }[] = [];
  const jobIo: Io = useBar
    ? {
        ...io,
        out: (text) => held.push({ stream: 'out', text }),
        err: (text) => held.push({ stream: 'err', text }),
      }
    : io;
  const bar = useBar
    ? new cliProgress.SingleBar(
        {
          stream: io.progressStream,
          format: 'docscrib {bar} {value}/{total} {file}',
          clearOnComplete: true,
          hideCursor: true,
        },
        cliProgress.Presets.shades_classic,
      )
    : undefined;
  bar?.start(files.length, 0, { file: '' });

  let code: ExitCode = ExitCode.ok;
  try {
    for (const [i, file] of files.entries()) {
      if (bar) bar.update(i, { file: basename(file) });
      else if (!quiet && files.length > 1) io.err(`[${i + 1}/${files.length}] ${file}\n`);
      try {
        code = worst(code, await job(file, jobIo, i));
      } catch (e) {
        jobIo.err(formatError(e, io.debug, file));
        code = worst(code, exitCodeFor(e));
      }
    }
    bar?.update(files.length, { file: '' });
  } finally {
    bar?.stop();
    for (const h of held) io[h.stream](h.text);
  }
  return code;
}
