import { describe, expect, it } from 'vitest';
import { INTERVENTIONS } from '../../knowledge/interventions.js';
import { detectInterventions } from '../interventions.js';
import { session } from '../test-helpers.js';

/**
 * Every intervention in the catalogue can be detected from a short, original, fictional snippet
 * in which a clinician clearly delivers it (T clinician, C client, P caregiver). Session rules
 * apply: TF-CBT ids need a TF-CBT session with a caregiver, mi.* ids an MI conversation about a
 * target behaviour.
 */

type Lines = readonly (readonly [string, string])[];

/** Two ruler questions that make a conversation about drinking an MI session. */
const MI_RULERS: Lines = [
  ['T', 'On a scale of zero to ten, how important is it to you to cut down on drinking?'],
  ['C', 'A six, I guess.'],
  ['T', 'Why a six and not a three?'],
  ['C', 'My kids notice when I have had a few.'],
];

const SNIPPETS: Record<string, Lines> = {
  'cbt.cognitive_restructuring': [
    ['T', 'When she did not text back, what went through your mind?'],
    ['C', 'That she is done with me.'],
    ['T', "What's the evidence for that thought, and what doesn't fit with it?"],
    ['C', 'She did call on Sunday.'],
    ['T', 'So what might a more balanced thought be?'],
  ],
  'cbt.behavioral_activation': [
    ['T', "Let's look at your activity log. What was your mood before and after the walk?"],
    ['C', 'Three before, five after.'],
    ['T', "Let's schedule two pleasant activities this week. Which days are realistic?"],
    ['C', 'Tuesday and Friday.'],
  ],
  'cbt.problem_solving': [
    ['T', "Let's use problem solving. First, define the problem in one sentence."],
    ['C', 'I am behind on three bills and I avoid opening the mail.'],
    ['T', "Let's brainstorm, what are all the possible options, even silly ones?"],
    ['C', 'Call the company, ask my brother, set up a payment plan.'],
    ['T', 'What are the pros and cons of each option?'],
  ],
  'cbt.behavioral_experiment': [
    [
      'T',
      "Let's set up a behavioral experiment. What's your prediction if you speak up in the meeting?",
    ],
    ['C', 'Everyone will stare and think I am stupid. Ninety percent sure.'],
    ['T', 'How could we test that prediction this week, and see what actually happens?'],
    ['C', 'I could say one thing in Thursday’s meeting and watch.'],
  ],
  'dbt.mindfulness': [
    ['T', 'What would wise mind say about sending that text?'],
    ['C', 'Emotion mind wants to send it. Wise mind says wait.'],
    ['T', 'Good. Just observe the urge without judging it, and describe it.'],
    ['C', 'It is hot in my chest, pushing me.'],
  ],
  'dbt.distress_tolerance': [
    ['T', 'When the urge spikes, use TIPP. Cold water on your face first.'],
    ['C', 'Okay, the ice water.'],
    ['T', 'Then intense exercise for a minute, and then paced breathing.'],
    ['C', 'I can do the stairs.'],
  ],
  'dbt.emotion_regulation': [
    ['T', "Let's check the facts. Does the shame fit the facts here?"],
    ['C', 'Not really, I did not do anything wrong.'],
    ['T', 'So opposite action: what would doing the opposite of hiding look like?'],
    ['C', 'Going to class and sitting in the front.'],
  ],
  'dbt.interpersonal_effectiveness': [
    ['T', "Let's write it with DEAR MAN. Describe the facts first."],
    ['C', 'You said you would pay me back in March.'],
    ['T', 'Now express how you feel and assert what you want.'],
    ['C', 'I feel stressed, and I need the money by Friday.'],
  ],
  'dbt.radical_acceptance': [
    ['T', 'This is where radical acceptance comes in. You keep fighting reality.'],
    ['C', 'I just cannot believe they closed the store.'],
    [
      'T',
      'Pain plus non-acceptance is suffering. Can you practise turning the mind, again and again?',
    ],
    ['C', 'I can try.'],
  ],
  'exposure.in_vivo': [
    ['T', "Let's look at your exposure ladder. Next step is the supermarket at a busy hour."],
    ['C', 'That one is a sixty.'],
    [
      'T',
      "Go in without your safety behaviours, no headphones. What's your SUDS now, zero to a hundred?",
    ],
    ['C', 'Seventy.'],
    ['T', 'Stay with the feeling until the number comes down on its own.'],
  ],
  'exposure.imaginal': [
    [
      'T',
      'Close your eyes and tell me the memory in the present tense, as if it is happening now.',
    ],
    ['C', 'I am in the car, the lights are coming at me.'],
    ['T', "Stay with the memory. What's your SUDS, zero to a hundred?"],
    ['C', 'Eighty.'],
  ],
  'exposure.interoceptive': [
    ['T', "Today we'll do interoceptive exposure. First, spin in the chair for thirty seconds."],
    ['C', 'Okay, I am dizzy.'],
    ['T', 'How similar was that to your panic, zero to ten? Next, breathe through the straw.'],
    ['C', 'Six. The straw is worse.'],
  ],
  'exposure.flooding': [
    [
      'T',
      'Today is flooding: we start at the top of the ladder, the full crowded platform, all at once.',
    ],
    ['C', 'No building up?'],
    [
      'T',
      'No small steps. We stay there until your anxiety falls on its own, however long it takes.',
    ],
    ['C', 'Okay. I am scared but okay.'],
  ],
  'safety.safety_planning': [
    ['T', "Let's write your safety plan. What are your warning signs?"],
    ['C', 'I stop eating and stop answering my phone.'],
    ['T', 'Who could you call when that happens?'],
    ['C', 'My aunt.'],
    ['T', 'And the crisis line, 988, goes at the bottom. Can we lock up the pills at home?'],
    ['C', 'My roommate can keep them.'],
  ],
  'safety.risk_assessment': [
    ['T', 'Have you had any thoughts of suicide since we last met?'],
    ['C', 'A few, on Sunday.'],
    ['T', 'Did you have a plan, or any intent to act on them?'],
    ['C', 'No plan.'],
    ['T', 'Have you ever attempted before, and do you have access to pills at home?'],
    ['C', 'Once, years ago. My husband has the pills.'],
  ],
  'mi.open_question': [
    ['T', 'What brings you in today?'],
    ['C', 'My wife says I drink too much.'],
    ['T', 'How do you see your drinking yourself?'],
    ['C', 'It is probably more than it should be.'],
    ...MI_RULERS,
  ],
  'mi.affirmation': [
    ['T', 'What have you tried so far with the drinking?'],
    ['C', 'I skipped beer on weeknights for two weeks.'],
    ['T', "You've already shown you can do it. That took real effort."],
    ['C', 'Thanks. It was hard.'],
    ...MI_RULERS,
  ],
  'mi.reflection': [
    ['T', 'How is the drinking fitting into your life right now?'],
    ['C', 'It helps me relax but I feel awful in the mornings.'],
    ['T', 'It sounds like part of you enjoys it, and part of you is tired of the mornings.'],
    ['C', 'Yeah, exactly.'],
    ...MI_RULERS,
  ],
  'mi.summary': [
    ...MI_RULERS,
    [
      'T',
      "Let me see if I've got this. So far you've told me your kids notice, the mornings are hard, and you've cut down before.",
    ],
    ['C', "That's right."],
  ],
  'mi.change_talk': [
    ['T', 'How would things be different if you cut back on drinking?'],
    ['C', 'I would sleep and I would have more money.'],
    ...MI_RULERS,
    ['T', 'How confident are you that you could do it, zero to ten?'],
    ['C', 'Maybe four.'],
  ],
  'tech.vr_exposure': [
    ['T', 'Put the headset on. We start the virtual reality flight at takeoff.'],
    ['C', 'Okay, I can hear the engines.'],
    ['T', "What's your SUDS, zero to a hundred? We'll turn up the intensity when it drops."],
    ['C', 'Sixty.'],
  ],
  'tech.biofeedback': [
    ['T', 'The sensor is on your finger. Watch the heart rate variability line on the screen.'],
    ['C', 'It goes up and down with my breath.'],
    [
      'T',
      'Breathe at your resonant frequency, about six breaths a minute, and see the wave get smoother.',
    ],
    ['C', 'It is smoother now.'],
  ],
  'ipt.role_dispute': [
    [
      'T',
      'In interpersonal therapy we would call this a role dispute between you and your husband.',
    ],
    ['C', 'He thinks I should quit work. I do not want to.'],
    ['T', 'What does he expect from you, and what do you expect of him?'],
    ['C', 'He wants dinner at six. I want him to share the evenings.'],
    ['T', 'Would you say you are still renegotiating, or at an impasse?'],
  ],
  'ipt.role_transition': [
    [
      'T',
      'Since you retired your mood has dropped. In interpersonal therapy we call this a role transition.',
    ],
    ['C', 'I was a nurse for thirty years.'],
    ['T', 'What do you miss about your old role?'],
    ['C', 'Being useful.'],
    ['T', 'And what might be good about this new role?'],
  ],
  'ipt.grief': [
    ['T', 'Since your brother died, how have you been mourning him?'],
    ['C', 'I have not really. I just went back to work.'],
    ['T', 'Tell me about him as a person, the good and the hard things about him.'],
    ['C', 'He was funny. He was also unreliable.'],
    ['T', 'In interpersonal therapy this is grief work: what do you miss most about him?'],
  ],
  'ipt.interpersonal_deficits': [
    [
      'T',
      'In interpersonal therapy we look at social isolation as a problem area. You have been very isolated since the move.',
    ],
    ['C', 'I have nobody to talk to.'],
    ['T', 'Who could you reach out to this week, and how could you start a conversation?'],
    ['C', 'Maybe a neighbour.'],
  ],
  'ipt.communication_analysis': [
    [
      'T',
      "Let's do a communication analysis of Sunday's fight. What exactly did you say, and then what did she say?",
    ],
    ['C', 'I said you never help. She said I always nag.'],
    ['T', 'What did you want her to understand?'],
    ['C', 'That I am exhausted.'],
    ['T', 'How else could you have said it?'],
  ],
  'psychodynamic.insight': [
    ['T', 'What comes to mind when you think about being late again?'],
    ['C', 'That I let everyone down.'],
    ['T', 'There seems to be a pattern, where being late keeps people at a distance.'],
    ['C', 'I never thought of it that way.'],
    ['T', "I wonder if it's safer not to feel how much you need them."],
  ],
  'psychodynamic.attachment': [
    ['T', 'When you were little, what happened when you were upset?'],
    ['C', 'My mother would go quiet. I would wait for her.'],
    ['T', 'And here with me, when I went quiet just now, what did you feel?'],
    ['C', 'Like I had done something wrong.'],
    ['T', 'That sounds like an early experience of attachment, repeating with me.'],
  ],
  'humanistic.person_centered': [
    ['T', 'Take your time. What is that like for you, right now?'],
    ['C', 'It is like I have lost the sense of myself.'],
    ['T', "You're the expert on your own life. What do you need most right now?"],
    ['C', 'To feel like I am allowed to choose.'],
  ],
  'systemic.couples': [
    [
      'T',
      'In couples therapy we look at your negative cycle. When he withdraws, what happens in you?',
    ],
    ['C', 'I chase him harder.'],
    ['T', 'Can you turn toward him and tell him directly what you need?'],
    ['C', 'I need you to stay in the room.'],
  ],
  'systemic.family': [
    [
      'T',
      "In today's family session, I'd like each of you to answer. Who notices first when Sam is upset?",
    ],
    ['C', 'Mom does.'],
    ['T', 'And what does your dad do when your mom steps in?'],
    ['C', 'He leaves the room.'],
  ],
  'expressive.art': [
    ['T', 'Here are some markers. Can you draw what the worry looks like?'],
    ['C', 'It is a big grey cloud.'],
    ['T', 'Tell me about your drawing. What do you notice in the picture?'],
    ['C', 'The cloud is bigger than the house.'],
  ],
  'expressive.music': [
    ['T', 'In music therapy today, pick a song that describes how the week felt.'],
    ['C', 'This one, it is slow and sad.'],
    ['T', "Let's listen to the song together. Which lyrics stand out for you?"],
    ['C', 'The line about waiting for the light.'],
  ],
  'expressive.drama': [
    ['T', "Let's try the empty chair. Imagine your father is sitting in that chair."],
    ['C', 'Okay.'],
    ['T', 'Talk to him as if he is really here. What do you want to say?'],
    ['C', 'Why did you never come to my games?'],
  ],
  'expressive.movement': [
    ['T', 'Let your body move the way the anger feels.'],
    ['C', 'Like this, stomping.'],
    ['T', 'What movement goes with the sadness underneath?'],
    ['C', 'Curling up, I think.'],
  ],
  'psychoed.symptoms': [
    [
      'T',
      "Let me explain what happens in panic. It's the fight or flight response: adrenaline makes your heart race.",
    ],
    ['C', 'It feels like a heart attack.'],
    ['T', 'Those are common symptoms of panic, and panic attacks cannot hurt you.'],
    ['C', 'That is good to know.'],
  ],
  'psychoed.treatment_rationale': [
    [
      'T',
      'Let me explain the rationale for exposure. Every time you avoid the bus, the fear never gets a chance to learn.',
    ],
    ['C', 'So avoiding makes it worse.'],
    ['T', 'Avoidance keeps the anxiety going. When you stay, your brain learns the bus is safe.'],
    ['C', 'Okay, that makes sense.'],
  ],
  'skills.breathing': [
    ['T', "Let's practise diaphragmatic breathing. One hand on your belly, one on your chest."],
    ['C', 'Like this?'],
    ['T', 'Breathe in through your nose for four, and breathe out slowly for six.'],
    ['C', 'I feel calmer.'],
  ],
  'skills.relaxation': [
    [
      'T',
      "Let's do progressive muscle relaxation. Tense your hands into fists, hold, and now release.",
    ],
    ['C', 'Okay.'],
    ['T', 'Notice the difference between tension and relaxation in your hands.'],
    ['C', 'They feel heavy.'],
  ],
  'skills.grounding': [
    ['T', "Let's do some grounding. Name five things you can see."],
    ['C', 'The clock, the door, the lamp, the rug, your bag.'],
    ['T', 'Four things you can touch. And feel your feet on the floor.'],
    ['C', 'The chair, my jeans, my ring, the cushion.'],
  ],
  'skills.coping': [
    ['T', "Let's make a coping card. What has helped you cope in the past?"],
    ['C', 'Walking, calling my sister.'],
    ['T', 'Good, those are healthy ways to cope. When it happens again, what could you do first?'],
    ['C', 'Walk around the block.'],
  ],
  'mbct.mindfulness': [
    ['T', "Let's do a three minute breathing space."],
    ['C', 'Okay.'],
    ['T', "Becoming aware, what's here right now, thoughts, feelings, sensations."],
    ['T', 'Gathering the attention to the breath, then widening the attention to the whole body.'],
  ],
  'act.defusion': [
    ['T', "Try saying: I'm having the thought that I'm a failure."],
    ['C', "I'm having the thought that I'm a failure. It feels further away."],
    ['T', 'Now put that thought on a leaf and watch it float down the stream.'],
    ['C', 'It is drifting off.'],
  ],
  'act.acceptance': [
    ['T', 'Are you willing to make room for the anxiety, instead of fighting it?'],
    ['C', 'I can try.'],
    ['T', 'See if you can drop the struggle and let the feeling be there, breathe into it.'],
    ['C', 'It is still there but less tight.'],
  ],
  'act.values': [
    ['T', 'What really matters to you as a father?'],
    ['C', 'Being present with my kids.'],
    ['T', 'What kind of parent do you want to be? What is one small step toward that this week?'],
    ['C', 'Reading to them on Wednesday.'],
  ],
  'tfcbt.psychoeducation': [
    [
      'T',
      'In TF-CBT we start with learning about trauma. Lots of kids who go through abuse have nightmares.',
    ],
    ['C', 'I have those.'],
    ['P', 'She wakes up screaming.'],
    ['T', "It's really common for children after something scary. It's never the kid's fault."],
    ['P', 'Okay. And at home, what should I do?'],
    ['T', 'Use specific praise, like, I like how you got ready for bed by yourself.'],
  ],
  'tfcbt.relaxation': [
    ['T', 'In TF-CBT the next skill is relaxation. Let’s do balloon breathing.'],
    ['C', 'My belly is the balloon.'],
    ['P', 'We can do that at bedtime.'],
    [
      'T',
      'Breathe in slowly and fill the balloon, then breathe out and let it go. Now spaghetti arms.',
    ],
    ['P', 'She loves that one.'],
  ],
  'tfcbt.affect_modulation': [
    ['T', "This week in TF-CBT let's use the feelings thermometer. How big was that feeling?"],
    ['C', 'Like a nine.'],
    ['P', 'He was really upset.'],
    ['T', 'Where did you feel it in your body? Can you name the feeling?'],
    ['C', 'Angry, in my fists.'],
    ['P', 'I noticed his fists.'],
  ],
  'tfcbt.cognitive_coping': [
    ['T', 'Remember the cognitive triangle from TF-CBT: thoughts, feelings and behaviors.'],
    ['C', 'I thought nobody would sit with me at lunch.'],
    ['P', 'He came home sad.'],
    ['T', 'How did that thought make you feel? What is a more helpful thought?'],
    ['C', 'Maybe Ben will sit with me.'],
    ['P', 'Ben always asks about him.'],
  ],
  'tfcbt.trauma_narrative': [
    [
      'T',
      "Let's keep working on your trauma narrative. Last week you finished the second chapter.",
    ],
    ['C', 'The part about the car.'],
    ['P', 'She told me she was proud of it.'],
    ['T', 'What happened next, after the car stopped? What were you thinking at that moment?'],
    ['C', 'That it was my fault.'],
    ['P', 'It was not your fault.'],
  ],
  'tfcbt.in_vivo_mastery': [
    [
      'T',
      'In TF-CBT we use in vivo steps for reminders he avoids. Sleeping in his own bed is on the ladder.',
    ],
    ['P', 'He still sleeps with us.'],
    ['C', 'I get scared in my room.'],
    ['T', 'Brave steps: first night, ten minutes in his own bed with the light on.'],
    ['P', 'We can try that.'],
  ],
  'tfcbt.conjoint_sessions': [
    ['T', 'Today is our conjoint session in TF-CBT. You will read your book to your mom.'],
    ['C', 'Okay. It is about the night of the storm.'],
    ['P', 'I am ready to hear it.'],
    ['C', 'The window broke and I hid under the bed.'],
    ['T', 'Mom, what was it like to hear that?'],
    ['P', 'Hard, but I am so proud of her for telling it.'],
  ],
  'tfcbt.enhancing_safety': [
    [
      'T',
      "In TF-CBT the last part is safety. Let's talk about body safety and okay and not okay touch.",
    ],
    ['C', 'Private parts are private.'],
    ['P', 'We talked about that at home.'],
    ['T', 'Who are your trusted adults? What would you do if someone made you feel unsafe?'],
    ['C', 'Say no, go, and tell Mom.'],
    ['P', 'Good girl.'],
  ],
  'trauma.narrative_processing': [
    ['T', 'Please read your written account out loud, from the beginning.'],
    ['C', 'It was late and I was walking home from the station.'],
    ['T', 'Which part was the hardest to read? Those are the hot spots.'],
    ['C', 'When he grabbed my bag.'],
  ],
  'trauma.cognitive_processing': [
    ['T', "Let's look at your impact statement for stuck points."],
    ['C', 'I should have known he was dangerous.'],
    ['T', "That's a stuck point. Let's use the challenging questions worksheet on it."],
    ['C', 'Okay.'],
  ],
  'trauma.emdr': [
    [
      'T',
      'Bring up the target memory with the negative cognition, I am powerless. Now follow my fingers.',
    ],
    ['C', '(follows eye movements) The sound of the door.'],
    ['T', 'Just notice that, and go with that. Another set of eye movements.'],
    ['C', 'It is less loud now.'],
  ],
};

describe('every catalogue intervention can be detected', () => {
  const ids = INTERVENTIONS.map((i) => i.id).filter((id) => !id.startsWith('homework.'));

  it('has a snippet for every intervention id', () => {
    expect(Object.keys(SNIPPETS).sort()).toEqual([...ids].sort());
  });

  it.each(ids)('%s', (id) => {
    const lines = SNIPPETS[id];
    expect(lines).toBeDefined();
    const det = detectInterventions(session(lines ?? []));
    expect(det.delivered.map((d) => d.id)).toContain(id);
  });

  it.each(ids)('%s (speech-recognition style: lower case, no punctuation)', (id) => {
    const lines = (SNIPPETS[id] ?? []).map(
      ([s, t]) => [s, t.toLowerCase().replace(/[^a-z0-9' ]+/g, ' ')] as const,
    );
    const det = detectInterventions(session(lines));
    expect(det.delivered.map((d) => d.id)).toContain(id);
  });
});
