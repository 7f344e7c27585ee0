import { describe, expect, it } from 'vitest';
import { detectInterventions } from '../interventions.js';
import { session } from '../test-helpers.js';

type Lines = readonly (readonly [string, string])[];
const run = (lines: Lines) => detectInterventions(session(lines));
const delivered = (lines: Lines): string[] => run(lines).delivered.map((d) => d.id);
const notDelivered = (lines: Lines): Record<string, string> =>
  Object.fromEntries(run(lines).notDelivered.map((n) => [n.id, n.reason]));

describe('CBT', () => {
  const restructuring: Lines = [
    ['T', 'When your friend cancelled on Friday, what went through your mind?'],
    ['C', 'That nobody actually wants to spend time with me.'],
    ['T', 'How much do you believe that right now, from zero to a hundred?'],
    ['C', 'Like eighty.'],
    ['T', "What's the evidence for that thought? And what doesn't fit with it?"],
    ['C', 'Well, she did invite me to her birthday last month.'],
    ['T', 'If a good friend told you this story, what would you tell her?'],
    ['C', "That one cancellation doesn't mean anything."],
    ['T', 'So what might a more balanced thought be?'],
    ['C', 'She was busy, and she still wants to see me.'],
    ['T', 'And how much do you believe the original thought now?'],
  ];

  it('detects cognitive restructuring from implicit phrasing, with its steps', () => {
    const det = run(restructuring);
    const cr = det.delivered.find((d) => d.id === 'cbt.cognitive_restructuring');
    expect(cr).toBeDefined();
    expect(cr?.components).toEqual(
      expect.arrayContaining(['identify_thought', 'examine_evidence', 'alternative_thought']),
    );
    expect(cr?.evidence.length).toBeGreaterThan(0);
    expect(cr?.evidence.length).toBeLessThanOrEqual(3);
    expect(cr?.confidence).toBeGreaterThan(0.5);
  });

  it('does not read "evidence" or "values" in their plain sense as CBT or ACT', () => {
    const ids = delivered([
      ['T', 'There is good evidence that regular exercise helps with mood.'],
      ['C', 'My doctor said that too.'],
      ['T', 'Your family values hard work, it sounds like.'],
      ['C', 'Yes, my dad especially.'],
      ['T', 'What evidence did the doctor give you about the medication?'],
    ]);
    expect(ids).not.toContain('cbt.cognitive_restructuring');
    expect(ids).not.toContain('act.values');
  });

  it('detects behavioral activation with scheduling', () => {
    expect(
      delivered([
        ['T', "Let's look at your activity log from this week."],
        ['C', 'I only went out twice.'],
        ['T', 'What was your mood before and after the walk?'],
        ['C', 'Three before, six after.'],
        ['T', "Let's schedule a few pleasant activities. Which days are realistic?"],
        ['C', 'Tuesday and Saturday.'],
        ['T', 'Put them on the schedule, and rate pleasure and mastery for each.'],
      ]),
    ).toContain('cbt.behavioral_activation');
  });

  it('detects the treatment rationale when the clinician explains why it works', () => {
    expect(
      delivered([
        [
          'T',
          "Here's the thing about avoiding the supermarket: every time you leave early, your brain gives the credit to leaving, so the fear never gets a chance to learn that you could cope. Avoidance keeps the anxiety going.",
        ],
        ['C', 'So leaving makes it worse.'],
      ]),
    ).toContain('psychoed.treatment_rationale');
  });
});

