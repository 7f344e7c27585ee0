/**
 * Outcome summaries over time, plateau detection, the interventions that preceded a reliable
 * improvement, and the progress-note sentence — against hand-computed values (in the comments).
 */
import { describe, expect, it } from 'vitest';
import { DocscribError } from '../errors.js';
import { INSTRUMENTS } from './instruments.js';
import { changeClause, instrumentChange } from './instrument-change.js';
import { InstrumentOutcomeSchema, type MeasurePoint } from './outcome-schema.js';
import {
  hasOutcome,
  outcomeStatement,
  precededImprovement,
  slopePerWeek,
  summarizeOutcome,
} from './outcome.js';
import { SymptomInstrumentSchema } from './schema.js';

const pt = (at: string, total: number | null): MeasurePoint => ({ at, total });

/** PHQ-9, given out of order: 18 → 15 → (invalid) → 11 → 9. */
const PHQ9_POINTS: MeasurePoint[] = [
  pt('2026-11-20T09:00:00Z', 9),
  pt('2026-09-15T09:00:00Z', 15),
  pt('2026-09-01T09:00:00Z', 18),
  pt('2026-10-13T09:00:00Z', 11),
  pt('2026-09-29T09:00:00Z', null),
];

describe('summarizeOutcome', () => {
  it('PHQ-9 18 → 9: sorted, baseline/latest, reliable recovery (NHS fixed 6 points, cut-off 10)', () => {
    const o = summarizeOutcome('phq9', PHQ9_POINTS);
    expect(InstrumentOutcomeSchema.parse(o)).toEqual(o);
    expect(o.points.map((p) => p.total)).toEqual([18, 15, null, 11, 9]);
    expect(o.baseline).toMatchObject({ total: 18, at: '2026-09-01T09:00:00Z' });
    expect(o.baseline?.band.severity).toBe('moderately_severe');
    expect(o.latest).toMatchObject({ total: 9, at: '2026-11-20T09:00:00Z' });
    expect(o.latest?.band.severity).toBe('mild');
    // Since baseline: 9 − 18 = −9; |−9| ≥ 6 → reliable improvement; 18 ≥ 10 (case), 9 < 10 (not)
    // → recovery; both → reliable recovery = clinically significant improvement. The NHS fixed
    // points decide; the RCI is reported alongside: SD 6.1 (Kroenke 2001), r 0.84 → SE 2.44,
    // S_diff = sqrt(2) · 2.44 = 3.450681, RCI = −9 / 3.450681 = −2.608181.
    expect(o.sinceBaseline?.rci).toBeCloseTo(-2.608181, 5);
    expect(o.sinceBaseline).toMatchObject({
      difference: -9,
      reliableChangeThreshold: 6,
      method: 'fixed-points',
      category: 'reliable_improvement',
      clinicallySignificantImprovement: true,
      recovery: true,
      reliableRecovery: true,
    });
    expect(o.sinceBaseline?.statement).toBe(
      'PHQ-9 18 (moderately severe) on 2026-09-01 → 9 (mild) on 2026-11-20: −9 points, reliable improvement (≥ 6 points, NHS Talking Therapies) and recovery (below the caseness cut-off of 10), i.e. reliable recovery and clinically significant improvement.',
    );
    // Since previous valid (11, the invalid one skipped): −2 < 6 → no reliable change; 11 is a
    // case and 9 is not → recovery without reliable improvement.
    expect(o.sincePrevious).toMatchObject({
      difference: -2,
      category: 'no_reliable_change',
      recovery: true,
      reliableRecovery: false,
      clinicallySignificantImprovement: false,
    });
    expect(o.sincePrevious?.from.total).toBe(11);
    expect(o.cutoff).toBe(10);
    expect(o.bands).toEqual(INSTRUMENTS.phq9.bands);
    // Plateau: 4 valid scores (rule a can be judged) but latest 9 < 10 → not detected.
    // Slope over the 6 weeks before 2026-11-20 (from 2026-10-09): 11 on 10-13 and 9 on 11-20,
    // 38 days = 5.428571 weeks apart → −2 / 5.428571 = −0.368421 per week.
    expect(o.plateau).toMatchObject({ detected: false, reasons: [], slopePerWeek: -0.368 });
    expect(o.plateau?.message).toMatch(/below the caseness cut-off of 10/);
  });

  it('recovery is null when the baseline was not a case', () => {
    // GAD-7 6 → 12: +6 ≥ 4 → reliable deterioration; 6 < 8 at baseline → recovery null.
    const o = summarizeOutcome('gad7', [
      pt('2026-01-05T10:00:00Z', 6),
      pt('2026-01-19T10:00:00Z', 12),
    ]);
    expect(o.sinceBaseline).toMatchObject({
      difference: 6,
      category: 'reliable_deterioration',
      recovery: null,
      reliableRecovery: null,
      clinicallySignificantImprovement: false,
    });
    expect(o.sinceBaseline?.statement).toContain(
      '+6 points, reliable deterioration (≥ 4 points, NHS Talking Therapies); now at or above the caseness cut-off of 8 (below it before)',
    );
  });

  it('no valid scores: everything null; one score: no change, no plateau', () => {
    const none = summarizeOutcome('phq9', [pt('2026-01-05T10:00:00Z', null)]);
    expect(none).toMatchObject({
      baseline: null,
      latest: null,
      sinceBaseline: null,
      plateau: null,
    });
    expect(outcomeStatement(none)).toBeNull();
    const one = summarizeOutcome('phq9', [pt('2026-01-05T10:00:00Z', 12)]);
    expect(one.baseline).toEqual(one.latest);
    expect(one).toMatchObject({ sinceBaseline: null, sincePrevious: null, plateau: null });
    expect(outcomeStatement(one)).toBe(
      'PHQ-9 12 (moderate) on 2026-01-05 (the only valid score so far; no change to report).',
    );
    expect(summarizeOutcome('phq9', []).latest).toBeNull();
  });

  it('rejects the feedback form, totals outside the range and bad points', () => {
    expect(hasOutcome('feedback')).toBe(false);
    expect(hasOutcome('pcl5')).toBe(true);
    expect(() => summarizeOutcome('feedback', [])).toThrow(/not a symptom measure/);
    expect(() => summarizeOutcome('phq9', [pt('2026-01-05T10:00:00Z', 28)])).toThrow(
      /point 1 has a total outside 0–27/,
    );
    expect(() => summarizeOutcome('phq9', [pt('not a date', 3)])).toThrow(DocscribError);
    expect(() => summarizeOutcome('phq9', [], { administrations: 1 })).toThrow(/Plateau options/);
  });
});

