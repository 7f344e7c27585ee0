import { describe, expect, it } from 'vitest';
import {
  AnalysisSchema,
  RISK_KINDS,
  type Analysis,
  type Evidence,
  type Utterance,
} from '../analysis/schema.js';
import { getIntervention } from '../knowledge/interventions.js';
import type { TreatmentPlan } from '../plan/schema.js';
import { consentExpected } from './labels.js';
import { sessionActivities } from './mi.js';
import type { Note, NoteSentence } from './schema.js';
import { prepareUtterances } from './select.js';
import { writeNote } from './write.js';

/**
 * How the note words what it found, as a clinician reads it: whose words a quote is, what a
 * statement of absence claims, which turns are quoted as the concern, a goal or the problem, and
 * when a goal is tied to an intervention. Small original fictional sessions.
 */

type Who = 'T' | 'C';

function utterances(lines: readonly (readonly [Who, string])[]): Utterance[] {
  return lines.map(([who, text], i) => ({
    id: `u${i + 1}`,
    speaker: who === 'T' ? 'Therapist' : 'Client',
    role: who === 'T' ? 'clinician' : 'client',
    start: i * 20,
    end: i * 20 + 15,
    text,
  }));
}

function ev(us: readonly Utterance[], ...nums: number[]): Evidence {
  const first = us[(nums[0] ?? 1) - 1];
  if (!first) throw new Error('no such utterance');
  return {
    utteranceIds: nums.map((n) => `u${n}`),
    quote: nums.map((n) => us[n - 1]?.text ?? '').join(' … '),
    start: first.start ?? 0,
  };
}

function analysisOf(us: readonly Utterance[], patch: Partial<Analysis>): Analysis {
  return AnalysisSchema.parse({
    schemaVersion: 1,
    session: { start: null, end: null, durationMinutes: null, cpt: null },
    speakers: [
      { label: 'Therapist', role: 'clinician' },
      { label: 'Client', role: 'client' },
    ],
    utterances: us,
    interventions: [],
    mentionedNotDelivered: [],
    indicators: [],
    risk: RISK_KINDS.map((kind) => ({ kind, status: 'not_assessed', evidence: [] })),
    homework: { reviewed: false, reviewedEvidence: [], assigned: [] },
    consent: [],
    goals: [],
    ...patch,
  });
}

function sentences(note: Note): NoteSentence[] {
  return note.sections.flatMap((s) => s.sentences);
}

function byTopic(note: Note, topic: string): NoteSentence[] {
  return sentences(note).filter((s) => s.topic === topic);
}

const FILLER: readonly (readonly [Who, string])[] = Array.from({ length: 14 }, (_, i) =>
  i % 2 === 0
    ? (['T', 'Okay, and what else did you notice about that part of it?'] as const)
    : (['C', 'Not much more, that was about it for that part honestly.'] as const),
);

