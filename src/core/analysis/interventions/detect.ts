import { getIntervention } from '../../knowledge/interventions.js';
import { evidenceOf, type AnalysisContext, type PreparedTurn } from '../context.js';
import type { Consent, Evidence, MentionedNotDelivered, NotDeliveredReason } from '../schema.js';
import { bucket, scoreHits, type Bucket, type Buckets, type Mention } from './buckets.js';
import { detectConsent, type ConsentCandidate } from './consent.js';
import { matchTurn, type Hit } from './matcher.js';
import { isClearContext, isSelfReport, mentionClassifier } from './mention.js';
import {
  applyIpt,
  applyCoupleSession,
  applyImaginalProcessing,
  applyExplanations,
  applyMi,
  applySafetyPlan,
  applySubsumption,
  applyTfcbt,
  isFamilySession,
  isMiSession,
  FAMILY_SESSION_MIN,
  isTfcbtSession,
  riskAssessment,
} from './rules.js';
import { ratesBelief } from './ratings.js';
import { flattenTurn } from './text.js';

export interface DetectedInterventionCore {
  id: string;
  confidence: number;
  evidence: Evidence[];
  components: string[];
}

export interface DetectionResult {
  delivered: DetectedInterventionCore[];
  notDelivered: MentionedNotDelivered[];
  consent: Consent[];
}

const DEFAULT_MIN_SCORE = 1.5;
/** A mention is reported as not delivered when it is this strong (one explicit name, or several cues). */
const MENTION_MAX = 0.7;
const MENTION_SUM = 1.0;
/**
 * A weaker mention (an implicit cue that describes the technique specifically) is enough when
 * its context is one of the clearest non-delivering kinds.
 */
const CLEAR_MENTION_MAX = 0.4;
/** The client's own report of using a skill outside the session: a specific cue is needed. */
const SELF_REPORT_MIN = 0.4;
/** Non-delivering mentions absorb the same intervention's implicit cues this many turns around. */
const EPISODE = 2;
const REASON_PRIORITY: NotDeliveredReason[] = [
  'declined',
  'planned',
  'negated',
  'past',
  'hypothetical',
];

/** Structured, technique-led modalities. */
const STRUCTURED = /^(cbt|dbt|act|mbct|exposure|tfcbt|trauma|ipt)\./;
const STRUCTURED_PERSON_CENTRED_MIN = 3;
const STRUCTURED_PSYCHODYNAMIC_MIN = 2.5;

/** The family of exposure forms that share the SUDS cues. */
const EXPOSURE_FAMILY = ['exposure.in_vivo', 'exposure.imaginal', 'exposure.interoceptive'];

