import { describe, expect, it } from 'vitest';
import { AnalysisSchema, type Analysis } from '../analysis/schema.js';
import { TOPICS } from './facts.js';
import { LAYOUTS } from './layouts.js';
import { renderMarkdown } from './render.js';
import { NoteSchema, NoteFormatSchema, type Note, type NoteFormat } from './schema.js';
import {
  EXPOSURE_PLAN,
  exposureAnalysis,
  miAnalysis,
  riskAnalysis,
  untimedAnalysis,
} from './test-fixtures.js';
import { DocscribError } from '../errors.js';
import { writeNote } from './write.js';

const FORMATS = NoteFormatSchema.options;

const HEADINGS: Record<NoteFormat, string[]> = {
  soap: ['Subjective', 'Objective', 'Assessment', 'Plan'],
  dap: ['Data', 'Assessment', 'Plan'],
  birp: ['Behavior', 'Intervention', 'Response', 'Plan'],
  pirp: ['Problem', 'Intervention', 'Response', 'Plan'],
  girp: ['Goals', 'Intervention', 'Response', 'Plan'],
};

const FIXTURES: [string, () => Analysis][] = [
  ['exposure', () => exposureAnalysis()],
  ['risk', () => riskAnalysis()],
  ['risk with safety plan', () => riskAnalysis({ withSafetyPlan: true })],
  ['mi', () => miAnalysis()],
  ['untimed', () => untimedAnalysis()],
];

function allText(note: Note): string {
  return [
    ...note.sections.flatMap((s) => s.sentences.map((x) => x.text)),
    ...note.interventions.flatMap((e) =>
      [e.intervention, e.response, e.progress, e.goalLink].map((x) => x.text),
    ),
  ].join('\n');
}

function section(note: Note, id: string) {
  const s = note.sections.find((x) => x.id === id);
  if (!s) throw new Error(`no section ${id}`);
  return s;
}

describe('layouts', () => {
  it.each(FORMATS)('%s places every fact topic exactly once', (format) => {
    const placed = LAYOUTS[format].flatMap((s) => s.topics);
    expect([...placed].sort()).toEqual([...TOPICS].sort());
  });
});

describe('writeNote: structure', () => {
  it.each(FORMATS)('%s has its sections in order and validates against the schema', (format) => {
    const note = writeNote(exposureAnalysis(), { format, plan: EXPOSURE_PLAN });
    expect(() => NoteSchema.parse(note)).not.toThrow();
    expect(note.format).toBe(format);
    expect(note.sections.map((s) => s.heading)).toEqual(HEADINGS[format]);
    expect(note.header).toEqual({
      start: 5,
      end: 3018,
      durationMinutes: 50,
      cpt: '90834',
      timeSource: 'transcript',
    });
  });

  it('states the same facts in every format, only arranged differently', () => {
    const a = exposureAnalysis();
    const texts = FORMATS.map((format) =>
      writeNote(a, { format, plan: EXPOSURE_PLAN })
        .sections.flatMap((s) => s.sentences.map((x) => x.text))
        .sort(),
    );
    for (const t of texts) expect(t).toEqual(texts[0]);
  });

  it.each(FIXTURES)(
    '%s: every finding carries evidence that points into the transcript',
    (_n, make) => {
      const a = make();
      const ids = new Set(a.utterances.map((u) => u.id));
      for (const format of FORMATS) {
        const note = writeNote(a, { format });
        const sentences = [
          ...note.sections.flatMap((s) => s.sentences),
          ...note.interventions.flatMap((e) => [
            e.intervention,
            e.response,
            e.progress,
            e.goalLink,
          ]),
        ];
        for (const s of sentences) {
          if (s.kind === 'finding') expect(s.evidence.length, s.text).toBeGreaterThan(0);
          if (s.kind === 'not_assessed') expect(s.evidence).toEqual([]);
          for (const e of s.evidence)
            for (const id of e.utteranceIds) expect(ids.has(id)).toBe(true);
        }
      }
    },
  );
});

