import type {
  Analysis,
  DeliveredIntervention,
  Evidence,
  GoalLink,
  Indicator,
  RiskFinding,
  RiskKind,
} from '../analysis/schema.js';
import { RISK_KINDS } from '../analysis/schema.js';
import type { PlanGoal, TreatmentPlan } from '../plan/schema.js';
import {
  componentNames,
  describeIndicator,
  describeMeasure,
  interventionLabel,
  interventionShortName,
  listJoin,
  lowerFirst,
  quoted,
  riskShortName,
  upperFirst,
} from './labels.js';
import type { InterventionEntry, NoteSentence } from './schema.js';
import {
  evidenceFor,
  prepareUtterances,
  selectUtterances,
  type PreparedUtterance,
} from './select.js';
import { finding, mergeEvidence, notAssessed, toComplete } from './sentences.js';
import { TOPIC_ELEMENTS } from './elements.js';
import {
  clientPlan,
  isChangeConversation,
  isMiConversation,
  miSkills,
  representative,
  sessionActivities,
  stageOfChange,
  talkBalance,
} from './mi.js';
import {
  APPOINTMENT,
  BEHAVIOUR,
  clauseEvidence,
  clauseOf,
  CLIENT_GOAL,
  CONCERN_CUE,
  HISTORY,
  MEDICATION,
  MEDICATION_CHANGE,
  NEXT_STEP,
  QUANTITY,
  REFERRAL,
  REPORTED_CHANGE,
  SEVERITY,
  SYMPTOM,
  TRIGGER,
} from './select.js';
import { COMMITMENT } from './mi.js';

/**
 * The facts layer: ONE set of grounded statements built from the analysis (and plan), keyed by
 * topic. Every note format distributes these topics across its sections, so formats differ in
 * arrangement, never in content.
 */

export const TOPICS = [
  'presenting_concern',
  'symptoms',
  'history',
  'client_goals',
  'homework_review',
  'observed_behavior',
  'appearance_affect',
  'mental_status',
  'measures',
  'indicators',
  'activities',
  'interventions',
  'consent',
  'risk_endorsed',
  'risk_unclear',
  'risk_denied',
  'risk_not_assessed',
  'responses',
  'progress',
  'outcome_measures',
  'goal_progress',
  'goal_links',
  'triggers',
  'change_talk',
  'overall_progress',
  'client_plan',
  'stage_of_change',
  'declined',
  'diagnosis',
  'safety',
  'homework_assigned',
  'next_steps',
  'next_appointment',
  'referrals',
] as const;
export type Topic = (typeof TOPICS)[number];

export interface NoteFacts {
  byTopic: ReadonlyMap<Topic, readonly NoteSentence[]>;
  entries: InterventionEntry[];
}

/** Utterance-index window around an intervention's evidence within which indicators/goals tie to it. */
const NEAR_BEFORE = 4;
const NEAR_AFTER = 12;
/**
 * A goal ties to an intervention only when one of the goal's own evidence utterances lies within
 * this many utterances of one of the intervention's evidence utterances (not merely inside the
 * intervention's whole span, which for session-long work covers everything).
 */
const GOAL_NEAR_BEFORE = 4;
const GOAL_NEAR_AFTER = 8;

const POSITIVE = new Set(['engagement', 'insight', 'change_talk']);
const MARKER_WORD: Readonly<Record<string, string>> = {
  engagement: 'engagement',
  insight: 'insight',
  change_talk: 'change talk',
  resistance: 'resistance',
  sustain_talk: 'sustain talk',
};

interface Ctx {
  analysis: Analysis;
  plan: TreatmentPlan | undefined;
  index: ReadonlyMap<string, number>;
  prepared: readonly PreparedUtterance[];
  roleOf: ReadonlyMap<string, string>;
}

function positionOf(ctx: Ctx, e: Evidence): number {
  let best = Number.POSITIVE_INFINITY;
  for (const id of e.utteranceIds) {
    const i = ctx.index.get(id);
    if (i !== undefined && i < best) best = i;
  }
  return best;
}

function spanOf(ctx: Ctx, evidence: readonly Evidence[]): [number, number] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const e of evidence) {
    for (const id of e.utteranceIds) {
      const i = ctx.index.get(id);
      if (i === undefined) continue;
      if (i < lo) lo = i;
      if (i > hi) hi = i;
    }
  }
  return [lo, hi];
}

function nearSpan(
  ctx: Ctx,
  span: [number, number],
  evidence: readonly Evidence[],
  before: number,
  after: number,
): boolean {
  return evidence.some((e) => {
    const p = positionOf(ctx, e);
    return p >= span[0] - before && p <= span[1] + after;
  });
}

/** Evidence whose first utterance was spoken by `role`, first; the rest after. */
function preferRole(ctx: Ctx, evidence: readonly Evidence[], role: string): Evidence[] {
  const first: Evidence[] = [];
  const rest: Evidence[] = [];
  for (const e of evidence) {
    const id = e.utteranceIds[0];
    (id !== undefined && ctx.roleOf.get(id) === role ? first : rest).push(e);
  }
  return [...first, ...rest];
}

function speakerWord(ctx: Ctx, e: Evidence): string {
  const id = e.utteranceIds[0];
  const role = id !== undefined ? ctx.roleOf.get(id) : undefined;
  if (role === 'clinician') return 'clinician';
  if (role === 'client') return 'client';
  return 'in session';
}

/** Words spoken in session, with who said them (the evidence utterance's role). */
interface Spoken {
  who: string;
  quote: string;
  evidence: Evidence;
}

function roleAt(ctx: Ctx, id: string | undefined): string | undefined {
  return id !== undefined ? ctx.roleOf.get(id) : undefined;
}

/**
 * The words `role` said in some evidence: a one-utterance evidence of that speaker as it is
 * (its quote may be the detector's clause), else that speaker's utterance inside a multi-turn
 * evidence (a question and its answer), quoted alone. Undefined when `role` said none of it.
 */
function wordsOf(ctx: Ctx, evidence: readonly Evidence[], role: string): Spoken | undefined {
  for (const e of evidence) {
    if (e.utteranceIds.length === 1 && roleAt(ctx, e.utteranceIds[0]) === role) {
      return { who: role, quote: e.quote, evidence: e };
    }
  }
  for (const e of evidence) {
    for (const id of e.utteranceIds) {
      if (roleAt(ctx, id) !== role) continue;
      const p = ctx.prepared[ctx.index.get(id) ?? -1];
      if (p) return { who: role, quote: p.u.text, evidence: evidenceFor(p) };
    }
  }
  return undefined;
}

/**
 * A quote with its true speaker: `prefer`'s words when the evidence has any, else the first
 * evidence with the role of its first utterance ("client", "clinician" or "in session").
 * Every "client: …" / "clinician: …" in a note comes from here, so the label always matches.
 */
