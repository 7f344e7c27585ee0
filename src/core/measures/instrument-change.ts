/**
 * Change between two totals of one symptom measure, with the instrument's own constants: the
 * fixed reliable-change points of a service convention decide where one exists (NHS Talking
 * Therapies: PHQ-9 6, GAD-7 4; PCL-5 18, Marx et al. 2022); the Jacobson–Truax RCI is computed
 * whenever the instrument has a sourced reference-sample SD (with its test–retest reliability,
 * else the first reliability listed) — reported alongside the fixed points, and deciding only when
 * there are no fixed points. Caseness by the instrument's cut-off. Also the plain-language clause
 * the statements of outcome summaries, progress notes and the CLI share. Pure.
 */
import { DocscribError } from '../errors.js';
import { clinicalChange, type ClinicalChangeResult, type ReliableChangeMethod } from './change.js';
import type { ChangeConstants, Cutoff, SymptomInstrument } from './schema.js';

type Reliability = ChangeConstants['reliability'][number];

/** The constants a change decision used, with their sources. */
export interface ChangeConstantsUsed {
  method: ReliableChangeMethod;
  /** Fixed points (method `fixed-points`: they decide), else null. */
  reliableChangePoints: NonNullable<ChangeConstants['reliableChangePoints']> | null;
  /**
   * Reference-sample SD and the reliability coefficient when the instrument has a sourced SD (the
   * RCI is computed from them: it decides under `jacobson-truax`, is reported alongside under
   * `fixed-points`), else null.
   */
  sd: NonNullable<ChangeConstants['sd']> | null;
  reliability: Reliability | null;
  cutoff: Cutoff;
}

export interface InstrumentChange {
  instrument: SymptomInstrument['id'];
  shortName: string;
  before: number;
  after: number;
  /** after − before. */
  difference: number;
  clinical: ClinicalChangeResult;
  category: 'reliable_improvement' | 'reliable_deterioration' | 'no_reliable_change';
  /** NHS Talking Therapies recovery; null when `before` was not a case (nothing to recover from). */
  recovery: boolean | null;
  reliableRecovery: boolean | null;
  constants: ChangeConstantsUsed;
}

/**
 * Which constants decide reliable change for this instrument (fixed points where a service
 * convention exists, else the Jacobson–Truax RCI), with the SD and reliability for the RCI
 * whenever an SD is sourced; null when it has neither.
 */
export function changeConstantsFor(inst: SymptomInstrument): ChangeConstantsUsed | null {
  const { sd, reliability, reliableChangePoints } = inst.change;
  const r =
    sd === null
      ? null
      : (reliability.find((x) => x.kind === 'test_retest') ?? reliability[0] ?? null);
  const rciConstants = sd !== null && r !== null ? { sd, reliability: r } : null;
  if (reliableChangePoints !== null) {
    return {
      method: 'fixed-points',
      sd: rciConstants?.sd ?? null,
      reliability: rciConstants?.reliability ?? null,
      reliableChangePoints,
      cutoff: inst.cutoff,
    };
  }
  if (rciConstants === null) return null;
  return {
    method: 'jacobson-truax',
    ...rciConstants,
    reliableChangePoints: null,
    cutoff: inst.cutoff,
  };
}

function checkTotal(inst: SymptomInstrument, value: unknown, field: string): number {
  const { min, max } = inst.scoreRange;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new DocscribError(
      'usage',
      `The ${field} ${inst.shortName} total is not a whole number from ${min} to ${max}.`,
      `Give the ${inst.shortName} total score (${min}–${max}), e.g. ${Math.round(max / 2)}.`,
      { field },
    );
  }
  return value;
}

/**
 * Change from `before` to `after` on a symptom measure, or null when the instrument has neither a
 * sourced SD nor fixed reliable-change points (nothing to decide reliability with).
 */
