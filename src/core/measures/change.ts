/**
 * Change statistics for outcome measures (PHQ-9, GAD-7, PCL-5, …): pure functions, no I/O.
 *
 * - Reliable change: Jacobson, N. S., & Truax, P. (1991). Clinical significance: a statistical
 *   approach to defining meaningful change in psychotherapy research. Journal of Consulting and
 *   Clinical Psychology, 59(1), 12–19. RCI = (after − before) / S_diff, S_diff = sqrt(2·SE²),
 *   SE = SD_baseline · sqrt(1 − r). A change is reliable when |RCI| > 1.96 (p < .05), i.e. when
 *   the raw change exceeds 1.96 · S_diff.
 * - Fixed reliable-change thresholds (alternative): NHS Talking Therapies for anxiety and
 *   depression Manual and data handbook: a change of at least 6 points on the PHQ-9, at least 4
 *   points on the GAD-7, is reliable.
 * - Caseness, recovery, reliable improvement, reliable recovery, reliable deterioration: NHS
 *   Talking Therapies conventions (caseness = score at or above the clinical cut-off: PHQ-9 ≥ 10,
 *   GAD-7 ≥ 8).
 * - Clinically significant change: Jacobson & Truax (1991): moved from the clinical to the
 *   non-clinical range (a given cut-off, or their criterion c) AND reliable improvement.
 *
 * The instrument constants (SD, reliability, cut-off, fixed thresholds) are parameters: the
 * instrument definitions own them, with their sources.
 */
import { DocscribError } from '../errors.js';

/** Jacobson & Truax (1991): the two-tailed 5 % critical value for the RCI. */
export const RCI_CRITICAL_VALUE = 1.96;

/** Floating-point slack for "exactly at the threshold" comparisons. */
const EPSILON = 1e-9;

/** How the reliable-change decision was made. */
export type ReliableChangeMethod = 'jacobson-truax' | 'fixed-points';

export interface ReliableChangeInput {
  /** Score at baseline (first administration). */
  before: number;
  /** Score at the later administration. */
  after: number;
  /** Standard deviation of the measure at baseline (normative or clinical sample). */
  sdBaseline?: number;
  /** Reliability of the measure (e.g. Cronbach's alpha or test–retest r), 0 ≤ r < 1. */
  reliability?: number;
  /**
   * A fixed reliable-change threshold in raw points (NHS Talking Therapies: PHQ-9 6, GAD-7 4).
   * When given, it decides reliability (a change of at least this many points is reliable)
   * instead of the computed 1.96 · S_diff; the RCI is still reported when SD and r are given.
   */
  reliableChangePoints?: number;
  /** True (default) for symptom measures where a higher score is worse (PHQ-9, GAD-7, PCL-5). */
  higherIsWorse?: boolean;
}

export interface ReliableChangeResult {
  /** after − before, in raw points. */
  change: number;
  /** Jacobson–Truax RCI, (after − before) / S_diff; null when SD and reliability were not given. */
  rci: number | null;
  /** Standard error of measurement, SD · sqrt(1 − r); null without SD and reliability. */
  standardError: number | null;
  /** Standard error of the difference, sqrt(2 · SE²); null without SD and reliability. */
  sDiff: number | null;
  /** The minimum raw change (in points) that counts as reliable under `method`. */
  reliableChangeThreshold: number;
  /**
   * `jacobson-truax`: reliable when |change| > 1.96 · S_diff (strictly; exactly at it is not).
   * `fixed-points`: reliable when |change| ≥ reliableChangePoints (NHS "at least N points").
   */
  method: ReliableChangeMethod;
  reliableImprovement: boolean;
  reliableDeterioration: boolean;
  noReliableChange: boolean;
}

function usage(message: string, hint: string, field: string): DocscribError {
  return new DocscribError('usage', message, hint, { field });
}

function requireScore(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw usage(
      `The ${field} score is not a number.`,
      'Give the total score as a number, e.g. 14.',
      field,
    );
  }
  return value;
}

