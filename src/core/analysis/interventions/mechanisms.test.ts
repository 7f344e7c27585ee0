import { describe, expect, it } from 'vitest';
import { detectInterventions } from '../interventions.js';
import { session } from '../test-helpers.js';

/**
 * Original, fictional snippets for the session-level mechanisms: plans and other treatments
 * named but not used, SUDS-style ratings without exposure, restructuring inside CPT, a safety
 * assessment after an abuse disclosure, family-systems questions, and consent talk. Each
 * positive case has a twin that must not fire.
 */

type Lines = readonly (readonly [string, string])[];
const run = (lines: Lines) => detectInterventions(session(lines));
const delivered = (lines: Lines): string[] => run(lines).delivered.map((d) => d.id);
const notDelivered = (lines: Lines): Record<string, string> =>
  Object.fromEntries(run(lines).notDelivered.map((n) => [n.id, n.reason]));

describe('plans, other options and other people’s treatment are not delivery', () => {
  it('a hierarchy proposed for a later stage is planned (deferral in the next sentence)', () => {
    const lines: Lines = [
      ['C', 'Parties are the worst. I just never go.'],
      [
        'T',
        'Further along, I think we could put together a fear hierarchy with you, every situation you steer clear of, ranked from mildest to most frightening, and then climb it bit by bit. Not this week though.',
      ],
      ['C', 'Okay, that sounds like a lot.'],
    ];
    expect(delivered(lines)).not.toContain('exposure.in_vivo');
    expect(notDelivered(lines)['exposure.in_vivo']).toBe('planned');
  });

  it('a treatment described as a different option, not the one used here, is not delivered', () => {
    const lines: Lines = [
      ['C', 'My neighbour had EMDR for her accident. Should I be having that instead?'],
      [
        'T',
        "EMDR is a different therapy, with eye movements while you hold the memory in mind. It's not what we're doing in our work. We chose to focus on the meaning you took from the assault.",
      ],
      [
        'T',
        'When we planned treatment there were a few options, including prolonged exposure, and you preferred to work on the thoughts.',
      ],
    ];
    expect(delivered(lines)).not.toContain('trauma.emdr');
    expect(delivered(lines)).not.toContain('exposure.in_vivo');
    const nd = notDelivered(lines);
    expect(nd['trauma.emdr']).toBeDefined();
    expect(nd['exposure.imaginal']).toBeDefined();
  });

  it('a module scheduled for later is planned, not delivered', () => {
    const lines: Lines = [
      [
        'T',
        "The next module in group is radical acceptance, turning the mind toward what can't be changed. We'll start it in three weeks.",
      ],
      ['C', 'Sounds hard.'],
    ];
    expect(delivered(lines)).not.toContain('dbt.radical_acceptance');
    expect(notDelivered(lines)['dbt.radical_acceptance']).toBe('planned');
  });

  it('an offer turned down after a pause is declined', () => {
    const lines: Lines = [
      ['C', 'Maybe I should be doing those worksheets again.'],
      [
        'T',
        "We could, if you'd find it useful. A thought record for the evenings, writing down what goes through your mind. What do you think?",
      ],
      ['C', '(pause) Actually, no. They never helped much.'],
    ];
    expect(delivered(lines)).not.toContain('cbt.cognitive_restructuring');
    expect(notDelivered(lines)['cbt.cognitive_restructuring']).toBe('declined');
  });
});

describe('ratings alone are not exposure', () => {
  const beliefRatings: Lines = [
    ['T', 'How strongly do you believe that thought, zero to a hundred?'],
    ['C', 'Eighty.'],
    ['T', "What's the evidence for it?"],
    ['C', 'Not much, if I am honest.'],
    ['T', 'And your anxiety right now, zero to a hundred?'],
    ['C', 'Sixty.'],
    ['T', 'And where was it at the peak this morning?'],
    ['C', 'Ninety.'],
  ];
  it('0-100 belief and distress ratings in a CBT conversation do not make an exposure', () => {
    const ids = delivered(beliefRatings);
    expect(ids).not.toContain('exposure.in_vivo');
    expect(ids).not.toContain('exposure.imaginal');
  });
});

describe('restructuring inside cognitive processing therapy belongs to CPT', () => {
  const cpt: Lines = [
    ['T', 'Let us look at your impact statement and the stuck points in it.'],
    ['C', 'The main one is that it was my fault.'],
    ['T', 'Which stuck point feels strongest today?'],
    ['C', 'That I should have known he was dangerous.'],
    ['T', 'Okay.'],
    ['C', 'Yes.'],
    ['T', 'Fine.'],
    ['C', 'Mm.'],
    ['T', 'How much do you believe it right now? What is the evidence for it?'],
    ['C', 'Maybe eighty. He had been kind for months.'],
    ['T', 'What would you say to a friend who told you the same story?'],
    ['C', 'That it was not her fault.'],
    ['T', 'Is there another way of looking at it? How much do you believe it now?'],
    ['C', 'Fifty.'],
  ];
  it('reports CPT and not a separate cognitive restructuring', () => {
    const ids = delivered(cpt);
    expect(ids).toContain('trauma.cognitive_processing');
    expect(ids).not.toContain('cbt.cognitive_restructuring');
  });
  it('the same questions without CPT are cognitive restructuring', () => {
    const ids = delivered(cpt.slice(4));
    expect(ids).toContain('cbt.cognitive_restructuring');
  });
});

