/**
 * Decoding any audio ffmpeg reads (wav, mp3, m4a, ogg, webm, flac, …) into the one PCM format the
 * speech engines take: 16 kHz, mono, signed 16-bit little-endian.
 *
 * `decodeToPcm` spawns ffmpeg and returns its output as a `Readable` with backpressure: when the
 * consumer stops reading, ffmpeg's stdout is paused, the OS pipe fills and ffmpeg blocks, so a
 * two-hour file never sits in memory. Input is a file path or a `Readable` piped to ffmpeg's stdin
 * (also with backpressure). Every chunk is a whole number of samples (even byte count).
 *
 * One channel of a multi-channel file can be picked (`channel`, 0-based: separate microphones per
 * speaker); otherwise all channels are mixed down. `channelmap` is used rather than `pan` because
 * `pan` silently yields silence for a channel the file does not have; `channelmap` fails, and the
 * failure becomes a clear error.
 *
 * Failure (not audio, damaged, no audio stream, no such channel, no samples at all) makes the
 * stream emit an
 * `audio.decode` `DocscribError` in our own words (a file with some damaged frames decodes to
 * what can be read, as ffmpeg does); ffmpeg's stderr is never passed on because it
 * can quote metadata tags (PHI). ffmpeg missing → `engine.unavailable`. Aborting `signal` kills
 * ffmpeg and the stream errors with an `AbortError`; destroying the stream kills ffmpeg too.
 */
import { spawn } from 'node:child_process';
import { Readable } from 'node:stream';
import { DocscribError } from '../../core/errors.js';
import { SAMPLE_RATE } from '../engine.js';
import {
  appendTail,
  decodeError,
  failureReason,
  programMissing,
  SAFE_INPUT_ARGS,
} from './ffmpeg.js';
import { WholeSamples } from './whole-samples.js';

/**
 * Audio conditioning for speech recognition, as extra ffmpeg `-af` filters (`filters` option):
 * - `highpass=f=80`: removes rumble, handling noise and DC below the voice;
 * - `lowpass=f=7600`: removes hiss above what 16 kHz audio can carry (anti-aliasing margin);
 * - `speechnorm=e=2:r=0.0001:l=1:t=0.05`: gentle loudness normalisation made for speech: raises
 *   quiet speech slowly (at most ×2 = +6 dB, channels linked), and leaves alone everything whose
 *   peaks stay under 5 % of full scale, i.e. background noise and silence.
 *
 * Why not `dynaudnorm` or `loudnorm`: they raise the gain in every pause and lower it when speech
 * starts, so steady noise becomes noise that swells by 10 dB between words, which an energy VAD
 * (ours, or any) takes for speech: exactly the audio Whisper turns into invented words. The VAD
 * tests decode noise and speech through this preset to keep it that way.
 *
 * The filters run after resampling to 16 kHz (cheap) and add no delay (fine for live audio).
 * Engines opt in; the VAD works with or without it (its noise floor is adaptive).
 */
export const AUDIO_CONDITIONING = 'highpass=f=80,lowpass=f=7600,speechnorm=e=2:r=0.0001:l=1:t=0.05';

export interface DecodeOptions {
  /** 0-based input channel to keep; default: mix all channels down to mono. */
  channel?: number;
  /** Abort: kills ffmpeg; the stream errors with an `AbortError`. */
  signal?: AbortSignal;
  /** Extra ffmpeg audio filters (comma-separated `-af` syntax), e.g. `AUDIO_CONDITIONING`. */
  filters?: string;
  /** The ffmpeg program (default `ffmpeg` on PATH). */
  ffmpeg?: string;
  /** How to name piped input in error messages (e.g. an upload's file name); never content. */
  name?: string;
}

/** The highest channel index we accept (ffmpeg's own limit is 64 channels). */
const MAX_CHANNEL = 63;

function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error && reason.name === 'AbortError') return reason;
  return new DOMException('The audio decoding was aborted.', 'AbortError');
}

