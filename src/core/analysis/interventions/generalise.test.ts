import { describe, expect, it } from 'vitest';
import { detectInterventions } from '../interventions.js';
import { session } from '../test-helpers.js';

/**
 * Original, fictional snippets for modalities that the six development sessions do not cover,
 * written the way clinicians talk (some in speech-recognition style: lower case, no
 * punctuation, numbers as words). Each positive case has a negative twin that guards against
 * over-firing.
 */

type Lines = readonly (readonly [string, string])[];
const run = (lines: Lines) => detectInterventions(session(lines));
const delivered = (lines: Lines): string[] => run(lines).delivered.map((d) => d.id);
const notDelivered = (lines: Lines): Record<string, string> =>
  Object.fromEntries(run(lines).notDelivered.map((n) => [n.id, n.reason]));

describe('TF-CBT psychoeducation (P) with a caregiver present', () => {
  const pSession: Lines = [
    ['T', 'Thanks for coming in together. Maya, do you remember what we said we would talk about?'],
    ['C', 'About the stuff that happened with my uncle.'],
    [
      'T',
      "That's right. What happened to you has a name, it's called sexual abuse, and it is never the kid's fault. Lots of kids who go through something like this have nightmares, or get jumpy, or don't want to go to school.",
    ],
    ['C', 'I get jumpy when the door slams.'],
    [
      'T',
      'That makes sense. Your brain learned that things can be dangerous, so now it sounds the alarm even when you are safe. Those are called trauma reminders.',
    ],
    ['P', "She's been sleeping in our bed since it happened. I didn't know if that was normal."],
    [
      'T',
      "It's really common for children after abuse to want to be close to a parent. It doesn't mean she's going backwards.",
    ],
    ['P', 'Okay. That helps to hear, honestly.'],
    [
      'T',
      'One thing that helps at home is praise that is really specific. Instead of good job, you say, I like how you went to bed by yourself for ten minutes.',
    ],
    ['P', 'So I praise her when she does the brave thing.'],
    [
      'T',
      "Exactly. And when she's whining about bedtime, try not to give it a lot of attention, and then praise her as soon as she does what you asked.",
    ],
    ['C', 'Can I get a sticker?'],
    ['P', 'We could do a sticker chart for the nights in her own room.'],
    ['T', 'I love that idea. Maya, how does it feel to hear that other kids feel jumpy too?'],
    ['C', 'Kind of better. I thought it was just me.'],
  ];

  it('is tfcbt.psychoeducation, not the generic psychoed ids', () => {
    const ids = delivered(pSession);
    expect(ids).toContain('tfcbt.psychoeducation');
    expect(ids.filter((id) => id.startsWith('psychoed.'))).toEqual([]);
  });

  it('an adult session with a parent mentioned is not TF-CBT', () => {
    const ids = delivered([
      ['T', 'How have things been with your mother since the move?'],
      ['C', 'She calls every day. It is a lot.'],
      [
        'T',
        'Panic attacks are really common after a big change. Your body sounds the alarm, the adrenaline makes your heart race, and it feels dangerous, but it cannot hurt you.',
      ],
      ['C', 'It really feels like a heart attack though.'],
      ['T', 'That fight or flight response is designed to feel urgent. It passes on its own.'],
    ]);
    expect(ids.filter((id) => id.startsWith('tfcbt.'))).toEqual([]);
    expect(ids).toContain('psychoed.symptoms');
  });
});

