/**
 * The client feedback form: DocScrib's own wording, scored 0–16, no bands, cut-off or change
 * statistics, and a process prompt (never a clinical alert) when any item is rated ≤ 1.
 */
import { describe, expect, it } from 'vitest';
import { DocscribError } from '../errors.js';
import { INSTRUMENTS, SYMPTOM_INSTRUMENT_IDS } from './instruments.js';
import { FeedbackInstrumentSchema, InstrumentSchema, ScoreResultSchema } from './schema.js';
import { getSymptomInstrument, scoreInstrument } from './score.js';

const FEEDBACK = INSTRUMENTS.feedback;

describe('feedback form data', () => {
  it('is a feedback instrument with no norms invented', () => {
    expect(InstrumentSchema.parse(FEEDBACK)).toEqual(FEEDBACK);
    expect(FEEDBACK).toMatchObject({
      kind: 'feedback',
      higherIsWorse: false,
      bands: [],
      bandsSource: null,
      cutoff: null,
      change: null,
      itemAlerts: [],
      scoreRange: { min: 0, max: 16 },
      licence: 'DocScrib original, free to use.',
    });
    expect(FEEDBACK.items.map((i) => i.id)).toEqual([
      'feedback_1',
      'feedback_2',
      'feedback_3',
      'feedback_4',
    ]);
    expect(FEEDBACK.answerOptions.map((o) => o.value)).toEqual([0, 1, 2, 3, 4]);
    for (const o of FEEDBACK.answerOptions) expect(o.label.length).toBeGreaterThan(0);
    expect(FEEDBACK.processPrompt.message).toMatch(/not a clinical cut-off/);
    // Only the symptom measures carry change statistics.
    expect(SYMPTOM_INSTRUMENT_IDS).toEqual(['phq9', 'gad7', 'pcl5']);
  });

  it('does not reuse the wording of copyrighted session rating scales', () => {
    const text = [FEEDBACK.stem, ...FEEDBACK.items.map((i) => i.text)].join(' ').toLowerCase();
    for (const phrase of [
      'heard, understood, and respected',
      'what i wanted to work on',
      'good fit for me',
      "today's session was right for me",
      'today’s session was right for me',
    ]) {
      expect(text).not.toContain(phrase);
    }
  });

  it('rejects a feedback form carrying a cut-off or a prompt at the top of the scale', () => {
    expect(FeedbackInstrumentSchema.safeParse({ ...FEEDBACK, cutoff: { score: 8 } }).success).toBe(
      false,
    );
    const top = { ...FEEDBACK, processPrompt: { ...FEEDBACK.processPrompt, maxValue: 4 } };
    expect(FeedbackInstrumentSchema.safeParse(top).success).toBe(false);
  });
});

describe('scoring the feedback form', () => {
  it('sums the items; no band, no caseness, no prompt when every item is ≥ 2', () => {
    const r = scoreInstrument('feedback', [4, 4, 3, 4]);
    expect(ScoreResultSchema.parse(r)).toEqual(r);
    expect(r).toMatchObject({
      total: 15,
      band: null,
      caseness: null,
      valid: true,
      alerts: [],
      prompts: [],
    });
    expect(scoreInstrument('feedback', [2, 2, 2, 2]).prompts).toEqual([]);
  });

  it('an item rated ≤ 1 raises the "discuss the feedback" process prompt, never an alert', () => {
    // 4 + 1 + 3 + 0 = 8; items 2 (1) and 4 (0) are at or below 1.
    const r = scoreInstrument('feedback', [4, 1, 3, 0]);
    expect(r.total).toBe(8);
    expect(r.alerts).toEqual([]);
    expect(r.prompts).toEqual([
      {
        kind: 'discuss_feedback',
        itemIds: ['feedback_2', 'feedback_4'],
        message: FEEDBACK.processPrompt.message,
      },
    ]);
  });

  it('an unanswered item makes the total invalid but a low answered item still prompts', () => {
    const r = scoreInstrument('feedback', [4, null, 0, 4]);
    expect(r).toMatchObject({ total: null, valid: false, missing: 1 });
    expect(r.prompts[0]?.itemIds).toEqual(['feedback_3']);
  });

  it('rejects values outside 0–4, naming the item', () => {
    expect(() => scoreInstrument('feedback', [4, 5, 3, 4])).toThrow(
      /Session feedback item 2 \(feedback_2\)/,
    );
    expect(() => scoreInstrument('feedback', [4, 4, 4])).toThrow(/needs 4 answers; 3/);
  });

  it('symptom scores carry an empty prompt list; stored scores without one still parse', () => {
    const r = scoreInstrument('phq9', [0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(r.prompts).toEqual([]);
    const old: Record<string, unknown> = { ...r };
    delete old['prompts'];
    expect(ScoreResultSchema.parse(old).prompts).toEqual([]);
  });

  it('getSymptomInstrument refuses the feedback form with the ids that have change statistics', () => {
    expect(getSymptomInstrument('gad7').kind).toBe('symptom');
    try {
      getSymptomInstrument('feedback');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DocscribError);
      expect((e as DocscribError).message).toMatch(/client feedback form, not a symptom measure/);
      expect((e as DocscribError).hint).toContain('phq9, gad7, pcl5');
    }
  });
});
