import type { MiLabel, TalkLabel } from '../schema.js';
import {
  featureBuffer,
  markSalient,
  sameRoleNeighbour,
  turnInfo,
  type TextTurn,
  type TurnInfo,
} from './features.js';
import { argmax, scoreFeatures, type LinearModel } from './linear.js';
import { turnVector } from './embed.js';
import { probabilitySum, stackFeatures, stackScores } from './stack.js';

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
  const tEmb = models.talk.embeddings;
  if (tEmb && models.talk.features.vectorBuckets)
    for (const info of infos) if (info.role === 'client') info.vec = turnVector(info, tEmb);
  const sal = models.talk.salience;
  if (sal && models.talk.features.salience) markSalient(infos, sal.docs, (h) => sal.df.get(h) ?? 0);
  const mi = labelRole(infos, 'clinician', models.mi);
  const talk = labelRole(infos, 'client', models.talk);
  return infos.map((info, i): SequenceLabel => {
    if (info.role === 'clinician') return { mi: (mi[i] ?? 'other') as MiLabel };
    if (info.role === 'client') return { talk: (talk[i] ?? 'neutral') as TalkLabel };
    return {};
  });
}

/** Labels (by turn index) for the turns of one role; wordless turns get the model's fallback. */
function labelRole(
  infos: readonly TurnInfo[],
  role: 'clinician' | 'client',
  model: LinearModel,
): (string | undefined)[] {
  const fallback = role === 'clinician' ? 'other' : 'neutral';
  const logits: (Float64Array | undefined)[] = infos.map((info, i) =>
    info.role === role && info.tokens.length > 0
      ? scoreFeatures(model, featureBuffer(infos, i, model.features))
      : undefined,
  );
  const stack = model.stack;
  const roles = infos.map((t) => t.role);
  const emb = model.features.vectorBuckets ? undefined : model.embeddings;
  const sum = stack ? probabilitySum(logits, model.labels.length) : undefined;
  return infos.map((info, i) => {
    if (info.role !== role) return undefined;
    const z = logits[i];
    if (!z) return fallback;
    if (!stack) return model.labels[argmax(z)];
    const p = logits[sameRoleNeighbour(roles, i, -1)];
    const n = logits[sameRoleNeighbour(roles, i, 1)];
    const extra = emb ? turnVector(info, emb) : undefined;
    return model.labels[
      argmax(stackScores(stack, stackFeatures(z, p, n, sum, stack.prior, extra)))
    ];
  });
}