describe('treatment rationale for exposure', () => {
  it('imaginal exposure (PE style): why revisiting the memory helps', () => {
    const ids = delivered([
      ['T', 'Before we start the recording today, can I explain again why we do this?'],
      ['C', 'Sure. Honestly some days I wonder.'],
      [
        'T',
        'Right now the memory feels dangerous, so you push it away, and every time you push it away your brain never gets to finish processing it. Avoidance keeps the fear going.',
      ],
      ['C', 'So not thinking about it makes it stick around.'],
      [
        'T',
        "Yes. When you go through it again and again here, where you're safe, the distress comes down on its own. We call that habituation. And your brain learns that remembering the crash is not the same as being in the crash.",
      ],
      ['C', 'Okay. That makes sense.'],
      [
        'T',
        'Close your eyes and start from when you pulled onto the highway, in the present tense.',
      ],
      ['C', "I'm driving, it's raining, the truck is in the next lane."],
      ['T', "What's your SUDS right now, zero to a hundred?"],
      ['C', 'Seventy five.'],
    ]);
    expect(ids).toContain('psychoed.treatment_rationale');
    expect(ids).toContain('exposure.imaginal');
  });

  it('panic (speech-recognition style): why we bring on the sensations', () => {
    const ids = delivered([
      ['T', 'so before we do the exercises i want to say a bit about why we do them'],
      ['C', 'ok'],
      [
        'T',
        'when your heart speeds up your brain reads it as danger and fires the alarm but the alarm is false there is no actual danger and the more you avoid the feeling the more your brain believes it',
      ],
      ['C', 'so its like a smoke detector going off for toast'],
      [
        'T',
        'exactly and if we bring on the feeling on purpose and you stay with it your brain learns that a racing heart is uncomfortable but not dangerous',
      ],
      ['C', 'that makes sense i guess'],
    ]);
    expect(ids).toContain('psychoed.treatment_rationale');
  });

  it('a one-line nod to the rationale is not an explanation', () => {
    const ids = delivered([
      ['T', "Let's do the thought record again, it seems to help you."],
      ['C', 'It does.'],
      ['T', 'Good. What was the situation on Tuesday?'],
      ['C', 'My manager emailed me late at night.'],
      ['T', 'And what went through your mind?'],
    ]);
    expect(ids).not.toContain('psychoed.treatment_rationale');
  });
});

