import { evidenceOf, shortenQuote, type AnalysisContext, type PreparedTurn } from './context.js';
import { findHomeworkReview, HOMEWORK_NOUN } from './indicators/homework-review.js';
import type { Homework } from './schema.js';
import { isQuestion, splitSentences } from '../text/sentences.js';

/**
 * Homework reviewed and assigned.
 * - reviewed: the clinician goes over the previous between-session task (indicators/homework-review).
 * - assigned: a clinician turn that sets a task for the time until the next session: a time scope
 *   ("for this week", "between now and next time", "every day", "for the coming month") with a
 *   directive ("I'd like you to", "keep the log", "try", "can you"), or "homework". A short
 *   follow-up turn right after it ("And before any long text, a quick wise mind check") is part of
 *   the assignment. In-session tasks ("let's try it now"), plans for the next session's content and
 *   questions are not homework.
 */

const TIME_SCOPE =
  /\b(?:for|by|over|until|till) next we[ea]k\b|\bthis coming we[ea]k\b|\b(?:for|over|during|in) (?:this|the (?:next|coming)) (?:we[ea]k|month|couple of we[ea]ks|(?:two|three|four|five|six) we[ea]ks|few days|we[ea]kend)\b|\bthis (?:coming )?(?:we[ea]k|we[ea]kend)\b|\bfor the coming\b|\bbetween now and\b|\bbefore (?:we meet|next time|our next|i see you|next session|next we[ea]k)\b|\buntil (?:next time|we meet|i see you)\b|\bevery (?:day|morning|night|evening)\b|\b(?:daily|each day|once a day|twice a day)\b|\btimes a (?:day|we[ea]k)\b|\bat home\b|\bfor (?:practice|homework)\b/;
const DIRECTIVE =
  /\bi'?d like you to\b|\bi want you to\b|\b(?:i'?d|i would) like to (?:give|set|leave|send) you\b|\bi'?ll (?:give|send) you (?:a|an|the|some)\b|\b(?:could|can|shall) we (?:pick|choose|agree on|set|plan|come up with|settle on)\b|\b(?:let's|let us) (?:pick|choose|agree on|set|settle on)\b|\bone (?:would|could|might) be\b|\byou could (?:try|do|write|go|call|practi[cs]e|use|keep|make|plan|read|ask|tell|text|spend|jot|note|start)\b|\b(?:can|could|would) you (?:also |maybe |just )?(?:jot|note|log|count|record|go|ask|tell|spend|take|pick|set|put|look|watch|find|have|eat|give|choose|re-?read|rate|time)\b|\bkeep (?:one|two|three|a|an|on|going|\w+ing)\b|\b(?:can|could|would) you (?:try|do|keep|practi[cs]e|write|notice|use|fill|track|bring|pick|see if|make|plan|schedule|call|text|read|listen)\b|\bwould you be willing\b|\btry (?:to|and|doing|it|this|that|the|a|one|using)\b|\bkeep (?:doing|the|your|up|using|practi[cs]ing|jotting|logging|tracking|filling|writing|a|track|building|going with)\b|\bpractice\b|\bpractise\b|\bhomework\b|\blet's (?:keep|have you|plan on|say you|see if you)\b|\bsee if you can\b|\bmake sure (?:you|to)\b|\bremember to\b|\bwrite (?:it|them|down)\b|\b(?:do|use) the\b|\bi'?d suggest\b|\bstart (?:with|by)\b/;
const HOMEWORK_ASSIGN =
  /\b(?:your|the) homework (?:is|for|this)\b|\bfor homework\b|\bhomework for (?:this|next|the)\b/;
/** A scope that only sets tasks ("for this week", "between now and next time"), never looks back. */
const STRONG_SCOPE =
  /\bfor (?:this|the (?:next|coming)|next) we[ea]k\b|\bthis coming we[ea]k\b|\bbetween now and\b|\bbefore (?:we meet|next time|our next|i see you|next session)\b|\buntil (?:next time|we meet|i see you)\b|\bfor (?:practice|homework)\b|\bover the (?:next|coming) (?:we[ea]k|few days|two we[ea]ks)\b|\b(?:for|over) the (?:next|coming) (?:few|couple of|two|three|four|five|six|2|3|4|5|6) (?:we[ea]ks|days)\b/;
