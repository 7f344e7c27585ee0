import { describe, expect, it } from 'vitest';
import { noteCoverage } from './coverage.js';
import { NOTE_ELEMENTS } from './elements.js';
import type { Note, NoteSentence } from './schema.js';

const EV = [{ utteranceIds: ['u1'], quote: 'I want to cut down', start: 3 }];

function note(sentences: NoteSentence[]): Note {
  return {
    schemaVersion: 1,
    format: 'soap',
    header: { start: 0, end: 60, durationMinutes: 1, cpt: null },
    sections: [{ id: 'subjective', heading: 'Subjective', sentences }],
    interventions: [],
  };
}

describe('NOTE_ELEMENTS', () => {
  it('lists the 23 checklist elements once each, in the four SOAP sections', () => {
    expect(NOTE_ELEMENTS).toHaveLength(23);
    expect(new Set(NOTE_ELEMENTS.map((e) => e.id)).size).toBe(23);
    const per = (s: string) => NOTE_ELEMENTS.filter((e) => e.section === s).length;
    expect([per('subjective'), per('objective'), per('assessment'), per('plan')]).toEqual([
      6, 5, 8, 4,
    ]);
  });
});

describe('noteCoverage', () => {
  it('counts an element only for a finding with evidence tagged with it', () => {
    const c = noteCoverage(
      note([
        {
          text: 'Goal: "I want to cut down".',
          kind: 'finding',
          evidence: EV,
          elements: ['client_goals'],
        },
        {
          text: 'Stage of change.',
          kind: 'clinician_to_complete',
          evidence: [],
          elements: ['stage_of_change'],
        },
        {
          text: 'Homework: none assigned.',
          kind: 'not_assessed',
          evidence: [],
          elements: ['homework'],
        },
      ]),
    );
    expect(c.covered).toEqual(['client_goals']);
    expect(c.leftForClinician).toEqual(['stage_of_change']);
    expect(c.ungrounded).toBe(0);
  });

  it('falls back to the topic when a sentence has no tags; tags win over the topic', () => {
    const c = noteCoverage(
      note([
        { text: 'Triggers: "after work".', kind: 'finding', evidence: EV, topic: 'triggers' },
        {
          text: 'Medication discussed.',
          kind: 'finding',
          evidence: EV,
          topic: 'referrals',
          elements: [],
        },
      ]),
    );
    expect(c.covered).toEqual(['triggers']);
  });

  it('flags findings without evidence and observation words outside quotes, not inside', () => {
    const c = noteCoverage(
      note([
        {
          text: 'Client appears calm and cooperative.',
          kind: 'finding',
          evidence: EV,
          elements: ['behavior_affect'],
        },
        {
          text: 'Client said "I stayed calm".',
          kind: 'finding',
          evidence: EV,
          elements: ['client_quotes'],
        },
        { text: 'Progress made.', kind: 'finding', evidence: [], elements: ['overall_progress'] },
      ]),
    );
    expect(c.observationClaims).toEqual(['Client appears']);
    expect(c.ungrounded).toBe(1);
    expect(c.covered).not.toContain('overall_progress');
  });
});
