import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PCM_BYTES_PER_SECOND } from '../engine.js';
import { AUDIO_CONDITIONING } from './decode.js';
import { int16Bytes, int16View, readPcm } from './pcm.js';
import { run, silence, speak, tempDir, wavSeconds } from './test-helpers.js';
import { detectSpeech, type SpeechRegion, type VadChunk, VadChunker, vadChunks } from './vad.js';

const tmp = tempDir();
const dir = tmp.dir;
afterAll(() => {
  tmp.cleanup();
});

/** Run a chunker over PCM pushed in pieces of the given sizes (cycled), then flush. */
function chunkAll(
  pcm: Int16Array,
  opts: ConstructorParameters<typeof VadChunker>[0],
  sizes = [32000],
): VadChunk[] {
  const bytes = int16Bytes(pcm);
  const chunker = new VadChunker(opts);
  const out: VadChunk[] = [];
  let off = 0;
  for (let i = 0; off < bytes.length; i++) {
    const n = sizes[i % sizes.length] as number;
    out.push(...chunker.push(bytes.subarray(off, off + n)));
    off += n;
  }
  out.push(...chunker.flush());
  return out;
}

const seconds = (c: VadChunk): number => c.pcm.length / PCM_BYTES_PER_SECOND;

/** White noise at `vol` of full scale (sox), `sec` long, 16 kHz mono. */
function noise(path: string, sec: number, vol: number): void {
  run('sox', [
    '-n',
    '-r',
    '16000',
    '-c',
    '1',
    '-b',
    '16',
    path,
    'synth',
    String(sec),
    'whitenoise',
    'vol',
    String(vol),
  ]);
}

/** An espeak utterance with its leading and trailing silence cut off: its speech is all of it. */
function utterance(path: string, text: string, voice: string): number {
  const raw = `${path}.raw.wav`;
  speak(raw, text, voice);
  const trim = ['silence', '1', '0.02', '-45d'];
  run('sox', [raw, path, ...trim, 'reverse', ...trim, 'reverse']);
  return wavSeconds(path);
}

describe('detectSpeech and VadChunker: no speech, no regions', () => {
  it('digital silence', async () => {
    const f = join(dir, 'silence.wav');
    silence(f, 10);
    const pcm = await readPcm(f);
    expect(detectSpeech(pcm)).toEqual([]);
    expect(chunkAll(pcm, {})).toEqual([]);
  });

  it.each([0.005, 0.03])('steady white noise at vol %s', async (vol) => {
    const f = join(dir, `noise-${vol}.wav`);
    noise(f, 20, vol);
    const pcm = await readPcm(f);
    expect(detectSpeech(pcm)).toEqual([]);
    expect(chunkAll(pcm, {}, [4800, 7777])).toEqual([]);
    expect(chunkAll(pcm, { maxSec: 600 })).toEqual([]);
  });

  it('a click in silence is not speech', () => {
    const pcm = new Int16Array(16000 * 4);
    for (let i = 0; i < 160; i++) pcm[32000 + i] = i % 2 === 0 ? 20000 : -20000; // 10 ms burst
    expect(detectSpeech(pcm)).toEqual([]);
    expect(chunkAll(pcm, {})).toEqual([]);
  });
});

