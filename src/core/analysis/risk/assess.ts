import { evidenceOf, shortenQuote, type AnalysisContext, type PreparedTurn } from '../context.js';
import {
  RISK_KINDS,
  type Evidence,
  type RiskFinding,
  type RiskKind,
  type RiskStatus,
} from '../schema.js';
import { splitSentences, isQuestion } from '../../text/sentences.js';
import { restoreApostrophes } from '../../text/normalize.js';
import { classifyAnswer } from './answers.js';
import {
  ENDORSE,
  ENDORSE_ANY,
  HAZARD,
  IDEATION_WORDS,
  SUICIDE_CONTEXT,
  THIRD_PERSON,
  TOPIC,
  type Cue,
} from './cues.js';
import { stripFigures } from './figures.js';
import { isRelivedNarration } from './reliving.js';

/**
 * Risk, one finding per kind:
 * - endorsed: the client (or a family member about the client) reports it, or answers "yes" to a
 *   clinician's question about it;
 * - unclear: asked and the answer is ambiguous, or a statement that may be risk;
 * - denied: ONLY a clinician question about that kind in this session answered with a no
 *   (evidence holds both turns);
 * - not_assessed: never asked and never raised.
 * The strongest wins: endorsed > unclear > denied > not_assessed (favour recall).
 */

interface Hit {
  status: Exclude<RiskStatus, 'not_assessed'>;
  evidence: Evidence;
}

