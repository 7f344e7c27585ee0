import { describe, expect, it } from 'vitest';
import { detectInterventions } from '../interventions.js';
import { session } from '../test-helpers.js';

/**
 * Original, fictional snippets for the not-delivered mechanisms: a technique put off to a named
 * later session in a following sentence, a story about a previous therapist, a weaker but
 * specific mention in a clear context, the client's own use of a skill outside the session,
 * and two delivery guards (belief ratings and "safety behaviours" are not exposure; a learning
 * explanation is a treatment rationale). Each positive case has a twin that must not fire.
 */

type Lines = readonly (readonly [string, string])[];
const run = (lines: Lines) => detectInterventions(session(lines));
const delivered = (lines: Lines): string[] => run(lines).delivered.map((d) => d.id);
const notDelivered = (lines: Lines): Record<string, string> =>
  Object.fromEntries(run(lines).notDelivered.map((n) => [n.id, n.reason]));

describe('a technique put off to a named later session', () => {
  const described =
    'You keep expecting your boss to be furious if a report is late. We could test that prediction, hand one in a day late on purpose and see what really happens.';
  it('is planned when a later sentence of the turn defers "it" to next session', () => {
    const lines: Lines = [
      ['C', 'I just assume she will explode.'],
      ['T', `${described} It needs careful setting up, so let's plan it next session.`],
      ['C', 'Okay. Next time then.'],
    ];
    expect(delivered(lines)).not.toContain('cbt.behavioral_experiment');
    expect(notDelivered(lines)['cbt.behavioral_experiment']).toBe('planned');
  });

  it('"we will use that next week when we set up the experiment" is planned', () => {
    const lines: Lines = [
      ['T', 'Keep a note of how long the relief lasts each time you check the news.'],
      ['C', 'Fine.'],
      ['T', "We'll use that next week when we set up the experiment."],
    ];
    expect(notDelivered(lines)['cbt.behavioral_experiment']).toBe('planned');
  });

  it('twin: the same description, then done today, is not reported as not delivered', () => {
    const lines: Lines = [
      ['C', 'I just assume she will explode.'],
      ['T', `${described} Let's write your prediction down first, right now.`],
      ['C', 'She will shout at me in front of everyone. Ninety percent sure.'],
      [
        'T',
        'And last month, when a report was late, what did you predict and what actually happened?',
      ],
      ['C', 'I thought she would shout. She just asked when it would be ready.'],
    ];
    expect(notDelivered(lines)['cbt.behavioral_experiment']).toBeUndefined();
  });
});

describe('a story about a previous therapist', () => {
  it('a technique the client did with a former therapist, named sentences later, is past', () => {
    const lines: Lines = [
      ['T', 'What have you tried before for the intrusive thoughts?'],
      [
        'C',
        "My old therapist was lovely. Dr. Okafor. Very calm. We did that thing where you say I'm having the thought that the stove is on.",
      ],
      ['T', 'And did it help with the checking itself?'],
      ['C', 'Not really. I still checked.'],
    ];
    expect(delivered(lines)).not.toContain('act.defusion');
    expect(notDelivered(lines)['act.defusion']).toBe('past');
  });

  it('twin: a previous therapist mentioned, then defusion practised now in the present tense', () => {
    const lines: Lines = [
      ['C', 'My old therapist never gave me anything practical.'],
      [
        'T',
        "Let's try something now. Say the thought, and then say it again starting with I'm having the thought that. Notice what changes.",
      ],
      ['C', "I'm having the thought that the stove is on. It feels a bit further away."],
      [
        'T',
        "Good. Now I'm noticing I'm having the thought that. Say it slowly, like a passing car.",
      ],
    ];
    expect(notDelivered(lines)['act.defusion']).toBeUndefined();
  });
});

describe('a weaker but specific mention in a clear context', () => {
  it('an implicit grounding cue deferred to next session is reported as planned', () => {
    const lines: Lines = [
      ['C', 'Sometimes I sort of drift off and the room goes far away.'],
      [
        'T',
        "Next session I'd like to show you a way to come back into the room when that happens. Today we have the sleep plan to finish.",
      ],
      ['C', 'Okay.'],
    ];
    expect(delivered(lines)).not.toContain('skills.grounding');
    expect(notDelivered(lines)['skills.grounding']).toBe('planned');
  });

  it('twin: the same weak cue with only a vague "at some point" is not reported', () => {
    const lines: Lines = [
      ['C', 'Sometimes I sort of drift off and the room goes far away.'],
      [
        'T',
        'At some point it would be good to come back into the room more easily. Today we have the sleep plan to finish.',
      ],
      ['C', 'Okay.'],
    ];
    expect(notDelivered(lines)['skills.grounding']).toBeUndefined();
  });
});

