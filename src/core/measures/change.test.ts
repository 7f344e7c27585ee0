import { describe, expect, it } from 'vitest';
import { clinicalChange, criterionC, reliableChange } from './change.js';
import { errorOf } from '../test-helpers.js';

// Literature-like PHQ-9 constants: Cronbach alpha 0.89 (Kroenke et al. 2001), baseline SD 5.7.
//   SE     = 5.7 · sqrt(1 − 0.89) = 5.7 · sqrt(0.11) = 5.7 · 0.331662 = 1.890476
//   S_diff = sqrt(2 · 1.890476²) = sqrt(2 · 3.573900) = sqrt(7.147800) = 2.673537
//   threshold = 1.96 · 2.673537 = 5.240132 points
const PHQ9 = { sdBaseline: 5.7, reliability: 0.89 };

describe('reliableChange (Jacobson & Truax 1991)', () => {
  it('computes SE, S_diff, the threshold and the RCI by hand', () => {
    // 18 → 12: change −6; RCI = −6 / 2.673537 = −2.244218; |−2.244| > 1.96 → reliable improvement.
    const r = reliableChange({ before: 18, after: 12, ...PHQ9 });
    expect(r.change).toBe(-6);
    expect(r.standardError).toBeCloseTo(1.890476, 5);
    expect(r.sDiff).toBeCloseTo(2.673537, 5);
    expect(r.reliableChangeThreshold).toBeCloseTo(5.240132, 5);
    expect(r.rci).toBeCloseTo(-2.244218, 5);
    expect(r.method).toBe('jacobson-truax');
    expect(r).toMatchObject({
      reliableImprovement: true,
      reliableDeterioration: false,
      noReliableChange: false,
    });
  });

  it('a 5-point drop is below the 5.24-point threshold: no reliable change', () => {
    // 15 → 10: RCI = −5 / 2.673537 = −1.870182; |−1.870| < 1.96.
    const r = reliableChange({ before: 15, after: 10, ...PHQ9 });
    expect(r.rci).toBeCloseTo(-1.870182, 5);
    expect(r).toMatchObject({
      reliableImprovement: false,
      reliableDeterioration: false,
      noReliableChange: true,
    });
  });

  it('a 6-point rise is reliable deterioration', () => {
    // 10 → 16: RCI = +6 / 2.673537 = +2.244218 > 1.96, and higher is worse.
    const r = reliableChange({ before: 10, after: 16, ...PHQ9 });
    expect(r.rci).toBeCloseTo(2.244218, 5);
    expect(r.reliableDeterioration).toBe(true);
    expect(r.reliableImprovement).toBe(false);
  });

  it('exactly at the threshold is not reliable (RC must be larger than 1.96); just past it is', () => {
    // SD 1, r 0.5: SE = sqrt(0.5) = 0.707107; S_diff = sqrt(2 · 0.5) = 1; threshold = 1.96 · 1 = 1.96.
    const at = reliableChange({ before: 10, after: 8.04, sdBaseline: 1, reliability: 0.5 });
    expect(at.sDiff).toBe(1);
    expect(at.reliableChangeThreshold).toBeCloseTo(1.96, 12);
    expect(at.rci).toBeCloseTo(-1.96, 9);
    expect(at.noReliableChange).toBe(true);
    // 10 → 8.03: change −1.97, RCI −1.97 < −1.96 → reliable improvement.
    const past = reliableChange({ before: 10, after: 8.03, sdBaseline: 1, reliability: 0.5 });
    expect(past.reliableImprovement).toBe(true);
  });

  it('no change is never reliable, whatever the threshold', () => {
    const r = reliableChange({ before: 12, after: 12, reliableChangePoints: 6 });
    expect(r.rci).toBeNull();
    expect(r.noReliableChange).toBe(true);
  });

  it('when higher is better, a rise is improvement', () => {
    // 40 → 50: change +10 with a 6-point fixed threshold → reliable, and higher is better.
    const r = reliableChange({
      before: 40,
      after: 50,
      reliableChangePoints: 6,
      higherIsWorse: false,
    });
    expect(r.reliableImprovement).toBe(true);
    expect(r.reliableDeterioration).toBe(false);
  });
});

