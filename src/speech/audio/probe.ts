/**
 * What is in an audio file, from ffprobe: duration, channels, codec and sample rate of its first
 * audio stream. Used before decoding (progress, upload checks, "two speakers on two channels?").
 *
 * Failures are `DocscribError`s: `audio.decode` naming the file (base name) and what was wrong
 * (missing, not audio, no audio stream, empty), with a hint listing the supported formats;
 * `engine.unavailable` when ffprobe is not installed. ffprobe's own output never reaches a message
 * (tags can hold PHI).
 */
import { spawn } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { z } from 'zod';
import { PCM_BYTES_PER_SECOND } from '../engine.js';
import { decodeToPcm } from './decode.js';
import {
  appendTail,
  decodeError,
  failureReason,
  programMissing,
  SAFE_INPUT_ARGS,
} from './ffmpeg.js';

export interface AudioInfo {
  /** Seconds of audio in the first audio stream. */
  durationSec: number;
  channels: number;
  /** ffmpeg's codec name: `pcm_s16le`, `mp3`, `aac`, `opus`, `vorbis`, `flac`, … */
  codec: string;
  /** The stream's own sample rate (before any resampling to 16 kHz). */
  sampleRate: number;
}

export interface ProbeOptions {
  /** The ffprobe program (default `ffprobe` on PATH). */
  ffprobe?: string;
  /** The ffmpeg program, used only when the file states no duration (default `ffmpeg`). */
  ffmpeg?: string;
}

/** ffprobe numbers arrive as strings ("22050", "2.916000"); absent or "N/A" when unknown. */
const NumberText = z
  .union([z.string(), z.number()])
  .optional()
  .transform((v) => {
    const n = typeof v === 'number' ? v : Number(v);
    return v === undefined || !Number.isFinite(n) ? undefined : n;
  });

const ProbeOutputSchema = z.object({
  streams: z
    .array(
      z.object({
        codec_type: z.string().optional(),
        codec_name: z.string().optional(),
        sample_rate: NumberText,
        channels: z.number().int().optional(),
        duration: NumberText,
      }),
    )
    .default([]),
  format: z.object({ duration: NumberText }).partial().optional(),
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Longest ffprobe JSON we accept (tags included): far above any real file's. */
const MAX_PROBE_OUTPUT = 4 * 1024 * 1024;

function run(program: string, args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let outBytes = 0;
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => {
      outBytes += b.length;
      if (outBytes <= MAX_PROBE_OUTPUT) out.push(b);
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (s: string) => (stderr = appendTail(stderr, s)));
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr });
    });
  });
}

/** Count the seconds of a file that states no duration by decoding it (streamed, not kept). */
async function decodedSeconds(path: string, ffmpeg: string | undefined): Promise<number> {
  let bytes = 0;
  for await (const chunk of decodeToPcm(path, ffmpeg === undefined ? {} : { ffmpeg })) {
    bytes += (chunk as Buffer).length;
  }
  return bytes / PCM_BYTES_PER_SECOND;
}

/**
 * Probe an audio file. Resolves with its first audio stream's facts; rejects with `audio.decode`
 * (missing, not audio, damaged, no audio stream, no samples) or `engine.unavailable` (no ffprobe).
 */
export async function probeAudio(path: string, opts: ProbeOptions = {}): Promise<AudioInfo> {
  const program = opts.ffprobe ?? 'ffprobe';
  const info = await stat(path).catch(() => null);
  if (info === null) throw decodeError(path, 'does not exist');
  if (info.isDirectory()) throw decodeError(path, 'is a directory, not an audio file');
  if (info.size === 0) throw decodeError(path, 'is empty');

  let result: Run;
  try {
    result = await run(program, [
      '-v',
      'error',
      '-print_format',
      'json',
      '-show_streams',
      '-show_format',
      ...SAFE_INPUT_ARGS,
      // `file:` so a name such as `a:b.wav` or `-x.wav` is never read as a protocol or option.
      `file:${path}`,
    ]);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw programMissing('ffprobe');
    throw e;
  }
  if (result.code !== 0) throw decodeError(path, failureReason(result.stderr));

  let json: unknown;
  try {
    json = JSON.parse(result.stdout);
  } catch {
    throw decodeError(path, 'could not be read as audio');
  }
  const parsed = ProbeOutputSchema.safeParse(json);
  if (!parsed.success) throw decodeError(path, 'could not be read as audio');

  const stream = parsed.data.streams.find((s) => s.codec_type === 'audio');
  if (stream === undefined) throw decodeError(path, 'has no audio stream');

  let durationSec = stream.duration ?? parsed.data.format?.duration;
  // Some files (a browser's MediaRecorder webm, raw streams) do not state a length: count it.
  durationSec ??= await decodedSeconds(path, opts.ffmpeg);
  if (!(durationSec > 0)) throw decodeError(path, 'contains no audio samples');

  return {
    durationSec,
    channels: stream.channels ?? 1,
    codec: stream.codec_name ?? 'unknown',
    sampleRate: stream.sample_rate ?? 0,
  };
}
