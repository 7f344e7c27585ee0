import type { Analysis } from '../analysis/schema.js';
import type { Evidence } from '../analysis/schema.js';
import { NUMBER, type PreparedUtterance } from './select.js';

/**
 * Motivational-interviewing facts from the utterance labels (`mi` on clinician turns, `talk` on
 * client turns, both from the classifier) and a few phrasing cues: OARS counts with examples,
 * session activities, the client's own plan, and the talk balance behind a stage-of-change
 * statement. Matched on normalized text; regexes compiled once; one pass.
 */

/** Open questions invite more than yes/no: what, how, why, tell me … */
export const OPEN_QUESTION =
  /^((so|and|well|okay|ok|now|um|uh|alright|right|yeah|mm|hmm)[ ,]+)*(what|how|why|tell me|describe|in what way|talk to me|help me understand)\b|\b(tell me (about|more)|what (do|did|would|else|are|is|was|were|makes|made|might)|how (do|did|would|does|are|is|was|has|have|might|could|can|important|confident))\b/;

export const AFFIRMATION =
  /\b(that's (great|wonderful|terrific|excellent|impressive|a big step|really good|fantastic|a great)|good for you|well done|i appreciate (you|that|your)|you should be proud|(that|it) (took|takes) (a lot of )?(courage|strength|effort)|you('ve| have) (done|made|worked) (really |so )?(well|hard|great|a lot)|you('ve| have) (already )?(been able|managed)|great job|nice work|congratulations|impressive|you('re| are) (really )?(committed|determined|strong))\b/;