export function instrumentChange(
  inst: SymptomInstrument,
  before: number,
  after: number,
): InstrumentChange | null {
  const b = checkTotal(inst, before, 'before');
  const a = checkTotal(inst, after, 'after');
  const constants = changeConstantsFor(inst);
  if (constants === null) return null;
  const clinical = clinicalChange({
    before: b,
    after: a,
    higherIsWorse: inst.higherIsWorse,
    cutoff: inst.cutoff.score,
    ...(constants.sd !== null && constants.reliability !== null
      ? { sdBaseline: constants.sd.value, reliability: constants.reliability.value }
      : {}),
    ...(constants.reliableChangePoints !== null
      ? { reliableChangePoints: constants.reliableChangePoints.points }
      : {}),
  });
  const category = clinical.reliableImprovement
    ? 'reliable_improvement'
    : clinical.reliableDeterioration
      ? 'reliable_deterioration'
      : 'no_reliable_change';
  return {
    instrument: inst.id,
    shortName: inst.shortName,
    before: b,
    after: a,
    difference: a - b,
    clinical,
    category,
    recovery: clinical.caseAtBaseline ? clinical.recovery : null,
    reliableRecovery: clinical.caseAtBaseline ? clinical.reliableRecovery : null,
    constants,
  };
}

/** A number with a true minus sign (U+2212), e.g. "−2.17". */
export function minus(n: number, digits = 0): string {
  const text = n.toFixed(digits);
  return text.startsWith('-') ? `\u2212${text.slice(1)}` : text;
}

/** "−9 points", "+3 points", "0 points" (a true minus sign). */
function signedPoints(n: number): string {
  const abs = Math.abs(n);
  const unit = abs === 1 ? 'point' : 'points';
  if (n < 0) return `\u2212${abs} ${unit}`;
  if (n > 0) return `+${abs} ${unit}`;
  return `0 ${unit}`;
}

/** "≥ 6 points, NHS Talking Therapies" or "more than 5.2 points, Jacobson–Truax RCI 1.96". */
function thresholdPhrase(c: InstrumentChange): string {
  const rc = c.clinical.reliable;
  if (c.constants.method === 'fixed-points') {
    const label = c.constants.reliableChangePoints?.label ?? 'fixed points';
    return `≥ ${rc.reliableChangeThreshold} points, ${label}`;
  }
  const rci = rc.rci === null ? '' : `; RCI ${minus(rc.rci, 2)}`;
  return `more than ${rc.reliableChangeThreshold.toFixed(1)} points, Jacobson–Truax${rci}`;
}

/**
 * The clause after the scores, e.g. "−9 points, reliable improvement (≥ 6 points, NHS Talking
 * Therapies) and recovery (below the caseness cut-off of 10), i.e. reliable recovery".
 */
export function changeClause(c: InstrumentChange): string {
  const cut = c.clinical.cutoff;
  const threshold = thresholdPhrase(c);
  let reliability: string;
  if (c.category === 'reliable_improvement') reliability = `reliable improvement (${threshold})`;
  else if (c.category === 'reliable_deterioration')
    reliability = `reliable deterioration (${threshold})`;
  else reliability = `no reliable change (reliable needs ${threshold})`;

  const { caseAtBaseline, caseAtEnd } = c.clinical;
  let caseness: string;
  if (caseAtBaseline && !caseAtEnd) {
    caseness =
      c.category === 'reliable_improvement'
        ? ` and recovery (below the caseness cut-off of ${cut}), i.e. reliable recovery and clinically significant improvement`
        : `; recovery (below the caseness cut-off of ${cut}) without reliable improvement`;
  } else if (caseAtBaseline && caseAtEnd) {
    caseness = `; still at or above the caseness cut-off of ${cut}`;
  } else if (!caseAtBaseline && caseAtEnd) {
    caseness = `; now at or above the caseness cut-off of ${cut} (below it before)`;
  } else {
    caseness = `; below the caseness cut-off of ${cut} both times`;
  }
  return `${signedPoints(c.difference)}, ${reliability}${caseness}`;
}