describe('reliableChange with NHS Talking Therapies fixed thresholds', () => {
  it('PHQ-9: a drop of 6 points is reliable, a drop of 5 is not', () => {
    const six = reliableChange({ before: 16, after: 10, reliableChangePoints: 6 });
    expect(six.method).toBe('fixed-points');
    expect(six.reliableChangeThreshold).toBe(6);
    expect(six.reliableImprovement).toBe(true);
    const five = reliableChange({ before: 15, after: 10, reliableChangePoints: 6 });
    expect(five.noReliableChange).toBe(true);
  });

  it('GAD-7: a rise of 4 points is reliable deterioration, a rise of 3 is not', () => {
    expect(
      reliableChange({ before: 5, after: 9, reliableChangePoints: 4 }).reliableDeterioration,
    ).toBe(true);
    expect(reliableChange({ before: 5, after: 8, reliableChangePoints: 4 }).noReliableChange).toBe(
      true,
    );
  });

  it('fixed points decide when given with SD and r; the RCI is still reported', () => {
    // 16 → 10.5: change −5.5. Jacobson–Truax: 5.5 > 5.240 would be reliable; the NHS 6 points decide: not.
    const r = reliableChange({ before: 16, after: 10.5, ...PHQ9, reliableChangePoints: 6 });
    expect(r.method).toBe('fixed-points');
    expect(r.rci).toBeCloseTo(-5.5 / 2.673537, 5); // −2.057200
    expect(r.noReliableChange).toBe(true);
  });
});

describe('criterionC', () => {
  it('weights the two means by the other sample SD', () => {
    // clinical M 17, SD 5; functional M 3, SD 3: c = (3·17 + 5·3) / (3 + 5) = (51 + 15) / 8 = 8.25.
    expect(criterionC({ clinical: { mean: 17, sd: 5 }, functional: { mean: 3, sd: 3 } })).toBe(
      8.25,
    );
  });
});