describe("the client's own use of a skill outside the session", () => {
  it('"the ice water thing works" is a passing, past mention when the clinician never teaches it', () => {
    const lines: Lines = [
      ['T', 'What could you do instead at night, when your head is racing?'],
      ['C', 'The ice water thing works. And reading something dull.'],
      ['T', 'Reading something dull. Which book?'],
    ];
    expect(delivered(lines)).not.toContain('dbt.distress_tolerance');
    expect(notDelivered(lines)['dbt.distress_tolerance']).toBe('past');
  });

  it('twin: the client just names cold water, with no report of using it, is not reported', () => {
    const lines: Lines = [
      ['T', 'What do you drink during the day?'],
      ['C', 'Mostly cold water. Two coffees.'],
    ];
    expect(notDelivered(lines)['dbt.distress_tolerance']).toBeUndefined();
  });
});

describe('delivery guards', () => {
  it('a 0-100 belief rating and naming safety behaviours are not exposure', () => {
    const lines: Lines = [
      [
        'T',
        'When you thought it was a heart attack, how much did you believe that, zero to a hundred?',
      ],
      ['C', 'Ninety.'],
      ['T', 'And now, after we looked at the evidence?'],
      ['C', 'Forty. Maybe thirty five.'],
      [
        'T',
        "We've talked about safety behaviours, the things you do to feel safe that keep the fear going. What might checking your pulse stop you finding out?",
      ],
      ['C', 'That nothing happens if I do not check. Seventy percent of me knows that.'],
    ];
    expect(delivered(lines)).not.toContain('exposure.in_vivo');
  });

  it('twin: distress ratings while touching the feared object are exposure', () => {
    const lines: Lines = [
      [
        'T',
        "Today's step on the ladder is the bin lid. Touch it with both hands and stay with the feeling. What's your number, zero to a hundred?",
      ],
      ['C', 'Seventy.'],
      ['T', "No washing. Stay with it until the anxiety comes down. Where's it now?"],
      ['C', 'Fifty.'],
    ];
    expect(delivered(lines)).toContain('exposure.in_vivo');
  });

  it('explaining that the fear never gets the chance to find out is a treatment rationale', () => {
    const lines: Lines = [
      ['C', 'After I check the locks I feel better. For a while.'],
      [
        'T',
        "Checking brings the anxiety down fast, so the fear never gets the chance to find out that nothing happens when you don't check.",
      ],
      ['C', 'So checking keeps it alive.'],
      ['T', "That's why the not-checking part matters as much as leaving the house."],
    ];
    expect(delivered(lines)).toContain('psychoed.treatment_rationale');
  });

  it('twin: "never got the chance" about life events is no rationale', () => {
    const lines: Lines = [
      ['C', 'My dad left when I was small. I never got the chance to know him.'],
      ['T', 'That sounds like a real loss.'],
    ];
    expect(delivered(lines)).not.toContain('psychoed.treatment_rationale');
  });
});

describe('techniques described, evaluated or put aside', () => {
  it('a treatment praised as an alternative to what we do is not delivered', () => {
    const lines: Lines = [
      [
        'C',
        'My friend had a car crash too, and she did EMDR, with the eye movements. Should I do that?',
      ],
      [
        'T',
        "That's a fair question. EMDR is a good treatment, and it works quickly for some people. What we're doing is also well studied, so I'd suggest we keep going with this.",
      ],
      ['C', 'Okay. Let us keep going.'],
    ];
    expect(delivered(lines)).not.toContain('trauma.emdr');
  });

  it('a technique introduced by name, offered as a choice and put aside is not delivered', () => {
    const lines: Lines = [
      [
        'T',
        'theres a way of working on thoughts like that its called a thought record you write down the situation and the thought and then we look at the evidence for and against it and come up with a more balanced thought it would be your choice whether we do it now or later or not at all',
      ],
      ['C', 'honestly not right now it feels like one more thing i would fail at'],
      [
        'T',
        'thats completely fair lets leave the thought records for now and keep going with the activities',
      ],
    ];
    expect(delivered(lines)).not.toContain('cbt.cognitive_restructuring');
    expect(notDelivered(lines)['cbt.cognitive_restructuring']).toBeDefined();
  });

  it('steps listed while naming a technique for later do not deliver it', () => {
    const lines: Lines = [
      [
        'T',
        'There is a practical problem under all this. At some point it will be really useful to sit down with a structured problem-solving approach for that. Define the problem, brainstorm options, pick one.',
      ],
      ['C', 'That sounds useful.'],
      ['T', 'Bring your lists next time, and we will use them for the problem solving.'],
    ];
    expect(delivered(lines)).not.toContain('cbt.problem_solving');
  });
});
