/**
 * The practice's speech engines on this server: build the engine a capture uses (from the
 * practice's speech settings and the environment: models directory, API key), and report which
 * engines can run here (`GET /api/speech/engines`: the settings screen and the recording screen's
 * quality badge). The API key comes from `DOCSCRIB_SPEECH_API_KEY` only: never stored, never sent
 * to the browser, never logged.
 */
import { readdir } from 'node:fs/promises';
import { isDocscribError } from '../../core/errors.js';
import type { SpeechEngine } from '../../speech/engine.js';
import { modelsDir } from '../../speech/models.js';
import { createEngine } from '../../speech/registry.js';
import {
  EngineIdSchema,
  type EngineId,
  type EngineQuality,
  type SpeechSettings,
} from '../../speech/schema.js';
import type { CaptureError } from '../domain/schemas.js';

export type Env = Readonly<Record<string, string | undefined>>;

/** How good an engine's words are, without loading it. */
export const ENGINE_QUALITY: Readonly<Record<EngineId, EngineQuality>> = {
  pocketsphinx: 'draft',
  whisper: 'standard',
  openai: 'standard',
};

/** The Whisper models directory (speech/models.ts: DOCSCRIB_MODELS_DIR, XDG_DATA_HOME, ~/.local/share). */
export function modelsDirectory(env: Env): string {
  return modelsDir({ ...env });
}

/** The engine `id` with the practice's settings. Throws `engine.unavailable` when unusable. */
export function practiceEngine(id: EngineId, settings: SpeechSettings, env: Env): SpeechEngine {
  const apiKey = env['DOCSCRIB_SPEECH_API_KEY'];
  return createEngine(id, {
    settings,
    modelsDir: modelsDirectory(env),
    ...(apiKey !== undefined && apiKey !== '' ? { apiKey } : {}),
  });
}

/** The configured model name (no loading), or null when the engine cannot even be configured. */
export function configuredModel(id: EngineId, settings: SpeechSettings, env: Env): string | null {
  try {
    return practiceEngine(id, settings, env).model;
  } catch {
    return null;
  }
}

export interface EngineAvailability {
  id: EngineId;
  quality: EngineQuality;
  /** The model it would use (configured name). */
  model: string | null;
  available: boolean;
  /** The practice's selected engine. */
  selected: boolean;
  /** Why it cannot run here, and what to install or configure. */
  problem: CaptureError | null;
}

export interface EnginesReport {
  engines: EngineAvailability[];
  /** Whisper model files (`*.bin`) found in the models directory. */
  whisperModels: string[];
  modelsDir: string;
}

/** Which engines can run here (each engine's cheap `check()`; the openai one asks its server). */
export async function engineReport(settings: SpeechSettings, env: Env): Promise<EnginesReport> {
  const dir = modelsDirectory(env);
  const engines = await Promise.all(
    EngineIdSchema.options.map(async (id): Promise<EngineAvailability> => {
      const base = {
        id,
        quality: ENGINE_QUALITY[id],
        model: configuredModel(id, settings, env),
        selected: settings.engine === id,
      };
      try {
        await practiceEngine(id, settings, env).check();
        return { ...base, available: true, problem: null };
      } catch (e) {
        return { ...base, available: false, problem: captureError(e) };
      }
    }),
  );
  let whisperModels: string[] = [];
  try {
    whisperModels = (await readdir(dir)).filter((f) => f.endsWith('.bin')).sort();
  } catch {
    whisperModels = [];
  }
  return { engines, whisperModels, modelsDir: dir };
}

/**
 * What a failure tells the clinician: a core error's code, message and hint (they name files,
 * programs and settings, never audio or transcript content); anything else a generic internal
 * failure (its details go to the log by name only).
 */
export function captureError(e: unknown): CaptureError {
  if (isDocscribError(e)) return { code: e.code, message: e.message, hint: e.hint };
  return {
    code: 'internal',
    message: 'Transcription failed because of an internal error.',
    hint: 'Try again; if it keeps failing, ask your administrator to check the server log.',
  };
}
