/**
 * What `docscrib transcribe` and `docscrib note <audio>` share: the engine options (`--engine`,
 * `--model`, `--base-url`, `--speakers`) with their environment defaults, telling audio files from
 * transcripts, and transcribing one file with progress on stderr.
 *
 * The speech modules are imported only when a file is transcribed, so commands that never touch
 * audio start as fast as before.
 */
import { open } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import cliProgress from 'cli-progress';
import { InvalidArgumentError, Option } from 'commander';
import { DocscribError, isDocscribError } from '../core/errors.js';
import type { Role, Transcript } from '../core/transcript/schema.js';
import type { SpeechEngine } from '../speech/engine.js';
import { speechOneVoiceWarning, withOneVoiceWarning } from '../speech/messages.js';
import {
  EngineIdSchema,
  SpeechSettingsSchema,
  type EngineId,
  type SpeechTranscript,
} from '../speech/schema.js';
import { usageError } from './errors.js';
import type { Io } from './io.js';

/** Options of the commands that transcribe audio. */
export interface SpeechOptions {
  engine?: EngineId;
  model?: string;
  baseUrl?: string;
  speakers?: number;
}

export const ENGINE_ENV = 'DOCSCRIB_SPEECH_ENGINE';
export const BASE_URL_ENV = 'DOCSCRIB_SPEECH_BASE_URL';
export const API_KEY_ENV = 'DOCSCRIB_SPEECH_API_KEY';

export function speechOptions(): Option[] {
  return [
    new Option(
      '-e, --engine <engine>',
      `speech engine (default: $${ENGINE_ENV}, else pocketsphinx)`,
    ).choices(EngineIdSchema.options),
    new Option(
      '-m, --model <model>',
      'whisper: model file name in the models directory or a path (see `docscrib models`); ' +
        'openai: model name sent to the server; pocketsphinx: therapy (default) or general',
    ),
    new Option(
      '--base-url <url>',
      `openai engine: base URL of an OpenAI-compatible server, e.g. http://127.0.0.1:8080/v1 (default: $${BASE_URL_ENV}); key from $${API_KEY_ENV}`,
    ),
    new Option('--speakers <n>', 'number of speakers, when known (default: detected)').argParser(
      parseSpeakers,
    ),
  ];
}

function parseSpeakers(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 10) {
    throw new InvalidArgumentError('give a whole number of speakers from 1 to 10.');
  }
  return n;
}

/** `--engine`, else `$DOCSCRIB_SPEECH_ENGINE`, else pocketsphinx. */
function engineId(opts: SpeechOptions, env: NodeJS.ProcessEnv): EngineId {
  if (opts.engine) return opts.engine;
  const fromEnv = env[ENGINE_ENV]?.trim();
  if (fromEnv === undefined || fromEnv === '') return 'pocketsphinx';
  const parsed = EngineIdSchema.safeParse(fromEnv);
  if (!parsed.success) {
    throw usageError(
      `${ENGINE_ENV} names no speech engine.`,
      `Set it to one of ${EngineIdSchema.options.join(', ')}, or give --engine.`,
    );
  }
  return parsed.data;
}

/** The engine the options and the environment choose. Throws for a configuration it cannot use. */
export async function engineFromOptions(
  opts: SpeechOptions,
  env: NodeJS.ProcessEnv = process.env,
): Promise<SpeechEngine> {
  const id = engineId(opts, env);
  const baseUrl = opts.baseUrl ?? (env[BASE_URL_ENV]?.trim() || undefined);
  const parsed = SpeechSettingsSchema.safeParse({
    engine: id,
    ...(id === 'openai' && baseUrl !== undefined ? { openaiBaseUrl: baseUrl } : {}),
  });
  if (!parsed.success) {
    throw usageError(
      `The speech server base URL (${opts.baseUrl === undefined ? BASE_URL_ENV : '--base-url'}) is not an http(s) URL.`,
      'Give the server’s base URL, e.g. http://127.0.0.1:8080/v1.',
    );
  }
  const [{ createEngine, OPENAI_BASE_URL_MISSING }, { modelsDir }] = await Promise.all([
    import('../speech/registry.js'),
    import('../speech/models.js'),
  ]);
  if (id === 'openai' && parsed.data.openaiBaseUrl === undefined) {
    // The registry's error points at the practice setting (field openaiBaseUrl); on the command
    // line the base URL comes from an option or the environment, so say only those.
    throw new DocscribError(
      'engine.unavailable',
      OPENAI_BASE_URL_MISSING,
      `Give --base-url http://127.0.0.1:8080/v1 or set ${BASE_URL_ENV}; or use --engine pocketsphinx, which runs offline.`,
    );
  }
  const apiKey = env[API_KEY_ENV];
  return createEngine(id, {
    settings: parsed.data,
    modelsDir: modelsDir(env),
    ...(apiKey ? { apiKey } : {}),
    ...(opts.model === undefined ? {} : { model: opts.model }),
  });
}

