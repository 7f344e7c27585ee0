import { GROUP_ADDRESS_PATTERNS } from '../../knowledge/data/relational.js';
import type { PreparedTurn } from '../context.js';
import { bucket, moveBucket, scoreHits, type Buckets } from './buckets.js';
import type { Hit } from './matcher.js';
import type { FlatTurn } from './text.js';

/**
 * Session-level rules that a single cue cannot decide (labelling conventions in
 * corpus/sessions/README.md): TF-CBT uses its PRACTICE ids; mi.* only in MI sessions; IPT ids
 * need IPT context or strong evidence; a technique used inside another one belongs to it
 * (paced breathing in TIPP, breathing as an MBCT anchor, DEAR MAN rehearsal); risk assessment
 * means several risk questions, not one screening item.
 */

// ---------------------------------------------------------------------------------------------
// TF-CBT

const TFCBT_NAMED =
  /(?<![a-z])(tf ?cbt|trauma ?focused (cbt|cognitive)|practice (model|components|skills))/;
const TFCBT_HINT =
  /(?<![a-z])(cognitive triangle|trauma narrative|feelings? thermometer|(your|the) (book|narrative) (about|chapter)|(next|last) chapter|body safety)/;
const CAREGIVER_LABEL =
  /\b(parent|mom|mother|mum|dad|father|caregiver|guardian|grand(ma|pa|mother|father)|foster|aunt|uncle|step ?(mom|dad))/i;

/** Generic id → its TF-CBT PRACTICE counterpart. */
const TO_TFCBT: Record<string, string> = {
  'psychoed.symptoms': 'tfcbt.psychoeducation',
  'psychoed.treatment_rationale': 'tfcbt.psychoeducation',
  'skills.breathing': 'tfcbt.relaxation',
  'skills.relaxation': 'tfcbt.relaxation',
  'skills.grounding': 'tfcbt.relaxation',
  'cbt.cognitive_restructuring': 'tfcbt.cognitive_coping',
  'trauma.narrative_processing': 'tfcbt.trauma_narrative',
  'trauma.cognitive_processing': 'tfcbt.trauma_narrative',
  'exposure.imaginal': 'tfcbt.trauma_narrative',
  'exposure.in_vivo': 'tfcbt.in_vivo_mastery',
  'safety.safety_planning': 'tfcbt.enhancing_safety',
  'dbt.emotion_regulation': 'tfcbt.affect_modulation',
  'systemic.family': 'tfcbt.conjoint_sessions',
};

/** Child-trauma education or parenting advice: counts as TF-CBT context only with a caregiver. */
const TFCBT_CHILD_HINT =
  /(?<![a-z])(trauma reminders?|(sexual|physical) abuse|(lots of|many|other|most) (kids|children) (who|that|feel|get|have)|(kids|children) (who|that) (go|have gone|have been|went) through|(never|not) (your|the kid'?s|a child'?s) fault|(specific|labell?ed) praise|praise (her|him|them) (when|for)|(sticker|reward) chart|what happened to you)/;
const NOT_CAREGIVER = /\b(partner|spouse|husband|wife|boyfriend|girlfriend)\b/i;

export function caregiverTurns(turns: readonly PreparedTurn[]): PreparedTurn[] {
  return turns.filter(
    (t) =>
      (t.role === 'other' && !NOT_CAREGIVER.test(t.speaker)) ||
      (t.role !== 'clinician' && CAREGIVER_LABEL.test(t.speaker)),
  );
}

export function isTfcbtSession(
  flats: readonly FlatTurn[],
  turns: readonly PreparedTurn[],
): boolean {
  let score = 0;
  let hints = 0;
  let childHints = 0;
  for (const f of flats) {
    if (f.turn.role !== 'clinician') continue;
    if (TFCBT_NAMED.test(f.text)) score += 2;
    if (TFCBT_HINT.test(f.text)) hints++;
    if (TFCBT_CHILD_HINT.test(f.text)) childHints++;
  }
  score += Math.min(2, hints);
  if (caregiverTurns(turns).length >= 2) score += 1 + (childHints >= 2 ? 1 : 0);
  return score >= 2;
}