describe('writeNote: nothing invented', () => {
  it('a session with no risk questions says "not assessed", never "denied"', () => {
    const note = writeNote(miAnalysis(), { format: 'soap' });
    const text = allText(note);
    expect(text).not.toMatch(/\bden(y|ies|ied)\b/i);
    const risk = section(note, 'assessment').sentences.filter(
      (s) => s.topic === 'risk_not_assessed',
    );
    expect(risk).toHaveLength(1);
    expect(risk[0]?.kind).toBe('not_assessed');
    expect(risk[0]?.text).toContain('Not assessed in this session: suicidal ideation');
    expect(risk[0]?.text).toContain('psychotic symptoms');
  });

  it.each(FIXTURES)(
    '%s: no mental-status or appearance claims; they are left to the clinician',
    (_n, make) => {
      for (const format of FORMATS) {
        const note = writeNote(make(), { format });
        const text = allText(note);
        expect(text).not.toMatch(
          /appears? (calm|well)|cooperative|well[- ]groomed|alert and oriented|euthymic|eye contact|speech (is |was )?clear|no acute distress/i,
        );
        const placeholders = note.sections
          .flatMap((s) => s.sentences)
          .filter((s) => s.kind === 'clinician_to_complete')
          .map((s) => s.topic);
        expect(placeholders).toEqual(
          expect.arrayContaining(['appearance_affect', 'mental_status', 'diagnosis']),
        );
      }
    },
  );

  it('writes a risk denial only for kinds asked and denied, quoting the answer', () => {
    const note = writeNote(exposureAnalysis(), { format: 'soap' });
    const denied = section(note, 'assessment').sentences.filter((s) => s.topic === 'risk_denied');
    expect(denied.map((s) => s.text)).toEqual([
      'Client denied suicidal ideation and self-harm when asked ("No, nothing like that. I\'m frustrated, not hopeless.").',
    ]);
    expect(denied[0]?.evidence.map((e) => e.start)).toEqual([120, 126]);
    const notAssessed = section(note, 'assessment').sentences.find(
      (s) => s.topic === 'risk_not_assessed',
    );
    expect(notAssessed?.text).not.toContain('suicidal ideation');
    expect(notAssessed?.text).toContain('homicidal ideation');
  });

  it('does not claim a goal link when the session referred to no goal', () => {
    const note = writeNote(untimedAnalysis(), { format: 'soap' });
    expect(note.interventions[0]?.goalLink.kind).toBe('not_assessed');
    expect(note.interventions[0]?.goalLink.text).toMatch(/No treatment-plan goal linked/);
    expect(note.interventions[0]?.progress.text).toBe(
      'No measurable indicator was identified in the transcript for cognitive restructuring.',
    );
  });
});

describe('writeNote: risk', () => {
  it.each(FORMATS)('%s: endorsed risk comes first in the assessment / response area', (format) => {
    const note = writeNote(riskAnalysis(), { format });
    const area = note.sections.find((s) => ['assessment', 'response'].includes(s.id));
    const first = area?.sentences[0];
    expect(first?.topic).toBe('risk_endorsed');
    expect(first?.kind).toBe('finding');
    expect(first?.text).toContain('self-harm');
    expect(first?.text).toContain('really strong urges to cut');
    expect(first?.evidence[0]?.utteranceIds).toEqual(['u2']);
  });

  it('without safety planning, the plan opens with a safety follow-up placeholder', () => {
    const note = writeNote(riskAnalysis(), { format: 'soap' });
    const first = section(note, 'plan').sentences[0];
    expect(first?.kind).toBe('clinician_to_complete');
    expect(first?.topic).toBe('safety');
    expect(first?.text).toMatch(/^Safety follow-up \(self-harm endorsed\): clinician to document/);
  });

  it('with safety planning in session, the plan states it as a grounded finding', () => {
    const note = writeNote(riskAnalysis({ withSafetyPlan: true }), { format: 'soap' });
    const safety = section(note, 'plan').sentences.filter((s) => s.topic === 'safety');
    expect(safety).toHaveLength(1);
    expect(safety[0]?.kind).toBe('finding');
    expect(safety[0]?.text).toContain('Safety plan made or reviewed in session');
  });
});

