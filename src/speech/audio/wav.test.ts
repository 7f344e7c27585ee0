import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DocscribError } from '../../core/errors.js';
import { readPcm } from './pcm.js';
import { probeAudio } from './probe.js';
import { ffmpeg, run, tempDir } from './test-helpers.js';
import { parseWavHeader, pcmToWav, WAV_HEADER_BYTES, wavHeader } from './wav.js';

const tmp = tempDir();
afterAll(() => {
  tmp.cleanup();
});

function ramp(n: number): Buffer {
  const s = new Int16Array(n);
  for (let i = 0; i < n; i++) s[i] = ((i * 37) % 2000) - 1000;
  return Buffer.from(s.buffer);
}

describe('wavHeader and pcmToWav', () => {
  it('write a 44-byte header ffmpeg reads back to the same samples', async () => {
    const pcm = ramp(16000);
    const file = join(tmp.dir, 'ours.wav');
    writeFileSync(file, pcmToWav(pcm));
    expect(wavHeader(pcm.length).length).toBe(WAV_HEADER_BYTES);
    const info = await probeAudio(file);
    expect(info).toEqual({ durationSec: 1, channels: 1, codec: 'pcm_s16le', sampleRate: 16000 });
    expect(Buffer.from((await readPcm(file)).buffer).equals(pcm)).toBe(true);
  });

  it('writes other rates and channel counts', async () => {
    const file = join(tmp.dir, 'stereo.wav');
    writeFileSync(file, pcmToWav(ramp(8000 * 2), { sampleRate: 8000, channels: 2 }));
    const info = await probeAudio(file);
    expect([info.channels, info.sampleRate, info.durationSec]).toEqual([2, 8000, 1]);
  });
});

describe('parseWavHeader', () => {
  it('reads our header', () => {
    const wav = pcmToWav(ramp(100));
    expect(parseWavHeader(wav)).toEqual({
      sampleRate: 16000,
      channels: 1,
      bitsPerSample: 16,
      dataOffset: 44,
      dataBytes: 200,
    });
  });

  it('walks past other chunks (ffmpeg LIST tags, sox WAVE_FORMAT_EXTENSIBLE)', () => {
    const src = join(tmp.dir, 'src.wav');
    writeFileSync(src, pcmToWav(ramp(3200)));
    const tagged = join(tmp.dir, 'tagged.wav');
    ffmpeg('-i', src, '-metadata', 'comment=x', '-c:a', 'pcm_s16le', tagged);
    const a = parseWavHeader(readFileSync(tagged));
    expect(a.dataOffset).toBeGreaterThan(44);
    expect([a.sampleRate, a.channels, a.dataBytes]).toEqual([16000, 1, 6400]);

    const ext = join(tmp.dir, 'ext.wav');
    run('sox', ['-n', '-r', '16000', '-c', '3', '-b', '16', ext, 'synth', '0.5', 'sine', '300']);
    const b = parseWavHeader(readFileSync(ext));
    expect([b.sampleRate, b.channels, b.dataBytes]).toEqual([16000, 3, 16000 * 3 * 2 * 0.5]);
    expect(readFileSync(ext).readUInt16LE(20)).toBe(0xfffe); // it was the extensible format
  });

  it('refuses what is not 16-bit PCM WAV', () => {
    const f32 = join(tmp.dir, 'f32.wav');
    run('sox', [
      '-n',
      '-r',
      '16000',
      '-c',
      '1',
      '-e',
      'floating-point',
      '-b',
      '32',
      f32,
      'synth',
      '0.1',
      'sine',
      '300',
    ]);
    expect(() => parseWavHeader(readFileSync(f32))).toThrow('The WAV data is not 16-bit PCM.');
    expect(() => parseWavHeader(Buffer.from('hello world, not a wav'))).toThrow(DocscribError);
    const noData = pcmToWav(ramp(10)).subarray(0, 36);
    expect(() => parseWavHeader(noData)).toThrow('The WAV data has no data chunk.');
    expect(() => parseWavHeader(Buffer.from('RIFF....WAVE'))).toThrow(
      expect.objectContaining({ code: 'audio.decode' }) as Error,
    );
  });
});
