import { describe, expect, it } from 'vitest';
import { extractHomework } from './homework.js';
import { assessRisk } from './risk.js';
import { asr, snippetContext, type Line } from './test-helpers.js';

/** Fictional snippets written for these tests; T clinician, C client. */

const abuseOf = (lines: readonly Line[]) =>
  assessRisk(snippetContext(lines, { start: 15 })).find((r) => r.kind === 'abuse_or_neglect')
    ?.status;

const SETUP: Line[] = [
  [
    'T',
    "Like last week: eyes shut if that's okay, say it in the first person and the present tense, as if it's happening now. I'll ask for a number now and then.",
  ],
  ['C', 'Okay. I am ready.'],
  ['T', 'Start from when you leave the car park.'],
  ['C', "I'm walking to the car. It's dark and the lights are off on that level."],
  ['T', 'Stay with it. What happens next?'],
];

describe('abuse_or_neglect: an assault relived in imaginal exposure is the treated memory, not a current disclosure', () => {
  it('a stranger hitting the client inside the retold memory is not endorsed abuse', () => {
    const lines: Line[] = [
      ...SETUP,
      [
        'C',
        'He grabs my keys and he shoves me against the pillar. Then he punches me in the face.',
      ],
      ['T', 'Number?'],
      ['C', 'Eighty-five.'],
    ];
    expect(abuseOf(lines)).toBe('not_assessed');
    expect(abuseOf(asr(lines))).toBe('not_assessed');
  });

  it('a partner who hurts the client now, said during the same exercise, stays endorsed', () => {
    const lines: Line[] = [
      ...SETUP,
      ['C', 'Sorry, I need to stop. My boyfriend hit me on Sunday and I keep thinking about that.'],
    ];
    expect(abuseOf(lines)).toBe('endorsed');
  });

  it('"he still hits me" after a narration prompt stays endorsed', () => {
    const lines: Line[] = [...SETUP, ['C', 'He still hits me when he has been drinking.']];
    expect(abuseOf(lines)).toBe('endorsed');
  });

  it('without a reliving set-up, "he hits me" is a disclosure', () => {
    const lines: Line[] = [
      ['T', 'How are things at the flat?'],
      ['C', "Not good. When he's angry he hits me and then says sorry."],
      ['T', 'Keep going, I am listening.'],
    ];
    expect(abuseOf(lines)).toBe('endorsed');
  });
});

describe('homework: week set-up and elliptic review of a planned task', () => {
  it('"let\'s put the week together" followed by a task with how often is an assignment', () => {
    const hw = extractHomework(
      snippetContext([
        ['T', 'We are nearly out of time.'],
        ['C', 'Already?'],
        ['T', "Right, let's put the week together. The mood log every evening, same as before."],
        ['C', 'Every evening. Fine.'],
      ] as Line[]),
    );
    expect(hw.assigned.length).toBe(1);
  });

  it('"what about the walks we planned?" answered with what was done is a review', () => {
    const hw = extractHomework(
      snippetContext([
        ['T', 'Good to see you both. And what about the walks we planned? Three after dinner.'],
        ['C', 'We did two. The third one got rained off.'],
        ['T', 'Two of three, that counts.'],
      ] as Line[]),
    );
    expect(hw.reviewed).toBe(true);
  });

  it('a question about something a friend planned is not a review', () => {
    const hw = extractHomework(
      snippetContext([
        ['T', 'What about the party your friends planned?'],
        ['C', 'It was loud. I left early.'],
      ] as Line[]),
    );
    expect(hw.reviewed).toBe(false);
  });
});