/**
 * A practice with how often it is to be done ("the breathing space every school day, the body
 * scan twice a week"): under a strong scope, that is the assignment even without a verb.
 */
const SCHEDULED_PRACTICE = new RegExp(
  `(?:${HOMEWORK_NOUN.source})[^.?!]{0,40}\\b(?:once|twice|(?:two|three|four|five|\\d+) times) a (?:day|we[ea]k)\\b|(?:${HOMEWORK_NOUN.source})[^.?!]{0,40}\\b(?:every (?:\\w+ )?(?:day|morning|evening|night)|daily)\\b`,
);
/**
 * A task said as an imperative at the start of a sentence or clause ("Fill in the evidence
 * column", "and re-rate the belief"), or counted ("three thought records").
 */
const IMPERATIVE =
  /(?:^|[.!?:;]\s+|\b(?:and|then|also|just)\s+)(?:fill (?:in|out)|re-?rate|rate|write|jot|keep|log|track|record|notice|practi[cs]e|try|use|read|listen|bring|call|text|schedule|plan|spend|speak up|speak|ask|tell|pick|walk|check|note|go|do|set|book|visit)\b/;
const COUNTED_TASK =
  /\b(?:one|two|three|four|five|six|seven|\d+|a couple of|a few)\b (?:\w+ )?(?:thought records?|records?|logs?|sheets?|worksheets?|entries|exercises?|experiments?|exposures?|practices?|walks?|calls?|sessions?|conversations?)\b/;
