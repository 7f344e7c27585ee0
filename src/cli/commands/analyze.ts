import type { Command } from 'commander';
import {
  assertReadableFiles,
  ensureDir,
  plannedOutputs,
  writeFileAtomic,
} from '../../adapters/files.js';
import { runBatch } from '../batch.js';
import { ExitCode, usageError } from '../errors.js';
import type { Io } from '../io.js';
import { inputFormatOption, planOption, rolesOption, type InputOptions } from '../options.js';
import { json, plural } from '../output.js';
import { analyzeFile, loadRunContext } from '../pipeline.js';
import type { GlobalOptions } from './shared.js';

interface AnalyzeCommandOptions extends InputOptions, GlobalOptions {
  out?: string;
  json?: boolean;
}

export function registerAnalyze(program: Command, io: Io, done: (code: ExitCode) => void): void {
  program
    .command('analyze')
    .summary('write the evidence-linked analysis JSON of each transcript')
    .description(
      'Analyse each transcript: interventions with evidence, client response, progress\n' +
        'indicators, risk, homework, consent, goals, session timing. Output is always JSON\n' +
        '(schemaVersion 1). One file without --out: printed to stdout. With --out:\n' +
        '<name>.analysis.json per input.',
    )
    .argument('<files...>', 'transcript files')
    .option('--json', 'JSON output (the default; accepted for symmetry with other commands)')
    .option('-o, --out <dir>', 'write one <name>.analysis.json per input (created if needed)')
    .addOption(planOption())
    .addOption(inputFormatOption())
    .addOption(rolesOption())
    .addHelpText(
      'after',
      `
Examples:
  $ docscrib analyze session.txt > session.analysis.json
  $ docscrib analyze sessions/*.txt --out analyses/ --plan plan.json`,
    )
    .action(async (files: string[], _opts: unknown, cmd: Command) => {
      done(await runAnalyze(files, cmd.optsWithGlobals<AnalyzeCommandOptions>(), io));
    });
}

async function runAnalyze(files: string[], opts: AnalyzeCommandOptions, io: Io): Promise<ExitCode> {
  const quiet = opts.quiet === true;
  if (files.length > 1 && opts.out === undefined) {
    throw usageError(
      `${files.length} files given without --out.`,
      'Use --out <dir> to write one <name>.analysis.json per file, or give a single file to print its analysis.',
    );
  }
  await assertReadableFiles(files);
  const ctx = await loadRunContext(opts, io, quiet);
  const outDir = opts.out;
  const outputs =
    outDir === undefined ? undefined : await plannedOutputs(files, outDir, ['.analysis.json']);
  if (outDir !== undefined) await ensureDir(outDir);

  return runBatch(files, io, quiet, async (file, out, index) => {
    const { fileName, analysis } = await analyzeFile(file, opts, ctx, out, quiet);
    const path = outputs?.[index]?.[0];
    if (path === undefined) {
      out.out(json(analysis));
    } else {
      await writeFileAtomic(path, json(analysis));
      const n = analysis.interventions.length;
      out.out(
        `${fileName}: ${analysis.utterances.length} utterances, ${n} intervention${plural(n)} → ${path}\n`,
      );
    }
    return ExitCode.ok;
  });
}
