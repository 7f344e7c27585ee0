/**
 * The practice's speech engines on this server: build the engine a capture uses (from the
 * practice's speech settings and the environment: models directory, API key), and report which
 * engines can run here (`GET /api/speech/engines`: the settings screen and the recording screen's
 * quality badge). The API key comes from `DOCSCRIB_SPEECH_API_KEY` only: never stored, never sent
 * to the browser, never logged.
 *
 * The full report names server paths (the models directory, model files; a problem's message may
 * name a file): only administrators get it. Everyone else gets `publicEngineReport`: each engine's
 * id, quality, whether it can run and a path-free reason. The checks behind the report (the openai
 * one calls its server's `/models` with the key) run at most once a minute (`engineReporter`).
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
import { systemClock, type Clock } from '../ports.js';

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

/** How long a report is reused before the engines are checked again. */
export const ENGINE_REPORT_TTL_MS = 60_000;

export interface EngineReporterOptions {
  clock?: Clock;
  /** Default `ENGINE_REPORT_TTL_MS`. */
  ttlMs?: number;
}

/**
 * `engineReport`, reused for `ttlMs` while the speech settings stay the same (a change, e.g. a new
 * base URL, checks again at once). Concurrent requests share one check.
 */
export function engineReporter(
  env: Env,
  opts: EngineReporterOptions = {},
): (settings: SpeechSettings) => Promise<EnginesReport> {
  const clock = opts.clock ?? systemClock;
  const ttlMs = opts.ttlMs ?? ENGINE_REPORT_TTL_MS;
  let cached: { key: string; at: number; report: Promise<EnginesReport> } | null = null;
  return (settings) => {
    const key = JSON.stringify(settings);
    const now = clock.now().getTime();
    if (cached?.key !== key || now - cached.at >= ttlMs || now < cached.at) {
      const report = engineReport(settings, env);
      const entry = { key, at: now, report };
      cached = entry;
      // engineReport catches each engine's failure; should it still reject, do not keep that.
      report.catch(() => {
        if (cached === entry) cached = null;
      });
    }
    return cached.report;
  };
}

/** One engine as every signed-in user sees it: no model name, no paths. */
export interface PublicEngineAvailability {
  id: EngineId;
  quality: EngineQuality;
  available: boolean;
  selected: boolean;
  /** A path-free reason (the code, and what to ask for) when it cannot run here. */
  problem: CaptureError | null;
}

export interface PublicEnginesReport {
  engines: PublicEngineAvailability[];
}

const ENGINE_LABEL: Readonly<Record<EngineId, string>> = {
  pocketsphinx: 'offline (pocketsphinx)',
  whisper: 'Whisper',
  openai: 'OpenAI-compatible',
};

/**
 * The report for users who are not administrators: the problem's code stays, its message and
 * hint (which may name a file or directory on the server) become a fixed sentence per engine.
 */
export function publicEngineReport(report: EnginesReport): PublicEnginesReport {
  return {
    engines: report.engines.map((e) => ({
      id: e.id,
      quality: e.quality,
      available: e.available,
      selected: e.selected,
      problem:
        e.problem === null
          ? null
          : {
              code: e.problem.code,
              message: `The ${ENGINE_LABEL[e.id]} speech engine cannot run on this server now.`,
              hint: 'Ask your administrator to check the speech settings (Settings, Speech).',
            },
    })),
  };
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
