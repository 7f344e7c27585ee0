/**
 * One fixed-length voice description ("embedding") per speech segment, for clustering segments
 * by speaker.
 *
 * The embedding is the segment's Gaussian statistics of MFCCs over its voiced frames: frame
 * count, mean vector and full covariance (upper triangle). From these the clustering can compare
 * segments by their normalised mean and spread (cosine), or by a likelihood test between
 * Gaussians (ΔBIC), and can merge two segments' statistics exactly. Frames more than 25 dB below
 * the segment's loud frames (pauses, breath) are left out. Segments with too few voiced frames
 * give `null` (too short to say who spoke).
 *
 * `embedSegments` streams: it holds at most the samples of the segment it is working on, so a
 * two-hour recording is never in memory.
 */
/* eslint-disable @typescript-eslint/no-non-null-assertion -- numeric kernel: typed-array and
   matrix indices are bounded by the loops; `!` keeps the hot loops free of fallback branches. */
import { evenChunks } from '../audio/pcm.js';
import { SAMPLE_RATE } from '../engine.js';
import { CEPSTRA, FRAME_HOP, MfccExtractor, framePitch } from './features.js';

/** A time span in seconds. */
export interface TimeSpan {
  start: number;
  end: number;
}

/** Frames (10 ms each) of voiced speech a segment needs for an embedding. */
export const MIN_VOICED_FRAMES = 30;
/** Voiced frames: log energy within this many nepers (≈ 25 dB) of the segment's 95th percentile. */
const VOICED_RANGE = 5.75;
/** And above this absolute log power (int16 scale: RMS ≈ 20). */
const ABSOLUTE_FLOOR = Math.log(400);

const D = CEPSTRA;
const TRI = (D * (D + 1)) / 2;
/** Where the pitch statistics start: pitched frame count, mean and std of log F0. */
const PITCH_AT = 1 + D + TRI;
/** Length of every embedding: count, D means, D(D+1)/2 covariances, 3 pitch statistics. */
export const EMBEDDING_LENGTH = PITCH_AT + 3;
/** Pitch is measured on every 4th voiced frame (40 ms apart): plenty for its statistics. */
const PITCH_EVERY = 4;

/** The parts of an embedding. */
export interface GaussianStats {
  count: number;
  mean: Float64Array;
  /** Full covariance, D × D, row-major. */
  cov: Float64Array;
  /** Frames with a measured pitch, and the mean and standard deviation of their log F0. */
  pitchCount: number;
  logF0: number;
  logF0Sd: number;
}

/** Reads an embedding back into its count, mean and full covariance. */
export function gaussianOf(embedding: Float32Array): GaussianStats {
  const mean = Float64Array.from(embedding.subarray(1, 1 + D));
  const cov = new Float64Array(D * D);
  let t = 1 + D;
  for (let i = 0; i < D; i++) {
    for (let j = i; j < D; j++) {
      const v = embedding[t++]!;
      cov[i * D + j] = v;
      cov[j * D + i] = v;
    }
  }
  return {
    count: embedding[0]!,
    mean,
    cov,
    pitchCount: embedding[PITCH_AT]!,
    logF0: embedding[PITCH_AT + 1]!,
    logF0Sd: embedding[PITCH_AT + 2]!,
  };
}

/** Dimensions of the MFCC vectors an embedding describes. */
export const EMBEDDING_DIMS = D;

let shared: MfccExtractor | undefined;
let scratch: Float64Array | undefined;
const PITCH_SCRATCH = 160;

function sampleIndex(seconds: number): number {
  return Math.max(0, Math.round(seconds * SAMPLE_RATE));
}

/**
 * The embedding of one segment. `pcm` holds 16 kHz mono samples starting at `pcmStartSec`
 * seconds (0: the whole recording); `seg` picks the segment's span inside it (omitted: all of
 * `pcm`). Returns null when the segment has fewer than MIN_VOICED_FRAMES voiced frames.
 */
