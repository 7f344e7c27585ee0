import { execFileSync } from 'node:child_process';
import { createReadStream, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocscribError } from '../../core/errors.js';
import { PCM_BYTES_PER_SECOND } from '../engine.js';
import { AUDIO_CONDITIONING, decodeToPcm } from './decode.js';
import { readPcm } from './pcm.js';
import { probeAudio } from './probe.js';
import {
  collect,
  correlation,
  docscribFailure,
  ffmpeg,
  peak,
  speak,
  tempDir,
  wavSeconds,
} from './test-helpers.js';

const tmp = tempDir();
const dir = tmp.dir;
const speech = join(dir, 'speech.wav');
let speechSec = 0;

/** Each format we promise, made by ffmpeg from the same espeak utterance. */
const FORMATS: { file: string; codec: string; args: string[] }[] = [
  { file: 'a.wav', codec: 'pcm_s16le', args: ['-c:a', 'pcm_s16le', '-ar', '44100'] },
  { file: 'a.mp3', codec: 'mp3', args: ['-c:a', 'libmp3lame', '-b:a', '64k'] },
  { file: 'a.m4a', codec: 'aac', args: ['-c:a', 'aac', '-b:a', '64k'] },
  { file: 'a.ogg', codec: 'opus', args: ['-c:a', 'libopus', '-b:a', '32k'] },
  { file: 'v.ogg', codec: 'vorbis', args: ['-c:a', 'libvorbis', '-q:a', '3'] },
  { file: 'a.webm', codec: 'opus', args: ['-c:a', 'libopus', '-b:a', '32k'] },
  { file: 'a.flac', codec: 'flac', args: ['-c:a', 'flac'] },
];

beforeAll(() => {
  speak(speech, 'The client said the week was difficult, but sleep has improved.');
  speechSec = wavSeconds(speech);
  for (const f of FORMATS) ffmpeg('-i', speech, ...f.args, join(dir, f.file));
});
afterAll(() => {
  tmp.cleanup();
});

describe('decodeToPcm: formats', () => {
  it.each(FORMATS)('$file decodes to 16 kHz mono of the right length, not silent', async (f) => {
    const path = join(dir, f.file);
    const pcm = await collect(decodeToPcm(path));
    expect(pcm.length % 2).toBe(0);
    expect(Math.abs(pcm.length / PCM_BYTES_PER_SECOND - speechSec)).toBeLessThan(0.1);
    const samples = new Int16Array(pcm.buffer, pcm.byteOffset, pcm.length / 2);
    expect(peak(samples)).toBeGreaterThan(3000);

    const info = await probeAudio(path);
    expect(info.codec).toBe(f.codec);
    expect(info.channels).toBe(1);
    expect(Math.abs(info.durationSec - speechSec)).toBeLessThan(0.1);
  });

  it('probes a webm that states no duration (as a browser records it) by decoding it', async () => {
    const live = join(dir, 'live.webm');
    writeFileSync(
      live,
      execFileSync('ffmpeg', [
        ...['-hide_banner', '-nostdin', '-loglevel', 'error', '-i', speech],
        ...['-c:a', 'libopus', '-f', 'webm', 'pipe:1'],
      ]),
    );
    const stated = execFileSync('ffprobe', [
      '-v',
      'error',
      '-show_entries',
      'format=duration',
      live,
    ]);
    expect(stated.toString()).toMatch(/duration=N\/A/);
    const info = await probeAudio(live);
    expect(Math.abs(info.durationSec - speechSec)).toBeLessThan(0.1);
  });

  it('decodes what it is given through a pipe (a Readable), every chunk whole samples', async () => {
    for (const file of ['a.mp3', 'a.m4a', 'a.ogg', 'a.webm', 'a.flac']) {
      const chunks: Buffer[] = [];
      for await (const c of decodeToPcm(createReadStream(join(dir, file))))
        chunks.push(c as Buffer);
      expect(chunks.every((c) => c.length % 2 === 0)).toBe(true);
      const total = chunks.reduce((n, c) => n + c.length, 0) / PCM_BYTES_PER_SECOND;
      expect(Math.abs(total - speechSec)).toBeLessThan(0.1);
    }
  });

  it('gives the same samples for a 16 kHz mono WAV as the file holds (no change)', async () => {
    const pcm = await readPcm(speech);
    const raw = execFileSync('sox', [speech, '-t', 'raw', '-']);
    expect(Buffer.from(pcm.buffer).equals(raw)).toBe(true);
  });

  it('applies the conditioning filters without changing the length', async () => {
    const plain = await readPcm(join(dir, 'a.flac'));
    const conditioned = await readPcm(join(dir, 'a.flac'), { filters: AUDIO_CONDITIONING });
    expect(Math.abs(conditioned.length - plain.length)).toBeLessThan(160);
    expect(peak(conditioned)).toBeGreaterThan(3000);
    expect(correlation(plain, conditioned)).toBeLessThan(0.9999); // it did something
    expect(correlation(plain, conditioned)).toBeGreaterThan(0.5); // and kept the speech
  });
});

