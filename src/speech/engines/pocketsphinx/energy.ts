/**
 * A loudness check that keeps pocketsphinx from turning noise into words.
 *
 * pocketsphinx's own voice-activity detector adapts to the noise level only after a second or so,
 * and on steady noise (fan, hiss) it sometimes reports a short "utterance" (`if`, `a`) before it
 * has. Real speech is much louder than the pauses around it, so an utterance is kept only when its
 * loudest 100 ms is both above an absolute floor and clearly above the recording's noise floor
 * (a low percentile of all 10 ms frames so far). The tracker holds one number per 10 ms frame
 * only back to the oldest utterance still being decoded, plus a fixed-size histogram, so it works
 * on two-hour streams.
 */
import { SAMPLE_RATE } from '../../engine.js';
import { WholeSamples } from '../../audio/whole-samples.js';

const FRAME_SAMPLES = SAMPLE_RATE / 100; // 10 ms
const WINDOW_FRAMES = 10; // 100 ms
const HIST_MIN_DB = -100;
const HIST_BINS = 101; // −100 … 0 dBFS in 1 dB steps

export interface EnergyGateOptions {
  /** The loudest 100 ms must reach this level (dBFS). */
  minPeakDb?: number;
  /** …and be this many dB above the noise floor. */
  minAboveFloorDb?: number;
  /** Which percentile of frame levels counts as the noise floor (0–1). */
  floorPercentile?: number;
}

function toDb(meanSquare: number): number {
  if (meanSquare <= 0) return HIST_MIN_DB;
  return Math.max(HIST_MIN_DB, 10 * Math.log10(meanSquare / (32768 * 32768)));
}

export class EnergyGate {
  private readonly minPeakDb: number;
  private readonly minAboveFloorDb: number;
  private readonly floorPercentile: number;
  private readonly hist = new Float64Array(HIST_BINS);
  private histTotal = 0;
  /** Mean-square level of frames `base … base + levels.length - 1`. */
  private levels: number[] = [];
  private base = 0;
  private partialSum = 0;
  private partialCount = 0;
  /** A sample split between chunks waits here for its second byte. */
  private readonly whole = new WholeSamples();

  constructor(opts: EnergyGateOptions = {}) {
    this.minPeakDb = opts.minPeakDb ?? -50;
    this.minAboveFloorDb = opts.minAboveFloorDb ?? 8;
    this.floorPercentile = opts.floorPercentile ?? 0.1;
  }

  /** Account for the next chunk of s16le PCM. */
  push(chunk: Buffer): void {
    const data = this.whole.take(chunk);
    for (let i = 0; i + 1 < data.length; i += 2) this.sample(data.readInt16LE(i));
  }

  private sample(v: number): void {
    this.partialSum += v * v;
    if (++this.partialCount === FRAME_SAMPLES) {
      const ms = this.partialSum / FRAME_SAMPLES;
      this.levels.push(ms);
      const bin = Math.min(HIST_BINS - 1, Math.round(toDb(ms) - HIST_MIN_DB));
      this.hist[bin] = (this.hist[bin] ?? 0) + 1;
      this.histTotal++;
      this.partialSum = 0;
      this.partialCount = 0;
    }
  }

  /** The noise floor so far (dBFS). */
  floorDb(): number {
    if (this.histTotal === 0) return HIST_MIN_DB;
    const target = this.histTotal * this.floorPercentile;
    let seen = 0;
    for (let b = 0; b < HIST_BINS; b++) {
      seen += this.hist[b] ?? 0;
      if (seen >= target) return HIST_MIN_DB + b;
    }
    return 0;
  }

  /** Loudest 100 ms (dBFS) between `start` and `end` seconds, over the frames still held. */
  peakDb(start: number, end: number): number {
    const first = Math.max(this.base, Math.floor(start * 100));
    const last = Math.min(this.base + this.levels.length, Math.ceil(end * 100));
    let best = 0;
    let sum = 0;
    const window: number[] = [];
    for (let f = first; f < last; f++) {
      const ms = this.levels[f - this.base] ?? 0;
      window.push(ms);
      sum += ms;
      if (window.length > WINDOW_FRAMES) sum -= window.shift() ?? 0;
      best = Math.max(best, sum / window.length);
    }
    return toDb(best);
  }

  /** Whether the span `start`–`end` (seconds) sounds like speech rather than the background. */
  isSpeech(start: number, end: number): boolean {
    const peak = this.peakDb(start, end);
    return peak >= this.minPeakDb && peak >= this.floorDb() + this.minAboveFloorDb;
  }

  /** Forget frame levels before `sec` (every utterance before it has been judged). */
  forgetBefore(sec: number): void {
    const frame = Math.floor(sec * 100);
    const drop = Math.min(this.levels.length, frame - this.base);
    if (drop > 0) {
      this.levels = this.levels.slice(drop);
      this.base += drop;
    }
  }
}