describe('writeNote: four components and specific content', () => {
  it('documents exposure with its components, response, SUDS and the plan goal', () => {
    const note = writeNote(exposureAnalysis(), { format: 'birp', plan: EXPOSURE_PLAN });
    expect(note.interventions.map((e) => e.interventionId)).toEqual(['exposure.in_vivo']);
    const e = note.interventions[0];
    if (!e) throw new Error('no entry');
    for (const s of [e.intervention, e.response, e.progress, e.goalLink])
      expect(s.kind).toBe('finding');
    expect(e.intervention.text).toContain("We're about ten meters from the fence");
    expect(e.intervention.evidence[0]?.start).toBe(699);
    expect(e.response.text).toContain(
      'insight "Maybe the fear is bigger in my head than what actually happens."',
    );
    expect(e.progress.text).toContain('SUDS 70 → 25 (peak 85) on a 0–100 scale');
    expect(e.progress.text).toContain('stayed at the fence for 15 minutes');
    expect(e.goalLink.text).toContain('G1');
    expect(e.goalLink.text).toContain("bus stop past the neighbour's yard");
  });

  it('skips homework in the intervention entries but states review and assignment', () => {
    const note = writeNote(exposureAnalysis(), { format: 'soap', plan: EXPOSURE_PLAN });
    expect(note.interventions.some((e) => e.interventionId.startsWith('homework.'))).toBe(false);
    const review = section(note, 'subjective').sentences.find((s) => s.topic === 'homework_review');
    expect(review?.text).toContain('partially completed');
    expect(review?.text).toContain('five out of seven days');
    const assigned = section(note, 'plan').sentences.find((s) => s.topic === 'homework_assigned');
    expect(assigned?.text).toBe(
      'Homework assigned: "stand at the park fence for ten minutes, four times, rating SUDS at the start and the end".',
    );
  });

  it('carries the session specifics: concern in the client words, measure change, consent, next steps', () => {
    const note = writeNote(exposureAnalysis(), { format: 'soap', plan: EXPOSURE_PLAN });
    const text = allText(note);
    expect(text).toContain('crossed the street three times on Tuesday');
    expect(text).toContain('lie awake for like an hour');
    expect(text).toContain('PHQ-9 total 8 (mild range), down 4 from 12');
    expect(text).toContain('below the 6-point reliable-change threshold');
    expect(text).toContain('client agreed: "Okay. I\'m nervous but I\'m willing to try it."');
    expect(text).toContain("Next week we'll try walking along the fence line");
    expect(text).toContain("I'll see you next Thursday at the same time.");
    expect(text).toContain('a dog knocked me over');
    // The plan goal not worked on is named, as not addressed.
    const open = section(note, 'assessment').sentences.find(
      (s) => s.kind === 'not_assessed' && s.topic === 'goal_progress',
    );
    expect(open?.text).toContain('G2');
    expect(
      note.sections.flatMap((s) => s.sentences).find((s) => s.topic === 'diagnosis')?.text,
    ).toContain('F40.218');
  });

  it('MI session: one entry per MI skill, talk counts, rulers, stage of change with its evidence', () => {
    const note = writeNote(miAnalysis(), { format: 'soap' });
    expect(note.interventions.map((e) => e.interventionId)).toEqual([
      'mi.open_question',
      'mi.reflection',
      'mi.change_talk',
      'mi.affirmation',
    ]);
    const change = note.interventions.find((e) => e.interventionId === 'mi.change_talk');
    expect(change?.progress.text).toBe('Importance rated 8/10; confidence rated 4/10.');
    const affirm = note.interventions.find((e) => e.interventionId === 'mi.affirmation');
    expect(affirm?.response.kind).toBe('not_assessed');
    expect(affirm?.response.text).toContain('not observed in transcript');
    const assessment = section(note, 'assessment').sentences;
    const talk = assessment.find((s) => s.topic === 'change_talk');
    expect(talk?.text).toMatch(/change talk in 3 utterances .*, sustain talk in 3/);
    const stage = assessment.find((s) => s.topic === 'stage_of_change');
    // An evidence-based suggestion (talk balance and the client's plan) the clinician confirms.
    expect(stage?.kind).toBe('finding');
    expect(stage?.text).toContain('preparation');
    expect(stage?.text).toContain('clinician to confirm');
    expect(stage?.evidence.length).toBeGreaterThan(0);
    // The response to the MI skills is stated once (the talk balance), not repeated per skill.
    expect(assessment.filter((s) => s.topic === 'responses' && s.kind === 'finding')).toHaveLength(
      0,
    );
    expect(assessment.filter((s) => s.topic === 'change_talk')).toHaveLength(1);
    expect(allText(note)).toContain(
      'My cardiologist says I need to walk every day after the stent',
    );
  });

  it('falls back to a readable name for an intervention id the catalogue does not know', () => {
    const base = untimedAnalysis();
    const a = AnalysisSchema.parse({
      ...base,
      interventions: base.interventions.map((d) => ({
        ...d,
        id: 'narrative.externalizing_problem',
        components: ['map_influence'],
      })),
    });
    const note = writeNote(a, { format: 'dap' });
    expect(note.interventions[0]?.intervention.text).toMatch(
      /^narrative: externalizing problem — map influence/,
    );
    expect(note.interventions[0]?.response.text).toContain('externalizing problem');
  });

  it('a transcript without times still references its evidence by utterance id', () => {
    const note = writeNote(untimedAnalysis(), { format: 'soap' });
    expect(note.header).toEqual({
      start: null,
      end: null,
      durationMinutes: null,
      cpt: null,
      timeSource: 'transcript',
    });
    expect(note.interventions[0]?.intervention.evidence[0]?.start).toBeNull();
    expect(renderMarkdown(note)).toContain('[u1] [u3]');
  });
});

