import {
  AnalysisSchema,
  RISK_KINDS,
  type Analysis,
  type Evidence,
  type MiLabel,
  type RiskFinding,
  type RiskKind,
  type RiskStatus,
  type TalkLabel,
  type Utterance,
} from '../analysis/schema.js';
import { cptForMinutes } from '../analysis/session.js';
import type { TreatmentPlan } from '../plan/schema.js';
import { summarizeOutcome } from '../measures/outcome.js';
import type { InstrumentOutcome } from '../measures/outcome-schema.js';

/**
 * Hand-made, schema-valid analyses of ORIGINAL fictional sessions, for tests of note writing
 * and review rules (independent of the detectors). Nobody in them is a real person.
 */

type Label = MiLabel | TalkLabel;
/** [time "HH:MM:SS" or null, T(herapist) / C(lient), text, optional mi/talk label] */
type Line = readonly [string | null, 'T' | 'C', string, Label?];

const MI_LABELS = new Set<string>(['question', 'reflection', 'therapist_input', 'other']);

function seconds(t: string | null): number | null {
  if (t === null) return null;
  const [h = 0, m = 0, s = 0] = t.split(':').map(Number);
  return h * 3600 + m * 60 + s;
}

function toUtterances(lines: readonly Line[]): Utterance[] {
  return lines.map(([time, who, text, label], i) => {
    const start = seconds(time);
    const next = lines[i + 1];
    const nextStart = next ? seconds(next[0]) : null;
    const u: Utterance = {
      id: `u${i + 1}`,
      speaker: who === 'T' ? 'Therapist' : 'Client',
      role: who === 'T' ? 'clinician' : 'client',
      start,
      end: start === null ? null : nextStart !== null ? Math.max(start, nextStart - 1) : start + 8,
      text,
    };
    if (label !== undefined) {
      if (who === 'T' && MI_LABELS.has(label)) u.mi = label as MiLabel;
      if (who === 'C' && !MI_LABELS.has(label)) u.talk = label as TalkLabel;
    }
    return u;
  });
}

/** Evidence from utterances by number (1-based, as in `u7`): quote is the first one's words. */
function evidenceFrom(us: readonly Utterance[]) {
  return (...nums: number[]): Evidence => {
    const first = us[(nums[0] ?? 1) - 1];
    if (!first) throw new Error(`fixture has no utterance u${nums[0] ?? '?'}`);
    return { utteranceIds: nums.map((n) => `u${n}`), quote: first.text, start: first.start };
  };
}

function risks(
  given: Partial<Record<RiskKind, { status: RiskStatus; evidence: Evidence[] }>>,
): RiskFinding[] {
  return RISK_KINDS.map((kind) => {
    const r = given[kind];
    return r ? { kind, ...r } : { kind, status: 'not_assessed', evidence: [] };
  });
}

function session(us: readonly Utterance[]): Analysis['session'] {
  const first = us[0];
  const last = us[us.length - 1];
  if (!first || !last || first.start === null || last.end === null) {
    return { start: null, end: null, durationMinutes: null, cpt: null };
  }
  const durationMinutes = Math.round((last.end - first.start) / 60);
  return {
    start: first.start,
    end: last.end,
    durationMinutes,
    cpt: cptForMinutes(durationMinutes),
  };
}

function speakers(): Analysis['speakers'] {
  return [
    { label: 'Therapist', role: 'clinician' },
    { label: 'Client', role: 'client' },
  ];
}

/* ------------------------------------------------------------------ exposure session */

