import type { PreparedTurn } from './context.js';
import { labelSequence, type MiModels } from './model/labeler.js';
import { unpackModel } from './model/linear.js';
import { MI_MODEL, TALK_MODEL } from './model/mi-model.generated.js';
import type { MiLabel, TalkLabel } from './schema.js';

export interface UtteranceLabel {
  mi?: MiLabel;
  talk?: TalkLabel;
}

let models: MiModels | undefined;

/** The shipped models, unpacked once on first use. */
function shippedModels(): MiModels {
  models ??= { mi: unpackModel(MI_MODEL), talk: unpackModel(TALK_MODEL) };
  return models;
}

/**
 * Label every clinician turn with an MI behaviour (question / reflection / therapist_input /
 * other) and every client turn with a talk type (change / sustain / neutral); 'other' speakers
 * get no label. One entry per turn, in order. A linear model fitted on AnnoMI
 * (scripts/train-mi.ts) over word n-grams of the turn and its neighbouring turns; turns with no
 * words (empty, or only annotations such as "(nods)") are 'other' / 'neutral'.
 */
export function labelUtterances(turns: readonly PreparedTurn[]): UtteranceLabel[] {
  return labelSequence(turns, shippedModels());
}
