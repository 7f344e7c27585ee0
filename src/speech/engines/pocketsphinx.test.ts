/**
 * The pocketsphinx engine against the real `pocketsphinx_continuous` (Debian package): words from
 * a LibriVox recording, nothing from silence or noise, streaming, offsets, abort and failures.
 */
import { execFileSync } from 'node:child_process';
import { getEventListeners } from 'node:events';
import { chmodSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wordErrorRate } from '../../../eval/speech/wer.js';
import { DocscribError } from '../../core/errors.js';
import type { RecognizedSegment } from '../schema.js';
import { createPocketsphinxEngine } from './pocketsphinx.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const LIBRIVOX = resolve(ROOT, '../shared/corpus/asr/pocketsphinx-librivox');
const UTT_0870 = 'sense_and_sensibility_01_austen_64kb-0870';

let dir: string;

/** Runs sox on `input` (a file, or `-n` with a synth effect), applying `effects`, writing raw PCM. */
function soxRaw(name: string, input: string[], effects: string[] = []): Buffer {
  const out = join(dir, name);
  execFileSync('sox', [
    ...input,
    ...['-t', 'raw', '-r', '16000', '-c', '1', '-b', '16', '-e', 'signed', out],
    ...effects,
  ]);
  return readFileSync(out);
}

