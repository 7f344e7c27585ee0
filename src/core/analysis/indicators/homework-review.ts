import type { AnalysisContext, PreparedTurn } from '../context.js';
import { isClientSide, minutesBetween } from './common.js';

/**
 * Review of the previous between-session task: the clinician asks about it ("did you bring your
 * card?", "how's the practice been going?", "let's look at the log") or the client reports it ("I
 * did the sheets") and the clinician follows up; the review runs while the talk stays on it.
 */

/** Between-session tasks, as clinicians and clients name them. */
export const HOMEWORK_NOUN =
  /\b(?:homework|practi[cs]e|practi[cs]ing|logs?|diary|diary cards?|(?:your|the|my) card|records?|thought records?|sheets?|worksheets?|(?:the|your|thoughts?) list|exercises?|assignments?|experiments?|tracking|tracker|journal(?:ing)?|monitoring|body scan|breathing space|walks?|exposures?|readings?|recordings?|the audio|tasks?|plan we made|what we (?:planned|agreed on|agreed)|(?:the|your|we[ea]k'?s|session'?s|time'?s) (?:schedule|timetable|activity plan|plan|routine)|check-? ?ins?|practice (?:talks?|conversations?|runs?)|date nights?|(?:the|your|those|these) (?:steps?|challenges?|activities|experiments?)|worry time|(?:the|your) (?:timer|app|routine|plan)|(?:impact|trauma|personal) statements?|(?:the|your) (?:writing|letter|account|narrative|reading)|(?:abc|a-b-c|stuck[- ]point|challenging[- ]questions?|challenging[- ]beliefs?|thought) (?:sheets?|worksheets?|forms?|logs?))\b/;

/**
 * The clinician recalls what the client planned or agreed to do since the last session ("last week
 * you were going to go to the information evening"): a behavioural step, whatever its name.
 */
const PLANNED_REF =
  /\byou (?:were going to|were gonna|was going to|was gonna|planned to|agreed to|said you(?:'d| would| were going to| was going to| were gonna)|decided to|committed to|were hoping to|wanted to try|were planning to|set yourself)\b|\bwe (?:agreed|planned|decided|said) (?:that )?you(?:'d| would)?\b|\bthe plan was\b|\byou (?:mentioned|thought|told me) you(?:'d| would| might| were going to) (?:try|do|start|go|call|give|ask|talk|text|book|sign up)\b|\bthe (?:thing|step|plan|idea|experiment) we (?:talked about|discussed|agreed|planned|came up with|set up)\b|\byour (?:goal|step|plan|challenge) (?:for|this|last) (?:the )?week\b|\blast (?:time|we[ea]k|session)\b[^.?]{0,60}\b(?:an? |the |your )?(?:idea|plan|task|challenge|experiment|suggestion|something|things?) (?:for|to (?:try|do)) (?:the |this |that )?(?:we[ea]k|at home|between sessions)?|\blast (?:time|we[ea]k|session),? we (?:talked about|discussed|agreed on|planned|said|came up with) (?:you )?\w+ing\b/;
/** "Did you get a chance to call her?": a planned step asked about, typically early in a session. */
const STEP_QUESTION =
  /\b(?:did|were) you (?:get a chance|get around to|manage to|remember to)\b|\bwere you able to\b|\bdid (?:it|that) happen\b/;
/** The stretch since the last session. */
const INTERVAL =
  /\bthis (?:past )?we[ea]k\b|\bover the (?:past )?we[ea]k\b|\bsince (?:we (?:last )?(?:met|spoke|saw each other)|last (?:we[ea]k|time|session)|i (?:last )?saw you)\b|\bthe (?:last|past) (?:we[ea]k|few days|couple of we[ea]ks|two we[ea]ks)\b/;
/** A report of how often: a repeated task was done ("three times", "Monday, Tuesday, Saturday"). */
const COUNT_REPORT =
  /\b(?:once|twice|\d+|one|two|three|four|five|six|seven|eight|nine|ten) (?:times?|days?|nights?|mornings?|evenings?)\b|\b(?:every|most) (?:day|days|night|nights|morning|mornings|evening)\b|\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\b[^.]{0,30}\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\b|^\W*(?:once|twice|three times|every day|most days|not once|none)\b/;
/**
 * Continuity about last session's content ("last week you said something about your mother that
 * stayed with me"): not a task, so not a review unless a task is named too.
 */
const CONTENT_REF =
  /\byou (?:said|mentioned|told me|talked about|brought up|were saying|were talking about|shared)\b|\bwhat (?:you said|we talked about|we discussed|came up)\b|\bstayed with me\b|\bi(?:'ve| have) been thinking about\b/;

const PAST_EXPERIENCE =
  /\b(?:before|years? ago|in the past|used to|back then|at school|at university|in college|(?:my|a|the) (?:last|previous|old|other) (?:therapist|counsell?or|psychologist|doctor|clinic))\b/;

const REVIEW_QUESTION =
  /\b(?:did|were) you (?:get (?:a chance |around )?to|manage to|have a chance to|bring|do|try|get to|fill|complete|keep|use|practi[cs]e|end up|able to|remember to)\b|\bhow(?:'s| is| did| was| were| has| have| are| the week| it)\b[^.?]{0,50}\b(?:go|going|gone|went|been)\b|\b(?:let'?s|let us|can we|could we|want to|shall we|we could) (?:quickly |just |briefly |first |now )?(?:look at|go over|review|check (?:in )?on|start with|see|talk about|come back to) (?:the|your|how|(?:last|this past) (?:we[ea]k|time|session)'?s)\b|\b(?:can|could|may) i (?:see|have a look at|look at|take a look at|have|read)\b|\bshow me (?:the|your)\b|\bgo(?:ing)? over (?:the|your)\b|\b(?:last|from) (?:week|time|session)'?s? (?:homework|practice|assignment)\b|\bhow many (?:times|days)\b/;

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
      if (!isReviewQuestion(turns, i)) continue;
      if (
        /\bnext (?:we[ea]k|time|session)\b|\bthis we[ea]k,? (?:i'd|let's|try|keep)\b/.test(
          t.norm,
        ) &&
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
      /\bi (?:did|do|have|had|brought|tried|kept|filled|went|practi[cs]ed)\b|\bi(?:'ve)? got (?:my|the|it|them)\b/.test(
        t.norm,
      )
    ) {
      if (/\b(?:will|i'll|going to|gonna|tomorrow|next)\b/.test(t.norm)) continue;
      // Experience from before this treatment ("I did loads of them before", "with my last
      // therapist") is history, not a review of last session's task.
      if (PAST_EXPERIENCE.test(t.norm)) continue;
      const follow = turns[i + 1];
      if (!follow || follow.role !== 'clinician') continue;
      return { evidenceTurns: [t, follow], segment: segmentFrom(turns, i) };
    }
  }
  return undefined;
}

/**
 * A clinician turn that asks about the previous task: a review question naming a task; a question
 * about what the client planned or agreed to do ("you were going to …, how did that go?"); "did you
 * get a chance to …" in the opening part of a session; or "how did the … go this week?" answered
 * with how often.
 */
function isReviewQuestion(turns: readonly PreparedTurn[], i: number): boolean {
  const t = turns[i];
  if (!t) return false;
  const n = t.norm;
  const review = REVIEW_QUESTION.test(n);
  const step = STEP_QUESTION.test(n);
  // "Last time you mentioned you'd try journaling. Did you?"
  if (
    PLANNED_REF.test(n) &&
    /\b(?:did|have|were) you\b|\bhow (?:did|was|were)\b|\bcan i ask (?:about|how)\b|\btell me (?:about|how)\b|\bwhat happened with\b/.test(
      n,
    )
  )
    return true;
  // "And the practice?" / "What about the log?": a short question naming the task, answered
  // with what was done or how often.
  if (ELLIPTIC_REVIEW.test(n)) {
    const answer = nextClientTurn(turns, i);
    if (answer && (COUNT_REPORT.test(answer.norm) || CLIENT_REPORT.test(answer.norm))) return true;
  }
  if (!review && !step) return false;
  if (review && mentionsHomework(turns, i)) {
    // "What we talked about last time" is continuity, not a task.
    if (!CONTENT_REF.test(n) || PLANNED_REF.test(n) || TASK_NOUN_ONLY.test(n)) return true;
  }
  const prev = previousClinicianTurn(turns, i);
  if (PLANNED_REF.test(n) || (prev !== undefined && PLANNED_REF.test(prev.norm))) return true;
  if (step && i < Math.max(12, turns.length * 0.35) && !NARRATIVE.test(n)) return true;
  if (review && INTERVAL.test(n) && !EVENT_REVIEW.test(n)) {
    const answer = nextClientTurn(turns, i);
    return answer !== undefined && COUNT_REPORT.test(answer.norm);
  }
  return false;
}

/** A bare question naming the task: "And the practice?", "What about your diary card?". */
const ELLIPTIC_REVIEW = new RegExp(
  `(?:^|[.!?]\\s+)(?:and|so|now|what about|how about|and what about)\\s+(?:the|your)\\s+(?:\\w+\\s+)?(?:${HOMEWORK_NOUN.source})\\s*(?:\\?|$|\\s(?=(?:we left it|last (?:time|we[ea]k|session)|you were going to|(?:we|you) (?:agreed|said|planned|set up|came up with|talked about|picked|chose))\\b))`,
);

/** "How did the week / the party / the interview go?" asks about an event, not a task. */
const EVENT_REVIEW =
  /\bhow (?:did|was|were|has|have) (?:the|your|this|that) (?:past )?(?:we[ea]k|weekend|holidays?|trip|party|visit|day|days|date|interview|appointment|meeting|wedding|funeral|birthday|christmas|shift|exam)\b/;

/** A task noun that is more than "what we talked about". */
const TASK_NOUN_ONLY =
  /\b(?:homework|practi[cs]e|logs?|diary|worksheets?|sheets?|exercises?|assignments?|experiments?|records?|tracking|journal(?:ing)?|check-? ?ins?)\b/;
/** A question about the story being told ("and when he said that, did you get to …"). */
const NARRATIVE =
  /\b(?:when (?:he|she|they|it|you)|and then|at the time|back then|that night|that day)\b/;

function previousClinicianTurn(
  turns: readonly PreparedTurn[],
  i: number,
): PreparedTurn | undefined {
  for (let k = i - 1; k >= Math.max(0, i - 2); k--) {
    const p = turns[k];
    if (p?.role === 'clinician') return p;
  }
  return undefined;
}

function nextClientTurn(turns: readonly PreparedTurn[], i: number): PreparedTurn | undefined {
  for (let k = i + 1; k <= Math.min(turns.length - 1, i + 2); k++) {
    const p = turns[k];
    if (p && isClientSide(p)) return p;
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
