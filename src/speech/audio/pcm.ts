/**
 * PCM helpers for 16 kHz mono s16le audio: sample conversion (Whisper wants Float32), reading a
 * small file's samples whole (tests, eval), and re-shaping a byte stream into whole samples or
 * fixed-size pieces.
 *
 * All of this assumes a little-endian host (x64, arm64), like the rest of the speech code.
 */
import type { Readable } from 'node:stream';
import { BYTES_PER_SAMPLE } from '../engine.js';
import { decodeToPcm, type DecodeOptions } from './decode.js';
import { WholeSamples } from './whole-samples.js';

/** The samples of an s16le buffer as an `Int16Array` (a view when aligned, else a copy). */
export function int16View(buf: Buffer): Int16Array {
  const n = Math.floor(buf.length / BYTES_PER_SAMPLE);
  if (buf.byteOffset % BYTES_PER_SAMPLE === 0) return new Int16Array(buf.buffer, buf.byteOffset, n);
  const copy = new Int16Array(n);
  new Uint8Array(copy.buffer).set(buf.subarray(0, n * BYTES_PER_SAMPLE));
  return copy;
}

/** An `Int16Array`'s bytes as a `Buffer` (a view, no copy). */
export function int16Bytes(samples: Int16Array): Buffer {
  return Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength);
}

/** s16le bytes → floats in [-1, 1) (a trailing odd byte is ignored). */
export function s16ToFloat32(buf: Buffer): Float32Array {
  const s = int16View(buf);
  const f = new Float32Array(s.length);
  for (let i = 0; i < s.length; i++) f[i] = (s[i] as number) / 32768;
  return f;
}

/** Floats (nominally [-1, 1]) → s16le bytes, clipped to the 16-bit range. */
export function float32ToS16(samples: Float32Array): Buffer {
  const out = new Int16Array(samples.length);
  for (let i = 0; i < samples.length; i++) {
    const v = Math.round((samples[i] as number) * 32768);
    out[i] = v > 32767 ? 32767 : v < -32768 ? -32768 : v;
  }
  return int16Bytes(out);
}

/**
 * A byte stream as `Buffer`s of whole samples (even byte counts): a split sample is carried into
 * the next chunk; a dangling last byte is dropped. Empty chunks are skipped.
 */
export async function* evenChunks(
  source: Readable | AsyncIterable<Buffer | Uint8Array>,
): AsyncGenerator<Buffer> {
  const whole = new WholeSamples();
  for await (const piece of source as AsyncIterable<Buffer | Uint8Array | string>) {
    if (typeof piece === 'string') throw new TypeError('PCM streams carry bytes, not text.');
    const data = whole.take(
      Buffer.isBuffer(piece) ? piece : Buffer.from(piece.buffer, piece.byteOffset, piece.length),
    );
    if (data.length > 0) yield data;
  }
}

/**
 * Re-cut a PCM stream into pieces of exactly `bytes` (even), the last one shorter (still whole
 * samples). Holds at most one piece in memory.
 */
export async function* rechunk(
  source: AsyncIterable<Buffer | Uint8Array>,
  bytes: number,
): AsyncGenerator<Buffer> {
  if (!(Number.isInteger(bytes) && bytes > 0 && bytes % BYTES_PER_SAMPLE === 0)) {
    throw new RangeError(`rechunk: piece size ${bytes} is not a positive even number of bytes.`);
  }
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  for await (const data of evenChunks(source)) {
    let rest = data;
    while (pendingBytes + rest.length >= bytes) {
      const need = bytes - pendingBytes;
      pending.push(rest.subarray(0, need));
      yield pending.length === 1
        ? Buffer.from(pending[0] as Buffer)
        : Buffer.concat(pending, bytes);
      pending = [];
      pendingBytes = 0;
      rest = rest.subarray(need);
    }
    if (rest.length > 0) {
      pending.push(Buffer.from(rest));
      pendingBytes += rest.length;
    }
  }
  if (pendingBytes > 0) yield Buffer.concat(pending, pendingBytes);
}

/**
 * Decode a whole (small) audio file to 16 kHz mono samples. For tests, evaluation and short clips
 * only: a two-hour file is 230 MB this way; stream with `decodeToPcm` instead.
 */
export async function readPcm(
  path: string,
  opts: Omit<DecodeOptions, 'name'> = {},
): Promise<Int16Array> {
  const parts: Buffer[] = [];
  let total = 0;
  for await (const chunk of decodeToPcm(path, opts)) {
    parts.push(chunk as Buffer);
    total += (chunk as Buffer).length;
  }
  const all = Buffer.concat(parts, total);
  // A fresh, aligned copy that owns its memory.
  const samples = new Int16Array(total / BYTES_PER_SAMPLE);
  new Uint8Array(samples.buffer).set(all);
  return samples;
}
