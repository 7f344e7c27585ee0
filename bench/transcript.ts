/**
 * A deterministic, realistic 60-minute session transcript for the benchmark: ~600 turns and ~9,000
 * words, alternating clinician and client, sampled from original sentences (written for DocScrib,
 * fictional) that exercise the detectors: ratings, homework, questions, reflections, technique
 * phrases, risk questions, change and sustain talk.
 */

import { rng } from '../src/core/analysis/model/train.js';

const CLINICIAN = [
  // open questions and reflections (MI)
  'What was the hardest part of the week for you?',
  'How did that feel when it happened?',
  'What do you make of that?',
  'It sounds like you were carrying a lot on your own this week.',
  'So part of you wants things to change, and part of you is worn out by trying.',
  'You noticed the pattern before it got out of hand, and that matters.',
  'Let me make sure I have this right: the evenings are the hardest, especially after work.',
  'What would you like to be different a month from now?',
  'On a scale of zero to ten, how important is it to you to get back to running?',
  'And how confident are you that you could start this week, zero to ten?',
  // ratings
  'Before we start, how would you rate your mood this week from zero to ten?',
  'Where is your anxiety right now, on the zero to one hundred scale?',
  "Let's check the number again. What's your distress now?",
  'How strongly do you believe that thought right now, from zero to a hundred percent?',
  // cognitive restructuring
  "Let's look at the thought record you filled in.",
  "What's the evidence for that thought, and what's the evidence against it?",
  'That sounds a lot like mind reading, one of the thinking traps we talked about.',
  'If a friend said that about themselves, what would you tell them?',
  'What would be a more balanced way of putting it?',
  // behavioral activation
  'Can we schedule one small pleasant activity for Saturday morning?',
  'Looking at your activity log, which days had the most energy?',
  'What did you notice about your mood after the walk?',
  // exposure
  'We agreed to stay with the feeling without leaving. Are you still okay to go ahead?',
  'Stay with it, no checking your phone. What is the number now?',
  'You stayed in the imagery for about ten minutes and your anxiety came down.',
  'Next step on the ladder is taking the elevator two floors on your own.',
  // mindfulness, DBT, relaxation
  "Let's try the three minute breathing space together. Notice the breath moving in and out.",
  'When the urge comes, which of the distress tolerance skills could you use?',
  'What would wise mind say about that?',
  'Breathe in slowly through your nose for four, and out for six.',
  'Let me explain why we do this: avoidance brings relief now but keeps the fear going.',
  // risk
  'I ask everyone this. Have you had any thoughts of ending your life or hurting yourself?',
  'Have you been drinking more than usual lately?',
  // homework and plan
  'Did you get a chance to do the homework from last time?',
  'For this week, could you fill in two more thought records, especially after a hard shift?',
  "Let's set the homework: one walk on three different days, and write down your mood before and after.",
  'Same time next week, and we will review the log together.',
];

const CLIENT = [
  'It was a rough week, honestly.',
  'Maybe a four. Better than last week, which was a two.',
  'Around sixty when I started, and it went down to maybe thirty.',
  'About eighty five at the worst point, my hands were shaking.',
  'I did the thought record three times, mostly at night.',
  'I only managed the walk twice out of the four days.',
  "I didn't do the homework, work got crazy.",
  'I guess I jumped to conclusions again.',
  'She also gave me the weekend off that I asked for, so maybe it was not about me.',
  'I want to get back to how I was before all this started.',
  'I think I can do that, I really want to try.',
  "I don't see the point, nothing I do seems to change anything.",
  "It's just how I am, I have always been a worrier.",
  'My sister says I should just relax, but it is not that simple.',
  'The mornings are fine, it is the evenings when it all comes back.',
  'I stayed with it this time instead of leaving the shop.',
  'No, nothing like that, I would never do that.',
  'A glass of wine at dinner sometimes, not more than before.',
  'Um, I am not sure, maybe.',
  'Yeah, that makes sense when you put it that way.',
  'I noticed my chest getting tight and I tried the breathing.',
  'I went to the market on Saturday and it was actually nice.',
  'Seven, I would say. It matters a lot to me.',
  'I slept maybe five hours most nights.',
  'Okay, I can try that.',
];

export interface GeneratedTranscript {
  text: string;
  turns: number;
  words: number;
}

/** `[HH:MM:SS] Speaker: text` lines, `turns` turns over `seconds` seconds. */
export function generateTranscript(
  opts: { seed?: number; turns?: number; seconds?: number; startSeconds?: number } = {},
): GeneratedTranscript {
  const rand = rng(opts.seed ?? 42);
  const turns = opts.turns ?? 600;
  const seconds = opts.seconds ?? 3600;
  const start = opts.startSeconds ?? 0;
  const pick = (pool: readonly string[]): string => pool[Math.floor(rand() * pool.length)] ?? '';
  const lines: string[] = [];
  let words = 0;
  for (let i = 0; i < turns; i++) {
    const clinician = i % 2 === 0;
    // Mostly one sentence, sometimes two (about 15 words a turn on average).
    const count = 1 + (rand() < (clinician ? 0.22 : 0.45) ? 1 : 0);
    const parts: string[] = [];
    for (let k = 0; k < count; k++) parts.push(pick(clinician ? CLINICIAN : CLIENT));
    const text = parts.join(' ');
    words += text.split(/\s+/).length;
    const t = start + Math.floor((i * seconds) / turns + rand() * 3);
    lines.push(`[${clock(t)}] ${clinician ? 'Therapist' : 'Client'}: ${text}`);
  }
  return { text: lines.join('\n') + '\n', turns, words };
}

function clock(s: number): string {
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${two(Math.floor(s / 3600))}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}`;
}