const EXPOSURE_LINES: readonly Line[] = [
  ['00:00:05', 'T', 'Good to see you. How has the week been since we last met?', 'question'],
  [
    '00:00:20',
    'C',
    "Honestly pretty rough. I crossed the street three times on Tuesday because of the neighbour's dog and I was late for the bus again. I feel like the fear is running my mornings.",
    'neutral',
  ],
  [
    '00:01:10',
    'T',
    'You filled out the PHQ-9 in the waiting room. Your total was 8 today, and last month it was 12.',
    'therapist_input',
  ],
  ['00:01:30', 'C', "Yeah, my mood is a bit better, I'm sleeping more than before.", 'neutral'],
  [
    '00:02:00',
    'T',
    "One question asks about thoughts that you'd be better off dead or of hurting yourself. Have you had any thoughts like that this week?",
    'question',
  ],
  ['00:02:06', 'C', "No, nothing like that. I'm frustrated, not hopeless.", 'neutral'],
  [
    '00:03:00',
    'T',
    "Let's look at the practice sheet from last week. How did the dog videos go?",
    'question',
  ],
  [
    '00:03:15',
    'C',
    'I watched them five out of seven days. Two days I skipped because my stomach was in knots just thinking about it.',
    'neutral',
  ],
  [
    '00:04:00',
    'C',
    "Every night I lie awake for like an hour replaying the barking, it's really bad before workdays.",
    'neutral',
  ],
  [
    '00:05:10',
    'T',
    "Your goal on the plan is walking to the bus stop past the neighbour's yard without crossing the street. Is that still what matters most?",
    'question',
  ],
  [
    '00:05:30',
    'C',
    'Yes. I want to be able to walk my own street without planning my route around a dog.',
    'change',
  ],
  [
    '00:06:40',
    'C',
    "It started when I was a kid, a dog knocked me over at my cousin's farm and I've avoided them since.",
    'neutral',
  ],
  [
    '00:08:00',
    'T',
    'Today the plan is the park fence next door where the dog walkers come by. You can stop at any point, and your anxiety will likely go up first. Are you willing to try it?',
    'question',
  ],
  ['00:08:30', 'C', "Okay. I'm nervous but I'm willing to try it.", 'change'],
  [
    '00:11:39',
    'T',
    "We're about ten meters from the fence. On a scale from 0 to 100, what's your SUDS right now?",
    'question',
  ],
  ['00:11:50', 'C', 'About 70. My hands are sweaty.', 'neutral'],
  [
    '00:14:20',
    'T',
    "Keep your hands out of your pockets and don't look at your phone, just notice the dogs. That's the safety behavior we talked about dropping.",
    'therapist_input',
  ],
  ['00:16:05', 'C', "(long pause) It's at 85 now. The big brown one barked.", 'neutral'],
  ['00:16:30', 'T', 'Stay with it. What do you notice happening?', 'question'],
  ['00:20:40', 'C', "It's coming down. Maybe 50. He didn't even look at me.", 'neutral'],
  [
    '00:24:10',
    'T',
    "Let's step to five meters from the fence, the next rung on your ladder.",
    'therapist_input',
  ],
  [
    '00:31:00',
    'C',
    "I'm at about a 25 now. I stayed the whole time without leaving, that's like fifteen minutes.",
    'change',
  ],
  [
    '00:31:30',
    'T',
    'You stayed fifteen minutes and your anxiety dropped from 85 to 25 without your phone. What do you make of that?',
    'reflection',
  ],
  ['00:32:00', 'C', 'Maybe the fear is bigger in my head than what actually happens.', 'change'],
  [
    '00:40:00',
    'T',
    "For this week, I'd like you to stand at the park fence for ten minutes, four times, and rate your SUDS at the start and the end.",
    'therapist_input',
  ],
  ['00:40:30', 'C', "I can do that. I'll go before work on Monday.", 'change'],
  [
    '00:47:30',
    'T',
    "Next week we'll try walking along the fence line while dogs pass by, the next step on the hierarchy.",
    'therapist_input',
  ],
  ['00:48:20', 'T', "I'll see you next Thursday at the same time.", 'other'],
  ['00:50:10', 'C', 'Thanks, see you Thursday.', 'neutral'],
];

export const EXPOSURE_PLAN: TreatmentPlan = {
  diagnoses: ['F40.218 Specific phobia, animal type'],
  goals: [
    {
      id: 'G1',
      text: "Walk to the bus stop past the neighbour's yard without crossing the street",
      keywords: ['bus stop'],
    },
    { id: 'G2', text: 'Sleep at least six hours on nights before workdays' },
  ],
  plannedInterventions: ['exposure.in_vivo'],
};

export interface ExposureOptions {
  /** Leave out the consent discussion (informed-consent rule). */
  withoutConsent?: boolean;
  /** Leave out every SUDS / rating indicator (distress-monitoring rule). */
  withoutSuds?: boolean;
  /** Leave out the goal links (goal-link rule). */
  withoutGoals?: boolean;
}

