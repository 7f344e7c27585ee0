import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeTinyGgmlModel } from '../../../test/support/tiny-ggml.js';
import { useTempDir } from '../../adapters/test-helpers.js';
import { KNOWN_MODELS, ModelInfoSchema } from '../../speech/models.js';
import { captureIo } from '../test-helpers.js';
import { main } from '../main.js';
import { runModels } from './models.js';

const tmp = useTempDir('docscrib-models-cli-');

describe('docscrib models', () => {
  it('lists the models directory with each model, usable or not, and how to add one', async () => {
    const dir = join(tmp(), 'models');
    mkdirSync(dir);
    writeTinyGgmlModel(join(dir, 'ggml-tiny.en.bin'), { nAudioLayer: 4 });
    writeFileSync(join(dir, 'ggml-base.en.bin'), '<html>Not Found</html>');
    const io = captureIo();
    expect(await main(['models', '--dir', dir], io)).toBe(0);
    const out = io.stdout();
    expect(io.stderr()).toBe('');
    expect(out).toContain(`Whisper models directory: ${dir}`);
    expect(out).toContain('(from --dir)');
    expect(out).toMatch(/ggml-tiny\.en\.bin\s+tiny\s+English\s+f16\s+[\d.]+ MiB\s+ok/);
    expect(out).toMatch(
      /ggml-base\.en\.bin\s+-\s+-\s+-\s+\d+ B\s+not usable: not a ggml model file/,
    );
    // How to use the usable one, and how to get more.
    expect(out).toContain('--engine whisper --model ggml-tiny.en.bin');
    expect(out).toContain(
      `curl -L -o ${join(dir, 'ggml-base.en.bin')} https://huggingface.co/ggerganov/whisper.cpp/resolve/main/ggml-base.en.bin`,
    );
    for (const m of KNOWN_MODELS) expect(out).toContain(`ggml-${m.name}.bin`);
  });

  it('says when the directory does not exist yet, and quotes paths for the shell', async () => {
    const dir = join(tmp(), 'not here yet');
    const out = await runModels({ dir });
    expect(out).toContain('it does not exist yet');
    expect(out).toContain('Installed models: none');
    expect(out).toContain(`mkdir -p '${dir}'`);
    expect(out).toContain('--model ggml-base.en.bin');
  });

  it('takes the directory from DOCSCRIB_MODELS_DIR, else the XDG default', async () => {
    const dir = join(tmp(), 'from-env');
    const fromEnv = JSON.parse(await runModels({ json: true }, { DOCSCRIB_MODELS_DIR: dir })) as {
      dir: string;
      source: string;
    };
    expect(fromEnv).toMatchObject({ dir, source: 'DOCSCRIB_MODELS_DIR' });
    const xdg = JSON.parse(
      await runModels({ json: true }, { XDG_DATA_HOME: '/var/lib/someone', HOME: '/h' }),
    ) as { dir: string; source: string };
    expect(xdg).toMatchObject({ dir: '/var/lib/someone/docscrib/models', source: 'XDG_DATA_HOME' });
    expect(await runModels({}, { HOME: '/home/ana' })).toContain(
      'Whisper models directory: /home/ana/.local/share/docscrib/models',
    );
  });

  it('--json gives the directory, the models as ModelInfo and the known downloads', async () => {
    const dir = join(tmp(), 'json');
    mkdirSync(dir);
    writeTinyGgmlModel(join(dir, 'ggml-custom.bin'));
    writeFileSync(join(dir, 'cut.bin'), Buffer.alloc(10));
    const io = captureIo();
    expect(await main(['models', '--json', '--dir', dir], io)).toBe(0);
    const doc = JSON.parse(io.stdout()) as {
      dir: string;
      exists: boolean;
      engine: string;
      models: unknown[];
      known: { name: string; file: string; url: string }[];
    };
    expect(doc).toMatchObject({ dir, exists: true, engine: 'whisper' });
    const models = doc.models.map((m) => ModelInfoSchema.parse(m));
    expect(models.map((m) => [m.file, m.valid])).toEqual([
      ['cut.bin', false],
      ['ggml-custom.bin', true],
    ]);
    expect(doc.known.find((k) => k.name === 'small.en')).toMatchObject({
      file: 'ggml-small.en.bin',
      url: 'https://huggingface.co/ggerganov/whisper.cpp/resolve/main/ggml-small.en.bin',
    });
  });
});
