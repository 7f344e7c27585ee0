import { describe, expect, it } from 'vitest';
import { detectInterventions } from '../interventions.js';
import { asr, session, snippetContext } from '../test-helpers.js';

/**
 * Original, fictional snippets for mechanisms that depend on what kind of session it is and on
 * the context of a cue: couple vs family sessions, processing after imaginal exposure,
 * responsibility ratings, comfort items, figures of speech and consent offers. Each positive
 * case has a twin that must not fire.
 */

type Lines = readonly (readonly [string, string])[];
const PARTNERS: Record<string, string> = { T: 'Therapist', C: 'Partner A', P: 'Partner B' };
const couple = (lines: Lines) =>
  detectInterventions(snippetContext(lines, { label: (w) => PARTNERS[w] ?? w }));
const run = (lines: Lines) => detectInterventions(session(lines));
const ids = (r: ReturnType<typeof run>): string[] => r.delivered.map((d) => d.id);

const COUPLE: Lines = [
  ['C', 'We had the same fight again on Thursday, about his brother staying over.'],
  ['P', 'It was not the same fight. It was a new one.'],
  [
    'T',
    'I can hear how raw this is for both of you. Let us use the speaker listener structure again. One of you holds the pen and speaks, the other paraphrases.',
  ],
  ['C', 'I felt like my opinion did not count when the plans were made.'],
  ['T', 'Marco, can you tell her what you heard, without answering it yet?'],
  ['P', 'You felt your opinion did not count.'],
  [
    'T',
    'Good. Each of you gets a turn. The reason for it is that when it gets heated, each of you is busy preparing an answer. This slows it down enough that both of you feel heard.',
  ],
  ['C', 'Okay. It does feel slower.'],
  ['T', 'Both of you said you wanted to argue less in front of the kids.'],
  ['P', 'Yes.'],
];

describe('couple sessions are not family sessions', () => {
  it('addressing two partners is couple work, not family therapy', () => {
    const d = ids(couple(COUPLE));
    expect(d).toContain('systemic.couples');
    expect(d).not.toContain('systemic.family');
  });

  it('why the structure helps is a treatment rationale', () => {
    expect(ids(couple(COUPLE))).toContain('psychoed.treatment_rationale');
  });

  it('with a parent and a child in the room, "both of you" still counts for family work', () => {
    const lines: Lines = [
      ['T', 'I would like to hear from both of you about the mornings before school.'],
      ['P', 'Every morning is a battle. I shout, she hides in her room.'],
      ['C', 'Because you always shout first.'],
      ['T', 'So each of you sees the other one starting it. Who in the family gets most upset?'],
      ['P', 'Probably her little brother, honestly.'],
      ['C', 'Yeah, he cries.'],
      ['T', 'What does her dad do when the shouting starts, as a family how does it end?'],
      ['P', 'He leaves for work early.'],
      ['C', 'He just goes.'],
      ['T', 'Both of you seem tired of it. Each of you wants calmer mornings.'],
      ['P', 'Yes, I do.'],
      ['C', 'Me too.'],
    ];
    expect(ids(run(lines))).toContain('systemic.family');
  });
});

const IMAGINAL: Lines = [
  [
    'T',
    'Close your eyes and go back to the night of the assault, in the present tense, as if it is happening now. I will ask for a number from zero to a hundred every few minutes.',
  ],
  ['C', 'I am walking home past the station. It is dark.'],
  ['T', 'What is the number?'],
  ['C', 'Seventy.'],
  ['T', 'Stay with the memory. Keep going, what happens next?'],
  ['C', 'He grabs my arm and I can not move.'],
  ['T', 'You are doing well. Stay with it. Zero to a hundred?'],
  ['C', 'Eighty five.'],
  ['T', 'Okay, let the images go and open your eyes when you are ready.'],
  ['C', 'Okay.'],
];