describe('plateau', () => {
  // GAD-7 weekly, still ≥ 8: 14, 13, 12, 13, 12 at weeks 0–4.
  const weekly = [14, 13, 12, 13, 12].map((t, w) =>
    pt(new Date(Date.UTC(2026, 0, 5 + 7 * w, 10)).toISOString(), t),
  );

  it('fires both rules on a flat GAD-7 in the clinical range', () => {
    // (a) last 4: 13, 12, 13, 12; vs the first (13): −1, 0, −1, none ≥ 4 → no reliable improvement.
    // (b) all 5 in the 6-week window; x = 0..4, y = 14,13,12,13,12; x̄ = 2, ȳ = 12.8;
    //     Sxy = (−2)(1.2) + (−1)(0.2) + 0 + (1)(0.2) + (2)(−0.8) = −4; Sxx = 10 → −0.4 / week;
    //     |−0.4| < 0.5 → flat.
    const o = summarizeOutcome('gad7', weekly);
    expect(o.plateau).toMatchObject({
      detected: true,
      reasons: ['no_reliable_improvement', 'flat_trend'],
      slopePerWeek: -0.4,
    });
    expect(o.plateau?.message).toBe(
      'GAD-7 is still at or above the caseness cut-off of 8 (latest 12) with no reliable improvement over the last 4 administrations (since 13 on 2026-01-12) and a flat trend over the last 6 weeks (−0.40 points per week over 5 scores; flat is under 0.5): consider adapting the plan.',
    );
    // A stricter flatness (0.3 per week) leaves only rule (a).
    expect(summarizeOutcome('gad7', weekly, { flatSlopePerWeek: 0.3 }).plateau?.reasons).toEqual([
      'no_reliable_improvement',
    ]);
  });

  it('rule (a) alone when the scores are too sparse for the trend', () => {
    // PHQ-9 every 30 days: 16, 15, 14, 15. (a) vs 16: −1, −2, −1 < 6 → fires. (b) only 14 and 15
    // fall in the 6 weeks before the last → 2 scores < 3, not judged; slope (15 − 14) / (30/7) =
    // 0.233333 per week is still reported.
    const monthly = [16, 15, 14, 15].map((t, m) =>
      pt(new Date(Date.UTC(2026, 0, 1 + 30 * m, 10)).toISOString(), t),
    );
    const o = summarizeOutcome('phq9', monthly);
    expect(o.plateau).toMatchObject({
      detected: true,
      reasons: ['no_reliable_improvement'],
      slopePerWeek: 0.233,
    });
    // With N = 5 there are too few scores for (a) and too few in the window for (b): null.
    expect(summarizeOutcome('phq9', monthly, { administrations: 5 }).plateau).toBeNull();
  });

  it('a reliable improvement within the last N, or a steep trend, is no plateau', () => {
    // PCL-5 weekly 60, 55, 50: (a) needs 4 scores, not judged; (b) slope −5 / week, not flat.
    const pcl = [60, 55, 50].map((t, w) =>
      pt(new Date(Date.UTC(2026, 2, 2 + 7 * w, 10)).toISOString(), t),
    );
    const o = summarizeOutcome('pcl5', pcl);
    expect(o.plateau).toMatchObject({ detected: false, reasons: [], slopePerWeek: -5 });
    expect(o.plateau?.message).toMatch(/changing: no plateau/);
    // PHQ-9 20, 19, 13, 13 monthly: 13 vs 20 = −7 ≥ 6 → reliable improvement inside the last 4.
    const phq = [20, 19, 13, 13].map((t, m) =>
      pt(new Date(Date.UTC(2026, 0, 1 + 30 * m, 10)).toISOString(), t),
    );
    expect(summarizeOutcome('phq9', phq).plateau).toMatchObject({ detected: false });
  });

  it('slopePerWeek: least squares by hand, null for one time', () => {
    // (0 w, 10), (1 w, 8), (3 w, 4): x̄ = 4/3, ȳ = 22/3; Sxy = (−4/3)(8/3) + (−1/3)(2/3) +
    // (5/3)(−10/3) = (−32 − 2 − 50)/9 = −84/9; Sxx = (16 + 1 + 25)/9 = 42/9 → −2 per week.
    const s = slopePerWeek([
      { at: '2026-01-01T00:00:00Z', total: 10 },
      { at: '2026-01-08T00:00:00Z', total: 8 },
      { at: '2026-01-22T00:00:00Z', total: 4 },
    ]);
    expect(s).toBeCloseTo(-2, 10);
    expect(slopePerWeek([{ at: '2026-01-01T00:00:00Z', total: 3 }])).toBeNull();
    expect(
      slopePerWeek([
        { at: '2026-01-01T00:00:00Z', total: 3 },
        { at: '2026-01-01T00:00:00Z', total: 5 },
      ]),
    ).toBeNull();
  });
});

