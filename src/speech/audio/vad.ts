/**
 * Energy voice activity detection (VAD) over 16 kHz mono PCM: where is someone speaking, and the
 * streaming `VadChunker` that cuts a PCM stream into speech-only chunks for engines that take one
 * clip at a time (Whisper: ≤ 30 s; OpenAI-compatible servers: longer).
 *
 * It is the guard that keeps silence from becoming words: Whisper-style models "hear" phrases in
 * silence and noise, so those engines only ever get chunks that contain speech; pure silence and
 * steady background noise give no chunk at all.
 *
 * How a 30 ms frame is judged: its level (RMS in dBFS, after removing DC) is compared with an
 * adaptive noise floor, the `floorPercentile`-th percentile of the levels of the last
 * `floorWindowSec` seconds (including this frame). A frame is speech when it is `marginDb` above
 * that floor, and above `minLevelDb` in any case. The floor is capped at `maxFloorDb` so a
 * stretch of continuous speech (or a recording that starts mid-sentence) is not taken for noise.
 * Then smoothing: gaps shorter than `minSilenceSec` are bridged, speech shorter than
 * `minSpeechSec` (clicks, knocks) is dropped, and `padSec` of audio is kept around speech so word
 * edges are not clipped. The judgement is causal (uses only audio up to the frame), so the batch
 * `detectSpeech` and the streaming chunker agree.
 */
import { BYTES_PER_SAMPLE, SAMPLE_RATE } from '../engine.js';
import { int16View } from './pcm.js';

/** Samples in one VAD frame (30 ms). */
export const VAD_FRAME_SAMPLES = (SAMPLE_RATE * 30) / 1000;
export const VAD_FRAME_SEC = VAD_FRAME_SAMPLES / SAMPLE_RATE;
const FRAME_BYTES = VAD_FRAME_SAMPLES * BYTES_PER_SAMPLE;

export interface VadOptions {
  /** dB above the noise floor that counts as speech (default 10). */
  marginDb?: number;
  /** Percentile of recent frame levels taken as the noise floor (default 10). */
  floorPercentile?: number;
  /** Seconds of recent audio the floor is taken over (default 10). */
  floorWindowSec?: number;
  /** Highest noise floor, dBFS (default -40): continuous speech is not taken for noise. */
  maxFloorDb?: number;
  /** Frames quieter than this are never speech, dBFS (default -60). */
  minLevelDb?: number;
  /** Gaps shorter than this inside speech are bridged, seconds (default 0.3). */
  minSilenceSec?: number;
  /** Speech shorter than this is dropped as a click or knock, seconds (default 0.15). */
  minSpeechSec?: number;
  /** Audio kept before and after speech, seconds (default 0.2). */
  padSec?: number;
}

export interface SpeechRegion {
  /** Seconds from the start. */
  start: number;
  end: number;
}

type Resolved = Required<VadOptions>;

const DEFAULTS: Resolved = {
  marginDb: 10,
  floorPercentile: 10,
  floorWindowSec: 10,
  maxFloorDb: -40,
  minLevelDb: -60,
  minSilenceSec: 0.3,
  minSpeechSec: 0.15,
  padSec: 0.2,
};

