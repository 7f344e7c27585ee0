/**
 * PRIVATE STAND-IN until [whisper]'s `src/speech/models.ts` (`resolveWhisperModel`) and
 * `src/speech/engines/whisper.ts` (`createWhisperEngine`) land: resolves the model file the way
 * the contract says (a name in the models directory, or a path) and reports a missing one with a
 * hint pointing at `docscrib models`. The lead replaces the body with the real modules.
 */
import { existsSync, statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { DocscribError } from '../core/errors.js';
import type { SpeechEngine } from './engine.js';

export const MODELS_HINT =
  'Run `docscrib models` to see the installed models, where to put ggml model files and where to get them; or use --engine pocketsphinx, which needs no model.';

export function loadWhisperEngine(
  choice: string,
  modelsDir: string,
  _threads?: number,
): Promise<SpeechEngine> {
  const path = isAbsolute(choice) || choice.includes('/') ? choice : join(modelsDir, choice);
  if (!existsSync(path) || !statSync(path).isFile()) {
    return Promise.reject(
      new DocscribError(
        'engine.unavailable',
        `No Whisper model file ${choice} in ${modelsDir}.`,
        MODELS_HINT,
        { file: path },
      ),
    );
  }
  return Promise.reject(
    new DocscribError(
      'engine.unavailable',
      'The whisper engine is not part of this build yet.',
      MODELS_HINT,
    ),
  );
}