/** In vivo exposure for a fear of dogs: consent, SUDS 70 → 25 (peak 85), PHQ-9 12 → 8, SI asked and denied. */
export function exposureAnalysis(opts: ExposureOptions = {}): Analysis {
  const us = toUtterances(EXPOSURE_LINES);
  const ev = evidenceFrom(us);
  const indicators: Analysis['indicators'] = [
    { kind: 'measure', instrument: 'PHQ-9', value: 8, previous: 12, evidence: [ev(3)] },
    {
      kind: 'frequency',
      what: 'exposure videos watched',
      count: 5,
      target: 7,
      period: 'week',
      evidence: [ev(8)],
    },
    { kind: 'homework_completion', status: 'partial', evidence: [ev(8)] },
    { kind: 'duration', what: 'stayed at the fence', minutes: 15, evidence: [ev(22)] },
  ];
  if (!opts.withoutSuds) {
    indicators.push({
      kind: 'suds',
      from: 70,
      to: 25,
      peak: 85,
      scaleMax: 100,
      evidence: [ev(16), ev(18), ev(22)],
    });
  }
  return AnalysisSchema.parse({
    schemaVersion: 1,
    session: session(us),
    speakers: speakers(),
    utterances: us,
    interventions: [
      {
        id: 'exposure.in_vivo',
        confidence: 0.95,
        evidence: [ev(15), ev(17), ev(21)],
        components: ['hierarchy', 'suds_ratings', 'response_prevention'],
        response: {
          summary: 'engaged',
          markers: [
            { kind: 'engagement', evidence: ev(22) },
            { kind: 'insight', evidence: ev(24) },
          ],
        },
      },
      {
        id: 'homework.reviewed',
        confidence: 0.9,
        evidence: [ev(7)],
        components: [],
        response: { summary: 'engaged', markers: [{ kind: 'engagement', evidence: ev(8) }] },
      },
      {
        id: 'homework.assigned',
        confidence: 0.9,
        evidence: [ev(25)],
        components: [],
        response: { summary: 'engaged', markers: [{ kind: 'change_talk', evidence: ev(26) }] },
      },
    ],
    mentionedNotDelivered: [],
    indicators,
    risk: risks({
      suicidal_ideation: { status: 'denied', evidence: [ev(5), ev(6)] },
      self_harm: { status: 'denied', evidence: [ev(5), ev(6)] },
    }),
    homework: {
      reviewed: true,
      reviewedEvidence: [ev(7)],
      assigned: [
        {
          text: 'stand at the park fence for ten minutes, four times, rating SUDS at the start and the end',
          evidence: [ev(25)],
        },
      ],
    },
    consent: opts.withoutConsent
      ? []
      : [{ interventionId: 'exposure.in_vivo', outcome: 'agreed', evidence: [ev(13), ev(14)] }],
    goals: opts.withoutGoals
      ? []
      : [{ goalId: 'G1', text: EXPOSURE_PLAN.goals[0]?.text, evidence: [ev(10), ev(11)] }],
  });
}

/* ------------------------------------------------------------------ self-harm urges (DBT) */

export interface RiskOptions {
  /** Add a collaborative safety-planning segment (risk follow-up documented). */
  withSafetyPlan?: boolean;
}

