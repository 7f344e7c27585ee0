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
  /** Index of the next output sample; it covers input [k·rate/16000, (k+1)·rate/16000). */
  private k = 0;
  /** Index of the next input sample (whole numbers: the boundaries are compared exactly). */
  private g = 0;
  private acc = 0;
  private accWeight = 0;

  constructor(readonly inputRate: number) {
    if (!(inputRate >= TARGET_RATE) || !Number.isInteger(inputRate)) {
      throw new Error(`microphone sample rate ${String(inputRate)} Hz is below 16 kHz`);
    }
  }

  /** The 16 kHz samples (s16) for the next block of input. */
  push(input: Float32Array): Int16Array {
    const rate = this.inputRate;
    const out = new Int16Array(Math.ceil((input.length * TARGET_RATE) / rate) + 1);
    let n = 0;
    for (let i = 0; i < input.length; i++) {
      const x = input[i] ?? 0;
      let a = this.g;
      const b = this.g + 1;
      for (;;) {
        const endNum = (this.k + 1) * rate; // the output sample ends at endNum / 16000
        if (TARGET_RATE * b >= endNum) {
          const end = endNum / TARGET_RATE;
          const part = end - a;
          this.acc += x * part;
          this.accWeight += part;
          out[n++] = toS16(this.accWeight > 0 ? this.acc / this.accWeight : 0);
          this.acc = 0;
          this.accWeight = 0;
          this.k++;
          a = end;
          if (TARGET_RATE * b === endNum) break;
        } else {
          this.acc += x * (b - a);
          this.accWeight += b - a;
          break;
        }
      }
      this.g++;
    }
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