describe('precededImprovement', () => {
  const outcome = summarizeOutcome('phq9', PHQ9_POINTS);
  // Baseline 18 on 2026-09-01T09:00Z; first reliable improvement since baseline: 11 on
  // 2026-10-13T09:00Z (15 is only −3). Sessions counted: at/after the baseline and before it.
  const sessions = [
    { at: '2026-08-25T10:00:00Z', interventionIds: ['intake_assessment'] }, // before baseline
    { at: '2026-09-01T10:00:00Z', interventionIds: ['behavioral_activation', 'psychoeducation'] },
    { at: '2026-09-08', interventionIds: ['behavioral_activation', 'cognitive_restructuring'] },
    {
      at: '2026-09-15T10:00:00Z',
      interventionIds: ['cognitive_restructuring', 'behavioral_activation'],
    },
    { at: '2026-10-13', interventionIds: ['mindfulness'] }, // the improvement's day: after it
    { at: '2026-10-13T10:00:00Z', interventionIds: ['problem_solving'] }, // after the measure
    { at: '2026-10-13T09:00:00Z', interventionIds: ['grounding'] }, // at the measure: not before it
  ];

  it('counts the interventions in between, most frequent first', () => {
    // behavioral_activation 3, cognitive_restructuring 2, psychoeducation 1.
    expect(precededImprovement(outcome, sessions)).toEqual({
      instrument: 'phq9',
      interventionIds: ['behavioral_activation', 'cognitive_restructuring', 'psychoeducation'],
      from: '2026-09-01T09:00:00Z',
      to: '2026-10-13T09:00:00Z',
    });
  });

  it("compares date-only sessions with the points' local dates when they carry them", () => {
    // Baseline answered 2026-09-01T00:30Z = 2026-08-31 in Los Angeles; improvement
    // 2026-10-13T00:30Z = 2026-10-12 there. A session on the 31st is after the baseline locally,
    // one on 10-12 is the improvement's own day (not before it).
    const local = summarizeOutcome('phq9', [
      { at: '2026-09-01T00:30:00Z', total: 18, date: '2026-08-31' },
      { at: '2026-10-13T00:30:00Z', total: 11, date: '2026-10-12' },
    ]);
    const dated = [
      { at: '2026-08-31', interventionIds: ['behavioral_activation'] },
      { at: '2026-10-12', interventionIds: ['mindfulness'] },
    ];
    expect(precededImprovement(local, dated)?.interventionIds).toEqual(['behavioral_activation']);
    // Without local dates the UTC dates decide: the 31st falls before the baseline's 09-01.
    const utc = summarizeOutcome('phq9', [
      { at: '2026-09-01T00:30:00Z', total: 18 },
      { at: '2026-10-13T00:30:00Z', total: 11 },
    ]);
    expect(precededImprovement(utc, dated)?.interventionIds).toEqual(['mindfulness']);
    // Statements name the local date.
    expect(outcomeStatement(local)).toMatch(
      /^PHQ-9 11 \(moderate\) on 2026-10-12; since baseline 18 \(moderately severe\) on 2026-08-31/,
    );
  });

  it('null without a reliable improvement or without sessions in between', () => {
    expect(precededImprovement(outcome, sessions.slice(4))).toBeNull(); // none in between
    expect(precededImprovement(outcome, [])).toBeNull();
    const flat = summarizeOutcome('phq9', [
      pt('2026-01-01T10:00:00Z', 14),
      pt('2026-02-01T10:00:00Z', 12),
    ]);
    expect(precededImprovement(flat, sessions)).toBeNull();
    expect(() => precededImprovement(outcome, [{ at: 'soon', interventionIds: ['x'] }])).toThrow(
      /Session 1 has no valid date/,
    );
  });
});

