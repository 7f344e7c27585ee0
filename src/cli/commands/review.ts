import type { Command } from 'commander';
import { reviewNote } from '../../core/index.js';
import { assertReadableFiles } from '../../adapters/files.js';
import { readAnalysisFile, readNoteFile } from '../../adapters/note-file.js';
import { ExitCode } from '../errors.js';
import type { Io } from '../io.js';
import { countErrors, json, reviewText } from '../output.js';
import { loadRunContext } from '../pipeline.js';
import type { GlobalOptions } from './shared.js';

interface ReviewOptions extends GlobalOptions {
  analysis?: string;
  previous?: string;
  json?: boolean;
}

export function registerReview(program: Command, io: Io, done: (code: ExitCode) => void): void {
  program
    .command('review')
    .summary('check an existing note against the review rules')
    .description(
      'Run every review rule (four components, goal link, CPT time band, start/stop times,\n' +
        'risk follow-up, consent, distress monitoring, clone detection) on a JSON note written\n' +
        'by `docscrib note --json`. Exit code 1 when any finding is an error.',
    )
    .argument('<note>', 'note JSON (<name>.note.json)')
    .option(
      '-a, --analysis <file>',
      'the analysis the note came from (default: the one inside the note JSON, if any)',
    )
    .option('--previous <dir>', "directory of the client's earlier notes (clone detection)")
    .option('--json', 'JSON {review: findings}')
    .addHelpText(
      'after',
      `
Examples:
  $ docscrib review notes/session.note.json
  $ docscrib review notes/session.note.json --previous notes/earlier/ --json`,
    )
    .action(async (file: string, _opts: unknown, cmd: Command) => {
      done(await runReview(file, cmd.optsWithGlobals<ReviewOptions>(), io));
    });
}

async function runReview(file: string, opts: ReviewOptions, io: Io): Promise<ExitCode> {
  await assertReadableFiles([file], 'note');
  if (opts.analysis !== undefined) await assertReadableFiles([opts.analysis], 'analysis');
  const doc = await readNoteFile(file);
  const analysis =
    opts.analysis === undefined ? doc.analysis : await readAnalysisFile(opts.analysis);
  const ctx = await loadRunContext(opts, io, opts.quiet === true);
  const findings = reviewNote({
    note: doc.note,
    ...(analysis ? { analysis } : {}),
    ...(ctx.previousNotes ? { previousNotes: ctx.previousNotes } : {}),
  });
  io.out(opts.json ? json({ review: findings }) : reviewText(findings));
  return countErrors(findings) > 0 ? ExitCode.reviewErrors : ExitCode.ok;
}
