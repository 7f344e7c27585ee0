import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeToPcm } from './decode.js';
import {
  evenChunks,
  float32ToS16,
  int16Bytes,
  int16View,
  readPcm,
  rechunk,
  s16ToFloat32,
} from './pcm.js';
import { collect, speak, tempDir, wavSeconds } from './test-helpers.js';

async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

async function* from(parts: Buffer[]): AsyncGenerator<Buffer> {
  for (const p of parts) {
    await Promise.resolve();
    yield p;
  }
}

describe('sample conversion', () => {
  it('s16 → float maps the range to [-1, 1)', () => {
    const buf = int16Bytes(Int16Array.from([0, 16384, -16384, 32767, -32768]));
    expect(Array.from(s16ToFloat32(buf))).toEqual([0, 0.5, -0.5, 32767 / 32768, -1]);
  });

  it('float → s16 rounds, clips and round-trips', () => {
    const f = Float32Array.from([0, 0.5, -0.5, 1.5, -2, 0.25]);
    expect(Array.from(int16View(float32ToS16(f)))).toEqual([0, 16384, -16384, 32767, -32768, 8192]);
    const samples = Int16Array.from([1, -1, 1234, -32768, 32767, 0]);
    const back = int16View(float32ToS16(s16ToFloat32(int16Bytes(samples))));
    expect(Array.from(back)).toEqual(Array.from(samples));
  });

  it('reads samples from a buffer at an odd offset (copy) and ignores a dangling byte', () => {
    const backing = Buffer.alloc(7);
    backing.writeInt16LE(300, 1);
    backing.writeInt16LE(-2, 3);
    const odd = backing.subarray(1, 6); // 2 samples + 1 byte, byteOffset 1
    expect(Array.from(int16View(odd))).toEqual([300, -2]);
    expect(Array.from(s16ToFloat32(odd))).toEqual([300 / 32768, -2 / 32768]);
  });
});

describe('evenChunks and rechunk', () => {
  const bytes = Buffer.from(Array.from({ length: 101 }, (_, i) => i));

  it('evenChunks carries a split sample into the next chunk and drops a last odd byte', async () => {
    const parts = [
      bytes.subarray(0, 3),
      bytes.subarray(3, 4),
      bytes.subarray(4, 50),
      bytes.subarray(50),
    ];
    const out = await all(evenChunks(from(parts)));
    expect(out.every((c) => c.length % 2 === 0 && c.length > 0)).toBe(true);
    expect(Buffer.concat(out).equals(bytes.subarray(0, 100))).toBe(true);
  });

  it('evenChunks reads a Node Readable and Uint8Arrays', async () => {
    const readable = Readable.from([new Uint8Array([1, 2, 3]), new Uint8Array([4, 5])]);
    const out = await all(evenChunks(readable));
    expect(Buffer.concat(out)).toEqual(Buffer.from([1, 2, 3, 4]));
  });

  it('rechunk gives pieces of exactly the size asked, the last one shorter', async () => {
    const parts = [
      bytes.subarray(0, 7),
      bytes.subarray(7, 9),
      bytes.subarray(9, 80),
      bytes.subarray(80),
    ];
    const out = await all(rechunk(from(parts), 16));
    expect(out.map((c) => c.length)).toEqual([16, 16, 16, 16, 16, 16, 4]);
    expect(Buffer.concat(out).equals(bytes.subarray(0, 100))).toBe(true);
  });

  it('rechunk pieces own their memory (the source may reuse its buffer)', async () => {
    const reused = Buffer.alloc(8);
    async function* source(): AsyncGenerator<Buffer> {
      for (let i = 0; i < 3; i++) {
        reused.fill(i + 1);
        await Promise.resolve();
        yield reused;
      }
    }
    const out = await all(rechunk(source(), 8));
    expect(out.map((c) => c[0])).toEqual([1, 2, 3]);
  });

  it('rechunk refuses an odd or empty size', async () => {
    await expect(all(rechunk(from([bytes]), 3))).rejects.toThrow(RangeError);
    await expect(all(rechunk(from([bytes]), 0))).rejects.toThrow(RangeError);
  });
});

describe('readPcm', () => {
  const tmp = tempDir();
  const wav = join(tmp.dir, 'hello.wav');
  beforeAll(() => {
    speak(wav, 'Hello, how have you been since we last met?');
  });
  afterAll(() => {
    tmp.cleanup();
  });

  it('reads a whole file as 16 kHz samples, the same as the stream', async () => {
    const samples = await readPcm(wav);
    expect(samples.length / 16000).toBeCloseTo(wavSeconds(wav), 2);
    const streamed = await collect(decodeToPcm(wav));
    expect(Buffer.from(samples.buffer).equals(streamed)).toBe(true);
    expect(samples.byteOffset).toBe(0);
  });
});