function spoken(
  ctx: Ctx,
  evidence: readonly Evidence[],
  prefer: 'client' | 'clinician' = 'client',
): Spoken | undefined {
  const own = wordsOf(ctx, evidence, prefer);
  if (own) return own;
  const other = wordsOf(ctx, evidence, prefer === 'client' ? 'clinician' : 'client');
  if (other) return other;
  const first = evidence[0];
  return first ? { who: speakerWord(ctx, first), quote: first.quote, evidence: first } : undefined;
}

/** `who: "quote"`, or '' when there is nothing to quote. */
function saidBy(s: Spoken | undefined, max: number): string {
  const q = s ? quoted(s.quote, max) : '';
  return s && q ? `${s.who}: ${q}` : '';
}

/** The evidence utterances include a client turn (the client's own words). */
function hasClientWords(ctx: Ctx, evidence: readonly Evidence[]): boolean {
  return evidence.some((e) => e.utteranceIds.some((id) => roleAt(ctx, id) === 'client'));
}

/* ---------------------------------------------------------------- indicators ↔ interventions */

type Affinity = 0 | 1 | 2;

const EXPOSURE_LIKE =
  /^(exposure\.|tech\.vr_exposure|tfcbt\.(trauma_narrative|in_vivo_mastery)|trauma\.)/;
const CALMING =
  /^(skills\.|mbct\.|dbt\.(distress_tolerance|mindfulness)|tfcbt\.relaxation|tech\.biofeedback)/;

function affinity(ind: Indicator, id: string): Affinity {
  const scale = (ind.scale ?? '').toLowerCase();
  if (id.startsWith('safety.') || id.startsWith('psychoed.')) {
    return ind.kind === 'rating' && /urge|suicid|harm/.test(scale) && id.startsWith('safety.')
      ? 1
      : 0;
  }
  switch (ind.kind) {
    case 'suds':
      if (EXPOSURE_LIKE.test(id)) return 2;
      return CALMING.test(id) ? 1 : 0;
    case 'rating':
      if (/anx|distress|fear|panic|disgust|suds/.test(scale))
        return EXPOSURE_LIKE.test(id) ? 2 : CALMING.test(id) ? 1 : 0;
      if (/urge|crav/.test(scale)) return id.startsWith('dbt.') || id.startsWith('skills.') ? 2 : 0;
      if (/belief|believ/.test(scale))
        return /^(cbt\.(cognitive_restructuring|behavioral_experiment)|trauma\.cognitive_processing|tfcbt\.cognitive_coping|act\.defusion)/.test(
          id,
        )
          ? 2
          : 0;
      if (/import|confiden|ready|readi|commit/.test(scale))
        return id === 'mi.change_talk' ? 2 : id.startsWith('mi.') ? 1 : 0;
      if (/mood|depress|energy|enjoy|pleasure|mastery/.test(scale))
        return id === 'cbt.behavioral_activation' ? 2 : 1;
      return 1;
    case 'duration':
      if (EXPOSURE_LIKE.test(id)) return 2;
      return CALMING.test(id) || id.startsWith('act.') ? 1 : 0;
    case 'frequency':
      if (id === 'cbt.behavioral_activation') return 2;
      return /^(dbt|skills|mbct|exposure|act|cbt|tfcbt)\./.test(id) ? 1 : 0;
    case 'measure':
      return 0;
    case 'homework_completion':
      return 1;
  }
}

/** Indicators tied to each intervention: strong kind affinity, or some affinity and near in time. */
function linkIndicators(
  ctx: Ctx,
  delivered: readonly DeliveredIntervention[],
): { byIntervention: Map<string, Indicator[]>; linked: Set<Indicator> } {
  const byIntervention = new Map<string, Indicator[]>();
  const linked = new Set<Indicator>();
  const spans = delivered.map((d) => spanOf(ctx, d.evidence));
  for (const ind of ctx.analysis.indicators) {
    if (ind.kind === 'measure' || ind.kind === 'homework_completion') continue;
    let bestScore = 1;
    let best: number[] = [];
    delivered.forEach((d, i) => {
      const span = spans[i];
      if (!span) return;
      const a = affinity(ind, d.id);
      if (a === 0) return;
      const near = nearSpan(ctx, span, ind.evidence, NEAR_BEFORE, NEAR_AFTER) ? 1 : 0;
      const score = a + near;
      if (score < 2) return;
      if (score > bestScore) {
        bestScore = score;
        best = [i];
      } else if (score === bestScore) best.push(i);
    });
    for (const i of best) {
      const d = delivered[i];
      // (indicators are visited in analysis order and sorted by time below)
      if (!d) continue;
      const list = byIntervention.get(d.id) ?? [];
      list.push(ind);
      byIntervention.set(d.id, list);
      linked.add(ind);
    }
  }
  for (const list of byIntervention.values()) {
    list.sort((a, b) => firstPosition(ctx, a.evidence) - firstPosition(ctx, b.evidence));
  }
  return { byIntervention, linked };
}

function firstPosition(ctx: Ctx, evidence: readonly Evidence[]): number {
  let best = Number.POSITIVE_INFINITY;
  for (const e of evidence) best = Math.min(best, positionOf(ctx, e));
  return best;
}

/* ---------------------------------------------------------------- goals */

interface GoalRef {
  id: string;
  text: string;
  fromPlan: boolean;
  /** A goal from the session (not the plan) said by the client, not only restated by the clinician. */
  clientStated: boolean;
  evidence: readonly Evidence[];
}

const STOP = new Set(
  'about after again being could doing every from have into just more much other over some than that their them then there these they this those through very what when where which while with without would your able better less feel feeling'.split(
    ' ',
  ),
);