export function applyTfcbt(b: Buckets, tfcbt: boolean, turns: readonly PreparedTurn[]): void {
  if (!tfcbt) {
    for (const id of [...b.keys()]) if (id.startsWith('tfcbt.')) b.delete(id);
    return;
  }
  for (const [from, to] of Object.entries(TO_TFCBT)) moveBucket(b, from, to);
  // Child and caregiver both taking part is a conjoint session.
  const care = caregiverTurns(turns).filter((t) => t.norm.split(' ').length >= 4);
  const child = turns.filter((t) => t.role === 'client' && !CAREGIVER_LABEL.test(t.speaker));
  if (care.length >= 3 && child.length >= 3) {
    const conj = bucket(b, 'tfcbt.conjoint_sessions');
    for (const t of care.slice(0, 3)) {
      conj.deliver.push(syntheticHit('tfcbt.conjoint_sessions', t.index, 0.5));
    }
  }
}

function syntheticHit(id: string, turnIndex: number, weight: number): Hit {
  return {
    id,
    turnIndex,
    weight,
    kind: 'implicit',
    roleOk: true,
    shared: false,
    pattern: '(session rule)',
    start: 0,
    end: 0,
  };
}

// ---------------------------------------------------------------------------------------------
// Motivational interviewing

const MI_TARGET =
  /(?<![a-z])(drink|drinking|alcohol|smok|cigarette|vap|weed|cannabis|pot|using|drugs?|gambl|exercise|diet|eating|weight|medication|meds|quit|cut (down|back)|change)/;
const OPEN_Q =
  /^((so|and|okay|well|now) )*(what|how|tell me|in what ways?|help me understand|describe)\b/;