describe('writeNote: session times', () => {
  it('takes the duration and CPT code from the entered times, keeping the transcript seconds', () => {
    // The transcript runs 50 min (90834); the clinician entered 10:02–10:55 (53 min).
    const note = writeNote(exposureAnalysis(), {
      format: 'soap',
      plan: EXPOSURE_PLAN,
      sessionTimes: { start: '10:02', end: '10:55' },
    });
    expect(note.header).toEqual({
      start: 5,
      end: 3018,
      startClock: '10:02',
      endClock: '10:55',
      durationMinutes: 53,
      cpt: '90837',
      timeSource: 'session',
    });
    expect(() => NoteSchema.parse(note)).not.toThrow();
    expect(renderMarkdown(note)).toContain(
      '**Session:** 10:02–10:55 (session times) · 53 min · CPT 90837',
    );
  });

  it('gives a time-based code to an untimed transcript when the session has times', () => {
    const note = writeNote(untimedAnalysis(), {
      format: 'dap',
      sessionTimes: { start: '09:00', end: '09:40' },
    });
    expect(note.header).toMatchObject({
      start: null,
      end: null,
      durationMinutes: 40,
      cpt: '90834',
      timeSource: 'session',
    });
  });

  it('supports no psychotherapy code under 16 minutes', () => {
    const note = writeNote(exposureAnalysis(), {
      format: 'soap',
      sessionTimes: { start: '23:45', end: '23:59' },
    });
    expect(note.header).toMatchObject({ durationMinutes: 14, cpt: null });
  });

  it.each([
    [
      { start: '10:55', end: '10:02' },
      'Session stop time is not after the start time',
      'sessionTimes.end',
    ],
    [
      { start: '10:00', end: '10:00' },
      'Session stop time is not after the start time',
      'sessionTimes.end',
    ],
    [
      { start: '9:00', end: '10:00' },
      'Session start time is not a clock time',
      'sessionTimes.start',
    ],
    [{ start: '09:00', end: '24:00' }, 'Session stop time is not a clock time', 'sessionTimes.end'],
  ])('refuses %j', (sessionTimes, message, field) => {
    let error: unknown;
    try {
      writeNote(exposureAnalysis(), { format: 'soap', sessionTimes });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DocscribError);
    expect((error as DocscribError).message).toBe(message);
    expect((error as DocscribError).location).toEqual({ field });
  });
});
