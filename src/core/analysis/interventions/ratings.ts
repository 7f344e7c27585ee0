import { sentenceAt, sentenceSpan, type FlatTurn } from './text.js';

/**
 * A 0-100 rating of how much the client believes a thought or prediction ("how much did you
 * believe that, zero to a hundred?") is a cognitive-restructuring rating, not an exposure SUDS
 * rating, even though the scale words are the same. So is a rating of responsibility or blame
 * ("how much of it is your fault, zero to a hundred?", the responsibility pie).
 */
const BELIEF =
  /(?<![a-z])(believe|believed|believing|belief|how (true|likely|convinced|confident|sure)|how much (do|did) you (think|buy)|(your|my|his|her|their) fault|to blame|responsib(le|ility))/;

/** The rating cue at start..end sits in a sentence (or 100 characters) about belief. */
export function ratesBelief(flat: FlatTurn, start: number, end: number): boolean {
  const s = sentenceAt(flat, start);
  const span = sentenceSpan(flat, s, s);
  return BELIEF.test(
    flat.text.slice(Math.max(span.start, start - 100), Math.min(span.end, end + 60)),
  );
}
