import { describe, expect, it } from 'vitest';
import { AnalysisSchema, type Analysis } from '../analysis/schema.js';
import { renderText } from '../notes/render.js';
import type { Note, NoteSentence } from '../notes/schema.js';
import {
  EXPOSURE_PLAN,
  exposureAnalysis,
  miAnalysis,
  riskAnalysis,
  untimedAnalysis,
} from '../notes/test-fixtures.js';
import { writeNote } from '../notes/write.js';
import { containment, findingSentences, normalizeForClone, shingles } from './rules/clone.js';
import { REVIEW_RULES, reviewNote, type ReviewInput } from './review.js';
import { FindingSchema, type Finding } from './schema.js';

function compliant(): { note: Note; analysis: Analysis } {
  const analysis = exposureAnalysis();
  return { analysis, note: writeNote(analysis, { format: 'soap', plan: EXPOSURE_PLAN }) };
}

function byRule(findings: readonly Finding[], ruleId: string): Finding[] {
  return findings.filter((f) => f.ruleId === ruleId);
}

/** Run one rule on the input, both with and without the analysis. */
function run(ruleId: string, input: ReviewInput): Finding[] {
  const rule = REVIEW_RULES.find((r) => r.id === ruleId);
  if (!rule) throw new Error(`no rule ${ruleId}`);
  return rule.check(input);
}

function withSentence(note: Note, sectionId: string, s: NoteSentence): Note {
  return {
    ...note,
    sections: note.sections.map((x) =>
      x.id === sectionId ? { ...x, sentences: [...x.sentences, s] } : x,
    ),
  };
}

describe('rule registry', () => {
  it('has unique ids, a severity, a title and a cited source for every rule', () => {
    const ids = REVIEW_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(
      expect.arrayContaining([
        'four-components',
        'goal-link',
        'cpt-duration',
        'start-stop-times',
        'session-times-transcript',
        'risk-follow-up',
        'informed-consent',
        'exposure-distress-monitoring',
        'clone-detection',
        'evidence-grounding',
      ]),
    );
    for (const r of REVIEW_RULES) expect(r.source.length).toBeGreaterThan(20);
  });
});

describe('reviewNote', () => {
  it('finds nothing wrong with a complete note (with or without the analysis)', () => {
    const { note, analysis } = compliant();
    expect(reviewNote({ note, analysis })).toEqual([]);
    expect(reviewNote({ note })).toEqual([]);
  });

  it('returns schema-valid findings, errors first, with messages free of transcript text', () => {
    const analysis = riskAnalysis();
    const note = writeNote(analysis, { format: 'soap' });
    const bad: Note = { ...note, header: { ...note.header, start: null, cpt: '90837' } };
    const findings = reviewNote({ note: bad, analysis, previousNotes: [renderText(note)] });
    expect(findings.length).toBeGreaterThanOrEqual(3);
    for (const f of findings) expect(() => FindingSchema.parse(f)).not.toThrow();
    const order = { error: 0, warning: 1, info: 2 };
    const severities = findings.map((f) => order[f.severity]);
    expect(severities).toEqual([...severities].sort((a, b) => a - b));
    for (const f of findings) {
      for (const u of analysis.utterances) {
        const words = u.text.split(/\s+/).slice(0, 5).join(' ');
        if (words.length > 15) {
          expect(f.message).not.toContain(words);
          expect(f.fixHint).not.toContain(words);
        }
      }
    }
  });
});