function contentWords(text: string): string[] {
  return (text.toLowerCase().match(/[a-z']{5,}/g) ?? []).filter((w) => !STOP.has(w));
}

function goalRefOf(ctx: Ctx, g: GoalLink): GoalRef {
  const planGoal = ctx.plan?.goals.find((p) => p.id === g.goalId);
  const text = g.text ?? planGoal?.text ?? g.evidence[0]?.quote ?? g.goalId;
  return {
    id: g.goalId,
    text,
    fromPlan: planGoal !== undefined,
    clientStated: hasClientWords(ctx, g.evidence),
    evidence: g.evidence,
  };
}

/** Utterance positions of some evidence. */
function positionsOf(ctx: Ctx, evidence: readonly Evidence[]): number[] {
  const out: number[] = [];
  for (const e of evidence) {
    for (const id of e.utteranceIds) {
      const i = ctx.index.get(id);
      if (i !== undefined) out.push(i);
    }
  }
  return out;
}

/** Some goal evidence lies just before or after some intervention evidence. */
function goalNearPoints(goalAt: readonly number[], interventionAt: readonly number[]): boolean {
  return goalAt.some((g) =>
    interventionAt.some((i) => g >= i - GOAL_NEAR_BEFORE && g <= i + GOAL_NEAR_AFTER),
  );
}

/**
 * The plan goal's keywords (or two content words of the goal, or of one of its objectives) in
 * utterances near the points.
 */
function planGoalMatches(ctx: Ctx, goal: PlanGoal, points: readonly number[]): boolean {
  const keywords = (goal.keywords ?? []).map((k) => k.toLowerCase());
  const wordSets = [goal.text, ...(goal.objectives ?? []).map((o) => o.text)].map(contentWords);
  for (const at of points) {
    const hits = wordSets.map(() => new Set<string>());
    const lo = Math.max(0, at - GOAL_NEAR_BEFORE);
    const hi = Math.min(ctx.prepared.length - 1, at + GOAL_NEAR_AFTER);
    for (let i = lo; i <= hi; i++) {
      const norm = ctx.prepared[i]?.norm ?? '';
      if (keywords.some((k) => norm.includes(k))) return true;
      wordSets.forEach((words, k) => {
        for (const w of words) if (norm.includes(w)) hits[k]?.add(w);
      });
    }
    if (hits.some((h) => h.size >= 2)) return true;
  }
  return false;
}

/**
 * The goals an intervention served: goals whose own evidence is near the intervention's evidence
 * (at most two, nearest first). With no goal evidence in the session at all, a plan goal whose
 * words come up near the intervention. Otherwise none: the note then states each goal as
 * addressed with its own evidence, without claiming which intervention served it.
 */
function goalsFor(ctx: Ctx, d: DeliveredIntervention): GoalRef[] {
  const goals = ctx.analysis.goals;
  const points = positionsOf(ctx, d.evidence);
  const near = goals.filter((g) => goalNearPoints(positionsOf(ctx, g.evidence), points));
  if (near.length > 0) return near.slice(0, 2).map((g) => goalRefOf(ctx, g));
  if (goals.length > 0) return [];
  const planGoals = ctx.plan?.goals ?? [];
  return planGoals
    .filter((g) => planGoalMatches(ctx, g, points))
    .slice(0, 2)
    .map((g) => ({
      id: g.id,
      text: g.text,
      fromPlan: true,
      clientStated: false,
      evidence: d.evidence,
    }));
}

function goalPhrase(g: GoalRef): string {
  const q = quoted(g.text, 110) || g.id;
  if (g.fromPlan) return `treatment-plan goal ${g.id} ${q}`;
  // Only the client's own words make it "the client's stated goal"; a clinician's restatement is
  // a goal discussed.
  return g.clientStated ? `the client's stated goal ${q}` : `the goal discussed in session ${q}`;
}

/**
 * The goal's evidence to quote: the utterance that shares most words with the goal (where the
 * goal itself was talked about), the client's first on a tie.
 */
function goalQuote(ctx: Ctx, g: GoalRef): Spoken | undefined {
  const words = contentWords(g.text);
  let best: Spoken | undefined;
  let bestScore = -1;
  for (const e of g.evidence) {
    for (const role of ['client', 'clinician'] as const) {
      const w = wordsOf(ctx, [e], role);
      if (!w) continue;
      const norm = w.quote.toLowerCase();
      const score = words.filter((x) => norm.includes(x.slice(0, 5))).length * 2;
      const total = score + (role === 'client' ? 1 : 0);
      if (total > bestScore) {
        bestScore = total;
        best = w;
      }
    }
  }
  return best;
}

/* ---------------------------------------------------------------- MI talk */

interface TalkCounts {
  change: PreparedUtterance[];
  sustain: PreparedUtterance[];
}

function talkCounts(ctx: Ctx): TalkCounts {
  const change: PreparedUtterance[] = [];
  const sustain: PreparedUtterance[] = [];
  for (const p of ctx.prepared) {
    if (p.u.role !== 'client') continue;
    if (p.u.talk === 'change') change.push(p);
    else if (p.u.talk === 'sustain') sustain.push(p);
  }
  return { change, sustain };
}

function miCount(ctx: Ctx, id: string): string {
  const label =
    id === 'mi.open_question' ? 'question' : id === 'mi.reflection' ? 'reflection' : undefined;
  if (!label) return '';
  let n = 0;
  for (const u of ctx.analysis.utterances) if (u.role === 'clinician' && u.mi === label) n++;
  return n > 0
    ? `, ${n} clinician ${label === 'question' ? 'questions' : 'reflections'} coded in session`
    : '';
}

/* ---------------------------------------------------------------- the four components */

function interventionSentence(ctx: Ctx, d: DeliveredIntervention): NoteSentence {
  const comps = componentNames(d.id, d.components);
  const ev = preferRole(ctx, d.evidence, 'clinician');
  const said = saidBy(spoken(ctx, ev, 'clinician'), 90);
  const text = `${interventionLabel(d.id)}${miCount(ctx, d.id)}${comps.length > 0 ? ` — ${comps.join('; ')}` : ''}${
    said ? ` — ${said}` : ''
  }`;
  return finding(text, ev.slice(0, 3), { topic: 'interventions', interventionId: d.id });
}

function responseSentence(d: DeliveredIntervention): NoteSentence {
  const name = interventionShortName(d.id);
  const markers = d.response.markers;
  if (markers.length === 0) {
    return notAssessed(`Client response to ${name}: not observed in transcript`, {
      topic: 'responses',
      interventionId: d.id,
    });
  }
  const pos = markers.filter((m) => POSITIVE.has(m.kind));
  const neg = markers.filter((m) => !POSITIVE.has(m.kind));
  const picked: typeof markers = [];
  const kinds = new Set<string>();
  for (const m of pos) {
    if (picked.length >= 2) break;
    if (!kinds.has(m.kind) || pos.length <= 2) {
      picked.push(m);
      kinds.add(m.kind);
    }
  }
  if (neg[0]) picked.push(neg[0]);
  const parts = picked
    .map((m) => {
      const q = quoted(m.evidence.quote, 80);
      return q ? `${MARKER_WORD[m.kind] ?? m.kind} ${q}` : '';
    })
    .filter((s) => s !== '');
  const lead =
    d.response.summary === 'resistant'
      ? `Resistance to ${name}`
      : d.response.summary === 'mixed'
        ? `Mixed response to ${name}`
        : `Engaged with ${name}`;
  const counts =
    pos.length + neg.length > picked.length
      ? ` (${pos.length} engaged and ${neg.length} resistant responses)`
      : '';
  return finding(
    `${lead}${counts}${parts.length > 0 ? `: ${parts.join('; ')}` : ''}`,
    picked.map((m) => m.evidence),
    { topic: 'responses', interventionId: d.id },
  );
}

function progressSentence(
  d: DeliveredIntervention,
  indicators: readonly Indicator[],
  talk: TalkCounts,
): NoteSentence {
  const name = interventionShortName(d.id);
  if (indicators.length > 0) {
    return finding(
      upperFirst(indicators.map((i) => lowerFirst(describeIndicator(i))).join('; ')),
      mergeEvidence(indicators.map((i) => i.evidence)),
      { topic: 'progress', interventionId: d.id },
    );
  }
  if (d.id.startsWith('mi.') && talk.change.length + talk.sustain.length > 0) {
    return finding(
      `Change talk in ${talk.change.length} client utterance${talk.change.length === 1 ? '' : 's'}, sustain talk in ${talk.sustain.length}`,
      mergeEvidence([
        talk.change.slice(0, 2).map(evidenceFor),
        talk.sustain.slice(0, 1).map(evidenceFor),
      ]),
      { topic: 'progress', interventionId: d.id },
    );
  }
  return notAssessed(`No measurable indicator was identified in the transcript for ${name}`, {
    topic: 'progress',
    interventionId: d.id,
  });
}

function goalLinkSentence(d: DeliveredIntervention, goals: readonly GoalRef[]): NoteSentence {
  const name = interventionShortName(d.id);
  if (goals.length === 0) {
    return notAssessed(`No treatment-plan goal linked to ${name}; add the goal this supports`, {
      topic: 'goal_links',
      interventionId: d.id,
    });
  }
  return finding(
    `Supports ${listJoin(goals.map(goalPhrase))}`,
    mergeEvidence(goals.map((g) => g.evidence)),
    { topic: 'goal_links', interventionId: d.id },
  );
}

function groupBy(
  groups: Map<string, { names: string[]; entry: InterventionEntry }>,
  s: NoteSentence,
  name: string,
  entry: InterventionEntry,
): void {
  const key = s.evidence.map((e) => e.utteranceIds.join(',')).join('|');
  const g = groups.get(key);
  if (g) g.names.push(name);
  else groups.set(key, { names: [name], entry });
}

const SYMPTOM_CUES: readonly RegExp[] = [QUANTITY, SYMPTOM, BEHAVIOUR];
const STAGE_CUES: readonly RegExp[] = [COMMITMENT, REPORTED_CHANGE];

/** A short quote of the clause in `p` that the first matching cue points at. */
function cueQuote(p: PreparedUtterance, cues: readonly RegExp[], max: number): string {
  return quoted(
    clauseOf(
      p,
      cues.find((re) => re.test(p.norm)),
    ),
    max,
  );
}

function cueEvidence(p: PreparedUtterance, cues: readonly RegExp[]): Evidence {
  return clauseEvidence(
    p,
    cues.find((re) => re.test(p.norm)),
  );
}

/** Readiness rulers: importance, confidence, readiness to change. */
const RULER = /confiden|import|ready|readi|motivat|commit|willing/i;

/* ---------------------------------------------------------------- build */

/** The sentence with its note elements: its own tags, else its topic's defaults. */
function tagged(s: NoteSentence, topic: string | undefined): NoteSentence {
  if (s.elements !== undefined || topic === undefined) return s;
  const defaults = TOPIC_ELEMENTS[topic];
  return defaults ? { ...s, elements: [...defaults] } : s;
}

function taggedEntry(e: InterventionEntry): InterventionEntry {
  return {
    ...e,
    intervention: tagged(e.intervention, e.intervention.topic),
    response: tagged(e.response, e.response.topic),
    progress: tagged(e.progress, e.progress.topic),
    goalLink: tagged(e.goalLink, e.goalLink.topic),
  };
}

export function buildFacts(analysis: Analysis, plan?: TreatmentPlan): NoteFacts {
  const prepared = prepareUtterances(analysis.utterances);
  const ctx: Ctx = {
    analysis,
    plan,
    prepared,
    index: new Map(analysis.utterances.map((u, i) => [u.id, i])),
    roleOf: new Map(analysis.utterances.map((u) => [u.id, u.role])),
  };
  const out = new Map<Topic, NoteSentence[]>();
  const add = (topic: Topic, s0: NoteSentence): void => {
    const s = tagged(s0, topic);
    const list = out.get(topic);
    if (list) list.push(s);
    else out.set(topic, [s]);
  };

  const byFirst = (a: DeliveredIntervention, b: DeliveredIntervention): number =>
    spanOf(ctx, a.evidence)[0] - spanOf(ctx, b.evidence)[0];
  const delivered = analysis.interventions
    .filter((d) => !d.id.startsWith('homework.'))
    .sort(byFirst);
  const talk = talkCounts(ctx);
  const { byIntervention, linked } = linkIndicators(ctx, delivered);

  /* Four components per delivered intervention. */
  const entries: InterventionEntry[] = [];
  const goalsByIntervention = new Map<string, GoalRef[]>();
  for (const d of delivered) {
    const goals = goalsFor(ctx, d);
    goalsByIntervention.set(d.id, goals);
    entries.push(
      taggedEntry({
        interventionId: d.id,
        intervention: interventionSentence(ctx, d),
        response: responseSentence(d),
        progress: progressSentence(d, byIntervention.get(d.id) ?? [], talk),
        goalLink: goalLinkSentence(d, goals),
      }),
    );
  }

  /* Quotable utterances, not reusing evidence already quoted for interventions. */
  const usedIds = new Set<string>();
  const use = (list: readonly Evidence[]): void => {
    for (const e of list) for (const id of e.utteranceIds) usedIds.add(id);
  };
  for (const d of delivered) use(d.evidence);
  for (const i of analysis.indicators) use(i.evidence);
  for (const r of analysis.risk) use(r.evidence);
  for (const c of analysis.consent) use(c.evidence);
  use(analysis.homework.reviewedEvidence);
  for (const a of analysis.homework.assigned) use(a.evidence);
  const sel = selectUtterances(prepared, usedIds, {
    homeworkReviewIds: new Set(
      analysis.homework.reviewedEvidence
        .flatMap((e) => e.utteranceIds)
        .filter((id) => ctx.roleOf.get(id) === 'client'),
    ),
    exposureSpans: delivered
      .filter((d) => EXPOSURE_LIKE.test(d.id))
      .map((d) => spanOf(ctx, d.evidence)),
  });
  const skills = miSkills(prepared);
  const balance = talkBalance(prepared);
  const miConversation = isMiConversation(analysis, skills, balance);
  const changeConversation = miConversation || isChangeConversation(analysis, balance);
  const activities = sessionActivities(prepared);
  const plannedByClient = clientPlan(prepared);

  /* Subjective: presenting concern, symptoms, history, client goals, homework review. */
  if (sel.presentingConcern) {
    add(
      'presenting_concern',
      finding(
        `Client described the main concern in their own words: ${
          sel.presentingConcern.u.text.length <= 170
            ? quoted(sel.presentingConcern.u.text, 170)
            : cueQuote(sel.presentingConcern, [CONCERN_CUE], 150)
        }`,
        [
          sel.presentingConcern.u.text.length <= 170
            ? evidenceFor(sel.presentingConcern)
            : cueEvidence(sel.presentingConcern, [CONCERN_CUE]),
        ],
        {
          topic: 'presenting_concern',
          // The concern said with a frequency or severity also describes the problem itself.
          elements:
            QUANTITY.test(sel.presentingConcern.norm) ||
            (SYMPTOM.test(sel.presentingConcern.norm) && SEVERITY.test(sel.presentingConcern.norm))
              ? ['chief_complaint', 'client_quotes', 'symptoms']
              : ['chief_complaint', 'client_quotes'],
        },
      ),
    );
  } else if (sel.reasonRaised) {
    add(
      'presenting_concern',
      finding(
        `Reason for the conversation, as raised by the clinician: ${cueQuote(sel.reasonRaised, [BEHAVIOUR], 130)}`,
        [cueEvidence(sel.reasonRaised, [BEHAVIOUR])],
        { topic: 'presenting_concern', elements: ['chief_complaint'] },
      ),
    );
  } else {
    add(
      'presenting_concern',
      toComplete("Presenting concern in the client's words (not identified in transcript)", {
        topic: 'presenting_concern',
      }),
    );
  }
  if (sel.symptoms.length > 0) {
    add(
      'symptoms',
      finding(
        `${miConversation ? 'The problem' : 'Symptoms'} as described by the client: ${sel.symptoms.map((p) => cueQuote(p, SYMPTOM_CUES, 110)).join('; ')}`,
        sel.symptoms.map((p) => cueEvidence(p, SYMPTOM_CUES)),
        { topic: 'symptoms' },
      ),
    );
  }
  const past = analysis.mentionedNotDelivered.filter((m) => m.reason === 'past');
  if (sel.history || past.length > 0) {
    const parts: string[] = [];
    const ev: Evidence[] = [];
    if (sel.history) {
      parts.push(`Relevant history (client report): ${cueQuote(sel.history, [HISTORY], 120)}`);
      ev.push(cueEvidence(sel.history, [HISTORY]));
    }
    if (past.length > 0) {
      parts.push(`previously tried: ${listJoin(past.map((m) => interventionShortName(m.id)))}`);
      ev.push(...past.flatMap((m) => m.evidence));
    }
    add('history', finding(upperFirst(parts.join('; ')), ev, { topic: 'history' }));
  }
  if (sel.clientGoals.length > 0) {
    add(
      'client_goals',
      finding(
        `Client stated what they want: ${sel.clientGoals.map((p) => cueQuote(p, [CLIENT_GOAL], 100)).join('; ')}`,
        sel.clientGoals.map((p) => cueEvidence(p, [CLIENT_GOAL])),
        {
          topic: 'client_goals',
        },
      ),
    );
  } else {
    const stated = analysis.goals.filter((g) => g.goalId.startsWith('stated'));
    // "The client stated" only from the client's own turns; a clinician's restatement of a goal
    // is a goal discussed, and says so.
    const byClient = stated.filter((g) => hasClientWords(ctx, g.evidence));
    const byClinician = stated.filter((g) => !hasClientWords(ctx, g.evidence));
    if (byClient.length > 0) {
      add(
        'client_goals',
        finding(
          `Goals the client stated in session: ${byClient.map((g) => quoted(goalRefOf(ctx, g).text, 110)).join('; ')}`,
          byClient.flatMap((g) => g.evidence.filter((e) => hasClientWords(ctx, [e]))),
          { topic: 'client_goals' },
        ),
      );
    }
    if (byClinician.length > 0) {
      add(
        'client_goals',
        finding(
          `Goal discussed in session, in the clinician's words: ${byClinician.map((g) => quoted(goalRefOf(ctx, g).text, 110)).join('; ')}`,
          byClinician.flatMap((g) => g.evidence),
          { topic: 'client_goals' },
        ),
      );
    }
  }

  const completion = analysis.indicators.filter((i) => i.kind === 'homework_completion');
  const hw = analysis.homework;
  if (hw.reviewed && hw.reviewedEvidence.length > 0) {
    const status = completion[0]
      ? `: ${describeIndicator(completion[0]).replace(/^Homework /, '')}`
      : '';
    const clientWords = wordsOf(
      ctx,
      [...completion.flatMap((c) => c.evidence), ...hw.reviewedEvidence],
      'client',
    );
    const said = saidBy(clientWords, 110);
    add(
      'homework_review',
      finding(
        `Reviewed homework from the previous session${status}${said ? `; ${said}` : ''}`,
        mergeEvidence([hw.reviewedEvidence, completion.flatMap((c) => c.evidence)]),
        { topic: 'homework_review' },
      ),
    );
  } else if (completion[0]) {
    const c = completion[0];
    const said = saidBy(spoken(ctx, c.evidence), 110);
    add(
      'homework_review',
      finding(`${describeIndicator(c)}${said ? `; ${said}` : ''}`, c.evidence, {
        topic: 'homework_review',
      }),
    );
  } else {
    add(
      'homework_review',
      notAssessed('No review of earlier homework was identified in the transcript', {
        topic: 'homework_review',
      }),
    );
  }

  /* Objective: what a transcript can and cannot show. */
  if (sel.nonVerbal.length > 0) {
    const parts = sel.nonVerbal.map(
      ({ label, turns }) => `${label}${turns.length > 1 ? ` (${turns.length} times)` : ''}`,
    );
    add(
      'observed_behavior',
      finding(
        `Transcript annotations record the client ${listJoin(parts)}`,
        sel.nonVerbal.flatMap(({ turns }) => turns.slice(0, 2).map(evidenceFor)),
        { topic: 'observed_behavior' },
      ),
    );
  }
  add(
    'appearance_affect',
    toComplete('Appearance, behaviour and affect (not observable in a transcript)', {
      topic: 'appearance_affect',
    }),
  );
  add(
    'mental_status',
    toComplete('Mental status (orientation, thought process and content, insight, judgement)', {
      topic: 'mental_status',
    }),
  );

  const measures = analysis.indicators.filter((i) => i.kind === 'measure');
  if (measures.length > 0) {
    for (const m of measures) {
      const q = quoted(m.evidence[0]?.quote ?? '', 90);
      add(
        'measures',
        finding(`${describeMeasure(m)}${q ? `: ${q}` : ''}`, m.evidence, { topic: 'measures' }),
      );
    }
  } else {
    add(
      'measures',
      notAssessed(
        'Standardized measures (e.g. PHQ-9, GAD-7): no named instrument score was found in the transcript',
        {
          topic: 'measures',
        },
      ),
    );
  }
  for (const ind of analysis.indicators) {
    if (ind.kind === 'measure' || ind.kind === 'homework_completion' || linked.has(ind)) continue;
    const q = quoted(ind.evidence[0]?.quote ?? '', 90);
    const ruler = ind.kind === 'rating' && RULER.test(ind.scale ?? '');
    const change = ind.from !== undefined && ind.to !== undefined;
    add(
      'indicators',
      finding(`${describeIndicator(ind)}${q ? `: ${q}` : ''}`, ind.evidence, {
        topic: 'indicators',
        elements: ruler
          ? ['assessments']
          : change || ind.kind === 'frequency'
            ? ['goal_progress']
            : [],
      }),
    );
  }

  if (miConversation) {
    const parts = [
      `${skills.questions} question${skills.questions === 1 ? '' : 's'} (${skills.open} open)`,
      `${skills.reflections} reflection${skills.reflections === 1 ? '' : 's'}`,
      ...(skills.affirmations > 0
        ? [`${skills.affirmations} affirmation${skills.affirmations === 1 ? '' : 's'}`]
        : []),
      ...(skills.summaries > 0
        ? [`${skills.summaries} summar${skills.summaries === 1 ? 'y' : 'ies'}`]
        : []),
      ...(skills.information > 0
        ? [
            `information or advice in ${skills.information} turn${skills.information === 1 ? '' : 's'}`,
          ]
        : []),
    ];
    const ex = skills.examples.slice(0, 2);
    const exText = ex.map((e) => `${e.label} ${quoted(clauseOf(e.p, e.re), 80)}`).join('; ');
    const evidence = skills.examples.map((e) => clauseEvidence(e.p, e.re));
    if (evidence.length > 0) {
      add(
        'interventions',
        finding(
          `Motivational interviewing (counts from the utterance classifier and phrasing cues): ${listJoin(parts)}${exText ? ` — e.g. ${exText}` : ''}`,
          evidence,
          { topic: 'interventions', elements: ['active_interventions'] },
        ),
      );
    }
  }
  for (const e of entries) {
    // In an MI conversation the OARS sentence above states the MI skills.
    if (miConversation && e.interventionId.startsWith('mi.')) continue;
    add('interventions', e.intervention);
  }
  if (activities.length > 0) {
    const shown = activities.slice(0, 5);
    const withQuote = shown.slice(0, 2);
    add(
      'activities',
      finding(
        `Session activities: ${shown.map((a, i) => (i < withQuote.length ? `${a.label} (${quoted(clauseOf(a.p, a.re), 70)})` : a.label)).join('; ')}`,
        shown.map((a) => clauseEvidence(a.p, a.re)),
        { topic: 'activities' },
      ),
    );
  }

  const declinedIds = new Set<string>();
  for (const c of analysis.consent) {
    const name = interventionShortName(c.interventionId);
    const words = spoken(ctx, c.evidence);
    const q = words ? quoted(words.quote, 90) : '';
    const said = q ? (words?.who === 'client' ? `: ${q}` : ` (${saidBy(words, 90)})`) : '';
    const text =
      c.outcome === 'agreed'
        ? `Informed consent for ${name} discussed before starting; client agreed${said}`
        : c.outcome === 'declined'
          ? `Informed consent for ${name} discussed; client declined${said}`
          : `Informed consent for ${name} discussed${q ? `; ${saidBy(words, 90)}` : ''}`;
    if (c.outcome === 'declined') declinedIds.add(c.interventionId);
    add(
      'consent',
      finding(text, c.evidence, { topic: 'consent', interventionId: c.interventionId }),
    );
  }

  /* Risk: endorsed first and prominent; denied only as analysed; the rest not assessed. */
  const riskByKind = new Map<RiskKind, RiskFinding>(analysis.risk.map((r) => [r.kind, r]));
  const endorsed: RiskFinding[] = [];
  const notAssessedKinds: RiskKind[] = [];
  const denied = new Map<
    string,
    { kinds: RiskKind[]; finding: RiskFinding; lastClient: Evidence | undefined }
  >();
  for (const kind of RISK_KINDS) {
    const r = riskByKind.get(kind);
    if (!r || r.status === 'not_assessed' || r.evidence.length === 0) {
      notAssessedKinds.push(kind);
      continue;
    }
    const clientEv = preferRole(ctx, r.evidence, 'client');
    const lastClient = wordsOf(ctx, [...r.evidence].reverse(), 'client')?.evidence;
    switch (r.status) {
      case 'endorsed': {
        endorsed.push(r);
        // The client's words when the evidence has them; else who raised it (never "client:"
        // on a clinician's words).
        const words = spoken(ctx, r.evidence);
        const said = saidBy(words, 120);
        add(
          'risk_endorsed',
          finding(
            `Risk endorsed — ${riskShortName(kind)}${said ? `; ${said}` : ''}`,
            mergeEvidence([words ? [words.evidence] : [], clientEv]),
            { topic: 'risk_endorsed' },
          ),
        );
        break;
      }
      case 'denied': {
        const key = r.evidence.map((e) => e.utteranceIds.join(',')).join('|');
        const group = denied.get(key);
        if (group) group.kinds.push(kind);
        else denied.set(key, { kinds: [kind], finding: r, lastClient });
        break;
      }
      case 'unclear': {
        const said = saidBy(spoken(ctx, r.evidence), 100);
        add(
          'risk_unclear',
          toComplete(
            `Possible ${riskShortName(kind)}${said ? ` (${said})` : ''}: status unclear from the transcript; clarify and document`,
            { topic: 'risk_unclear' },
            r.evidence,
          ),
        );
        break;
      }
    }
  }
  for (const { kinds, finding: r, lastClient } of denied.values()) {
    const q = lastClient ? quoted(lastClient.quote, 60) : '';
    add(
      'risk_denied',
      finding(
        `Client denied ${listJoin(kinds.map(riskShortName))} when asked${q ? ` (${q})` : ''}`,
        r.evidence,
        {
          topic: 'risk_denied',
        },
      ),
    );
  }
  if (notAssessedKinds.length > 0) {
    add(
      'risk_not_assessed',
      notAssessed(
        `Not assessed in this session: ${listJoin(notAssessedKinds.map(riskShortName))}`,
        {
          topic: 'risk_not_assessed',
        },
      ),
    );
  }

  /* Assessment: responses, progress, goals. */
  const noResponse: string[] = [];
  const noProgress: string[] = [];
  // Interventions sharing the same response (or progress) evidence are stated once, together.
  const responseGroups = new Map<string, { names: string[]; entry: InterventionEntry }>();
  const progressGroups = new Map<string, { names: string[]; entry: InterventionEntry }>();
  for (const e of entries) {
    // In an MI conversation the talk balance below states the response to the MI skills once.
    if (miConversation && e.interventionId.startsWith('mi.')) continue;
    const name = interventionShortName(e.interventionId);
    if (e.response.kind === 'finding') groupBy(responseGroups, e.response, name, e);
    else noResponse.push(name);
    if (e.progress.kind === 'finding') groupBy(progressGroups, e.progress, name, e);
    else noProgress.push(name);
  }
  for (const { names, entry } of responseGroups.values()) {
    add(
      'responses',
      names.length === 1
        ? entry.response
        : finding(
            entry.response.text.replace(
              interventionShortName(entry.interventionId),
              listJoin(names),
            ),
            entry.response.evidence,
            { topic: 'responses' },
          ),
    );
  }
  for (const { names, entry } of progressGroups.values()) {
    add(
      'progress',
      finding(
        `During ${listJoin(names)}: ${lowerFirst(entry.progress.text)}`,
        entry.progress.evidence,
        {
          topic: 'progress',
          ...(names.length === 1 ? { interventionId: entry.interventionId } : {}),
        },
      ),
    );
  }
  if (noResponse.length > 0) {
    add(
      'responses',
      notAssessed(`Client response not observed in transcript for ${listJoin(noResponse)}`, {
        topic: 'responses',
      }),
    );
  }
  if (noProgress.length > 0) {
    add(
      'progress',
      notAssessed(
        `No measurable indicator was identified in the transcript for ${listJoin(noProgress)}`,
        {
          topic: 'progress',
        },
      ),
    );
  }

  const goalRefs = analysis.goals.map((g) => goalRefOf(ctx, g));
  for (const g of goalRefs) {
    const supporting = entries
      .filter((e) => (goalsByIntervention.get(e.interventionId) ?? []).some((x) => x.id === g.id))
      .map((e) => interventionShortName(e.interventionId));
    const words = goalQuote(ctx, g);
    const q = words ? quoted(words.quote, 100) : '';
    const text = `${upperFirst(goalPhrase(g))} addressed${supporting.length > 0 ? ` through ${listJoin(supporting)}` : ''}${
      q && q !== quoted(g.text, 110) ? `; ${saidBy(words, 100)}` : ''
    }`;
    add('goal_progress', finding(text, g.evidence, { topic: 'goal_progress' }));
  }
  if (plan) {
    const addressed = new Set([
      ...analysis.goals.map((g) => g.goalId),
      ...[...goalsByIntervention.values()].flat().map((g) => g.id),
    ]);
    const open = plan.goals.filter((g) => !addressed.has(g.id));
    if (open.length > 0) {
      add(
        'goal_progress',
        notAssessed(
          `No discussion of these treatment-plan goals was identified in the transcript: ${open.map((g) => `${g.id} ${quoted(g.text, 80) || ''}`.trim()).join('; ')}`,
          { topic: 'goal_progress' },
        ),
      );
    }
  }
  const unlinked = entries
    .filter((e) => e.goalLink.kind !== 'finding')
    .map((e) => interventionShortName(e.interventionId));
  if (entries.length > 0 && unlinked.length === entries.length && goalRefs.length === 0) {
    add(
      'goal_links',
      notAssessed(
        'No reference to a treatment goal was identified in the transcript; link this session to a treatment-plan goal',
        {
          topic: 'goal_links',
        },
      ),
    );
  } else if (unlinked.length > 0) {
    add(
      'goal_links',
      notAssessed(
        `No treatment-plan goal linked for ${listJoin(unlinked)}; add the goal each supports`,
        { topic: 'goal_links' },
      ),
    );
  } else if (entries.length === 0 && goalRefs.length === 0) {
    add(
      'goal_links',
      notAssessed('No reference to a treatment goal was identified in the transcript', {
        topic: 'goal_links',
      }),
    );
  }

  if (sel.triggers.length > 0) {
    add(
      'triggers',
      finding(
        `Triggers identified: ${sel.triggers.map((p) => cueQuote(p, [TRIGGER], 100)).join('; ')}`,
        sel.triggers.map((p) => cueEvidence(p, [TRIGGER])),
        {
          topic: 'triggers',
        },
      ),
    );
  }

  if (sel.reportedChange.length > 0) {
    add(
      'goal_progress',
      finding(
        `Change the client reported: ${sel.reportedChange.map((p) => cueQuote(p, [REPORTED_CHANGE], 130)).join('; ')}`,
        sel.reportedChange.map((p) => cueEvidence(p, [REPORTED_CHANGE])),
        { topic: 'goal_progress', elements: ['goal_progress'] },
      ),
    );
  }

  const talkTotal = balance.change.length + balance.sustain.length;
  if (changeConversation) {
    if (talkTotal > 0) {
      const c = representative(balance.change);
      const su = representative(balance.sustain);
      const text = `Client response (talk coded by the utterance classifier): change talk in ${balance.change.length} utterance${balance.change.length === 1 ? '' : 's'}${
        c ? ` (e.g. ${quoted(c.u.text, 80)})` : ''
      }, sustain talk in ${balance.sustain.length}${su ? ` (e.g. ${quoted(su.u.text, 80)})` : ''}`;
      add(
        'change_talk',
        finding(text, [...(c ? [evidenceFor(c)] : []), ...(su ? [evidenceFor(su)] : [])], {
          topic: 'change_talk',
        }),
      );
    } else {
      add(
        'change_talk',
        notAssessed('No change or sustain talk was identified in the transcript', {
          topic: 'change_talk',
        }),
      );
    }
  }

  /* Overall progress: reported change and in-session change, stated without new quotes. */
  const changes = analysis.indicators.filter(
    (i) => i.from !== undefined && i.to !== undefined && i.kind !== 'homework_completion',
  );
  if (sel.reportedChange.length > 0 || changes.length > 0) {
    const parts: string[] = [];
    if (sel.reportedChange.length > 0) parts.push('the client reported change (see above)');
    for (const i of changes.slice(0, 2)) parts.push(lowerFirst(describeIndicator(i)));
    if (changeConversation && talkTotal > 0) {
      const c = balance.change.length;
      const su = balance.sustain.length;
      parts.push(
        c > su
          ? `change talk outnumbered sustain talk (${c} to ${su})`
          : `sustain talk matched or outnumbered change talk (${su} to ${c})`,
      );
    }
    add(
      'overall_progress',
      finding(
        `Overall progress: ${listJoin(parts)}`,
        mergeEvidence([
          sel.reportedChange.map((p) => cueEvidence(p, [REPORTED_CHANGE])),
          changes.slice(0, 2).flatMap((i) => i.evidence),
        ]),
        { topic: 'overall_progress' },
      ),
    );
  }

  if (plannedByClient.length > 0) {
    add(
      'client_plan',
      finding(
        `Plan stated by the client: ${plannedByClient.map((p) => cueQuote(p, [COMMITMENT], 90)).join('; ')}`,
        plannedByClient.map((p) => cueEvidence(p, [COMMITMENT])),
        { topic: 'client_plan' },
      ),
    );
  }

  if (changeConversation) {
    const stage = stageOfChange(
      balance,
      plannedByClient,
      sel.reportedChange,
      (p, max) => cueQuote(p, STAGE_CUES, max),
      (p) => cueEvidence(p, STAGE_CUES),
    );
    if (stage && stage.evidence.length > 0) {
      add(
        'stage_of_change',
        finding(`Stage of change: ${lowerFirst(stage.text)}`, stage.evidence, {
          topic: 'stage_of_change',
        }),
      );
    } else {
      add(
        'stage_of_change',
        toComplete('Stage of change (no change or sustain talk identified)', {
          topic: 'stage_of_change',
        }),
      );
    }
  }

  for (const m of analysis.mentionedNotDelivered) {
    if (m.reason !== 'declined' || declinedIds.has(m.id)) continue;
    declinedIds.add(m.id);
    const words = spoken(ctx, m.evidence);
    const q = words ? quoted(words.quote, 90) : '';
    const said = q ? (words?.who === 'client' ? `: ${q}` : ` (${saidBy(words, 90)})`) : '';
    add(
      'declined',
      finding(
        `${upperFirst(interventionShortName(m.id))} offered; client declined${said}`,
        m.evidence,
        {
          topic: 'declined',
          interventionId: m.id,
        },
      ),
    );
  }

  const diagnoses = plan?.diagnoses ?? [];
  add(
    'diagnosis',
    toComplete(
      diagnoses.length > 0
        ? `Diagnosis per treatment plan (${diagnoses.join('; ')}): confirm against this session's presentation`
        : 'Diagnosis or symptoms against criteria, and the clinical impression linking the report and the session: clinician to complete',
      { topic: 'diagnosis' },
    ),
  );

  /* Plan: safety first when risk was endorsed, homework, next steps, appointment, referrals. */
  const planning = analysis.interventions.find((d) => d.id === 'safety.safety_planning');
  const assessment = analysis.interventions.find((d) => d.id === 'safety.risk_assessment');
  if (planning) {
    const q = quoted(preferRole(ctx, planning.evidence, 'clinician')[0]?.quote ?? '', 90);
    add(
      'safety',
      finding(`Safety plan made or reviewed in session${q ? `: ${q}` : ''}`, planning.evidence, {
        topic: 'safety',
        interventionId: planning.id,
      }),
    );
  }
  if (assessment && endorsed.length > 0) {
    const q = quoted(preferRole(ctx, assessment.evidence, 'clinician')[0]?.quote ?? '', 90);
    add(
      'safety',
      finding(
        `Safety follow-up in session: structured risk assessment${q ? `: ${q}` : ''}`,
        assessment.evidence,
        {
          topic: 'safety',
          interventionId: assessment.id,
        },
      ),
    );
  }
  if (endorsed.length > 0 && !planning) {
    add(
      'safety',
      toComplete(
        `Safety follow-up (${listJoin(endorsed.map((r) => riskShortName(r.kind)))} endorsed): clinician to document the safety plan, means, crisis contacts and next check-in`,
        { topic: 'safety' },
        endorsed.flatMap((r) => r.evidence),
      ),
    );
  }

  for (const a of hw.assigned) {
    const text = a.text
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/[.;,]+$/, '');
    add(
      'homework_assigned',
      // The text is the clinician's own words, so it is shown as a quote.
      finding(`Homework assigned: "${text}"`, a.evidence, { topic: 'homework_assigned' }),
    );
  }
  if (hw.assigned.length === 0) {
    add(
      'homework_assigned',
      notAssessed('No homework assignment was identified in the transcript', {
        topic: 'homework_assigned',
      }),
    );
  }

  let nextSteps = 0;
  for (const p of sel.nextSteps) {
    add(
      'next_steps',
      finding(
        `Next steps discussed: ${cueQuote(p, [NEXT_STEP], 120)}`,
        [cueEvidence(p, [NEXT_STEP])],
        {
          topic: 'next_steps',
        },
      ),
    );
    nextSteps++;
  }
  for (const m of analysis.mentionedNotDelivered) {
    if (m.reason !== 'planned') continue;
    const q = quoted(preferRole(ctx, m.evidence, 'clinician')[0]?.quote ?? '', 90);
    add(
      'next_steps',
      finding(
        `Planned for a later session: ${interventionShortName(m.id)}${q ? ` (${q})` : ''}`,
        m.evidence,
        {
          topic: 'next_steps',
          interventionId: m.id,
        },
      ),
    );
    nextSteps++;
  }
  if (nextSteps === 0) {
    add(
      'next_steps',
      toComplete('Interventions planned for the next session', { topic: 'next_steps' }),
    );
  }
  if (sel.appointment) {
    add(
      'next_appointment',
      finding(
        `Next appointment discussed: ${cueQuote(sel.appointment, [APPOINTMENT], 100)}`,
        [cueEvidence(sel.appointment, [APPOINTMENT])],
        {
          topic: 'next_appointment',
        },
      ),
    );
  } else {
    add(
      'next_appointment',
      toComplete('Next appointment date and time', { topic: 'next_appointment' }),
    );
  }
  if (sel.referral) {
    add(
      'referrals',
      finding(
        `Referral or other service discussed: ${cueQuote(sel.referral, [REFERRAL], 100)}`,
        [cueEvidence(sel.referral, [REFERRAL])],
        { topic: 'referrals', elements: ['follow_up'] },
      ),
    );
  }
  if (sel.medication && sel.medication.u.id !== sel.referral?.u.id) {
    add(
      'referrals',
      finding(
        `Medication discussed: ${cueQuote(sel.medication, [MEDICATION], 100)}`,
        [cueEvidence(sel.medication, [MEDICATION])],
        {
          topic: 'referrals',
          elements: MEDICATION_CHANGE.test(clauseOf(sel.medication, MEDICATION).toLowerCase())
            ? ['treatment_changes']
            : [],
        },
      ),
    );
  }
  if (!sel.referral && !sel.medication) {
    add(
      'referrals',
      toComplete('Referrals and medication changes, if any', {
        topic: 'referrals',
        elements: ['follow_up', 'treatment_changes'],
      }),
    );
  }

  return { byTopic: out, entries };
}