describe('outcomeStatement', () => {
  it('states the latest score and band with date, change since baseline and its reliability', () => {
    expect(outcomeStatement(summarizeOutcome('phq9', PHQ9_POINTS))).toBe(
      'PHQ-9 9 (mild) on 2026-11-20; since baseline 18 (moderately severe) on 2026-09-01: −9 points, reliable improvement (≥ 6 points, NHS Talking Therapies) and recovery (below the caseness cut-off of 10), i.e. reliable recovery and clinically significant improvement.',
    );
    // GAD-7 14 → 12: −2 < 4, both ≥ 8.
    const gad = summarizeOutcome('gad7', [
      pt('2026-01-05T10:00:00Z', 14),
      pt('2026-02-02T10:00:00Z', 12),
    ]);
    expect(outcomeStatement(gad)).toBe(
      'GAD-7 12 (moderate) on 2026-02-02; since baseline 14 (moderate) on 2026-01-05: −2 points, no reliable change (reliable needs ≥ 4 points, NHS Talking Therapies); still at or above the caseness cut-off of 8.',
    );
    // PCL-5 50 → 30: −20 ≥ 18 (Marx et al. 2022) and 30 < 33.
    const pcl = summarizeOutcome('pcl5', [
      pt('2026-03-02T10:00:00Z', 50),
      pt('2026-05-04T10:00:00Z', 30),
    ]);
    expect(outcomeStatement(pcl)).toMatch(
      /^PCL-5 30 \(below the provisional PTSD cut-off\) on 2026-05-04; since baseline 50 .* −20 points, reliable improvement \(≥ 18 points, Marx et al\. 2022\) and recovery/,
    );
  });
});

describe('instrumentChange with a sourced SD and no fixed points (Jacobson–Truax decides)', () => {
  // A PHQ-9 variant with SD 5.7 and no fixed points; test–retest r 0.84 is preferred over alpha
  // 0.89: SE = 5.7 · sqrt(0.16) = 2.28; S_diff = sqrt(2 · 2.28²) = 3.224407;
  //   threshold = 1.96 · 3.224407 = 6.319838 points.
  const inst = SymptomInstrumentSchema.parse({
    ...INSTRUMENTS.phq9,
    change: {
      ...INSTRUMENTS.phq9.change,
      sd: { value: 5.7, population: 'test sample', source: { citation: 'test' } },
      reliableChangePoints: null,
    },
  });

  it('−6 is not reliable (< 6.32), −7 is (RCI −7 / 3.224407 = −2.170942)', () => {
    const six = instrumentChange(inst, 18, 12);
    expect(six?.constants.method).toBe('jacobson-truax');
    expect(six?.constants.reliability?.kind).toBe('test_retest');
    expect(six?.clinical.reliable.reliableChangeThreshold).toBeCloseTo(6.319838, 5);
    expect(six?.category).toBe('no_reliable_change');
    const seven = instrumentChange(inst, 18, 11);
    expect(seven?.category).toBe('reliable_improvement');
    expect(seven?.clinical.reliable.rci).toBeCloseTo(-2.170942, 5);
    expect(seven && changeClause(seven)).toBe(
      '−7 points, reliable improvement (more than 6.3 points, Jacobson–Truax; RCI −2.17); still at or above the caseness cut-off of 10',
    );
  });

  it('null without any change constants; totals outside the range are refused', () => {
    const bare = SymptomInstrumentSchema.parse({
      ...INSTRUMENTS.pcl5,
      change: { ...INSTRUMENTS.pcl5.change, reliableChangePoints: null },
    });
    expect(instrumentChange(bare, 50, 20)).toBeNull();
    const o = summarizeOutcome('pcl5', [pt('2026-03-02T10:00:00Z', 50)]);
    expect(o.sinceBaseline).toBeNull();
    expect(() => instrumentChange(inst, 18, 30)).toThrow(
      /after PHQ-9 total is not a whole number from 0 to 27/,
    );
    expect(() => instrumentChange(inst, 2.5, 3)).toThrow(DocscribError);
  });
});

