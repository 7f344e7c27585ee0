import { describe, expect, it } from 'vitest';
import { DocscribError } from '../errors.js';
import { INSTRUMENT_IDS, INSTRUMENTS } from './instruments.js';
import {
  InstrumentSchema,
  ScoreResultSchema,
  type Instrument,
  type InstrumentId,
} from './schema.js';
import { getInstrument, scoreInstrument, scoreWith } from './score.js';
import { errorOf } from '../test-helpers.js';

/** Answers summing to `total`, filled from item 1 (so PHQ-9 item 9 stays 0 when possible). */
function answersFor(id: InstrumentId, total: number): number[] {
  const inst = INSTRUMENTS[id];
  const hi = Math.max(...inst.answerOptions.map((o) => o.value));
  let left = total;
  return inst.items.map(() => {
    const v = Math.min(hi, left);
    left -= v;
    return v;
  });
}

describe('instrument data', () => {
  it('validates and has the published shapes', () => {
    for (const id of INSTRUMENT_IDS) {
      expect(() => InstrumentSchema.parse(INSTRUMENTS[id])).not.toThrow();
      expect(INSTRUMENTS[id].id).toBe(id);
    }
    expect(INSTRUMENTS.phq9.items).toHaveLength(9);
    expect(INSTRUMENTS.gad7.items).toHaveLength(7);
    expect(INSTRUMENTS.pcl5.items).toHaveLength(20);
    expect(INSTRUMENTS.phq9.scoreRange).toEqual({ min: 0, max: 27 });
    expect(INSTRUMENTS.gad7.scoreRange).toEqual({ min: 0, max: 21 });
    expect(INSTRUMENTS.pcl5.scoreRange).toEqual({ min: 0, max: 80 });
    expect(INSTRUMENTS.phq9.cutoff.score).toBe(10);
    expect(INSTRUMENTS.gad7.cutoff.score).toBe(8);
    expect(INSTRUMENTS.pcl5.cutoff.score).toBe(33);
    expect(INSTRUMENTS.phq9.loinc.total).toBe('44261-6');
    expect(INSTRUMENTS.phq9.loinc.items.phq9_9).toBe('44260-8');
    expect(INSTRUMENTS.gad7.loinc.total).toBe('70274-6');
  });

  it('rejects inconsistent instrument data (gaps in bands, alerts on unknown items)', () => {
    const gap = { ...INSTRUMENTS.gad7, bands: INSTRUMENTS.gad7.bands.filter((_, i) => i !== 1) };
    expect(InstrumentSchema.safeParse(gap).success).toBe(false);
    const alert = {
      ...INSTRUMENTS.gad7,
      itemAlerts: [{ itemId: 'gad7_99', minValue: 1, message: 'x' }],
    };
    expect(InstrumentSchema.safeParse(alert).success).toBe(false);
    const range = { ...INSTRUMENTS.pcl5, scoreRange: { min: 0, max: 60 } };
    expect(InstrumentSchema.safeParse(range).success).toBe(false);
  });
});

describe('band edges', () => {
  const cases: [InstrumentId, number, string, boolean][] = [
    ['phq9', 0, 'minimal', false],
    ['phq9', 4, 'minimal', false],
    ['phq9', 5, 'mild', false],
    ['phq9', 9, 'mild', false],
    ['phq9', 10, 'moderate', true],
    ['phq9', 14, 'moderate', true],
    ['phq9', 15, 'moderately_severe', true],
    ['phq9', 19, 'moderately_severe', true],
    ['phq9', 20, 'severe', true],
    ['phq9', 27, 'severe', true],
    ['gad7', 0, 'minimal', false],
    ['gad7', 4, 'minimal', false],
    ['gad7', 5, 'mild', false],
    ['gad7', 7, 'mild', false],
    ['gad7', 8, 'mild', true],
    ['gad7', 9, 'mild', true],
    ['gad7', 10, 'moderate', true],
    ['gad7', 14, 'moderate', true],
    ['gad7', 15, 'severe', true],
    ['gad7', 21, 'severe', true],
    ['pcl5', 0, 'below_cutoff', false],
    ['pcl5', 32, 'below_cutoff', false],
    ['pcl5', 33, 'above_cutoff', true],
    ['pcl5', 80, 'above_cutoff', true],
  ];
  it.each(cases)('%s total %i → %s (caseness %s)', (id, total, severity, caseness) => {
    const answers = answersFor(id, total);
    expect(answers.reduce((a, b) => a + b, 0)).toBe(total);
    const r = scoreInstrument(id, answers);
    expect(ScoreResultSchema.parse(r)).toEqual(r);
    expect(r).toMatchObject({ instrument: id, total, valid: true, prorated: false, caseness });
    expect(r.band?.severity).toBe(severity);
    expect(r.missing).toBe(0);
  });
});

