/**
 * A small real-input FFT (radix-2, power-of-two sizes) for the diarizer's features. Written here
 * rather than taken from npm: the diarizer needs one transform size, the power spectrum only, and
 * speed (a 50-minute session is ~300 000 frames). A real signal of N samples is packed into N/2
 * complex values, transformed once and unpacked, which halves the work of a complex FFT.
 */
/* eslint-disable @typescript-eslint/no-non-null-assertion -- numeric kernel: typed-array and
   matrix indices are bounded by the loops; `!` keeps the hot loops free of fallback branches. */

/** A reusable power-spectrum transform for frames of `size` samples (a power of two ≥ 8). */
export class RealFft {
  readonly size: number;
  private readonly half: number;
  private readonly re: Float64Array;
  private readonly im: Float64Array;
  private readonly rev: Uint32Array;
  /** Twiddles of the N/2-point complex FFT. */
  private readonly cosT: Float64Array;
  private readonly sinT: Float64Array;
  /** Twiddles e^{-2πik/N} of the unpacking step. */
  private readonly cosU: Float64Array;
  private readonly sinU: Float64Array;

  constructor(size: number) {
    if (size < 8 || (size & (size - 1)) !== 0)
      throw new RangeError('FFT size must be a power of two ≥ 8');
    this.size = size;
    const half = size >> 1;
    this.half = half;
    this.re = new Float64Array(half);
    this.im = new Float64Array(half);
    this.rev = new Uint32Array(half);
    const bits = Math.log2(half);
    for (let i = 0; i < half; i++) {
      let r = 0;
      for (let b = 0; b < bits; b++) r = (r << 1) | ((i >> b) & 1);
      this.rev[i] = r;
    }
    this.cosT = new Float64Array(half >> 1);
    this.sinT = new Float64Array(half >> 1);
    for (let i = 0; i < half >> 1; i++) {
      this.cosT[i] = Math.cos((-2 * Math.PI * i) / half);
      this.sinT[i] = Math.sin((-2 * Math.PI * i) / half);
    }
    this.cosU = new Float64Array(half + 1);
    this.sinU = new Float64Array(half + 1);
    for (let k = 0; k <= half; k++) {
      this.cosU[k] = Math.cos((-2 * Math.PI * k) / size);
      this.sinU[k] = Math.sin((-2 * Math.PI * k) / size);
    }
  }

  /**
   * Power spectrum |X[k]|² for k = 0…N/2 of `input` (length `size`) into `out` (length N/2+1).
   */
  power(input: Float64Array, out: Float64Array): void {
    const { re, im, rev, half, cosT, sinT, cosU, sinU } = this;
    for (let i = 0; i < half; i++) {
      const j = rev[i]!;
      re[j] = input[2 * i]!;
      im[j] = input[2 * i + 1]!;
    }
    for (let len = 2; len <= half; len <<= 1) {
      const step = half / len;
      const h = len >> 1;
      for (let start = 0; start < half; start += len) {
        for (let k = 0, t = 0; k < h; k++, t += step) {
          const a = start + k;
          const b = a + h;
          const wr = cosT[t]!;
          const wi = sinT[t]!;
          const br = re[b]!;
          const bi = im[b]!;
          const xr = br * wr - bi * wi;
          const xi = br * wi + bi * wr;
          const ar = re[a]!;
          const ai = im[a]!;
          re[a] = ar + xr;
          im[a] = ai + xi;
          re[b] = ar - xr;
          im[b] = ai - xi;
        }
      }
    }
    // Unpack: X[k] = E[k] + W^k O[k], E = (Z[k] + conj Z[N/2-k]) / 2, O = (Z[k] - conj Z[N/2-k]) / 2i.
    for (let k = 0; k <= half; k++) {
      const zr = re[k % half]!;
      const zi = im[k % half]!;
      const cr = re[(half - k) % half]!;
      const ci = -im[(half - k) % half]!;
      const er = (zr + cr) / 2;
      const ei = (zi + ci) / 2;
      // (z - c) / 2i = (dI - i dR) / 2 with d = z - c
      const or = (zi - ci) / 2;
      const oi = -(zr - cr) / 2;
      const wr = cosU[k]!;
      const wi = sinU[k]!;
      const xr = er + or * wr - oi * wi;
      const xi = ei + or * wi + oi * wr;
      out[k] = xr * xr + xi * xi;
    }
  }
}
