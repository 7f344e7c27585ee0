/**
 * A client's outcome on one symptom measure over time (pure): baseline and latest score with
 * band, change since baseline and since the previous administration (reliable change by the
 * instrument's constants, clinically significant change, NHS Talking Therapies recovery), plateau
 * detection, the interventions that preceded a reliable improvement, and the sentence a progress
 * note states. Feedback forms have no outcome (no bands, cut-off or change statistics):
 * `summarizeOutcome` refuses them with a DocscribError; filter with `hasOutcome(id)` first.
 */
import { z } from 'zod';
import { DocscribError } from '../errors.js';
import { INSTRUMENTS } from './instruments.js';
import {
  changeClause,
  changeConstantsFor,
  instrumentChange,
  minus,
  type InstrumentChange,
} from './instrument-change.js';
import {
  MeasurePointSchema,
  PlateauOptionsSchema,
  type BandedPoint,
  type ChangeSummary,
  type InstrumentOutcome,
  type MeasurePoint,
  type Plateau,
  type PlateauOptions,
} from './outcome-schema.js';
import type { InstrumentId, SymptomInstrument } from './schema.js';
import { getInstrument, getSymptomInstrument } from './score.js';

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/** True for the instruments `summarizeOutcome` computes (symptom measures, not feedback). */
export function hasOutcome(id: InstrumentId): boolean {
  return INSTRUMENTS[id].kind === 'symptom';
}

function usage(message: string, hint: string, field: string): DocscribError {
  return new DocscribError('usage', message, hint, { field });
}

/**
 * A point's local date: its `date` (the practice-local date the server computed with `dateIn`),
 * else the date as written in `at` (its date at its own offset: UTC for a `Z` time).
 */
export function pointDate(p: Pick<MeasurePoint, 'at' | 'date'>): string {
  return p.date ?? p.at.slice(0, 10);
}

function bandLabel(p: BandedPoint): string {
  return p.band.label.charAt(0).toLowerCase() + p.band.label.slice(1);
}

/** "PHQ-9 9 (mild) on 2026-11-20". */
function scoreOn(shortName: string, p: BandedPoint): string {
  return `${shortName} ${p.total} (${bandLabel(p)}) on ${pointDate(p)}`;
}

function banded(inst: SymptomInstrument, p: MeasurePoint, index: number): BandedPoint | null {
  if (p.total === null) return null;
  const { min, max } = inst.scoreRange;
  const band = inst.bands.find((b) => p.total !== null && p.total >= b.min && p.total <= b.max);
  if (band === undefined || p.total < min || p.total > max) {
    throw usage(
      `${inst.shortName} point ${index + 1} has a total outside ${min}–${max}.`,
      `Give ${inst.shortName} totals from ${min} to ${max}, or null when not scorable.`,
      `points[${index}].total`,
    );
  }
  return { ...p, total: p.total, band };
}

function summary(
  inst: SymptomInstrument,
  from: BandedPoint,
  to: BandedPoint,
): ChangeSummary | null {
  const c = instrumentChange(inst, from.total, to.total);
  if (c === null) return null;
  return {
    from,
    to,
    difference: c.difference,
    rci: c.clinical.reliable.rci,
    reliableChangeThreshold: c.clinical.reliable.reliableChangeThreshold,
    method: c.constants.method,
    category: c.category,
    clinicallySignificantImprovement: c.clinical.clinicallySignificantImprovement,
    recovery: c.recovery,
    reliableRecovery: c.reliableRecovery,
    statement: `${scoreOn(inst.shortName, from)} → ${to.total} (${bandLabel(to)}) on ${pointDate(to)}: ${changeClause(c)}.`,
  };
}

/** Least-squares slope of total against time, in points per week; null with < 2 distinct times. */
export function slopePerWeek(points: readonly { at: string; total: number }[]): number | null {
  if (points.length < 2) return null;
  const xs = points.map((p) => Date.parse(p.at) / WEEK_MS);
  const ys = points.map((p) => p.total);
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  xs.forEach((x, i) => {
    sxy += (x - mx) * ((ys[i] ?? my) - my);
    sxx += (x - mx) * (x - mx);
  });
  return sxx === 0 ? null : sxy / sxx;
}