describe('detectSpeech and VadChunker: speech with 2 s pauses', () => {
  /** Known layout: 1 s silence, A, 2 s, B, 2 s, C, 1 s; low white noise under all of it. */
  const layout: SpeechRegion[] = [];
  let pcm: Int16Array = new Int16Array(0);

  beforeAll(async () => {
    const texts: [string, string][] = [
      ['How have things been at home this week', 'en-us'],
      ['Mostly better although I still wake up early', 'en-us+f3'],
      ['Let us look at what happens when you wake', 'en-us'],
    ];
    const parts: string[] = [];
    const gap1 = join(dir, 'gap1.wav');
    const gap2 = join(dir, 'gap2.wav');
    silence(gap1, 1);
    silence(gap2, 2);
    let t = 1;
    parts.push(gap1);
    texts.forEach(([text, voice], i) => {
      const u = join(dir, `u${i}.wav`);
      const d = utterance(u, text, voice);
      layout.push({ start: t, end: t + d });
      t += d;
      parts.push(u, i < texts.length - 1 ? gap2 : gap1);
      if (i < texts.length - 1) t += 2;
    });
    const clean = join(dir, 'dialogue-clean.wav');
    run('sox', [...parts, clean]);
    const bed = join(dir, 'bed.wav');
    noise(bed, wavSeconds(clean), 0.005);
    const mixed = join(dir, 'dialogue.wav');
    run('sox', ['-m', '-v', '1', clean, '-v', '1', bed, mixed]);
    pcm = await readPcm(mixed);
  });

  it('finds one region per utterance, at the known times (within the pad and a frame or two)', () => {
    const regions = detectSpeech(pcm);
    expect(regions).toHaveLength(3);
    regions.forEach((r, i) => {
      const ref = layout[i] as SpeechRegion;
      expect(r.start).toBeGreaterThanOrEqual(ref.start - 0.2 - 0.1);
      expect(r.start).toBeLessThanOrEqual(ref.start + 0.1);
      expect(r.end).toBeGreaterThanOrEqual(ref.end - 0.1);
      expect(r.end).toBeLessThanOrEqual(ref.end + 0.2 + 0.1);
    });
  });

  it('the chunker cuts at the pauses, drops the silence, and pieces of any size give the same chunks', () => {
    const whole = chunkAll(pcm, {});
    const pieces = chunkAll(pcm, {}, [1, 999, 480 * 2, 3, 16001]);
    expect(pieces.map((c) => [c.start, c.end])).toEqual(whole.map((c) => [c.start, c.end]));
    expect(pieces.map((c) => c.pcm)).toEqual(whole.map((c) => c.pcm));

    const regions = detectSpeech(pcm);
    expect(whole).toHaveLength(3);
    whole.forEach((c, i) => {
      const r = regions[i] as SpeechRegion;
      expect(c.start).toBeCloseTo(r.start, 1);
      expect(c.end).toBeCloseTo(r.end, 1);
      expect(c.end - c.start).toBeCloseTo(seconds(c), 6);
      // The chunk is the stream's own audio at that place.
      const at = Math.round(c.start * 16000);
      expect(c.pcm.equals(int16Bytes(pcm.subarray(at, at + c.pcm.length / 2)))).toBe(true);
    });
    // No chunk is silence: together they hold no more than the speech plus its pads.
    const speech = layout.reduce((s, r) => s + r.end - r.start, 0);
    const chunked = whole.reduce((s, c) => s + seconds(c), 0);
    expect(chunked).toBeLessThan(speech + 3 * (0.4 + 0.2));
    expect(chunked).toBeGreaterThan(speech);
  });

  it('settledSec: no later chunk starts before it; receivedSec counts what was pushed', () => {
    const chunker = new VadChunker();
    const bytes = int16Bytes(pcm);
    const settled: number[] = [];
    const chunks: { chunk: VadChunk; settledBefore: number }[] = [];
    for (let off = 0; off < bytes.length; off += 3200) {
      const before = chunker.settledSec;
      settled.push(before);
      for (const chunk of chunker.push(bytes.subarray(off, off + 3200))) {
        chunks.push({ chunk, settledBefore: before });
      }
    }
    for (const chunk of chunker.flush()) chunks.push({ chunk, settledBefore: chunker.settledSec });
    expect(chunks).toHaveLength(3);
    for (const { chunk, settledBefore } of chunks)
      expect(chunk.start).toBeGreaterThanOrEqual(settledBefore);
    expect(settled.every((s, i) => i === 0 || s >= (settled[i - 1] as number))).toBe(true);
    // It moves on during the pauses, up to the lead-in of the next utterance.
    expect(Math.max(...settled)).toBeGreaterThan((layout[1] as SpeechRegion).end + 1);
    expect(chunker.receivedSec).toBeCloseTo(Math.floor(pcm.length / 480) * 0.03, 6);
  });

  it('a long pauseSec keeps the utterances in one chunk (their pauses inside it)', () => {
    const chunks = chunkAll(pcm, { pauseSec: 3 });
    expect(chunks).toHaveLength(1);
    expect(chunks[0]?.start).toBeLessThanOrEqual((layout[0] as SpeechRegion).start);
    expect(chunks[0]?.end).toBeGreaterThanOrEqual((layout[2] as SpeechRegion).end);
  });

  it('audio conditioned with AUDIO_CONDITIONING gives the same regions, and its noise stays noise', async () => {
    const conditioned = await readPcm(join(dir, 'dialogue.wav'), { filters: AUDIO_CONDITIONING });
    const plain = detectSpeech(pcm);
    const regions = detectSpeech(conditioned);
    expect(regions).toHaveLength(3);
    regions.forEach((r, i) => {
      expect(Math.abs(r.start - (plain[i] as SpeechRegion).start)).toBeLessThan(0.1);
      expect(Math.abs(r.end - (plain[i] as SpeechRegion).end)).toBeLessThan(0.1);
    });
    for (const vol of [0.005, 0.03]) {
      const bed = join(dir, `cond-noise-${vol}.wav`);
      noise(bed, 20, vol);
      const n = await readPcm(bed, { filters: AUDIO_CONDITIONING });
      expect(detectSpeech(n)).toEqual([]);
      expect(chunkAll(n, {})).toEqual([]);
    }
  });

  it('vadChunks does the same over an async stream', async () => {
    async function* stream(): AsyncGenerator<Buffer> {
      const bytes = int16Bytes(pcm);
      for (let off = 0; off < bytes.length; off += 8191) {
        await Promise.resolve();
        yield bytes.subarray(off, off + 8191);
      }
    }
    const got: VadChunk[] = [];
    for await (const c of vadChunks(stream())) got.push(c);
    expect(got.map((c) => c.start)).toEqual(chunkAll(pcm, {}).map((c) => c.start));
  });
});

