import { describe, expect, it } from 'vitest';
import { assessRisk } from './risk.js';
import type { RiskKind } from './schema.js';
import { asr, snippetContext, type Line } from './test-helpers.js';

/** Fictional snippets written for these tests; T clinician, C client, P family member. */

function statuses(lines: readonly Line[]): Record<RiskKind, string> {
  const out = {} as Record<RiskKind, string>;
  for (const r of assessRisk(snippetContext(lines, { start: 15 }))) out[r.kind] = r.status;
  return out;
}

describe('passive suicidal ideation is endorsed and never downgraded by a later "no plan"', () => {
  const session: Line[] = [
    ['T', 'When the evenings get that heavy, where does your mind go?'],
    [
      'C',
      "Honestly? Sometimes I lie there and think it wouldn't really matter if I didn't wake up. Like, what would it matter.",
    ],
    ['T', 'Thank you for telling me that. Can you say a bit more?'],
    ['C', "It's not that I'd do anything. It's more of a wish to just not be there for a while."],
    ['T', 'Have you had thoughts about actually ending your life, or about how you might do it?'],
    ['C', 'No. No, never anything like that. Not a plan.'],
  ];

  it('punctuated', () => {
    const s = statuses(session);
    expect(s.suicidal_ideation).toBe('endorsed');
    expect(s.suicide_plan).toBe('denied');
  });

  it('speech-recognition style', () => {
    const s = statuses(asr(session));
    expect(s.suicidal_ideation).toBe('endorsed');
    expect(s.suicide_plan).toBe('denied');
  });

  it.each([
    'Some days I think everyone would be better off without me around.',
    "I keep thinking it wouldn't matter if I was gone.",
    'I just wish I could disappear for good.',
    "there's no point going on like this",
    'im just so tired of living honestly',
    'i dont want to be here anymore i really dont',
    'Some mornings I hope I just do not wake up.',
    'I wish I was never born, that is how it feels.',
    "Nobody would even notice if I wasn't here.",
    'i keep thinking about not being here anymore',
  ])('endorsed: %s', (text) => {
    expect(statuses([['C', text]]).suicidal_ideation).toBe('endorsed');
  });

  it.each([
    "I don't want to be here today, I'd rather be at the beach.",
    "I don't want to be here anymore, at this job I mean, the manager is awful.",
    "It doesn't matter if I didn't finish the worksheet, right?",
    "I'd kill for a coffee right now.",
    'I miss him every day. The house is so quiet since the funeral.',
    "We visited her grave on Sunday, I cried the whole way home, I still can't believe she's gone.",
    "I'm not suicidal or anything, I'm just really flat.",
    'My phone died halfway through the call.',
  ])('not endorsed: %s', (text) => {
    const s = statuses([['C', text]]);
    expect(s.suicidal_ideation).not.toBe('endorsed');
  });

  it('an unprompted "I\'m not suicidal" is not a denial: nobody asked', () => {
    expect(statuses([['C', "Don't worry, I'm not suicidal or anything."]]).suicidal_ideation).toBe(
      'not_assessed',
    );
  });

  it('normal grief is not ideation', () => {
    const s = statuses([
      ['T', 'How have the weeks since the funeral been?'],
      ['C', 'Hard. I keep thinking about him. I cry in the car. I miss him so much it hurts.'],
    ]);
    expect(s.suicidal_ideation).toBe('not_assessed');
    expect(s.self_harm).toBe('not_assessed');
  });
});

describe('suicide attempt history', () => {
  const session: Line[] = [
    ['T', 'Any thoughts of suicide at the moment, of ending your life?'],
    ['C', "No. No, it's not like before."],
    ['T', 'Before being two years ago?'],
    ['C', 'The overdose. Yeah.'],
  ];
  it('a past overdose named after a suicide question is endorsed; current ideation stays denied', () => {
    for (const lines of [session, asr(session)]) {
      const s = statuses(lines);
      expect(s.suicide_attempt_history).toBe('endorsed');
      expect(s.suicidal_ideation).toBe('denied');
    }
  });

  it.each([
    'That was the year after my attempt, I was still in outpatient.',
    'The time I took all those pills, my sister found me.',
    'I was in hospital for a week after I tried to kill myself.',
    'they kept me in the psych ward after i took all my tablets',
  ])('endorsed: %s', (text) => {
    const s = statuses([
      ['T', 'Have you ever had thoughts of suicide?'],
      ['C', text],
    ]);
    expect(s.suicide_attempt_history).toBe('endorsed');
  });

  it('an overdose without any suicide talk is only unclear (could be accidental)', () => {
    expect(
      statuses([['C', 'My cousin got me into it. The overdose was in March, I nearly died.']])
        .suicide_attempt_history,
    ).toBe('unclear');
  });

  it('"my first attempt at the exposure" is not an attempt history', () => {
    expect(
      statuses([['C', 'My first attempt at the exposure went badly.']]).suicide_attempt_history,
    ).toBe('not_assessed');
  });
});