describe('four-components', () => {
  it('warns per intervention, naming the missing components', () => {
    const analysis = exposureAnalysis({ withoutGoals: true });
    const note = writeNote(analysis, { format: 'soap' });
    const f = run('four-components', { note, analysis });
    expect(f).toHaveLength(1);
    expect(f[0]?.severity).toBe('warning');
    expect(f[0]?.message).toBe(
      'in vivo exposure: link to goal not documented (1 of 4 components missing)',
    );
    expect(f[0]?.target).toEqual({ interventionId: 'exposure.in_vivo' });
  });

  it('lists every missing component', () => {
    const note = writeNote(untimedAnalysis(), { format: 'soap' });
    const f = run('four-components', { note });
    expect(f[0]?.message).toContain('progress indicator and link to goal');
  });

  it('flags an intervention delivered but missing from the note', () => {
    const { note, analysis } = compliant();
    const f = run('four-components', { note: { ...note, interventions: [] }, analysis });
    expect(f.map((x) => x.target?.interventionId)).toEqual(['exposure.in_vivo']);
  });

  it('stays silent when all four are documented', () => {
    expect(run('four-components', compliant())).toEqual([]);
  });
});

describe('goal-link', () => {
  it('is an error when nothing links to a goal', () => {
    const note = writeNote(miAnalysis(), { format: 'soap' });
    const f = run('goal-link', { note });
    expect(f).toHaveLength(1);
    expect(f[0]?.severity).toBe('error');
    expect(f[0]?.message).toContain('4 intervention entries');
  });

  it('accepts a stated goal referred to in session', () => {
    const note = writeNote(riskAnalysis(), { format: 'soap' });
    expect(run('goal-link', { note })).toEqual([]);
  });
});

describe('cpt-duration and start-stop-times', () => {
  it('is silent when minutes and code agree', () => {
    const { note } = compliant();
    expect(run('cpt-duration', { note })).toEqual([]);
    expect(run('start-stop-times', { note })).toEqual([]);
  });

  it('is an error when the header code does not match the minutes', () => {
    const { note } = compliant();
    const f = run('cpt-duration', { note: { ...note, header: { ...note.header, cpt: '90837' } } });
    expect(f).toHaveLength(1);
    expect(f[0]?.severity).toBe('error');
    expect(f[0]?.message).toBe(
      'Note header gives CPT 90837 (53+ min) but 50 min supports 90834 (38–52 min)',
    );
  });

  it('warns that under 16 minutes is not billable as psychotherapy', () => {
    const { note } = compliant();
    const short = { ...note, header: { start: 0, end: 720, durationMinutes: 12, cpt: null } };
    const f = run('cpt-duration', { note: short });
    expect(f[0]?.severity).toBe('warning');
    expect(f[0]?.message).toContain('12 min');
    expect(f[0]?.message).toContain('not billable as psychotherapy');
  });

  it('is an error when start or stop times are missing', () => {
    const note = writeNote(untimedAnalysis(), { format: 'soap' });
    const f = run('start-stop-times', { note });
    expect(f).toHaveLength(1);
    expect(f[0]?.severity).toBe('error');
    expect(f[0]?.message).toBe('Session start and stop time missing from the note header');
    expect(run('cpt-duration', { note })).toEqual([]);
    const { note: timed } = compliant();
    const noEnd = run('start-stop-times', {
      note: { ...timed, header: { ...timed.header, end: null } },
    });
    expect(noEnd[0]?.message).toBe('Session stop time missing from the note header');
  });
});