describe('clinicalChange (NHS Talking Therapies conventions, Jacobson & Truax 1991)', () => {
  const phq9Nhs = { cutoff: 10, reliableChangePoints: 6 };
  const gad7Nhs = { cutoff: 8, reliableChangePoints: 4 };

  it('PHQ-9 16 → 8: case at baseline, not at the end, 8-point drop → reliable recovery', () => {
    const c = clinicalChange({ before: 16, after: 8, ...phq9Nhs });
    expect(c).toMatchObject({
      cutoff: 10,
      cutoffSource: 'given',
      caseAtBaseline: true,
      caseAtEnd: false,
      recovery: true,
      reliableImprovement: true,
      reliableRecovery: true,
      reliableDeterioration: false,
      clinicallySignificantImprovement: true,
    });
  });

  it('caseness is score ≥ cut-off: PHQ-9 10 → 9 recovers, but a 1-point drop is not reliable', () => {
    const c = clinicalChange({ before: 10, after: 9, ...phq9Nhs });
    expect(c.caseAtBaseline).toBe(true);
    expect(c.caseAtEnd).toBe(false);
    expect(c.recovery).toBe(true);
    expect(c.reliableRecovery).toBe(false);
    expect(c.clinicallySignificantImprovement).toBe(false);
  });

  it('not a case at baseline cannot recover, even with reliable improvement', () => {
    // PHQ-9 9 → 2: 9 < 10 so not a case; drop 7 ≥ 6 is reliable improvement.
    const c = clinicalChange({ before: 9, after: 2, ...phq9Nhs });
    expect(c.caseAtBaseline).toBe(false);
    expect(c.reliableImprovement).toBe(true);
    expect(c.recovery).toBe(false);
    expect(c.reliableRecovery).toBe(false);
    expect(c.clinicallySignificantImprovement).toBe(false);
  });

  it('reliable improvement that stays in the clinical range is not recovery', () => {
    // PHQ-9 24 → 15: drop 9 ≥ 6 reliable; 15 ≥ 10 still a case.
    const c = clinicalChange({ before: 24, after: 15, ...phq9Nhs });
    expect(c.reliableImprovement).toBe(true);
    expect(c.caseAtEnd).toBe(true);
    expect(c.recovery).toBe(false);
    expect(c.reliableRecovery).toBe(false);
  });

  it('GAD-7 9 → 5 is reliable recovery; 9 → 6 is recovery only; 6 → 10 is reliable deterioration', () => {
    expect(clinicalChange({ before: 9, after: 5, ...gad7Nhs }).reliableRecovery).toBe(true);
    const onlyRecovery = clinicalChange({ before: 9, after: 6, ...gad7Nhs });
    expect(onlyRecovery.recovery).toBe(true);
    expect(onlyRecovery.reliableRecovery).toBe(false);
    const worse = clinicalChange({ before: 6, after: 10, ...gad7Nhs });
    expect(worse.reliableDeterioration).toBe(true);
    expect(worse.caseAtEnd).toBe(true);
    expect(worse.recovery).toBe(false);
  });

  it('uses Jacobson–Truax criterion c with the computed RCI', () => {
    // c = 8.25 (see criterionC). 14 → 7: change −7, |−7| > 5.240 → reliable; 14 ≥ 8.25, 7 < 8.25.
    const normative = { clinical: { mean: 17, sd: 5 }, functional: { mean: 3, sd: 3 } };
    const c = clinicalChange({ before: 14, after: 7, ...PHQ9, normative });
    expect(c.cutoff).toBe(8.25);
    expect(c.cutoffSource).toBe('jacobson-truax-c');
    expect(c.reliable.rci).toBeCloseTo(-7 / 2.673537, 5); // −2.618254
    expect(c.clinicallySignificantImprovement).toBe(true);
    // 12 → 8: crosses c, but a 4-point drop is below 5.240 → not clinically significant.
    expect(
      clinicalChange({ before: 12, after: 8, ...PHQ9, normative }).clinicallySignificantImprovement,
    ).toBe(false);
  });
});

describe('input errors', () => {
  it('rejects non-numeric scores', () => {
    const e = errorOf(() =>
      reliableChange({ before: Number.NaN, after: 3, reliableChangePoints: 6 }),
    );
    expect(e.code).toBe('usage');
    expect(e.location.field).toBe('before');
    expect(e.message).toMatch(/before score is not a number/);
  });

  it('rejects a missing threshold, half of SD/r, a bad reliability and a bad SD', () => {
    expect(errorOf(() => reliableChange({ before: 1, after: 2 })).message).toMatch(
      /either the baseline SD/,
    );
    expect(
      errorOf(() => reliableChange({ before: 1, after: 2, sdBaseline: 5 })).location.field,
    ).toBe('reliability');
    const r1 = errorOf(() =>
      reliableChange({ before: 1, after: 2, sdBaseline: 5, reliability: 1 }),
    );
    expect(r1.code).toBe('usage');
    expect(r1.location.field).toBe('reliability');
    expect(
      errorOf(() => reliableChange({ before: 1, after: 2, sdBaseline: 0, reliability: 0.8 }))
        .location.field,
    ).toBe('sdBaseline');
    expect(
      errorOf(() => reliableChange({ before: 1, after: 2, reliableChangePoints: -6 })).location
        .field,
    ).toBe('reliableChangePoints');
  });

  it('clinicalChange needs exactly one of cutoff and normative samples', () => {
    expect(
      errorOf(() => clinicalChange({ before: 12, after: 4, reliableChangePoints: 6 })).message,
    ).toMatch(/needs a cut-off/);
    const both = errorOf(() =>
      clinicalChange({
        before: 12,
        after: 4,
        reliableChangePoints: 6,
        cutoff: 10,
        normative: { clinical: { mean: 17, sd: 5 }, functional: { mean: 3, sd: 3 } },
      }),
    );
    expect(both.code).toBe('usage');
    expect(both.message).toMatch(/only one/);
  });
});
