import { describe, expect, it } from 'vitest';
import type { TreatmentPlan } from '../plan/schema.js';
import { reviewNote } from '../review/review.js';
import { noteCoverage } from './coverage.js';
import { renderMarkdown, renderSectionsText, renderText } from './render.js';
import {
  NoteFormatSchema,
  NoteSchema,
  RECORD_LABEL,
  type Note,
  type NoteFormat,
  type NoteSentence,
} from './schema.js';
import {
  EXPOSURE_PLAN,
  exposureAnalysis,
  gad7OnceOutcome as gad7Once,
  miAnalysis,
  pcl5InvalidOutcome as pcl5Invalid,
  phq9Outcome as phq9,
} from './test-fixtures.js';
import { summarizeOutcome } from '../measures/outcome.js';
import { measureAlertsOf } from './outcomes.js';
import { writeNote } from './write.js';

const FORMATS = NoteFormatSchema.options;

/** The measures module's outcomeStatement for PHQ-9 18 → 12 → 9. */
const PHQ9_TEXT =
  'PHQ-9 9 (mild) on 2025-03-04; since baseline 18 (moderately severe) on 2025-01-07: −9 points, reliable improvement (≥ 6 points, NHS Talking Therapies) and recovery (below the caseness cut-off of 10), i.e. reliable recovery and clinically significant improvement.';

/** Where measurable progress goes in each format. */
const PLACE: Record<NoteFormat, string> = {
  soap: 'assessment',
  dap: 'assessment',
  birp: 'response',
  pirp: 'response',
  girp: 'response',
};

function records(note: Note): { sectionId: string; s: NoteSentence }[] {
  return note.sections.flatMap((x) =>
    x.sentences.filter((s) => s.kind === 'record').map((s) => ({ sectionId: x.id, s })),
  );
}

describe('writeNote with outcomes', () => {
  it.each(FORMATS)('%s states each scored instrument from the record in its place', (format) => {
    const analysis = exposureAnalysis();
    const note = writeNote(analysis, {
      format,
      plan: EXPOSURE_PLAN,
      outcomes: [phq9(), gad7Once(), pcl5Invalid()],
    });
    expect(() => NoteSchema.parse(note)).not.toThrow();
    const found = records(note);
    // PCL-5 has no valid score: nothing is said about it (no invented score).
    expect(found.map((r) => r.s.source?.instrument)).toEqual(['phq9', 'gad7']);
    for (const r of found) {
      expect(r.sectionId).toBe(PLACE[format]);
      expect(r.s.evidence).toEqual([]);
      expect(r.s.topic).toBe('outcome_measures');
    }
    const [phq, gad] = found.map((r) => r.s);
    expect(phq?.text).toBe(PHQ9_TEXT);
    expect(phq?.source).toEqual({
      kind: 'outcome_measures',
      instrument: 'phq9',
      administrationIds: ['adm-1', 'adm-3'],
    });
    expect(gad?.text).toBe(
      'GAD-7 11 (moderate) on 2025-03-04 (the only valid score so far; no change to report).',
    );
    expect(gad?.source?.administrationIds).toEqual([]);
    expect(note.sections.flatMap((s) => s.sentences).map((s) => s.text)).not.toContain(
      expect.stringContaining('no named instrument score was found in the transcript'),
    );
  });

  it.each(FORMATS)(
    '%s: no outcomes (or none scored) leaves the note exactly as before',
    (format) => {
      for (const analysis of [exposureAnalysis(), miAnalysis()]) {
        const before = writeNote(analysis, { format, plan: EXPOSURE_PLAN });
        expect(writeNote(analysis, { format, plan: EXPOSURE_PLAN, outcomes: [] })).toEqual(before);
        expect(
          writeNote(analysis, { format, plan: EXPOSURE_PLAN, outcomes: [pcl5Invalid()] }),
        ).toEqual(before);
        expect(records(before)).toEqual([]);
      }
    },
  );

  it('states a detected plateau', () => {
    const o = {
      ...phq9(),
      plateau: {
        detected: true,
        reasons: ['flat_trend' as const],
        slopePerWeek: 0.1,
        message: 'Flat trend: 0.1 points per week over the last 6 weeks',
      },
    };
    const [r] = records(writeNote(miAnalysis(), { format: 'soap', outcomes: [o] }));
    expect(r?.s.text).toContain('Plateau: Flat trend: 0.1 points per week over the last 6 weeks.');
  });

  it('links the statement to the plan goal whose objective is measured with the instrument', () => {
    const plan: TreatmentPlan = {
      goals: [
        { id: 'G1', text: 'Walk to the bus stop without crossing the street' },
        {
          id: 'G2',
          text: 'Lift mood',
          objectives: [
            { id: 'O1', text: 'Attend a social activity weekly' },
            { id: 'O2', text: 'Score below 10 by June', instrument: 'phq9' },
          ],
        },
        { id: 'G3', text: 'Less worry', objectives: [{ id: 'O3', text: 'GAD7 under 8' }] },
      ],
    };
    const note = writeNote(miAnalysis(), { format: 'dap', plan, outcomes: [phq9(), gad7Once()] });
    const [phq, gad] = records(note).map((r) => r.s.text);
    expect(phq).toContain(
      'Treatment-plan goal G2 "Lift mood", objective O2 "Score below 10 by June".',
    );
    expect(phq).not.toContain('G1');
    expect(gad).toContain('Treatment-plan goal G3 "Less worry", objective O3 "GAD7 under 8".');
  });
});

