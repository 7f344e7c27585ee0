import type { PreparedTurn } from './context.js';
import type { MiLabel, TalkLabel } from './schema.js';

export interface UtteranceLabel {
  mi?: MiLabel;
  talk?: TalkLabel;
}

/**
 * STUB (owned by the MI-classifier work): label every clinician turn with an MI behaviour and
 * every client turn with a talk type. Returns one entry per turn, in order.
 */
export function labelUtterances(turns: readonly PreparedTurn[]): UtteranceLabel[] {
  return turns.map((t): UtteranceLabel => {
    if (t.role === 'clinician') return { mi: t.norm.includes('?') ? 'question' : 'other' };
    if (t.role === 'client') return { talk: 'neutral' };
    return {};
  });
}
