import type { Command } from 'commander';
import { renderMarkdown, type NoteFormat } from '../../core/index.js';
import {
  assertReadableFiles,
  ensureDir,
  plannedOutputs,
  writeFileAtomic,
} from '../../adapters/files.js';
import { runBatch } from '../batch.js';
import { ExitCode, usageError } from '../errors.js';
import type { Io } from '../io.js';
import {
  inputFormatOption,
  noteFormatOption,
  planOption,
  rolesOption,
  type InputOptions,
} from '../options.js';
import { countErrors, json, plural, reviewMarkdown } from '../output.js';
import { analyzeFile, loadRunContext, writeAndReview } from '../pipeline.js';
import type { GlobalOptions } from './shared.js';

interface NoteOptions extends InputOptions, GlobalOptions {
  format: NoteFormat;
  previous?: string;
  out?: string;
  json?: boolean;
}

export function registerNote(program: Command, io: Io, done: (code: ExitCode) => void): void {
  program
    .command('note')
    .summary('write a progress note for each transcript, then review it')
    .description(
      'Read each transcript, analyse it, write a progress note and review the note.\n' +
        'One file without --out: the Markdown note and its review go to stdout.\n' +
        'With --out: <name>.note.md (and <name>.note.json with --json) per input, and one\n' +
        'summary line per file (counts only). Exit code 1 when the review finds an error.',
    )
    .argument('<files...>', 'transcript files')
    .addOption(noteFormatOption())
    .addOption(planOption())
    .option('--previous <dir>', "directory of the client's earlier notes (clone detection)")
    .option('-o, --out <dir>', 'write one note per input into this directory (created if needed)')
    .option('--json', 'JSON {note, review, analysis} instead of Markdown')
    .addOption(inputFormatOption())
    .addOption(rolesOption())
    .addHelpText(
      'after',
      `
Examples:
  $ docscrib note session.txt
  $ docscrib note session.vtt --format birp --plan plan.json
  $ docscrib note sessions/*.txt --out notes/ --json --previous notes/earlier/
  $ docscrib note call.json --roles "Speaker 1=clinician,Speaker 2=client"`,
    )
    .action(async (files: string[], _opts: unknown, cmd: Command) => {
      done(await runNote(files, cmd.optsWithGlobals<NoteOptions>(), io));
    });
}

async function runNote(files: string[], opts: NoteOptions, io: Io): Promise<ExitCode> {
  const quiet = opts.quiet === true;
  if (files.length > 1 && opts.out === undefined) {
    throw usageError(
      `${files.length} files given without --out.`,
      'Use --out <dir> to write one note per file, or give a single file to print its note.',
    );
  }
  await assertReadableFiles(files);
  const ctx = await loadRunContext(opts, io, quiet);
  const outDir = opts.out;
  const outputs =
    outDir === undefined
      ? undefined
      : await plannedOutputs(files, outDir, opts.json ? ['.note.md', '.note.json'] : ['.note.md']);
  if (outDir !== undefined) await ensureDir(outDir);

  return runBatch(files, io, quiet, async (file, out, index) => {
    const { fileName, analysis } = await analyzeFile(file, opts, ctx, out, quiet);
    const { note, review } = writeAndReview(analysis, opts.format, ctx);
    const markdown = `${renderMarkdown(note).trimEnd()}\n\n${reviewMarkdown(review)}`;
    const document = json({ note, review, analysis });
    const paths = outputs?.[index];
    if (paths) {
      const [mdPath, jsonPath] = paths;
      if (mdPath) await writeFileAtomic(mdPath, markdown);
      if (jsonPath) await writeFileAtomic(jsonPath, document);
      const errors = countErrors(review);
      out.out(
        `${fileName}: ${note.interventions.length} intervention${plural(note.interventions.length)}, ` +
          `${review.length} finding${plural(review.length)} (${errors} error${plural(errors)}) → ${paths.join(', ')}\n`,
      );
    } else {
      out.out(opts.json ? document : markdown);
    }
    return countErrors(review) > 0 ? ExitCode.reviewErrors : ExitCode.ok;
  });
}
