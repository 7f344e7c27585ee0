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
  /\b(?:for|over|during|in) (?:this|the (?:next|coming)) (?:week|month|couple of weeks|two weeks|few days|weekend)\b|\bthis (?:coming )?(?:week|weekend)\b|\bfor the coming\b|\bbetween now and\b|\bbefore (?:we meet|next time|our next|i see you|next session|next week)\b|\buntil (?:next time|we meet|i see you)\b|\bevery (?:day|morning|night|evening)\b|\b(?:daily|each day|once a day|twice a day)\b|\btimes a (?:day|week)\b|\bat home\b|\bfor (?:practice|homework)\b/;
const DIRECTIVE =
  /\bi'?d like you to\b|\bi want you to\b|\b(?:can|could|would) you (?:try|do|keep|practi[cs]e|write|notice|use|fill|track|bring|pick|see if|make|plan|schedule|call|text|read|listen)\b|\bwould you be willing\b|\btry (?:to|and|doing|it|this|that|the|a|one|using)\b|\bkeep (?:doing|the|your|up|using|practi[cs]ing|jotting|logging|tracking|filling|writing|a|track|building|going with)\b|\bpractice\b|\bpractise\b|\bhomework\b|\blet's (?:keep|have you|plan on|say you|see if you)\b|\bsee if you can\b|\bmake sure (?:you|to)\b|\bremember to\b|\bwrite (?:it|them|down)\b|\b(?:do|use) the\b|\bi'?d suggest\b|\bstart (?:with|by)\b/;
const HOMEWORK_ASSIGN =
  /\b(?:your|the) homework (?:is|for|this)\b|\bfor homework\b|\bhomework for (?:this|next|the)\b/;
const KEEP_TASK = /\bkeep (?:the|your|doing|using|filling in|up) /;
/** Sentences that are not about the coming week: the past, next session's content, now. */
const NOT_ASSIGNMENT =
  /\blast (?:week|time|session)\b|\bdid you\b|\bhow did\b|\bnext session\b|\bnext time we\b|\bwe'll (?:plan|look|do|talk)\b|\b(?:let's|let us|we'll|we can|we could|i'd like us to|shall we)\b[^.]{0,40}\b(?:today|now|in here)\b|^(?:not )?today\b|\bright now\b|\btogether now\b|\bhere's what i'm thinking\b|\blet me read back\b|\blet me know\b|\bcall me\b|\breach out\b/;
const ACTION =
  /\b(?:write|keep|do|try|practi[cs]e|notice|use|call|put|read|bring|check|fill|track|record|listen|buy|text|schedule|plan|play|walk|go)\b/;
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

/** The sentences of a clinician turn that set a task for between sessions (empty when none). */
function assignmentSentences(t: PreparedTurn): string[] {
  const norm = t.norm;
  const scoped = TIME_SCOPE.test(norm) && DIRECTIVE.test(norm);
  const named = HOMEWORK_ASSIGN.test(norm) || (KEEP_TASK.test(norm) && HOMEWORK_NOUN.test(norm));
  if (!scoped && !named) return [];
  const kept = clauses(t.text).filter((s) => {
    const n = s.toLowerCase();
    if (NOT_ASSIGNMENT.test(n)) return false;
    if (isQuestion(n) && !/\b(?:can|could|would|will) you\b/.test(n)) return false;
    return true;
  });
  const keptNorm = kept.join(' ').toLowerCase();
  if (!(DIRECTIVE.test(keptNorm) || KEEP_TASK.test(keptNorm) || ACTION.test(keptNorm))) return [];
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
    .replace(/^(?:(?:so|okay|ok|alright|all right|and|now|great|good|perfect)[,.:]?\s+)+/i, '')
    .replace(/^for (?:this|the coming) (?:week|month)[,:]?\s*/i, '');
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
