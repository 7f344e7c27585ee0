import type { Evidence, Utterance } from '../analysis/schema.js';
import { normalizeForMatching, restoreApostrophes } from '../text/normalize.js';

/**
 * Picks the utterances a careful note quotes: the presenting concern in the client's words,
 * symptoms with severity, relevant history, triggers, the client's own goals, observed
 * non-verbal behaviour the transcriber annotated, next steps, the next appointment, medication
 * and referrals. Cues are general clinical phrasing, matched on normalized text (no reliance on
 * punctuation or capitals). One pass over the utterances; regexes compiled once.
 */

export interface PreparedUtterance {
  u: Utterance;
  index: number;
  norm: string;
  words: number;
}

export function prepareUtterances(utterances: readonly Utterance[]): PreparedUtterance[] {
  return utterances.map((u, index) => {
    const norm = restoreApostrophes(normalizeForMatching(u.text));
    return { u, index, norm, words: norm ? norm.split(' ').length : 0 };
  });
}

export function evidenceFor(p: PreparedUtterance): Evidence {
  return { utteranceIds: [p.u.id], quote: p.u.text, start: p.u.start };
}

const SENTENCE_END = /(?<=[.!?…])\s+(?=\S)/;
const MAX_CLAUSE_WORDS = 24;

/**
 * The part of an utterance a cue matched: the sentence containing the match, or (unpunctuated,
 * speech-recognition text) a window of words around it. Verbatim words from the transcript.
 */
export function clauseOf(p: PreparedUtterance, re: RegExp | undefined): string {
  const text = p.u.text.trim();
  if (!re) return text;
  const sentences = text.split(SENTENCE_END);
  const at =
    sentences.length > 1
      ? sentences.findIndex((x) => re.test(restoreApostrophes(normalizeForMatching(x))))
      : -1;
  let chosen = at >= 0 ? (sentences[at] ?? text) : text;
  // A short sentence ("Pretty rough.") says little alone: add what follows, within the limit.
  for (let j = at + 1; at >= 0 && j < sentences.length; j++) {
    const next = sentences[j] ?? '';
    const n = chosen.split(/\s+/).length;
    if (n >= 8 || n + next.split(/\s+/).length > MAX_CLAUSE_WORDS) break;
    chosen = `${chosen} ${next}`;
  }
  const words = chosen.split(/\s+/);
  if (words.length <= MAX_CLAUSE_WORDS) return chosen;
  // Long run-on text: a window around the match (word positions in the normalized text).
  const m = re.exec(restoreApostrophes(normalizeForMatching(chosen)));
  const pos = m
    ? restoreApostrophes(normalizeForMatching(chosen)).slice(0, m.index).split(' ').length - 1
    : 0;
  const from = Math.max(0, Math.min(pos - 6, words.length - MAX_CLAUSE_WORDS));
  const out = words.slice(from, from + MAX_CLAUSE_WORDS).join(' ');
  return `${from > 0 ? '…' : ''}${out}${from + MAX_CLAUSE_WORDS < words.length ? '…' : ''}`;
}

/** Evidence for an utterance, quoting the clause a cue matched. */
export function clauseEvidence(p: PreparedUtterance, re: RegExp | undefined): Evidence {
  return { utteranceIds: [p.u.id], quote: clauseOf(p, re), start: p.u.start };
}

