/**
 * The change constants of the symptom measures: the sourced reference-sample SD of the PHQ-9 and
 * the Jacobson–Truax thresholds it gives (hand-computed in the comments), and the unverified SDs
 * of the GAD-7 and PCL-5 staying null with a note of what was searched.
 */
import { describe, expect, it } from 'vitest';
import { reliableChange } from './change.js';
import { INSTRUMENTS } from './instruments.js';

describe('PHQ-9 reference-sample SD (Kroenke et al. 2001)', () => {
  const { change } = INSTRUMENTS.phq9;

  it('is the clinical-sample SD 6.1 with its population and source', () => {
    expect(change.sd?.value).toBe(6.1);
    expect(change.sd?.population).toMatch(/^clinical sample: .*major depression.*n = 41/);
    expect(change.sd?.source.citation).toMatch(/^Kroenke K, Spitzer RL, Williams JBW\. The PHQ-9/);
    expect(change.sd?.source.citation).toContain('J Gen Intern Med 2001;16(9):606–613');
    expect(change.sd?.source.citation).toContain('17.1 (SD 6.1) in the 41 patients');
    // The NHS fixed points stay: they decide; the RCI is reported alongside.
    expect(change.reliableChangePoints?.points).toBe(6);
    expect(change.note).toMatch(/Jacobson–Truax RCI is reported alongside/);
  });

  it('gives the Jacobson–Truax threshold 6.76 points with test–retest r 0.84', () => {
    // SE = 6.1 · sqrt(1 − 0.84) = 6.1 · 0.4 = 2.44; S_diff = sqrt(2 · 2.44²) = 3.450681;
    // 1.96 · S_diff = 6.763335. 18 → 11 (−7): RCI = −7 / 3.450681 = −2.028585 → reliable.
    const r = change.reliability.find((x) => x.kind === 'test_retest');
    expect(r?.value).toBe(0.84);
    const rc = reliableChange({
      before: 18,
      after: 11,
      sdBaseline: change.sd?.value ?? Number.NaN,
      reliability: r?.value ?? Number.NaN,
    });
    expect(rc.standardError).toBeCloseTo(2.44, 9);
    expect(rc.sDiff).toBeCloseTo(3.450681, 5);
    expect(rc.reliableChangeThreshold).toBeCloseTo(6.763335, 5);
    expect(rc.rci).toBeCloseTo(-2.028585, 5);
    expect(rc.reliableImprovement).toBe(true);
  });

  it('with Cronbach alpha 0.89 instead the threshold would be 5.61 points (not used)', () => {
    // SE = 6.1 · sqrt(0.11) = 2.023141; S_diff = sqrt(2) · 2.023141 = 2.861154;
    // 1.96 · 2.861154 = 5.607861. The change module prefers test–retest (0.84).
    const rc = reliableChange({ before: 18, after: 12, sdBaseline: 6.1, reliability: 0.89 });
    expect(rc.sDiff).toBeCloseTo(2.861154, 5);
    expect(rc.reliableChangeThreshold).toBeCloseTo(5.607861, 5);
  });
});

describe('GAD-7 and PCL-5: no verified reference-sample SD', () => {
  it('GAD-7 SD is null and the note says what was searched', () => {
    const { change } = INSTRUMENTS.gad7;
    expect(change.sd).toBeNull();
    expect(change.reliableChangePoints?.points).toBe(4);
    expect(change.note).toMatch(/No verified reference-sample SD of the GAD-7 total/);
    expect(change.note).toContain('Spitzer et al. 2006');
    expect(change.note).toContain('Löwe et al. 2008');
  });

  it('PCL-5 SD is null and the note says what was searched', () => {
    const { change } = INSTRUMENTS.pcl5;
    expect(change.sd).toBeNull();
    expect(change.reliableChangePoints?.points).toBe(18);
    expect(change.note).toMatch(/No verified reference-sample SD/);
    expect(change.note).toContain('Blevins et al. 2015');
    expect(change.note).toContain('Bovin et al. 2016');
  });
});
