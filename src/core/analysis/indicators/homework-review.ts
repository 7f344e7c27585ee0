import type { AnalysisContext, PreparedTurn } from '../context.js';
import { isClientSide, minutesBetween } from './common.js';

/**
 * Review of the previous between-session task: the clinician asks about it ("did you bring your
 * card?", "how's the practice been going?", "let's look at the log") or the client reports it ("I
 * did the sheets") and the clinician follows up; the review runs while the talk stays on it.
 */

/** Between-session tasks, as clinicians and clients name them. */
export const HOMEWORK_NOUN =
  /\b(?:homework|practi[cs]e|practi[cs]ing|logs?|diary|diary cards?|(?:your|the) card|records?|thought records?|sheets?|worksheets?|(?:the|your|thoughts?) list|exercises?|assignments?|experiments?|tracking|tracker|journal(?:ing)?|monitoring|body scan|breathing space|walks?|exposures?|readings?|recordings?|the audio|tasks?|plan we made|what we (?:planned|agreed|talked about|said)|(?:the|your) schedule)\b/;

const REVIEW_QUESTION =
  /\b(?:did|were) you (?:get (?:a chance |around )?to|manage to|have a chance to|bring|do|try|get to|fill|complete|keep|use|practi[cs]e|end up|able to|remember to)\b|\bhow(?:'s| is| did| was| were| has| have| are| the week| it)\b[^.?]{0,50}\b(?:go|going|gone|went|been)\b|\b(?:let's|let us|can we|could we|want to|shall we|we could) (?:look at|go over|review|check (?:in )?on|start with|see|talk about|come back to) (?:the|your|how)\b|\bgo(?:ing)? over (?:the|your)\b|\b(?:last|from) (?:week|time|session)'?s? (?:homework|practice|assignment)\b|\bhow many (?:times|days)\b/;

const CLIENT_REPORT =
  /\b(?:i|we) (?:did|didn't|did not|went|tried|practi[cs]ed|managed|missed|forgot|kept|brought|filled|wrote|used|had|got|haven't|have not|couldn't|could not|only|finally|actually|never|said)\b|\bdidn't happen\b|\bmost days\b|\bevery (?:day|night|morning)\b|^\W*(?:yes|yeah|yep|no|nope|not really|kind of|sort of|once|twice|some)\b/;

export interface HomeworkReview {
  /** The turns that show the review: question (or client report) and the client's answer. */
  evidenceTurns: PreparedTurn[];
  /** Every turn of the review stretch, in order. */
  segment: PreparedTurn[];
}

/** Minutes a review stretch lasts at most, and the silence that ends it. */
const SEGMENT_MINUTES = 5;
const SEGMENT_GAP = 3;

export function findHomeworkReview(ctx: AnalysisContext): HomeworkReview | undefined {
  const { turns } = ctx;
  for (let i = 0; i < turns.length; i++) {
    const t = turns[i];
    if (!t) continue;
    if (t.role === 'clinician') {
      if (!REVIEW_QUESTION.test(t.norm) || !mentionsHomework(turns, i)) continue;
      if (
        /\bnext (?:week|time|session)\b|\bthis week,? (?:i'd|let's|try|keep)\b/.test(t.norm) &&
        !/\blast\b/.test(t.norm)
      )
        continue;
      const answer = firstReport(turns, i);
      if (!answer) continue;
      return { evidenceTurns: [t, answer], segment: segmentFrom(turns, i) };
    }
    if (
      isClientSide(t) &&
      HOMEWORK_NOUN.test(t.norm) &&
      /\bi (?:did|do|have|had|brought|tried|kept|filled|went|practi[cs]ed)\b/.test(t.norm)
    ) {
      if (/\b(?:will|i'll|going to|gonna|tomorrow|next)\b/.test(t.norm)) continue;
      const follow = turns[i + 1];
      if (!follow || follow.role !== 'clinician') continue;
      return { evidenceTurns: [t, follow], segment: segmentFrom(turns, i) };
    }
  }
  return undefined;
}

/** The turn or the clinician turn just before names the task. */
function mentionsHomework(turns: readonly PreparedTurn[], i: number): boolean {
  const t = turns[i];
  if (t && HOMEWORK_NOUN.test(t.norm)) return true;
  const p = turns[i - 1];
  const pp = turns[i - 2];
  return (
    (p?.role === 'clinician' && HOMEWORK_NOUN.test(p.norm)) ||
    (pp?.role === 'clinician' && HOMEWORK_NOUN.test(pp.norm) && /\bit\b/.test(t?.norm ?? ''))
  );
}

function firstReport(turns: readonly PreparedTurn[], i: number): PreparedTurn | undefined {
  for (let k = i + 1; k <= Math.min(turns.length - 1, i + 4); k++) {
    const t = turns[k];
    if (
      t &&
      isClientSide(t) &&
      (CLIENT_REPORT.test(t.norm) || /\d|\b(?:one|two|three|four|five|six|seven)\b/.test(t.norm))
    )
      return t;
  }
  return undefined;
}

function segmentFrom(turns: readonly PreparedTurn[], i: number): PreparedTurn[] {
  const start = turns[i];
  if (!start) return [];
  const out: PreparedTurn[] = [start];
  for (let k = i + 1; k < Math.min(turns.length, i + 40); k++) {
    const t = turns[k];
    const prev = turns[k - 1];
    if (!t || !prev) break;
    if (minutesBetween(prev, t) > SEGMENT_GAP || minutesBetween(start, t) > SEGMENT_MINUTES) break;
    out.push(t);
  }
  return out;
}