describe('speaker attribution', () => {
  const us = utterances([
    ['T', 'Hi. Let me look at the card. Urges to self-harm at a four on Friday. Any self-harm?'],
    ['C', 'No. Friday I wanted to, but I stopped myself.'],
    ['T', 'And any thoughts of ending your life?'],
    ['C', 'No, nothing like that.'],
    ['T', 'You said you wanted to get through a bad day without hurting yourself.'],
  ]);

  it('quotes the client\'s words for an endorsed risk, never the clinician\'s as "client:"', () => {
    const a = analysisOf(us, {
      risk: RISK_KINDS.map((kind) =>
        kind === 'self_harm'
          ? { kind, status: 'endorsed', evidence: [ev(us, 1, 2)] }
          : kind === 'suicidal_ideation'
            ? { kind, status: 'denied', evidence: [ev(us, 3, 4)] }
            : { kind, status: 'not_assessed', evidence: [] },
      ),
    });
    const note = writeNote(a, { format: 'soap' });
    const endorsed = byTopic(note, 'risk_endorsed')[0];
    expect(endorsed?.text).toBe(
      'Risk endorsed — self-harm; client: "No. Friday I wanted to, but I stopped myself."',
    );
    expect(endorsed?.text).not.toContain('Let me look at the card');
    expect(endorsed?.evidence[0]?.utteranceIds).toEqual(['u2']);
    expect(byTopic(note, 'risk_denied')[0]?.text).toContain('("No, nothing like that.")');
  });

  it('labels the words "clinician:" when only the clinician said them', () => {
    const a = analysisOf(us, {
      risk: RISK_KINDS.map((kind) =>
        kind === 'self_harm'
          ? { kind, status: 'endorsed', evidence: [ev(us, 1)] }
          : { kind, status: 'not_assessed', evidence: [] },
      ),
    });
    const text = byTopic(writeNote(a, { format: 'soap' }), 'risk_endorsed')[0]?.text ?? '';
    expect(text).toMatch(/^Risk endorsed — self-harm; clinician: "Hi\. Let me look/);
    expect(text).not.toContain('client:');
  });

  it('states a goal only the clinician restated as a goal discussed, not one the client stated', () => {
    const a = analysisOf(us, {
      goals: [
        {
          goalId: 'stated-1',
          text: 'get through a bad day without hurting yourself',
          evidence: [ev(us, 5)],
        },
      ],
    });
    const note = writeNote(a, { format: 'soap' });
    const goals = byTopic(note, 'client_goals').map((s) => s.text);
    expect(goals).toEqual([
      'Goal discussed in session, in the clinician\'s words: "get through a bad day without hurting yourself".',
    ]);
    const progress = byTopic(note, 'goal_progress').map((s) => s.text);
    expect(progress.join(' ')).not.toContain("client's stated goal");
    expect(progress.join(' ')).toContain('The goal discussed in session');
  });

  it('keeps "the client stated" for a goal in the client\'s own words', () => {
    const own = utterances([
      ['T', 'What would you like to be different?'],
      ['C', 'I want to get through a bad day without hurting myself.'],
    ]);
    const a = analysisOf(own, {
      goals: [
        {
          goalId: 'stated-1',
          text: 'get through a bad day without hurting myself',
          evidence: [ev(own, 2)],
        },
      ],
    });
    const texts = sentences(writeNote(a, { format: 'soap' })).map((s) => s.text);
    expect(texts.join(' ')).toContain("The client's stated goal");
  });
});

describe('statements of absence say what the transcript did not show', () => {
  it('words missing homework and its review as not identified in the transcript', () => {
    const us = utterances([
      ['T', 'How has your week been?'],
      ['C', 'Pretty rough, I have been really anxious at work every day.'],
    ]);
    const note = writeNote(analysisOf(us, {}), { format: 'soap' });
    const assigned = byTopic(note, 'homework_assigned')[0];
    const reviewed = byTopic(note, 'homework_review')[0];
    expect(assigned?.text).toBe('No homework assignment was identified in the transcript.');
    expect(assigned?.kind).toBe('not_assessed');
    expect(reviewed?.text).toBe('No review of earlier homework was identified in the transcript.');
    expect(reviewed?.kind).toBe('not_assessed');
    // No not-assessed sentence claims the session did not do something, except the risk
    // contract wording ("Not assessed in this session: …").
    for (const s of sentences(note)) {
      if (s.kind !== 'not_assessed' || s.topic === 'risk_not_assessed') continue;
      expect(s.text).not.toMatch(/\b(none assigned|not reviewed|in this session)\b/);
    }
    expect(byTopic(note, 'risk_not_assessed')[0]?.text).toMatch(/^Not assessed in this session: /);
  });
});

describe('quote picking', () => {
  it('does not take a homework report as the chief complaint or a symptom', () => {
    const us = utterances([
      ['T', 'Did you get to the mood log this week?'],
      ['C', 'I did the mood log most days, five days I think, and I got stuck on one.'],
      ['T', 'Okay. What has been weighing on you most?'],
      ['C', 'I have been really anxious about work and I cannot sleep most nights.'],
    ]);
    const a = analysisOf(us, {
      homework: { reviewed: true, reviewedEvidence: [ev(us, 1), ev(us, 2)], assigned: [] },
    });
    const note = writeNote(a, { format: 'soap' });
    const concern = byTopic(note, 'presenting_concern')[0];
    expect(concern?.text).toContain('I have been really anxious about work');
    for (const s of [...byTopic(note, 'presenting_concern'), ...byTopic(note, 'symptoms')]) {
      expect(s.text).not.toContain('mood log most days');
    }
  });

  it('does not quote an urge to escape during exposure as what the client wants', () => {
    const us = utterances([
      ['T', 'Today we take the next step on the ladder: the spider jar on the table near you.'],
      ['C', 'I want to be able to sit in my garden this summer.'],
      ['T', 'Good. Rate your anxiety now, zero to a hundred.'],
      ['C', 'Seventy.'],
      ['T', 'Keep looking at it. Notice the fear and let it be there.'],
      ['C', 'I want to stand behind the door.'],
      ['T', 'I know. See if you can stay where you are. What is it now?'],
      ['C', 'Fifty, it is coming down.'],
    ]);
    const a = analysisOf(us, {
      interventions: [
        {
          id: 'exposure.in_vivo',
          confidence: 0.9,
          evidence: [ev(us, 1), ev(us, 5), ev(us, 7)],
          components: [],
          response: { summary: 'engaged', markers: [] },
        },
      ],
    });
    const goals = byTopic(writeNote(a, { format: 'soap' }), 'client_goals')
      .map((s) => s.text)
      .join(' ');
    expect(goals).toContain('sit in my garden');
    expect(goals).not.toContain('stand behind the door');
  });

  it("does not describe the client's plan as the problem", () => {
    const us = utterances([
      ['T', 'What brings you in today?'],
      ['C', "I'm worried about my drinking, my doctor said I need to look at it."],
      ['T', 'Tell me about a typical evening.'],
      ['C', 'I drink about four glasses of wine every night after work, most nights more.'],
      ['T', 'What might you do differently?'],
      ['C', "And I'll tell my partner, so we don't open a bottle at dinner every night."],
    ]);
    const note = writeNote(analysisOf(us, {}), { format: 'soap' });
    const problem = byTopic(note, 'symptoms')
      .map((s) => s.text)
      .join(' ');
    expect(problem).toContain('four glasses of wine');
    expect(problem).not.toContain("I'll tell my partner");
  });

  it('calls only future-life wording envisioning, not a re-rating prompt', () => {
    const label = 'looked ahead to life after change (envisioning)';
    const labels = (text: string): string[] =>
      sessionActivities(prepareUtterances(utterances([['T', text]]))).map((a) => a.label);
    expect(labels('And the anxiety, if you imagine getting that message again?')).not.toContain(
      label,
    );
    expect(labels('Imagine your life a year from now, without the drinking.')).toContain(label);
    expect(labels('What would your life look like if this changed?')).toContain(label);
  });
});

describe('goal links', () => {
  const lines: (readonly [Who, string])[] = [
    ['T', 'Let us look at the thought: I am going to be fired. What is the evidence for it?'],
    ['C', 'She never messages like that, and she was quiet in the team meeting.'],
    ['T', 'And the evidence against it?'],
    ['C', 'My review was good. People do not get fired for one bug.'],
    ...FILLER,
    ['T', 'One of your goals is to speak up once in every team meeting. How did that go?'],
    ['C', 'I spoke up on Monday about the test plan.'],
  ];
  const us = utterances(lines);
  const plan: TreatmentPlan = {
    goals: [{ id: 'G2', text: 'Speak up at least once in every weekly team meeting' }],
  };
  const a = analysisOf(us, {
    interventions: [
      {
        id: 'cbt.cognitive_restructuring',
        confidence: 0.9,
        evidence: [ev(us, 1), ev(us, 3)],
        components: [],
        response: { summary: 'engaged', markers: [] },
      },
    ],
    goals: [{ goalId: 'G2', evidence: [ev(us, 19), ev(us, 20)] }],
  });

  it('does not tie a goal to an intervention its evidence is far from', () => {
    const note = writeNote(a, { format: 'soap', plan });
    expect(note.interventions[0]?.goalLink.kind).toBe('not_assessed');
    const g2 = byTopic(note, 'goal_progress').find((s) => s.text.includes('G2'));
    expect(g2?.kind).toBe('finding');
    expect(g2?.text).not.toContain('through');
    expect(g2?.text).toContain('clinician: "One of your goals is to speak up');
    expect(g2?.evidence.flatMap((e) => e.utteranceIds)).toEqual(['u19', 'u20']);
  });

  it('ties it when the goal evidence is next to the intervention evidence', () => {
    const near = analysisOf(us, {
      ...a,
      goals: [{ goalId: 'G2', evidence: [ev(us, 19), ev(us, 20)] }],
      interventions: [
        {
          id: 'cbt.cognitive_restructuring',
          confidence: 0.9,
          evidence: [ev(us, 1), ev(us, 17)],
          components: [],
          response: { summary: 'engaged', markers: [] },
        },
      ],
    });
    const note = writeNote(near, { format: 'soap', plan });
    expect(note.interventions[0]?.goalLink.text).toContain('G2');
    const g2 = byTopic(note, 'goal_progress').find((s) => s.text.includes('G2'));
    expect(g2?.text).toContain('through cognitive restructuring');
  });
});

describe('consent expectation has one source of truth', () => {
  it('follows the knowledge base flag', () => {
    for (const id of ['exposure.in_vivo', 'trauma.emdr', 'cbt.cognitive_restructuring']) {
      expect(consentExpected(id), id).toBe(getIntervention(id)?.consentExpected === true);
    }
    expect(consentExpected('not.a_real_intervention')).toBe(false);
  });
});
