import { describe, expect, it } from 'vitest';
import type { TreatmentPlan } from '../plan/schema.js';
import { extractHomework } from './homework.js';
import { linkGoals } from './goals.js';
import { snippetContext } from './test-helpers.js';

type Line = readonly ['T' | 'C', string];

const ctxOf = (lines: readonly Line[], plan?: TreatmentPlan) =>
  snippetContext(lines, plan ? { plan } : {});

describe('extractHomework', () => {
  it("finds the review of last week's task with the question and the report as evidence", () => {
    const hw = extractHomework(
      ctxOf([
        ['T', 'Did you get a chance to fill in the sleep diary?'],
        ['C', 'I did most nights, I forgot twice.'],
      ]),
    );
    expect(hw.reviewed).toBe(true);
    expect(hw.reviewedEvidence.flatMap((e) => e.utteranceIds)).toEqual(['u1', 'u2']);
  });

  it("finds assignments for the coming week with text from the clinician's words", () => {
    const hw = extractHomework(
      ctxOf([
        [
          'T',
          "So between now and next time, I'd like you to practise the paced breathing twice a day.",
        ],
        ['C', 'Twice a day. Okay.'],
        ['T', 'And write down your anxiety before and after.'],
        ['C', 'Got it.'],
      ]),
    );
    expect(hw.assigned).toHaveLength(2);
    expect(hw.assigned[0]?.text).toMatch(/paced breathing twice a day/);
    expect(hw.assigned[1]?.text).toMatch(/write down your anxiety/i);
    expect(hw.assigned[0]?.evidence[0]?.utteranceIds).toEqual(['u1']);
  });

  it('works without punctuation', () => {
    const hw = extractHomework(
      ctxOf([
        ['T', 'okay so for this week keep the thought log going and try one behavioral experiment'],
      ]),
    );
    expect(hw.assigned).toHaveLength(1);
  });

  it('does not count in-session tasks, next-session plans or questions about the week', () => {
    const hw = extractHomework(
      ctxOf([
        ['T', "Let's try the breathing right now, together."],
        ['T', "Next session I'd like us to plan the exposure properly."],
        ['T', 'How was this week for you?'],
        ['T', 'If you took one small step this week, what would it be?'],
      ]),
    );
    expect(hw.assigned).toEqual([]);
    expect(hw.reviewed).toBe(false);
  });
});

describe('linkGoals', () => {
  it('links plan goals by shared content words or keywords, never by topic alone', () => {
    const ctx = ctxOf(
      [
        ['T', 'How did the elevator practice go?'],
        ['C', 'I rode the elevator up to the fourth floor at work alone.'],
        ['T', 'Tell me about your weekend.'],
      ],
      {
        goals: [
          { id: 'g1', text: 'Ride the elevator to the office floor alone' },
          { id: 'g2', text: 'Improve sleep quality', keywords: ['insomnia'] },
        ],
      },
    );
    const links = linkGoals(ctx);
    expect(links.map((l) => l.goalId)).toEqual(['g1']);
    expect(links[0]?.evidence[0]?.utteranceIds).toEqual(['u2']);
    expect(links[0]?.text).toBe('Ride the elevator to the office floor alone');
  });

  it('without a plan, lists goals stated in the session as stated-1, stated-2', () => {
    const links = linkGoals(
      ctxOf([
        [
          'T',
          'You said when we started that you wanted to sleep through the night, and to stop snapping at your kids.',
        ],
        ['C', 'Yeah. I want to be able to go back to work too.'],
      ]),
    );
    expect(links.map((l) => [l.goalId, l.text])).toEqual([
      ['stated-1', 'sleep through the night'],
      ['stated-2', 'stop snapping at your kids'],
      ['stated-3', 'go back to work too'],
    ]);
  });

  it('does not invent goals from the topic', () => {
    expect(linkGoals(ctxOf([['C', 'Work has been really stressful and I cannot sleep.']]))).toEqual(
      [],
    );
  });
});
