/**
 * Speakers from channels: in a recording with one microphone per person, each segment belongs
 * to the channel that is loudest during it. Each channel is streamed on its own (ffmpeg picks
 * it), so nothing is held whole. Detects recordings whose channels carry the same sound (mono
 * saved as stereo, or two microphones side by side), where channels cannot tell speakers apart.
 */
/* eslint-disable @typescript-eslint/no-non-null-assertion -- numeric kernel: typed-array and
   matrix indices are bounded by the loops; `!` keeps the hot loops free of fallback branches. */
import { decodeToPcm } from '../audio/decode.js';
import { evenChunks } from '../audio/pcm.js';
import { SAMPLE_RATE } from '../engine.js';
import type { TimeSpan } from './embedding.js';

/** Below this median loudness difference (dB) between a segment's loudest and next channel, the channels are "the same". */
export const DISTINCT_CHANNELS_DB = 6;

export interface ChannelAttribution {
  /** Loudest channel per segment (0-based); -1 when the segment had no samples. */
  channel: number[];
  /** Median over segments of the loudest-vs-next-loudest energy difference, in dB. */
  medianMarginDb: number;
  /** True when the channels separate speakers: margin ≥ DISTINCT_CHANNELS_DB and ≥ 2 channels win segments. */
  distinct: boolean;
  /** Channels that win no segment (silent or crosstalk only). */
  unused: number[];
}

/** Sums of squares of `pcm` within each segment (segments in any order; overlaps allowed). */
export async function segmentEnergies(
  pcm: AsyncIterable<Uint8Array>,
  segments: readonly TimeSpan[],
): Promise<Float64Array> {
  const energy = new Float64Array(segments.length);
  // Segment boundaries as sample indices, and an order by start for a sweep.
  const spans = segments.map(
    (s) => [Math.round(s.start * SAMPLE_RATE), Math.round(s.end * SAMPLE_RATE)] as const,
  );
  const order = spans.map((_, i) => i).sort((a, b) => spans[a]![0] - spans[b]![0]);
  let first = 0; // first segment in `order` that may still receive samples
  let at = 0;
  for await (const bytes of evenChunks(pcm)) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const n = bytes.length / 2;
    const chunkEnd = at + n;
    while (first < order.length && spans[order[first]!]![1] <= at) first++;
    for (let k = first; k < order.length; k++) {
      const i = order[k]!;
      const [s, e] = spans[i]!;
      if (s >= chunkEnd) break;
      const from = Math.max(s, at) - at;
      const to = Math.min(e, chunkEnd) - at;
      let sum = 0;
      for (let j = from; j < to; j++) {
        const x = view.getInt16(j * 2, true);
        sum += x * x;
      }
      energy[i] = energy[i]! + sum;
    }
    at = chunkEnd;
  }
  return energy;
}

/** Decides from per-channel segment energies (`energies[channel][segment]`). */
export function attributeEnergies(energies: readonly Float64Array[]): ChannelAttribution {
  const segments = energies[0]?.length ?? 0;
  const channel: number[] = [];
  const margins: number[] = [];
  const wins = new Array<number>(energies.length).fill(0);
  for (let i = 0; i < segments; i++) {
    let best = -1;
    let bestE = 0;
    let second = 0;
    energies.forEach((e, c) => {
      const v = e[i]!;
      if (v > bestE) {
        second = bestE;
        bestE = v;
        best = c;
      } else if (v > second) second = v;
    });
    channel.push(best);
    if (best >= 0) {
      wins[best] = wins[best]! + 1;
      margins.push(10 * Math.log10((bestE + 1) / (second + 1)));
    }
  }
  margins.sort((a, b) => a - b);
  const medianMarginDb = margins.length ? margins[Math.floor(margins.length / 2)]! : 0;
  const used = wins.filter((w) => w > 0).length;
  const unused = wins.flatMap((w, c) => (w === 0 ? [c] : []));
  return {
    channel,
    medianMarginDb,
    distinct: used >= 2 && medianMarginDb >= DISTINCT_CHANNELS_DB,
    unused,
  };
}

/**
 * Streams each of the file's `channels` channels and attributes each segment to the loudest.
 */
export async function attributeByChannel(
  path: string,
  channels: number,
  segments: readonly TimeSpan[],
  opts: { signal?: AbortSignal } = {},
): Promise<ChannelAttribution> {
  const energies: Float64Array[] = [];
  for (let c = 0; c < channels; c++) {
    const stream = decodeToPcm(path, {
      channel: c,
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
    try {
      energies.push(await segmentEnergies(stream as AsyncIterable<Uint8Array>, segments));
    } finally {
      stream.destroy();
    }
  }
  return attributeEnergies(energies);
}