/** DBT session after self-harm urges: urges endorsed, SI asked and denied, TIPP with urge 8 → 4. */
export function riskAnalysis(opts: RiskOptions = {}): Analysis {
  const lines: Line[] = [
    [
      '00:00:10',
      'T',
      "Before anything else, let's go over your diary card. Any urges this week?",
      'question',
    ],
    [
      '00:00:25',
      'C',
      'Saturday night was bad. I had really strong urges to cut after the fight with my sister, like a 9 out of 10.',
      'neutral',
    ],
    ['00:01:00', 'T', 'Did you act on the urges?', 'question'],
    ['00:01:10', 'C', 'No. I held an ice pack and went for a walk, but it was close.', 'change'],
    ['00:01:40', 'T', 'Any thoughts of killing yourself or wanting to die?', 'question'],
    ['00:01:50', 'C', 'No, not that. I just wanted the feeling to stop.', 'neutral'],
    [
      '00:05:00',
      'T',
      "Let's practise the TIPP skill together now: cold water on your face, then paced breathing, breathing out longer than in.",
      'therapist_input',
    ],
    ['00:09:30', 'C', '(sighs) Okay, that actually slowed my heart down.', 'neutral'],
    ['00:10:00', 'T', "Where's the urge now, from 0 to 10?", 'question'],
    ['00:10:10', 'C', 'Maybe a 4. It was an 8 when we started talking about Saturday.', 'neutral'],
  ];
  if (opts.withSafetyPlan) {
    lines.push(
      [
        '00:30:00',
        'T',
        "Let's update your safety plan together: your warning signs, who you can call at night, and keeping the blades at your friend's place.",
        'therapist_input',
      ],
      [
        '00:31:00',
        'C',
        'Okay, I can text Dana and put the crisis line number in my phone.',
        'change',
      ],
    );
  }
  lines.push(
    [
      '00:38:00',
      'T',
      'This week, practise TIPP once a day even when you feel calm, and use it first when the urge is above a 6.',
      'therapist_input',
    ],
    [
      '00:44:00',
      'C',
      'I want to be able to get through a fight with her without hurting myself.',
      'change',
    ],
    ['00:45:00', 'T', 'Same time next week, then.', 'other'],
  );
  const us = toUtterances(lines);
  const ev = evidenceFrom(us);
  const n = (text: string): number => us.findIndex((u) => u.text.startsWith(text)) + 1;
  const interventions: Analysis['interventions'] = [
    {
      id: 'dbt.distress_tolerance',
      confidence: 0.9,
      evidence: [ev(7)],
      components: ['tipp'],
      response: {
        summary: 'engaged',
        markers: [
          { kind: 'engagement', evidence: ev(8) },
          { kind: 'change_talk', evidence: ev(n('I want to be able')) },
        ],
      },
    },
  ];
  if (opts.withSafetyPlan) {
    interventions.push({
      id: 'safety.safety_planning',
      confidence: 0.9,
      evidence: [ev(n("Let's update your safety plan"))],
      components: ['warning_signs', 'contacts', 'means_restriction'],
      response: {
        summary: 'engaged',
        markers: [{ kind: 'engagement', evidence: ev(n('Okay, I can text')) }],
      },
    });
  }
  return AnalysisSchema.parse({
    schemaVersion: 1,
    session: session(us),
    speakers: speakers(),
    utterances: us,
    interventions,
    mentionedNotDelivered: [],
    indicators: [
      { kind: 'rating', scale: 'urge', from: 8, to: 4, scaleMax: 10, evidence: [ev(10)] },
    ],
    risk: risks({
      self_harm: { status: 'endorsed', evidence: [ev(2)] },
      suicidal_ideation: { status: 'denied', evidence: [ev(5), ev(6)] },
    }),
    homework: {
      reviewed: true,
      reviewedEvidence: [ev(1)],
      assigned: [
        {
          text: 'practise TIPP once a day, and use it first when the urge is above 6',
          evidence: [ev(n('This week, practise TIPP'))],
        },
      ],
    },
    consent: [],
    goals: [
      {
        goalId: 'stated-1',
        text: 'get through a fight with her sister without hurting herself',
        evidence: [ev(n('I want to be able'))],
      },
    ],
  });
}

/* ------------------------------------------------------------------ MI session, no risk asked */

