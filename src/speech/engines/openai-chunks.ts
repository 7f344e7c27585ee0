/**
 * Cutting a PCM stream into the pieces the OpenAI-compatible engine uploads: stretches of speech,
 * cut at pauses, each at most `maxSec` long, silence left out (so silence is never sent, and never
 * gives a server the chance to hallucinate words).
 *
 * PRIVATE STAND-IN for [audio]'s streaming `VadChunker` (src/speech/audio/vad.ts), which had not
 * landed when this engine was written: same job, energy based. The engine only depends on
 * `speechChunks` below, so switching to `VadChunker` changes this file alone.
 *
 * How it cuts: 20 ms frames are speech when their RMS level is above `thresholdDb` (dBFS). A chunk
 * opens at the first speech frame (with `padSec` of audio before it), grows through short pauses,
 * and closes at a pause of `closePauseSec` (its trailing silence trimmed to `padSec`). A chunk that
 * reaches `maxSec` is cut in the middle of its last pause of at least `minCutPauseSec`, or at
 * `maxSec` when it has none; the rest starts the next chunk. A chunk with less than `minSpeechSec`
 * of speech frames (a click, a cough of noise) is dropped.
 */
import { BYTES_PER_SAMPLE, SAMPLE_RATE } from '../engine.js';

export interface SpeechChunk {
  /** Seconds from the start of the stream to the chunk's first sample. */
  readonly startSec: number;
  /** Its length in seconds. */
  readonly durationSec: number;
  /** 16 kHz mono s16le. */
  readonly pcm: Buffer;
}

export interface SpeechChunkOptions {
  /** Longest chunk, seconds. */
  maxSec: number;
  thresholdDb?: number;
  closePauseSec?: number;
  minCutPauseSec?: number;
  padSec?: number;
  minSpeechSec?: number;
}

const FRAME_SAMPLES = SAMPLE_RATE / 50;
const FRAME_BYTES = FRAME_SAMPLES * BYTES_PER_SAMPLE;
const FRAME_SEC = FRAME_SAMPLES / SAMPLE_RATE;

function frameDb(frame: Buffer): number {
  const n = frame.length >> 1;
  if (n === 0) return -Infinity;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const v = frame.readInt16LE(i * 2) / 32768;
    sum += v * v;
  }
  return 10 * Math.log10(sum / n + 1e-12);
}

/** Fixed 20 ms frames (the last one may be shorter) from arbitrarily sized PCM buffers. */
async function* frames(pcm: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let carry = Buffer.alloc(0);
  for await (const buf of pcm) {
    const data = carry.length === 0 ? buf : Buffer.concat([carry, buf]);
    let off = 0;
    for (; off + FRAME_BYTES <= data.length; off += FRAME_BYTES) {
      yield data.subarray(off, off + FRAME_BYTES);
    }
    carry = Buffer.from(data.subarray(off));
  }
  const whole = carry.length - (carry.length % BYTES_PER_SAMPLE);
  if (whole > 0) yield carry.subarray(0, whole);
}

/** Speech chunks of a 16 kHz mono s16le stream, in order. */
export async function* speechChunks(
  pcm: AsyncIterable<Buffer>,
  options: SpeechChunkOptions,
): AsyncGenerator<SpeechChunk> {
  const thresholdDb = options.thresholdDb ?? -45;
  const maxFrames = Math.max(1, Math.floor(options.maxSec / FRAME_SEC));
  const closeFrames = Math.round((options.closePauseSec ?? 2) / FRAME_SEC);
  const minCutFrames = Math.round((options.minCutPauseSec ?? 0.3) / FRAME_SEC);
  const padFrames = Math.round((options.padSec ?? 0.2) / FRAME_SEC);
  const minSpeechFrames = Math.round((options.minSpeechSec ?? 0.25) / FRAME_SEC);

  /** Frames (and their speech flags) of the open chunk; empty when none is open. */
  let open: Buffer[] = [];
  let speech: boolean[] = [];
  /** Index (in frames from the stream start) of open[0]. */
  let openAt = 0;
  /** Silence frames kept before a chunk opens (its leading pad). */
  const preroll: Buffer[] = [];
  let index = 0;
  let trailingSilence = 0;

  function take(count: number): SpeechChunk | null {
    const taken = open.slice(0, count);
    const flags = speech.slice(0, count);
    const at = openAt;
    open = open.slice(count);
    speech = speech.slice(count);
    openAt += count;
    if (flags.filter(Boolean).length < minSpeechFrames) return null;
    const buf = Buffer.concat(taken);
    return {
      startSec: (at * FRAME_SAMPLES) / SAMPLE_RATE,
      durationSec: buf.length / BYTES_PER_SAMPLE / SAMPLE_RATE,
      pcm: buf,
    };
  }

  /** Where to cut a full chunk: the middle of its last long-enough pause, else its end. */
  function cutPoint(): number {
    let run = 0;
    for (let i = open.length - 1; i > 0; i--) {
      if (!speech[i]) {
        run++;
        continue;
      }
      if (run >= minCutFrames) return i + 1 + Math.floor(run / 2);
      run = 0;
    }
    return open.length;
  }

  /** Close the open chunk after its last speech frame plus the pad; drop the rest. */
  function close(): SpeechChunk | null {
    const keep = Math.min(open.length, open.length - trailingSilence + padFrames);
    const chunk = take(keep);
    open = [];
    speech = [];
    trailingSilence = 0;
    return chunk;
  }

  for await (const frame of frames(pcm)) {
    const isSpeech = frameDb(frame) > thresholdDb;
    if (open.length === 0) {
      if (!isSpeech) {
        preroll.push(frame);
        if (preroll.length > padFrames) preroll.shift();
        index++;
        continue;
      }
      openAt = index - preroll.length;
      open = [...preroll];
      speech = preroll.map(() => false);
      preroll.length = 0;
    }
    open.push(frame);
    speech.push(isSpeech);
    index++;
    trailingSilence = isSpeech ? 0 : trailingSilence + 1;
    if (trailingSilence >= closeFrames) {
      const chunk = close();
      if (chunk) yield chunk;
      continue;
    }
    if (open.length >= maxFrames) {
      const chunk = take(cutPoint());
      trailingSilence = 0;
      for (let i = speech.length - 1; i >= 0 && !speech[i]; i--) trailingSilence++;
      if (chunk) yield chunk;
    }
  }
  if (open.length > 0) {
    const chunk = close();
    if (chunk) yield chunk;
  }
}
