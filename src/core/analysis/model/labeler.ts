import type { MiLabel, TalkLabel } from '../schema.js';
import { featurize, turnInfo, type TextTurn } from './features.js';
import { argmax, scoreFeatures, type LinearModel } from './linear.js';

export interface SequenceLabel {
  mi?: MiLabel;
  talk?: TalkLabel;
}

export interface MiModels {
  mi: LinearModel;
  talk: LinearModel;
}

/**
 * Label a sequence of turns: clinician → MI behaviour, client → talk type, 'other' → nothing.
 * A turn with no words (empty or only annotations such as "(nods)") is 'other' / 'neutral'.
 * Context (neighbouring turns) is taken exactly as in training.
 */
export function labelSequence(
  turns: readonly TextTurn[],
  models: MiModels,
  opts: { punctuation?: boolean } = {},
): SequenceLabel[] {
  const infos = turns.map((t) => turnInfo(t, opts.punctuation ?? true));
  return infos.map((info, i): SequenceLabel => {
    if (info.role === 'clinician') {
      if (info.tokens.length === 0) return { mi: 'other' };
      const z = scoreFeatures(models.mi, featurize(infos, i, models.mi.features));
      return { mi: models.mi.labels[argmax(z)] as MiLabel };
    }
    if (info.role === 'client') {
      if (info.tokens.length === 0) return { talk: 'neutral' };
      const z = scoreFeatures(models.talk, featurize(infos, i, models.talk.features));
      return { talk: models.talk.labels[argmax(z)] as TalkLabel };
    }
    return {};
  });
}