describe('worked examples (hand-computed)', () => {
  it('PHQ-9 [1,2,1,3,0,2,1,0,0] = 10, moderate, a case, no alert', () => {
    const r = scoreInstrument('phq9', [1, 2, 1, 3, 0, 2, 1, 0, 0]);
    expect(r.total).toBe(10);
    expect(r.band?.label).toBe('Moderate');
    expect(r.caseness).toBe(true);
    expect(r.alerts).toEqual([]);
  });

  it('GAD-7 keyed by item id equals the same answers in order', () => {
    const ordered = [3, 2, 2, 1, 0, 1, 3];
    const keyed = Object.fromEntries(ordered.map((v, i) => [`gad7_${i + 1}`, v]));
    expect(scoreInstrument('gad7', keyed)).toEqual(scoreInstrument('gad7', ordered));
    expect(scoreInstrument('gad7', ordered).total).toBe(12);
  });

  it('PCL-5 all "Moderately" (2) = 40, above the provisional cut-off', () => {
    const r = scoreInstrument('pcl5', new Array<number>(20).fill(2));
    expect(r.total).toBe(40);
    expect(r.caseness).toBe(true);
  });
});

describe('published scoring method and rules', () => {
  it('PHQ-9 scoring guide: boxes per column × column value, summed (range 0–27)', () => {
    // The PHQ-9 scoring guide: count the boxes checked in each column, multiply by the column's
    // value, add the subtotals. 3 × "Not at all" (0) + 3 × "Several days" (1) + 2 × "More than
    // half the days" (2) + 1 × "Nearly every day" (3) = 0 + 3 + 4 + 3 = 10 → moderate (10–14).
    const answers = [1, 0, 2, 1, 0, 3, 2, 1, 0];
    const byColumn = [0, 1, 2, 3].map((v) => answers.filter((a) => a === v).length * v);
    expect(byColumn).toEqual([0, 3, 4, 3]);
    const r = scoreInstrument('phq9', answers);
    expect(r.total).toBe(10);
    expect(r.band?.severity).toBe('moderate');
  });

  it('PCL-5: sum of 20 items (0–80), no prorating (none published), reliable change 18 (Marx 2022)', () => {
    const pcl5 = INSTRUMENTS.pcl5;
    expect(pcl5.missingRule.kind).toBe('invalid_if_any_missing');
    expect(pcl5.missingRule.note).toMatch(/National Center for PTSD .* publishes no rule/);
    expect(pcl5.change.reliableChangePoints).toMatchObject({
      points: 18,
      label: 'Marx et al. 2022',
    });
    expect(pcl5.change.sd).toBeNull();
    const r = scoreInstrument('pcl5', [...new Array<number>(19).fill(4), null]);
    expect(r).toMatchObject({ total: null, valid: false, missing: 1 });
  });
});