const REFLECT =
  /^((so|and|okay|mm ?hm|yeah) )*(it sounds like|sounds like|you'?re (saying|feeling|worried|wondering|not sure|thinking)|you feel|you'?ve (been|got)|part of you|on the one hand|you (really )?(want|don'?t want|care|wish|see|think|know))\b/;

const MI_IDS = [
  'mi.open_question',
  'mi.affirmation',
  'mi.reflection',
  'mi.summary',
  'mi.change_talk',
];

/**
 * MI session: the clinician evokes change talk (rulers, reasons, decisional balance) in at
 * least two turns about a target behaviour, and reflections or open questions are a large
 * share of the clinician's turns.
 */
export function isMiSession(b: Buckets, flats: readonly FlatTurn[]): boolean {
  const ct = b.get('mi.change_talk');
  if (!ct) return false;
  const { score, perTurn } = scoreHits(ct.deliver);
  if (score < 1.4 || perTurn.size < 2) return false;
  const clin = flats.filter((f) => f.turn.role === 'clinician' && f.text !== '');
  if (clin.length === 0) return false;
  const target = flats.some((f) => MI_TARGET.test(f.text));
  // MI-consistent turns: open questions, reflections, affirmations, summaries, evoking.
  const evoking = new Set<number>();
  for (const id of ['mi.change_talk', 'mi.affirmation', 'mi.summary']) {
    for (const h of b.get(id)?.deliver ?? []) evoking.add(h.turnIndex);
  }
  const oars = clin.filter(
    (f) =>
      f.turn.mi === 'reflection' ||
      evoking.has(f.turn.index) ||
      OPEN_Q.test(f.text) ||
      REFLECT.test(f.text),
  ).length;
  return target && oars / clin.length >= 0.35;
}

export function applyMi(b: Buckets, mi: boolean, flats: readonly FlatTurn[]): void {
  if (!mi) {
    for (const id of MI_IDS) b.delete(id);
    return;
  }
  const open = bucket(b, 'mi.open_question');
  const refl = bucket(b, 'mi.reflection');
  open.deliver = [];
  // Keep the cue-based complex reflections (double-sided, "part of you"); simple ones are
  // re-derived below from the turn's form.
  refl.deliver = refl.deliver.filter((h) => h.weight >= 0.5);
  for (const f of flats) {
    if (f.turn.role !== 'clinician' || f.text === '') continue;
    const isQuestion = f.turn.norm.includes('?') || f.turn.mi === 'question';
    if (OPEN_Q.test(f.text) && (isQuestion || f.turn.mi === undefined)) {
      open.deliver.push(syntheticHit('mi.open_question', f.turn.index, 0.5));
    }
    if (f.turn.mi === 'reflection' || (REFLECT.test(f.text) && !f.turn.norm.trim().endsWith('?'))) {
      refl.deliver.push(syntheticHit('mi.reflection', f.turn.index, 0.5));
    }
  }
}

// ---------------------------------------------------------------------------------------------
// IPT

const IPT_NAMED =
  /(?<![a-z])(interpersonal (psycho)?therapy|ipt\b|interpersonal inventory|problem area|role (dispute|transition)|(link|connection) between (your )?(mood|depression) and|sick role)/;
const IPT_IDS = [
  'ipt.role_dispute',
  'ipt.role_transition',
  'ipt.grief',
  'ipt.interpersonal_deficits',
  'ipt.communication_analysis',
];

/** Without IPT context, IPT ids need much stronger evidence (grief talk alone is not IPT). */
export function applyIpt(b: Buckets, flats: readonly FlatTurn[]): Map<string, number> {
  const named = flats.some((f) => f.turn.role === 'clinician' && IPT_NAMED.test(f.text));
  const strong = IPT_IDS.filter((id) => scoreHits(b.get(id)?.deliver ?? []).score >= 1).length;
  const thresholds = new Map<string, number>();
  if (!named && strong < 2) {
    for (const id of IPT_IDS) thresholds.set(id, 3);
    // Grief work is the one IPT area clinicians of any school do by name-less means:
    // reconstructing the relationship, the death, what is missed. Sustained, it counts.
    if (scoreHits(b.get('ipt.grief')?.deliver ?? []).perTurn.size >= GRIEF_MIN_TURNS) {
      thresholds.set('ipt.grief', GRIEF_MIN_SCORE);
    }
  }
  return thresholds;
}

const GRIEF_MIN_TURNS = 3;
const GRIEF_MIN_SCORE = 2;

// ---------------------------------------------------------------------------------------------
// Family sessions

/** Minimum family-systems evidence when a caregiver and the young person both take part. */
export const FAMILY_SESSION_MIN = 1;

/** A caregiver (not a partner) and a client both take a substantial part in the session. */
export function isFamilySession(turns: readonly PreparedTurn[]): boolean {
  const care = caregiverTurns(turns).filter((t) => t.norm.split(' ').length >= 4);
  const child = turns.filter(
    (t) => t.role === 'client' && !CAREGIVER_LABEL.test(t.speaker) && t.norm.split(' ').length >= 2,
  );
  return care.length >= 3 && child.length >= 3;
}

// ---------------------------------------------------------------------------------------------
// One technique inside another

/** child → parents: the child's hits within ±1 turn of a parent's hits belong to the parent. */
const SUBSUMED: Record<string, string[]> = {
  'skills.breathing': [
    'mbct.mindfulness',
    'dbt.distress_tolerance',
    'dbt.mindfulness',
    'tech.biofeedback',
    'tfcbt.relaxation',
    'exposure.interoceptive',
    'skills.relaxation',
  ],
  'skills.relaxation': ['dbt.distress_tolerance', 'tfcbt.relaxation', 'tech.biofeedback'],
  'expressive.drama': ['dbt.interpersonal_effectiveness', 'ipt.communication_analysis'],
  'skills.coping': [
    'dbt.distress_tolerance',
    'dbt.emotion_regulation',
    'safety.safety_planning',
    'mbct.mindfulness',
    'skills.grounding',
  ],
  'mbct.mindfulness': ['dbt.mindfulness', 'act.defusion'],
  'act.acceptance': ['dbt.radical_acceptance', 'act.defusion'],
  'exposure.in_vivo': ['tech.vr_exposure', 'exposure.interoceptive', 'tfcbt.in_vivo_mastery'],
  'exposure.imaginal': ['trauma.emdr', 'tech.vr_exposure'],
  'cbt.cognitive_restructuring': ['trauma.cognitive_processing', 'tfcbt.cognitive_coping'],
  'cbt.problem_solving': ['dbt.emotion_regulation'],
  'psychoed.symptoms': ['psychoed.treatment_rationale'],
  'safety.safety_planning': ['dbt.distress_tolerance'],
  'humanistic.person_centered': ['psychodynamic.insight', 'psychodynamic.attachment'],
};

/**
 * child → parents that contain the child wherever it occurs in the session: CPT is cognitive
 * restructuring of stuck points, so Socratic questioning and belief ratings in a CPT session
 * belong to CPT.
 */
const SUBSUMED_IN_SESSION: Record<string, string[]> = {
  'cbt.cognitive_restructuring': ['trauma.cognitive_processing'],
};

/** Drop a child's implicit hits that sit next to a delivered parent's hits. */
export function applySubsumption(b: Buckets, delivered: (id: string) => boolean): void {
  for (const [child, parents] of Object.entries(SUBSUMED_IN_SESSION)) {
    const c = b.get(child);
    if (c && parents.some((p) => delivered(p))) c.deliver = [];
  }
  for (const [child, parents] of Object.entries(SUBSUMED)) {
    const c = b.get(child);
    if (!c || c.deliver.length === 0) continue;
    const near = new Set<number>();
    for (const p of parents) {
      if (!delivered(p)) continue;
      for (const h of b.get(p)?.deliver ?? []) {
        near.add(h.turnIndex - 1);
        near.add(h.turnIndex);
        near.add(h.turnIndex + 1);
      }
    }
    if (near.size === 0) continue;
    c.deliver = c.deliver.filter((h) => !near.has(h.turnIndex));
  }
}

// ---------------------------------------------------------------------------------------------
// Safety planning

/**
 * A collaborative safety plan covers several of its elements (warning signs, internal coping,
 * people, professionals and crisis lines, means safety, reasons for living) in this session. A
 * crisis-line number on a distress-tolerance card, or a passing "your safety plan", is not one.
 */
export function applySafetyPlan(b: Buckets): void {
  const x = b.get('safety.safety_planning');
  if (!x || x.deliver.length === 0) return;
  const elements = new Set(x.deliver.flatMap((h) => (h.componentId ? [h.componentId] : [])));
  const named = x.deliver.some((h) => h.kind === 'explicit' && /safety plan/.test(h.pattern));
  if (elements.size >= 3 || (named && elements.size >= 2)) return;
  x.deliver = [];
}

// ---------------------------------------------------------------------------------------------
// Structured risk assessment

const RISK_TOPICS: [string, RegExp][] = [
  [
    'ideation',
    /(?<![a-z])(suicid|kill(ing)? yourself|end(ing)? (your|my) life|take your (own )?life|want(ing)? to die|better off dead|not (want to )?be (here|alive|around)|wish(ed)? you (were|was) dead|thoughts? of (dying|death))/,
  ],
  [
    'plan',
    /(?<![a-z])((a|any) plan\b(?! (for|to) (the|this|next|cut|drink|stop|quit|reduc|your (week|day)|tonight|saturday|friday))|how would you (do|end|kill)|thought about how)/,
  ],
  ['intent', /(?<![a-z])(intent|intend|act on (it|them|those|the|that)|going to act)/],
  [
    'means',
    /(?<![a-z])(access to (pills|guns?|firearms?|weapons?|medications?|anything)|pills|gun|firearm|weapon|stockpil|rope)/,
  ],
  [
    'history',
    /(?<![a-z])((ever|before|past) (tried|attempted|made an attempt)\b(?! (to (cut|stop|quit|reduc|control|drink|give|change|slow)|not\b|\w+ing\b|(it|that|this|them|something|anything|one)\b))|(suicide |previous |past )attempts?\b|attempts? (on your life|to (end|kill|take))|last time you (tried to (end|kill|hurt)|hurt yourself))/,
  ],
  [
    'self_harm',
    /(?<![a-z])(cutting(?! (down|back|out|off|corners|it|in|the|your|my|his|her|their|a|an|some|ties|class|school))|cut yourself|scratch|burn(ing)? yourself|(hurt|harm)(ing)? yourself(?! (when|while|after) (you were |you'?re )?(drunk|drinking|high|using|out))|self ?harm|act(ed)? on the urge)/,
  ],
  ['urges', /(?<![a-z])(urges?|urge to)/],
  ['substance', /(?<![a-z])(alcohol|drink(ing)?|weed|drugs|using)/],
  ['protective', /(?<![a-z])((what|who) (keeps|stops|stopped) you|reasons? (for living|to live))/],
  // Harm by someone else (abuse, violence): a safety assessment after a disclosure.
  [
    'violence',
    /(?<![a-z])(((has|have|did|does|do) (he|she|they|anyone|someone|somebody|\w+) (ever )?)?(hurt|hit|hits|push|pushed|pushes|shove|shoved|shoves|punch|punched|kick|kicked|slap|slapped|choke|choked|strangle|strangled|grab|grabbed|threaten|threatened) you\b|(abuse|abusing|abused|violent|violence)\b)/,
  ],
  [
    'injury',
    /(?<![a-z])((were|are|was|did|do) you (get )?(hurt|injured)|injur|bruis|(any )?marks\b|need(ed)? (a doctor|medical|to go to hospital))/,
  ],
  ['threats', /(?<![a-z])(threat|threaten)/],
  [
    'fear',
    /(?<![a-z])((are|were|do) you (ever )?(feel )?(scared|afraid|frightened|fearful)|(scared|afraid|frightened) of (him|her|them|what))/,
  ],
  [
    'recency',
    /(?<![a-z])(last time (he|she|they|it|that|this|someone|anyone)|how often|how many times|how frequently|(the )?most recent (time|incident))/,
  ],
  [
    'current_safety',
    /(?<![a-z])((feel|be|are you|is it|keep you|stay) safe\b|safe (tonight|at home|to go home|going home|there)|(go|going) home tonight)/,
  ],
];
/** Any risk topic at all: most turns have none, so the per-topic tests are skipped. */
const ANY_RISK_TOPIC = new RegExp(RISK_TOPICS.map(([, re]) => `(?:${re.source})`).join('|'));
const STRONG_TOPICS = new Set(['plan', 'intent', 'means', 'history']);
/**
 * Plan, intent and means words are everyday words ("it sounds like you have a plan", "pills"):
 * they count only beside a question that names suicide, self-harm or a past attempt.
 */
const ANCHOR_TOPICS = new Set(['ideation', 'self_harm', 'history']);

/**
 * A deliberate multi-question assessment: at least two clinician turns within a short stretch
 * asking about risk, covering three topics (or two with plan/intent/means/history), at least
 * one of them naming suicide, self-harm or a past attempt, or (after a disclosure of abuse or
 * violence) asking about the harm with its recency, frequency or the client's safety now.
 * One screening question (e.g. PHQ-9 item 9) is not enough.
 */
export function riskAssessment(flats: readonly FlatTurn[]): Hit[] {
  const asked: { index: number; topics: string[] }[] = [];
  for (const f of flats) {
    if (f.turn.role !== 'clinician') continue;
    if (!ANY_RISK_TOPIC.test(f.text)) continue;
    const topics = RISK_TOPICS.filter(([, re]) => re.test(f.text)).map(([k]) => k);
    if (topics.length > 0) asked.push({ index: f.turn.index, topics });
  }
  let best: typeof asked = [];
  let end = 0;
  for (let a = 0; a < asked.length; a++) {
    const first = asked[a];
    if (!first) continue;
    // asked is in turn order: the window is asked[a, end).
    if (end < a) end = a;
    while (end < asked.length && (asked[end]?.index ?? Infinity) <= first.index + 12) end++;
    const win = asked.slice(a, end);
    const topics = new Set(win.flatMap((x) => x.topics));
    // Questions about harm by someone else anchor an assessment only with its recency or
    // frequency or the client's safety now (a trauma account alone is not a risk assessment).
    const anchored =
      [...topics].some((t) => ANCHOR_TOPICS.has(t)) ||
      (topics.has('violence') && (topics.has('recency') || topics.has('current_safety')));
    const strong = [...topics].some((t) => STRONG_TOPICS.has(t));
    const ok = win.length >= 2 && anchored && (topics.size >= 3 || (topics.size >= 2 && strong));
    if (ok && win.length > best.length) best = win;
  }
  return best.map((x) => syntheticHit('safety.risk_assessment', x.index, 0.75));
}

// ---------------------------------------------------------------------------------------------
// Treatment rationale given as an explanation

/** Causal and learning language of an explanation (distinct kinds are counted). */
const CAUSAL_MARKERS: RegExp[] = [
  /\bbecause\b/,
  /\bso that\b/,
  /\b(that'?s|which is) (why|how)\b/,
  /\bwhich means\b/,
  /\bthe more (you|we|it)\b/,
  /\b(when|if|every time|each time) you\b/,
  /\bon (its|their) own\b/,
  /\b(learn|learns|learning|learned)\b/,
  /\byour (brain|mind|body|alarm|nervous system|fear)\b/,
  /\b(keeps?|keeping) (it|them|the|you|treating)\b/,
  /\b(in the long run|short term|long term|over time)\b/,
  /\b(the|whole) (idea|point|reason) (is|of|behind)\b/,
];
/** The explanation is about doing something: a practice, an exercise, today's work. */
const PRACTICE_MARKER =
  /\b(practi[cs]e|exercises?|(do|doing|try|trying|repeat|repeating) (this|it|that|them|these)|go(ing)? (through|back to) (it|the)|again and again|we'?re going to|today we|exposures?|skills?|log|activit(y|ies))\b/;
const EXPLANATION_MIN_WORDS = 35;
const EXPLANATION_MIN_MARKERS = 3;
/** How close (in turns) the explanation must be to a structured technique being delivered. */
const EXPLANATION_WINDOW = 8;
const TECHNIQUE = /^(cbt|dbt|act|mbct|exposure|tfcbt|trauma|skills|ipt)\./;

/**
 * Clinicians often explain why a technique works without any set phrase ("when you avoid the
 * memory, your mind keeps treating it like unfinished business…"). A long clinician turn with
 * several kinds of causal or learning language, about a practice, next to a technique being
 * delivered, counts as a rationale cue. Alone it does not reach the threshold of one strong
 * explanation plus another cue.
 */
export function applyExplanations(b: Buckets, flats: readonly FlatTurn[]): void {
  const techniqueTurns: number[] = [];
  for (const [id, x] of b) {
    if (TECHNIQUE.test(id)) for (const h of x.deliver) techniqueTurns.push(h.turnIndex);
  }
  if (techniqueTurns.length === 0) return;
  const near = (i: number) => techniqueTurns.some((t) => Math.abs(t - i) <= EXPLANATION_WINDOW);
  for (const f of flats) {
    if (f.turn.role !== 'clinician' || !near(f.turn.index)) continue;
    if (f.text.split(' ').length < EXPLANATION_MIN_WORDS || !PRACTICE_MARKER.test(f.text)) continue;
    const markers = CAUSAL_MARKERS.filter((re) => re.test(f.text)).length;
    if (markers < EXPLANATION_MIN_MARKERS) continue;
    bucket(b, 'psychoed.treatment_rationale').deliver.push(
      syntheticHit('psychoed.treatment_rationale', f.turn.index, 0.6),
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Couple sessions are not family sessions

/**
 * With two partners and no parent or child taking part, addressing "both of you" or "each of
 * you" is couple work: family therapy needs a parent–child or multi-generation family, so
 * systemic.family keeps only its family-specific cues.
 */
export function applyCoupleSession(
  b: Buckets,
  familySession: boolean,
  delivered: (id: string) => boolean,
): void {
  if (familySession || !delivered('systemic.couples')) return;
  const x = b.get('systemic.family');
  if (x) x.deliver = x.deliver.filter((h) => !GROUP_ADDRESS_PATTERNS.has(h.pattern));
}

// ---------------------------------------------------------------------------------------------
// Processing after imaginal exposure to a trauma memory

/** Processing questions and reflections after the memory has been revisited. */
const PROCESSING =
  /(?<![a-z])(what do you make of (that|this|it)|what (was|were) the (hardest|worst|most (difficult|painful|upsetting)) (part|moment|bit|point)s?|(what|which) (part|moment|bit) (was|is) (the )?(hardest|worst)|what (stood|stands) out|what did you (notice|learn|realise|realize) (about|from|this time|today)|how (was|is) (it|that|this|the memory) different|what (happens|happened) to (the|that|your) (belief|thought|feeling|guilt|shame|blame)|(instead of|rather than) (something )?(that'?s |is )?happening (right )?now|(memory|story) (now )?(instead of|rather than|not) (something|a danger|happening))/;
/** The revisited memory is a trauma memory (not an imagined feared outcome in OCD or GAD). */
const TRAUMA_MEMORY =
  /(?<![a-z])(trauma|traumatic|assault|assaulted|attack|attacked|abuse|abused|accident|crash|rape|raped|mugged|mugging|ptsd|the memory|that night|the incident)(?![a-z])/;
/** Turns after the last imaginal-exposure cue where processing is looked for. */
const PROCESSING_WINDOW = 30;

/**
 * Prolonged exposure follows the revisiting of the memory with processing: what stood out, the
 * hardest moment, what the client makes of it, beliefs about it. Such clinician questions,
 * after imaginal exposure to a trauma memory in this session, are trauma narrative processing.
 */
export function applyImaginalProcessing(
  b: Buckets,
  flats: readonly FlatTurn[],
  delivered: (id: string) => boolean,
): void {
  if (!delivered('exposure.imaginal')) return;
  const turns = (b.get('exposure.imaginal')?.deliver ?? []).map((h) => h.turnIndex);
  if (turns.length === 0) return;
  const first = Math.min(...turns);
  const last = Math.max(...turns);
  const revisit = flats.slice(Math.max(0, first - 2), last + 1);
  if (!revisit.some((f) => TRAUMA_MEMORY.test(f.text))) return;
  const x = bucket(b, 'trauma.narrative_processing');
  for (const f of flats.slice(first + 1, last + PROCESSING_WINDOW + 1)) {
    if (f.turn.role !== 'clinician' || !PROCESSING.test(f.text)) continue;
    x.deliver.push(syntheticHit('trauma.narrative_processing', f.turn.index, 0.6));
  }
}
