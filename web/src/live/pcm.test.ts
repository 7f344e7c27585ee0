import { describe, expect, it } from 'vitest';
import { Downsampler, encodeFrame, FRAME_SAMPLES, FrameBuilder } from './pcm';

function sine(rate: number, hz: number, seconds: number, amp = 0.5): Float32Array {
  const out = new Float32Array(Math.round(rate * seconds));
  for (let i = 0; i < out.length; i++) out[i] = amp * Math.sin((2 * Math.PI * hz * i) / rate);
  return out;
}

/** Power of `x` at `hz` (16 kHz samples), by correlation. */
function toneLevel(x: Int16Array, hz: number): number {
  let re = 0;
  let im = 0;
  for (let i = 0; i < x.length; i++) {
    re += (x[i] ?? 0) * Math.cos((2 * Math.PI * hz * i) / 16_000);
    im += (x[i] ?? 0) * Math.sin((2 * Math.PI * hz * i) / 16_000);
  }
  return Math.hypot(re, im) / x.length;
}

describe('Downsampler', () => {
  it.each([48_000, 44_100, 16_000])(
    'turns %i Hz into 16 kHz: the right count, in any block size, the tone kept',
    (rate) => {
      const input = sine(rate, 440, 2);
      const whole = new Downsampler(rate).push(input);
      const d = new Downsampler(rate);
      const parts: number[] = [];
      for (let at = 0; at < input.length; at += 128) {
        parts.push(...d.push(input.subarray(at, at + 128)));
      }
      expect(Math.abs(whole.length - 32_000)).toBeLessThanOrEqual(1);
      expect(parts.length).toBe(whole.length);
      // Block edges change nothing (within rounding).
      let maxDiff = 0;
      for (let i = 0; i < whole.length; i++) {
        maxDiff = Math.max(maxDiff, Math.abs((whole[i] ?? 0) - (parts[i] ?? 0)));
      }
      expect(maxDiff).toBeLessThanOrEqual(1);
      // 0.5 amplitude at 440 Hz → ≈ 0.25 × 32767 in the correlation; a 1 kHz probe sees little.
      expect(toneLevel(whole, 440)).toBeGreaterThan(7000);
      expect(toneLevel(whole, 1000)).toBeLessThan(300);
    },
  );

  it('clips instead of wrapping, and refuses rates under 16 kHz', () => {
    const out = new Downsampler(16_000).push(Float32Array.from([2, -2, 0.5]));
    expect([...out]).toEqual([32767, -32768, 16384]);
    expect(() => new Downsampler(8000)).toThrow(/below 16 kHz/);
  });
});

describe('FrameBuilder and encodeFrame', () => {
  it('cuts 0.5 s frames and flushes the rest', () => {
    const b = new FrameBuilder();
    const samples = Int16Array.from({ length: FRAME_SAMPLES * 2 + 10 }, (_, i) => i % 1000);
    const frames = [...b.push(samples.subarray(0, 5000)), ...b.push(samples.subarray(5000))];
    expect(frames.map((f) => f.length)).toEqual([FRAME_SAMPLES, FRAME_SAMPLES]);
    expect(frames[1]?.[0]).toBe(samples[FRAME_SAMPLES]);
    expect(b.flush()?.length).toBe(10);
    expect(b.flush()).toBeNull();
  });

  it('encodes seq as little-endian uint32 before little-endian samples', () => {
    const buf = new Uint8Array(encodeFrame(258, Int16Array.from([1, -2])));
    expect([...buf]).toEqual([2, 1, 0, 0, 1, 0, 0xfe, 0xff]);
  });
});
