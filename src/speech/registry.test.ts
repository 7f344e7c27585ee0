import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DocscribError } from '../core/errors.js';
import { createEngine } from './registry.js';
import { SpeechSettingsSchema } from './schema.js';
import { errorOf } from '../core/test-helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'docscrib-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});
const settings = SpeechSettingsSchema.parse({});

describe('createEngine', () => {
  it('makes each engine without loading it, with its quality and configured model', () => {
    const sphinx = createEngine('pocketsphinx', { settings, modelsDir: dir });
    expect([sphinx.id, sphinx.quality, sphinx.model]).toEqual([
      'pocketsphinx',
      'draft',
      'en-us + therapy LM',
    ]);
    const general = createEngine('pocketsphinx', { settings, modelsDir: dir, model: 'General' });
    expect(general.model).toBe('en-us + general LM');
    const whisper = createEngine('whisper', { settings, modelsDir: dir });
    expect([whisper.quality, whisper.model]).toEqual(['standard', 'ggml-base.en']);
    const openai = createEngine('openai', {
      settings: SpeechSettingsSchema.parse({ openaiBaseUrl: 'http://127.0.0.1:9/v1' }),
      modelsDir: dir,
      model: 'Systran/faster-whisper-small',
    });
    expect([openai.quality, openai.model]).toEqual(['standard', 'Systran/faster-whisper-small']);
  });

  it('openai without a base URL: engine.unavailable naming the setting and the options', () => {
    const e = errorOf(() => createEngine('openai', { settings, modelsDir: dir }));
    expect(e.code).toBe('engine.unavailable');
    expect(e.location.field).toBe('openaiBaseUrl');
    expect(e.hint).toContain('--base-url');
    expect(e.hint).toContain('DOCSCRIB_SPEECH_BASE_URL');
  });

  it('pocketsphinx with an unknown language model is a usage error', () => {
    const e = errorOf(() => createEngine('pocketsphinx', { settings, modelsDir: dir, model: 'x' }));
    expect(e.code).toBe('usage');
    expect(e.hint).toMatch(/therapy or general/);
  });

  it('whisper with no model file: check() rejects pointing at docscrib models', async () => {
    const engine = createEngine('whisper', { settings, modelsDir: dir });
    const e: unknown = await engine.check().then(
      () => null,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(DocscribError);
    expect((e as DocscribError).code).toMatch(/^engine\./);
    expect((e as DocscribError).hint).toContain('docscrib models');
  });
});