async function* chunks(buf: Buffer, size = 8000): AsyncGenerator<Buffer> {
  for (let i = 0; i < buf.length; i += size) {
    await Promise.resolve();
    yield buf.subarray(i, i + size);
  }
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'docscrib-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

// Generous: pocketsphinx runs at ~0.3× real time, but a loaded 2-core machine can starve it.
describe('createPocketsphinxEngine', { timeout: 120_000 }, () => {
  it('recognises a LibriVox utterance (WER below the measured bound)', async () => {
    const pcm = soxRaw('0870.raw', [join(LIBRIVOX, `${UTT_0870}.wav`)]);
    const engine = createPocketsphinxEngine({ lm: 'general' });
    expect(engine).toMatchObject({
      id: 'pocketsphinx',
      quality: 'draft',
      model: 'en-us + general LM',
    });
    await engine.check();
    const progress: number[] = [];
    const segs = await engine.transcribe(chunks(pcm), { onProgress: (s) => progress.push(s) });
    const text = segs.map((s) => s.text).join(' ');
    const ref = readFileSync(join(LIBRIVOX, `${UTT_0870}.txt`), 'utf8');
    // Measured 0.26 on this utterance (general LM); the bound leaves margin for noise in timing.
    expect(wordErrorRate(ref, text).wer).toBeLessThan(0.4);
    expect(text).toContain('consider how much there might be');
    for (const s of segs) {
      expect(s.end).toBeGreaterThan(s.start);
      expect(s.words?.length).toBeGreaterThan(0);
      expect(s.text).not.toMatch(/<|\[|\(\d\)/);
    }
    expect(progress.at(-1)).toBeCloseTo(pcm.length / 32000, 2);
  });

  it('loads the shipped therapy language model', async () => {
    const pcm = soxRaw('0880.raw', [
      join(LIBRIVOX, 'sense_and_sensibility_01_austen_64kb-0880.wav'),
    ]);
    const engine = createPocketsphinxEngine({ lm: 'therapy' });
    expect(engine.model).toBe('en-us + therapy LM');
    await engine.check();
    const segs = await engine.transcribe(chunks(pcm));
    const text = segs.map((s) => s.text).join(' ');
    // Measured: "he was not until disclosed young man" (3 errors in 8 words).
    expect(text).toMatch(/^he was not .* young man$/);
    expect(wordErrorRate('he was not an ill disposed young man', text).wer).toBeLessThan(0.6);
  });

  it('gives no segment for silence or a low noise floor', async () => {
    const engine = createPocketsphinxEngine({ lm: 'general' });
    const silence = soxRaw('silence.raw', ['-n'], ['trim', '0', '5']);
    expect(await engine.transcribe(chunks(silence))).toEqual([]);
    const noise = soxRaw('noise.raw', ['-n'], ['synth', '5', 'whitenoise', 'vol', '0.03']);
    expect(await engine.transcribe(chunks(noise))).toEqual([]);
  });

  it('streams: the first utterance arrives before the input ends; offsetSec shifts all times', async () => {
    const first = soxRaw(
      'a.raw',
      [join(LIBRIVOX, 'sense_and_sensibility_01_austen_64kb-0880.wav')],
      ['pad', '0', '2'],
    );
    const second = soxRaw('b.raw', [
      join(LIBRIVOX, 'sense_and_sensibility_01_austen_64kb-0930.wav'),
    ]);
    const seen: RecognizedSegment[] = [];
    let firstSeen: () => void = () => undefined;
    const gotFirst = new Promise<void>((r) => {
      firstSeen = r;
    });
    async function* live(): AsyncGenerator<Buffer> {
      yield* chunks(first);
      // Hold back the rest until the engine has reported the first utterance (a live session).
      await Promise.race([
        gotFirst,
        new Promise((_, rej) =>
          setTimeout(() => {
            rej(new Error('no live segment'));
          }, 20_000),
        ),
      ]);
      yield* chunks(second);
    }
    const engine = createPocketsphinxEngine({ lm: 'general' });
    const progress: number[] = [];
    const signal = new AbortController().signal;
    const segs = await engine.transcribe(live(), {
      offsetSec: 100,
      signal,
      onProgress: (s) => progress.push(s),
      onSegment: (s) => {
        seen.push(s);
        firstSeen();
      },
    });
    expect(segs).toEqual(seen);
    expect(segs.length).toBeGreaterThanOrEqual(2);
    expect(segs[0]?.start).toBeGreaterThanOrEqual(100);
    expect(segs[0]?.end).toBeLessThan(100 + first.length / 32000);
    expect(segs[0]?.text).toContain('young man');
    const last = segs.at(-1);
    expect(last?.start).toBeGreaterThan(100 + first.length / 32000 - 0.5);
    expect(last?.text).toContain('himself');
    for (const w of last?.words ?? []) expect(w.start).toBeGreaterThanOrEqual(104);
    // Progress is a position on the session's timeline, like the segment times.
    expect(progress[0]).toBeGreaterThan(100);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.at(-1)).toBeCloseTo(100 + (first.length + second.length) / 32000, 3);
    // No listener is left on the caller's signal (a live session's signal outlives many runs).
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
  });

  it('abort kills the program and removes the fifo', async () => {
    const pidFile = join(dir, 'pid');
    const wrapper = join(dir, 'ps-wrapper.sh');
    writeFileSync(
      wrapper,
      `#!/bin/sh\necho $$ > '${pidFile}'\nexec pocketsphinx_continuous "$@"\n`,
    );
    chmodSync(wrapper, 0o755);
    const fifoRoot = mkdtempSync(join(dir, 'tmp-'));
    const oldTmp = process.env.TMPDIR;
    process.env.TMPDIR = fifoRoot;
    try {
      const ac = new AbortController();
      const speech = soxRaw('c.raw', [join(LIBRIVOX, `${UTT_0870}.wav`)]);
      async function* endless(): AsyncGenerator<Buffer> {
        yield* chunks(speech);
        ac.abort();
        await new Promise(() => undefined); // a live stream that never ends by itself
      }
      const engine = createPocketsphinxEngine({ lm: 'general', binary: wrapper });
      await expect(engine.transcribe(endless(), { signal: ac.signal })).rejects.toMatchObject({
        name: 'AbortError',
      });
      const pid = Number(readFileSync(pidFile, 'utf8'));
      expect(() => process.kill(pid, 0)).toThrow(/ESRCH/);
      expect(readdirSync(fifoRoot)).toEqual([]);
    } finally {
      if (oldTmp === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = oldTmp;
    }
  });

  it('a missing program is engine.unavailable with the install hint', async () => {
    const engine = createPocketsphinxEngine({ binary: join(dir, 'no-such-pocketsphinx') });
    const err = await engine.check().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DocscribError);
    expect(err).toMatchObject({
      code: 'engine.unavailable',
      hint: expect.stringContaining('apt-get install pocketsphinx pocketsphinx-en-us') as unknown,
    });
    await expect(engine.transcribe(chunks(Buffer.alloc(3200)))).rejects.toMatchObject({
      code: 'engine.unavailable',
    });
    const noModel = createPocketsphinxEngine({ lm: 'general', modelDir: join(dir, 'nowhere') });
    await expect(noModel.check()).rejects.toMatchObject({ code: 'engine.unavailable' });
  });

  it('a crashing program is engine.failed without its output in the message', async () => {
    const crasher = join(dir, 'crash.sh');
    writeFileSync(crasher, '#!/bin/sh\necho "secret words from the audio" >&2\nexit 3\n');
    chmodSync(crasher, 0o755);
    const engine = createPocketsphinxEngine({ lm: 'general', binary: crasher });
    const err = await engine.transcribe(chunks(Buffer.alloc(64000))).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'engine.failed' });
    expect((err as Error).message).toMatch(/code 3/);
    expect((err as Error).message).not.toMatch(/secret/);
  });
});
