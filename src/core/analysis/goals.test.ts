/** Plan goal linking with the goals' objectives as extra signal (issue 5, golden thread). */
import { describe, expect, it } from 'vitest';
import type { TreatmentPlan } from '../plan/schema.js';
import { linkGoals } from './goals.js';
import { snippetContext } from './test-helpers.js';

type Line = readonly ['T' | 'C', string];

const LINES: readonly Line[] = [
  ['T', 'How were the nights this week?'],
  ['C', 'I slept through the night on five nights, first time in months.'],
  ['T', 'Tell me about your weekend.'],
];

describe('linkGoals with objectives', () => {
  it("links a goal through its objective's words when the goal's own words are not said", () => {
    const goal = { id: 'G1', text: 'Improve mood and energy' };
    const without: TreatmentPlan = { goals: [goal] };
    expect(linkGoals(snippetContext(LINES, { plan: without }))).toEqual([]);
    const withObjective: TreatmentPlan = {
      goals: [
        {
          ...goal,
          objectives: [
            { id: 'O1', text: 'Sleeps through the night 5 of 7 nights' },
            { id: 'O2', text: 'PHQ-9 below 10', instrument: 'phq9' },
          ],
        },
      ],
    };
    const links = linkGoals(snippetContext(LINES, { plan: withObjective }));
    expect(links.map((l) => l.goalId)).toEqual(['G1']);
    expect(links[0]?.evidence.flatMap((e) => e.utteranceIds)).toEqual(['u2']);
    expect(links[0]?.text).toBe('Improve mood and energy');
  });

  it('each objective is judged on its own: one word from each of two objectives is not enough', () => {
    const plan: TreatmentPlan = {
      goals: [
        {
          id: 'G1',
          text: 'Improve mood and energy',
          objectives: [
            { id: 'O1', text: 'Slept seven hours' },
            { id: 'O2', text: 'Nights out with friends weekly' },
          ],
        },
      ],
    };
    // "slept" (O1) and "nights" (O2) each share one word only.
    expect(linkGoals(snippetContext(LINES, { plan }))).toEqual([]);
  });
});
