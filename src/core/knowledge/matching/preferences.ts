import { SRC } from '../data/sources.js';
import type { PreferenceEntry } from './schema.js';
import { MSRC } from './sources.js';

/**
 * Client preferences → the interventions that fit or do not fit them. Accommodating stated
 * preferences is associated with fewer dropouts and somewhat better outcomes (Swift et al.
 * 2018), so a preference re-ranks; it never adds or removes an intervention. Which intervention
 * is skills-based, homework-heavy, body-based… is what its own manual describes (cited per tag).
 */
export const PREFERENCES: PreferenceEntry[] = [
  {
    id: 'skills_based',
    label: 'Skills-based',
    description: 'Wants to learn concrete skills and tools to use between sessions.',
    favours: [
      'dbt.distress_tolerance',
      'dbt.emotion_regulation',
      'dbt.interpersonal_effectiveness',
      'dbt.mindfulness',
      'cbt.problem_solving',
      'cbt.behavioral_activation',
      'cbt.cognitive_restructuring',
      'skills.breathing',
      'skills.relaxation',
      'skills.grounding',
      'skills.coping',
    ],
    disfavours: ['psychodynamic.insight', 'psychodynamic.attachment'],
    rationale:
      'DBT skills modules, CBT techniques and coping skills are taught as explicit, practised skills; psychodynamic work aims at insight rather than skill acquisition.',
    sources: [MSRC.swift2018, SRC.dbt, SRC.beck, SRC.psychodynamic],
  },
  {
    id: 'insight_oriented',
    label: 'Insight-oriented',
    description: 'Wants to understand patterns, their origins and their meaning.',
    favours: ['psychodynamic.insight', 'psychodynamic.attachment', 'humanistic.person_centered'],
    disfavours: [],
    rationale:
      'Psychodynamic therapy explores unconscious patterns, defences and early relationships; person-centred work supports self-exploration.',
    sources: [MSRC.swift2018, SRC.psychodynamic, SRC.shedler, SRC.rogers],
  },
  {
    id: 'present_focused',
    label: 'Present-focused',
    description: 'Wants to work on current problems rather than the past.',
    favours: [
      'cbt.cognitive_restructuring',
      'cbt.behavioral_activation',
      'cbt.problem_solving',
      'act.values',
      'act.acceptance',
      'dbt.distress_tolerance',
      'dbt.emotion_regulation',
      'ipt.role_dispute',
      'ipt.role_transition',
      'skills.coping',
    ],
    disfavours: ['psychodynamic.attachment'],
    rationale:
      'CBT, ACT, DBT skills and IPT work on current thoughts, behaviour and relationships; attachment-focused psychodynamic work explores early relationships.',
    sources: [MSRC.swift2018, SRC.beck, SRC.act, SRC.ipt, SRC.psychodynamic],
  },
  {
    id: 'mindfulness',
    label: 'Mindfulness',
    description: 'Open to (or asks for) mindfulness and acceptance practices.',
    favours: [
      'mbct.mindfulness',
      'dbt.mindfulness',
      'act.acceptance',
      'act.defusion',
      'dbt.radical_acceptance',
    ],
    disfavours: [],
    rationale:
      'MBCT, DBT core mindfulness, ACT acceptance and defusion, and radical acceptance are mindfulness-based practices.',
    sources: [MSRC.swift2018, SRC.mbct, SRC.dbt, SRC.act],
  },
  {
    id: 'body_based',
    label: 'Body-based',
    description: 'Prefers working through the body: breathing, relaxation, movement.',
    favours: [
      'skills.breathing',
      'skills.relaxation',
      'skills.grounding',
      'tfcbt.relaxation',
      'expressive.movement',
      'tech.biofeedback',
    ],
    disfavours: [],
    rationale:
      'Paced breathing, progressive muscle relaxation, grounding, dance/movement therapy and HRV biofeedback work through bodily states.',
    sources: [
      MSRC.swift2018,
      SRC.breathing,
      SRC.relaxation,
      SRC.movement,
      SRC.biofeedback,
      SRC.shapiroGrounding,
    ],
  },
  {
    id: 'creative_expression',
    label: 'Creative expression',
    description: 'Prefers art, music, drama or movement to express and process emotion.',
    favours: ['expressive.art', 'expressive.music', 'expressive.drama', 'expressive.movement'],
    disfavours: [],
    rationale:
      'Expressive therapies use creative media to express and process emotion (seed guide).',
    sources: [MSRC.swift2018, SRC.seed, SRC.art, SRC.music, SRC.drama, SRC.movement],
  },
  {
    id: 'family_involvement',
    label: 'Family involvement',
    description: 'Wants family (or a partner, or a caregiver) involved in treatment.',
    favours: [
      'systemic.family',
      'systemic.couples',
      'tfcbt.conjoint_sessions',
      'tfcbt.psychoeducation',
    ],
    disfavours: [],
    rationale:
      'Family and couple interventions work with the system; TF-CBT includes parenting psychoeducation and conjoint child–parent sessions.',
    sources: [MSRC.swift2018, SRC.minuchin, SRC.eftCouples, SRC.tfcbt],
  },
  {
    id: 'minimal_homework',
    label: 'Minimal homework',
    description: 'Has little time or appetite for between-session assignments.',
    favours: ['humanistic.person_centered', 'psychodynamic.insight'],
    disfavours: [
      'homework.assigned',
      'cbt.cognitive_restructuring',
      'cbt.behavioral_activation',
      'cbt.behavioral_experiment',
      'mbct.mindfulness',
      'exposure.in_vivo',
      'tfcbt.in_vivo_mastery',
    ],
    rationale:
      'Thought records, activity monitoring and scheduling, behavioural experiments, daily MBCT home practice and between-session exposure rely on homework; consider in-session practice and smaller tasks if these are still chosen.',
    sources: [MSRC.swift2018, SRC.kazantzis, SRC.beck, SRC.martell, SRC.mbct, SRC.abramowitz],
  },
  {
    id: 'short_term',
    label: 'Short-term',
    description: 'Wants a brief, time-limited course of therapy.',
    favours: [
      'ipt.role_dispute',
      'ipt.role_transition',
      'ipt.grief',
      'ipt.interpersonal_deficits',
      'cbt.behavioral_activation',
      'cbt.problem_solving',
      'trauma.cognitive_processing',
      'psychoed.symptoms',
    ],
    disfavours: ['psychodynamic.attachment'],
    rationale:
      'IPT is typically 12–16 sessions (seed guide); CPT is a 12-session protocol; behavioural activation and problem-solving therapy are brief manualised treatments.',
    sources: [MSRC.swift2018, SRC.seed, SRC.ipt, SRC.cpt, SRC.martell, SRC.nezu],
  },
  {
    id: 'structured',
    label: 'Structured',
    description: 'Prefers a clear agenda, steps and a manualised protocol.',
    favours: [
      'cbt.cognitive_restructuring',
      'cbt.problem_solving',
      'cbt.behavioral_activation',
      'tfcbt.psychoeducation',
      'tfcbt.cognitive_coping',
      'trauma.cognitive_processing',
      'exposure.in_vivo',
      'dbt.distress_tolerance',
      'dbt.emotion_regulation',
    ],
    disfavours: ['humanistic.person_centered', 'psychodynamic.insight'],
    rationale:
      'CBT, TF-CBT, CPT, graded exposure and DBT skills follow structured, session-by-session protocols; person-centred and psychodynamic work is non-directive or exploratory.',
    sources: [MSRC.swift2018, SRC.beck, SRC.tfcbt, SRC.cpt, SRC.dbt, SRC.rogers],
  },
  {
    id: 'talk_less',
    label: 'Less talking',
    description: 'Finds talk-based therapy hard or unappealing; prefers doing to talking.',
    favours: [
      'expressive.art',
      'expressive.music',
      'expressive.movement',
      'skills.breathing',
      'skills.relaxation',
      'tech.biofeedback',
    ],
    disfavours: ['psychodynamic.insight', 'ipt.communication_analysis'],
    rationale:
      'The seed guide names expressive arts for low-verbal clients; breathing, relaxation and biofeedback are practised rather than discussed; insight-oriented and communication-analysis work is talk-based.',
    sources: [MSRC.swift2018, SRC.seed, SRC.art, SRC.biofeedback, SRC.relaxation],
  },
];