describe('decodeToPcm: channels', () => {
  const left = join(dir, 'left.wav');
  const right = join(dir, 'right.wav');
  const stereoWav = join(dir, 'stereo.wav');
  const stereoFlac = join(dir, 'stereo.flac');
  const stereoOgg = join(dir, 'stereo.ogg');

  beforeAll(() => {
    speak(left, 'I have been feeling anxious at work this month.', 'en-us');
    speak(right, 'What do you notice in your body when that happens?', 'en-us+f3');
    const both = ['-i', left, '-i', right, '-filter_complex', 'amerge=inputs=2'];
    ffmpeg(...both, '-c:a', 'pcm_s16le', stereoWav);
    ffmpeg(...both, '-c:a', 'flac', stereoFlac);
    ffmpeg(...both, '-c:a', 'libvorbis', '-q:a', '5', stereoOgg);
  });

  it('channel 0 and channel 1 are the two sources, exactly for lossless files', async () => {
    const l = await readPcm(left);
    const r = await readPcm(right);
    for (const file of [stereoWav, stereoFlac]) {
      const c0 = await readPcm(file, { channel: 0 });
      const c1 = await readPcm(file, { channel: 1 });
      // amerge stops with the shorter source: compare that much.
      const n = Math.min(l.length, r.length);
      expect(c0.length).toBe(n);
      expect(c1.length).toBe(n);
      expect(Buffer.from(c0.buffer).equals(Buffer.from(l.buffer, 0, n * 2))).toBe(true);
      expect(Buffer.from(c1.buffer).equals(Buffer.from(r.buffer, 0, n * 2))).toBe(true);
      expect(correlation(c0, c1)).toBeLessThan(0.2);
      expect((await probeAudio(file)).channels).toBe(2);
    }
  });

  it('picks channels of a lossy stereo file too, and mixes both without a channel', async () => {
    const l = await readPcm(left);
    const r = await readPcm(right);
    const c0 = await readPcm(stereoOgg, { channel: 0 });
    const c1 = await readPcm(stereoOgg, { channel: 1 });
    const mix = await readPcm(stereoOgg);
    expect(correlation(c0, l)).toBeGreaterThan(0.9);
    expect(correlation(c1, r)).toBeGreaterThan(0.9);
    expect(correlation(c0, r)).toBeLessThan(0.2);
    expect(correlation(mix, l)).toBeGreaterThan(0.3);
    expect(correlation(mix, r)).toBeGreaterThan(0.3);
    expect(correlation(mix, l)).toBeLessThan(0.95);
  });

  it('a channel the file does not have is an audio.decode error, not silence', async () => {
    const e = await docscribFailure(collect(decodeToPcm(stereoWav, { channel: 2 })));
    expect(e.code).toBe('audio.decode');
    expect(e.message).toBe('stereo.wav does not have the requested channel.');
    expect(e.hint).toMatch(/channel/);
    const mono = await docscribFailure(collect(decodeToPcm(speech, { channel: 1 })));
    expect(mono.message).toBe('speech.wav does not have the requested channel.');
  });

  it('a channel that is not a channel number is refused before ffmpeg runs', () => {
    expect(() => decodeToPcm(stereoWav, { channel: -1 })).toThrow(DocscribError);
    expect(() => decodeToPcm(stereoWav, { channel: 1.5 })).toThrow(/not a channel number/);
  });
});
