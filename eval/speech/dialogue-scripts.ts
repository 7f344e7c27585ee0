/**
 * Fictional two-speaker therapy dialogues for the speech evaluation, written for it and used for
 * nothing else: never as language-model training text (scripts/build-therapy-lm.ts reads other
 * corpora only), so the therapy LM's word error rate on them is a held-out measure.
 *
 * Each has the interventions a reader would code as delivered (ids from
 * ../shared/docs/TAXONOMY.md), so the clinical engine's detection can be compared on the
 * reference text and on what a speech engine recognised. Numbers are written as words, the way
 * they are spoken. Names and events are invented.
 */

export type DialogueRole = 'clinician' | 'client';

export interface DialogueScript {
  id: string;
  title: string;
  /** Interventions delivered in the dialogue (TAXONOMY ids). */
  gold: string[];
  turns: { role: DialogueRole; text: string }[];
}

const C = 'clinician' as const;
const P = 'client' as const;

export const DIALOGUE_SCRIPTS: DialogueScript[] = [
  {
    id: 'd01',
    title: 'Cognitive restructuring of a thought about a colleague, homework thought record',
    gold: ['cbt.cognitive_restructuring', 'homework.reviewed', 'homework.assigned'],
    turns: [
      { role: C, text: 'Good to see you again. How did the mood diary go this week?' },
      {
        role: P,
        text: 'I filled it in most days. The worst day was Thursday, after the team meeting.',
      },
      { role: C, text: 'What happened in the meeting?' },
      {
        role: P,
        text: 'My manager asked a colleague to present my project, and I thought, she thinks I am useless. I felt sick for the rest of the day.',
      },
      {
        role: C,
        text: 'So the automatic thought was, she thinks I am useless. How much did you believe that thought at the time, from zero to one hundred?',
      },
      { role: P, text: 'Ninety, maybe more.' },
      {
        role: C,
        text: 'Let us look at the evidence together. What supports the thought that she sees you as useless?',
      },
      {
        role: P,
        text: 'She did not ask me. And she did not look at me when she said it.',
      },
      { role: C, text: 'And what is the evidence against it?' },
      {
        role: P,
        text: 'Well, last month she gave me the budget review, which is the hardest job in the team. And my colleague had asked to present something, for her own promotion.',
      },
      {
        role: C,
        text: 'That sounds like a very different picture. Is there an alternative thought that fits all of the evidence?',
      },
      {
        role: P,
        text: 'Maybe she was giving my colleague a chance, and it was not about me at all.',
      },
      {
        role: C,
        text: 'How much do you believe the original thought now, when you hold the alternative next to it?',
      },
      { role: P, text: 'Maybe forty. It still stings, but it feels less true.' },
      {
        role: C,
        text: 'That is a big shift. For homework this week, could you fill in a thought record whenever you notice that sick feeling, and write down the evidence for and against the thought?',
      },
      { role: P, text: 'Yes, I can do that. I will keep the sheet in my bag.' },
    ],
  },
  {
    id: 'd02',
    title: 'Behavioural activation for low mood: activity monitoring and scheduling',
    gold: ['cbt.behavioral_activation', 'psychoed.treatment_rationale', 'homework.assigned'],
    turns: [
      {
        role: C,
        text: 'Last time you said you have been spending most days in bed since the winter started. How has this week been?',
      },
      {
        role: P,
        text: 'About the same. I wake up, I look at my phone, and then it is already afternoon and I feel terrible.',
      },
      {
        role: C,
        text: 'When we feel low we tend to do less, and doing less gives us fewer chances to feel pleasure or achievement, so the mood drops further. Behavioural activation works on that cycle by planning small activities, even before the motivation comes.',
      },
      { role: P, text: 'So I have to do things before I feel like doing them?' },
      {
        role: C,
        text: 'Exactly. Motivation often follows action. What activities used to give you a sense of pleasure or mastery?',
      },
      {
        role: P,
        text: 'I used to walk the dog by the river. And I liked cooking, proper meals, not just toast.',
      },
      {
        role: C,
        text: 'Let us schedule a few of those. Which days could you walk the dog this week, and at what time?',
      },
      {
        role: P,
        text: 'Monday, Wednesday and Saturday, in the morning, before ten. My sister could come on Saturday.',
      },
      {
        role: C,
        text: 'Great. And one meal you could cook?',
      },
      { role: P, text: 'A vegetable soup on Sunday. It is easy and I have the recipe.' },
      {
        role: C,
        text: 'I would also like you to keep an activity log. Each evening, write down what you did, and rate your mood and your sense of achievement from zero to ten.',
      },
      { role: P, text: 'Okay. I will try the log and the walks.' },
      {
        role: C,
        text: 'Good. Next week we will look at the log together and see which activities lifted your mood the most.',
      },
    ],
  },
  {
    id: 'd03',
    title: 'Motivational interviewing about drinking: open questions, reflections, change talk',
    gold: ['mi.open_question', 'mi.reflection', 'mi.change_talk', 'mi.summary'],
    turns: [
      {
        role: C,
        text: 'You mentioned your doctor was worried about your drinking. What do you make of that?',
      },
      {
        role: P,
        text: 'Honestly I think she is overreacting. I have a few beers after work, like everyone.',
      },
      {
        role: C,
        text: 'It sounds like drinking after work feels normal to you, and the worry came as a surprise.',
      },
      {
        role: P,
        text: 'Yeah. Although my wife has been saying the same thing. And I have been sleeping badly.',
      },
      {
        role: C,
        text: 'So two people who care about you have noticed something, and your sleep has been suffering too.',
      },
      { role: P, text: 'When you put it like that, I guess it is not nothing.' },
      {
        role: C,
        text: 'What would be different in your life if you cut back?',
      },
      {
        role: P,
        text: 'I would have more energy in the mornings. I would be less snappy with the kids. I want to be a better dad.',
      },
      {
        role: C,
        text: 'Being a good father matters a lot to you. On a scale from zero to ten, how important is it for you to change your drinking?',
      },
      { role: P, text: 'Maybe a seven.' },
      {
        role: C,
        text: 'A seven. Why a seven and not a four?',
      },
      {
        role: P,
        text: 'Because I can see it affecting the family. I do not want my kids to remember me like that.',
      },
      {
        role: C,
        text: 'Let me summarise what I have heard. At first the concern seemed overblown, but your wife has noticed it too, your sleep is suffering, and you want more energy and patience for your children. Did I get that right?',
      },
      { role: P, text: 'Yes. That is about right. I think I am ready to try cutting down.' },
    ],
  },
  {
    id: 'd04',
    title: 'Grounding and paced breathing during a panic surge in session',
    gold: ['skills.grounding', 'skills.breathing', 'psychoed.symptoms'],
    turns: [
      {
        role: P,
        text: 'Sorry, I feel it coming again. My heart is racing and my chest is tight. I think something is wrong with me.',
      },
      {
        role: C,
        text: 'You are safe here. Let us try the grounding exercise together. Can you name five things you can see in this room?',
      },
      {
        role: P,
        text: 'The lamp. The blue cushion. The window. A plant. Your notebook.',
      },
      { role: C, text: 'Good. Now four things you can feel or touch.' },
      {
        role: P,
        text: 'My feet on the floor. The chair under me. My sleeve. The cold glass of water.',
      },
      {
        role: C,
        text: 'Three things you can hear, two things you can smell, and one thing you can taste.',
      },
      {
        role: P,
        text: 'The traffic, the clock, your voice. Coffee, and the soap on my hands. Mint from my gum.',
      },
      {
        role: C,
        text: 'Now let us slow the breath. Breathe in through your nose for four counts, hold for a moment, and breathe out slowly through your mouth for six counts. Again, in for four, and out for six.',
      },
      { role: P, text: 'Okay. That is a bit better. My heart is slowing down.' },
      {
        role: C,
        text: 'What you felt was the body alarm system, the fight or flight response. Adrenaline speeds up the heart and tightens the chest muscles. It is very uncomfortable, but it is not dangerous, and it always passes.',
      },
      {
        role: P,
        text: 'It really felt like a heart attack. But the doctor did check my heart last month and it was fine.',
      },
      {
        role: C,
        text: 'Right. The symptoms of panic are the same ones the body uses to prepare for danger. Knowing that can make them a little less frightening.',
      },
    ],
  },
  {
    id: 'd05',
    title: 'Graded exposure hierarchy for social anxiety, homework review',
    gold: ['exposure.in_vivo', 'homework.reviewed', 'homework.assigned'],
    turns: [
      {
        role: C,
        text: 'Last week you planned to order a coffee and ask the barista a question. How did it go?',
      },
      {
        role: P,
        text: 'I did it twice. The first time my anxiety was about seventy, the second time maybe forty.',
      },
      {
        role: C,
        text: 'That is exactly what we hope to see. The anxiety went down the second time because you stayed in the situation. Let us look at your fear ladder again.',
      },
      {
        role: P,
        text: 'The next step is speaking up in the team meeting. That one is about eighty.',
      },
      {
        role: C,
        text: 'What could a smaller step before the meeting look like?',
      },
      {
        role: P,
        text: 'Maybe asking one question in the smaller project call on Tuesday. There are only four people.',
      },
      {
        role: C,
        text: 'That sounds like a good step on the ladder. And when you do it, try to drop the safety behaviours, like reading from notes or avoiding eye contact.',
      },
      { role: P, text: 'That is harder. The notes make me feel safe.' },
      {
        role: C,
        text: 'I understand. The notes stop you from learning that you can manage without them. So the exposure works best without them.',
      },
      {
        role: P,
        text: 'Okay. I will ask one question on Tuesday without my notes, and rate my anxiety before and after.',
      },
      {
        role: C,
        text: 'Perfect. Please write the ratings on your exposure sheet, and we will plan the team meeting step next week.',
      },
    ],
  },
  {
    id: 'd06',
    title: 'Cognitive defusion and values for worry about health',
    gold: ['act.defusion', 'act.values'],
    turns: [
      {
        role: P,
        text: 'I keep thinking, what if I have a serious illness. The thought just goes round and round all evening.',
      },
      {
        role: C,
        text: 'Let us try something different with that thought. Instead of arguing with it, say to yourself, I am having the thought that I have a serious illness.',
      },
      {
        role: P,
        text: 'I am having the thought that I have a serious illness. Hmm, that feels a little further away.',
      },
      {
        role: C,
        text: 'Now try, I notice I am having the thought that I have a serious illness. You can also imagine putting the thought on a leaf and watching it float down a stream.',
      },
      {
        role: P,
        text: 'It is still there, but it is more like background noise. I do not have to do what it says.',
      },
      {
        role: C,
        text: 'Exactly. The thought can be there without running the evening. What would you do with your evenings if the worry did not decide for you?',
      },
      {
        role: P,
        text: 'I would play the piano again. And call my brother more often. Family matters to me, and so does music.',
      },
      {
        role: C,
        text: 'So your values include connection with family and creativity. What is one small step toward those values this week?',
      },
      {
        role: P,
        text: 'I could call my brother on Sunday, and play for twenty minutes after dinner, even if the thought shows up.',
      },
      {
        role: C,
        text: 'That sounds like a committed action that fits what matters to you. Let the thought come along for the ride.',
      },
    ],
  },
];
