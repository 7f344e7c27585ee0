import { evidenceOf, shortenQuote, type AnalysisContext, type PreparedTurn } from '../context.js';
import type { Indicator } from '../schema.js';
import { findNumbers } from '../../text/numbers.js';
import { splitSentences } from '../../text/sentences.js';
import { isClientSide } from './common.js';
import { findHomeworkReview } from './homework-review.js';

/**
 * How far the previous task was done, read from the review stretch:
 * - partial: "missed Sunday", "three out of the five", "only did two", "got stuck halfway", "X
 *   didn't happen" next to things that were done;
 * - not_completed: "didn't get to it", "forgot", with nothing reported as done;
 * - completed: "I did it", "went four times", "that's what we aimed for", and no sign of a gap.
 */

const DONE =
  /\b(?:i|we) (?:did|went|practi[cs]ed|tried|kept|filled|wrote|used|had|brought|finally did|managed)\b|\bmost days\b|\bevery (?:day|night|morning)\b|\b(?:that's|that is) (?:what|exactly what) we (?:aimed|planned|agreed)\b|\bmore than we (?:planned|aimed|agreed|said)\b|\ball of (?:them|it)\b|\ball (?:seven|7) (?:days|nights)\b|\bevery single (?:day|night)\b/;
const PARTIAL =
  /\b(?:i|we) missed\b|\bmissed (?:a|one|two|the|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|\bonly (?:did|managed|got|went|once|twice|one|two|three)\b|\bdidn't happen\b|\bfell (?:apart|through)\b|\bwent out the window\b|\bnot all\b|\b(?:did|do|only|managed|got to) (?:some|half|part|a few) of (?:them|it|the)\b|\bdid half\b|\b(?:i|we) (?:got|get|was|were) stuck\b|\b(?:got|gave up|stopped|only) (?:\w+ )?(?:halfway|half way|part way|partway)\b|\bskipped (?:it|them|a day|one|two|a few|some|the (?:practice|log|card|walk|homework|exercise)|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b/;
const NOT_DONE =
  /\b(?:didn't|did not|couldn't|could not|haven't|have not|never) (?:do|get to|get around|manage|make|finish|complete|have time|try|start|practi[cs]e|fill|write|right|read|go|call)\b|\b(?:i|we) forgot\b(?! about (?:that|this|him|her|them|it until))|\bno time\b/;

/**
 * The clinician asks what stood in the way ("what got in the way of the body scan?"): part of the
 * task was not done, even when the client only gave numbers.
 */
const GAP_QUESTION =
  /\bwhat (?:got|gets|was getting|came) in the way\b|\bwhat (?:stopped|kept) you\b|\bwhat made it hard(?:er)? to\b/;

export function extractHomeworkCompletion(ctx: AnalysisContext): Indicator[] {
  const review = findHomeworkReview(ctx);
  if (!review) return [];
  const seg = review.segment;
  let done = false;
  let partial = false;
  let notDone = false;
  let gapAsked = false;
  const cands: { turn: PreparedTurn; text: string; rank: number; order: number }[] = [];
  for (const t of seg) {
    const sentences = splitSentences(t.text);
    for (const s of sentences) {
      const n = s.text.toLowerCase();
      const d = DONE.test(n);
      const p = PARTIAL.test(n) || outOfShort(n);
      const nd = NOT_DONE.test(n);
      if (!isClientSide(t) && GAP_QUESTION.test(n)) gapAsked = true;
      if (!d && !p && !nd) continue;
      if (d) done = true;
      if (p) partial = true;
      if (nd) notDone = true;
      if (!isClientSide(t) && !p) continue;
      // Gaps first, then reports with a number, then any report.
      const rank = p || nd ? 0 : findNumbers(n).length > 0 ? 1 : 2;
      cands.push({ turn: t, text: s.text, rank, order: cands.length });
    }
  }
  const chosen = [...cands]
    .sort((a, b) => a.rank - b.rank || a.order - b.order)
    .slice(0, 2)
    .sort((a, b) => a.order - b.order);
  const keyTurns = [...new Set(chosen.map((c) => c.turn))];
  const keySentences = chosen.map((c) => c.text);
  let status: 'completed' | 'partial' | 'not_completed';
  if (partial || (done && (notDone || gapAsked))) status = 'partial';
  else if (done) status = 'completed';
  else if (notDone) status = 'not_completed';
  else return [];
  const first = keyTurns[0] ?? review.evidenceTurns[1] ?? review.evidenceTurns[0];
  if (!first) return [];
  const detail = shortenQuote(keySentences.join(' … ') || first.text, 140);
  const evTurns = [...new Set([...review.evidenceTurns, ...keyTurns])].sort(
    (a, b) => a.index - b.index,
  );
  return [
    {
      kind: 'homework_completion',
      status,
      detail,
      evidence: evTurns.slice(0, 3).map((t) => evidenceOf([t])),
    },
  ];
}

const RATING_WORDS = /\brat(?:e|ed|es|ing)\b|\bscored?\b|\bscale\b|\burges?\b|\bintensity\b/;

/** "three out of the five", "six out of seven": fewer done than planned. */
function outOfShort(n: string): boolean {
  // "you rated it a four out of five": a rating, not a count of days done.
  if (RATING_WORDS.test(n)) return false;
  for (const m of findNumbers(n)) {
    if (m.outOf !== undefined && m.value < m.outOf) return true;
  }
  const m = /\b(\w+(?:-\w+)?) (?:\w+ )?out of (?:the )?(\w+(?:-\w+)?)\b/.exec(n);
  if (m?.[1] && m[2]) {
    const a = findNumbers(m[1])[0]?.value;
    const b = findNumbers(m[2])[0]?.value;
    if (a !== undefined && b !== undefined && a < b) return true;
  }
  return false;
}