function requirePositive(value: unknown, field: string, hint: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw usage(`${field} must be a number greater than 0.`, hint, field);
  }
  return value;
}

/**
 * Reliable change between two administrations of the same measure (Jacobson & Truax 1991), or by
 * a fixed threshold in points (NHS Talking Therapies). Give `sdBaseline` and `reliability`, or
 * `reliableChangePoints`, or all three (the fixed points then decide; the RCI is reported too).
 */
export function reliableChange(input: ReliableChangeInput): ReliableChangeResult {
  const before = requireScore(input.before, 'before');
  const after = requireScore(input.after, 'after');
  const higherIsWorse = input.higherIsWorse ?? true;
  const hasSd = input.sdBaseline !== undefined;
  const hasR = input.reliability !== undefined;
  if (hasSd !== hasR) {
    throw usage(
      'The reliable change index needs both the baseline SD and the reliability; only one was given.',
      'Give sdBaseline and reliability together (from the instrument definition), or reliableChangePoints alone.',
      hasSd ? 'reliability' : 'sdBaseline',
    );
  }
  if (!hasSd && input.reliableChangePoints === undefined) {
    throw usage(
      'Reliable change needs either the baseline SD and reliability, or a fixed threshold in points.',
      'Give sdBaseline and reliability (Jacobson–Truax), or reliableChangePoints (e.g. 6 for the PHQ-9).',
      'sdBaseline',
    );
  }

  const change = after - before;
  let standardError: number | null = null;
  let sDiff: number | null = null;
  let rci: number | null = null;
  if (hasSd) {
    const sd = requirePositive(
      input.sdBaseline,
      'sdBaseline',
      'Give the standard deviation of the measure at baseline, e.g. 5.7.',
    );
    const r = input.reliability;
    if (typeof r !== 'number' || !Number.isFinite(r) || r < 0 || r >= 1) {
      throw usage(
        'reliability must be a number from 0 up to (not including) 1.',
        'Give the reliability coefficient (e.g. Cronbach alpha 0.89); at 1 the RCI is undefined.',
        'reliability',
      );
    }
    standardError = sd * Math.sqrt(1 - r);
    sDiff = Math.sqrt(2 * standardError * standardError);
    rci = change / sDiff;
  }

  let method: ReliableChangeMethod;
  let threshold: number;
  let reliable: boolean;
  if (input.reliableChangePoints !== undefined) {
    threshold = requirePositive(
      input.reliableChangePoints,
      'reliableChangePoints',
      'Give the fixed reliable-change threshold in points, e.g. 6 for the PHQ-9 or 4 for the GAD-7.',
    );
    method = 'fixed-points';
    reliable = Math.abs(change) >= threshold - EPSILON;
  } else {
    // hasSd is true here: the checks above leave no other case.
    threshold = RCI_CRITICAL_VALUE * (sDiff ?? Number.NaN);
    method = 'jacobson-truax';
    reliable = Math.abs(change) > threshold + EPSILON;
  }

  const worse = higherIsWorse ? change > 0 : change < 0;
  const reliableDeterioration = reliable && worse;
  const reliableImprovement = reliable && !worse && change !== 0;
  return {
    change,
    rci,
    standardError,
    sDiff,
    reliableChangeThreshold: threshold,
    method,
    reliableImprovement,
    reliableDeterioration,
    noReliableChange: !reliableImprovement && !reliableDeterioration,
  };
}

/** Means and SDs of a clinical and a functional (non-clinical) sample, for criterion c. */
export interface NormativeSamples {
  clinical: { mean: number; sd: number };
  functional: { mean: number; sd: number };
}

/**
 * Jacobson & Truax (1991) criterion c: the point between the clinical and functional
 * distributions, weighted by their SDs: c = (SD_functional · M_clinical + SD_clinical ·
 * M_functional) / (SD_functional + SD_clinical).
 */
