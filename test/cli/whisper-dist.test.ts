/**
 * The Whisper engine as BUILT (dist/): its worker thread runs the compiled whisper-worker.js with
 * plain Node (no tsx), which the unit tests on src/ cannot show. Also `docscrib models` as built.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as WhisperModule from '../../src/speech/engines/whisper.js';
import { writeTinyGgmlModel } from '../support/tiny-ggml.js';
import { runCli, tempDir } from './helpers.js';

const ROOT = resolve(import.meta.dirname, '../..');
const BUILT = pathToFileURL(join(ROOT, 'dist/speech/engines/whisper.js')).href;

let dir = '';
let cleanup = (): Promise<void> => Promise.resolve();
let modelPath = '';

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
  mkdirSync(join(dir, 'models'));
  modelPath = join(dir, 'models', 'ggml-tiny-test.bin');
  writeTinyGgmlModel(modelPath);
  writeFileSync(join(dir, 'models', 'ggml-base.en.bin'), '<html>404</html>');
});

afterAll(() => cleanup());

/** 1 s of silence, 1.5 s of a 220 Hz tone with a 3 Hz tremolo (speech-like level), 1 s silence. */
function toneBurst(): Buffer {
  const rate = 16_000;
  const samples = new Int16Array(rate * 3.5);
  for (let i = rate; i < rate * 2.5; i++) {
    const t = i / rate;
    const level = 0.3 * (0.6 + 0.4 * Math.sin(2 * Math.PI * 3 * t));
    samples[i] = Math.round(32767 * level * Math.sin(2 * Math.PI * 220 * t));
  }
  return Buffer.from(samples.buffer);
}

describe('built Whisper engine', () => {
  it('transcribes through the compiled worker with plain Node', async () => {
    const { createWhisperEngine } = (await import(BUILT)) as typeof WhisperModule;
    const engine = createWhisperEngine({ modelPath, threads: 2 });
    await engine.check();
    const pcm = toneBurst();
    async function* stream(): AsyncGenerator<Buffer> {
      for (let i = 0; i < pcm.length; i += 8000) {
        await Promise.resolve();
        yield pcm.subarray(i, i + 8000);
      }
    }
    const segments = await engine.transcribe(stream());
    expect(segments.length).toBeGreaterThan(0);
    for (const s of segments) {
      expect(s.text).toBe('tiny test model');
      expect(s.start).toBeGreaterThanOrEqual(0.8);
      expect(s.end).toBeLessThanOrEqual(3.5);
    }
  });

  it('docscrib models lists the directory from DOCSCRIB_MODELS_DIR', async () => {
    const res = await runCli(['models'], { env: { DOCSCRIB_MODELS_DIR: join(dir, 'models') } });
    expect(res.code).toBe(0);
    expect(res.stderr).toBe('');
    expect(res.stdout).toContain(`Whisper models directory: ${join(dir, 'models')}`);
    expect(res.stdout).toMatch(/ggml-tiny-test\.bin\s+custom\s+English\s+f16\s.*ok/);
    expect(res.stdout).toMatch(/ggml-base\.en\.bin.*not usable: not a ggml model file/);
  });
});