describe('processing after imaginal exposure to a trauma memory', () => {
  const processing: Lines = [
    ...IMAGINAL,
    ['T', 'You stayed with it the whole time. What do you make of that?'],
    ['C', 'It felt more like remembering this time.'],
    ['T', 'What was the hardest moment today?'],
    ['C', 'Not being able to move.'],
    ['T', 'A memory, instead of something happening right now.'],
    ['C', 'Yes.'],
  ];

  it('processing questions after the revisiting are narrative processing', () => {
    expect(ids(run(processing))).toContain('trauma.narrative_processing');
    expect(ids(run(asr(processing)))).toContain('trauma.narrative_processing');
  });

  it('imaginal exposure followed by other talk is not', () => {
    const other: Lines = [
      ...IMAGINAL,
      ['T', 'Let us set up the listening practice for this week.'],
      ['C', 'Every day?'],
    ];
    expect(ids(run(other))).toContain('exposure.imaginal');
    expect(ids(run(other))).not.toContain('trauma.narrative_processing');
  });

  it('explaining the freeze response is psychoeducation about symptoms', () => {
    const lines: Lines = [
      ['C', 'I just stood there. I should have run.'],
      ['T', 'Can I tell you something about what the body does in that kind of moment?'],
      ['C', 'Okay.'],
      [
        'T',
        'When the brain senses the danger is too close to fight or run, it often freezes instead. It is automatic, faster than thinking, and it is actually very common.',
      ],
      ['C', 'I did not know that.'],
    ];
    expect(ids(run(lines))).toContain('psychoed.symptoms');
    expect(ids(run(asr(lines)))).toContain('psychoed.symptoms');
  });
});

describe('cues in the wrong context', () => {
  it('a 0-100 rating of how much something is your fault is no exposure SUDS', () => {
    const lines: Lines = [
      ['T', 'How much of the missed deadline is your fault, zero to a hundred?'],
      ['C', 'Ninety five.'],
      [
        'T',
        'Let us list everyone else who had a part in it, then rate it again from zero to a hundred.',
      ],
      ['C', 'Maybe fifty now.'],
      ['T', 'Twenty five. That is a big shift. Write that number at the top.'],
      ['C', 'My friend thinks a meditation course would help me more.'],
      ['T', 'Then we can look at whether a course like that makes sense as a next step.'],
    ];
    expect(ids(run(lines))).not.toContain('exposure.in_vivo');
  });

  it('a playlist in a self-soothe box is not music therapy', () => {
    const lines: Lines = [
      ['T', 'For the self-soothe box: something for each sense. What would you put in?'],
      ['C', 'My soft scarf, peppermint tea, and the playlist I made last winter.'],
      ['T', 'Good. Scarf, tea, the playlist, in the box by the bed.'],
      ['C', 'Okay.'],
      ['T', 'So when the urge is high you open the box: the scarf, the tea, the playlist.'],
    ];
    expect(ids(run(lines))).not.toContain('expressive.music');
  });

  it('"each time you avoid, write …" is a log instruction, not a rationale', () => {
    const lines: Lines = [
      ['T', 'So the short-term relief is real, and then there is a cost.'],
      ['C', 'Yes.'],
      [
        'T',
        'Keep the log going, and next to each time you avoid, write which value it was connected to.',
      ],
    ];
    expect(ids(run(lines))).not.toContain('psychoed.treatment_rationale');
  });
});

describe('consent offers', () => {
  it('an offer with a rationale and a free choice, declined, is a consent discussion', () => {
    const lines: Lines = [
      [
        'T',
        'There is a way of working on thoughts like that, called a thought record. You write down the situation and the thought and look at the evidence for and against it. Some people find it really helps with the harsh ones. It would be your choice whether we do it now or later or not at all.',
      ],
      ['C', "Honestly I don't think I can take on another sheet right now."],
      ['T', 'That is completely fair, let us leave the thought records for now.'],
    ];
    for (const l of [lines, asr(lines)]) {
      const r = run(l);
      expect(ids(r)).not.toContain('cbt.cognitive_restructuring');
      expect(r.consent).toContainEqual(
        expect.objectContaining({
          interventionId: 'cbt.cognitive_restructuring',
          outcome: 'declined',
        }),
      );
    }
  });

  it('"you are in charge … if at any point you need to stop … is that still okay?" before imaginal exposure', () => {
    const lines: Lines = [
      [
        'T',
        'Same as last time: eyes closed, first person, present tense, as if the assault is happening now. I will ask for a number from zero to a hundred. You are in charge. If at any point you need to stop, tell me and we stop. Is that still okay?',
      ],
      ['C', 'Yes. I want to do it.'],
      ['T', 'Where are you now, zero to a hundred?'],
      ['C', 'Fifty.'],
      ['T', 'Start from getting off the bus. Stay with the memory.'],
      ['C', 'I am getting off the bus. It is cold.'],
    ];
    const r = run(lines);
    expect(ids(r)).toContain('exposure.imaginal');
    expect(r.consent).toContainEqual(
      expect.objectContaining({ interventionId: 'exposure.imaginal', outcome: 'agreed' }),
    );
  });
});
