/**
 * Cuts a byte stream at whole 16-bit samples: a sample split between two pieces is carried into
 * the next one. Synchronous, so push-based readers (ffmpeg's stdout) and async iteration
 * (`evenChunks`) share the one rule.
 */
import { BYTES_PER_SAMPLE } from '../engine.js';

export class WholeSamples {
  private carry: Buffer | null = null;

  /** The whole samples of `piece` after what was carried; keeps a trailing odd byte for later. */
  take(piece: Buffer): Buffer {
    let data = piece;
    if (this.carry !== null) {
      data = Buffer.concat([this.carry, piece]);
      this.carry = null;
    }
    if (data.length % BYTES_PER_SAMPLE !== 0) {
      this.carry = Buffer.from(data.subarray(data.length - 1));
      data = data.subarray(0, data.length - 1);
    }
    return data;
  }
}