describe('session times', () => {
  /** The exposure note (transcript 00:00:05–00:50:18, 50 min) with the entered times. */
  const withTimes = (start: string, end: string): Note =>
    writeNote(exposureAnalysis(), {
      format: 'soap',
      plan: EXPOSURE_PLAN,
      sessionTimes: { start, end },
    });

  it('start-stop-times is satisfied by the entered clock times, even for an untimed transcript', () => {
    const note = writeNote(untimedAnalysis(), {
      format: 'soap',
      sessionTimes: { start: '10:02', end: '10:55' },
    });
    expect(run('start-stop-times', { note })).toEqual([]);
    expect(run('cpt-duration', { note })).toEqual([]);
    expect(run('session-times-transcript', { note })).toEqual([]);
  });

  it('start-stop-times is an error when the clock times do not run forwards', () => {
    const note = withTimes('10:00', '10:53');
    const f = run('start-stop-times', {
      note: { ...note, header: { ...note.header, startClock: '11:00' } },
    });
    expect(f.map((x) => [x.severity, x.message])).toEqual([
      ['error', 'Session stop time is not after the start time'],
    ]);
  });

  it('cpt-duration checks the code against the minutes of the session times', () => {
    const note = withTimes('10:02', '10:55');
    expect(note.header.cpt).toBe('90837');
    expect(reviewNote({ note, analysis: exposureAnalysis() })).toEqual([]);
    const f = run('cpt-duration', { note: { ...note, header: { ...note.header, cpt: '90834' } } });
    expect(f[0]?.message).toBe(
      'Note header gives CPT 90834 (38–52 min) but 53 min supports 90837 (53+ min)',
    );
  });

  it('warns when the transcript runs more than 5 minutes longer than the session times', () => {
    const note = withTimes('10:00', '10:44');
    const f = run('session-times-transcript', { note });
    expect(f).toHaveLength(1);
    expect(f[0]?.severity).toBe('warning');
    expect(f[0]?.message).toBe(
      'The transcript runs 50 min but the session times give 44 min — check the times',
    );
    expect(f[0]?.source).toMatch(/CPT/);
    // Within 5 minutes: recordings and clocks differ a little.
    expect(run('session-times-transcript', { note: withTimes('10:00', '10:45') })).toEqual([]);
  });

  it('notes (info) a transcript covering under half of a much longer session', () => {
    const f = run('session-times-transcript', { note: withTimes('10:00', '11:45') });
    expect(f.map((x) => [x.severity, x.message])).toEqual([
      [
        'info',
        'The transcript covers 50 min of a 105 min session: the draft documents only the recorded part',
      ],
    ]);
    expect(run('session-times-transcript', { note: withTimes('10:00', '11:30') })).toEqual([]);
  });

  it('is silent for notes timed by the transcript, old notes and untimed transcripts', () => {
    const { note } = compliant();
    expect(run('session-times-transcript', { note })).toEqual([]);
    const old = { ...note.header };
    delete old.timeSource;
    expect(run('session-times-transcript', { note: { ...note, header: old } })).toEqual([]);
  });
});

describe('risk-follow-up', () => {
  it('is an error when endorsed risk has no risk assessment or safety plan, pointing at the risk lines', () => {
    const analysis = riskAnalysis();
    const note = writeNote(analysis, { format: 'soap' });
    const f = run('risk-follow-up', { note, analysis });
    expect(f).toHaveLength(1);
    expect(f[0]?.severity).toBe('error');
    expect(f[0]?.message).toContain('self-harm');
    expect(f[0]?.target).toEqual({ utteranceIds: ['u2'] });
    // The note alone carries enough to check it too.
    expect(run('risk-follow-up', { note })).toHaveLength(1);
  });

  it('is silent when safety planning was done in session', () => {
    const analysis = riskAnalysis({ withSafetyPlan: true });
    const note = writeNote(analysis, { format: 'soap' });
    expect(run('risk-follow-up', { note, analysis })).toEqual([]);
    expect(run('risk-follow-up', { note })).toEqual([]);
  });

  it('accepts a safety finding the clinician adds to the plan', () => {
    const analysis = riskAnalysis();
    const note = writeNote(analysis, { format: 'soap' });
    const ev = analysis.risk.find((r) => r.kind === 'self_harm')?.evidence ?? [];
    const fixed = withSentence(note, 'plan', {
      text: 'Safety plan reviewed: crisis line number saved, blades given to a friend.',
      kind: 'finding',
      evidence: ev,
    });
    expect(run('risk-follow-up', { note: fixed, analysis })).toEqual([]);
  });

  it("accepts the clinician's own entry (no evidence) documenting the safety plan", () => {
    const analysis = riskAnalysis();
    const note = writeNote(analysis, { format: 'soap' });
    const fixed = withSentence(note, 'plan', {
      text: 'Safety plan completed with the client; crisis line saved in phone.',
      kind: 'clinician',
      evidence: [],
    });
    expect(run('risk-follow-up', { note: fixed, analysis })).toEqual([]);
    // The same text as a placeholder does not count: it is still to be completed.
    const placeholder = withSentence(note, 'plan', {
      text: 'Safety plan completed with the client; crisis line saved in phone.',
      kind: 'clinician_to_complete',
      evidence: [],
    });
    expect(run('risk-follow-up', { note: placeholder, analysis })).toHaveLength(1);
  });

  it('is silent when no risk was endorsed', () => {
    expect(run('risk-follow-up', compliant())).toEqual([]);
  });
});