describe('VadChunker: long continuous speech', () => {
  let pcm: Int16Array = new Int16Array(0);
  beforeAll(async () => {
    const f = join(dir, 'monologue.wav');
    const sentence =
      'I keep thinking about what my manager said and I cannot stop replaying it in my head ' +
      'and then I feel my chest get tight and I start to worry about the next meeting ';
    speak(f, sentence.repeat(6), 'en-us');
    pcm = await readPcm(f);
  });

  it.each([10, 28])(
    'never exceeds maxSec %s, in order, without overlap, covering the speech',
    (maxSec) => {
      expect(pcm.length / 16000).toBeGreaterThan(40);
      const chunks = chunkAll(pcm, { maxSec, pauseSec: 2 });
      expect(chunks.length).toBeGreaterThan(1);
      for (const c of chunks) expect(seconds(c)).toBeLessThanOrEqual(maxSec);
      for (let i = 1; i < chunks.length; i++) {
        expect(chunks[i]?.start).toBeGreaterThanOrEqual((chunks[i - 1] as VadChunk).end - 1e-9);
      }
      // Every speech region is inside the chunks (up to a frame at a forced cut).
      const covered = (t: number): boolean =>
        chunks.some((c) => c.start - 0.03 <= t && t <= c.end + 0.03);
      for (const r of detectSpeech(pcm)) {
        for (let t = r.start + 0.2; t < r.end - 0.2; t += 0.05) expect(covered(t)).toBe(true);
      }
      // Cuts fall in quiet places: each cut chunk ends quieter than speech on average.
      const level = (from: number, to: number): number => {
        let sum = 0;
        for (let i = from; i < to; i++) sum += ((pcm[i] ?? 0) / 32768) ** 2;
        return sum / Math.max(1, to - from);
      };
      const overall = level(0, pcm.length);
      for (const c of chunks.slice(0, -1)) {
        const end = Math.round(c.end * 16000);
        expect(level(end - 480, end)).toBeLessThan(overall);
      }
    },
  );
});

describe('real speech: pocketsphinx-librivox read utterances', () => {
  const corpus = resolve(
    import.meta.dirname,
    '../../../../shared/corpus/asr/pocketsphinx-librivox',
  );
  const ids = ['0870', '0880', '0890', '0920', '0930'];

  it.each(ids)('utterance %s: one region from the labelled speech start to its end', async (id) => {
    const base = join(corpus, `sense_and_sensibility_01_austen_64kb-${id}`);
    const [startLine, endLine] = readFileSync(`${base}.lab`, 'utf8').trim().split('\n');
    const labStart = Number(startLine?.split('\t')[0]);
    const labEnd = Number(endLine?.split('\t')[0]);
    const pcm = await readPcm(`${base}.wav`);
    const regions = detectSpeech(pcm);
    expect(regions).toHaveLength(1);
    const r = regions[0] as SpeechRegion;
    expect(r.start).toBeGreaterThanOrEqual(labStart - 0.3);
    expect(r.start).toBeLessThanOrEqual(labStart + 0.1);
    expect(r.end).toBeGreaterThanOrEqual(labEnd - 0.15);
    expect(r.end).toBeLessThanOrEqual(labEnd + 0.35);

    const chunks = chunkAll(pcm, {}, [3200]);
    expect(chunks).toHaveLength(1);
    expect(chunks[0]?.start).toBeCloseTo(r.start, 1);
    expect(chunks[0]?.end).toBeCloseTo(r.end, 1);
  });

  it('the same speech decoded from the chunks plays back the same samples', async () => {
    const pcm = await readPcm(join(corpus, 'sense_and_sensibility_01_austen_64kb-0880.wav'));
    const [c] = chunkAll(pcm, {});
    if (!c) throw new Error('no chunk');
    const at = Math.round(c.start * 16000);
    expect(Array.from(int16View(c.pcm))).toEqual(
      Array.from(pcm.subarray(at, at + c.pcm.length / 2)),
    );
  });
});
