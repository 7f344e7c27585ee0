import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ggmlHeader, writeTinyGgmlModel } from '../../test/support/tiny-ggml.js';
import { useTempDir } from '../adapters/test-helpers.js';
import {
  KNOWN_MODELS,
  ModelInfoSchema,
  inspectModelFile,
  listModels,
  modelDownloadUrl,
  modelsDir,
  resolveWhisperModel,
} from './models.js';
import { errorOf } from '../core/test-helpers.js';

const tmp = useTempDir('docscrib-models-');

describe('modelsDir', () => {
  it('takes DOCSCRIB_MODELS_DIR, else $XDG_DATA_HOME/docscrib/models, else ~/.local/share', () => {
    expect(modelsDir({ DOCSCRIB_MODELS_DIR: '/srv/models', XDG_DATA_HOME: '/x', HOME: '/h' })).toBe(
      '/srv/models',
    );
    expect(modelsDir({ XDG_DATA_HOME: '/x/data', HOME: '/h' })).toBe('/x/data/docscrib/models');
    expect(modelsDir({ HOME: '/home/ana' })).toBe('/home/ana/.local/share/docscrib/models');
    // A relative XDG_DATA_HOME is invalid by the spec and ignored; blank values are unset.
    expect(modelsDir({ XDG_DATA_HOME: 'rel', DOCSCRIB_MODELS_DIR: ' ', HOME: '/h' })).toBe(
      '/h/.local/share/docscrib/models',
    );
  });
});

describe('listModels and inspectModelFile', () => {
  it('tells valid models apart from broken files, with size class, language and reason', async () => {
    const dir = join(tmp(), 'list');
    mkdirSync(dir);
    writeTinyGgmlModel(join(dir, 'ggml-custom.bin'));
    writeTinyGgmlModel(join(dir, 'ggml-tiny.en.bin'), { nAudioLayer: 4 });
    writeTinyGgmlModel(join(dir, 'ggml-base.bin'), { nAudioLayer: 6, nVocab: 51865 });
    writeTinyGgmlModel(join(dir, 'ggml-large-v3.bin'), {
      nAudioLayer: 32,
      nTextLayer: 2,
      nVocab: 51866,
      nMels: 128,
    });
    const good = readFileSync(join(dir, 'ggml-custom.bin'));
    writeFileSync(join(dir, 'partial.bin'), good.subarray(0, good.length - 1000));
    writeFileSync(join(dir, 'padded.bin'), Buffer.concat([good, Buffer.alloc(64)]));
    writeFileSync(join(dir, 'page.bin'), '<!DOCTYPE html><html>Not found</html>');
    writeFileSync(join(dir, 'empty.bin'), '');
    writeFileSync(
      join(dir, 'header-only.bin'),
      ggmlHeader({
        nVocab: 51864,
        nAudioCtx: 1500,
        nAudioState: 512,
        nAudioHead: 8,
        nAudioLayer: 6,
        nTextCtx: 448,
        nTextState: 512,
        nTextHead: 8,
        nTextLayer: 6,
        nMels: 80,
        ftype: 1,
      }),
    );
    writeTinyGgmlModel(join(dir, 'f32.bin'), { ftype: 0 });
    writeTinyGgmlModel(join(dir, 'no-blank.bin'), { blankToken: false });
    writeFileSync(join(dir, 'notes.txt'), 'not a model');

    const models = await listModels(dir);
    for (const m of models) expect(ModelInfoSchema.parse(m)).toEqual(m);
    const byFile = new Map(models.map((m) => [m.file, m]));
    expect([...byFile.keys()]).not.toContain('notes.txt');
    expect(models.map((m) => m.file)).toEqual([...byFile.keys()].sort());

    const valid = (file: string): Extract<(typeof models)[number], { valid: true }> => {
      const m = byFile.get(file);
      if (m === undefined) throw new Error(`${file} is not listed`);
      if (!m.valid) throw new Error(`${file} should be valid: ${m.reason}`);
      return m;
    };
    expect(valid('ggml-custom.bin')).toMatchObject({
      name: 'ggml-custom',
      size: 'custom',
      englishOnly: true,
      weights: 'f16',
      bytes: good.length,
    });
    expect(valid('ggml-tiny.en.bin')).toMatchObject({ size: 'tiny', englishOnly: true });
    expect(valid('ggml-base.bin')).toMatchObject({ size: 'base', englishOnly: false });
    expect(valid('ggml-large-v3.bin')).toMatchObject({ size: 'large-v3', englishOnly: false });

    const reason = (file: string): string => {
      const m = byFile.get(file);
      if (m === undefined || m.valid) throw new Error(`${file} should be invalid`);
      return m.reason;
    };
    expect(reason('partial.bin')).toMatch(/^truncated/);
    expect(reason('padded.bin')).toMatch(/64 unexpected bytes/);
    expect(reason('page.bin')).toMatch(/bad magic/);
    expect(reason('empty.bin')).toMatch(/bad magic/);
    expect(reason('header-only.bin')).toMatch(/truncated/);
    expect(reason('f32.bin')).toMatch(/f32/);
    expect(reason('no-blank.bin')).toMatch(/blank token/);
  });

  it('refuses hyper-parameters the bundled whisper.cpp would abort the process on', () => {
    const base = {
      nVocab: 51864,
      nAudioCtx: 1500,
      nAudioState: 384,
      nAudioHead: 6,
      nAudioLayer: 4,
      nTextCtx: 448,
      nTextState: 384,
      nTextHead: 6,
      nTextLayer: 4,
      nMels: 80,
      ftype: 1,
    };
    const cases: [Partial<typeof base>, RegExp][] = [
      [{ nVocab: 51900 }, /vocabulary size 51900/],
      [{ nTextCtx: 300000 }, /text context 300000/],
      [{ nAudioHead: 7 }, /layers of 7 heads/],
      [{ nTextState: 512 }, /state sizes/],
      [{ ftype: 5 }, /unsupported weight type/],
    ];
    for (const [change, reason] of cases) {
      const path = join(tmp(), 'odd.bin');
      writeFileSync(path, ggmlHeader({ ...base, ...change }));
      const info = inspectModelFile(path);
      expect(info.valid).toBe(false);
      if (!info.valid) expect(info.reason).toMatch(reason);
    }
  });

  it('lists nothing for a directory that does not exist', async () => {
    expect(await listModels(join(tmp(), 'nowhere'))).toEqual([]);
  });

  it('reads only the header, vocabulary and tensor records of a model', () => {
    const path = join(tmp(), 'ggml-inspect.bin');
    const { bytes, hparams } = writeTinyGgmlModel(path);
    const info = inspectModelFile(path);
    expect(info).toMatchObject({ valid: true, bytes, hparams });
  });
});