describe('risk-screening', () => {
  it('notes (info) a session where no risk topic was asked', () => {
    const analysis = miAnalysis();
    const f = run('risk-screening', { note: writeNote(analysis, { format: 'soap' }), analysis });
    expect(f.map((x) => x.severity)).toEqual(['info']);
    expect(run('risk-screening', compliant())).toEqual([]);
  });
});

describe('risk-screening without the analysis', () => {
  it('is skipped (no guess about what was asked) when no analysis is given', () => {
    const analysis = miAnalysis();
    const note = writeNote(analysis, { format: 'soap' });
    expect(run('risk-screening', { note })).toEqual([]);
    expect(run('risk-screening', { note, analysis })).toHaveLength(1);
  });
});

describe('sections-complete', () => {
  it('accepts every written format as complete', () => {
    for (const format of ['soap', 'dap', 'birp', 'pirp', 'girp'] as const) {
      for (const analysis of [miAnalysis(), exposureAnalysis(), riskAnalysis()]) {
        expect(run('sections-complete', { note: writeNote(analysis, { format }) })).toEqual([]);
      }
    }
  });

  it('is an error for a note without sections, or with its sentences removed', () => {
    const { note, analysis } = compliant();
    const none = run('sections-complete', { note: { ...note, sections: [] }, analysis });
    expect(none.map((f) => f.target?.sectionId)).toEqual(note.sections.map((s) => s.id));
    expect(none.every((f) => f.severity === 'error')).toBe(true);
    expect(none[0]?.message).toMatch(
      /^Section "subjective" \(Subjective\) of the SOAP format is missing$/,
    );
    const emptied = { ...note, sections: note.sections.map((s) => ({ ...s, sentences: [] })) };
    const f = run('sections-complete', { note: emptied });
    expect(f).toHaveLength(note.sections.length);
    expect(f[0]?.message).toBe('Section "subjective" (Subjective) has no statement');
    // The whole review of such a note now fails (it passed with 0 errors before).
    expect(reviewNote({ note: emptied }).some((x) => x.severity === 'error')).toBe(true);
  });

  it('names only the missing or empty section', () => {
    const { note } = compliant();
    const partial = {
      ...note,
      sections: note.sections
        .filter((s) => s.id !== 'plan')
        .map((s) => (s.id === 'objective' ? { ...s, sentences: [] } : s)),
    };
    expect(run('sections-complete', { note: partial }).map((f) => f.target?.sectionId)).toEqual([
      'objective',
      'plan',
    ]);
  });
});

describe('informed-consent', () => {
  it('is an error when exposure was delivered without a consent discussion', () => {
    const analysis = exposureAnalysis({ withoutConsent: true });
    const note = writeNote(analysis, { format: 'soap', plan: EXPOSURE_PLAN });
    for (const input of [{ note, analysis }, { note }]) {
      const f = run('informed-consent', input);
      expect(f).toHaveLength(1);
      expect(f[0]?.severity).toBe('error');
      expect(f[0]?.message).toBe(
        'in vivo exposure was delivered without a documented informed-consent discussion',
      );
      expect(f[0]?.target).toEqual({ interventionId: 'exposure.in_vivo' });
    }
  });

  it('is an error when the only consent discussion ended in a refusal', () => {
    const base = exposureAnalysis();
    const analysis = AnalysisSchema.parse({
      ...base,
      consent: base.consent.map((c) => ({ ...c, outcome: 'declined' })),
    });
    const f = run('informed-consent', { note: writeNote(analysis, { format: 'soap' }), analysis });
    expect(f[0]?.message).toContain('although the client declined it');
  });

  it('is silent when consent was agreed, and for interventions that need none', () => {
    expect(run('informed-consent', compliant())).toEqual([]);
    const analysis = riskAnalysis();
    expect(
      run('informed-consent', { note: writeNote(analysis, { format: 'soap' }), analysis }),
    ).toEqual([]);
  });
});

