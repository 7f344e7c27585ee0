/**
 * One place that turns an engine id and the speech settings into a `SpeechEngine`: pocketsphinx
 * (offline, draft quality), Whisper from a local ggml model file, or an OpenAI-compatible server.
 *
 * The engine modules are loaded lazily (dynamic import on the first `check()` / `transcribe()`):
 * the Whisper binding is a native module, and the CLI must start fast for commands that never
 * transcribe. So `createEngine` is synchronous and cheap; configuration that can be judged
 * without loading anything (the OpenAI base URL) is checked right away, the rest by `check()`.
 */
import { DocscribError } from '../core/errors.js';
import type { SpeechEngine, TranscribeOptions } from './engine.js';
import type { EngineId, EngineQuality, RecognizedSegment, SpeechSettings } from './schema.js';
import {
  DEFAULT_POCKETSPHINX_LM,
  POCKETSPHINX_LMS,
  type PocketsphinxLm,
} from './engines/pocketsphinx/lm-choice.js';

export interface EngineConfig {
  settings: SpeechSettings;
  /** Directory of Whisper model files (`DOCSCRIB_MODELS_DIR`, see `docscrib models`). */
  modelsDir: string;
  /** Key of the OpenAI-compatible server (`DOCSCRIB_SPEECH_API_KEY`); never stored, never logged. */
  apiKey?: string;
  /**
   * A per-run model choice (`--model`): for whisper a model file name in `modelsDir` or a path
   * (instead of `settings.whisperModel`); for openai the model name sent to the server (instead of
   * `settings.openaiModel`); for pocketsphinx the language model, `therapy` (default) or `general`.
   */
  model?: string;
  /** CPU threads for Whisper (default: the engine's). */
  threads?: number;
}

const QUALITY: Record<EngineId, EngineQuality> = {
  pocketsphinx: 'draft',
  whisper: 'standard',
  openai: 'standard',
};

/** The message when the openai engine has no base URL (the CLI words its own hint). */
export const OPENAI_BASE_URL_MISSING =
  'The openai engine needs the base URL of an OpenAI-compatible speech server, and none is set.';

/** Build the engine `id` with `cfg`. Throws `engine.unavailable` for a configuration it cannot use. */
export function createEngine(id: EngineId, cfg: EngineConfig): SpeechEngine {
  switch (id) {
    case 'pocketsphinx': {
      const lm = pocketsphinxLm(cfg.model);
      return lazyEngine(id, `en-us + ${lm} LM`, async () => {
        const { createPocketsphinxEngine } = await import('./engines/pocketsphinx.js');
        return createPocketsphinxEngine({ lm });
      });
    }
    case 'whisper': {
      const choice = cfg.model ?? cfg.settings.whisperModel;
      return lazyEngine(id, modelName(choice), async () => {
        const [{ resolveWhisperModel }, { createWhisperEngine }] = await Promise.all([
          import('./models.js'),
          import('./engines/whisper.js'),
        ]);
        return createWhisperEngine({
          modelPath: resolveWhisperModel(choice, cfg.modelsDir),
          ...(cfg.threads === undefined ? {} : { threads: cfg.threads }),
        });
      });
    }
    case 'openai': {
      const baseUrl = cfg.settings.openaiBaseUrl;
      if (baseUrl === undefined || baseUrl.trim() === '') {
        throw new DocscribError(
          'engine.unavailable',
          OPENAI_BASE_URL_MISSING,
          'Give --base-url http://127.0.0.1:8080/v1 or set DOCSCRIB_SPEECH_BASE_URL (CLI), or set the base URL in the practice speech settings (openaiBaseUrl); or use --engine pocketsphinx, which runs offline.',
          { field: 'openaiBaseUrl' },
        );
      }
      const model = cfg.model ?? cfg.settings.openaiModel;
      return lazyEngine(id, model, async () => {
        const { createOpenAiEngine } = await import('./engines/openai.js');
        return createOpenAiEngine({
          baseUrl,
          model,
          ...(cfg.apiKey === undefined || cfg.apiKey === '' ? {} : { apiKey: cfg.apiKey }),
        });
      });
    }
  }
}

function pocketsphinxLm(model: string | undefined): PocketsphinxLm {
  if (model === undefined) return DEFAULT_POCKETSPHINX_LM;
  const lm = POCKETSPHINX_LMS.find((m) => m === model.trim().toLowerCase());
  if (lm) return lm;
  throw new DocscribError(
    'usage',
    `The pocketsphinx engine has no model "${model.slice(0, 40)}".`,
    `Give --model ${POCKETSPHINX_LMS.join(' or ')} (language model), or leave it out for ${DEFAULT_POCKETSPHINX_LM}.`,
    { field: 'model' },
  );
}

/** `ggml-base.en.bin` or `/models/ggml-base.en.bin` → `ggml-base.en`. */
function modelName(choice: string): string {
  const file = choice.split(/[\\/]/).pop() ?? choice;
  return file.replace(/\.bin$/, '');
}

/**
 * An engine whose module is imported on first use. `model` reports the loaded engine's own once it
 * is loaded (after `check()`), the configured name before.
 */
function lazyEngine(
  id: EngineId,
  configuredModel: string,
  load: () => Promise<SpeechEngine>,
): SpeechEngine {
  let loading: Promise<SpeechEngine> | undefined;
  let loaded: SpeechEngine | undefined;
  const get = (): Promise<SpeechEngine> => {
    loading ??= load().then((e) => (loaded = e));
    // A failed load (a missing model) is tried again next time: the user may have fixed it.
    loading.catch(() => (loading = undefined));
    return loading;
  };
  return {
    id,
    get quality(): EngineQuality {
      return loaded?.quality ?? QUALITY[id];
    },
    get model(): string | null {
      return loaded ? loaded.model : configuredModel;
    },
    async check(): Promise<void> {
      await (await get()).check();
    },
    async transcribe(
      pcm: AsyncIterable<Buffer>,
      opts?: TranscribeOptions,
    ): Promise<RecognizedSegment[]> {
      return (await get()).transcribe(pcm, opts);
    },
  };
}