const MI_LINES: readonly Line[] = [
  ['00:00:05', 'T', 'What brings you in to talk about exercise today?', 'question'],
  [
    '00:00:30',
    'C',
    'My cardiologist says I need to walk every day after the stent, but honestly I hate walking on my own and I keep putting it off.',
    'sustain',
  ],
  [
    '00:01:10',
    'T',
    "You're getting pressure from the doctor, and walking alone feels like a chore.",
    'reflection',
  ],
  [
    '00:01:30',
    'C',
    "Yeah. I know it matters, I don't want to end up back in the hospital.",
    'change',
  ],
  ['00:03:00', 'T', 'On a scale of 0 to 10, how important is it to you to walk more?', 'question'],
  [
    '00:03:10',
    'C',
    'Probably an 8. My granddaughter is starting to walk and I want to keep up with her.',
    'change',
  ],
  ['00:04:00', 'T', 'And how confident are you that you could do it, 0 to 10?', 'question'],
  ['00:04:10', 'C', 'Maybe a 4. The weather is bad and my knees ache.', 'sustain'],
  [
    '00:06:00',
    'T',
    'So it matters a lot, and the knees and the weather get in the way.',
    'reflection',
  ],
  ['00:08:00', 'C', 'I tried the gym before and I just stopped going after two weeks.', 'sustain'],
  ['00:12:00', 'T', 'What would make walking easier to start?', 'question'],
  [
    '00:12:20',
    'C',
    'If my neighbour came with me, maybe. She walks her terrier at seven.',
    'neutral',
  ],
  ['00:20:00', 'T', 'It sounds like company could make it less of a chore.', 'reflection'],
  [
    '00:24:00',
    'C',
    "I'm going to ask her on Sunday if I can join her on Monday morning.",
    'change',
  ],
  ['00:28:00', 'T', "That's a clear plan, and you thought it through yourself.", 'other'],
];

/** MI about walking after a cardiac stent: rulers 8 and 4, change vs sustain talk, no risk asked. */
export function miAnalysis(): Analysis {
  const us = toUtterances(MI_LINES);
  const ev = evidenceFrom(us);
  const response: Analysis['interventions'][number]['response'] = {
    summary: 'mixed',
    markers: [
      { kind: 'change_talk', evidence: ev(6) },
      { kind: 'change_talk', evidence: ev(14) },
      { kind: 'sustain_talk', evidence: ev(8) },
    ],
  };
  return AnalysisSchema.parse({
    schemaVersion: 1,
    session: session(us),
    speakers: speakers(),
    utterances: us,
    interventions: [
      {
        id: 'mi.open_question',
        confidence: 0.8,
        evidence: [ev(1), ev(11)],
        components: [],
        response,
      },
      {
        id: 'mi.reflection',
        confidence: 0.8,
        evidence: [ev(3), ev(9), ev(13)],
        components: [],
        response,
      },
      {
        id: 'mi.change_talk',
        confidence: 0.85,
        evidence: [ev(5), ev(7)],
        components: ['importance_ruler', 'confidence_ruler'],
        response,
      },
      {
        id: 'mi.affirmation',
        confidence: 0.7,
        evidence: [ev(15)],
        components: [],
        response: { summary: 'not_observed', markers: [] },
      },
    ],
    mentionedNotDelivered: [],
    indicators: [
      { kind: 'rating', scale: 'importance', value: 8, scaleMax: 10, evidence: [ev(6)] },
      { kind: 'rating', scale: 'confidence', value: 4, scaleMax: 10, evidence: [ev(8)] },
    ],
    risk: risks({}),
    homework: { reviewed: false, reviewedEvidence: [], assigned: [] },
    consent: [],
    goals: [],
  });
}

/* ------------------------------------------- MI conversation, labels only (no MI detected) */

const MI_DRINKING_LINES: readonly Line[] = [
  [
    '00:00:10',
    'T',
    'Thanks for coming in. The nurse mentioned your drinking came up at your check-up. Is it okay if we talk about that?',
    'question',
  ],
  [
    '00:00:20',
    'C',
    'Sure. I drink about four beers a night after work, more on the weekend.',
    'neutral',
  ],
  ['00:00:40', 'T', 'What do you like about drinking in the evening?', 'question'],
  [
    '00:00:55',
    'C',
    'When I get home after a long day it helps me unwind. I like it, honestly.',
    'sustain',
  ],
  ['00:01:20', 'T', 'It takes the edge off after a hard shift.', 'reflection'],
  ['00:01:40', 'C', 'I used to run a lot in my twenties, before the kids.', 'neutral'],
  ['00:02:00', 'T', 'And what worries you about it?', 'question'],
  ['00:02:20', 'C', 'My liver numbers were high. I want to be around for my kids.', 'change'],
  [
    '00:02:45',
    'T',
    'Your family matters a great deal to you, and the test results got your attention.',
    'reflection',
  ],
  [
    '00:03:10',
    'C',
    'Last month I cut down to two beers on weeknights and I slept better.',
    'change',
  ],
  ['00:03:30', 'T', "That's a big step, you did that on your own.", 'other'],
  [
    '00:04:00',
    'T',
    'On a scale of 0 to 10, how confident are you that you can keep it to two?',
    'question',
  ],
  ['00:04:10', 'C', 'Maybe a seven.', 'change'],
  ['00:05:00', 'T', 'What could help you on the weekends?', 'question'],
  [
    '00:05:20',
    'C',
    "I'm going to stop buying the twelve-pack and only keep four at home.",
    'change',
  ],
  [
    '00:05:40',
    'T',
    'So you want to be healthy for your kids, you already cut down, and keeping less at home is your next step.',
    'reflection',
  ],
  ['00:06:00', 'C', 'Yes, that sounds right.', 'neutral'],
  [
    '00:06:20',
    'T',
    "Let's check in again in two weeks and see how the weekends went.",
    'therapist_input',
  ],
];

