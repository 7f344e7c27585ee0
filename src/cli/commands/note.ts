import type { Command } from 'commander';
import { basename } from 'node:path';
import {
  parseTranscript,
  renderMarkdown,
  type Finding,
  type NoteFormat,
} from '../../core/index.js';
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
import { speechToCoreJson } from '../../speech/transcript.js';
import {
  analyzeFile,
  analyzeTranscript,
  loadRunContext,
  writeAndReview,
  type Analyzed,
} from '../pipeline.js';
import {
  engineFromOptions,
  forRecording,
  isAudioFile,
  speechOptions,
  speechSourceNotice,
  transcribeWithProgress,
  transcriptSummary,
  type SpeechOptions,
} from '../speech.js';
import type { SpeechEngine } from '../../speech/engine.js';
import type { SpeechTranscript } from '../../speech/schema.js';
import type { GlobalOptions } from './shared.js';

interface NoteOptions extends InputOptions, GlobalOptions, SpeechOptions {
  format: NoteFormat;
  previous?: string;
  out?: string;
  json?: boolean;
}

export function registerNote(program: Command, io: Io, done: (code: ExitCode) => void): void {
  const cmd = program
    .command('note')
    .summary('write a progress note for each transcript, then review it')
    .description(
      'Read each transcript, analyse it, write a progress note and review the note.\n' +
        'One file without --out: the Markdown note and its review go to stdout.\n' +
        'With --out: <name>.note.md (and <name>.note.json with --json) per input, and one\n' +
        'summary line per file (counts only). Exit code 1 when the review finds an error.\n' +
        'Audio files (wav, mp3, m4a, ogg, webm, flac…) are transcribed first, as with\n' +
        '`docscrib transcribe` (--engine, --model, --base-url, --speakers).',
    )
    .argument('<files...>', 'transcript or audio files')
    .addOption(noteFormatOption())
    .addOption(planOption())
    .option('--previous <dir>', "directory of the client's earlier notes (clone detection)")
    .option('-o, --out <dir>', 'write one note per input into this directory (created if needed)')
    .option('--json', 'JSON {note, review, analysis} instead of Markdown')
    .addOption(inputFormatOption())
    .addOption(rolesOption());
  for (const option of speechOptions()) cmd.addOption(option);
  cmd
    .addHelpText(
      'after',
      `
Examples:
  $ docscrib note session.txt
  $ docscrib note session.vtt --format birp --plan plan.json
  $ docscrib note sessions/*.txt --out notes/ --json --previous notes/earlier/
  $ docscrib note call.json --roles "Speaker 1=clinician,Speaker 2=client"
  $ docscrib note session.wav --roles "Speaker 1=clinician"
  $ docscrib note session.m4a --engine whisper --model ggml-base.en.bin`,
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

  // The speech engine, made (and checked) on the first audio file.
  let engine: Promise<SpeechEngine> | undefined;
  const speechEngine = (): Promise<SpeechEngine> =>
    (engine ??= engineFromOptions(opts).then(async (e) => {
      await e.check();
      return e;
    }));

  return runBatch(files, io, quiet, async (file, out, index) => {
    let speech: SpeechTranscript | undefined;
    let analyzed: Analyzed;
    if (await isAudioFile(file)) {
      speech = await transcribeWithProgress(
        file,
        {
          engine: await speechEngine(),
          quiet,
          ...(opts.speakers === undefined ? {} : { speakers: opts.speakers }),
          ...(opts.roles ? { roles: opts.roles } : {}),
        },
        out,
      );
      const transcript = forRecording(
        parseTranscript(speechToCoreJson(speech), {
          format: 'json',
          ...(opts.roles ? { roles: opts.roles } : {}),
        }),
        opts.speakers,
      );
      if (!quiet) {
        out.err(`docscrib: ${transcriptSummary(file, speech)}\n`);
        out.err(
          `docscrib: note: ${file}: ${speechSourceNotice(speech)} Check the note against the recording.\n`,
        );
      }
      analyzed = analyzeTranscript(file, basename(file), transcript, ctx, out, quiet);
    } else {
      analyzed = await analyzeFile(file, opts, ctx, out, quiet);
    }
    const { fileName, analysis } = analyzed;
    const written = writeAndReview(analysis, opts.format, ctx);
    const { note } = written;
    const review = speech ? [speechFinding(speech), ...written.review] : written.review;
    const markdown = `${renderMarkdown(note).trimEnd()}\n\n${reviewMarkdown(review)}`;
    const document = json({
      note,
      review,
      analysis,
      ...(speech ? { source: speechSource(speech) } : {}),
    });
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

/**
 * The core note has no field for where its transcript came from: a note drafted from speech
 * carries a review finding that says so (a warning for a draft-quality engine), in the Markdown
 * review and the JSON `review`, and the JSON gets a `source`.
 */
function speechFinding(t: SpeechTranscript): Finding {
  const draft = t.quality === 'draft';
  return {
    ruleId: 'speech-transcript',
    severity: draft ? 'warning' : 'info',
    message: speechSourceNotice(t),
    fixHint: draft
      ? 'Check the note against the recording before signing: a draft-quality engine mishears words, and speakers or roles may be wrong (--roles "Speaker 1=clinician" fixes roles).'
      : 'Check the note against the recording before signing; fix roles with --roles "Speaker 1=clinician" if a speaker is wrong.',
    source: 'DocScrib speech pipeline',
  };
}

function speechSource(t: SpeechTranscript): object {
  return {
    kind: 'speech',
    engine: t.engine,
    model: t.model,
    quality: t.quality,
    durationSec: t.durationSec,
    diarization: t.diarization,
    speakers: t.speakers,
    warnings: t.warnings,
  };
}