function resolve(opts: VadOptions | undefined): Resolved {
  return { ...DEFAULTS, ...stripUndefined(opts ?? {}) };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

const frames = (sec: number): number => Math.max(0, Math.round(sec / VAD_FRAME_SEC));

/** Histogram resolution of the floor tracker: 0.5 dB bins over [-100, 0] dBFS. */
const BIN_DB = 0.5;
const MIN_DB = -100;
const BINS = Math.round(-MIN_DB / BIN_DB) + 1;

/**
 * Judges frames one at a time: level (DC removed), rolling noise floor (histogram over a ring of
 * recent frames, so each frame costs O(bins), not a sort), speech or not.
 */
class FrameJudge {
  private readonly ring: Int16Array;
  private readonly hist = new Uint32Array(BINS);
  private ringPos = 0;
  private ringCount = 0;
  private prevIn = 0;
  private prevOut = 0;

  constructor(private readonly o: Resolved) {
    this.ring = new Int16Array(Math.max(1, frames(o.floorWindowSec)));
  }

  /** Level of a frame in dBFS after a one-pole DC blocker (state carries across frames). */
  level(samples: Int16Array, from: number, to: number): number {
    let sum = 0;
    let x1 = this.prevIn;
    let y1 = this.prevOut;
    for (let i = from; i < to; i++) {
      const x = (samples[i] as number) / 32768;
      const y = x - x1 + 0.995 * y1;
      x1 = x;
      y1 = y;
      sum += y * y;
    }
    this.prevIn = x1;
    this.prevOut = y1;
    const n = to - from;
    return n === 0 ? MIN_DB : Math.max(MIN_DB, 10 * Math.log10(sum / n + 1e-12));
  }

  /** Record a frame's level and say whether it is speech. */
  judge(db: number): boolean {
    const bin = Math.min(BINS - 1, Math.max(0, Math.round((db - MIN_DB) / BIN_DB)));
    if (this.ringCount === this.ring.length) {
      const old = this.ring[this.ringPos] as number;
      this.hist[old] = (this.hist[old] as number) - 1;
    } else {
      this.ringCount++;
    }
    this.ring[this.ringPos] = bin;
    this.hist[bin] = (this.hist[bin] as number) + 1;
    this.ringPos = (this.ringPos + 1) % this.ring.length;

    const floor = Math.min(this.floor(), this.o.maxFloorDb);
    return db > Math.max(floor + this.o.marginDb, this.o.minLevelDb);
  }

  private floor(): number {
    const target = Math.max(1, Math.ceil((this.ringCount * this.o.floorPercentile) / 100));
    let seen = 0;
    for (let b = 0; b < BINS; b++) {
      seen += this.hist[b] as number;
      if (seen >= target) return MIN_DB + b * BIN_DB;
    }
    return 0;
  }
}

/**
 * Speech runs in a list of frame flags, as [start, end) frame indexes: gaps shorter than
 * `minSilence` frames bridged, runs shorter than `minSpeech` frames dropped.
 */
export function speechRuns(
  flags: ArrayLike<boolean>,
  minSilence: number,
  minSpeech: number,
): [number, number][] {
  const runs: [number, number][] = [];
  let i = 0;
  while (i < flags.length) {
    if (!flags[i]) {
      i++;
      continue;
    }
    let j = i;
    while (j < flags.length && flags[j]) j++;
    const last = runs[runs.length - 1];
    if (last !== undefined && i - last[1] < minSilence) last[1] = j;
    else runs.push([i, j]);
    i = j;
  }
  return runs.filter(([a, b]) => b - a >= minSpeech);
}

/**
 * Where there is speech in a whole PCM buffer (16 kHz mono samples), as padded, merged regions in
 * seconds, in order. Silence and steady noise give `[]`.
 */
export function detectSpeech(pcm: Int16Array, opts?: VadOptions): SpeechRegion[] {
  const o = resolve(opts);
  const judge = new FrameJudge(o);
  const count = Math.floor(pcm.length / VAD_FRAME_SAMPLES);
  const flags = new Array<boolean>(count);
  for (let f = 0; f < count; f++) {
    const from = f * VAD_FRAME_SAMPLES;
    flags[f] = judge.judge(judge.level(pcm, from, from + VAD_FRAME_SAMPLES));
  }
  const total = pcm.length / SAMPLE_RATE;
  const regions: SpeechRegion[] = [];
  for (const [a, b] of speechRuns(flags, frames(o.minSilenceSec), frames(o.minSpeechSec))) {
    const start = Math.max(0, a * VAD_FRAME_SEC - o.padSec);
    const end = Math.min(total, b * VAD_FRAME_SEC + o.padSec);
    const last = regions[regions.length - 1];
    if (last !== undefined && start <= last.end) last.end = end;
    else regions.push({ start, end });
  }
  return regions.map((r) => ({ start: round3(r.start), end: round3(r.end) }));
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

export interface VadChunkerOptions extends VadOptions {
  /** Longest chunk, seconds (default 28: Whisper takes 30 s windows; a server API ~600). */
  maxSec?: number;
  /**
   * A pause at least this long ends the chunk, seconds (default 1). Shorter pauses stay inside a
   * chunk (context for the engine); the silence of longer ones is dropped. Lower = less delay in
   * a live transcript, higher = longer chunks.
   */
  pauseSec?: number;
}

export interface VadChunk {
  /** Seconds from the start of the stream to the chunk's first sample. */
  start: number;
  /** `start` + the chunk's length. */
  end: number;
  /** 16 kHz mono s16le, a whole number of samples. */
  pcm: Buffer;
}

interface OpenChunk {
  /** Stream frame index of frames[0]. */
  startFrame: number;
  frames: Buffer[];
  flags: boolean[];
  levels: number[];
}

/**
 * Cuts a PCM stream into speech chunks as it arrives. `push` takes any number of bytes and returns
 * the chunks completed by them (often none); `flush` at the end returns the last. Each chunk:
 * contains speech (at least `minSpeechSec` of it), is at most `maxSec` long, starts `padSec`
 * before its first speech and ends `padSec` after its last; it ends at a pause of `pauseSec`, or,
 * when it would grow past `maxSec`, at its best inner pause (the latest pause in its second
 * half, else its longest, else its quietest frame). The silence between chunks is never emitted.
 */
export class VadChunker {
  private readonly o: Resolved;
  private readonly judge: FrameJudge;
  private readonly maxFrames: number;
  private readonly pauseFrames: number;
  private readonly padFrames: number;
  private readonly minSilenceFrames: number;
  private readonly minSpeechFrames: number;
  private carry: Buffer = Buffer.alloc(0);
  private frameIndex = 0;
  private preroll: Buffer[] = [];
  private open: OpenChunk | null = null;
  private trailingSilence = 0;

  constructor(opts: VadChunkerOptions = {}) {
    const { maxSec = 28, pauseSec = 1, ...vad } = stripUndefined(opts);
    this.o = resolve(vad);
    this.judge = new FrameJudge(this.o);
    this.padFrames = frames(this.o.padSec);
    this.maxFrames = Math.floor(maxSec / VAD_FRAME_SEC);
    if (this.maxFrames < 2 * this.padFrames + 2) {
      throw new RangeError(
        `VadChunker: maxSec ${maxSec} is too short for padSec ${this.o.padSec}.`,
      );
    }
    this.pauseFrames = Math.max(1, frames(pauseSec));
    this.minSilenceFrames = frames(this.o.minSilenceSec);
    this.minSpeechFrames = Math.max(1, frames(this.o.minSpeechSec));
  }

  /** Seconds of audio pushed so far (whole frames). */
  get receivedSec(): number {
    return (this.frameIndex * VAD_FRAME_SAMPLES) / SAMPLE_RATE;
  }

  /**
   * Seconds of the stream that are settled: every chunk still to come starts at or after this
   * (the start of the open chunk, else of the kept lead-in). A live engine's resume point
   * (`transcribedUntilSec`) once the chunks before it are transcribed.
   */
  get settledSec(): number {
    const frame = this.open?.startFrame ?? this.frameIndex - this.preroll.length;
    return (frame * VAD_FRAME_SAMPLES) / SAMPLE_RATE;
  }

  /** Feed PCM (any length; a split sample is carried over). Returns the chunks it completed. */
  push(buf: Buffer): VadChunk[] {
    const out: VadChunk[] = [];
    let data = this.carry.length > 0 ? Buffer.concat([this.carry, buf]) : buf;
    let off = 0;
    for (; off + FRAME_BYTES <= data.length; off += FRAME_BYTES) {
      // A copy: the caller may reuse its buffer, and chunks outlive this call.
      this.frame(Buffer.from(data.subarray(off, off + FRAME_BYTES)), out);
    }
    data = data.subarray(off);
    this.carry = data.length > 0 ? Buffer.from(data) : Buffer.alloc(0);
    return out;
  }

  /** End of stream: the open chunk, if it holds speech (a last partial frame is dropped). */
  flush(): VadChunk[] {
    const out: VadChunk[] = [];
    this.closeOpen(out);
    this.carry = Buffer.alloc(0);
    this.preroll = [];
    return out;
  }

  private frame(buf: Buffer, out: VadChunk[]): void {
    const samples = int16View(buf);
    const db = this.judge.level(samples, 0, samples.length);
    const speech = this.judge.judge(db);
    const index = this.frameIndex++;

    if (this.open === null) {
      if (!speech) {
        this.keepPreroll([buf]);
        return;
      }
      this.open = {
        startFrame: index - this.preroll.length,
        frames: this.preroll,
        flags: this.preroll.map(() => false),
        levels: this.preroll.map(() => this.o.minLevelDb),
      };
      this.preroll = [];
      this.trailingSilence = 0;
    }
    const open = this.open;
    open.frames.push(buf);
    open.flags.push(speech);
    open.levels.push(db);
    this.trailingSilence = speech ? 0 : this.trailingSilence + 1;

    if (this.trailingSilence >= this.pauseFrames) this.closeOpen(out);
    else if (open.frames.length >= this.maxFrames) this.cutOpen(out);
  }

  /** Remember the last `padFrames` silent frames, to lead the next chunk in. */
  private keepPreroll(silent: Buffer[]): void {
    this.preroll.push(...silent);
    if (this.preroll.length > this.padFrames) {
      this.preroll = this.preroll.slice(this.preroll.length - this.padFrames);
    }
  }

  /** Close the open chunk after its last speech + pad; emit it if it holds speech. */
  private closeOpen(out: VadChunk[]): void {
    const open = this.open;
    if (open === null) return;
    this.open = null;
    this.trailingSilence = 0;
    const lastSpeech = open.flags.lastIndexOf(true);
    const keep = Math.min(open.frames.length, lastSpeech + 1 + this.padFrames);
    this.emit(open, keep, out);
    this.keepPreroll(open.frames.slice(keep));
  }

  /** The open chunk reached `maxFrames`: cut it at its best pause; the rest stays open. */
  private cutOpen(out: VadChunk[]): void {
    const open = this.open;
    if (open === null) return;
    const cut = this.cutPoint(open);
    const head: OpenChunk = {
      startFrame: open.startFrame,
      frames: open.frames.slice(0, cut),
      flags: open.flags.slice(0, cut),
      levels: open.levels.slice(0, cut),
    };
    const headLast = head.flags.lastIndexOf(true);
    this.emit(head, Math.min(cut, headLast + 1 + this.padFrames), out);

    const restFlags = open.flags.slice(cut);
    const firstSpeech = restFlags.indexOf(true);
    if (firstSpeech < 0) {
      this.open = null;
      this.trailingSilence = 0;
      this.keepPreroll(open.frames.slice(cut));
      return;
    }
    const from = cut + Math.max(0, firstSpeech - this.padFrames);
    this.open = {
      startFrame: open.startFrame + from,
      frames: open.frames.slice(from),
      flags: open.flags.slice(from),
      levels: open.levels.slice(from),
    };
    const lastSpeech = this.open.flags.lastIndexOf(true);
    this.trailingSilence = this.open.flags.length - 1 - lastSpeech;
  }

  /**
   * Where to cut a full chunk (a frame index; the head is [0, cut)): the middle of the latest
   * pause of at least `minSilenceSec` in its second half; else the middle of its longest pause;
   * else its quietest frame in the last third.
   */
  private cutPoint(open: OpenChunk): number {
    const n = open.flags.length;
    const firstSpeech = Math.max(1, open.flags.indexOf(true) + 1);
    const pauses: [number, number][] = [];
    let i = firstSpeech;
    while (i < n) {
      if (open.flags[i]) {
        i++;
        continue;
      }
      let j = i;
      while (j < n && !open.flags[j]) j++;
      if (j < n) pauses.push([i, j]); // a pause followed by speech (a trailing one is no cut)
      i = j;
    }
    const minPause = Math.max(1, this.minSilenceFrames);
    const late = pauses.filter(([a, b]) => b - a >= minPause && a >= n / 2);
    const pick =
      late[late.length - 1] ??
      pauses.reduce<[number, number] | undefined>(
        (best, p) => (best === undefined || p[1] - p[0] > best[1] - best[0] ? p : best),
        undefined,
      );
    if (pick !== undefined) return Math.floor((pick[0] + pick[1]) / 2);
    let quietest = n - 1;
    for (let f = Math.floor((2 * n) / 3); f < n; f++) {
      if ((open.levels[f] as number) < (open.levels[quietest] as number)) quietest = f;
    }
    return Math.max(1, quietest);
  }

  /** Emit frames [0, keep) of a chunk when they hold enough speech. */
  private emit(chunk: OpenChunk, keep: number, out: VadChunk[]): void {
    if (keep <= 0) return;
    const flags = chunk.flags.slice(0, keep);
    if (speechRuns(flags, this.minSilenceFrames, this.minSpeechFrames).length === 0) return;
    const pcm = Buffer.concat(chunk.frames.slice(0, keep), keep * FRAME_BYTES);
    const start = (chunk.startFrame * VAD_FRAME_SAMPLES) / SAMPLE_RATE;
    out.push({ start, end: start + (keep * VAD_FRAME_SAMPLES) / SAMPLE_RATE, pcm });
  }
}

/** Speech chunks of a PCM stream, as they complete (a `VadChunker` over an async iterable). */
export async function* vadChunks(
  pcm: AsyncIterable<Buffer>,
  opts?: VadChunkerOptions,
): AsyncGenerator<VadChunk> {
  const chunker = new VadChunker(opts);
  for await (const buf of pcm) yield* chunker.push(buf);
  yield* chunker.flush();
}
