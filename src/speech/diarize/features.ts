/**
 * Frame-level acoustic features for telling voices apart: mel-frequency cepstral coefficients
 * (MFCCs) and log energy, on 25 ms frames every 10 ms of 16 kHz PCM.
 *
 * Pipeline per frame: pre-emphasis (0.97), Hamming window (400 samples), 512-point power
 * spectrum, 24 triangular mel bands (100–7600 Hz), log, DCT-II → cepstra c1…c16 (c0, the overall
 * level, is left out: it says how loud, not who). No per-segment mean normalisation here: that
 * would erase the very spectral shape that differs between speakers. The recording-level
 * normalisation (the cepstral mean over all speech, and each dimension's spread) is applied
 * by the clustering, which sees every segment.
 */
/* eslint-disable @typescript-eslint/no-non-null-assertion -- numeric kernel: typed-array and
   matrix indices are bounded by the loops; `!` keeps the hot loops free of fallback branches. */
import { SAMPLE_RATE } from '../engine.js';
import { RealFft } from './fft.js';

/** Samples per analysis frame (25 ms). */
export const FRAME_LENGTH = 400;
/** Samples between frame starts (10 ms). */
export const FRAME_HOP = 160;
const FFT_SIZE = 512;
/** Mel bands of the filterbank. */
export const MEL_BANDS = 24;
/** Cepstral coefficients kept per frame (c1…c16). */
export const CEPSTRA = 16;
const LOW_HZ = 100;
const HIGH_HZ = 7600;
const PRE_EMPHASIS = 0.97;
/** Floor on band energies before the log (int16 scale), so digital silence stays finite. */
const ENERGY_FLOOR = 1e-2;

/** MFCCs and log energies of consecutive frames. */
export interface FrameFeatures {
  /** Number of frames. */
  count: number;
  /** `count × CEPSTRA` coefficients, frame after frame. */
  mfcc: Float32Array;
  /** Natural log of each frame's mean power (int16 scale), before the window. */
  logEnergy: Float32Array;
}

/** How many whole frames `samples` samples hold. */
export function frameCount(samples: number): number {
  return samples < FRAME_LENGTH ? 0 : 1 + Math.floor((samples - FRAME_LENGTH) / FRAME_HOP);
}

const hzToMel = (hz: number): number => 1127 * Math.log(1 + hz / 700);
const melToHz = (mel: number): number => 700 * (Math.exp(mel / 1127) - 1);

interface Band {
  first: number;
  weights: Float64Array;
}

function melBands(): Band[] {
  const lo = hzToMel(LOW_HZ);
  const hi = hzToMel(HIGH_HZ);
  const edges = Array.from({ length: MEL_BANDS + 2 }, (_, i) =>
    melToHz(lo + ((hi - lo) * i) / (MEL_BANDS + 1)),
  );
  const binHz = SAMPLE_RATE / FFT_SIZE;
  const bands: Band[] = [];
  for (let m = 0; m < MEL_BANDS; m++) {
    const left = edges[m]!;
    const centre = edges[m + 1]!;
    const right = edges[m + 2]!;
    const first = Math.ceil(left / binHz);
    const last = Math.min(FFT_SIZE / 2, Math.floor(right / binHz));
    const weights = new Float64Array(Math.max(0, last - first + 1));
    for (let k = first; k <= last; k++) {
      const hz = k * binHz;
      weights[k - first] =
        hz <= centre ? (hz - left) / (centre - left) : (right - hz) / (right - centre);
    }
    bands.push({ first, weights });
  }
  return bands;
}

/** Computes features; keeps its buffers, so reuse one per thread of work. */
export class MfccExtractor {
  private readonly fft = new RealFft(FFT_SIZE);
  private readonly frame = new Float64Array(FFT_SIZE);
  private readonly spectrum = new Float64Array(FFT_SIZE / 2 + 1);
  private readonly logMel = new Float64Array(MEL_BANDS);
  private readonly window = Float64Array.from(
    { length: FRAME_LENGTH },
    (_, n) => 0.54 - 0.46 * Math.cos((2 * Math.PI * n) / (FRAME_LENGTH - 1)),
  );
  private readonly bands = melBands();
  /** DCT-II matrix, CEPSTRA × MEL_BANDS, rows c1…c16. */
  private readonly dct = Float64Array.from({ length: CEPSTRA * MEL_BANDS }, (_, i) => {
    const c = Math.floor(i / MEL_BANDS) + 1;
    const m = i % MEL_BANDS;
    return Math.sqrt(2 / MEL_BANDS) * Math.cos((Math.PI * c * (m + 0.5)) / MEL_BANDS);
  });