describe('mentioned but not delivered', () => {
  it('planned for a later session', () => {
    const lines: Lines = [
      ['T', 'That belief deserves its own session.'],
      ['C', 'Okay.'],
      [
        'T',
        "In a couple of weeks we'll bring out the thought records for that one, but not today.",
      ],
      ['C', 'Sounds good.'],
    ];
    expect(delivered(lines)).not.toContain('cbt.cognitive_restructuring');
    expect(notDelivered(lines)['cbt.cognitive_restructuring']).toBe('planned');
  });

  it('done in the past by another therapist', () => {
    const lines: Lines = [
      ['C', 'My previous therapist did EMDR with me years ago, and it helped for a while.'],
      ['T', 'Thank you for telling me. What do you remember about it?'],
      ['C', 'Mostly following her fingers. I cried a lot.'],
      ['T', "Today I'd like to hear what's been happening since you moved."],
    ];
    expect(delivered(lines)).not.toContain('trauma.emdr');
    expect(notDelivered(lines)['trauma.emdr']).toBe('past');
  });

  it('hypothetical', () => {
    const lines: Lines = [
      ['T', 'Some people find that a body scan before bed helps them fall asleep.'],
      ['C', 'Maybe.'],
    ];
    expect(delivered(lines)).not.toContain('mbct.mindfulness');
    expect(notDelivered(lines)['mbct.mindfulness']).toBe('hypothetical');
  });

  it('negated', () => {
    const lines: Lines = [
      [
        'T',
        "We're not going to do exposure work with the fear hierarchy, it isn't the right fit for now.",
      ],
      ['C', 'Okay, good.'],
    ];
    expect(delivered(lines)).not.toContain('exposure.in_vivo');
    expect(notDelivered(lines)['exposure.in_vivo']).toBe('negated');
  });

  it('offered and declined, with the consent discussion recorded as declined', () => {
    const lines: Lines = [
      [
        'T',
        "One option today is an exposure: you touch the bin lid and we sit here without washing. It will probably feel uncomfortable, and you can stop whenever you want. It's completely up to you. Would you like to try?",
      ],
      ['C', "No. I'd rather not today, I'm not ready."],
      ['T', "That's fine. It's your decision."],
    ];
    const det = run(lines);
    expect(det.delivered.map((d) => d.id)).not.toContain('exposure.in_vivo');
    expect(det.notDelivered.find((n) => n.id === 'exposure.in_vivo')?.reason).toBe('declined');
    expect(det.consent).toEqual([
      expect.objectContaining({ interventionId: 'exposure.in_vivo', outcome: 'declined' }),
    ]);
  });
});

describe('exposure and trauma', () => {
  it('imaginal exposure with SUDS and consent agreed (not in vivo)', () => {
    const det = run([
      [
        'T',
        "Today is the imaginal exposure. It will bring up distress, and that's expected. You're in charge, and you can stop at any time. Are you ready?",
      ],
      ['C', "Yes. Let's do it."],
      [
        'T',
        'Close your eyes and tell me the memory in the present tense, as if it is happening right now.',
      ],
      ['C', 'I am at the crossing, the truck is turning, I hear the brakes.'],
      ['T', "What's your SUDS right now, zero to a hundred?"],
      ['C', 'Ninety.'],
      ['T', 'Stay with the memory. What do you see now?'],
      ['C', 'The glass on the road.'],
      ['T', 'Go back to the moment the glass broke and keep going.'],
      ['C', 'Seventy now.'],
      ['T', "Let's talk about the hot spots. Which moment was the worst part of the memory?"],
    ]);
    const ids = det.delivered.map((d) => d.id);
    expect(ids).toContain('exposure.imaginal');
    expect(ids).not.toContain('exposure.in_vivo');
    expect(det.consent).toContainEqual(
      expect.objectContaining({ interventionId: 'exposure.imaginal', outcome: 'agreed' }),
    );
  });

  it('TF-CBT trauma narrative with the caregiver uses PRACTICE ids', () => {
    const ids = delivered([
      [
        'T',
        'Last week you finished the third chapter of your book. Today, like we planned, you will read your trauma narrative to your mom.',
      ],
      ['C', 'Okay. It is about the night of the fire.'],
      ['P', "I'm ready to hear it, sweetheart. Take your time."],
      ['C', 'I smelled smoke and I ran to the hallway and I could not find the cat.'],
      ['T', 'What were you thinking when you saw the smoke?'],
      ['C', 'That it was my fault because I left the candle on.'],
      [
        'T',
        'Remember the cognitive triangle, thoughts, feelings and behaviors. Is there a more helpful thought?',
      ],
      ['C', 'That I was eight and nobody told me about candles.'],
      ['P', "It was never your fault, honey. I'm proud of you for writing this."],
      ['T', 'Mom, what was it like to hear your daughter read her story?'],
      ['P', 'Hard, but I am so glad she could tell me all of it.'],
    ]);
    expect(ids).toContain('tfcbt.trauma_narrative');
    expect(ids).toContain('tfcbt.conjoint_sessions');
    expect(ids.filter((id) => /^(exposure|cbt|trauma|psychoed)\./.test(id))).toEqual([]);
  });
});

