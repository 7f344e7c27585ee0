/**
 * `docscrib models`: the Whisper models directory, the model files in it (usable or not, and why),
 * and how to add one. Models are never downloaded by DocScrib; this says where to get them.
 */
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import {
  KNOWN_MODELS,
  MODEL_DOWNLOAD_PAGE,
  listModels,
  modelDownloadUrl,
  modelsDirWithSource,
  type ModelInfo,
  type ModelsDirSource,
} from '../../speech/models.js';
import { ExitCode } from '../errors.js';
import type { Io } from '../io.js';
import { json, table } from '../output.js';
import type { GlobalOptions } from './shared.js';

interface ModelsOptions extends GlobalOptions {
  json?: boolean;
  dir?: string;
}

const SOURCE_LABEL: Record<ModelsDirSource | 'option', string> = {
  option: 'from --dir',
  DOCSCRIB_MODELS_DIR: 'from DOCSCRIB_MODELS_DIR',
  XDG_DATA_HOME: 'the default under $XDG_DATA_HOME; set DOCSCRIB_MODELS_DIR to change it',
  home: 'the default; set DOCSCRIB_MODELS_DIR to change it',
};

export function registerModels(program: Command, io: Io, done: (code: ExitCode) => void): void {
  program
    .command('models')
    .summary('list the Whisper model files installed, and where to put and get them')
    .description(
      'The Whisper engine (--engine whisper) runs a whisper.cpp ggml model file from the models\n' +
        'directory. This lists that directory and each *.bin file in it (usable or not, and why),\n' +
        'and says how to add a model. DocScrib never downloads models itself.',
    )
    .option('--dir <dir>', 'the models directory to look in (default: DOCSCRIB_MODELS_DIR, …)')
    .option('--json', 'JSON output')
    .addHelpText(
      'after',
      `
Examples:
  $ docscrib models
  $ DOCSCRIB_MODELS_DIR=/srv/docscrib/models docscrib models --json`,
    )
    .action(async (_opts: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<ModelsOptions>();
      io.out(await runModels(opts));
      done(ExitCode.ok);
    });
}

/** The report for `docscrib models` (text or JSON), from the environment or `--dir`. */
export async function runModels(
  opts: { json?: boolean; dir?: string },
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  const where =
    opts.dir !== undefined
      ? { dir: resolve(opts.dir), source: 'option' as const }
      : modelsDirWithSource(env);
  const exists = existsSync(where.dir) && statSync(where.dir).isDirectory();
  const models = await listModels(where.dir);
  if (opts.json) {
    return json({
      dir: where.dir,
      source: where.source,
      exists,
      engine: 'whisper',
      models,
      known: KNOWN_MODELS.map((m) => ({
        ...m,
        file: `ggml-${m.name}.bin`,
        url: modelDownloadUrl(m.name),
      })),
    });
  }
  return report(where.dir, SOURCE_LABEL[where.source], exists, models);
}

function report(dir: string, source: string, exists: boolean, models: ModelInfo[]): string {
  const lines = [
    `Whisper models directory: ${dir}`,
    `  (${source}${exists ? '' : '; it does not exist yet'})`,
    '',
  ];
  if (models.length === 0) {
    lines.push('Installed models: none', '');
  } else {
    lines.push('Installed models:');
    const rows = models.map((m) =>
      m.valid
        ? [
            m.file,
            m.size,
            m.englishOnly ? 'English' : 'multilingual',
            m.weights,
            size(m.bytes),
            'ok',
          ]
        : [m.file, '-', '-', '-', size(m.bytes), `not usable: ${m.reason}`],
    );
    const body = table(['file', 'model', 'language', 'weights', 'size', 'status'], rows);
    lines.push(
      ...body
        .trimEnd()
        .split('\n')
        .map((l) => `  ${l}`),
      '',
    );
  }
  const usable = models.find((m) => m.valid);
  const example = usable?.file ?? 'ggml-base.en.bin';
  lines.push(
    'Use one:',
    `  docscrib transcribe session.wav --engine whisper --model ${example}`,
    '  (the practice default is the speech engine setting in the web app)',
    '',
    'Add a model (ggml files from whisper.cpp; nothing is downloaded for you):',
    `  mkdir -p ${quote(dir)}`,
    `  curl -L -o ${quote(join(dir, 'ggml-base.en.bin'))} ${modelDownloadUrl('base.en')}`,
    '',
    `Models (${MODEL_DOWNLOAD_PAGE}):`,
  );
  const known = table(
    ['file', 'download', 'language', 'notes'],
    KNOWN_MODELS.map((m) => [
      `ggml-${m.name}.bin`,
      m.download,
      m.englishOnly ? 'English' : 'multilingual',
      m.note,
    ]),
  );
  lines.push(
    ...known
      .trimEnd()
      .split('\n')
      .map((l) => `  ${l}`),
  );
  lines.push(
    '',
    'Quantised variants (e.g. ggml-small.en-q5_1.bin) are smaller and faster, slightly less accurate.',
  );
  return lines.join('\n') + '\n';
}

function size(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} B`;
}

/** A path for a shell command line: quoted when it has characters a shell would split on. */
function quote(path: string): string {
  return /^[\w@%+=:,./-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}
