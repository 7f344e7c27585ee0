import { describe, expect, it } from 'vitest';
import { audioMagic, duration } from './speech.js';

const bytes = (...parts: (string | number[])[]): Buffer =>
  Buffer.concat(
    parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))),
  );

describe('audioMagic', () => {
  it('knows the containers by their first bytes', () => {
    expect(audioMagic(bytes('RIFF', [1, 2, 3, 4], 'WAVE'))).toBe(true);
    expect(audioMagic(bytes('fLaC', [0, 0, 0, 34]))).toBe(true);
    expect(audioMagic(bytes('OggS', [0, 2]))).toBe(true);
    expect(audioMagic(bytes('ID3', [4, 0]))).toBe(true);
    expect(audioMagic(bytes([0, 0, 0, 32], 'ftypM4A '))).toBe(true);
    expect(audioMagic(bytes([0x1a, 0x45, 0xdf, 0xa3, 1]))).toBe(true);
    expect(audioMagic(bytes([0xff, 0xfb, 0x90, 0x64]))).toBe(true);
  });

  it('does not take text or other files for audio', () => {
    expect(audioMagic(bytes('[00:00:01] Therapist: hi'))).toBe(false);
    expect(audioMagic(bytes('WEBVTT\n\n1\n'))).toBe(false);
    expect(audioMagic(bytes('{"segments":[]}'))).toBe(false);
    expect(audioMagic(bytes('RIFF', [1, 2, 3, 4], 'AVI '))).toBe(false);
    expect(audioMagic(bytes([0xff, 0xfe, 0x5b, 0x00]))).toBe(false); // UTF-16 LE BOM
    expect(audioMagic(bytes([]))).toBe(false);
  });
});

describe('duration', () => {
  it('writes m:ss and h:mm:ss', () => {
    expect(duration(75.4)).toBe('1:15');
    expect(duration(3725)).toBe('1:02:05');
    expect(duration(0)).toBe('0:00');
  });
});