export const SUMMARY =
  /\b(let me (see if i|summari[sz]e|make sure i|recap|pull)|to sum (it )?up|so far (you('ve| have)|we('ve| have))|what i('m| am) hearing|if i (understand|hear) you|in summary|you('ve| have) told me|so (on the one hand|let's see if))\b/;

/** Activities clinicians do in a session, recognised from how they are introduced. */
const ACTIVITIES: readonly (readonly [RegExp, string])[] = [
  [
    /\b(on a scale (of|from) (0|zero|1|one) to (10|ten)|scale of (0|zero|1|one) to (10|ten)|zero to ten|0 to 10|one to ten|1 to 10)\b/,
    'rating scale (readiness, importance or confidence ruler)',
  ],
  [
    /\b(pros and cons|good things about|(not so|less) good things|downsides?|benefits? of|what do you (like|enjoy|get out of)|on the other hand)\b/,
    'explored both sides of the behaviour (decisional balance)',
  ],
  [
    /\b(do you mind if|is it (ok|okay|alright|all right) (if|with you if) (i|we)|would it be (ok|okay|alright|all right) if|can i (share|tell you|give you|offer)|may i (share|tell|offer|ask))\b/,
    'asked permission before raising a topic or giving information',
  ],
  [
    /\b(your (results|scores?|screening)|the (form|questionnaire|screening|survey) you (filled|completed)|filling (it|the form) out)\b/,
    'gave feedback on a screening form the client completed',
  ],
  [
    /\b(what (matters|is important|'s important) (most )?to you|your values|what kind of (person|parent|father|mother))\b/,
    'explored the client’s values',
  ],
  [
    /\b(what (would|will|could|might) you (do|try|change)|what'?s your plan|(your|a) plan|next steps?|how (would|will|could|might) you (go about|do that|start)|what('s| is) (one|a|the) (small |first )?(thing|step))\b/,
    'developed a change plan with the client',
  ],
  [
    /\b(let'?s (try|practi[cs]e|do) (it|that|this|one) (now|together|here)|role.?play|rehears\w*|close your eyes|take a (deep|slow) breath)\b/,
    'practised a skill in session',
  ],
  [
    /\b(thought record|worksheet|diary card|log(book)?|tracking sheet)\b/,
    'reviewed a worksheet or log',
  ],
  [
    // Future life, not any "imagine" (a re-rating prompt "if you imagine getting that message
    // again" is not envisioning).
    /\b((a|one|two|three|five|ten|six|a few|a couple of) (years?|months?) from now|picture (yourself|your life)|imagine (yourself|your life|life|a (day|week|year|future|life)|what (your )?life|how (your )?life|waking up)|(your|a) (life|future) (after|without|once|where|when)|what (would|will|could|might) (your )?(life|future|days?|mornings?|evenings?) (be|look|feel) like|if (things|your life|life) (were|was) different|(wake|woke) up tomorrow|miracle question|looking (ahead|forward) to (your|a|the) (life|future))\b/,
    'looked ahead to life after change (envisioning)',
  ],
];

export interface MiSkills {
  questions: number;
  open: number;
  reflections: number;
  affirmations: number;
  summaries: number;
  information: number;
  examples: { label: string; p: PreparedUtterance; re?: RegExp }[];
}

export interface Activity {
  label: string;
  p: PreparedUtterance;
  re: RegExp;
}

export function miSkills(prepared: readonly PreparedUtterance[]): MiSkills {
  const s: MiSkills = {
    questions: 0,
    open: 0,
    reflections: 0,
    affirmations: 0,
    summaries: 0,
    information: 0,
    examples: [],
  };
  let openEx: PreparedUtterance | undefined;
  let reflEx: PreparedUtterance | undefined;
  let affEx: PreparedUtterance | undefined;
  let sumEx: PreparedUtterance | undefined;
  for (const p of prepared) {
    if (p.u.role !== 'clinician') continue;
    const mi = p.u.mi;
    if (mi === 'question') {
      s.questions++;
      if (OPEN_QUESTION.test(p.norm)) {
        s.open++;
        if (!openEx && p.words >= 5 && p.words <= 30) openEx = p;
      }
    } else if (mi === 'reflection') {
      s.reflections++;
      if ((!reflEx || p.words > reflEx.words) && p.words >= 6 && p.words <= 25) reflEx = p;
    } else if (mi === 'therapist_input') s.information++;
    if (AFFIRMATION.test(p.norm)) {
      s.affirmations++;
      affEx ??= p;
    }
    if (SUMMARY.test(p.norm)) {
      s.summaries++;
      sumEx ??= p;
    }
  }
  if (reflEx) s.examples.push({ label: 'reflection', p: reflEx });
  if (openEx) s.examples.push({ label: 'open question', p: openEx, re: OPEN_QUESTION });
  if (affEx) s.examples.push({ label: 'affirmation', p: affEx, re: AFFIRMATION });
  if (sumEx) s.examples.push({ label: 'summary', p: sumEx, re: SUMMARY });
  return s;
}

/** Activities recognised in clinician turns, first occurrence of each, in session order. */
export function sessionActivities(prepared: readonly PreparedUtterance[]): Activity[] {
  const found = new Map<string, Activity>();
  for (const p of prepared) {
    if (p.u.role !== 'clinician' || p.words < 4) continue;
    for (const [re, label] of ACTIVITIES) {
      if (!found.has(label) && re.test(p.norm)) found.set(label, { label, p, re });
    }
  }
  return [...found.values()].sort((a, b) => a.p.index - b.p.index);
}

/** The client's own commitment to act: "I'm going to …", "I'll try …", "I could …". */
export const COMMITMENT =
  /\b(i('m| am) going to|i('m| am) gonna|i will|i'll|i plan to|i('m| am) planning to|i('d| would) be willing to|i('m| am) willing to|i('ve| have) decided to|my plan is|i can (try|start|cut|stop|switch|replace|ask|call)|i could (try|start|cut|stop|switch|get|go|take|call|use|replace|substitute|swap|ask|buy|join|walk|drink (more|less|water)|set|throw|talk|limit|bring)|maybe (if )?i (ask|try|start|stop|cut|switch|get|call|join|go)|i('ll| will) (try|start|cut|stop|quit|call|make|get|take|go|keep|set|throw|buy|switch|talk|ask|bring|use|put|drink|do|walk|join|see|check|write)|starting (tomorrow|monday|next week|this week|today|tonight))\b/;
const NOT_COMMITMENT =
  /\b(i'll (tell|be honest|say|admit|give you|let you|think about it|see)|if .{0,50}\bi'll|i'll never|i will never|i'm going to (die|fail|lose it|say|tell)|i could never|i could (die|kill)|i thought .{0,30}\bi could)\b/;

/** Statements of the client's plan, latest (usually most worked out) first; at most `max`. */
export function clientPlan(prepared: readonly PreparedUtterance[], max = 2): PreparedUtterance[] {
  const out: PreparedUtterance[] = [];
  for (let i = prepared.length - 1; i >= 0 && out.length < max * 3; i--) {
    const p = prepared[i];
    if (!p || p.u.role !== 'client' || p.words < 3 || p.u.talk === 'sustain') continue;
    if (!COMMITMENT.test(p.norm) || NOT_COMMITMENT.test(p.norm)) continue;
    if (
      /\b(i could|maybe)\b/.test(p.norm) &&
      p.u.talk !== 'change' &&
      !/\bi('ll| will|'m going)/.test(p.norm)
    )
      continue;
    out.push(p);
  }
  // Specific plans (a number, a time) first, then later in the session.
  out.sort(
    (a, b) => Number(NUMBER.test(b.norm)) - Number(NUMBER.test(a.norm)) || b.index - a.index,
  );
  return out.slice(0, max).sort((a, b) => a.index - b.index);
}

export interface TalkBalance {
  change: PreparedUtterance[];
  sustain: PreparedUtterance[];
}

export function talkBalance(prepared: readonly PreparedUtterance[]): TalkBalance {
  const change: PreparedUtterance[] = [];
  const sustain: PreparedUtterance[] = [];
  for (const p of prepared) {
    if (p.u.role !== 'client') continue;
    if (p.u.talk === 'change') change.push(p);
    else if (p.u.talk === 'sustain') sustain.push(p);
  }
  return { change, sustain };
}

/** A representative quote: the longest utterance of at most `maxWords` words, else the first. */
export function representative(
  list: readonly PreparedUtterance[],
  maxWords = 30,
): PreparedUtterance | undefined {
  let best: PreparedUtterance | undefined;
  for (const p of list) {
    if (p.words > maxWords) continue;
    if (!best || p.words > best.words) best = p;
  }
  return best ?? list[0];
}

const NON_MI_MODALITY = /^(?!mi\.|safety\.|homework\.|psychoed\.)/;

/**
 * Is this a motivational-interviewing conversation? An MI intervention was detected, or no other
 * modality was and the conversation has the MI shape: clinician questions and reflections, and
 * client talk about change.
 */
export function isMiConversation(analysis: Analysis, skills: MiSkills, talk: TalkBalance): boolean {
  if (analysis.interventions.some((d) => d.id.startsWith('mi.'))) return true;
  if (analysis.interventions.some((d) => NON_MI_MODALITY.test(d.id))) return false;
  return (
    skills.reflections >= 2 ||
    (skills.questions + skills.reflections >= 4 && talk.change.length + talk.sustain.length >= 2)
  );
}

/**
 * A conversation about change with no other therapy modality detected: its change and sustain
 * talk (and the stage of change they suggest) are worth stating even when it is too short to
 * call it MI.
 */
export function isChangeConversation(analysis: Analysis, talk: TalkBalance): boolean {
  return (
    analysis.interventions.some((d) => d.id.startsWith('mi.')) ||
    (!analysis.interventions.some((d) => NON_MI_MODALITY.test(d.id)) &&
      talk.change.length + talk.sustain.length > 0)
  );
}

/** A reported change that did not hold ("lost it, then gained it back"). */
const SETBACK = /\b(but|back|again|relapse\w*|slipped)\b/;

export type Stage = 'precontemplation' | 'contemplation' | 'preparation' | 'action';

export interface StageStatement {
  stage: Stage;
  text: string;
  evidence: Evidence[];
}

/**
 * Stage of change (Prochaska & DiClemente) from the talk balance, a stated plan and reported
 * change: an evidence-based suggestion the clinician confirms, never a diagnosis.
 */
export function stageOfChange(
  talk: TalkBalance,
  plan: readonly PreparedUtterance[],
  reportedChange: readonly PreparedUtterance[],
  quote: (p: PreparedUtterance, max: number) => string,
  evidenceFor: (p: PreparedUtterance) => Evidence,
): StageStatement | undefined {
  const c = talk.change.length;
  const s = talk.sustain.length;
  if (c + s === 0) return undefined;
  const ch = representative(talk.change, 25);
  const su = representative(talk.sustain, 25);
  const firstPlan = plan[plan.length - 1];
  const change = reportedChange[0];
  let stage: Stage;
  let why: string;
  const ev: Evidence[] = [];
  const outnumbered =
    c > s ? `outnumbered sustain talk ${c} to ${s}` : `matched sustain talk ${c} to ${s}`;
  if (c === 0) {
    stage = 'precontemplation';
    why = `Sustain talk (${s}) without change talk${su ? ` (${quote(su, 70)})` : ''}`;
    if (su) ev.push(evidenceFor(su));
  } else if (
    firstPlan &&
    c >= s &&
    change &&
    change.u.talk === 'change' &&
    !SETBACK.test(change.norm)
  ) {
    stage = 'action';
    why = `Change talk ${outnumbered}, the client reported change already made (${quote(change, 60)}) and stated a plan (${quote(firstPlan, 60)})`;
    ev.push(evidenceFor(change), evidenceFor(firstPlan));
  } else if (firstPlan && c >= s) {
    stage = 'preparation';
    why = `Change talk ${outnumbered} and the client stated a specific plan (${quote(firstPlan, 70)})`;
    ev.push(evidenceFor(firstPlan));
    if (ch && ch !== firstPlan) ev.push(evidenceFor(ch));
  } else if (s >= c) {
    stage = 'contemplation';
    why = `Sustain talk matched or outnumbered change talk (${s} to ${c}): the client is ambivalent${su ? ` (${quote(su, 60)})` : ''}`;
    if (su) ev.push(evidenceFor(su));
    if (ch) ev.push(evidenceFor(ch));
  } else {
    stage = 'contemplation';
    why = `Change talk ${outnumbered}${ch ? ` (${quote(ch, 60)})` : ''}, without a stated plan`;
    if (ch) ev.push(evidenceFor(ch));
  }
  return {
    stage,
    text: `${why}, consistent with the ${stage} stage (Prochaska & DiClemente); clinician to confirm`,
    evidence: ev,
  };
}