describe('PHQ-9 item 9 alert', () => {
  it('fires with a total of 1 (only item 9 answered above 0)', () => {
    const r = scoreInstrument('phq9', [0, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(r.total).toBe(1);
    expect(r.band?.severity).toBe('minimal');
    expect(r.alerts).toEqual([
      { itemId: 'phq9_9', value: 1, message: INSTRUMENTS.phq9.itemAlerts[0]?.message },
    ]);
  });

  it('fires when the total is invalid because other items are missing', () => {
    const r = scoreInstrument('phq9', { phq9_1: 2, phq9_9: 3 });
    expect(r.valid).toBe(false);
    expect(r.total).toBeNull();
    expect(r.alerts.map((a) => [a.itemId, a.value])).toEqual([['phq9_9', 3]]);
  });

  it('does not fire for 0 or an unanswered item 9', () => {
    expect(scoreInstrument('phq9', answersFor('phq9', 24)).alerts).toEqual([]); // 3×8, item 9 = 0
    expect(scoreInstrument('phq9', [3, 3, 3, 3, 3, 3, 3, 3, null]).alerts).toEqual([]);
  });
});

describe('missing answers', () => {
  it.each(INSTRUMENT_IDS)('%s: one unanswered item → no total, stated reason', (id) => {
    const answers: (number | null)[] = answersFor(id, 3);
    answers[answers.length - 1] = null;
    const r = scoreInstrument(id, answers);
    expect(r).toMatchObject({ total: null, band: null, caseness: null, valid: false });
    expect(r.missing).toBe(1);
    expect(r.answered).toBe(answers.length - 1);
    expect(r.reason).toMatch(/1 of \d+ .* items unanswered; it is not scored when any item/);
  });

  it('absent keys count as unanswered', () => {
    const r = scoreInstrument('gad7', { gad7_1: 1 });
    expect(r).toMatchObject({ answered: 1, missing: 6, valid: false });
  });

  // No built-in instrument prorates yet (no verified source); the mechanism is data-driven.
  const prorating: Instrument = InstrumentSchema.parse({
    ...INSTRUMENTS.gad7,
    missingRule: { kind: 'prorate', maxMissing: 1, source: { citation: 'test' }, note: 'test' },
  });
  it('prorates within the rule: round(sum × items / answered)', () => {
    // 6 answered summing to 10 → 10 × 7 / 6 = 11.67 → 12.
    const r = scoreWith(prorating, [2, 2, 2, 2, 1, 1, null]);
    expect(r).toMatchObject({ total: 12, prorated: true, valid: true, missing: 1 });
    expect(r.band?.severity).toBe('moderate');
  });
  it('is invalid beyond the rule', () => {
    const r = scoreWith(prorating, [2, 2, 2, 2, 1, null, null]);
    expect(r).toMatchObject({ total: null, prorated: false, valid: false, missing: 2 });
    expect(r.reason).toMatch(/at most 1 item/);
  });
});

describe('bad input', () => {
  it('unknown instrument', () => {
    const e = errorOf(() => scoreInstrument('bdi2', []));
    expect(e.code).toBe('input.parse');
    expect(e.hint).toContain('phq9, gad7, pcl5');
    expect(() => getInstrument('PHQ9')).toThrow(DocscribError);
  });

  it('wrong number of answers', () => {
    const e = errorOf(() => scoreInstrument('phq9', [0, 0, 0]));
    expect(e.message).toBe('PHQ-9 needs 9 answers; 3 were given.');
    expect(errorOf(() => scoreInstrument('gad7', new Array<number>(8).fill(0))).message).toMatch(
      /needs 7 answers; 8/,
    );
  });

  it('value outside the scale names the item, not the value', () => {
    const e = errorOf(() => scoreInstrument('phq9', [0, 0, 0, 0, 0, 0, 0, 4, 0]));
    expect(e.message).toBe('PHQ-9 item 8 (phq9_8) has an answer outside the scale.');
    expect(e.location.field).toBe('answers.phq9_8');
    expect(errorOf(() => scoreInstrument('gad7', [0, 0, 1.5, 0, 0, 0, 0])).message).toMatch(
      /item 3 \(gad7_3\)/,
    );
    expect(errorOf(() => scoreInstrument('gad7', [0, 0, 0, -1, 0, 0, 0])).message).toMatch(
      /item 4/,
    );
    // A string smuggled in at runtime is rejected and never echoed.
    const smuggled = [0, 0, 0, 0, 'my secret', 0, 0] as unknown as number[];
    const s = errorOf(() => scoreInstrument('gad7', smuggled));
    expect(s.message).not.toContain('secret');
    expect(s.message).toMatch(/item 5/);
    // PCL-5 accepts 4, PHQ-9 does not.
    expect(scoreInstrument('pcl5', [4, ...new Array<number>(19).fill(0)]).total).toBe(4);
  });

  it('unknown item ids in keyed answers', () => {
    const e = errorOf(() => scoreInstrument('gad7', { gad7_1: 1, gad7_8: 2 }));
    expect(e.message).toBe('GAD-7 answers include 1 unknown item id(s).');
    expect(errorOf(() => scoreInstrument('phq9', { gad7_1: 1 })).code).toBe('input.parse');
  });

  it('neither list nor object', () => {
    const e = errorOf(() => scoreInstrument('phq9', 5 as unknown as number[]));
    expect(e.message).toMatch(/must be a list or an object/);
  });
});