describe('safety assessment after a disclosure of harm by someone else', () => {
  const assessment: Lines = [
    ['C', 'My stepdad grabbed me by the neck last week.'],
    ['T', 'Thank you for telling me. When was the last time he grabbed you like that?'],
    ['C', 'Saturday.'],
    ['T', 'Were you hurt? Any marks?'],
    ['C', 'A bruise.'],
    ['T', 'How often does that happen? Has he ever threatened you?'],
    ['C', 'Every couple of weeks. He says I will be sorry if I tell.'],
    ['T', 'Do you feel safe going home tonight?'],
    ['C', 'He is away until Monday.'],
  ];
  it('counts as a structured risk assessment', () => {
    expect(delivered(assessment)).toContain('safety.risk_assessment');
  });
  it('a trauma account with an injury question is not one', () => {
    const account: Lines = [
      ['C', 'The other driver hit us from the side.'],
      ['T', 'Were you hurt in the crash?'],
      ['C', 'Just my shoulder.'],
      ['T', 'What do you remember next?'],
      ['C', 'The sirens.'],
    ];
    expect(delivered(account)).not.toContain('safety.risk_assessment');
  });
  it('staying safe while exercising is not a risk assessment', () => {
    const exercise: Lines = [
      ['T', "You don't want to hurt yourself again, I hear that."],
      ['C', 'No, the fall scared me.'],
      ['T', 'So keeping still feels like the way to stay safe.'],
      ['C', 'Yes.'],
      ['T', 'Have you ever tried walking with someone?'],
    ];
    expect(delivered(exercise)).not.toContain('safety.risk_assessment');
  });
});

describe('family-systems work', () => {
  const family: Lines = [
    [
      'T',
      'Good to see you both. Sam, if I asked your dad what he noticed this week, what would he say?',
    ],
    ['C', 'That I stayed in my room.'],
    ['T', 'And Jo, what would you guess Sam noticed about you?'],
    ['P', 'That I was on my phone a lot.'],
    [
      'T',
      'Who reacts first when things get tense, do you think? Does Dad get sharp and then Sam goes quiet, or is it the other way round?',
    ],
    ['C', 'Him.'],
    [
      'T',
      'Can I check a pattern I think I am seeing? Jo worries, so he asks more, Sam pulls away, and then Jo worries more. In that loop, who feels most alone?',
    ],
    ['P', 'Probably both of us.'],
  ];
  it('circular questions and an interaction pattern are systemic family work', () => {
    expect(delivered(family)).toContain('systemic.family');
  });
  it('one question about a parent in an individual session is not', () => {
    const individual: Lines = [
      ['T', 'What does your mum say when you tell her about work?'],
      ['C', 'Not much.'],
      ['T', 'How did that feel?'],
    ];
    expect(delivered(individual)).not.toContain('systemic.family');
  });
});

describe('consent talk', () => {
  it('choice and the right to stop before an experiment is a consent discussion', () => {
    const lines: Lines = [
      [
        'T',
        'The idea is to test your prediction rather than argue with it. You predict the shop assistant will be annoyed, and then you ask and we see what actually happens.',
      ],
      ['C', 'Okay.'],
      [
        'T',
        "Only if you're willing. It's entirely your choice, and we can stop at any point or pick something easier. It will probably make you nervous for a bit.",
      ],
      ['C', 'Okay, I will try.'],
      ['T', 'Let us write the prediction down first. How much do you believe it?'],
      ['C', 'Seventy.'],
      ['T', 'Then go and run the experiment, and we will compare it with what actually happened.'],
    ];
    const r = run(lines);
    expect(r.delivered.map((d) => d.id)).toContain('cbt.behavioral_experiment');
    expect(r.consent).toContainEqual(
      expect.objectContaining({ interventionId: 'cbt.behavioral_experiment', outcome: 'agreed' }),
    );
  });
  it('a right to stop said during ordinary talk, far from any technique, is not consent', () => {
    const lines: Lines = [
      ['T', 'We can stop whenever you like today, it is your choice what we talk about.'],
      ['C', 'Thanks.'],
      ['T', 'How has the week been?'],
    ];
    expect(run(lines).consent).toEqual([]);
  });
});

describe('grief work without IPT named (speech-recognition style)', () => {
  const grief: Lines = [
    ['T', 'tell me about your husband what was he like'],
    ['C', 'he was quiet but funny'],
    ['T', 'how have things been since the funeral'],
    ['C', 'the house is too quiet'],
    ['T', 'its normal to feel angry when someone you love dies grief isnt only sadness'],
    ['C', 'i am angry with him for going'],
    ['T', 'what do you miss about him the most'],
    ['C', 'his tea in the morning'],
    ['T', 'and what were the harder parts of being married to him'],
    ['C', 'he never said sorry'],
  ];
  it('sustained grief work is ipt.grief', () => {
    expect(delivered(grief)).toContain('ipt.grief');
  });
  it('a death mentioned in a restructuring session is not', () => {
    const cbt: Lines = [
      ['T', 'How have you been since the funeral?'],
      ['C', 'Low. I keep thinking it was my fault she died.'],
      ['T', 'What is the evidence for that thought?'],
      ['C', 'I did not call her back.'],
      ['T', 'What would you say to a friend who told you that?'],
      ['C', 'That it was not their fault.'],
    ];
    expect(delivered(cbt)).not.toContain('ipt.grief');
  });
});

describe('rationale in plain words', () => {
  it('"the reason this helps" beside an exposure is a treatment rationale', () => {
    const lines: Lines = [
      [
        'T',
        'The reason this helps is that when you stay in the situation instead of leaving, your brain gets to learn that nothing terrible happens. That is why we repeat it.',
      ],
      ['C', 'Okay.'],
      [
        'T',
        'So today we will practise staying in the queue. What is your anxiety now, zero to a hundred?',
      ],
      ['C', 'Sixty.'],
    ];
    const ids = delivered(lines);
    expect(ids).toContain('psychoed.treatment_rationale');
    expect(ids).toContain('exposure.in_vivo');
  });
});