  /** Features of every whole frame of `samples` (frames start at 0, FRAME_HOP, 2·FRAME_HOP, …). */
  extract(samples: Int16Array): FrameFeatures {
    const count = frameCount(samples.length);
    const mfcc = new Float32Array(count * CEPSTRA);
    const logEnergy = new Float32Array(count);
    const { frame, spectrum, logMel, window, bands, dct, fft } = this;
    for (let f = 0; f < count; f++) {
      const offset = f * FRAME_HOP;
      let power = 0;
      let previous = offset > 0 ? samples[offset - 1]! : samples[offset]!;
      for (let n = 0; n < FRAME_LENGTH; n++) {
        const x = samples[offset + n]!;
        power += x * x;
        frame[n] = (x - PRE_EMPHASIS * previous) * window[n]!;
        previous = x;
      }
      frame.fill(0, FRAME_LENGTH);
      logEnergy[f] = Math.log(power / FRAME_LENGTH + ENERGY_FLOOR);
      fft.power(frame, spectrum);
      for (let m = 0; m < MEL_BANDS; m++) {
        const { first, weights } = bands[m]!;
        let sum = 0;
        for (let k = 0; k < weights.length; k++) sum += weights[k]! * spectrum[first + k]!;
        logMel[m] = Math.log(sum + ENERGY_FLOOR);
      }
      const base = f * CEPSTRA;
      for (let c = 0; c < CEPSTRA; c++) {
        let sum = 0;
        const row = c * MEL_BANDS;
        for (let m = 0; m < MEL_BANDS; m++) sum += dct[row + m]! * logMel[m]!;
        mfcc[base + c] = sum;
      }
    }
    return { count, mfcc, logEnergy };
  }
}

/** Lowest and highest voice pitch searched for (Hz). */
const F0_MIN = 60;
const F0_MAX = 400;
/** Pitch works on the signal decimated 4× (4 kHz): ample for F0, 16× fewer operations. */
const DECIMATE = 4;
/** Pitch window: 40 ms (covers two periods of a 60 Hz voice). */
const PITCH_WINDOW = 640;
/** Normalised autocorrelation peak a frame needs to count as voiced (periodic). */
const PERIODICITY = 0.6;

/**
 * Voice pitch (F0, Hz) of the frame that starts at sample `offset` of `samples`, by normalised
 * autocorrelation of the 4× decimated signal over a 40 ms window; null when the frame is not
 * clearly periodic (unvoiced, noise, silence) or runs past the end.
 */
export function framePitch(
  samples: Int16Array,
  offset: number,
  scratch: Float64Array = new Float64Array(PITCH_WINDOW / DECIMATE),
): number | null {
  const n = PITCH_WINDOW / DECIMATE;
  if (offset + PITCH_WINDOW > samples.length) return null;
  let mean = 0;
  for (let i = 0; i < n; i++) {
    const o = offset + i * DECIMATE;
    const v = samples[o]! + samples[o + 1]! + samples[o + 2]! + samples[o + 3]!;
    scratch[i] = v;
    mean += v;
  }
  mean /= n;
  for (let i = 0; i < n; i++) scratch[i] = scratch[i]! - mean;
  const rate = SAMPLE_RATE / DECIMATE;
  const minLag = Math.floor(rate / F0_MAX);
  const maxLag = Math.ceil(rate / F0_MIN);
  let bestLag = -1;
  let best = PERIODICITY;
  const r = new Float64Array(maxLag + 2);
  for (let lag = minLag - 1; lag <= maxLag + 1; lag++) {
    let dot = 0;
    let e0 = 0;
    let e1 = 0;
    for (let i = 0; i + lag < n; i++) {
      const a = scratch[i]!;
      const b = scratch[i + lag]!;
      dot += a * b;
      e0 += a * a;
      e1 += b * b;
    }
    const v = e0 > 0 && e1 > 0 ? dot / Math.sqrt(e0 * e1) : 0;
    r[lag] = v;
  }
  for (let lag = minLag; lag <= maxLag; lag++) {
    const v = r[lag]!;
    if (v > best && v >= r[lag - 1]! && v >= r[lag + 1]!) {
      best = v;
      bestLag = lag;
    }
  }
  if (bestLag < 0) return null;
  // Parabolic interpolation around the peak.
  const y0 = r[bestLag - 1]!;
  const y1 = r[bestLag]!;
  const y2 = r[bestLag + 1]!;
  const denom = y0 - 2 * y1 + y2;
  const shift = denom < 0 ? (0.5 * (y0 - y2)) / denom : 0;
  return rate / (bestLag + Math.max(-0.5, Math.min(0.5, shift)));
}