describe('IPT', () => {
  it('role transition after retirement', () => {
    expect(
      delivered([
        [
          'T',
          'Since you retired, your mood has dropped. In interpersonal therapy we call this a role transition.',
        ],
        ['C', 'I guess. I was a teacher for thirty years.'],
        ['T', 'What do you miss about your old role at the school?'],
        ['C', 'The kids. Being needed.'],
        ['T', 'And what might be good about this new chapter of your life?'],
        ['C', 'More time with my grandchildren, maybe.'],
        ['T', 'Who could support you in this new role?'],
      ]),
    ).toContain('ipt.role_transition');
  });
});

describe('modality rules', () => {
  it('breathing space in MBCT is mbct.mindfulness, not skills.breathing', () => {
    const ids = delivered([
      ['T', "Let's do a three minute breathing space together."],
      ['C', 'Okay.'],
      ['T', "First becoming aware, what's here right now, thoughts, feelings, sensations."],
      ['T', 'Now gathering the attention to the breath, breathe in and breathe out slowly.'],
      ['T', 'And widening the attention, as if the whole body is breathing.'],
    ]);
    expect(ids).toContain('mbct.mindfulness');
    expect(ids).not.toContain('skills.breathing');
  });

  it('paced breathing inside TIPP is dbt.distress_tolerance', () => {
    const ids = delivered([
      [
        'T',
        'When the urge hits a four, use your TIPP skills: cold water on your face, then intense exercise.',
      ],
      ['C', 'The ice water thing worked last time.'],
      [
        'T',
        'And paced breathing, where the out breath is longer than the in breath. Put it on your crisis plan.',
      ],
    ]);
    expect(ids).toContain('dbt.distress_tolerance');
    expect(ids).not.toContain('skills.breathing');
  });

  it('teaching diaphragmatic breathing is skills.breathing', () => {
    expect(
      delivered([
        [
          'T',
          "Let's practise diaphragmatic breathing. Put one hand on your belly and one on your chest.",
        ],
        ['C', 'Like this?'],
        [
          'T',
          'Yes. Breathe in through your nose for four, and breathe out slowly for six, so the out breath is longer than the in breath.',
        ],
      ]),
    ).toContain('skills.breathing');
  });

  it('DEAR MAN rehearsal is interpersonal effectiveness, not drama', () => {
    const ids = delivered([
      ['T', "Let's build it with DEAR MAN. Describe the facts first."],
      ['C', 'You borrowed my car three times this week without asking.'],
      ['T', 'Good. Express and assert: what are you asking for?'],
      ['C', 'I want you to ask me first.'],
      [
        'T',
        "Let's role play it. I'll be your brother. Remember the broken record and appear confident.",
      ],
      ['C', 'I hear you, and I still want you to ask first.'],
    ]);
    expect(ids).toContain('dbt.interpersonal_effectiveness');
    expect(ids).not.toContain('expressive.drama');
  });

  it('a single screening question is not a structured risk assessment', () => {
    expect(
      delivered([
        [
          'T',
          'On the questionnaire you marked zero for thoughts that you would be better off dead or of hurting yourself. Is that still right?',
        ],
        ['C', 'Yes, nothing like that.'],
        ['T', "Okay. Let's look at your week."],
      ]),
    ).not.toContain('safety.risk_assessment');
  });

  it('planning talk about cutting down drinking is not a risk assessment', () => {
    expect(
      delivered([
        ['T', "You've decided that cutting down is the way to go."],
        ['C', 'Yeah. The beers at home, I do not even need those.'],
        [
          'T',
          'It sounds like you have a plan. What would you do instead of drinking when you get home?',
        ],
        ['C', 'Shower, maybe. I used to do that.'],
        [
          'T',
          'Would you be willing to write down every drink this week, and any time you feel like using?',
        ],
        ['C', 'I can do that.'],
      ]),
    ).not.toContain('safety.risk_assessment');
  });

  it('a multi-question risk assessment is safety.risk_assessment', () => {
    expect(
      delivered([
        ['T', 'Have you had any thoughts of suicide this week?'],
        ['C', 'Some, on Tuesday.'],
        ['T', 'Did you have a plan, or any intent to act on them?'],
        ['C', 'No plan.'],
        ['T', 'Do you have access to pills or anything you could use at home?'],
        ['C', 'My partner keeps the medications.'],
      ]),
    ).toContain('safety.risk_assessment');
  });

  it('empathic reflections outside MI are not mi.*', () => {
    const ids = delivered([
      ['T', 'It sounds like you felt very alone after the move.'],
      ['C', 'Yes. Nobody called.'],
      ['T', "You're feeling forgotten by people who mattered."],
      ['C', 'Exactly.'],
      ['T', 'What was that like for you?'],
    ]);
    expect(ids.filter((id) => id.startsWith('mi.'))).toEqual([]);
  });

  it('a motivational-interviewing session yields mi.* ids', () => {
    const ids = delivered([
      ['T', 'What brings you in today?'],
      ['C', 'My wife thinks I drink too much.'],
      ['T', "It sounds like you're not sure it's really a problem."],
      ['C', 'I mean, I work, I pay the bills. But the mornings are rough.'],
      ['T', 'On a scale from zero to ten, how important is it for you to cut down on drinking?'],
      ['C', 'Maybe a six.'],
      ['T', 'Why a six and not a lower number, like a three?'],
      ['C', "Because I miss breakfast with my kids. I'm always hungover."],
      ['T', 'You really care about being there for your kids in the mornings.'],
      ['C', 'Yeah, I do.'],
      ['T', 'How confident are you that you could cut back, zero to ten?'],
      ['C', 'Four.'],
      ['T', 'What would it take to go from a four to a six?'],
      ['C', 'Not keeping beer in the fridge, maybe.'],
      [
        'T',
        'Let me see if I can pull this together. Part of you likes how drinking helps you unwind, and part of you wants your mornings back with the kids.',
      ],
      ['C', "That's right."],
    ]);
    expect(ids).toEqual(
      expect.arrayContaining(['mi.change_talk', 'mi.open_question', 'mi.reflection', 'mi.summary']),
    );
  });
});

