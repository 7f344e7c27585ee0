/**
 * The Whisper engine on the real binding and a real (tiny, generated) ggml model: the loader, the
 * worker thread, the VAD chunking and the segment plumbing. The model's decoder is scripted (see
 * test/support/tiny-ggml.ts): for any window of audio it reports one segment "tiny test model"
 * from 0.2 s to 1.0 s of the window, so what reaches the model can be read off the result, and
 * silence reaching the model would show up as segments.
 */
import { getEventListeners } from 'node:events';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTinyGgmlModel } from '../../../test/support/tiny-ggml.js';
import { DocscribError } from '../../core/errors.js';
import { readPcm } from '../audio/pcm.js';
import { concat, silence, speak, tempDir } from '../audio/test-helpers.js';
import { PCM_BYTES_PER_SECOND } from '../engine.js';
import { RecognizedSegmentSchema, type RecognizedSegment } from '../schema.js';
import { createWhisperEngine } from './whisper.js';

let dir = '';
let cleanup = (): void => undefined;
let modelPath = '';
/** 1.5 s silence, an utterance, 1.5 s silence: 16 kHz mono s16le. */
let speech: Buffer = Buffer.alloc(0);
let speechSec = 0;

beforeAll(() => {
  ({ dir, cleanup } = tempDir());
  modelPath = join(dir, 'ggml-tiny-test.bin');
  writeTinyGgmlModel(modelPath);
  const words = join(dir, 'words.wav');
  const quiet = join(dir, 'quiet.wav');
  const wav = join(dir, 'speech.wav');
  speak(words, 'I slept badly this week.');
  silence(quiet, 1.5);
  concat(wav, [quiet, words, quiet]);
  return readPcm(wav).then((samples) => {
    speech = Buffer.from(samples.buffer as ArrayBuffer, samples.byteOffset, samples.byteLength);
    speechSec = speech.length / PCM_BYTES_PER_SECOND;
  });
});

afterAll(() => {
  cleanup();
});

/** A PCM buffer as a stream of 0.25 s pieces. */
async function* stream(pcm: Buffer, piece = PCM_BYTES_PER_SECOND / 4): AsyncGenerator<Buffer> {
  for (let i = 0; i < pcm.length; i += piece) {
    await Promise.resolve();
    yield pcm.subarray(i, i + piece);
  }
}

async function caught(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}