describe('clinician speech never endorses a risk', () => {
  it.each<Line[]>([
    [
      ['T', 'If thoughts of suicide come back tonight, you ring me or the crisis line. Okay?'],
      ['C', 'Yes. I will.'],
    ],
    [
      ['T', 'if any thoughts of suicide come back tonight you ring me or the crisis line okay'],
      ['C', 'yeah i will'],
    ],
    [
      [
        'T',
        'A lot of people with depression have thoughts of suicide at some point, and it helps to talk about them.',
      ],
      ['C', 'Okay. Yeah.'],
    ],
    [
      ['T', 'Should the urges to cut get stronger, use the ice and call me.'],
      ['C', 'Yes, I will.'],
    ],
  ])('instruction or psychoeducation: %#', (...lines) => {
    const s = statuses(lines);
    expect(s.suicidal_ideation).not.toBe('endorsed');
    expect(s.self_harm).not.toBe('endorsed');
  });

  it('a clinician restating a past act the client told them counts', () => {
    expect(
      statuses([['T', 'You told me on the phone that you cut on Friday. Can we look at that?']])
        .self_harm,
    ).toBe('endorsed');
  });
});

describe('abuse and violence screening', () => {
  it.each<Line[]>([
    [
      ['T', 'Has it ever gotten physical between you two?'],
      ['C', 'No, never.'],
    ],
    [
      ['T', 'Does anyone at home hurt you?'],
      ['C', 'No. Never.'],
    ],
    [
      ['T', 'does anyone at home ever hurt you or push you around'],
      ['C', 'no never'],
    ],
    [
      ['T', 'Has he ever hit you, or do you feel unsafe with him at home?'],
      ['C', "No, he's never done anything like that."],
    ],
    [
      ['T', 'Do you feel safe with him at home?'],
      ['C', 'Yes, totally.'],
    ],
  ])('denied: %#', (...lines) => {
    expect(statuses(lines).abuse_or_neglect).toBe('denied');
  });

  it.each(['No. Not really.', 'No.', "no i don't", 'Not with him, no.'])(
    '"do you feel safe at home?" answered "%s" is not a denial',
    (answer) => {
      expect(
        statuses([
          ['T', 'Do you feel safe at home?'],
          ['C', answer],
        ]).abuse_or_neglect,
      ).toBe('unclear');
    },
  );

  it.each(['Yeah, mostly.', 'Most of the time.', 'Not always.'])(
    'a hedged answer to "do you feel safe at home?" is unclear: %s',
    (answer) => {
      expect(
        statuses([
          ['T', 'Do you feel safe at home with him?'],
          ['C', answer],
        ]).abuse_or_neglect,
      ).toBe('unclear');
    },
  );

  it('a house-fire trauma narrative raises no abuse flag', () => {
    const s = statuses([
      ['T', 'Take me back to the night of the fire.'],
      [
        'C',
        'The smoke alarm went off and I was scared to go back in. The firefighter grabbed me and pushed me out the door. My hand got burned on the handle, it hurt so much.',
      ],
      ['T', 'Did anyone get hurt? Did he hurt you when he pulled you out?'],
      ['C', 'No, he was amazing. My neighbour was burned on his arm.'],
      ['C', "Now I don't feel safe at home since the fire. I'm scared of the kitchen."],
      ['T', 'That makes sense. Did they hit you with the hose?'],
      ['C', 'Yeah a bit, it was freezing.'],
    ]);
    expect(s.abuse_or_neglect).toBe('not_assessed');
  });
});

describe('questions stay questions', () => {
  it('a conditional question that asks is still a question', () => {
    expect(
      statuses([
        ['T', 'when the urges to cut get stronger do you act on them'],
        ['C', 'sometimes yeah'],
      ]).self_harm,
    ).toBe('endorsed');
  });

  it('"yes, I will" to a safety instruction with a question mark is not an endorsement', () => {
    const s = statuses([
      ['T', 'Will you call the crisis line if you have thoughts of suicide tonight?'],
      ['C', 'Yes, I will.'],
    ]);
    expect(s.suicidal_ideation).not.toBe('endorsed');
  });
});