describe('treatment rationale given as an explanation', () => {
  const exposure: Lines = [
    ['T', 'Today we will go through the memory again, start to finish, with your eyes closed.'],
    ['C', 'Okay. I know why, sort of.'],
    [
      'T',
      'When you push the memory away, your mind keeps treating it like something still happening. When you go through it again and again in a safe place, the distress comes down on its own, and you learn that remembering it is painful but not dangerous.',
    ],
    ['C', 'That makes sense.'],
    [
      'T',
      'Close your eyes and tell me where you are. What is your distress from zero to a hundred?',
    ],
    ['C', 'Eighty.'],
    ['T', 'Stay with it. Keep going in the present tense. Where is it now, zero to a hundred?'],
    ['C', 'Seventy, maybe.'],
  ];

  it('counts a causal explanation of why the practice works, beside the technique', () => {
    expect(delivered(exposure)).toContain('psychoed.treatment_rationale');
  });

  it('does not count a long explanation of symptoms with no practice or technique', () => {
    expect(
      delivered([
        [
          'T',
          'When you feel your heart speed up on the stairs, your brain notices it and reads it as danger, because that is what alarms do. That releases adrenaline, which makes the heart go faster, and it spirals from there, which is why it feels so sudden.',
        ],
        ['C', 'Huh. So my body did the rest.'],
      ]),
    ).not.toContain('psychoed.treatment_rationale');
  });
});