/**
 * Brief MI conversation about evening drinking (fictional). The utterances carry classifier
 * labels, but no MI intervention was detected: the note must still document the MI work from
 * the labels. Nothing about appearance, affect or risk was said.
 */
export function miLabelsOnlyAnalysis(): Analysis {
  const us = toUtterances(MI_DRINKING_LINES);
  return AnalysisSchema.parse({
    schemaVersion: 1,
    session: session(us),
    speakers: speakers(),
    utterances: us,
    interventions: [],
    mentionedNotDelivered: [],
    indicators: [],
    risk: risks({}),
    homework: { reviewed: false, reviewedEvidence: [], assigned: [] },
    consent: [],
    goals: [],
  });
}

/* ------------------------------------------------------------------ untimed transcript */

/** A pasted transcript without timestamps: cognitive restructuring, nothing timed. */
export function untimedAnalysis(): Analysis {
  const us = toUtterances([
    [
      null,
      'T',
      'What went through your mind when your manager did not reply to the email?',
      'question',
    ],
    [null, 'C', "That I'd messed up the whole report and she thinks I'm useless.", 'neutral'],
    [
      null,
      'T',
      "What's the evidence for and against the thought that she thinks you're useless?",
      'question',
    ],
    [
      null,
      'C',
      'Well, she asked me to lead the next project last month, so maybe it is not that.',
      'change',
    ],
  ]);
  const ev = evidenceFrom(us);
  return AnalysisSchema.parse({
    schemaVersion: 1,
    session: session(us),
    speakers: speakers(),
    utterances: us,
    interventions: [
      {
        id: 'cbt.cognitive_restructuring',
        confidence: 0.9,
        evidence: [ev(1), ev(3)],
        components: ['identify_thought', 'examine_evidence'],
        response: { summary: 'engaged', markers: [{ kind: 'insight', evidence: ev(4) }] },
      },
    ],
    mentionedNotDelivered: [],
    indicators: [],
    risk: risks({}),
    homework: { reviewed: false, reviewedEvidence: [], assigned: [] },
    consent: [],
    goals: [],
  });
}

/* ------------------------------------------------------------------ outcome measures */

/** PHQ-9 18 → 12 → 9 (administrations adm-1 … adm-3), summarized by the measures module. */
export function phq9Outcome(): InstrumentOutcome {
  return summarizeOutcome('phq9', [
    { at: '2025-01-07T09:00:00+00:00', total: 18, administrationId: 'adm-1' },
    { at: '2025-02-04T09:00:00+00:00', total: 12, administrationId: 'adm-2' },
    { at: '2025-03-04T09:00:00+00:00', total: 9, administrationId: 'adm-3' },
  ]);
}

/** GAD-7 with one invalid administration and one valid score (no stored ids). */
export function gad7OnceOutcome(): InstrumentOutcome {
  return summarizeOutcome('gad7', [
    { at: '2025-02-01T09:00:00+00:00', total: null },
    { at: '2025-03-04T09:00:00+00:00', total: 11 },
  ]);
}

/** PCL-5 never scored (every administration invalid). */
export function pcl5InvalidOutcome(): InstrumentOutcome {
  return summarizeOutcome('pcl5', [{ at: '2025-02-01T09:00:00+00:00', total: null }]);
}
