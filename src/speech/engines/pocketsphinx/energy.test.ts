import { describe, expect, it } from 'vitest';
import { EnergyGate } from './energy.js';

/** `sec` seconds of a 16 kHz sine at `amp` (0–1 of full scale), s16le. */
function tone(sec: number, amp: number): Buffer {
  const n = Math.round(sec * 16000);
  const b = Buffer.alloc(n * 2);
  for (let i = 0; i < n; i++) b.writeInt16LE(Math.round(amp * 32767 * Math.sin(i / 5)), i * 2);
  return b;
}

describe('EnergyGate', () => {
  it('keeps a span clearly louder than the background, drops one at background level', () => {
    const g = new EnergyGate();
    g.push(tone(2, 0.01)); // background around −43 dBFS
    g.push(tone(1, 0.3)); // speech-like level, 2–3 s
    g.push(tone(2, 0.01));
    expect(g.isSpeech(2, 3)).toBe(true);
    expect(g.isSpeech(0.2, 1.5)).toBe(false);
    expect(g.floorDb()).toBeLessThan(-40);
  });

  it('drops very quiet spans even in digital silence', () => {
    const g = new EnergyGate();
    g.push(Buffer.alloc(32000));
    g.push(tone(1, 0.001)); // −63 dBFS
    expect(g.isSpeech(1, 2)).toBe(false);
  });

  it('handles chunks split in the middle of a sample and forgets old frames', () => {
    const g = new EnergyGate();
    const b = tone(1, 0.3);
    g.push(b.subarray(0, 3001));
    g.push(b.subarray(3001));
    expect(g.peakDb(0, 1)).toBeGreaterThan(-15);
    g.forgetBefore(1);
    expect(g.peakDb(0, 1)).toBe(-100);
  });
});