export function segmentEmbedding(
  pcm: Int16Array,
  seg?: TimeSpan,
  pcmStartSec = 0,
): Float32Array | null {
  const origin = sampleIndex(pcmStartSec);
  const from = seg ? Math.max(0, sampleIndex(seg.start) - origin) : 0;
  const to = seg ? Math.min(pcm.length, sampleIndex(seg.end) - origin) : pcm.length;
  if (to <= from) return null;
  shared ??= new MfccExtractor();
  const { count, mfcc, logEnergy } = shared.extract(pcm.subarray(from, to));
  scratch ??= new Float64Array(PITCH_SCRATCH);
  if (count < MIN_VOICED_FRAMES) return null;
  const sorted = Float32Array.from(logEnergy).sort();
  const loud = sorted[Math.min(count - 1, Math.floor(count * 0.95))]!;
  const threshold = Math.max(loud - VOICED_RANGE, ABSOLUTE_FLOOR);
  const sum = new Float64Array(D);
  const outer = new Float64Array(TRI);
  let n = 0;
  let pitched = 0;
  let f0Sum = 0;
  let f0Sq = 0;
  const segment = pcm.subarray(from, to);
  for (let f = 0; f < count; f++) {
    if (logEnergy[f]! < threshold) continue;
    n++;
    if (n % PITCH_EVERY === 0) {
      const f0 = framePitch(segment, f * FRAME_HOP, scratch);
      if (f0 !== null) {
        const l = Math.log(f0);
        pitched++;
        f0Sum += l;
        f0Sq += l * l;
      }
    }
    const base = f * D;
    let t = 0;
    for (let i = 0; i < D; i++) {
      const xi = mfcc[base + i]!;
      sum[i] = sum[i]! + xi;
      for (let j = i; j < D; j++) {
        outer[t] = outer[t]! + xi * mfcc[base + j]!;
        t++;
      }
    }
  }
  if (n < MIN_VOICED_FRAMES) return null;
  const out = new Float32Array(EMBEDDING_LENGTH);
  out[0] = n;
  for (let i = 0; i < D; i++) out[1 + i] = sum[i]! / n;
  let t = 0;
  for (let i = 0; i < D; i++) {
    for (let j = i; j < D; j++) {
      out[1 + D + t] = outer[t]! / n - (sum[i]! / n) * (sum[j]! / n);
      t++;
    }
  }
  out[PITCH_AT] = pitched;
  if (pitched > 0) {
    const m = f0Sum / pitched;
    out[PITCH_AT + 1] = m;
    out[PITCH_AT + 2] = Math.sqrt(Math.max(0, f0Sq / pitched - m * m));
  }
  return out;
}

/**
 * Embeds each segment (in time order; overlaps allowed) while reading a PCM stream once.
 * `pcm` yields 16 kHz mono s16le chunks of any size; `startSec` is the time of its first sample.
 */
export async function embedSegments(
  pcm: AsyncIterable<Uint8Array>,
  segments: readonly TimeSpan[],
  startSec = 0,
): Promise<(Float32Array | null)[]> {
  const out: (Float32Array | null)[] = new Array<Float32Array | null>(segments.length).fill(null);
  if (segments.length === 0) return out;
  const origin = sampleIndex(startSec);
  // Order of work: by start (stable); results go back to each segment's own index.
  const order = segments
    .map((_, i) => i)
    .sort((a, b) => segments[a]!.start - segments[b]!.start || a - b);
  const startOf = (k: number): number => sampleIndex(segments[order[k]!]!.start);
  let next = 0; // position in `order` of the first segment not yet embedded
  let store = new Int16Array(SAMPLE_RATE * 30); // grows to the longest segment
  let length = 0; // samples held in store
  let bufferStart = origin; // absolute sample index of store[0]
  let read = origin; // absolute samples received so far

  const ready = (final: boolean): void => {
    while (next < order.length) {
      const i = order[next]!;
      const seg = segments[i]!;
      if (!final && sampleIndex(seg.end) > read) break;
      out[i] = segmentEmbedding(store.subarray(0, length), seg, bufferStart / SAMPLE_RATE);
      next++;
    }
    // Keep only what the segments still to come can need (they start no earlier than `next`).
    const keepFrom = next < order.length ? Math.min(read, startOf(next)) : read;
    const drop = Math.min(length, Math.max(0, keepFrom - bufferStart));
    if (drop > 0) {
      store.copyWithin(0, drop, length);
      length -= drop;
      bufferStart += drop;
    }
  };

  for await (const bytes of evenChunks(pcm)) {
    const count = bytes.length / 2;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const chunkStart = read;
    read += count;
    if (next >= order.length) continue;
    // Samples before the next pending segment's start need not be stored at all.
    const skip = Math.min(count, Math.max(0, startOf(next) - chunkStart));
    if (length === 0) bufferStart = chunkStart + skip;
    const keep = count - skip;
    if (length + keep > store.length) {
      const grown = new Int16Array(Math.max(store.length * 2, length + keep));
      grown.set(store.subarray(0, length));
      store = grown;
    }
    for (let s = 0; s < keep; s++) store[length + s] = view.getInt16((skip + s) * 2, true);
    length += keep;
    ready(false);
  }
  ready(true);
  return out;
}