/** Extensions read as audio (anything ffmpeg reads can be given to `transcribe`). */
export const AUDIO_EXTENSIONS = new Set([
  '.wav',
  '.mp3',
  '.m4a',
  '.ogg',
  '.oga',
  '.opus',
  '.webm',
  '.flac',
  '.mp4',
  '.aac',
]);

/**
 * Whether a file is audio: by its extension, else by its first bytes (RIFF/WAVE, ID3 or an MPEG
 * frame, fLaC, OggS, an ISO media `ftyp` box, EBML/WebM).
 */
export async function isAudioFile(path: string): Promise<boolean> {
  if (AUDIO_EXTENSIONS.has(extname(path).toLowerCase())) return true;
  let head: Buffer;
  try {
    const handle = await open(path, 'r');
    try {
      head = Buffer.alloc(12);
      const { bytesRead } = await handle.read(head, 0, 12, 0);
      head = head.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch {
    return false; // unreadable: the transcript reader reports it with its own message
  }
  return audioMagic(head);
}

export function audioMagic(head: Buffer): boolean {
  const ascii = (from: number, to: number): string => head.subarray(from, to).toString('latin1');
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WAVE') return true;
  if (ascii(0, 4) === 'fLaC' || ascii(0, 4) === 'OggS' || ascii(0, 3) === 'ID3') return true;
  if (ascii(4, 8) === 'ftyp') return true;
  if (head.length >= 4 && head.readUInt32BE(0) === 0x1a45dfa3) return true;
  // An MPEG audio frame: 11 sync bits, then layer III or II (layer I, bits 11, is left out:
  // `FF FE` is also the UTF-16 byte order mark of a text transcript).
  const b0 = head[0];
  const b1 = head[1];
  const layer = (b1 ?? 0) & 0x06;
  return b0 === 0xff && b1 !== undefined && (b1 & 0xe0) === 0xe0 && (layer === 2 || layer === 4);
}

/** `75.4` → `1:15`, `3725` → `1:02:05`. */
export function duration(seconds: number): string {
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor(s / 60) % 60;
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

export interface TranscribeRun {
  engine: SpeechEngine;
  speakers?: number;
  roles?: Record<string, Role>;
  quiet: boolean;
}

/**
 * Transcribe one file, showing progress on stderr: a bar (percentage of the audio the engine has
 * consumed) when stderr is a terminal, otherwise one line when it starts. Throws `input.empty`
 * ("No speech found in <file>") when the engine heard nothing: an empty transcript never
 * becomes a note.
 */
export async function transcribeWithProgress(
  file: string,
  run: TranscribeRun,
  io: Io,
): Promise<SpeechTranscript> {
  const { transcribeFile } = await import('../speech/pipeline.js');
  const name = basename(file);
  const bar =
    !run.quiet && io.stderrIsTTY
      ? new cliProgress.SingleBar(
          {
            stream: io.progressStream,
            format: `docscrib {bar} {percentage}% {file} {stage}`,
            clearOnComplete: true,
            hideCursor: true,
          },
          cliProgress.Presets.shades_classic,
        )
      : undefined;
  const progress = { started: false };
  try {
    const transcript = await transcribeFile(file, {
      engine: run.engine,
      ...(run.speakers === undefined ? {} : { speakers: run.speakers }),
      ...(run.roles ? { roles: run.roles } : {}),
      onStage: (stage) => {
        if (stage === 'recognising') {
          progress.started = true;
          if (bar) bar.start(100, 0, { file: name, stage: 'recognising' });
          else if (!run.quiet) {
            io.err(
              `docscrib: transcribing ${file} with ${run.engine.id}` +
                `${run.engine.model ? ` (${run.engine.model})` : ''}…\n`,
            );
          }
        } else if (bar && progress.started) bar.update({ stage: 'telling speakers apart' });
      },
      onProgress: (seconds, total) => {
        if (bar && progress.started && total > 0) bar.update(Math.floor((seconds / total) * 100));
      },
    });
    if (bar && progress.started) bar.update(100);
    if (transcript.segments.length === 0) {
      throw new DocscribError(
        'input.empty',
        `No speech found in ${file}.`,
        'Check that the recording has speech and is not silent or muted (play it back); a very quiet recording may need its volume raised.',
        { file },
      );
    }
    return transcript;
  } finally {
    bar?.stop();
  }
}

/** One line about a transcript for stderr/stdout: counts, speakers and roles, engine, quality. */
export function transcriptSummary(file: string, t: SpeechTranscript): string {
  const speakers = t.speakers
    .map((s) => `${s.label} ${s.role}${s.roleSource === 'inferred' ? ' (inferred)' : ''}`)
    .join(', ');
  return (
    `${basename(file)}: ${duration(t.durationSec)} of audio, ${t.segments.length} segment${t.segments.length === 1 ? '' : 's'}, ` +
    `${t.speakers.length} speaker${t.speakers.length === 1 ? '' : 's'} (${speakers}); ` +
    `${t.engine}${t.model ? ` ${t.model}` : ''}, ${t.quality} quality`
  );
}

/** What a note drafted from a speech-engine transcript must say about its source. */
export function speechSourceNotice(t: SpeechTranscript): string {
  const draft = t.quality === 'draft';
  return (
    `Drafted from a speech-engine transcript (${t.engine}${t.model ? `, ${t.model}` : ''}; ${t.quality} quality${draft ? ': words may be misheard' : ''}; ` +
    `speakers ${t.diarization === 'none' ? 'not separated' : `separated by ${t.diarization}`}, roles ${t.speakers.some((s) => s.roleSource === 'inferred') ? 'inferred' : 'as given'}).`
  );
}

/**
 * A transcript recognised from audio, its parse warnings worded for a recording: the core's
 * advice for a one-speaker transcript ("use a transcript with speaker labels") does not help
 * someone who gave a recording. `speakers`: the `--speakers` given, if any.
 */
export function forRecording(transcript: Transcript, speakers?: number): Transcript {
  return withOneVoiceWarning(
    transcript,
    speechOneVoiceWarning('cli', { speakersGiven: speakers !== undefined && speakers > 1 }),
  );
}

/** How much of a file is read to tell a text file from audio. */
const TEXT_SNIFF_BYTES = 64 * 1024;

/** Whether `path` starts as readable UTF-8 text (no NUL bytes, valid UTF-8); false when unreadable. */
export async function isUtf8TextFile(path: string): Promise<boolean> {
  let head: Buffer;
  try {
    const handle = await open(path, 'r');
    try {
      head = Buffer.alloc(TEXT_SNIFF_BYTES);
      const { bytesRead } = await handle.read(head, 0, TEXT_SNIFF_BYTES, 0);
      head = head.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch {
    return false;
  }
  if (head.length === 0 || head.includes(0)) return false;
  try {
    // `stream`: a character cut at the end of the sample is not an error.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/**
 * An audio decoding error for a file that is in fact text (a transcript given to `transcribe`)
 * gets a hint pointing at `docscrib note`; anything else is returned as it is.
 */
export async function withTextFileHint(e: unknown, file: string): Promise<unknown> {
  if (!isDocscribError(e) || e.code !== 'audio.decode') return e;
  if (!(await isUtf8TextFile(file))) return e;
  return new DocscribError(
    e.code,
    e.message,
    `${basename(file)} is a text file. For a written transcript use \`docscrib note ${file}\`.`,
    e.location,
  );
}