const NEGATION_BEFORE =
  /\b(?:not|never|no|don't|do not|didn't|did not|haven't|have not|hasn't|wasn't|won't|wouldn't|isn't|aren't|nor|without|stopped|quit)\b(?:\s+\S+){0,3}\s*$/;
const OTHER_SUBJECT =
  /\b(?:he|she|they|he's|she's|they're|his|her|their|someone|somebody|my (?:\w+ )?(?:friend|mom|mother|dad|father|brother|sister|cousin|son|daughter|husband|wife|partner|uncle|aunt|grandma|grandpa|roommate|coworker|boss))\b/;
const FIRST_PERSON = /\b(?:i|i'm|i've|i'd|i'll|me|my|myself)\b/;
const CONDITIONAL =
  /\b(?:if (?:you|that|it) (?:ever|start|get|notice|feel)|in case|whenever you|call me if|some (?:people|clients|folks|patients|of my clients)|(?:a lot|lots) of (?:people|clients|folks)|people who|it's (?:very |really |pretty )?common|(?:are|is) (?:very |really |pretty |quite )?common|normal to have|many (?:people|clients)|can make|tends? to)\b|\b(?:ring|call|phone|text|contact|reach out to) (?:me|us|the (?:crisis|clinic|on-call|helpline|hotline|office)|a crisis|988|911|999|000|111|lifeline|samaritans|the samaritans|your (?:gp|doctor|therapist|support))\b|\bcrisis (?:line|team|number|service|text)\b/;
/**
 * Safety-plan style content: what to do when a risk comes up ("if the thoughts come back tonight,
 * you ring me"), never a question about one, unless it also asks ("… do you think you'd act?").
 */
const INSTRUCTION =
  /\b(?:you (?:ring|call|phone|text|use|go)|use (?:your|the) (?:safety plan|ice|skills?))\b|\b(?:if|should) (?:\w+ ){0,5}(?:come|comes|get|gets|start|starts|return|returns|show up|shows up|creep|creeps|kick|kicks) (?:back|up|in|stronger|worse|louder|again|tonight)\b/;
const ASKING = /\b(?:do|would|will|could|have|did|are|were) you\b|\bhow (?:often|strong|bad)\b/;
const ASK_CUE =
  /\bi (?:always |just |also )?(?:want to|need to|have to|'m going to|am going to|will)? ?(?:ask|check)\b|\blet me ask\b|\bchecking (?:in )?(?:on|about)\b|\bany\b/;
const CONFIRM_Q =
  /^(?:and |so )?(?:is|was) (?:that|this) (?:still )?(?:accurate|right|true|correct|the case)\b|^(?:right|correct|true|still|any)\b|^is that still\b/;
const ANY_TOPIC = new RegExp(RISK_KINDS.map((k) => `(?:${TOPIC[k].source})`).join('|'));
/** Client text with none of these stems holds no risk cue: skip the per-kind patterns. */
const ANY_ENDORSE = new RegExp(RISK_KINDS.map((k) => `(?:${ENDORSE_ANY[k].source})`).join('|'));
const TAIL_CHECK =
  /\b(?:none|zero|right|too|anything|at all|lately|recently|this week|any|ever|still|accurate|true|correct)$|\b(?:any|did you|do you|have you|are you|were you|is that|how about|what about)\b/;
const REPORT_CUE =
  /\b(?:your (?:card|diary|log|form|sheet)|you (?:said|mentioned|told me|wrote|marked|rated|reported|described))\b/;
/** The clinician restating a self-harm act the client reported ("you told me you cut on Friday"). */
const PAST_SELF_HARM =
  /\byou (?:told me|said|mentioned|wrote|described|shared|texted|let me know) (?:\w+ ){0,6}?(?:that )?you(?:'d| had)? (?:cut|burned|scratched|hurt yourself|harmed yourself|self-harmed|hit yourself)\b/;
/** Abuse-screen words that keep a question an abuse screen even amid talk of a fire or a crash. */
const EXPLICIT_ABUSE =
  /\babus\w*|\bat home\b|\bin the house\b|\bphysical\b|\bviolen\w*|\bthreaten\w*|\bneglect\w*|\bsafe (?:with|at)\b|\bbetween you\b/;
const NEGATIVE_WORDS = /\b(?:no|not|never|zero|none|denied|n't|nothing)\b|n't\b/;

export function assessRiskFindings(ctx: AnalysisContext): RiskFinding[] {
  const hits = new Map<RiskKind, Hit[]>(RISK_KINDS.map((k) => [k, []]));
  const { turns } = ctx;
  // Speech-recognition turns come without apostrophes ("didnt"): put them back for the cues.
  const cleaned = turns.map((t) =>
    stripFigures(t.norm.includes("'") ? t.norm : restoreApostrophes(t.norm)),
  );
  // Turns where suicide is being talked about (a question, a report): context for "the overdose".
  // Computed only when a cue asks for it.
  const suicideTalk = new Map<number, boolean>();
  const talksSuicide = (k: number): boolean => {
    let v = suicideTalk.get(k);
    if (v === undefined) {
      const c = cleaned[k] ?? '';
      v =
        SUICIDE_CONTEXT.test(c) ||
        TOPIC.suicidal_ideation.test(c) ||
        ENDORSE_ANY.suicidal_ideation.test(c);
      suicideTalk.set(k, v);
    }
    return v;
  };
  const nearSuicideTalk = (i: number): boolean => {
    for (let k = Math.max(0, i - 8); k <= i; k++) if (talksSuicide(k)) return true;
    return false;
  };

  for (let i = 0; i < turns.length; i++) {
    const t = turns[i];
    const text = cleaned[i];
    if (!t || text === undefined) continue;
    if (t.role === 'clinician') {
      askedAbout(ctx, cleaned, i, hits);
      urgeRatingReadBack(turns, cleaned, i, hits);
      urgeRatingAnswered(turns, cleaned, i, hits);
      reportedByClinician(turns, text, i, hits);
      continue;
    }
    if (t.role !== 'other' && !ANY_ENDORSE.test(text)) continue;
    for (const kind of RISK_KINDS) {
      if (!ENDORSE_ANY[kind].test(text) && !(t.role === 'other' && THIRD_PERSON[kind])) continue;
      // An assault told while reliving the memory under treatment is not a current disclosure.
      if (kind === 'abuse_or_neglect' && isRelivedNarration(turns, cleaned, i)) continue;
      for (const c of ENDORSE[kind]) {
        if (c.unless?.test(text)) continue;
        if (c.contextOnly && !nearSuicideTalk(i)) continue;
        const m = matchCue(c, text);
        if (m) {
          const status = c.inSuicideContext && nearSuicideTalk(i) ? c.inSuicideContext : c.level;
          hits.get(kind)?.push({ status, evidence: evidenceOf([t]) });
          break;
        }
      }
      const third = THIRD_PERSON[kind];
      if (t.role === 'other' && third?.test(text) && !negatedAt(text, third)) {
        hits.get(kind)?.push({ status: 'endorsed', evidence: evidenceOf([t]) });
      }
    }
  }

  return RISK_KINDS.map((kind) => finding(kind, hits.get(kind) ?? []));
}

/**
 * The words just before a cue, within its own sentence: a negation or another subject in the
 * sentence before ("I can't do this today. My boyfriend hit me") must not cancel the cue.
 */
function sameSentenceBefore(text: string, index: number): string {
  const window = text.slice(Math.max(0, index - 40), index);
  const cut = Math.max(
    window.lastIndexOf('.'),
    window.lastIndexOf('!'),
    window.lastIndexOf('?'),
    window.lastIndexOf(';'),
  );
  return window.slice(cut + 1);
}

function matchCue(c: Cue, text: string): boolean {
  if (!c.re.test(text)) return false;
  for (const m of text.matchAll(c.g)) {
    const before = sameSentenceBefore(text, m.index);
    if (c.negatable && NEGATION_BEFORE.test(before)) continue;
    if (c.firstPerson && otherSubject(before)) continue;
    return true;
  }
  return false;
}

function negatedAt(text: string, re: RegExp): boolean {
  const m = re.exec(text);
  if (!m) return false;
  return NEGATION_BEFORE.test(sameSentenceBefore(text, m.index));
}

/** The nearest subject before the cue is someone else ("she wanted to die"). */
function otherSubject(before: string): boolean {
  const words = before.split(/\s+/).slice(-5).join(' ');
  const other = OTHER_SUBJECT.exec(words);
  if (!other) return false;
  const afterOther = words.slice(other.index + other[0].length);
  return !FIRST_PERSON.test(afterOther);
}

/** A clinician question about a kind, and the client's answer to it. */
function askedAbout(
  ctx: AnalysisContext,
  cleaned: readonly string[],
  i: number,
  hits: Map<RiskKind, Hit[]>,
): void {
  const { turns } = ctx;
  const q = turns[i];
  const text = cleaned[i];
  if (!q || text === undefined) return;
  const kinds = questionKinds(cleaned, i);
  if (kinds.length === 0) return;
  let answer: PreparedTurn | undefined;
  for (let k = i + 1; k <= Math.min(turns.length - 1, i + 2); k++) {
    const n = turns[k];
    if (!n) continue;
    if (n.role !== 'clinician') {
      answer = n;
      break;
    }
  }
  if (!answer) return;
  const verdict = classifyAnswer(cleaned[answer.index] ?? answer.norm, text);
  const quote = `${shortenQuote(q.text, 110)} … ${shortenQuote(answer.text, 110)}`;
  const answerText = cleaned[answer.index] ?? answer.norm;
  for (const kind of kinds) {
    let status: Hit['status'] =
      verdict === 'deny' ? 'denied' : verdict === 'affirm' ? 'endorsed' : 'unclear';
    // "No. Nothing. I wanted to on Tuesday": no act, but an urge, and urges count for self-harm.
    if (kind === 'self_harm' && URGE_ANSWER.test(answerText)) status = 'endorsed';
    // "How much are you drinking?" → "I don't think I'm drinking that much": use, played down.
    if (status === 'denied' && HOW_MUCH_Q.test(text) && PLAYED_DOWN.test(answerText))
      status = 'unclear';
    hits.get(kind)?.push({ status, evidence: evidenceOf([q, answer], quote) });
  }
}

/** Kinds a clinician turn asks about: the topic sits in a question (or just before "is that still accurate?"). */
function questionKinds(cleaned: readonly string[], i: number): RiskKind[] {
  const text = cleaned[i];
  if (text === undefined || !ANY_TOPIC.test(text)) return [];
  const sentences = splitSentences(text);
  const punctuated = /[.?!]/.test(text);
  const words = text.split(/\s+/);
  const tail = words.slice(-12).join(' ');
  const context = [cleaned[i - 4], cleaned[i - 3], cleaned[i - 2], cleaned[i - 1], text].join(' ');
  const out: RiskKind[] = [];
  for (const kind of RISK_KINDS) {
    const re = TOPIC[kind];
    if (!re.test(text)) continue;
    if (
      (kind === 'suicide_plan' || kind === 'suicide_attempt_history') &&
      !SUICIDE_CONTEXT.test(context)
    )
      continue;
    // "Did he hurt you when he pulled you out?" about a fire or a crash is not an abuse screen.
    if (kind === 'abuse_or_neglect' && HAZARD.test(context) && !EXPLICIT_ABUSE.test(text)) continue;
    let asked = false;
    if (punctuated) {
      for (let s = 0; s < sentences.length; s++) {
        const sent = sentences[s];
        if (!sent || !re.test(sent.text) || CONDITIONAL.test(sent.text)) continue;
        if (INSTRUCTION.test(sent.text) && !ASKING.test(sent.text)) continue;
        const next = sentences[s + 1];
        if (
          isQuestion(sent.text) ||
          /^(?:and |or )?any\b/.test(sent.text) ||
          READ_BACK.test(sent.text) ||
          (next && s + 1 === sentences.length - 1 && CONFIRM_Q.test(next.text))
        ) {
          asked = true;
          break;
        }
      }
      // The topic named first, then asked about: "… thoughts that you'd be better off dead. You put
      // zero. Is that right, have there been any thoughts like that?"; "young people sometimes
      // think about hurting themselves. Has anything like that been going on for you?".
      if (!asked) asked = backReferenced(sentences, re);
    } else {
      // Unpunctuated (speech recognition): a question opening, an asking cue, or the topic in the
      // closing words of a turn that ends the way checks end ("… the card says none").
      asked =
        !CONDITIONAL.test(text) &&
        !(INSTRUCTION.test(text) && !ASKING.test(text)) &&
        (isQuestion(text) ||
          ASK_CUE.test(text) ||
          (re.test(tail) && TAIL_CHECK.test(tail)) ||
          askedBefore(text, re));
    }
    if (asked) out.push(kind);
  }
  // A question about attempts or a plan is not, by itself, a question about current ideation.
  if (
    out.includes('suicidal_ideation') &&
    (out.includes('suicide_attempt_history') || out.includes('suicide_plan')) &&
    !IDEATION_WORDS.test(text)
  ) {
    return out.filter((k) => k !== 'suicidal_ideation');
  }
  return out;
}

/**
 * A clinician reading a form back: "alcohol or drugs, you've put none", "the suicide column is
 * zero all week". The client's reply answers it.
 */
const READ_BACK =
  /\b(?:you(?:'ve| have)? (?:put|put down|marked|wrote|written|circled|ticked|rated|scored|said)|(?:the |your )?(?:card|column|form|sheet|diary|log|questionnaire|item|box) (?:says|shows|has|is|was|were|reads))\b.{0,25}\b(?:none|zero|nothing|no|not at all|never|a zero|0)\b|\b(?:none|zero|nothing|not at all|0) (?:all|this|last|every|each) (?:week|day|days|month)\b/;
/** A question about how much or how often, not whether. */
const HOW_MUCH_Q = /\bhow (?:much|often|many|frequently)\b/;
/** An answer that plays an amount down rather than saying none. */
const PLAYED_DOWN =
  /\b(?:that much|too much|so much|much|many|a lot|only|just|mainly|mostly|socially|sometimes|weekends?|occasionally|a few|a couple|not every)\b/;
/** An urge reported in an answer about acting: "I wanted to", "I came close", "I had the urge". */
const URGE_ANSWER =
  /\bi (?:really |still |kind of |sort of |definitely )?(?:wanted to|felt like (?:it|doing it|doing that)|was (?:really )?tempted|almost (?:did|did it|went through)|nearly (?:did|did it)|came (?:so |really )?close|thought about (?:it|doing it)|had (?:the |an |some |a few )?urges?)\b/;
/**
 * A clinician reading a self-harm urge rating back ("Tuesday, urges to self-harm at a four",
 * "your self-harm urges were a two"): a rating above zero is an urge the client reported.
 */
const URGE_RATING =
  /\b(?:urges? (?:to|for|of) (?:self[- ]?harm|cut|hurt yourself|harm yourself|hurt myself|harm myself)|self[- ]?harm(?:ing)? urges?|urges? to (?:self[- ]?injure))\b(?: [\w']+){0,4}? (?:at|was|were|of|as|hit|rated|got to|reached|went up to) (?:a |an )?(?:one|two|three|four|five|six|seven|eight|nine|ten|[1-9]\d?)\b/;

/** A question about "that" just named: "have there been any thoughts like that?", "is that right?". */
const BACK_REF_Q =
  /\b(?:like (?:that|this|those)|(?:any|anything|any of) (?:of )?(?:that|this|those|these|them)|that (?:kind|sort) of|such thoughts|those thoughts|these thoughts|is that (?:right|true|correct|accurate|still)|(?:still|that) (?:the case|accurate|right|true))\b/;
/** Instructions for later ("call me if …"), which a following question does not turn into a check. */
const CALL_IF = /\b(?:ring|call|phone|text|contact|reach out|go to|tell me|let me know)\b/;

function backReferenced(sentences: readonly { text: string }[], re: RegExp): boolean {
  for (let s = 0; s < sentences.length; s++) {
    const sent = sentences[s];
    if (!sent || !re.test(sent.text) || CALL_IF.test(sent.text)) continue;
    for (let n = s + 1; n <= Math.min(sentences.length - 1, s + 3); n++) {
      const q = sentences[n]?.text ?? '';
      if (isQuestion(q) && BACK_REF_Q.test(q) && !CALL_IF.test(q)) return true;
    }
  }
  return false;
}

/** A question opening shortly before the topic ("in the past month have you wished you were dead"). */
const EMBEDDED_Q =
  /\b(?:have you|do you|did you|are you|were you|would you|has there been|have there been|is there|was there|any)\b/;
function askedBefore(text: string, re: RegExp): boolean {
  const m = re.exec(text);
  return m !== null && EMBEDDED_Q.test(text.slice(Math.max(0, m.index - 90), m.index));
}

/** The clinician asks for a self-harm urge rating ("urge to self-harm, zero to five?"). */
const URGE_QUESTION =
  /\b(?:urges? (?:to|for|of) (?:self[- ]?harm|cut|hurt yourself|harm yourself)|self[- ]?harm(?:ing)? urges?)\b/;
const SCALE_ASKED =
  /\b(?:zero|0|one|1) (?:to|through|out of) (?:five|5|ten|10|a hundred|100)\b|\bout of (?:five|5|ten|10)\b|\bwhere(?:'s| is| are)\b|\brate\b|\bnumber\b/;
const ZERO_ANSWER =
  /^(?:(?:um|uh|well|so|honestly)[,.\s]+)*(?:zero|0|none|no|nothing|not at all)\b/;
const POSITIVE_RATING =
  /\b(?:one|two|three|four|five|six|seven|eight|nine|ten|[1-9]|10)\b(?! (?:times|days|weeks|nights|people|minutes|hours))/;

/**
 * A self-harm urge rating the client gives in answer to the clinician ("zero to five?" → "A one"):
 * any urge above zero is an urge the client reported, and urges count as endorsed.
 */
function urgeRatingAnswered(
  turns: readonly PreparedTurn[],
  cleaned: readonly string[],
  i: number,
  hits: Map<RiskKind, Hit[]>,
): void {
  const text = cleaned[i] ?? '';
  if (!URGE_QUESTION.test(text) || !SCALE_ASKED.test(text)) return;
  const q = turns[i];
  const next = turns[i + 1];
  if (!q || !next || next.role === 'clinician') return;
  const reply = (cleaned[i + 1] ?? '').slice(0, 60);
  if (ZERO_ANSWER.test(reply) || !POSITIVE_RATING.test(reply)) return;
  hits.get('self_harm')?.push({ status: 'endorsed', evidence: evidenceOf([q, next]) });
}

/** A self-harm urge rating read back by the clinician and not corrected by the client. */
function urgeRatingReadBack(
  turns: readonly PreparedTurn[],
  cleaned: readonly string[],
  i: number,
  hits: Map<RiskKind, Hit[]>,
): void {
  const text = cleaned[i] ?? '';
  if (!URGE_RATING.test(text)) return;
  const q = turns[i];
  const next = turns[i + 1];
  if (!q) return;
  if (next && next.role !== 'clinician') {
    const reply = (cleaned[i + 1] ?? '').replace(/^(?:um|uh|well|so)[,.\s]+/, '');
    if (/^(?:no|nope|nah|not|that's wrong|actually)\b/.test(reply)) return;
    hits.get('self_harm')?.push({ status: 'endorsed', evidence: evidenceOf([q, next]) });
    return;
  }
  hits.get('self_harm')?.push({ status: 'endorsed', evidence: evidenceOf([q]) });
}

/** "You mentioned thoughts of not wanting to be here" → the client's own earlier report. */
function reportedByClinician(
  turns: readonly PreparedTurn[],
  text: string,
  i: number,
  hits: Map<RiskKind, Hit[]>,
): void {
  if (!REPORT_CUE.test(text)) return;
  const t = turns[i];
  if (!t) return;
  for (const sent of splitSentences(text)) {
    if (
      !REPORT_CUE.test(sent.text) ||
      NEGATIVE_WORDS.test(sent.text) ||
      CONDITIONAL.test(sent.text)
    )
      continue;
    // A past act the client told the clinician about ("you told me you cut on Friday").
    if (PAST_SELF_HARM.test(sent.text) && !/\?$/.test(sent.text)) {
      hits.get('self_harm')?.push({ status: 'endorsed', evidence: evidenceOf([t]) });
    }
    // A report of experiences ("you mentioned having thoughts of …"), not a goal or a wish.
    if (!/\b(?:thoughts?|urges?|thinking about|feeling like)\b/.test(sent.text)) continue;
    for (const kind of ['suicidal_ideation', 'self_harm', 'homicidal_ideation'] as const) {
      if (TOPIC[kind].test(sent.text) && !/\?$/.test(sent.text)) {
        hits.get(kind)?.push({ status: 'endorsed', evidence: evidenceOf([t]) });
      }
    }
  }
}

const RANK: Readonly<Record<Hit['status'], number>> = { endorsed: 3, unclear: 2, denied: 1 };

function finding(kind: RiskKind, list: readonly Hit[]): RiskFinding {
  if (list.length === 0) return { kind, status: 'not_assessed', evidence: [] };
  const best = Math.max(...list.map((h) => RANK[h.status]));
  const chosen = list.filter((h) => RANK[h.status] === best);
  const status = chosen[0]?.status ?? 'unclear';
  return { kind, status, evidence: chosen.slice(0, 3).map((h) => h.evidence) };
}