describe('informed-consent with consent records on file', () => {
  const withoutConsent = () => {
    const analysis = exposureAnalysis({ withoutConsent: true });
    return { analysis, note: writeNote(analysis, { format: 'soap', plan: EXPOSURE_PLAN }) };
  };
  type OnFile = NonNullable<ReviewInput['consentsOnFile']>[number];
  const agreed = (date: string, interventionId = 'exposure.in_vivo'): OnFile => ({
    interventionId,
    kind: 'intervention',
    decision: 'agreed',
    date,
  });
  const declined = (date: string): OnFile => ({ ...agreed(date), decision: 'declined' });

  it('is an error naming both places when neither the session nor the file has consent', () => {
    const { analysis, note } = withoutConsent();
    for (const consentsOnFile of [
      [],
      // Consent to recording or to treatment does not cover an intense intervention.
      [
        { interventionId: null, kind: 'recording', decision: 'agreed', date: '2025-01-02' },
        { interventionId: null, kind: 'treatment', decision: 'agreed', date: '2025-01-02' },
      ] satisfies OnFile[],
      // Another family (trauma processing) does not cover exposure.
      [agreed('2025-01-02', 'trauma.cognitive_processing')],
    ]) {
      for (const input of [
        { note, analysis, consentsOnFile },
        { note, consentsOnFile },
      ]) {
        const f = run('informed-consent', input);
        expect(f).toHaveLength(1);
        expect(f[0]?.severity).toBe('error');
        expect(f[0]?.message).toBe(
          'in vivo exposure was delivered with no informed consent on file or discussed in session',
        );
        expect(f[0]?.target).toEqual({ interventionId: 'exposure.in_vivo' });
      }
    }
  });

  it('an agreed consent on file (same id or same family) satisfies it, with an info naming the date', () => {
    const { analysis, note } = withoutConsent();
    for (const consent of [agreed('2025-01-02'), agreed('2025-01-02', 'exposure.imaginal')]) {
      const f = run('informed-consent', { note, analysis, consentsOnFile: [consent] });
      expect(f).toEqual([
        expect.objectContaining({
          severity: 'info',
          message:
            'in vivo exposure: informed consent on file (agreed 2025-01-02); not discussed again in this session',
        }),
      ]);
      expect(
        reviewNote({ note, analysis, consentsOnFile: [consent] }).filter(
          (x) => x.severity === 'error',
        ),
      ).toEqual([]);
    }
  });

  it('a decline on file with no later agreement is an error; a later agreement satisfies it', () => {
    const { analysis, note } = withoutConsent();
    const refused = run('informed-consent', {
      note,
      analysis,
      consentsOnFile: [agreed('2025-01-02'), declined('2025-02-10')],
    });
    expect(refused).toHaveLength(1);
    expect(refused[0]?.severity).toBe('error');
    expect(refused[0]?.message).toBe(
      'in vivo exposure was delivered although the client declined consent on file (2025-02-10), with no later agreement on file or discussed in session',
    );
    const later = run('informed-consent', {
      note,
      analysis,
      // Given in any order: the dates decide.
      consentsOnFile: [agreed('2025-03-01'), declined('2025-02-10')],
    });
    expect(later.map((f) => f.severity)).toEqual(['info']);
    expect(later[0]?.message).toContain('agreed 2025-03-01');
  });

  it('a consent dated after the session does not cover it', () => {
    const { analysis, note } = withoutConsent();
    const f = run('informed-consent', {
      note,
      analysis,
      consentsOnFile: [agreed('2025-06-01')],
      sessionDate: '2025-05-01',
    });
    expect(f[0]?.severity).toBe('error');
    expect(f[0]?.message).toContain('no informed consent on file or discussed in session');
    const sameDay = run('informed-consent', {
      note,
      analysis,
      consentsOnFile: [agreed('2025-05-01')],
      sessionDate: '2025-05-01',
    });
    expect(sameDay.map((x) => x.severity)).toEqual(['info']);
  });

  it('a consent discussed in session needs nothing on file; a refusal in session stays an error', () => {
    expect(run('informed-consent', { ...compliant(), consentsOnFile: [] })).toEqual([]);
    const base = exposureAnalysis();
    const analysis = AnalysisSchema.parse({
      ...base,
      consent: base.consent.map((c) => ({ ...c, outcome: 'declined' })),
    });
    const f = run('informed-consent', {
      note: writeNote(analysis, { format: 'soap' }),
      analysis,
      consentsOnFile: [agreed('2025-01-02')],
    });
    expect(f[0]?.message).toContain('although the client declined it');
  });
});