function plateau(
  inst: SymptomInstrument,
  valid: readonly BandedPoint[],
  opts: PlateauOptions,
): Plateau | null {
  const n = opts.administrations;
  const latest = valid[valid.length - 1];
  if (latest === undefined) return null;
  const latestMs = Date.parse(latest.at);
  const window = valid.filter((p) => Date.parse(p.at) >= latestMs - opts.weeks * WEEK_MS);
  const slope = slopePerWeek(window);
  const lastN = valid.length >= n ? valid.slice(-n) : null;
  const trendJudged = window.length >= 3 && slope !== null;
  if (lastN === null && !trendJudged) return null;

  const slopeOut = slope === null ? null : Math.round(slope * 1000) / 1000;
  const cut = inst.cutoff.score;
  if (latest.total < cut) {
    return {
      detected: false,
      reasons: [],
      slopePerWeek: slopeOut,
      message: `Latest ${inst.shortName} ${latest.total} is below the caseness cut-off of ${cut}: no plateau prompt.`,
    };
  }

  const reasons: Plateau['reasons'] = [];
  const parts: string[] = [];
  if (lastN !== null) {
    const first = lastN[0];
    const improved =
      first !== undefined &&
      lastN
        .slice(1)
        .some(
          (p) => instrumentChange(inst, first.total, p.total)?.category === 'reliable_improvement',
        );
    if (first !== undefined && changeConstantsFor(inst) !== null && !improved) {
      reasons.push('no_reliable_improvement');
      parts.push(
        `no reliable improvement over the last ${n} administrations (since ${first.total} on ${pointDate(first)})`,
      );
    }
  }
  if (trendJudged && Math.abs(slope) < opts.flatSlopePerWeek) {
    reasons.push('flat_trend');
    parts.push(
      `a flat trend over the last ${opts.weeks} weeks (${minus(slope, 2)} points per week over ${window.length} scores; flat is under ${opts.flatSlopePerWeek})`,
    );
  }
  const detected = reasons.length > 0;
  return {
    detected,
    reasons,
    slopePerWeek: slopeOut,
    message: detected
      ? `${inst.shortName} is still at or above the caseness cut-off of ${cut} (latest ${latest.total}) with ${parts.join(' and ')}: consider adapting the plan.`
      : `${inst.shortName} is still at or above the caseness cut-off of ${cut}, but it is changing: no plateau.`,
  };
}

/**
 * The outcome on one symptom measure from its administrations (any order; sorted by `at`).
 * Baseline = first valid administration, latest = last valid one. sinceBaseline / sincePrevious
 * are null with fewer than two valid administrations. Plateau: (a) among the last N valid
 * administrations (default 4) none is a reliable improvement over the first of them, or (b) the
 * least-squares slope over the last K weeks (default 6; at least 3 scores there) is flatter than
 * `flatSlopePerWeek` (default 0.5) — either only while the latest score is in the clinical range.
 * Plateau is null when neither rule has enough scores.
 */
export function summarizeOutcome(
  instrumentId: InstrumentId,
  points: readonly MeasurePoint[],
  opts: Partial<PlateauOptions> = {},
): InstrumentOutcome {
  const inst = getSymptomInstrument(instrumentId);
  const parsedOpts = PlateauOptionsSchema.safeParse(opts);
  if (!parsedOpts.success) {
    throw usage(
      'Plateau options are out of range.',
      'administrations: 2–20, weeks: 1–52, flatSlopePerWeek: greater than 0.',
      parsedOpts.error.issues[0]?.path.join('.') ?? 'opts',
    );
  }
  const parsed = z.array(MeasurePointSchema).safeParse(points);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw usage(
      `${inst.shortName} points: a point is not a valid administration.`,
      'Each point needs `at` (ISO date-time with offset) and `total` (whole number or null).',
      `points.${issue?.path.join('.') ?? ''}`,
    );
  }
  const sorted = parsed.data
    .map((p, i) => ({ p, i }))
    .sort((a, b) => Date.parse(a.p.at) - Date.parse(b.p.at) || a.i - b.i)
    .map(({ p }) => p);
  const valid = sorted
    .map((p, i) => banded(inst, p, i))
    .filter((p): p is BandedPoint => p !== null);
  const baseline = valid[0] ?? null;
  const latest = valid.length > 0 ? (valid[valid.length - 1] ?? null) : null;
  const previous = valid.length >= 2 ? (valid[valid.length - 2] ?? null) : null;
  return {
    instrument: inst.id,
    shortName: inst.shortName,
    points: sorted,
    baseline,
    latest,
    sinceBaseline:
      baseline !== null && latest !== null && valid.length >= 2
        ? summary(inst, baseline, latest)
        : null,
    sincePrevious: previous !== null && latest !== null ? summary(inst, previous, latest) : null,
    plateau: plateau(inst, valid, parsedOpts.data),
    bands: inst.bands,
    cutoff: inst.cutoff.score,
  };
}

