/**
 * `docscrib transcribe <audio...>`: recordings → speaker-labelled transcripts (TXT in the line
 * format `docscrib note` reads, WebVTT with voices, or the SpeechTranscript JSON), with the
 * speech engine chosen per run.
 */
import type { Command } from 'commander';
import { Option } from 'commander';
import {
  assertReadableFiles,
  ensureDir,
  plannedOutputs,
  writeFileAtomic,
} from '../../adapters/files.js';
import { SpeechTranscriptSchema, type SpeechTranscript } from '../../speech/schema.js';
import { toTxt, toVtt } from '../../speech/transcript.js';
import { runBatch } from '../batch.js';
import { ExitCode, usageError } from '../errors.js';
import type { Io } from '../io.js';
import { rolesOption } from '../options.js';
import { json } from '../output.js';
import {
  engineFromOptions,
  speechOptions,
  transcribeWithProgress,
  transcriptSummary,
  withTextFileHint,
  type SpeechOptions,
} from '../speech.js';
import type { GlobalOptions } from './shared.js';
import type { Role } from '../../core/index.js';

type OutputKind = 'txt' | 'vtt' | 'json';

interface TranscribeOptions extends SpeechOptions, GlobalOptions {
  json?: boolean;
  vtt?: boolean;
  txt?: boolean;
  out?: string;
  roles?: Record<string, Role>;
}

export function registerTranscribe(program: Command, io: Io, done: (code: ExitCode) => void): void {
  const cmd = program
    .command('transcribe')
    .summary('transcribe recordings into speaker-labelled transcripts')
    .description(
      'Transcribe each recording (wav, mp3, m4a, ogg, webm, flac…) with a speech\n' +
        'engine and tell the speakers apart (Speaker 1, Speaker 2…, roles inferred\n' +
        'from how they talk). pocketsphinx runs offline and gives a draft to check;\n' +
        'whisper needs a model file (see `docscrib models`); openai sends the audio\n' +
        'to the server you configure.\n' +
        'One file without --out: the transcript goes to stdout, a summary to stderr.\n' +
        'With --out: <name>.transcript.{txt,vtt,json} per input, one summary line\n' +
        'per file.',
    )
    .argument('<audio...>', 'audio files');
  for (const option of speechOptions()) cmd.addOption(option);
  cmd
    .addOption(new Option('--json', 'the SpeechTranscript JSON').conflicts(['vtt', 'txt']))
    .addOption(new Option('--vtt', 'WebVTT with <v Speaker N> voices').conflicts(['json', 'txt']))
    .addOption(
      new Option('--txt', '"[00:01:05] Speaker 1: text" lines (default)').conflicts([
        'json',
        'vtt',
      ]),
    )
    .option('-o, --out <dir>', 'write one transcript per input into this directory')
    .addOption(rolesOption())
    .addHelpText(
      'after',
      `
Environment:
  DOCSCRIB_SPEECH_ENGINE    default engine (pocketsphinx, whisper, openai)
  DOCSCRIB_MODELS_DIR       where whisper model files are (see \`docscrib models\`)
  DOCSCRIB_SPEECH_BASE_URL  openai engine: server base URL (or --base-url)
  DOCSCRIB_SPEECH_API_KEY   openai engine: API key (never written anywhere)

Examples:
  # Transcribe a recording and draft its note in one step:
  $ docscrib note session.wav
  # The transcript alone, to read or correct before drafting the note:
  $ docscrib transcribe session.wav > session.txt
  $ docscrib note session.txt
  # Other engines, formats and batches:
  $ docscrib transcribe session.m4a --engine whisper --model ggml-base.en.bin --vtt
  $ docscrib transcribe recordings/*.wav --out transcripts/ --json --speakers 2
  $ DOCSCRIB_SPEECH_BASE_URL=http://127.0.0.1:8080/v1 docscrib transcribe call.mp3 --engine openai`,
    )
    .action(async (files: string[], _opts: unknown, c: Command) => {
      done(await runTranscribe(files, c.optsWithGlobals<TranscribeOptions>(), io));
    });
}

const RENDER: Record<OutputKind, (t: SpeechTranscript) => string> = {
  txt: (t) => toTxt(t),
  vtt: (t) => toVtt(t),
  json: (t) => json(SpeechTranscriptSchema.parse(t)),
};

async function runTranscribe(files: string[], opts: TranscribeOptions, io: Io): Promise<ExitCode> {
  const quiet = opts.quiet === true;
  const kind: OutputKind = opts.json ? 'json' : opts.vtt ? 'vtt' : 'txt';
  if (files.length > 1 && opts.out === undefined) {
    throw usageError(
      `${files.length} files given without --out.`,
      'Use --out <dir> to write one transcript per file, or give a single file to print its transcript.',
    );
  }
  await assertReadableFiles(files, 'audio');
  const engine = await engineFromOptions(opts);
  // A missing program, model or server setting is reported once, before any file is read.
  await engine.check();
  const outDir = opts.out;
  const outputs =
    outDir === undefined ? undefined : await plannedOutputs(files, outDir, [`.transcript.${kind}`]);
  if (outDir !== undefined) await ensureDir(outDir);

  return runBatch(files, io, quiet, async (file, out, index) => {
    let transcript: SpeechTranscript;
    try {
      transcript = await transcribeWithProgress(
        file,
        {
          engine,
          quiet,
          ...(opts.speakers === undefined ? {} : { speakers: opts.speakers }),
          ...(opts.roles ? { roles: opts.roles } : {}),
        },
        out,
      );
    } catch (e) {
      throw await withTextFileHint(e, file);
    }
    const text = RENDER[kind](transcript);
    const path = outputs?.[index]?.[0];
    const summary = transcriptSummary(file, transcript);
    if (path) {
      await writeFileAtomic(path, text);
      out.out(`${summary} → ${path}\n`);
    } else {
      out.out(text);
      if (!quiet) out.err(`docscrib: ${summary}\n`);
    }
    if (!quiet) {
      for (const w of transcript.warnings) out.err(`docscrib: warning: ${file}: ${w}\n`);
      if (transcript.quality === 'draft') {
        out.err(
          `docscrib: note: ${transcript.engine} is a draft-quality engine; check the words against the recording.\n`,
        );
      }
    }
    return ExitCode.ok;
  });
}