describe('exposure-distress-monitoring', () => {
  it('warns when exposure had no SUDS or distress rating', () => {
    const analysis = exposureAnalysis({ withoutSuds: true });
    const note = writeNote(analysis, { format: 'soap', plan: EXPOSURE_PLAN });
    for (const input of [{ note, analysis }, { note }]) {
      const f = run('exposure-distress-monitoring', input);
      expect(f).toHaveLength(1);
      expect(f[0]?.severity).toBe('warning');
      expect(f[0]?.target).toEqual({ interventionId: 'exposure.in_vivo' });
    }
  });

  it('is silent when SUDS was rated', () => {
    const { note, analysis } = compliant();
    expect(run('exposure-distress-monitoring', { note, analysis })).toEqual([]);
    expect(run('exposure-distress-monitoring', { note })).toEqual([]);
  });
});

describe('clone-detection', () => {
  it('is an error for the same note, naming the earlier note and the similarity only', () => {
    const { note } = compliant();
    const other = writeNote(riskAnalysis(), { format: 'soap' });
    const f = run('clone-detection', {
      note,
      previousNotes: [renderText(other), renderText(note)],
    });
    expect(f).toHaveLength(1);
    expect(f[0]?.severity).toBe('error');
    expect(f[0]?.message).toBe(
      "100% of this note's findings repeat earlier note #2 of 2 (5-word shingles, numbers and dates ignored)",
    );
  });

  it('still catches a copy with the numbers and days changed', () => {
    const { note } = compliant();
    const copied = renderText(note)
      .replace(/\b70\b/g, '65')
      .replace(/\b25\b/g, '30')
      .replace(/Thursday/g, 'Friday')
      .replace(/five out of seven/g, 'six out of seven');
    const f = run('clone-detection', { note, previousNotes: [copied] });
    expect(f[0]?.severity).toBe('error');
  });

  it('warns for a partial copy', () => {
    const { note } = compliant();
    const sentences = findingSentences(note);
    const all = new Set<string>();
    for (const s of sentences) for (const x of shingles(normalizeForClone(s))) all.add(x);
    // Carry over sentences until about 70% of this note's shingles are in the earlier note.
    const carried: string[] = [];
    for (const s of sentences) {
      carried.push(s);
      const sim = containment(all, shingles(normalizeForClone(carried.join('\n'))));
      if (sim >= 0.65) break;
    }
    const sim = containment(all, shingles(normalizeForClone(carried.join('\n'))));
    expect(sim).toBeGreaterThanOrEqual(0.6);
    expect(sim).toBeLessThan(0.8);
    const f = run('clone-detection', { note, previousNotes: [carried.join('\n')] });
    expect(f[0]?.severity).toBe('warning');
  });

  it('is silent for notes of different sessions, and without earlier notes', () => {
    const { note } = compliant();
    const previous = [riskAnalysis(), miAnalysis(), untimedAnalysis()].map((a) =>
      renderText(writeNote(a, { format: 'soap' })),
    );
    expect(run('clone-detection', { note, previousNotes: previous })).toEqual([]);
    expect(run('clone-detection', { note })).toEqual([]);
  });
});