const KEEP_TASK = /\bkeep (?:the|your|doing|using|filling in|up|going with|on with|at) /;
/** Sentences that are not about the coming week: the past, next session's content, now. */
const NOT_ASSIGNMENT =
  /\blast (?:we[ea]k|time|session)\b|\bdid you\b|\bhow did\b|\bnext session\b|\bnext time we\b|\bwe'll (?:plan|look|do|talk)\b|\b(?:let's|let us|we'll|we can|we could|i'd like us to|shall we)\b[^.]{0,40}\b(?:today|now|in here)\b|^(?:not )?today\b|\bright now\b|\btogether now\b|\bhere's what i'm thinking\b|\blet me read back\b|\bwe left it (?:at|with)\b|\blet me know\b|\bcall me\b|\breach out\b|\bfrom (?:this (?:past )?|the (?:past|last) )we[ea]k\b|\b(?:let's|let us|can we|could we|shall we) (?:quickly |just |briefly |first )?(?:look at|go over|review|check (?:in )?on) (?:your|the|how)\b/;
/** A clinician summarising a risk screen ("no plan, no intent…") is not setting a task. */
const RISK_SUMMARY =
  /\b(?:suicid\w*|killing yourself|end(?:ing)? your life|self[- ]harm|no plan|no intent|wish not to wake|not wake up|hurt(?:ing)? yourself)\b/;
const ACTION =
  /\b(?:write|keep|do|try|practi[cs]e|notice|use|call|put|read|bring|check|fill|track|record|listen|buy|text|schedule|plan|play|walk|go|speak|jot|ask|tell|re-?rate|rate|log|note|spend|visit|attend|join)\b/;
/**
 * A collaborative wrap-up that leads into the week's tasks ("let's pull together what you'll take
 * away this week", "what will you do between now and next session?"); the tasks follow in the
 * next turns, said by either side.
 */
const TAKEAWAY =
  /\b(?:take ?aways?|take (?:with you|home|forward)|(?:pull|put) (?:it |this |that |things |everything |the we[ea]k |your we[ea]k )?together|set up (?:the|your|this) (?:coming )?we[ea]k|sum (?:it |this |things |that )?up|recap|summari[sz]e|(?:what|which) (?:you'?ll|you will|you're going to|youre going to|you want to|are you going to|will you|do you want to|would you like to|can you) (?:do|try|take|work on|practi[cs]e|commit to|focus on)|the plan (?:for|this) (?:this |the (?:coming |next )?)?week|your plan for (?:this|the) week|what's the plan|agree on (?:for|this)|what (?:do you think )?(?:would|could|might|should|will) (?:be )?(?:a |an |the |your )?(?:[\w-]+ ){0,2}(?:experiments?|steps?|tasks?|things?|challenges?|goals?) (?:to|for you to) (?:try|do|work on|practi[cs]e))\b/;
const TAKEAWAY_SCOPE =
  /\bwe[ea]k\b|\bnext (?:time|session)\b|\bbetween now and\b|\bbefore (?:we meet|i see you)\b|\buntil (?:next|we meet)\b|\btake ?aways?\b|\btake (?:with you|home)\b/;
const RETROSPECTIVE =
  /\bwhat happened\b|\bhow did\b|\blast (?:we[ea]k|time|session)\b|\byou (?:did|had|went|managed)\b|\bso far\b/;
/** A task list: counted or scheduled actions ("one call to your sister, the volunteer evening on Thursday"). */
const ITEMS =
  /\b(?:one|two|three|four|five|six|seven|\d+|a|an|once|twice|each|every|daily)\b (?:\w+ ){0,3}?(?:calls?|texts?|walks?|check-? ?ins?|practices?|talks?|sessions?|minutes|times|visits?|logs?|lists?|exercises?|experiments?|exposures?|worksheets?|sheets?|conversations?|dates?|meetings?|class(?:es)?|evenings?|mornings?|nights?|days?|emails?|messages?)\b|\b(?:on|by|before|this) (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|the weekend)\b|\b(?:once|twice|daily|every (?:day|morning|evening|night)|(?:one|two|three|four|five|\d+) times(?: a (?:day|we[ea]k))?)\b/;
const ITEM_ACTION =
  /\b(?:call|calls|text|walk|visit|go|going|email|write|practi[cs]e|try|check-? ?ins?|talks?|evening|class|meeting|log|list|exercise|message|join|sign up|book|ask|tell|plan)\b/;
const PAST_REPORT =
  /\b(?:i|we|you|they|he|she) (?:went|called|did|had|texted|walked|visited|managed|got|was|were)\b|\bhappened\b|\btoday\b|\bin (?:here|session)\b/;
const CLOSING = /\bsee you\b|\btake care\b|\bgood luck\b|\bgoodbye\b|\bbye\b/;

export function extractHomework(ctx: AnalysisContext): Homework {
  const review = findHomeworkReview(ctx);
  const assigned: Homework['assigned'] = [];
  const { turns } = ctx;
  let lastAssigned = -10;
  for (let i = 0; i < turns.length; i++) {
    const t = turns[i];
    if (!t || t.role !== 'clinician') continue;
    const kept = assignmentSentences(t);
    if (kept.length > 0) {
      assigned.push({ text: assignmentText(kept), evidence: [evidenceOf([t])] });
      lastAssigned = i;
      continue;
    }
    if (
      i - lastAssigned > 3 &&
      TAKEAWAY.test(t.norm) &&
      TAKEAWAY_SCOPE.test(t.norm) &&
      !RETROSPECTIVE.test(t.norm)
    ) {
      const items = takeawayItems(turns, i);
      if (items) {
        assigned.push({
          text: assignmentText([items.text]),
          evidence: [
            evidenceOf(
              [t, items],
              `${shortenQuote(t.text, 100)} … ${shortenQuote(items.text, 110)}`,
            ),
          ],
        });
        lastAssigned = items.index;
        continue;
      }
    }
    if (i - lastAssigned <= 3 && isFollowUp(t)) {
      const text = followUpText(t);
      if (text) {
        assigned.push({ text, evidence: [evidenceOf([t])] });
        lastAssigned = i;
      }
    }
  }
  return {
    reviewed: review !== undefined,
    reviewedEvidence: review ? review.evidenceTurns.map((x) => evidenceOf([x])) : [],
    assigned,
  };
}

/** The turn after a wrap-up lead-in that lists the week's tasks, by either side. */
function takeawayItems(turns: readonly PreparedTurn[], i: number): PreparedTurn | undefined {
  for (let k = i; k <= Math.min(turns.length - 1, i + 3); k++) {
    const t = turns[k];
    if (!t) continue;
    // The lead-in itself may carry the list after a colon ("so this week: one call …").
    const n = k === i ? t.norm.replace(TAKEAWAY, ' ') : t.norm;
    // A list item, or a task with how often ("diary card every day").
    const listed = (ITEMS.test(n) && ITEM_ACTION.test(n)) || SCHEDULED_PRACTICE.test(n);
    if (listed && !PAST_REPORT.test(n) && !isQuestion(t.norm)) return t;
  }
  return undefined;
}

/** The sentences of a clinician turn that set a task for between sessions (empty when none). */
function assignmentSentences(t: PreparedTurn): string[] {
  const norm = t.norm;
  const scoped =
    TIME_SCOPE.test(norm) &&
    (DIRECTIVE.test(norm) ||
      (STRONG_SCOPE.test(norm) &&
        (IMPERATIVE.test(norm) || COUNTED_TASK.test(norm) || SCHEDULED_PRACTICE.test(norm))));
  const named = HOMEWORK_ASSIGN.test(norm) || (KEEP_TASK.test(norm) && HOMEWORK_NOUN.test(norm));
  if (!scoped && !named) return [];
  const kept = clauses(t.text).filter((s) => {
    const n = s.toLowerCase();
    if (NOT_ASSIGNMENT.test(n) || RISK_SUMMARY.test(n)) return false;
    if (isQuestion(n) && !/\b(?:can|could|would|will) you\b/.test(n)) return false;
    return true;
  });
  const keptNorm = kept.join(' ').toLowerCase();
  if (!(
    DIRECTIVE.test(keptNorm) ||
    KEEP_TASK.test(keptNorm) ||
    ACTION.test(keptNorm) ||
    SCHEDULED_PRACTICE.test(keptNorm)
  ))
    return [];
  // Drop fragments ("On purpose.") from the text.
  return kept.filter((s) => s.split(/\s+/).length >= 3);
}

/**
 * Sentences; in unpunctuated (speech-recognition) text, clauses cut before the words that open
 * them, so that one excluded phrase does not take the whole turn with it.
 */
function clauses(text: string): string[] {
  if (/[.?!]/.test(text)) return splitSentences(text).map((s) => s.text);
  return text
    .split(
      /\s+(?=(?:so|but|and|okay|now|for this week|for the coming|here's|not today|i'd like|let's|keep|try|write)\b)/i,
    )
    .map((c) => c.trim())
    .filter((c) => c !== '');
}

/** A short paraphrase built from the clinician's own words: lead-ins dropped, shortened. */
function assignmentText(sentences: readonly string[]): string {
  const text = sentences
    .join(' ')
    .replace(
      /^(?:(?:so|okay|ok|alright|all right|right|and|now|great|good|perfect)[,.:]?\s+)+/i,
      '',
    )
    .replace(/^for (?:this|the coming|next) (?:week|month)[,:.]?\s*/i, '')
    .replace(/^[\s.,;:!-]+/, '');
  return shortenQuote(text.charAt(0).toUpperCase() + text.slice(1), 200);
}

/** "And before any long text, a quick wise mind check." right after an assignment. */
function isFollowUp(t: PreparedTurn): boolean {
  const n = t.norm;
  if (CLOSING.test(n) || NOT_ASSIGNMENT.test(n)) return false;
  const sentences = splitSentences(n);
  return sentences.some(
    (s) =>
      /^(?:\w+[.!,]\s*)?(?:and|also|plus|oh and)\b/.test(s.text) &&
      ACTION.test(s.text) &&
      !isQuestion(s.text),
  );
}

function followUpText(t: PreparedTurn): string | undefined {
  const s = splitSentences(t.text).find((x) => {
    const n = x.text.toLowerCase();
    return /^(?:and|also|plus|oh and)\b/.test(n) && ACTION.test(n) && !isQuestion(n);
  });
  return s ? assignmentText([s.text]) : undefined;
}