describe('IPT without naming IPT', () => {
  const ipt: Lines = [
    ['T', 'Last time you said the low mood really started after you retired in the spring.'],
    ['C', 'Yeah. Thirty four years at the plant and then nothing.'],
    ['T', 'What do you miss most about your old role there?'],
    ['C', 'People came to me. I knew what I was for.'],
    [
      'T',
      "So you lost a place where you mattered and knew who you were. And what's good about this new stage, if anything?",
    ],
    ['C', 'I have time for my grandson. I just do not feel useful.'],
    [
      'T',
      'That sense of being useful sounds important. Who could support you as you figure out this new role?',
    ],
    ['C', 'My wife, maybe, but we argued on Sunday about it.'],
    ['T', 'Can we go through that argument? What did you say, exactly?'],
    ['C', 'I said she does not need me around the house.'],
    ['T', 'And what did she say back?'],
    ['C', 'She said I was feeling sorry for myself.'],
    ['T', 'How did you feel when she said that, and what did you do next?'],
    ['C', 'I went to the garage and did not talk for the rest of the night.'],
    ['T', 'What did you want her to understand in that moment?'],
    ['C', 'That I feel like a spare part.'],
    ['T', 'How else could you have said it, so she could hear that?'],
    ['C', 'Maybe, I miss feeling needed, can we find something to do together.'],
    ['T', "Let's try it. Say it to me as if I'm her."],
  ];

  it('detects role transition and communication analysis', () => {
    const ids = delivered(ipt);
    expect(ids).toContain('ipt.role_transition');
    expect(ids).toContain('ipt.communication_analysis');
  });

  it('same content in speech-recognition style', () => {
    const asr: Lines = ipt.map(([s, t]) => [s, t.toLowerCase().replace(/[^a-z0-9' ]+/g, ' ')]);
    const ids = delivered(asr);
    expect(ids).toContain('ipt.role_transition');
    expect(ids).toContain('ipt.communication_analysis');
  });

  it('a CBT chat that mentions retirement and an argument is not IPT', () => {
    const ids = delivered([
      ['T', 'How was the week since you retired?'],
      ['C', 'Quiet. My wife and I had an argument about the garden.'],
      ['T', 'What went through your mind during the argument?'],
      ['C', 'That I am useless now.'],
      ['T', "What's the evidence for that thought, and what doesn't fit with it?"],
      ['C', 'Well, I fixed the fence and helped my neighbour.'],
    ]);
    expect(ids.filter((id) => id.startsWith('ipt.'))).toEqual([]);
  });
});

describe('interoceptive exposure in speech-recognition style', () => {
  it('detects induction exercises with ratings after each', () => {
    const ids = delivered([
      [
        'T',
        'ok so today we said we would bring on the sensations on purpose are you still up for it',
      ],
      ['C', 'yeah i think so'],
      [
        'T',
        'first one is spinning in the chair for thirty seconds then tell me how intense it was and how similar to your panic zero to ten',
      ],
      ['C', 'ok whoa im dizzy intensity maybe a seven similar a six'],
      ['T', 'anxiety zero to ten'],
      ['C', 'five'],
      [
        'T',
        'good stay with it dont do anything to make it go away next one breathing through a straw for a minute',
      ],
      ['C', 'that was worse chest felt tight eight intensity anxiety seven'],
      ['T', 'and now running in place for a minute get your heart going'],
      ['C', 'my heart is pounding like a six anxiety four'],
      ['T', 'notice what your mind says about the pounding and let it be there'],
      ['C', 'it says heart attack but its just from running'],
    ]);
    expect(ids).toContain('exposure.interoceptive');
    expect(ids).not.toContain('exposure.in_vivo');
  });

  it('symptom education about a racing heart alone is not interoceptive exposure', () => {
    const ids = delivered([
      ['T', 'when you panic your heart races and you get dizzy and that is the alarm system'],
      ['C', 'it feels like im dying'],
      ['T', 'those sensations are uncomfortable but not dangerous'],
      ['C', 'ok'],
    ]);
    expect(ids).not.toContain('exposure.interoceptive');
  });
});

describe('psychodynamic session without structured techniques', () => {
  const dyn: Lines = [
    [
      'C',
      'My boss didn’t say anything about my report and I spent the whole weekend sick about it.',
    ],
    ['T', 'What comes to mind when you think about his silence?'],
    ['C', 'That I did something wrong. That he is disappointed and won’t say.'],
    [
      'T',
      'I wonder if that silence feels familiar. You have described your father going quiet for days when he was displeased.',
    ],
    ['C', 'He did. You never knew what you had done.'],
    [
      'T',
      'So there seems to be a pattern, where someone’s silence becomes proof that you have failed, and you work harder and harder to win them back.',
    ],
    ['C', 'I guess I do that with everyone.'],
    [
      'T',
      'It makes me think of the way you took care of your mother when she was depressed, always watching her face for how she was doing.',
    ],
    ['C', 'I was ten. Someone had to.'],
    [
      'T',
      'You said that quickly, almost brushing it aside. I wonder if making light of it protects you from how lonely that was.',
    ],
    ['C', '(long pause) I never really thought of it as lonely.'],
    ['T', 'I noticed you checked my face just now, the way you might have checked hers.'],
    ['C', 'Did I? Maybe. I wanted to know if you thought I was being dramatic.'],
    ['T', "What is it like to wonder what I'm thinking of you, here with me?"],
    ['C', 'Uncomfortable. Like I could get it wrong with you too.'],
  ];

  it('detects insight and attachment work', () => {
    const ids = delivered(dyn);
    expect(ids).toContain('psychodynamic.insight');
    expect(ids).toContain('psychodynamic.attachment');
    expect(ids.filter((id) => id.startsWith('mi.'))).toEqual([]);
  });

  it('ordinary empathy and history-taking in a CBT session is not psychodynamic', () => {
    const ids = delivered([
      ['T', 'It sounds like that week was really hard for you.'],
      ['C', 'It was. My mum was in hospital and work was crazy.'],
      ['T', 'I can hear how much you care about her. What was that like for you?'],
      ['C', 'Exhausting. I barely slept.'],
      ['T', 'When you were younger, did anyone in the family have anxiety like this?'],
      ['C', 'My dad worried a lot.'],
      ['T', "Okay. Let's look at the thought record from Thursday. What went through your mind?"],
      ['C', 'That I was going to lose my job.'],
      ['T', "What's the evidence for that thought?"],
    ]);
    expect(ids.filter((id) => id.startsWith('psychodynamic.'))).toEqual([]);
  });
});

describe('motivational interviewing: affirmations and summaries', () => {
  const mi: Lines = [
    ['T', 'What would you like to talk about today?'],
    ['C', 'My doctor says my liver numbers are up. She wants me to cut back on drinking.'],
    ['T', "What's your take on it?"],
    ['C', 'I drink maybe four or five beers a night. I guess it adds up.'],
    ['T', 'It sounds like part of you is starting to wonder about it.'],
    ['C', "Yeah. My daughter asked why I'm always tired on Saturdays."],
    ['T', 'That question really stuck with you. You really care about being there for her.'],
    ['C', 'I do. I went a whole week without in January, actually.'],
    ['T', "You've already shown you can do it. That took real effort."],
    ['C', 'It was hard but I slept better.'],
    ['T', 'On a scale from zero to ten, how important is it for you to cut down now?'],
    ['C', 'Seven.'],
    ['T', 'Why a seven and not a three?'],
    ['C', 'Because of my kid and my liver.'],
    [
      'T',
      "Let me see if I've got this. So far you've told me your doctor is worried about your liver, your daughter notices you're tired, and you went a week without and slept better. Did I miss anything?",
    ],
    ['C', "No, that's it."],
    ['T', 'How confident are you that you could cut back, zero to ten?'],
    ['C', 'Maybe a five.'],
    ['T', 'Coming here and talking about it honestly took courage.'],
  ];

  it('detects affirmations and a summary in an MI session', () => {
    const ids = delivered(mi);
    expect(ids).toContain('mi.affirmation');
    expect(ids).toContain('mi.summary');
  });

  it('questions about drinking quantity and consequences are not a suicide risk assessment', () => {
    const ids = delivered([
      ['T', 'How many drinks would you say you have on a typical night?'],
      ['C', 'Five or six.'],
      ['T', 'Have you ever tried to cut down before, any attempts to stop?'],
      ['C', 'Twice. It lasted a week.'],
      ['T', 'Have you ever driven after drinking, or hurt yourself when you were drunk?'],
      ['C', 'I fell on the stairs once.'],
      ['T', 'Do you have a plan for the weekend, when you usually drink more?'],
      ['C', 'Not really.'],
      ['T', 'Do you have easy access to alcohol at home?'],
      ['C', 'The fridge is full of beer.'],
    ]);
    expect(ids).not.toContain('safety.risk_assessment');
  });

  it('"that took courage" in a CBT session is not mi.*', () => {
    const ids = delivered([
      [
        'T',
        'You went to the party even though you predicted nobody would talk to you. That took courage.',
      ],
      ['C', 'I nearly left twice.'],
      ['T', "What's the evidence now for the thought that nobody likes you?"],
      ['C', 'Two people asked for my number.'],
      [
        'T',
        "You've already shown you can stay in a hard situation. What would a more balanced thought be?",
      ],
      ['C', 'Some people like me, some don’t know me yet.'],
    ]);
    expect(ids.filter((id) => id.startsWith('mi.'))).toEqual([]);
  });
});

describe('crisis session: distress tolerance versus safety planning', () => {
  const crisis: Lines = [
    ['C', "I can't stop shaking. Everything is too loud."],
    ['T', "Okay. Let's slow down together. Name five things you can see in this room right now."],
    ['C', 'The lamp, the clock, your mug, the plant, the window.'],
    ['T', 'Good. Four things you can feel.'],
    ['C', 'My feet on the floor, the chair, my sleeves, the cold air.'],
    [
      'T',
      "You're doing well. Now, the goal is to get through tonight without making things worse. Let's build a crisis survival plan you can take home.",
    ],
    ['C', 'Okay.'],
    [
      'T',
      'When the urge gets strong, TIPP first: hold an ice cube or splash cold water on your face, then do fast jumping jacks for a minute.',
    ],
    ['C', 'I have ice in the freezer.'],
    [
      'T',
      'Then self-soothe with your senses: your weighted blanket, the lavender lotion, the playlist that calms you. And distract: text your sister, watch something funny.',
    ],
    ['C', 'My sister is up late anyway.'],
    [
      'T',
      'Write it on this card. And put the crisis line number at the bottom, in case none of it is enough.',
    ],
    ['C', 'Okay, I wrote it.'],
    [
      'T',
      "Next week, when you're steadier, I'd like us to sit down and update your full safety plan together, the warning signs, who to call, and making your place safer.",
    ],
    ['C', 'Okay. Next week.'],
  ];

  it('is distress tolerance (and grounding), with the safety plan planned not delivered', () => {
    const det = run(crisis);
    const ids = det.delivered.map((d) => d.id);
    expect(ids).toContain('dbt.distress_tolerance');
    expect(ids).toContain('skills.grounding');
    expect(ids).not.toContain('safety.safety_planning');
    expect(det.notDelivered).toContainEqual(
      expect.objectContaining({ id: 'safety.safety_planning', reason: 'planned' }),
    );
  });

  it('same crisis session in speech-recognition style', () => {
    const asr: Lines = crisis.map(([s, t]) => [s, t.toLowerCase().replace(/[^a-z0-9' ]+/g, ' ')]);
    const ids = delivered(asr);
    expect(ids).toContain('dbt.distress_tolerance');
    expect(ids).not.toContain('safety.safety_planning');
  });

  it('a collaborative safety plan built today is safety.safety_planning', () => {
    const ids = delivered([
      [
        'T',
        "Let's write your safety plan together now. What are the warning signs that a crisis is coming?",
      ],
      ['C', 'I stop answering texts and I stay in bed.'],
      ['T', 'What can you do on your own to take your mind off it?'],
      ['C', 'Walk the dog. Play my guitar.'],
      ['T', 'Who could you call or text when those don’t work?'],
      ['C', 'My brother, and my friend Sam.'],
      ['T', "And the professionals: my number, the after-hours line, and 988 if you're not safe."],
      ['C', 'Okay.'],
      ['T', 'You mentioned the pills in the bathroom. Could your brother keep them for now?'],
      ['C', "Yeah, I'll ask him tonight."],
    ]);
    expect(ids).toContain('safety.safety_planning');
  });

  it('planned distress tolerance stays delivered when the skills are taught now for later tonight', () => {
    const lines: Lines = [
      [
        'T',
        "If the urge comes back later on tonight, use cold water on your face first, that's the T in TIPP.",
      ],
      ['C', 'Okay, cold water.'],
      [
        'T',
        'Then paced breathing, longer out than in, and intense exercise like running the stairs.',
      ],
      ['C', 'I can do the stairs.'],
    ];
    expect(delivered(lines)).toContain('dbt.distress_tolerance');
    expect(notDelivered(lines)['dbt.distress_tolerance']).toBeUndefined();
  });
});

describe('over-firing guards', () => {
  it('empathic questions in a CBT session are not person-centred therapy', () => {
    const ids = delivered([
      ['T', 'Take your time. What was that like for you?'],
      ['C', 'Awful. I felt like everyone was staring.'],
      ['T', 'What do you need most right now, from this session?'],
      ['C', 'To stop feeling like this at work.'],
      ['T', "Okay. Let's look at the thought. What went through your mind in the meeting?"],
      ['C', 'That they think I am incompetent.'],
      ['T', "What's the evidence for that thought, and what doesn't fit with it?"],
      ['C', 'My review was good, actually.'],
      ['T', 'So what would a more balanced thought be?'],
    ]);
    expect(ids).toContain('cbt.cognitive_restructuring');
    expect(ids).not.toContain('humanistic.person_centered');
  });

  it('a person-centred session without structured techniques is person-centred', () => {
    expect(
      delivered([
        ['C', 'I keep thinking I should be over it by now.'],
        ['T', 'Take your time. What is that like for you, that should?'],
        ['C', 'Heavy. Like I am failing at grieving.'],
        ['T', "What's happening inside you right now as you say that?"],
        ['C', 'My chest is tight. I want to cry.'],
        ['T', 'You can stay with that feeling for a moment. There is no right pace here.'],
        ['C', '(crying) I miss her.'],
        ['T', "You're the expert on your own grief. What do you need most right now?"],
        ['C', 'To be allowed to miss her without a deadline.'],
      ]),
    ).toContain('humanistic.person_centered');
  });

  it('"I wonder if" and "a pattern" in a CBT session are not psychodynamic work', () => {
    const ids = delivered([
      ['T', 'I wonder if that thought shows up a lot at work.'],
      ['C', 'All the time. Whenever my boss is quiet.'],
      ['T', "There's a pattern of mind reading there. What's the evidence he is angry with you?"],
      ['C', 'None really, he is quiet with everyone.'],
      ['T', 'When you were a child, was quiet a bad sign at home?'],
      ['C', 'Sometimes. My dad went quiet before he blew up.'],
      ['T', 'That makes sense. So what would a more balanced thought be about your boss?'],
      ['C', 'He is just busy, it is not about me.'],
    ]);
    expect(ids).toContain('cbt.cognitive_restructuring');
    expect(ids.filter((id) => id.startsWith('psychodynamic.'))).toEqual([]);
  });

  it('one sentence about why exposure works is not a rationale', () => {
    const ids = delivered([
      ['T', "Okay, next rung on the ladder. That's how exposure works. What's your SUDS now?"],
      ['C', 'Fifty.'],
      ['T', 'Stay with it until the number comes down.'],
      ['C', 'Forty now.'],
    ]);
    expect(ids).toContain('exposure.in_vivo');
    expect(ids).not.toContain('psychoed.treatment_rationale');
  });

  it('a passing question about a conversation in a CBT session is not IPT', () => {
    const ids = delivered([
      ['T', 'What did you say to her, exactly?'],
      ['C', 'That I was fine.'],
      ['T', 'And what went through your mind right then?'],
      ['C', 'That she would think I was weak.'],
      ['T', "What's the evidence that she thinks you're weak?"],
    ]);
    expect(ids.filter((id) => id.startsWith('ipt.'))).toEqual([]);
  });

  it('checking that the safety plan is still up to date is not safety planning', () => {
    const ids = delivered([
      ['T', 'Is your safety plan still on the fridge?'],
      ['C', 'Yes, I looked at it once this week.'],
      ['T', 'Good. How has your mood been?'],
      ['C', 'Better, a six most days.'],
    ]);
    expect(ids).not.toContain('safety.safety_planning');
  });

  it('mentioning distraction in an exposure session is not distress tolerance', () => {
    const ids = delivered([
      [
        'T',
        "On the next step, try not to distract yourself with your phone. That's a safety behaviour.",
      ],
      ['C', 'Okay, no phone.'],
      ['T', "What's your SUDS, zero to a hundred, right before you go in?"],
      ['C', 'Sixty.'],
    ]);
    expect(ids).not.toContain('dbt.distress_tolerance');
  });

  it('interoceptive exercises phrased differently', () => {
    expect(
      delivered([
        [
          'T',
          'okay spin around in the office chair for thirty seconds then stop and tell me the number',
        ],
        ['C', 'whoa dizzy about a six'],
        [
          'T',
          'next over breathe with me fast for a minute then rate how close it is to your panic',
        ],
        ['C', 'tingling in my hands seven its close'],
        ['T', 'we bring on these feelings on purpose so stay with them and let them pass'],
      ]),
    ).toContain('exposure.interoceptive');
  });
});