export function detect(ctx: AnalysisContext): DetectionResult {
  const flats = ctx.turns.map(flattenTurn);
  const b: Buckets = new Map();
  const classifyMention = mentionClassifier(flats);

  // 1. Cue hits, each classified as delivering or as a non-delivering mention. The client's
  // reports of using a skill on their own are kept aside: they count only if it is not delivered.
  const selfReports = new Map<string, Mention[]>();
  for (const f of flats) {
    for (const h of matchTurn(f)) {
      if (h.id.startsWith('homework.')) continue;
      if (h.shared && ratesBelief(f, h.start, h.end)) continue;
      const context = classifyMention(f, h.start, h.end);
      const x = bucket(b, h.id);
      if (context === 'delivering') {
        if (h.roleOk) x.deliver.push(h);
        if (h.kind !== 'component' && isSelfReport(f, h.start, h.end)) {
          const r = selfReports.get(h.id) ?? [];
          r.push({ hit: h, reason: 'past' });
          selfReports.set(h.id, r);
        }
      } else if (h.roleOk || h.kind === 'explicit') {
        const clear = isClearContext(flats, f, h.start, context);
        x.mentions.push({ hit: h, reason: context, ...(clear ? { clear } : {}) });
      }
    }
  }

  // 2. Non-delivering episodes absorb nearby implicit cues of the same intervention.
  for (const x of b.values()) absorb(x);

  // 3. Shared SUDS cues go to the exposure form with the most specific evidence.
  shareExposureCues(b);

  // 4. Session rules.
  b.set('safety.risk_assessment', { deliver: riskAssessment(flats), mentions: [] });
  applyTfcbt(b, isTfcbtSession(flats, ctx.turns), ctx.turns);
  applyMi(b, isMiSession(b, flats), flats);
  applySafetyPlan(b);
  applyExplanations(b, flats);
  const thresholds = applyIpt(b, flats);
  const familySession = isFamilySession(ctx.turns);
  if (familySession) thresholds.set('systemic.family', FAMILY_SESSION_MIN);
  const minScore = (id: string): number =>
    thresholds.get(id) ?? getIntervention(id)?.detection?.minScore ?? DEFAULT_MIN_SCORE;
  const passes = (id: string): boolean => {
    const x = b.get(id);
    if (!x) return false;
    const { score, perTurn } = scoreHits(x.deliver);
    const minTurns = getIntervention(id)?.detection?.minTurns ?? 1;
    return score >= minScore(id) && perTurn.size >= minTurns;
  };
  // Person-centred exploration is the session's approach only when no structured technique
  // carries it; in a CBT or DBT session empathic questions are the usual common factors.
  // Likewise "I wonder if", "a pattern" or a question about childhood in a CBT session is not
  // psychodynamic work unless it is sustained.
  if ([...b.keys()].some((id) => STRUCTURED.test(id) && passes(id))) {
    thresholds.set('humanistic.person_centered', STRUCTURED_PERSON_CENTRED_MIN);
    thresholds.set('psychodynamic.insight', STRUCTURED_PSYCHODYNAMIC_MIN);
    thresholds.set('psychodynamic.attachment', STRUCTURED_PSYCHODYNAMIC_MIN);
  }
  applySubsumption(b, passes);
  applyCoupleSession(b, familySession, passes);
  applyImaginalProcessing(b, flats, passes);

  // 5. Decide.
  const delivered: DetectedInterventionCore[] = [];
  const notDelivered: MentionedNotDelivered[] = [];
  const candidates: ConsentCandidate[] = [];
  const ids = [...b.keys()].sort();
  for (const id of ids) {
    const x = b.get(id);
    const info = getIntervention(id);
    if (!x || !info) continue;
    const isDelivered = passes(id);
    if (isDelivered) {
      delivered.push(describeDelivered(id, x, ctx.turns, minScore(id)));
    } else if (!id.startsWith('mi.') && id !== 'safety.risk_assessment') {
      const nd =
        describeNotDelivered(id, x, ctx.turns) ?? describeSelfReport(id, selfReports, ctx.turns);
      if (nd) notDelivered.push(nd);
    }
    const allTurns = [
      ...x.deliver.map((h) => h.turnIndex),
      ...x.mentions.map((m) => m.hit.turnIndex),
    ];
    if (allTurns.length > 0 && (isDelivered || x.mentions.length > 0)) {
      candidates.push({
        id,
        consentExpected: info.consentExpected,
        turns: [...new Set(allTurns)].sort((p, q) => p - q),
        delivered: isDelivered,
      });
    }
  }
  const shown = new Set([...delivered.map((d) => d.id), ...notDelivered.map((n) => n.id)]);
  const consent = detectConsent(
    flats,
    candidates.filter((c) => shown.has(c.id)),
  );
  return { delivered, notDelivered, consent };
}

function absorb(x: Bucket): void {
  if (x.mentions.length === 0) return;
  const episodes = x.mentions.filter((m) => m.hit.weight >= 0.3);
  if (episodes.length === 0) return;
  const keep: Hit[] = [];
  for (const h of x.deliver) {
    // Implicit cues near a non-delivering mention belong to it; so does everything in the same
    // turn as a technique named as not delivered ("at some point a structured problem-solving
    // approach: define the problem, brainstorm…" describes it, it does not do it).
    const m =
      h.kind !== 'explicit'
        ? episodes.find((e) => Math.abs(e.hit.turnIndex - h.turnIndex) <= EPISODE)
        : episodes.find((e) => e.hit.kind === 'explicit' && e.hit.turnIndex === h.turnIndex);
    if (m) x.mentions.push({ hit: h, reason: m.reason });
    else keep.push(h);
  }
  x.deliver = keep;
}