describe('resolveWhisperModel', () => {
  it('finds a model by file name, by name without .bin or ggml-, or by path', () => {
    const dir = join(tmp(), 'resolve');
    mkdirSync(dir);
    const path = join(dir, 'ggml-base.en.bin');
    writeTinyGgmlModel(path);
    expect(resolveWhisperModel('ggml-base.en.bin', dir)).toBe(path);
    expect(resolveWhisperModel('ggml-base.en', dir)).toBe(path);
    expect(resolveWhisperModel('base.en', dir)).toBe(path);
    expect(resolveWhisperModel(path, '/elsewhere')).toBe(path);
  });

  it('names the file and the directory when the model is missing (engine.unavailable)', () => {
    const dir = join(tmp(), 'empty-models');
    const e = errorOf(() => resolveWhisperModel('ggml-small.en.bin', dir));
    expect(e.code).toBe('engine.unavailable');
    expect(e.message).toContain('ggml-small.en.bin');
    expect(e.message).toContain(dir);
    expect(e.hint).toContain('huggingface.co/ggerganov/whisper.cpp');
    expect(e.hint).toContain('docscrib models');
    const byPath = errorOf(() => resolveWhisperModel('/no/such/ggml-x.bin', dir));
    expect(byPath.code).toBe('engine.unavailable');
    expect(byPath.message).toContain('/no/such/ggml-x.bin');
  });

  it('names the missing file as the user would (no doubled ggml- or .bin)', () => {
    const dir = join(tmp(), 'empty-models');
    for (const [choice, file] of [
      ['ggml-base.en.bin', 'ggml-base.en.bin'],
      ['ggml-base.en', 'ggml-base.en.bin'],
      ['base.en', 'ggml-base.en.bin'],
      ['my-model.bin', 'my-model.bin'],
    ] as const) {
      const e = errorOf(() => resolveWhisperModel(choice, dir));
      expect(e.message).toBe(`The Whisper model ${file} is not in the models directory ${dir}.`);
      expect(e.location).toEqual({ file });
    }
    const byPath = errorOf(() => resolveWhisperModel('./models/base.en', dir));
    expect(byPath.message).toBe('The Whisper model file ./models/base.en does not exist.');
    expect(byPath.message).not.toContain('ggml-');
  });

  it('refuses a file that is not a usable model (engine.model), saying why', () => {
    const dir = join(tmp(), 'broken');
    mkdirSync(dir);
    writeFileSync(join(dir, 'ggml-base.en.bin'), '<html>rate limited</html>');
    const e = errorOf(() => resolveWhisperModel('base.en', dir));
    expect(e.code).toBe('engine.model');
    expect(e.message).toContain('ggml-base.en.bin');
    expect(e.message).toContain('bad magic');
    expect(e.hint).toMatch(/download it again/i);
  });
});

describe('KNOWN_MODELS', () => {
  it('suggests unique names whose downloaded file resolveWhisperModel finds by that name', () => {
    const names = KNOWN_MODELS.map((m) => m.name);
    expect(names).toContain('base.en');
    expect(new Set(names).size).toBe(names.length);
    const dir = join(tmp(), 'known');
    mkdirSync(dir);
    const model = join(tmp(), 'model.bin');
    writeTinyGgmlModel(model);
    for (const { name } of KNOWN_MODELS) {
      const url = new URL(modelDownloadUrl(name));
      expect(url.protocol).toBe('https:');
      expect(url.hostname).toBe('huggingface.co');
      const file = url.pathname.split('/').pop() ?? '';
      expect(file).toMatch(/^ggml-[a-z0-9.-]+\.bin$/);
      // Saved under the URL's file name, the model is found by its short name.
      copyFileSync(model, join(dir, file));
      expect(resolveWhisperModel(name, dir)).toBe(join(dir, file));
    }
  });
});