/** A session as `precededImprovement` sees it: when, and the interventions delivered. */
export interface SessionInterventions {
  /** ISO date-time with offset, or a date (YYYY-MM-DD). */
  at: string;
  interventionIds: readonly string[];
}

export interface PrecededImprovement {
  instrument: InstrumentId;
  /** Interventions delivered in the sessions between, most frequent first (ties: first seen). */
  interventionIds: string[];
  /** The baseline administration. */
  from: string;
  /** The first administration showing reliable improvement since baseline. */
  to: string;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The interventions delivered between the baseline and the first administration showing reliable
 * improvement since baseline: sessions at or after the baseline and before that administration
 * (a date-only session counts from the baseline's date up to the day before the improvement's
 * date, since a measure is usually taken before the session of the same day; the dates compared
 * are the points' local `date`s, so give them for a session date in the practice's time zone). Null when there is
 * no reliable improvement, or no intervention was recorded in between (nothing to claim).
 */
export function precededImprovement(
  outcome: InstrumentOutcome,
  sessions: readonly SessionInterventions[],
): PrecededImprovement | null {
  const baseline = outcome.baseline;
  const inst = getInstrument(outcome.instrument);
  if (baseline === null || inst.kind !== 'symptom') return null;
  const baseMs = Date.parse(baseline.at);
  let improved: MeasurePoint | null = null;
  for (const p of outcome.points) {
    if (p.total === null || Date.parse(p.at) <= baseMs) continue;
    const c: InstrumentChange | null = instrumentChange(inst, baseline.total, p.total);
    if (c?.category === 'reliable_improvement') {
      improved = p;
      break;
    }
  }
  if (improved === null) return null;
  const improvedAt = improved.at;
  const toMs = Date.parse(improvedAt);

  const counts = new Map<string, number>();
  sessions.forEach((s, i) => {
    let inside: boolean;
    if (DATE_ONLY.test(s.at)) {
      inside = s.at >= pointDate(baseline) && s.at < pointDate(improved);
    } else {
      const t = Date.parse(s.at);
      if (Number.isNaN(t)) {
        throw usage(
          `Session ${i + 1} has no valid date.`,
          'Give each session `at` as an ISO date-time or a date (YYYY-MM-DD).',
          `sessions[${i}].at`,
        );
      }
      inside = t >= baseMs && t < toMs;
    }
    if (!inside) return;
    for (const id of s.interventionIds) counts.set(id, (counts.get(id) ?? 0) + 1);
  });
  if (counts.size === 0) return null;
  // Map keeps first-seen order; a stable sort by count keeps it for ties.
  const interventionIds = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([id]) => id);
  return { instrument: outcome.instrument, interventionIds, from: baseline.at, to: improvedAt };
}

/**
 * The sentence a progress note states, e.g. "PHQ-9 9 (mild) on 2026-11-20; since baseline 18
 * (moderately severe) on 2026-09-01: −9 points, reliable improvement (≥ 6 points, NHS Talking
 * Therapies) and recovery (below the caseness cut-off of 10), i.e. reliable recovery and clinically
 * significant improvement." Null when there is no valid score; with one score, only that score.
 */
export function outcomeStatement(outcome: InstrumentOutcome): string | null {
  const { latest, baseline } = outcome;
  if (latest === null) return null;
  const now = scoreOn(outcome.shortName, latest);
  const validCount = outcome.points.filter((p) => p.total !== null).length;
  if (baseline === null || validCount < 2) {
    return `${now} (the only valid score so far; no change to report).`;
  }
  const inst = getInstrument(outcome.instrument);
  const c = inst.kind === 'symptom' ? instrumentChange(inst, baseline.total, latest.total) : null;
  if (c === null) {
    return `${now}; baseline ${baseline.total} (${bandLabel(baseline)}) on ${pointDate(baseline)} (${inst.shortName} has no sourced reliable-change constants: reliability not judged).`;
  }
  return `${now}; since baseline ${baseline.total} (${bandLabel(baseline)}) on ${pointDate(baseline)}: ${changeClause(c)}.`;
}