/** Specific (non-SUDS) evidence an exposure form needs before the shared SUDS cues go to it. */
const SPECIFIC_EXPOSURE_MIN = 0.4;

function shareExposureCues(b: Buckets): void {
  let bestId: string | undefined;
  let best = 0;
  for (const id of EXPOSURE_FAMILY) {
    const specific = (b.get(id)?.deliver ?? []).filter((h) => !h.shared);
    const { score } = scoreHits(specific);
    if (score > best) {
      best = score;
      bestId = id;
    }
  }
  // SUDS ratings alone (a 0-100 belief or distress rating in a CBT session) are no exposure:
  // some form needs specific evidence of its own before the shared cues count.
  if (best < SPECIFIC_EXPOSURE_MIN) bestId = undefined;
  for (const id of EXPOSURE_FAMILY) {
    const x = b.get(id);
    if (!x || id === bestId) continue;
    x.deliver = x.deliver.filter((h) => !h.shared);
  }
}

function describeDelivered(
  id: string,
  x: Bucket,
  turns: readonly PreparedTurn[],
  min: number,
): DetectedInterventionCore {
  const { score, perTurn } = scoreHits(x.deliver);
  const best = [...perTurn.entries()]
    .sort((p, q) => q[1] - p[1] || p[0] - q[0])
    .slice(0, 3)
    .map(([t]) => t)
    .sort((p, q) => p - q);
  const evidence = best.flatMap((t) => {
    const turn = turns[t];
    return turn ? [evidenceOf([turn])] : [];
  });
  const components = [
    ...new Set(x.deliver.flatMap((h) => (h.componentId ? [h.componentId] : []))),
  ].sort();
  const confidence = Math.min(0.99, 0.5 + 0.5 * (1 - Math.exp(-(score - min) / 1.5)));
  return { id, confidence: Math.round(confidence * 100) / 100, evidence, components };
}

function describeNotDelivered(
  id: string,
  x: Bucket,
  turns: readonly PreparedTurn[],
): MentionedNotDelivered | undefined {
  if (x.mentions.length === 0) return undefined;
  const max = Math.max(...x.mentions.map((m) => m.hit.weight));
  const perTurn = new Map<number, number>();
  for (const m of x.mentions) {
    perTurn.set(m.hit.turnIndex, Math.max(perTurn.get(m.hit.turnIndex) ?? 0, m.hit.weight));
  }
  const sum =
    [...perTurn.values()].reduce((s, v) => s + v, 0) + (x.mentions.length > perTurn.size ? 0.2 : 0);
  const clearMax = Math.max(0, ...x.mentions.filter((m) => m.clear).map((m) => m.hit.weight));
  if (max < MENTION_MAX && sum < MENTION_SUM && clearMax < CLEAR_MENTION_MAX) return undefined;
  const reasonOf = (r: NotDeliveredReason): number => REASON_PRIORITY.indexOf(r);
  const strongest = [...x.mentions].sort(
    (p, q) => q.hit.weight - p.hit.weight || reasonOf(p.reason) - reasonOf(q.reason),
  );
  const top = strongest[0];
  if (!top) return undefined;
  const reason = x.mentions.some((m) => m.reason === 'declined') ? 'declined' : top.reason;
  const evTurns = [...new Set(strongest.map((m) => m.hit.turnIndex))]
    .slice(0, 2)
    .sort((p, q) => p - q);
  const evidence = evTurns.flatMap((t) => {
    const turn = turns[t];
    return turn ? [evidenceOf([turn])] : [];
  });
  return evidence.length > 0 ? { id, reason, evidence } : undefined;
}

/** The client's own use of a skill outside the session, when it was not delivered here. */
function describeSelfReport(
  id: string,
  reports: ReadonlyMap<string, Mention[]>,
  turns: readonly PreparedTurn[],
): MentionedNotDelivered | undefined {
  const r = (reports.get(id) ?? []).filter((m) => m.hit.weight >= SELF_REPORT_MIN);
  const top = r.sort((p, q) => q.hit.weight - p.hit.weight)[0];
  const turn = top ? turns[top.hit.turnIndex] : undefined;
  return turn ? { id, reason: 'past', evidence: [evidenceOf([turn])] } : undefined;
}