describe('createWhisperEngine', () => {
  it('names the model after its file and is standard quality', async () => {
    const engine = createWhisperEngine({ modelPath });
    expect(engine).toMatchObject({ id: 'whisper', quality: 'standard', model: 'ggml-tiny-test' });
    await expect(engine.check()).resolves.toBeUndefined();
  });

  it('loads the model and transcribes speech end to end, with times inside the audio', async () => {
    const engine = createWhisperEngine({ modelPath, threads: 2 });
    const live: RecognizedSegment[] = [];
    const progress: number[] = [];
    const segments = await engine.transcribe(stream(speech), {
      onSegment: (s) => live.push(s),
      onProgress: (s) => progress.push(s),
    });
    expect(segments.length).toBeGreaterThan(0);
    expect(live).toEqual(segments);
    for (const s of segments) {
      expect(RecognizedSegmentSchema.parse(s)).toEqual(s);
      expect(s.text).toBe('tiny test model');
      // The model's 0.2–1.0 s is relative to a chunk that starts near the speech (1.5 s in).
      expect(s.start).toBeGreaterThanOrEqual(1.2);
      expect(s.end).toBeGreaterThan(s.start);
      expect(s.end).toBeLessThanOrEqual(speechSec);
    }
    const first = segments[0];
    expect(first?.start).toBeCloseTo(1.5, 0);
    for (let i = 1; i < segments.length; i++) {
      expect(segments[i]?.start).toBeGreaterThanOrEqual(segments[i - 1]?.end ?? 0);
    }
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress[progress.length - 1]).toBeCloseTo(speechSec, 3);
  });

  it('adds offsetSec to every time, progress included; leaves no listener on the signal', async () => {
    const engine = createWhisperEngine({ modelPath, threads: 2 });
    const progress: number[] = [];
    const signal = new AbortController().signal;
    const shifted = await engine.transcribe(stream(speech), {
      offsetSec: 600,
      signal,
      onProgress: (s) => progress.push(s),
    });
    expect(shifted.length).toBeGreaterThan(0);
    for (const s of shifted) {
      expect(s.start).toBeGreaterThanOrEqual(601.2);
      expect(s.end).toBeLessThanOrEqual(600 + speechSec);
    }
    // Progress is a position on the session's timeline, like the segment times.
    expect(progress.length).toBeGreaterThan(1);
    expect(progress[0]).toBeGreaterThan(600);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.at(-1)).toBeCloseTo(600 + speechSec, 3);
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
  });

  it('gives no segment for silence: the VAD never sends it to the model', async () => {
    const engine = createWhisperEngine({ modelPath, threads: 2 });
    const quiet = Buffer.alloc(PCM_BYTES_PER_SECOND * 8);
    const seen: RecognizedSegment[] = [];
    expect(await engine.transcribe(stream(quiet), { onSegment: (s) => seen.push(s) })).toEqual([]);
    expect(seen).toEqual([]);
  });

  it('says which file is missing and where (engine.unavailable)', async () => {
    const missing = join(dir, 'ggml-small.en.bin');
    const engine = createWhisperEngine({ modelPath: missing });
    for (const e of [
      await caught(engine.check()),
      await caught(engine.transcribe(stream(speech))),
    ]) {
      expect(e).toBeInstanceOf(DocscribError);
      const err = e as DocscribError;
      expect(err.code).toBe('engine.unavailable');
      expect(err.message).toContain('ggml-small.en.bin');
      expect(err.message).toContain(dir);
      expect(err.hint).toContain('ggml-base.en.bin');
      expect(err.hint).toContain('https://huggingface.co/ggerganov/whisper.cpp');
      expect(err.hint).toContain('docscrib models');
    }
  });

  it('refuses a file that is not a model before starting a worker (engine.model)', async () => {
    const bad = join(dir, 'ggml-broken.bin');
    writeFileSync(bad, Buffer.from('<html>502 Bad Gateway</html>'));
    const engine = createWhisperEngine({ modelPath: bad });
    for (const e of [
      await caught(engine.check()),
      await caught(engine.transcribe(stream(speech))),
    ]) {
      expect((e as DocscribError).code).toBe('engine.model');
      expect((e as DocscribError).message).toContain('ggml-broken.bin');
    }
  });

  it('reports a worker that dies as engine.failed', async () => {
    const crashing = join(dir, 'crashing-worker.mjs');
    writeFileSync(
      crashing,
      [
        "import { parentPort } from 'node:worker_threads';",
        "parentPort.postMessage({ type: 'ready' });",
        'parentPort.on("message", () => process.exit(7));',
      ].join('\n'),
    );
    const engine = createWhisperEngine({ modelPath }, { workerUrl: pathToFileURL(crashing) });
    const e = await caught(engine.transcribe(stream(speech)));
    expect((e as DocscribError).code).toBe('engine.failed');
    expect((e as DocscribError).message).toContain('exit code 7');
  });

  it('stops on abort, also while waiting for audio that never comes', async () => {
    const engine = createWhisperEngine({ modelPath, threads: 2 });
    const controller = new AbortController();
    async function* endless(): AsyncGenerator<Buffer> {
      yield* stream(speech);
      await new Promise(() => undefined); // a live stream that stalls
    }
    let firstSegment = (): void => undefined;
    const heard = new Promise<void>((r) => (firstSegment = r));
    const run = caught(
      engine.transcribe(endless(), {
        signal: controller.signal,
        onSegment: () => {
          firstSegment();
        },
      }),
    );
    await heard;
    controller.abort();
    const result = await run;
    expect((result as Error).name).toBe('AbortError');

    const already = AbortSignal.abort();
    const e = await caught(engine.transcribe(stream(speech), { signal: already }));
    expect((e as Error).name).toBe('AbortError');
  });
});
