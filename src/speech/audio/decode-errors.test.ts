import { execFileSync } from 'node:child_process';
import { copyFileSync, createReadStream, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeToPcm } from './decode.js';
import { readPcm } from './pcm.js';
import { probeAudio } from './probe.js';
import { collect, docscribFailure, ffmpeg, speak, tempDir } from './test-helpers.js';
import { wavHeader } from './wav.js';

const tmp = tempDir();
const dir = tmp.dir;
const speech = join(dir, 'speech.wav');

beforeAll(() => {
  speak(speech, 'The client said the week was difficult.');
  ffmpeg('-i', speech, '-c:a', 'aac', '-b:a', '64k', join(dir, 'a.m4a'));
  ffmpeg('-i', speech, '-c:a', 'flac', join(dir, 'a.flac'));
});
afterAll(() => {
  tmp.cleanup();
});

describe('decodeToPcm and probeAudio: bad input', () => {
  const hint = /wav, mp3, m4a, ogg, webm, flac/;

  it('a missing file', async () => {
    const missing = join(dir, 'missing.wav');
    const d = await docscribFailure(collect(decodeToPcm(missing)));
    expect([d.code, d.message]).toEqual(['audio.decode', 'missing.wav does not exist.']);
    expect(d.location.file).toBe('missing.wav');
    const p = await docscribFailure(probeAudio(missing));
    expect([p.code, p.message, p.hint]).toEqual([
      'audio.decode',
      'missing.wav does not exist.',
      'Check the file path.',
    ]);
  });

  it('a text file renamed .wav', async () => {
    const text = join(dir, 'notes.wav');
    writeFileSync(text, 'Session notes: this is not audio at all.\n'.repeat(20));
    const d = await docscribFailure(collect(decodeToPcm(text)));
    expect(d.message).toBe('notes.wav is not a recognised audio file.');
    expect(d.hint).toMatch(hint);
    const p = await docscribFailure(probeAudio(text));
    expect([p.code, p.message]).toEqual([
      'audio.decode',
      'notes.wav is not a recognised audio file.',
    ]);
    expect(p.hint).toMatch(hint);
    // The same through a pipe, named by the caller.
    const s = await docscribFailure(
      collect(decodeToPcm(createReadStream(text), { name: 'upload.wav' })),
    );
    expect(s.message).toBe('upload.wav is not a recognised audio file.');
  });

  it('a crafted upload (an ffconcat list named .wav) cannot make ffmpeg read another file', async () => {
    // Without the format allow-list ffmpeg's concat demuxer would decode speech.wav from here.
    const crafted = join(dir, 'crafted.wav');
    writeFileSync(crafted, "ffconcat version 1.0\nfile 'speech.wav'\n");
    const d = await docscribFailure(collect(decodeToPcm(crafted)));
    expect(d.code).toBe('audio.decode');
    const p = await docscribFailure(probeAudio(crafted));
    expect(p.code).toBe('audio.decode');
  });

  it('random bytes called .mp3', async () => {
    const noise = join(dir, 'random.mp3');
    writeFileSync(noise, Buffer.from(Array.from({ length: 20000 }, (_, i) => (i * 7919) % 251)));
    const p = await docscribFailure(probeAudio(noise));
    expect(p.code).toBe('audio.decode');
    expect(p.message).toMatch(/^random\.mp3 (is not a recognised audio file|is damaged)/);
  });

  it('a truncated m4a (its index cut off)', async () => {
    const cut = join(dir, 'cut.m4a');
    writeFileSync(cut, execFileSync('head', ['-c', '3000', join(dir, 'a.m4a')]));
    const d = await docscribFailure(collect(decodeToPcm(cut)));
    expect(d.message).toBe('cut.m4a is an incomplete MP4/M4A file (its index is missing).');
    expect(d.hint).toMatch(hint);
    expect((await docscribFailure(probeAudio(cut))).code).toBe('audio.decode');
  });

  it('an M4A with its index at the end cannot be streamed through a pipe, and says so', async () => {
    const m4a = join(dir, 'long.m4a');
    ffmpeg('-f', 'lavfi', '-i', 'sine=f=300:sample_rate=16000:duration=30', '-c:a', 'aac', m4a);
    const d = await docscribFailure(
      collect(decodeToPcm(createReadStream(m4a), { name: 'visit.m4a' })),
    );
    expect(d.code).toBe('audio.decode');
    expect(d.message).toBe(
      'visit.m4a is an MP4/M4A file with its index at the end, which can only be decoded from a file, not a stream.',
    );
    // The same file from its path decodes; a "fast start" M4A (index first) streams fine.
    expect((await readPcm(m4a)).length / 16000).toBeCloseTo(30, 1);
    const fast = join(dir, 'fast.m4a');
    ffmpeg('-i', m4a, '-c', 'copy', '-movflags', '+faststart', fast);
    expect((await collect(decodeToPcm(createReadStream(fast)))).length / 32000).toBeCloseTo(30, 1);
  });

  it('a FLAC whose frames are all garbage decodes to nothing: an error, not an empty success', async () => {
    const bad = join(dir, 'garbage.flac');
    const good = execFileSync('cat', [join(dir, 'a.flac')]);
    const garbage = Buffer.from(good);
    for (let i = 100; i < garbage.length; i++) garbage[i] = (i * 131) % 256;
    writeFileSync(bad, garbage);
    const d = await docscribFailure(collect(decodeToPcm(bad)));
    expect(d.code).toBe('audio.decode');
    expect(d.message).toMatch(/^garbage\.flac (contains no decodable audio|is damaged)/);
  });

  it('a video with no audio stream', async () => {
    const video = join(dir, 'video.webm');
    ffmpeg('-f', 'lavfi', '-i', 'color=c=black:s=32x32:d=1', '-c:v', 'libvpx', video);
    const d = await docscribFailure(collect(decodeToPcm(video)));
    expect(d.message).toBe('video.webm has no audio stream.');
    const p = await docscribFailure(probeAudio(video));
    expect(p.message).toBe('video.webm has no audio stream.');
    expect(p.hint).toMatch(hint);
  });

  it('an empty file and a WAV with a header but no samples', async () => {
    const empty = join(dir, 'empty.wav');
    writeFileSync(empty, '');
    expect((await docscribFailure(probeAudio(empty))).message).toBe('empty.wav is empty.');
    const headerOnly = join(dir, 'header-only.wav');
    writeFileSync(headerOnly, wavHeader(0));
    const p = await docscribFailure(probeAudio(headerOnly));
    expect(p.code).toBe('audio.decode');
    expect(p.message).toMatch(/^header-only\.wav contains no (audio samples|decodable audio)\.$/);
    const d = await docscribFailure(collect(decodeToPcm(headerOnly)));
    expect(d.message).toBe('header-only.wav contains no decodable audio.');
  });

  it('never puts file metadata (tags may hold PHI) in a message', async () => {
    const tagged = join(dir, 'tagged.flac');
    ffmpeg('-i', speech, '-metadata', 'title=Jane Roe intake', '-c:a', 'flac', tagged);
    const d = await docscribFailure(collect(decodeToPcm(tagged, { channel: 3 })));
    expect(`${d.message} ${d.hint}`).not.toMatch(/Jane|Roe|intake/);
    expect(d.message).toBe('tagged.flac does not have the requested channel.');
  });

  it('ffmpeg or ffprobe missing: engine.unavailable with the install command', async () => {
    const d = await docscribFailure(
      collect(decodeToPcm(speech, { ffmpeg: join(dir, 'no-ffmpeg') })),
    );
    expect(d.code).toBe('engine.unavailable');
    expect(d.message).toBe('ffmpeg is not installed (it decodes audio files).');
    expect(d.hint).toMatch(/sudo apt-get install ffmpeg/);
    const p = await docscribFailure(probeAudio(speech, { ffprobe: join(dir, 'no-ffprobe') }));
    expect(p.code).toBe('engine.unavailable');
    expect(p.message).toMatch(/^ffprobe is not installed/);
    expect(p.hint).toMatch(/sudo apt-get install ffmpeg/);
  });

  it('a file whose name looks like an option or a protocol is read as a file', async () => {
    const odd = join(dir, 'http:odd name.flac');
    copyFileSync(join(dir, 'a.flac'), odd);
    expect((await readPcm(odd)).length).toBeGreaterThan(0);
    expect((await probeAudio(odd)).codec).toBe('flac');
  });
});