describe('IPT without the name', () => {
  it('detects a role transition and a communication analysis from their usual questions', () => {
    const ids = delivered([
      ['T', 'Since the shop closed, what has changed for you day to day?'],
      ['C', 'I used to see people all day. Now nobody needs me for anything.'],
      ['T', "It's not only the job, it's being needed. That's a real loss."],
      ['C', 'Yes. That is exactly it.'],
      ['T', "So the old role had the people in it. What's the new role got in it so far?"],
      ['C', 'Not much. The allotment, maybe.'],
      [
        'T',
        'You said Sunday with your son went badly. Take me through it as exactly as you can, what was said.',
      ],
      ['C', 'He said I should find a hobby. I said forget it and left the table.'],
      ['T', 'What did you want him to understand, in that moment?'],
      ['C', 'That I am not bored, I am lost.'],
      ['T', 'If you could have that lunch again, what might you say instead?'],
      ['C', 'Maybe that I miss feeling useful.'],
    ]);
    expect(ids).toEqual(
      expect.arrayContaining(['ipt.role_transition', 'ipt.communication_analysis']),
    );
  });
});

describe('psychodynamic interpretation', () => {
  it('detects insight and attachment work from interpretations and the relationship with the therapist', () => {
    const ids = delivered([
      ['C', 'My dad was always tired, so I kept the house quiet and cheerful for him.'],
      ['T', 'So very young, you learned that your job was to keep him from sinking.'],
      ['C', 'I never thought of it as a job. But yes.'],
      ['T', 'What was happening in you, when your friend needed you again on Saturday?'],
      ['C', 'I was furious. And then I made a joke about it.'],
      ['T', "It's as if the anger has to be wrapped in a joke so it doesn't take up room."],
      ['C', 'That sounds right.'],
      ['T', 'And so you become the one who needs nothing, and the resentment builds up quietly.'],
      ['C', 'Yes.'],
      [
        'T',
        'I wonder if something similar happens here, with me. A part of you worries you are too much for me.',
      ],
      ['C', 'Maybe. I did apologise for being late today.'],
    ]);
    expect(ids).toEqual(
      expect.arrayContaining(['psychodynamic.insight', 'psychodynamic.attachment']),
    );
  });
});

describe('distress tolerance in a crisis', () => {
  it('detects TIPP temperature, pros and cons, and riding out an urge without naming DBT', () => {
    const ids = delivered([
      ['C', 'I want to text him everything I think of him. Right now.'],
      [
        'T',
        'Would you try something first? Hold this ice pack on your face, round your eyes, and hold your breath for a few seconds.',
      ],
      ['C', '(pause) Okay. That is weirdly calming.'],
      ['T', 'Now, before you decide anything, what are the pros of sending that text tonight?'],
      ['C', 'He would know how angry I am.'],
      ['T', 'And the cons?'],
      ['C', 'I would feel awful tomorrow and he would show everyone.'],
      ['T', 'What could help you sit with the anger tonight without acting on it?'],
      ['C', 'Going to my sister. Her dog. A run.'],
    ]);
    expect(ids).toContain('dbt.distress_tolerance');
  });
});

describe('deferred to next time', () => {
  it('a technique named and then put off to next time is planned, not delivered', () => {
    const det = run([
      ['C', 'what about that thing where you count five things you can see'],
      [
        'T',
        'you are thinking of grounding five things you can see four things you can hear that kind of exercise',
      ],
      ['C', 'yeah that one'],
      [
        'T',
        'that is definitely something i want to teach you i would like us to do that properly next time though so we are not rushing it',
      ],
      ['C', 'okay next time then'],
    ]);
    expect(det.delivered.map((d) => d.id)).not.toContain('skills.grounding');
    expect(det.notDelivered.find((n) => n.id === 'skills.grounding')?.reason).toBe('planned');
  });
});