export function criterionC(samples: NormativeSamples): number {
  const mc = requireScore(samples.clinical.mean, 'clinical.mean');
  const mf = requireScore(samples.functional.mean, 'functional.mean');
  const hint = 'Give the standard deviation of each normative sample, greater than 0.';
  const sc = requirePositive(samples.clinical.sd, 'clinical.sd', hint);
  const sf = requirePositive(samples.functional.sd, 'functional.sd', hint);
  return (sf * mc + sc * mf) / (sf + sc);
}

export interface ClinicalChangeInput extends ReliableChangeInput {
  /**
   * The clinical cut-off (caseness): a score at or above it is a case when higher is worse
   * (NHS Talking Therapies: PHQ-9 ≥ 10, GAD-7 ≥ 8); at or below it when higher is better.
   * Give this or `normative` (criterion c), not both.
   */
  cutoff?: number;
  /** Normative samples to derive Jacobson–Truax criterion c as the cut-off. */
  normative?: NormativeSamples;
}

export interface ClinicalChangeResult {
  reliable: ReliableChangeResult;
  /** The cut-off used, and where it came from. */
  cutoff: number;
  cutoffSource: 'given' | 'jacobson-truax-c';
  /** Caseness at baseline (NHS: score ≥ cut-off when higher is worse). */
  caseAtBaseline: boolean;
  /** Caseness at the later administration. */
  caseAtEnd: boolean;
  /** NHS Talking Therapies: a case at baseline and not a case at the end. Never true for a
   * non-case at baseline (there is nothing to recover from). */
  recovery: boolean;
  /** Reliable improvement (copied from `reliable` for convenience). */
  reliableImprovement: boolean;
  /** NHS Talking Therapies: recovery AND reliable improvement. */
  reliableRecovery: boolean;
  /** Reliable deterioration (copied from `reliable`). */
  reliableDeterioration: boolean;
  /**
   * Jacobson & Truax (1991): moved from the clinical to the non-clinical range AND reliable
   * improvement. Equals `reliableRecovery` when both use the same cut-off and threshold.
   */
  clinicallySignificantImprovement: boolean;
}

/**
 * Clinically significant change and the NHS Talking Therapies outcome categories for one
 * measure. (NHS service-level recovery pairs the depression and anxiety measures: a referral
 * recovers when it was a case on either at baseline and is a case on neither at the end; this
 * function gives the per-measure parts.)
 */
export function clinicalChange(input: ClinicalChangeInput): ClinicalChangeResult {
  const reliable = reliableChange(input);
  const higherIsWorse = input.higherIsWorse ?? true;
  if (input.cutoff !== undefined && input.normative !== undefined) {
    throw usage(
      'Both a cut-off and normative samples were given; only one can define the clinical range.',
      'Give cutoff (e.g. 10 for the PHQ-9) or normative (for Jacobson–Truax criterion c), not both.',
      'cutoff',
    );
  }
  let cutoff: number;
  let cutoffSource: ClinicalChangeResult['cutoffSource'];
  if (input.cutoff !== undefined) {
    cutoff = requireScore(input.cutoff, 'cutoff');
    cutoffSource = 'given';
  } else if (input.normative !== undefined) {
    cutoff = criterionC(input.normative);
    cutoffSource = 'jacobson-truax-c';
  } else {
    throw usage(
      'Clinical change needs a cut-off for the clinical range.',
      'Give cutoff (PHQ-9 10, GAD-7 8) or normative samples for Jacobson–Truax criterion c.',
      'cutoff',
    );
  }
  const isCase = (score: number): boolean => (higherIsWorse ? score >= cutoff : score <= cutoff);
  const caseAtBaseline = isCase(input.before);
  const caseAtEnd = isCase(input.after);
  const recovery = caseAtBaseline && !caseAtEnd;
  const reliableRecovery = recovery && reliable.reliableImprovement;
  return {
    reliable,
    cutoff,
    cutoffSource,
    caseAtBaseline,
    caseAtEnd,
    recovery,
    reliableImprovement: reliable.reliableImprovement,
    reliableRecovery,
    reliableDeterioration: reliable.reliableDeterioration,
    clinicallySignificantImprovement: reliableRecovery,
  };
}