describe('rendering and reviewing statements from the record', () => {
  const note = writeNote(exposureAnalysis(), {
    format: 'soap',
    plan: EXPOSURE_PLAN,
    outcomes: [phq9()],
  });

  it('marks them in Markdown and plain text as from the record, not the transcript', () => {
    const md = renderMarkdown(note);
    expect(md).toContain('PHQ-9 9 (mild) on 2025-03-04; since baseline 18');
    expect(md).toContain(`_(from the client's record (outcome measures), not the transcript)_`);
    expect(md).toContain("except those marked as from the client's record (outcome measures)");
    const assessment = renderSectionsText(note).find((s) => s.id === 'assessment');
    expect(assessment?.text).toContain(`${PHQ9_TEXT} [${RECORD_LABEL}]`);
    expect(renderText(note)).toContain(`[${RECORD_LABEL}]`);
    const plain = writeNote(exposureAnalysis(), { format: 'soap', plan: EXPOSURE_PLAN });
    expect(renderMarkdown(plain)).not.toContain('except those marked');
  });

  it('a note with them passes review; one without its source is an evidence-grounding error', () => {
    const analysis = exposureAnalysis();
    expect(reviewNote({ note, analysis })).toEqual([]);
    const unsourced: Note = {
      ...note,
      sections: note.sections.map((s) => ({
        ...s,
        sentences: s.sentences.map((x) => {
          if (x.kind !== 'record') return x;
          const rest = { ...x };
          delete rest.source;
          return rest;
        }),
      })),
    };
    const f = reviewNote({ note: unsourced, analysis });
    expect(f).toEqual([
      expect.objectContaining({
        ruleId: 'evidence-grounding',
        severity: 'error',
        message: expect.stringContaining(
          'A statement from the record in section "assessment"',
        ) as string,
      }),
    ]);
  });

  it('counts toward the assessments and overall-progress elements (with a source)', () => {
    const mi = miAnalysis();
    const without = noteCoverage(writeNote(mi, { format: 'soap' }));
    const withRecord = noteCoverage(writeNote(mi, { format: 'soap', outcomes: [phq9()] }));
    expect(without.covered).not.toContain('assessments');
    expect(withRecord.covered).toContain('assessments');
    expect(withRecord.covered).toContain('overall_progress');
    expect(withRecord.ungrounded).toBe(0);
  });
});

describe('an item alert on the latest administration', () => {
  const alerted = (latestAlert: boolean, valid = true) =>
    summarizeOutcome('phq9', [
      { at: '2025-02-04T09:00:00Z', total: 12, administrationId: 'adm-1', itemAlerts: ['phq9_9'] },
      {
        at: '2025-03-05T01:00:00Z',
        date: '2025-03-04',
        total: valid ? 9 : null,
        administrationId: 'adm-2',
        ...(latestAlert ? { itemAlerts: ['phq9_9'] } : {}),
      },
    ]);

  it('says PHQ-9 item 9 was answered above 0 on its local date, and nothing of the answer', () => {
    const [r] = records(writeNote(miAnalysis(), { format: 'soap', outcomes: [alerted(true)] }));
    expect(r?.s.text).toMatch(/ PHQ-9 item 9 was answered above 0 on 2025-03-04\.$/);
    expect(r?.s.source?.administrationIds).toEqual(['adm-1', 'adm-2']);
    expect(measureAlertsOf([alerted(true)])).toEqual([
      {
        instrument: 'phq9',
        itemId: 'phq9_9',
        label: 'PHQ-9 item 9',
        date: '2025-03-04',
        text: 'PHQ-9 item 9 was answered above 0 on 2025-03-04',
      },
    ]);
  });

  it('is stated even when that administration has no valid total', () => {
    const [r] = records(
      writeNote(miAnalysis(), { format: 'soap', outcomes: [alerted(true, false)] }),
    );
    expect(r?.s.text).toMatch(/PHQ-9 item 9 was answered above 0 on 2025-03-04\.$/);
  });

  it('an alert on an earlier administration only is not the latest picture', () => {
    const [r] = records(writeNote(miAnalysis(), { format: 'soap', outcomes: [alerted(false)] }));
    expect(r?.s.text).not.toContain('item 9');
    expect(measureAlertsOf([alerted(false)])).toEqual([]);
  });

  it('the review asks for risk follow-up documentation for it', () => {
    const analysis = miAnalysis();
    const outcomes = [alerted(true)];
    const note = writeNote(analysis, { format: 'soap', outcomes });
    const measureAlerts = measureAlertsOf(outcomes);
    const risk = (input: Parameters<typeof reviewNote>[0]) =>
      reviewNote(input).filter((f) => f.ruleId === 'risk-follow-up');
    expect(risk({ note, analysis })).toEqual([]);
    const [f, ...more] = risk({ note, analysis, measureAlerts });
    expect(more).toEqual([]);
    expect(f?.severity).toBe('error');
    expect(f?.message).toBe(
      'A positive PHQ-9 item 9 (2025-03-04) without a documented follow-up (no risk assessment or safety plan in the session or the plan)',
    );
    // A safety-plan entry by the clinician in the plan section documents the follow-up.
    const followed = structuredClone(note);
    followed.sections
      .find((x) => x.id === 'plan')
      ?.sentences.push({
        text: 'Risk assessment completed; safety plan reviewed with the client.',
        kind: 'clinician',
        evidence: [],
      });
    expect(risk({ note: followed, analysis, measureAlerts })).toEqual([]);
  });
});