const FIRST_PERSON = /\b(i|i'm|im|i've|ive|i'd|me|my|myself)\b/;

export const CONCERN =
  /\b(anxi(ous|ety)|worr(y|ied|ying|ies)|panic\w*|scared|afraid|fear\w*|terrified|nervous|stress(ed|ful)?|overwhelm\w*|depress\w*|sad|(feel(ing)?|felt|been|so|really|pretty) (down|low)|hopeless|lonely|alone|angry|anger|irritab\w*|struggl\w*|hard|difficult|tough|rough|bad|worse|awful|terrible|avoid\w*|urges?|crav\w*|drink\w*|fight\w*|argu\w*|can'?t (sleep|stop|focus|get|seem|handle|cope|deal)|miss(ing)?|grie\w*|exhausted|numb|stuck|hate|putting (it|things) off|procrastinat\w*|messed up|mess(ing)? up|useless|failure|stupid|worthless|ashamed|embarrass\w*|guilty|(says|said|told me) (i|that i) (need|have|should)|(says|said) i (need|have|should))\b/g;

/** Health behaviours a behaviour-change conversation is about (general vocabulary). */
export const BEHAVIOUR =
  /\b(drink\w*|drank|drunk|alcohol|booze|beers?|wine|liquor|vodka|whiske?y|smok\w*|cigarettes?|cigs|vap\w*|tobacco|nicotine|weight|pounds|kilos|diet\w*|eat\w*|ate|food|snack\w*|sugar|soda|juice|exercis\w*|walk\w*|gym|medication|meds|medicine|pills?|insulin|inhaler|blood (sugar|pressure)|diabetes|asthma|drugs?|marijuana|weed|cannabis|cocaine|heroin|meth|opioids?|using|gambl\w*|betting|caffeine|coffee|brush\w*|floss\w*|cutting|self.harm\w*|probation|court|parole|arrest\w*)\b/;

/** A concern or the behaviour it is about (no global flag: safe for `test`). */
export const CONCERN_CUE = new RegExp(`${CONCERN.source}|${BEHAVIOUR.source}`);

/** A clinician's opening question: the client's answer usually states the concern. */
const OPENING =
  /\b(what brings you|how (has|have|was|were|is|are) (the |your |things|it|you)\w*( \w+)?( been| going| week)|how('s| is| has) (the |your )?week|what (would|do) you (like|want) to (talk|focus|work|start)|what('s| is) (been )?on your mind|where (would|do) you (like|want) to start)\b/;

export const SYMPTOM =
  /\b(drinks?|drinking|beers?|glass(es)?|bottles?|cigarettes?|packs?|smok\w*|pounds|weigh\w*|pills?|doses?|joints?|cups?|sleep\w*|awake|wake|waking|lie there|lying in bed|get out of bed|insomnia|nightmares?|appetite|eat(ing)?|energy|tired|exhausted|fatigue|panic attacks?|heart (was )?(racing|pounding)|chest|shak\w*|sweat\w*|cry(ing)?|cried|tears?|concentrat\w*|focus|worry\w*|worried|flashbacks?|intrusive|numb|irritab\w*|snapp\w*|hopeless\w*|worthless\w*|guilt\w*|lonely|urges?|crav\w*|drink\w*|headaches?|nause\w*|dizz\w*|restless\w*|racing thoughts|motivation|interest)\b/;

export const SEVERITY =
  /\b(really|so|very|extremely|super|totally|completely|every (day|night|morning|time)|all the time|constantly|always|never|barely|hardly|worst|can'?t|couldn'?t|most (days|nights)|(two|three|four|five|several|a few|a couple of?) (times|nights|days|hours)|\d+|out of ten|nine|eight|seven|ten)\b/;

export const HISTORY =
  /\b(last (year|summer|winter|spring|fall|autumn)|(for|in) the (past|last) (\w+ )?(years?|months?|decades?)|for (\w+ )?years|since (i was|i got|i started|\d+)|i (started|began|quit|stopped) .{0,40}\b(when|ago|at|age)\b|when i was|in the past|(\w+ )?years? ago|since (i was|childhood|high school|college|the (accident|divorce|surgery))|growing up|when i was (a (kid|child|teen\w*)|little|young(er)?|\w+teen|\w+ty)|as a (kid|child|teen\w*)|my (childhood|parents|father|mother|dad|mum|mom) (used to|always|never|was|were)|back (then|in (the day|high school|college|school|\d{4}))|used to|(i'?ve|i) tried .{0,40}\bbefore\b)\b/;

export const TRIGGER =
  /\b(trigger\w*|sets? (me|it|things) off|set me off|every time|whenever|as soon as|the moment (i|he|she|they)|when i('m| am| get| feel| go| come| see| have|'ve| was| had)|after (work|dinner|school|a (long|bad|hard) day|a fight|an argument)|at (parties|the bar|the pub|night)|with my (friends|buddies|mates)|around (my )?(friends|people who)|if (it's|it is) (there|around|in the house)|because (i'm|i am|i get|i feel|i was|of (the )?(stress|work|pain))|when (he|she|they|my \w+) (gets?|comes?|starts?|says?|is|are))\b/;

/** What a trigger leads to: the behaviour, a feeling, an urge. */
const TRIGGERED =
  /\b(drink\w*|drank|smok\w*|cigarettes?|eat\w*|ate|snack\w*|use|using|crav\w*|urges?|want (a|to)|need (a|to)|reach for|stress(ed)?|anxious|angry|upset|bored|lonely|tired|relax|unwind|take the edge off|calm down|cope)\b/;

export const CLIENT_GOAL =
  /\b(i (really |just |definitely |do |still )?(want|wanna|need|would like|'d like|d like|hope|wish i could) to|i (really |just )?(want|need) (my|a|to)|my goal|i'd love to|what i want is|i('d| would) rather|i (really )?should (probably )?(cut|stop|quit|start|get|lose|take|try|be|go))\b/;
/** Wants that are about the conversation, not a goal. */
const NOT_GOAL =
  /\bi (want|need|wanna|would like|'d like) to (say|tell|ask|know|be honest|go back|mention|add|make sure you)\b/;

/**
 * A report on between-session homework ("I did the worry log most days", "I filled in the diary
 * card"): a homework review, not the presenting concern.
 */
const HOMEWORK_REPORT =
  /\bi (did|didn'?t|did not|do|tried|filled( it)?( in| out)?|finished|completed|forgot|kept|practi[sc]ed|wrote|managed|got stuck)\b.{0,40}\b(log|diary|records?|worksheets?|sheets?|homework|practice|exercises?|cards?|journal|assignment|tracker|column)\b/;
/** A clinician asking about the homework: the next client turn reports on it. */
const HOMEWORK_QUESTION =
  /\b(homework|did you (get to|do|bring|try|manage|fill|finish|complete)|how did (the|your) (practice|exercises?|homework|log|diary|worksheet|assignment|experiment)\b.{0,20}\b(go|work)|practice sheet|worksheet|diary card|thought record|(worry|mood|sleep|drink\w*) (log|diary))\b/;

/**
 * A future plan or intention ("And I'll tell my husband …", "I'm going to …"): the client's plan,
 * not a description of the problem.
 */
const FUTURE_PLAN =
  /\b(i'?ll|i will|i('m| am) (going to|gonna)|i plan to|i('m| am) planning to|my plan is|i('ve| have) decided to|from now on|starting (tomorrow|today|tonight|monday|next week|this week))\b/;

/**
 * During exposure, "I want to stand behind the chair / leave / look away" is an urge to escape or
 * use a safety behaviour, not a treatment goal.
 */
const EXERCISE_URGE =
  /\bi (really |just )?(want|wanna|need|would like|'d like|d like) to (stand|sit|hold|hide|leave|go|get out|get away|stop|move|step|back|run|turn|look away|close my eyes|put (it|him|her|them) (down|away|back)|let go|hold on|get (back|behind|away|out)|be (behind|farther|further|away|near|closer|next to))\b/;

/** Change the client reports having made (or lost): progress in their own words. */
export const REPORTED_CHANGE =
  /\b(i('ve| have)? (cut (down|back)|stopped|quit|lost|gained|reduced|started|managed|kept)|i('ve| have) been (walking|exercising|taking|going|running|eating (less|better|healthier)|drinking less|smoking less|cutting|trying|using (less|the))|i (haven't|have not|didn't|did not) (had|have|smoked|drunk|drank|used|touched|missed) .{0,30}\b(since|in|for)\b|(down|up) to (\w+ )?(a day|a week|drinks|cigarettes|times)|i('ve| have) been (sober|clean|smoke.free)|(\w+) (days?|weeks?|months?) (without|sober|clean|smoke.free)|i was able to)\b/;

/** "It's because I've been …": an explanation, not a report of change. */
const EXPLAINING = /\b(it's|that's|probably) because\b/;

export const NUMBER =
  /\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|a couple|a few|half|a dozen)\b/;
export const QUANTITY =
  /\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|a couple( of)?|a few|half a|a)\b .{0,25}\b(a|per|every|each) (day|night|week|weekend|month)\b|\b(every|each) (day|night|morning|evening|weekend)\b|\ba (pack|bottle|case|six.pack)\b/;

export const NEXT_STEP =
  /\b(next (week|session|time)|when we meet|for next time|going forward|we'?ll (keep|continue|try|work|start|move|look|do|pick|go|build|practice|add|come back|review|check)|next step|plan (is|for)|let'?s plan)\b/;

export const APPOINTMENT =
  /\b(see you (on|next|in|then|soon|again)|come (back|in) (in|next)|follow.?up (appointment|visit|session|in|next)|check in (with you )?(in|next)|meet again|same time|next appointment|book(ed)? (you|it|the)|schedule(d)? (you|it|the|for)|(on|this|next) (monday|tuesday|wednesday|thursday|friday|saturday|sunday)|in (two|three|2|3) weeks)\b/;

export const MEDICATION =
  /\b(medications?|meds|prescri\w*|dose|dosage|psychiatrist|sertraline|fluoxetine|escitalopram|citalopram|bupropion|venlafaxine|mirtazapine|lithium|quetiapine|nicotine (patch(es)?|gum|replacement|lozenges?)|the patch|patches|varenicline|champix|chantix|naltrexone|acamprosate|disulfiram|antabuse|methadone|buprenorphine|suboxone|insulin|metformin|inhaler)\b/;
/** A medication statement that changes something (start, stop, switch, dose). */
/** Means-safety questions ("stored-up medication, a gun in the house?") are risk work, not medication. */
export const MEANS_SAFETY =
  /\b(guns?|firearms?|weapons?|stockpil\w*|stored[- ]up|saved up|access to|lock(ed)? (them |it )?(up|away)|get rid of|hand (them|it) (in|over)|pharmacy|overdose)\b/;
export const MEDICATION_CHANGE =
  /\b(start\w*|stop\w*|switch\w*|increas\w*|decreas\w*|lower\w*|rais\w*|adjust\w*|chang\w*|new|try|trying|taper\w*|refill\w*|prescrib\w*|come off|go on)\b/;

export const REFERRAL =
  /\b(refer\w*|specialist|dietitian|dietician|nutritionist|support group|quit ?line|(aa|na) meetings?|alcoholics anonymous|narcotics anonymous|(treatment|rehab\w*|detox|outpatient|smoking cessation|cessation) (program\w*|center|centre|clinic|class\w*)?|see (a|the|your) (doctor|nurse|psychiatrist|counsel\w*|therapist|dentist|specialist|gp)|make an appointment with)\b/;

/** Transcriber annotations of non-verbal behaviour → how a note says it. */
const ANNOTATIONS: readonly (readonly [RegExp, string])[] = [
  [/\((crying|cries|sobbing|sobs|tearful|in tears|tearing up|teary)[^)]*\)/i, 'tearful'],
  [/\((laughs?|laughing|chuckles?)[^)]*\)/i, 'laughed'],
  [/\((sighs?|sighing)[^)]*\)/i, 'sighed'],
  [/\((long pause|long silence|silence|pause)[^)]*\)/i, 'paused'],
  [/\((voice (shaking|breaking|cracking|trembling))[^)]*\)/i, 'voice shaking'],
];

export interface Selection {
  presentingConcern?: PreparedUtterance;
  /** No client statement of the concern: the behaviour the clinician raised early on. */
  reasonRaised?: PreparedUtterance;
  symptoms: PreparedUtterance[];
  history?: PreparedUtterance;
  triggers: PreparedUtterance[];
  clientGoal?: PreparedUtterance;
  clientGoals: PreparedUtterance[];
  reportedChange: PreparedUtterance[];
  referral?: PreparedUtterance;
  nonVerbal: { label: string; turns: PreparedUtterance[] }[];
  nextSteps: PreparedUtterance[];
  appointment?: PreparedUtterance;
  medication?: PreparedUtterance;
}

/** The clause a symptom quote shows (first of quantity, symptom, behaviour cues), normalized. */
function problemClauseNorm(p: PreparedUtterance): string {
  const re = [QUANTITY, SYMPTOM, BEHAVIOUR].find((r) => r.test(p.norm));
  return restoreApostrophes(normalizeForMatching(clauseOf(p, re)));
}

function countMatches(re: RegExp, s: string): number {
  re.lastIndex = 0;
  let n = 0;
  while (re.exec(s) !== null) n++;
  re.lastIndex = 0;
  return n;
}

/** What else the selection needs to know about the session (all optional). */
export interface SelectionContext {
  /** Utterances the analysis found reviewing earlier homework (never the chief complaint). */
  homeworkReviewIds?: ReadonlySet<string>;
  /** Utterance-index ranges [from, to] of exposure work (where "I want to …" is an urge). */
  exposureSpans?: readonly (readonly [number, number])[];
}

/** Select quotable utterances. `exclude`: utterance ids already used by other findings. */
export function selectUtterances(
  prepared: readonly PreparedUtterance[],
  exclude: ReadonlySet<string>,
  context: SelectionContext = {},
): Selection {
  const homeworkIds = context.homeworkReviewIds ?? new Set<string>();
  const exposureSpans = context.exposureSpans ?? [];
  const inExposure = (i: number): boolean => exposureSpans.some(([a, b]) => i >= a && i <= b);
  const isHomeworkReport = (p: PreparedUtterance): boolean => {
    if (homeworkIds.has(p.u.id) || HOMEWORK_REPORT.test(p.norm)) return true;
    const prev = prepared[p.index - 1];
    return prev?.u.role === 'clinician' && HOMEWORK_QUESTION.test(prev.norm);
  };
  const n = prepared.length;
  const earlyLimit = Math.max(6, Math.ceil(n * 0.3));
  const lateFrom = Math.floor(n * 0.65);
  const sel: Selection = {
    symptoms: [],
    triggers: [],
    clientGoals: [],
    reportedChange: [],
    nonVerbal: [],
    nextSteps: [],
  };
  let bestConcern = 0;
  const quantified: PreparedUtterance[] = [];
  const used = new Set(exclude);
  const nonVerbal = new Map<string, PreparedUtterance[]>();

  for (const p of prepared) {
    const { u, norm, index, words } = p;
    if (u.role === 'client') {
      for (const [re, label] of ANNOTATIONS) {
        if (re.test(u.text)) {
          const list = nonVerbal.get(label) ?? [];
          list.push(p);
          nonVerbal.set(label, list);
        }
      }
    }
    // The presenting concern may be an utterance other findings quote too (often a risk statement).
    if (
      u.role === 'client' &&
      index < earlyLimit &&
      words >= 7 &&
      FIRST_PERSON.test(norm) &&
      !isHomeworkReport(p)
    ) {
      const hits = countMatches(CONCERN, norm) + (BEHAVIOUR.test(norm) ? 1 : 0);
      const prev = prepared[index - 1];
      const answersOpening = prev?.u.role === 'clinician' && OPENING.test(prev.norm) ? 3 : 0;
      const score = hits * 2 + answersOpening + Math.min(words, 40) / 20;
      if (hits > 0 && score > bestConcern) {
        bestConcern = score;
        sel.presentingConcern = p;
      }
    }
    if (
      !sel.reasonRaised &&
      u.role === 'clinician' &&
      index < earlyLimit &&
      words >= 6 &&
      BEHAVIOUR.test(norm)
    ) {
      sel.reasonRaised = p;
    }
    if (words < 5) {
      if (u.role === 'clinician' && index >= lateFrom && words >= 4) lateClinician(p);
      continue;
    }
    // Utterances other findings quote are not re-quoted as symptoms or history.
    const usedElsewhere = used.has(u.id);
    if (u.role === 'client') {
      const firstPerson = FIRST_PERSON.test(norm);
      const problem = SYMPTOM.test(norm) || BEHAVIOUR.test(norm);
      // The clause a note would quote must describe the problem, not the client's plan.
      // Nor a report on the homework ("I did the log most days").
      const describesProblem =
        problem && !FUTURE_PLAN.test(problemClauseNorm(p)) && !isHomeworkReport(p);
      if (firstPerson && describesProblem && QUANTITY.test(norm) && quantified.length < 4)
        quantified.push(p);
      else if (sel.symptoms.length < 4 && firstPerson && describesProblem && SEVERITY.test(norm)) {
        sel.symptoms.push(p);
      }
      if (!sel.history && !usedElsewhere && HISTORY.test(norm) && u.talk !== 'sustain') {
        sel.history = p;
      }
      if (
        sel.triggers.length < 2 &&
        firstPerson &&
        TRIGGER.test(norm) &&
        (TRIGGERED.test(norm) || BEHAVIOUR.test(norm))
      ) {
        sel.triggers.push(p);
      }
      if (
        sel.clientGoals.length < 3 &&
        u.talk !== 'sustain' &&
        CLIENT_GOAL.test(norm) &&
        !NOT_GOAL.test(norm) &&
        !(inExposure(index) && EXERCISE_URGE.test(norm))
      ) {
        sel.clientGoals.push(p);
      }
      if (sel.reportedChange.length < 3 && REPORTED_CHANGE.test(norm) && !EXPLAINING.test(norm)) {
        sel.reportedChange.push(p);
      }
      if (!sel.medication && MEDICATION.test(norm) && !MEANS_SAFETY.test(norm)) sel.medication = p;
      if (!sel.referral && REFERRAL.test(norm)) sel.referral = p;
    } else if (u.role === 'clinician') {
      if (!sel.medication && MEDICATION.test(norm) && !MEANS_SAFETY.test(norm)) sel.medication = p;
      if (index >= lateFrom && REFERRAL.test(norm)) sel.referral = p;
      if (index >= lateFrom) lateClinician(p);
    }
  }

  function lateClinician(p: PreparedUtterance): void {
    if (APPOINTMENT.test(p.norm)) sel.appointment = p;
    else if (NEXT_STEP.test(p.norm) && sel.nextSteps.length < 2) sel.nextSteps.push(p);
  }

  // Each utterance is quoted once: concern, then goals, symptoms, history, change, triggers.
  const quotedIds = new Set<string>();
  const fresh = (p: PreparedUtterance | undefined): boolean => {
    if (!p || quotedIds.has(p.u.id)) return false;
    quotedIds.add(p.u.id);
    return true;
  };
  // Reported change may come from the utterance that stated the concern (often the opening
  // answer: "I lost five pounds but gained it back"), as a different sentence of it.
  const concern = sel.presentingConcern;
  if (
    concern &&
    sel.reportedChange.length === 0 &&
    REPORTED_CHANGE.test(concern.norm) &&
    clauseOf(concern, REPORTED_CHANGE) !== clauseOf(concern, CONCERN_CUE)
  ) {
    sel.reportedChange.push(concern);
  }
  if (sel.presentingConcern) fresh(sel.presentingConcern);
  // A goal said in the words of change talk first; at most two.
  const goals = [...sel.clientGoals].sort(
    (a, b) => Number(b.u.talk === 'change') - Number(a.u.talk === 'change') || a.index - b.index,
  );
  sel.clientGoals = goals.filter(fresh).slice(0, 2);
  const goalFirst = sel.clientGoals[0];
  if (goalFirst) sel.clientGoal = goalFirst;
  else delete sel.clientGoal;
  // Problem statements with a quantity ("four glasses a day") before intensity words.
  sel.symptoms = [...quantified, ...sel.symptoms].filter(fresh).slice(0, 2);
  if (sel.history && !fresh(sel.history)) delete sel.history;
  sel.reportedChange = sel.reportedChange.filter((p) => p === concern || fresh(p)).slice(0, 2);
  sel.triggers = sel.triggers.filter(fresh).slice(0, 2);
  if (sel.presentingConcern) delete sel.reasonRaised;
  sel.nonVerbal = [...nonVerbal].map(([label, turns]) => ({ label, turns }));
  return sel;
}
