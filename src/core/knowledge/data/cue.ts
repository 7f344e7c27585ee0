import type { InterventionInput, Source } from '../schema.js';

/**
 * Small builders that keep the intervention data readable. Cue patterns are regular-expression
 * sources matched against lower-cased text with punctuation removed (apostrophes kept, so
 * write `i'?m` to accept "im" from speech recognisers). A word boundary is added before each
 * pattern; add one at the end yourself when a prefix match would be wrong.
 */
export type CueInput = InterventionInput['explicitCues'][number];

/** The technique named (weight 1), said by the clinician. */
export const named = (pattern: string, weight = 1): CueInput => ({
  pattern,
  weight,
  role: 'clinician',
});

/** Typical phrasing of the clinician delivering it (default weight 0.5). */
export const says = (pattern: string, weight = 0.5): CueInput => ({
  pattern,
  weight,
  role: 'clinician',
});

/** Said by either side (e.g. a client repeating a defusion phrase, or naming a therapy). */
export const anyone = (pattern: string, weight = 0.5): CueInput => ({
  pattern,
  weight,
  role: 'any',
});

/** Said by the client while doing or reporting the technique. */
export const client = (pattern: string, weight = 0.3): CueInput => ({
  pattern,
  weight,
  role: 'client',
});

export type { InterventionInput, Source };
