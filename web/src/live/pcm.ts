/**
 * Microphone samples → what the live WebSocket takes: 16 kHz mono signed 16-bit PCM in frames of
 * about half a second. Pure (no Web Audio): the recorder worklet runs it on the audio thread, the
 * tests run it in Node.
 */

/** The rate the server's engines take. */
export const TARGET_RATE = 16_000;
/** Samples per frame sent (0.5 s). */
export const FRAME_SAMPLES = 8_000;

/**
 * Resamples float samples (−1…1) at `inputRate` down to 16 kHz by averaging each output sample's
 * span of input (a box filter: enough against aliasing for speech), carrying the fractional
 * position from one block to the next so block edges leave no clicks or drift.
 */
export class Downsampler {
  private readonly step: number;
  /** Input position (in input samples, relative to the next block) of the next output sample. */
  private pos = 0;
  private acc = 0;
  private accWeight = 0;

  constructor(readonly inputRate: number) {
    if (!(inputRate >= TARGET_RATE)) {
      throw new Error(`microphone sample rate ${String(inputRate)} Hz is below 16 kHz`);
    }
    this.step = inputRate / TARGET_RATE;
  }

  /** The 16 kHz samples (s16) for the next block of input. */
  push(input: Float32Array): Int16Array {
    const out = new Int16Array(Math.ceil(input.length / this.step) + 1);
    let n = 0;
    for (let i = 0; i < input.length; i++) {
      const x = input[i] ?? 0;
      let a = i;
      const b = i + 1;
      while (b - a > 1e-9) {
        const end = this.pos + this.step; // the current output sample covers [pos, end)
        const part = Math.min(b, end) - a;
        this.acc += x * part;
        this.accWeight += part;
        a += part;
        if (end - a <= 1e-9) {
          out[n++] = toS16(this.acc / this.accWeight);
          this.acc = 0;
          this.accWeight = 0;
          this.pos = end;
        }
      }
    }
    this.pos -= input.length;
    return out.subarray(0, n);
  }
}

function toS16(x: number): number {
  const c = Math.max(-1, Math.min(1, x));
  return Math.round(c < 0 ? c * 0x8000 : c * 0x7fff);
}

/** Collects samples into frames of `FRAME_SAMPLES`; `flush` gives the partial rest. */
export class FrameBuilder {
  private buf: Int16Array;
  private n = 0;

  constructor(readonly frameSamples = FRAME_SAMPLES) {
    this.buf = new Int16Array(frameSamples);
  }

  push(samples: Int16Array): Int16Array[] {
    const frames: Int16Array[] = [];
    let at = 0;
    while (at < samples.length) {
      const take = Math.min(this.frameSamples - this.n, samples.length - at);
      this.buf.set(samples.subarray(at, at + take), this.n);
      this.n += take;
      at += take;
      if (this.n === this.frameSamples) {
        frames.push(this.buf);
        this.buf = new Int16Array(this.frameSamples);
        this.n = 0;
      }
    }
    return frames;
  }

  /** The samples held (null when none), and start over. */
  flush(): Int16Array | null {
    if (this.n === 0) return null;
    const rest = this.buf.slice(0, this.n);
    this.n = 0;
    return rest;
  }
}

/** The binary message for frame `seq`: 4-byte little-endian seq, then the samples (LE). */
export function encodeFrame(seq: number, samples: Int16Array): ArrayBuffer {
  const out = new ArrayBuffer(4 + samples.length * 2);
  const view = new DataView(out);
  view.setUint32(0, seq, true);
  for (let i = 0; i < samples.length; i++) view.setInt16(4 + i * 2, samples[i] ?? 0, true);
  return out;
}
