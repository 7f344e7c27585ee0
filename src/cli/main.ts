import { Command, CommanderError } from 'commander';
import { createRequire } from 'node:module';
import { registerAnalyze } from './commands/analyze.js';
import { registerAudit } from './commands/audit.js';
import { registerBackup } from './commands/backup.js';
import { registerChange } from './commands/change.js';
import { registerFormats } from './commands/formats.js';
import { registerInterventions } from './commands/interventions.js';
import { registerModels } from './commands/models.js';
import { registerNote } from './commands/note.js';
import { registerRecommend } from './commands/recommend.js';
import { registerRestore } from './commands/restore.js';
import { registerReview } from './commands/review.js';
import { registerScore } from './commands/score.js';
import { registerServe } from './commands/serve.js';
import { registerWorker } from './commands/worker.js';
import { registerTranscribe } from './commands/transcribe.js';
import { registerUser } from './commands/user.js';
import { ExitCode, exitCodeFor, formatError, worst } from './errors.js';
import { processIo, type Io } from './io.js';

const EXIT_CODES_HELP = `
Exit codes:
  0  done
  1  note / review: the review found at least one error-severity finding
  2  usage error: bad option, unknown command, missing file
  3  input error: empty, binary or unreadable transcript, invalid plan or note;
     audio that cannot be decoded or has no speech; a speech engine or model missing
  4  internal error (a bug; rerun with DOCSCRIB_DEBUG=1 to see the stack trace)
With several files, a file that fails is reported and the others are still processed;
the most serious code is returned.

Examples:
  $ docscrib note session.txt
  $ docscrib note sessions/*.txt --format birp --out notes/
  $ docscrib transcribe session.wav > session.txt
  $ docscrib note session.wav
  $ docscrib analyze session.vtt > session.analysis.json
  $ docscrib review notes/session.note.json
  $ docscrib interventions --concern depression
  $ docscrib score phq9 1 2 1 3 0 2 1 0 0
  $ docscrib change phq9 18 9
  $ docscrib recommend --concern trauma_ptsd --feature avoidance
  $ docscrib formats`;

/** The `docscrib` command line. Returns the process exit code (bin/docscrib.js sets it). */
export async function main(argv: readonly string[], io: Io = processIo()): Promise<number> {
  let code: ExitCode = ExitCode.ok;
  const program = buildProgram(io, (c) => (code = worst(code, c)));
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Commander already printed the message (or the help / version).
      if (e.exitCode === 0) return ExitCode.ok;
      io.err('hint: run `docscrib --help` or `docscrib <command> --help` for usage and examples\n');
      return ExitCode.usage;
    }
    io.err(formatError(e, io.debug));
    return exitCodeFor(e);
  }
}

function buildProgram(io: Io, done: (code: ExitCode) => void): Command {
  const program = new Command('docscrib')
    .description(
      'DocScrib: therapy session transcript → evidence-linked progress note, with review rules.\n' +
        'Runs locally; nothing leaves this machine.',
    )
    .version(readVersion(), '-v, --version', 'print the version')
    .option('-q, --quiet', 'no progress or warnings on stderr')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => {
        io.out(s);
      },
      writeErr: (s) => {
        io.err(s);
      },
      outputError: (s, write) => {
        write(`docscrib: ${s.replace(/^error: /, '')}`);
      },
    })
    .showSuggestionAfterError()
    .addHelpText('after', EXIT_CODES_HELP);
  registerNote(program, io, done);
  registerTranscribe(program, io, done);
  registerAnalyze(program, io, done);
  registerReview(program, io, done);
  registerInterventions(program, io, done);
  registerScore(program, io, done);
  registerChange(program, io, done);
  registerRecommend(program, io, done);
  registerFormats(program, io, done);
  registerModels(program, io, done);
  registerAudit(program, io, done);
  registerBackup(program, io, done);
  registerRestore(program, io, done);
  registerServe(program, io, done);
  registerWorker(program, io, done);
  registerUser(program, io, done);
  return program;
}

/** The version from package.json, read at run time (../../package.json from src/cli or dist/cli). */
function readVersion(): string {
  try {
    const pkg: unknown = createRequire(import.meta.url)('../../package.json');
    if (typeof pkg === 'object' && pkg !== null && 'version' in pkg) return String(pkg.version);
  } catch {
    // fall through
  }
  return 'unknown';
}
