import { SRC } from '../data/sources.js';
import type { BlendInput } from './schema.js';
import { MSRC } from './sources.js';

/**
 * Case-conceptualization blends: interventions that go together for a concern with a given
 * feature, with the rationale and the expected outcomes a plan records. The first is the seed
 * guide's own example ("a client with PTSD and avoidance behavior might receive TF-CBT for
 * trauma, supplemented by DBT distress tolerance, and expressive art therapy"); the others
 * follow the treatment manuals cited. Expected outcomes name what to watch and measure, never a
 * promised size of effect.
 */
export const BLENDS: BlendInput[] = [
  {
    id: 'ptsd_avoidance',
    name: 'PTSD with avoidance: TF-CBT + DBT distress tolerance + expressive art',
    concerns: ['trauma_ptsd'],
    features: ['avoidance', 'agoraphobic_avoidance'],
    interventionIds: [
      'tfcbt.psychoeducation',
      'tfcbt.relaxation',
      'tfcbt.affect_modulation',
      'tfcbt.cognitive_coping',
      'tfcbt.trauma_narrative',
      'tfcbt.in_vivo_mastery',
      'tfcbt.enhancing_safety',
      'dbt.distress_tolerance',
      'expressive.art',
    ],
    rationale:
      'TF-CBT treats the trauma in phases (skills first, then the trauma narrative and in vivo mastery of avoided reminders); DBT distress tolerance gives skills to stay with distress instead of avoiding it; expressive art supports expressing and integrating emotion that is hard to put into words (seed guide).',
    expectedOutcomes: [
      'Less avoidance of safe trauma reminders (in vivo mastery)',
      'Fewer re-experiencing and avoidance symptoms (PCL-5 tracked for reliable change)',
      'Distress tolerance skills used when trauma reminders come up',
      'Emotions about the trauma expressed and put into words',
    ],
    sources: [SRC.seed, SRC.tfcbt, SRC.dbt, SRC.art],
  },
  {
    id: 'depression_withdrawal',
    name: 'Depression with withdrawal: behavioural activation + values',
    concerns: ['depression'],
    features: ['withdrawal', 'avoidance'],
    interventionIds: ['cbt.behavioral_activation', 'act.values', 'cbt.problem_solving'],
    rationale:
      'Behavioural activation targets the withdrawal and avoidance that keep depression going, through activity monitoring and scheduling; values clarification makes the chosen activities meaningful to the client; problem solving removes practical obstacles.',
    expectedOutcomes: [
      'More scheduled pleasant and mastery activities completed each week',
      'Re-engagement with valued people and roles',
      'Lower depressive symptoms (PHQ-9 tracked for reliable change)',
    ],
    sources: [SRC.martell, SRC.act, SRC.nezu],
  },
  {
    id: 'panic_agoraphobia',
    name: 'Panic with agoraphobic avoidance: psychoeducation + interoceptive and in vivo exposure',
    concerns: ['panic', 'anxiety'],
    features: ['agoraphobic_avoidance', 'avoidance', 'panic_attacks'],
    interventionIds: [
      'psychoed.symptoms',
      'exposure.interoceptive',
      'exposure.in_vivo',
      'cbt.cognitive_restructuring',
    ],
    rationale:
      'Panic treatment starts with psychoeducation about the anxiety response, then exposes the client to feared bodily sensations (interoceptive) and to avoided situations (in vivo), with cognitive work on catastrophic misreadings of sensations.',
    expectedOutcomes: [
      'Less fear of bodily sensations',
      'Avoided situations entered, without safety behaviours',
      'Fewer panic attacks and less anticipatory anxiety (GAD-7 tracked)',
    ],
    sources: [SRC.craske, SRC.inhibitory],
  },
  {
    id: 'dysregulation_self_harm',
    name: 'Emotion dysregulation or self-harm: DBT skills modules + safety planning',
    concerns: ['emotion_dysregulation', 'self_harm'],
    features: [],
    interventionIds: [
      'safety.risk_assessment',
      'safety.safety_planning',
      'dbt.mindfulness',
      'dbt.distress_tolerance',
      'dbt.emotion_regulation',
      'dbt.interpersonal_effectiveness',
    ],
    rationale:
      'DBT teaches the four skills modules (mindfulness, distress tolerance, emotion regulation, interpersonal effectiveness) for emotion dysregulation and self-harm; a collaborative safety plan covers warning signs, coping, contacts and means safety.',
    expectedOutcomes: [
      'A safety plan the client can use, reviewed regularly',
      'Skills used in place of self-harm (diary card)',
      'Fewer and shorter episodes of overwhelming emotion',
    ],
    sources: [SRC.dbt, SRC.stanley, SRC.seed],
  },
  {
    id: 'grief',
    name: 'Grief: IPT grief work + person-centred exploration + expressive work',
    concerns: ['grief'],
    features: [],
    interventionIds: ['ipt.grief', 'humanistic.person_centered', 'expressive.drama'],
    rationale:
      'IPT grief work facilitates mourning and rebuilding relationships and activities; person-centred exploration supports the client’s own meaning-making; drama techniques such as the empty chair let the client say what was left unsaid.',
    expectedOutcomes: [
      'Mourning expressed and the loss talked about',
      'Re-engagement with relationships and activities',
      'Lower depressive symptoms where present (PHQ-9 tracked)',
    ],
    sources: [SRC.ipt, SRC.rogers, SRC.drama],
  },
  {
    id: 'ocd_erp',
    name: 'OCD: exposure and response prevention + defusion',
    concerns: ['ocd', 'obsessive_fearful_thinking'],
    features: [],
    interventionIds: [
      'psychoed.treatment_rationale',
      'exposure.in_vivo',
      'exposure.imaginal',
      'act.defusion',
    ],
    rationale:
      'Exposure with response prevention is the core of OCD treatment, after explaining its rationale; imaginal exposure reaches feared consequences that cannot be met in vivo; defusion helps the client hold obsessional thoughts lightly.',
    expectedOutcomes: [
      'Exposure hierarchy climbed without rituals',
      'Less time spent on compulsions',
      'Obsessional thoughts noticed without acting on them',
    ],
    sources: [SRC.abramowitz, SRC.act],
  },
  {
    id: 'relationship_conflict',
    name: 'Relationship conflict: IPT role dispute + communication + interpersonal effectiveness',
    concerns: ['relationship_issues', 'depression'],
    features: ['interpersonal_conflict'],
    interventionIds: [
      'ipt.role_dispute',
      'ipt.communication_analysis',
      'dbt.interpersonal_effectiveness',
    ],
    rationale:
      'IPT links mood to a current role dispute and works on it through communication analysis; DBT interpersonal effectiveness teaches asking for what one wants while keeping the relationship and self-respect.',
    expectedOutcomes: [
      'The dispute’s stage named and expectations clarified',
      'New ways of communicating tried between sessions',
      'Mood improves as the dispute changes',
    ],
    sources: [SRC.ipt, SRC.dbt, SRC.seed],
  },
  {
    id: 'trauma_substance_use',
    name: 'Trauma with substance use: motivational interviewing + present-focused coping',
    concerns: ['substance_use'],
    withConcerns: ['trauma_ptsd'],
    features: [],
    interventionIds: ['mi.change_talk', 'mi.reflection', 'skills.coping', 'skills.grounding'],
    rationale:
      'Motivational interviewing works with ambivalence about use; present-focused coping and grounding skills (Seeking Safety) give alternatives to using when distress or trauma reminders come up.',
    expectedOutcomes: [
      'Change talk about use increases',
      'Coping and grounding skills used instead of substances',
    ],
    sources: [SRC.mi, SRC.najavits, MSRC.cope],
  },
  {
    id: 'crisis_stabilisation',
    name: 'Crisis stabilisation: risk assessment + safety plan + distress tolerance + grounding',
    concerns: ['crisis'],
    features: [],
    interventionIds: [
      'safety.risk_assessment',
      'safety.safety_planning',
      'dbt.distress_tolerance',
      'skills.grounding',
    ],
    rationale:
      'In a crisis, safety comes first: a structured risk assessment, a collaborative safety plan, and crisis-survival and grounding skills to get through the next hours and days.',
    expectedOutcomes: [
      'Risk assessed and documented',
      'A safety plan the client has a copy of',
      'Crisis-survival skills the client can name and use',
    ],
    sources: [SRC.stanley, SRC.cssrs, SRC.dbt, SRC.seed],
  },
];