describe('evidence-grounding', () => {
  it('is silent on the generated notes', () => {
    for (const analysis of [exposureAnalysis(), riskAnalysis(), miAnalysis(), untimedAnalysis()]) {
      const note = writeNote(analysis, { format: 'soap' });
      expect(run('evidence-grounding', { note, analysis })).toEqual([]);
      expect(run('evidence-grounding', { note })).toEqual([]);
    }
  });

  it('flags a finding without evidence', () => {
    const { note } = compliant();
    const bad = withSentence(note, 'objective', {
      text: 'Client engaged well.',
      kind: 'finding',
      evidence: [],
    });
    const f = run('evidence-grounding', { note: bad });
    expect(f).toHaveLength(1);
    expect(f[0]?.message).toMatch(
      /^A finding in section "objective" \(sentence \d+\) has no evidence$/,
    );
    expect(f[0]?.target).toEqual({ sectionId: 'objective' });
  });

  it('flags boilerplate mental-status text a transcript cannot show', () => {
    const { note, analysis } = compliant();
    const ev = analysis.utterances[1] ? [{ utteranceIds: ['u2'], quote: 'x', start: 20 }] : [];
    const bad = withSentence(note, 'objective', {
      text: 'Client appears calm and cooperative, alert and oriented x3.',
      kind: 'finding',
      evidence: ev,
    });
    const f = run('evidence-grounding', { note: bad, analysis });
    expect(f.map((x) => x.message)).toEqual([
      expect.stringContaining('appearance/affect'),
      expect.stringContaining('cooperative'),
      expect.stringContaining('orientation'),
    ]);
  });

  it("does not flag the clinician's own observation entries, which need no evidence", () => {
    const { note, analysis } = compliant();
    const own = withSentence(note, 'objective', {
      text: 'Client appeared calm and cooperative; alert and oriented x3.',
      kind: 'clinician',
      evidence: [],
    });
    expect(run('evidence-grounding', { note: own, analysis })).toEqual([]);
  });

  it('flags "denies SI/HI" when risk was not asked and denied, and allows it when it was', () => {
    const mi = miAnalysis();
    const sentence: NoteSentence = {
      text: 'Client denies SI/HI.',
      kind: 'finding',
      evidence: [{ utteranceIds: ['u2'], quote: 'x', start: 30 }],
    };
    const bad = withSentence(writeNote(mi, { format: 'soap' }), 'assessment', sentence);
    const f = run('evidence-grounding', { note: bad, analysis: mi });
    expect(f).toHaveLength(1);
    expect(f[0]?.message).toContain('risk denial that was not asked and denied');
    expect(run('evidence-grounding', { note: bad })).toHaveLength(1);

    const exposure = exposureAnalysis();
    const ok = withSentence(writeNote(exposure, { format: 'soap' }), 'assessment', {
      ...sentence,
      text: 'Client denies SI.',
    });
    expect(run('evidence-grounding', { note: ok, analysis: exposure })).toEqual([]);
    // Homicidal ideation was not asked in the exposure session.
    const hi = withSentence(writeNote(exposure, { format: 'soap' }), 'assessment', {
      ...sentence,
      text: 'Client denies HI.',
    });
    expect(run('evidence-grounding', { note: hi, analysis: exposure })).toHaveLength(1);
  });
});

describe('the analysis is optional', () => {
  it('reviews a note alone, e.g. one loaded from JSON', () => {
    const analysis = riskAnalysis();
    const note = JSON.parse(JSON.stringify(writeNote(analysis, { format: 'dap' }))) as Note;
    const ids = reviewNote({ note }).map((f) => f.ruleId);
    expect(ids).toContain('risk-follow-up');
    expect(ids).not.toContain('goal-link');
    expect(byRule(reviewNote({ note, analysis }), 'risk-follow-up')).toHaveLength(1);
  });
});