describe('instrumentChange with the real constants (fixed points decide, RCI reported)', () => {
  // PHQ-9: SD 6.1 (Kroenke et al. 2001, 41 patients with major depression), test–retest r 0.84:
  //   SE = 6.1 · sqrt(1 − 0.84) = 6.1 · 0.4 = 2.44; S_diff = sqrt(2) · 2.44 = 3.450681;
  //   Jacobson–Truax threshold 1.96 · 3.450681 = 6.763335 points. The NHS 6 points decide.
  it('PHQ-9 18 → 12: −6 is reliable by the NHS 6 points; RCI −6 / 3.450681 = −1.738787 reported', () => {
    const c = instrumentChange(INSTRUMENTS.phq9, 18, 12);
    expect(c?.constants.method).toBe('fixed-points');
    expect(c?.constants.reliableChangePoints?.points).toBe(6);
    expect(c?.constants.sd?.value).toBe(6.1);
    expect(c?.constants.reliability).toMatchObject({ kind: 'test_retest', value: 0.84 });
    expect(c?.category).toBe('reliable_improvement');
    expect(c?.clinical.reliable.reliableChangeThreshold).toBe(6);
    expect(c?.clinical.reliable.standardError).toBeCloseTo(2.44, 9);
    expect(c?.clinical.reliable.sDiff).toBeCloseTo(3.450681, 5);
    expect(c?.clinical.reliable.rci).toBeCloseTo(-1.738787, 5);
    // |RCI| 1.74 < 1.96: not reliable by Jacobson–Truax alone, which needs more than 6.76 points.
    expect(Math.abs(c?.clinical.reliable.rci ?? 0)).toBeLessThan(1.96);
    expect(1.96 * (c?.clinical.reliable.sDiff ?? 0)).toBeCloseTo(6.763335, 5);
    // The statement keeps the deciding convention's wording.
    expect(c && changeClause(c)).toBe(
      '−6 points, reliable improvement (≥ 6 points, NHS Talking Therapies); still at or above the caseness cut-off of 10',
    );
  });

  it('PHQ-9 10 → 17: +7 is reliable deterioration; RCI 7 / 3.450681 = 2.028585', () => {
    const c = instrumentChange(INSTRUMENTS.phq9, 10, 17);
    expect(c?.category).toBe('reliable_deterioration');
    expect(c?.clinical.reliable.rci).toBeCloseTo(2.028585, 5);
  });

  it('the outcome summary reports the PHQ-9 RCI since the previous score too', () => {
    // 11 → 9: −2; RCI = −2 / 3.450681 = −0.579596; no reliable change (< 6 points).
    const o = summarizeOutcome('phq9', PHQ9_POINTS);
    expect(o.sincePrevious?.method).toBe('fixed-points');
    expect(o.sincePrevious?.rci).toBeCloseTo(-0.579596, 5);
  });

  it('GAD-7 and PCL-5 have no verified SD: the RCI stays null, the fixed points decide', () => {
    const gad = instrumentChange(INSTRUMENTS.gad7, 12, 7);
    expect(gad?.constants).toMatchObject({ method: 'fixed-points', sd: null, reliability: null });
    expect(gad?.clinical.reliable.rci).toBeNull();
    expect(gad?.category).toBe('reliable_improvement'); // −5, at least 4
    const pcl = instrumentChange(INSTRUMENTS.pcl5, 50, 33);
    expect(pcl?.clinical.reliable.rci).toBeNull();
    expect(pcl?.category).toBe('no_reliable_change'); // −17 < 18
  });
});