describe('C-SSRS style screen', () => {
  const screen: Line[] = [
    [
      'T',
      'In the past month, have you wished you were dead or wished you could go to sleep and not wake up?',
    ],
    ['C', 'Yeah. Sometimes, at night.'],
    ['T', 'Have you actually had any thoughts of killing yourself?'],
    ['C', 'No.'],
    ['T', 'Have you been thinking about how you might do this?'],
    ['C', 'No, nothing like that.'],
    [
      'T',
      'Have you ever done anything, started to do anything, or prepared to do anything to end your life?',
    ],
    ['C', 'No. Never.'],
  ];
  it.each([
    ['punctuated', screen],
    ['asr', asr(screen)],
  ])('%s: passive ideation endorsed, plan and attempt denied', (_n, lines) => {
    const s = statuses(lines);
    expect(s.suicidal_ideation).toBe('endorsed');
    expect(s.suicide_plan).toBe('denied');
    expect(s.suicide_attempt_history).toBe('denied');
  });

  it.each([
    'I tried once, when I was sixteen.',
    "When I was fifteen I took a bunch of my mum's pills.",
  ])('an attempt told in answer to "have you ever attempted": %s', (answer) => {
    expect(
      statuses([
        ['T', 'Have you ever tried to end your life, or attempted suicide?'],
        ['C', answer],
      ]).suicide_attempt_history,
    ).toBe('endorsed');
  });

  it.each([
    "Honestly it'd be easier if I wasn't around.",
    'Some days I hope a bus hits me on the way to work.',
  ])('more passive ideation: %s', (text) => {
    expect(statuses([['C', text]]).suicidal_ideation).toBe('endorsed');
  });

  it('possible abuse is flagged for review', () => {
    expect(
      statuses([
        ['C', 'He gets rough with me when he has been drinking, and he threw a plate at me.'],
      ]).abuse_or_neglect,
    ).toBe('unclear');
  });
});

describe('more passive ideation and psychoeducation', () => {
  it.each([
    "Part of me wants to die, if I'm honest.",
    "Sometimes it'd be nice to just not exist for a while.",
    'i dont wanna be here no more',
    "I think, what's the point of being here.",
    'I just want to sleep forever.',
  ])('endorsed: %s', (text) => {
    expect(statuses([['C', text]]).suicidal_ideation).toBe('endorsed');
  });

  it.each<Line[]>([
    [
      ['T', 'suicidal thoughts are really common with depression and they do pass'],
      ['C', 'yeah'],
    ],
    [
      [
        'T',
        'Some clients tell me they have thought about killing themselves when it gets this bad.',
      ],
      ['C', 'Right.'],
    ],
  ])('psychoeducation is neither a question nor a report: %#', (...lines) => {
    expect(statuses(lines).suicidal_ideation).toBe('not_assessed');
  });

  it('"Has anyone ever put their hands on you?" answered no is a denial', () => {
    expect(
      statuses([
        ['T', 'Has anyone ever put their hands on you, or forced you to do something?'],
        ['C', 'No. Nothing like that.'],
      ]).abuse_or_neglect,
    ).toBe('denied');
  });
});

describe('guarding attempt history and passive-SI cues against everyday talk', () => {
  it.each([
    "I tried to call her but my attempt didn't go anywhere.",
    'After the attempt at the driving test I just went home.',
    "It's okay if I don't make it to the party, honestly.",
    'What does it matter what he thinks of my cooking?',
    "It would be fine if I didn't come back to this job after the holidays.",
  ])('not endorsed: %s', (text) => {
    const s = statuses([['C', text]]);
    expect(s.suicide_attempt_history).not.toBe('endorsed');
    expect(s.suicidal_ideation).not.toBe('endorsed');
  });

  it('"after my attempt" right after a question about suicide is an attempt history', () => {
    expect(
      statuses([
        ['T', 'Have you had thoughts of suicide since we last met?'],
        ['C', 'Not since my attempt, no. That was in March.'],
      ]).suicide_attempt_history,
    ).toBe('endorsed');
  });
});

describe("someone else's attempt", () => {
  it("a brother's overdose told during a suicide screen is not the client's attempt", () => {
    const s = statuses([
      ['T', 'Any thoughts of suicide yourself?'],
      ['C', 'No. My brother overdosed last year though, and his attempt really shook me.'],
    ]);
    expect(s.suicide_attempt_history).not.toBe('endorsed');
    expect(s.suicidal_ideation).toBe('denied');
  });
});
