/**
 * Who spoke when: attributes each recognised segment to `Speaker 1`…`Speaker N` (numbered by
 * first appearance). Roles are not decided here: the core infers them from what each speaker says.
 *
 * Method, in order of preference:
 * 1. `channels`: a file with several channels whose loudness differs per segment (one microphone
 *    per person): each segment goes to its loudest channel.
 * 2. `clustering`: voice embeddings of the segments (embedding.ts) grouped by agglomerative
 *    clustering (cluster.ts). Used for mono audio and for channels that carry the same sound.
 * 3. `none`: one speaker found, one speaker asked for, or too little speech to tell voices
 *    apart: every segment is `Speaker 1`.
 */
import { decodeToPcm } from '../audio/decode.js';
import { probeAudio } from '../audio/probe.js';
import type { DiarizationMethod, RecognizedSegment, SpeakerSegment } from '../schema.js';
import { attributeByChannel } from './channels.js';
import { clusterSpeakers, renumber, type ClusterOptions } from './cluster.js';
import { embedSegments } from './embedding.js';

export interface DiarizeOptions {
  /** Channels of the source file (from probeAudio); > 1 with `path` tries the channels method. */
  channels?: number;
  /** The source file, needed to decode channels one by one. */
  path?: string;
  /** Exactly / at least / at most this many speakers. minSpeakers = maxSpeakers means exactly. */
  numSpeakers?: number;
  minSpeakers?: number;
  maxSpeakers?: number;
  /** Clustering tuning (tests, eval). */
  cluster?: Omit<ClusterOptions, 'numSpeakers' | 'minSpeakers' | 'maxSpeakers'>;
  signal?: AbortSignal;
}

export interface DiarizeResult {
  method: DiarizationMethod;
  segments: SpeakerSegment[];
  /** Non-fatal findings (channels identical, a channel silent…); never content. */
  warnings: string[];
}

/** Speech (seconds with a voice embedding) below which voices are not told apart. */
export const MIN_SPEECH_FOR_CLUSTERING_SEC = 4;

/** `Speaker n` labels from 0-based cluster indices, renumbered by first appearance in time. */
export function labelSegments(
  segments: readonly RecognizedSegment[],
  labels: readonly number[],
): SpeakerSegment[] {
  const order = segments
    .map((s, i) => ({ i, start: s.start }))
    .sort((a, b) => a.start - b.start || a.i - b.i)
    .map((o) => o.i);
  const renumbered = renumber(order.map((i) => labels[i] ?? 0));
  const byIndex = new Array<number>(segments.length).fill(0);
  order.forEach((i, k) => (byIndex[i] = renumbered[k] ?? 0));
  return segments.map((s, i) => ({ ...s, speaker: `Speaker ${(byIndex[i] ?? 0) + 1}` }));
}

function everyoneOne(segments: readonly RecognizedSegment[], warnings: string[]): DiarizeResult {
  return {
    method: 'none',
    segments: labelSegments(
      segments,
      segments.map(() => 0),
    ),
    warnings,
  };
}

function clusterOptions(opts: DiarizeOptions): ClusterOptions {
  const out: ClusterOptions = { ...opts.cluster };
  const exact =
    opts.numSpeakers ??
    (opts.minSpeakers !== undefined && opts.minSpeakers === opts.maxSpeakers
      ? opts.minSpeakers
      : undefined);
  if (exact !== undefined) out.numSpeakers = exact;
  else {
    if (opts.minSpeakers !== undefined) out.minSpeakers = opts.minSpeakers;
    if (opts.maxSpeakers !== undefined) out.maxSpeakers = opts.maxSpeakers;
  }
  return out;
}

/**
 * Clustering from embeddings already computed (the live path embeds segments as they arrive
 * and calls this when the session stops). `embeddings[i]` belongs to `segments[i]`.
 */
export function diarizeEmbeddings(
  segments: readonly RecognizedSegment[],
  embeddings: readonly (Float32Array | null)[],
  opts: DiarizeOptions = {},
  warnings: string[] = [],
): DiarizeResult {
  const copts = clusterOptions(opts);
  if (segments.length === 0) return { method: 'none', segments: [], warnings };
  if (copts.numSpeakers === 1 || copts.maxSpeakers === 1) return everyoneOne(segments, warnings);
  const voicedSec = embeddings.reduce((s, e) => s + (e ? (e[0] ?? 0) / 100 : 0), 0);
  if (voicedSec < MIN_SPEECH_FOR_CLUSTERING_SEC) return everyoneOne(segments, warnings);
  const labels = clusterSpeakers(embeddings, copts);
  if (new Set(labels).size < 2) return everyoneOne(segments, warnings);
  return { method: 'clustering', segments: labelSegments(segments, labels), warnings };
}

/** Clustering (or none) on a 16 kHz mono s16le stream that starts at `startSec`. */
export async function diarizePcm(
  pcm: AsyncIterable<Uint8Array>,
  segments: readonly RecognizedSegment[],
  opts: DiarizeOptions = {},
  startSec = 0,
  warnings: string[] = [],
): Promise<DiarizeResult> {
  if (segments.length === 0) return { method: 'none', segments: [], warnings };
  const embeddings = await embedSegments(pcm, segments, startSec);
  opts.signal?.throwIfAborted();
  return diarizeEmbeddings(segments, embeddings, opts, warnings);
}

/**
 * Channels when they separate speakers, else clustering of the (downmixed) stream `pcm`.
 * `opts.path` and `opts.channels` enable the channels method; without them this is diarizePcm.
 */
export async function diarize(
  pcm: AsyncIterable<Uint8Array>,
  segments: readonly RecognizedSegment[],
  opts: DiarizeOptions = {},
): Promise<DiarizeResult> {
  const warnings: string[] = [];
  if (segments.length === 0) return { method: 'none', segments: [], warnings };
  const { path, channels = 1 } = opts;
  if (path !== undefined && channels > 1) {
    const byChannel = await attributeByChannel(
      path,
      channels,
      segments,
      opts.signal ? { signal: opts.signal } : {},
    );
    if (byChannel.distinct) {
      for (const c of byChannel.unused)
        warnings.push(
          `Channel ${c + 1} of ${channels} has no speaker of its own (silent or only crosstalk).`,
        );
      const labels = byChannel.channel.map((c) => Math.max(0, c));
      return { method: 'channels', segments: labelSegments(segments, labels), warnings };
    }
    warnings.push(
      `The ${channels} channels carry the same voices (median difference ${byChannel.medianMarginDb.toFixed(1)} dB), so speakers were told apart by voice instead.`,
    );
  }
  return diarizePcm(pcm, segments, opts, 0, warnings);
}

/** diarize() on a file: decodes it (downmixed) for clustering when channels do not separate speakers. */
export async function diarizeFile(
  path: string,
  segments: readonly RecognizedSegment[],
  opts: Omit<DiarizeOptions, 'path'> = {},
): Promise<DiarizeResult> {
  const channels = opts.channels ?? (await probeAudio(path)).channels;
  const stream = decodeToPcm(path, opts.signal ? { signal: opts.signal } : {});
  try {
    return await diarize(stream as AsyncIterable<Uint8Array>, segments, {
      ...opts,
      path,
      channels,
    });
  } finally {
    stream.destroy();
  }
}
