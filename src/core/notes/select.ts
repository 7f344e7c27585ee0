import type { Evidence, Utterance } from '../analysis/schema.js';
import { normalizeForMatching } from '../text/normalize.js';

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
    const norm = normalizeForMatching(u.text);
    return { u, index, norm, words: norm ? norm.split(' ').length : 0 };
  });
}

export function evidenceFor(p: PreparedUtterance): Evidence {
  return { utteranceIds: [p.u.id], quote: p.u.text, start: p.u.start };
}

const FIRST_PERSON = /\b(i|i'm|im|i've|ive|i'd|me|my|myself)\b/;

const CONCERN =
  /\b(anxi(ous|ety)|worr(y|ied|ying|ies)|panic\w*|scared|afraid|fear\w*|terrified|nervous|stress(ed|ful)?|overwhelm\w*|depress\w*|sad|(feel(ing)?|felt|been|so|really|pretty) (down|low)|hopeless|lonely|alone|angry|anger|irritab\w*|struggl\w*|hard|difficult|tough|rough|bad|worse|awful|terrible|avoid\w*|urges?|crav\w*|drink\w*|fight\w*|argu\w*|can'?t (sleep|stop|focus|get|seem|handle|cope|deal)|miss(ing)?|grie\w*|exhausted|numb|stuck|hate|putting (it|things) off|procrastinat\w*|messed up|mess(ing)? up|useless|failure|stupid|worthless|ashamed|embarrass\w*|guilty|(says|said|told me) (i|that i) (need|have|should)|(says|said) i (need|have|should))\b/g;

/** A clinician's opening question: the client's answer usually states the concern. */
const OPENING =
  /\b(what brings you|how (has|have|was|were|is|are) (the |your |things|it|you)\w*( \w+)?( been| going| week)|how('s| is| has) (the |your )?week|what (would|do) you (like|want) to (talk|focus|work|start)|what('s| is) (been )?on your mind|where (would|do) you (like|want) to start)\b/;

const SYMPTOM =
  /\b(sleep\w*|awake|wake|waking|lie there|lying in bed|get out of bed|insomnia|nightmares?|appetite|eat(ing)?|energy|tired|exhausted|fatigue|panic attacks?|heart (was )?(racing|pounding)|chest|shak\w*|sweat\w*|cry(ing)?|cried|tears?|concentrat\w*|focus|worry\w*|worried|flashbacks?|intrusive|numb|irritab\w*|snapp\w*|hopeless\w*|worthless\w*|guilt\w*|lonely|urges?|crav\w*|drink\w*|headaches?|nause\w*|dizz\w*|restless\w*|racing thoughts|motivation|interest)\b/;

const SEVERITY =
  /\b(really|so|very|extremely|super|totally|completely|every (day|night|morning|time)|all the time|constantly|always|never|barely|hardly|worst|can'?t|couldn'?t|most (days|nights)|(two|three|four|five|several|a few|a couple of?) (times|nights|days|hours)|\d+|out of ten|nine|eight|seven|ten)\b/;

const HISTORY =
  /\b((\w+ )?years? ago|since (i was|childhood|high school|college|the (accident|divorce|surgery))|growing up|when i was (a (kid|child|teen\w*)|little|young(er)?|\w+teen|\w+ty)|as a (kid|child|teen\w*)|my (childhood|parents|father|mother|dad|mum|mom) (used to|always|never|was|were)|back (then|in (the day|high school|college|school|\d{4}))|used to|(i'?ve|i) tried .{0,40}\bbefore\b)\b/;

const TRIGGER =
  /\b(trigger\w*|sets? (me|it|things) off|set me off|every time|whenever|as soon as|the moment (i|he|she|they))\b/;

const CLIENT_GOAL =
  /\b(i (really |just )?(want|wanna|would like|'d like|d like|hope|wish i could) to|my goal|i'd love to|what i want is)\b/;

const NEXT_STEP =
  /\b(next (week|session|time)|when we meet|for next time|going forward|we'?ll (keep|continue|try|work|start|move|look|do|pick|go|build|practice|add|come back|review|check)|next step|plan (is|for)|let'?s plan)\b/;

const APPOINTMENT =
  /\b(see you (on|next|in)|same time|next appointment|book(ed)? (you|it|the)|schedule(d)? (you|it|the|for)|(on|this|next) (monday|tuesday|wednesday|thursday|friday|saturday|sunday)|in (two|three|2|3) weeks)\b/;

const MEDICATION =
  /\b(medication|meds|prescri\w*|dose|dosage|psychiatrist|sertraline|fluoxetine|escitalopram|citalopram|bupropion|venlafaxine|mirtazapine|lithium|quetiapine|refer\w*|referral)\b/;

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
  symptoms: PreparedUtterance[];
  history?: PreparedUtterance;
  triggers: PreparedUtterance[];
  clientGoal?: PreparedUtterance;
  nonVerbal: { label: string; turns: PreparedUtterance[] }[];
  nextSteps: PreparedUtterance[];
  appointment?: PreparedUtterance;
  medication?: PreparedUtterance;
}

function countMatches(re: RegExp, s: string): number {
  re.lastIndex = 0;
  let n = 0;
  while (re.exec(s) !== null) n++;
  re.lastIndex = 0;
  return n;
}

/** Select quotable utterances. `exclude`: utterance ids already used by other findings. */
export function selectUtterances(
  prepared: readonly PreparedUtterance[],
  exclude: ReadonlySet<string>,
): Selection {
  const n = prepared.length;
  const earlyLimit = Math.max(6, Math.ceil(n * 0.3));
  const lateFrom = Math.floor(n * 0.65);
  const sel: Selection = { symptoms: [], triggers: [], nonVerbal: [], nextSteps: [] };
  let bestConcern = 0;
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
    if (u.role === 'client' && index < earlyLimit && words >= 7 && FIRST_PERSON.test(norm)) {
      const hits = countMatches(CONCERN, norm);
      const prev = prepared[index - 1];
      const answersOpening = prev?.u.role === 'clinician' && OPENING.test(prev.norm) ? 3 : 0;
      const score = hits * 2 + answersOpening + Math.min(words, 40) / 20;
      if (hits > 0 && score > bestConcern) {
        bestConcern = score;
        sel.presentingConcern = p;
      }
    }
    if (words < 5 || used.has(u.id)) {
      if (u.role === 'clinician' && index >= lateFrom && words >= 4) lateClinician(p);
      continue;
    }
    if (u.role === 'client') {
      const firstPerson = FIRST_PERSON.test(norm);
      if (sel.symptoms.length < 4 && firstPerson && SYMPTOM.test(norm) && SEVERITY.test(norm)) {
        sel.symptoms.push(p);
      }
      if (!sel.history && HISTORY.test(norm)) sel.history = p;
      if (sel.triggers.length < 2 && TRIGGER.test(norm) && firstPerson) sel.triggers.push(p);
      if (!sel.clientGoal && CLIENT_GOAL.test(norm)) sel.clientGoal = p;
      if (!sel.medication && MEDICATION.test(norm)) sel.medication = p;
    } else if (u.role === 'clinician') {
      if (!sel.medication && MEDICATION.test(norm)) sel.medication = p;
      if (index >= lateFrom) lateClinician(p);
    }
  }

  function lateClinician(p: PreparedUtterance): void {
    if (APPOINTMENT.test(p.norm)) sel.appointment = p;
    else if (NEXT_STEP.test(p.norm) && sel.nextSteps.length < 2) sel.nextSteps.push(p);
  }

  // The presenting concern is not repeated as a symptom quote.
  const concernId = sel.presentingConcern?.u.id;
  sel.symptoms = sel.symptoms.filter((p) => p.u.id !== concernId).slice(0, 2);
  if (sel.history?.u.id === concernId) delete sel.history;
  sel.triggers = sel.triggers.filter((p) => p.u.id !== concernId);
  if (sel.clientGoal?.u.id === concernId) delete sel.clientGoal;
  sel.nonVerbal = [...nonVerbal].map(([label, turns]) => ({ label, turns }));
  return sel;
}