/** The ffmpeg command line for one decode. */
export function decodeArgs(input: string | null, opts: DecodeOptions = {}): string[] {
  const filters: string[] = [];
  if (opts.channel !== undefined)
    filters.push(`channelmap=map=${opts.channel}:channel_layout=mono`);
  if (opts.filters !== undefined && opts.filters.trim() !== '') {
    filters.push(`aresample=${SAMPLE_RATE}`, opts.filters.trim());
  }
  return [
    '-hide_banner',
    '-nostdin',
    '-loglevel',
    'error',
    ...SAFE_INPUT_ARGS,
    // `file:` so a name such as `a:b.wav` or `-x.wav` is never read as a protocol or option.
    '-i',
    input === null ? 'pipe:0' : `file:${input}`,
    '-map',
    '0:a:0',
    '-vn',
    '-sn',
    '-dn',
    ...(filters.length > 0 ? ['-af', filters.join(',')] : []),
    '-f',
    's16le',
    '-acodec',
    'pcm_s16le',
    '-ac',
    '1',
    '-ar',
    String(SAMPLE_RATE),
    'pipe:1',
  ];
}

/**
 * Decode `input` (a file path, or a `Readable` of a whole audio file) to 16 kHz mono s16le PCM.
 * Returns at once; errors arrive on the stream (see the file comment).
 */
export function decodeToPcm(input: string | Readable, opts: DecodeOptions = {}): Readable {
  const { channel, signal } = opts;
  if (
    channel !== undefined &&
    !(Number.isInteger(channel) && channel >= 0 && channel <= MAX_CHANNEL)
  ) {
    throw new DocscribError(
      'usage',
      `Audio channel ${String(channel)} is not a channel number.`,
      `Give a channel from 0 (the first) to ${MAX_CHANNEL}.`,
    );
  }
  const path = typeof input === 'string' ? input : undefined;
  const name = path ?? opts.name;

  let child: ReturnType<typeof spawn> | null = null;
  let exited = false;
  const whole = new WholeSamples();

  const onAbort = (): void => {
    if (signal) out.destroy(abortError(signal));
  };

  const out = new Readable({
    highWaterMark: 64 * 1024,
    read() {
      child?.stdout?.resume();
    },
    destroy(err, callback) {
      signal?.removeEventListener('abort', onAbort);
      if (child !== null && !exited) child.kill('SIGKILL');
      if (typeof input !== 'string' && child?.stdin) input.unpipe(child.stdin);
      callback(err);
    },
  });

  if (signal?.aborted) {
    process.nextTick(() => out.destroy(abortError(signal)));
    return out;
  }
  signal?.addEventListener('abort', onAbort, { once: true });

  const proc = spawn(opts.ffmpeg ?? 'ffmpeg', decodeArgs(path ?? null, opts), {
    stdio: [path === undefined ? 'pipe' : 'ignore', 'pipe', 'pipe'],
  });
  child = proc;
  let stderr = '';
  let produced = 0;

  proc.on('error', (e: NodeJS.ErrnoException) => {
    exited = true;
    out.destroy(e.code === 'ENOENT' ? programMissing('ffmpeg') : e);
  });

  if (typeof input !== 'string' && proc.stdin) {
    const stdin = proc.stdin;
    // ffmpeg may stop reading early (it failed, or we killed it): that EPIPE is not the error.
    stdin.on('error', () => undefined);
    input.on('error', (e) => out.destroy(e));
    input.pipe(stdin);
  }

  proc.stderr?.setEncoding('utf8');
  proc.stderr?.on('data', (s: string) => (stderr = appendTail(stderr, s)));

  proc.stdout?.on('data', (chunk: Buffer) => {
    const data = whole.take(chunk);
    produced += data.length;
    if (data.length > 0 && !out.push(data)) proc.stdout?.pause();
  });

  proc.on('close', (code) => {
    exited = true;
    signal?.removeEventListener('abort', onAbort);
    if (out.destroyed) return;
    if (code === 0 && produced > 0) out.push(null);
    else if (code === 0) {
      // ffmpeg is lenient: a file whose every frame is damaged "succeeds" with no samples.
      out.destroy(
        decodeError(
          name,
          stderr.trim() === ''
            ? 'contains no decodable audio'
            : failureReason(stderr, path === undefined),
        ),
      );
    } else out.destroy(decodeError(name, failureReason(stderr, path === undefined)));
  });

  return out;
}
