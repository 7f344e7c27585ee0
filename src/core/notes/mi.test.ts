import { describe, expect, it } from 'vitest';
import { noteCoverage } from './coverage.js';
import { renderMarkdown } from './render.js';
import type { Note, NoteSentence } from './schema.js';
import { exposureAnalysis, miAnalysis, miLabelsOnlyAnalysis } from './test-fixtures.js';
import { writeNote } from './write.js';

function sentences(note: Note): NoteSentence[] {
  return note.sections.flatMap((s) => s.sentences);
}

function tagged(note: Note, element: string): NoteSentence[] {
  return sentences(note).filter(
    (s) => s.kind === 'finding' && s.evidence.length > 0 && (s.elements ?? []).includes(element),
  );
}

function section(note: Note, id: string): NoteSentence[] {
  return note.sections.find((s) => s.id === id)?.sentences ?? [];
}

describe('MI conversation documented from the utterance labels', () => {
  const note = writeNote(miLabelsOnlyAnalysis(), { format: 'soap' });

  it('covers the checklist elements a transcript can ground, each with evidence', () => {
    const c = noteCoverage(note);
    for (const id of [
      'chief_complaint',
      'symptoms',
      'history',
      'client_goals',
      'client_quotes',
      'therapy_activities',
      'active_interventions',
      'triggers',
      'goal_progress',
      'intervention_response',
      'overall_progress',
      'goals_set',
      'stage_of_change',
      'follow_up',
    ]) {
      expect(c.covered, id).toContain(id);
    }
    // What a transcript cannot show is left for the clinician, never written as a finding.
    expect(c.covered).not.toContain('behavior_affect');
    expect(c.covered).not.toContain('mental_status');
    expect(c.leftForClinician).toEqual(
      expect.arrayContaining(['behavior_affect', 'mental_status', 'diagnosis']),
    );
    expect(c.ungrounded).toBe(0);
    expect(c.observationClaims).toEqual([]);
  });

  it('counts OARS from the labels, with short example quotes, in the Objective section', () => {
    const mi = tagged(note, 'active_interventions')[0];
    expect(mi?.text).toMatch(/^Motivational interviewing \(counts from the utterance classifier/);
    expect(mi?.text).toContain('5 questions (4 open), 3 reflections, 1 affirmation');
    expect(section(note, 'objective')).toContain(mi);
  });

  it("quotes the client's goal, reported change and own plan, each where it belongs", () => {
    expect(tagged(note, 'client_goals')[0]?.text).toContain('"I want to be around for my kids."');
    expect(tagged(note, 'goal_progress')[0]?.text).toContain('cut down to two beers on weeknights');
    const plan = tagged(note, 'goals_set')[0];
    expect(plan?.text).toContain("I'm going to stop buying the twelve-pack");
    expect(section(note, 'assessment')).toContain(plan);
    expect(tagged(note, 'triggers')[0]?.text).toContain('When I get home after a long day');
  });

  it('states the stage of change from the talk balance and the plan, for the clinician to confirm', () => {
    const stage = tagged(note, 'stage_of_change')[0];
    expect(stage?.text).toMatch(/change talk outnumbered sustain talk 4 to 1/);
    expect(stage?.text).toMatch(
      /consistent with the (action|preparation) stage \(Prochaska & DiClemente\); clinician to confirm/,
    );
    expect(stage?.evidence.map((e) => e.utteranceIds[0])).toContain('u15');
  });

  it('invents nothing: no observation words, no denial, no default mental status', () => {
    const text = renderMarkdown(note).replace(/"[^"]*"/g, '""');
    expect(text).not.toMatch(/\b(appears?|cooperative|calm|denies|denied|euthymic|oriented)\b/i);
    // Risk was never asked: not assessed, not denied.
    expect(sentences(note).some((s) => s.topic === 'risk_denied')).toBe(false);
  });

  it('keeps the note compact: at most two quotes per statement', () => {
    for (const s of sentences(note)) {
      expect((s.text.match(/"/g) ?? []).length, s.text).toBeLessThanOrEqual(4);
    }
  });
});

describe('MI statements stay out of sessions that are not MI', () => {
  it('writes no OARS counts or stage of change for an exposure session', () => {
    const note = writeNote(exposureAnalysis(), { format: 'soap' });
    const text = sentences(note)
      .map((s) => s.text)
      .join('\n');
    expect(text).not.toContain('Motivational interviewing (counts');
    expect(sentences(note).some((s) => s.topic === 'stage_of_change')).toBe(false);
  });

  it('an MI session with detected MI skills states the talk balance once, not per skill', () => {
    const note = writeNote(miAnalysis(), { format: 'soap' });
    expect(tagged(note, 'intervention_response')).toHaveLength(1);
    expect(tagged(note, 'goals_set')[0]?.text).toContain("I'm going to ask her on Sunday");
  });
});

describe('every format carries the same checklist coverage', () => {
  it.each(['soap', 'dap', 'birp', 'pirp', 'girp'] as const)('%s', (format) => {
    const soap = noteCoverage(writeNote(miLabelsOnlyAnalysis(), { format: 'soap' }));
    const other = noteCoverage(writeNote(miLabelsOnlyAnalysis(), { format }));
    expect(other.covered).toEqual(soap.covered);
  });
});

describe('means-safety questions', () => {
  it('are not written up as a medication discussion', () => {
    const a = miLabelsOnlyAnalysis();
    const last = a.utterances[a.utterances.length - 1];
    a.utterances.push({
      id: 'u999',
      speaker: 'Therapist',
      role: 'clinician',
      start: last?.start ?? 0,
      end: null,
      text: 'Is there anything at home you could use, stored-up medication, a gun in the house?',
      mi: 'question',
    });
    const md = renderMarkdown(writeNote(a, { format: 'soap' }));
    expect(md).not.toMatch(/Medication discussed/);
  });
});
