import { z } from 'zod';
import { INTERVENTIONS } from './interventions.js';
import { SRC } from './data/sources.js';
import { ConcernSchema, type Concern, type Intervention } from './schema.js';

/**
 * Presenting concern → recommended interventions, most specific first. From the seed guide's
 * "Matching interventions to client needs" table, its "Frequently used interventions by
 * condition" lists and its toolkit use cases, cross-checked against the treatment manuals.
 */
const DATA: Concern[] = [
  {
    id: 'anxiety',
    name: 'Anxiety, phobias',
    interventions: [
      'exposure.in_vivo',
      'exposure.imaginal',
      'cbt.cognitive_restructuring',
      'cbt.behavioral_experiment',
      'psychoed.symptoms',
      'psychoed.treatment_rationale',
      'skills.breathing',
      'act.defusion',
      'mbct.mindfulness',
      'dbt.radical_acceptance',
      'tech.vr_exposure',
    ],
    sources: [SRC.seed, SRC.abramowitz, SRC.craske],
  },
  {
    id: 'panic',
    name: 'Panic disorder',
    interventions: [
      'exposure.interoceptive',
      'exposure.in_vivo',
      'psychoed.symptoms',
      'cbt.cognitive_restructuring',
      'skills.breathing',
    ],
    sources: [SRC.seed, SRC.craske],
  },
  {
    id: 'ocd',
    name: 'Obsessive-compulsive disorder',
    interventions: [
      'exposure.in_vivo',
      'exposure.imaginal',
      'cbt.cognitive_restructuring',
      'act.defusion',
      'act.acceptance',
    ],
    sources: [SRC.seed, SRC.abramowitz, SRC.act],
  },
  {
    id: 'depression',
    name: 'Depression',
    interventions: [
      'cbt.behavioral_activation',
      'cbt.cognitive_restructuring',
      'ipt.role_dispute',
      'ipt.role_transition',
      'ipt.grief',
      'ipt.interpersonal_deficits',
      'mbct.mindfulness',
      'cbt.problem_solving',
    ],
    sources: [SRC.seed, SRC.martell, SRC.ipt, SRC.mbct],
  },
  {
    id: 'trauma_ptsd',
    name: 'Trauma / PTSD',
    interventions: [
      'tfcbt.psychoeducation',
      'tfcbt.relaxation',
      'tfcbt.affect_modulation',
      'tfcbt.cognitive_coping',
      'tfcbt.trauma_narrative',
      'tfcbt.in_vivo_mastery',
      'tfcbt.conjoint_sessions',
      'tfcbt.enhancing_safety',
      'exposure.imaginal',
      'exposure.in_vivo',
      'trauma.narrative_processing',
      'trauma.cognitive_processing',
      'trauma.emdr',
      'dbt.distress_tolerance',
      'expressive.art',
      'skills.grounding',
    ],
    sources: [SRC.seed, SRC.tfcbt, SRC.pe, SRC.cpt, SRC.emdr],
  },
  {
    id: 'emotion_dysregulation',
    name: 'Emotion dysregulation',
    interventions: [
      'dbt.mindfulness',
      'dbt.distress_tolerance',
      'dbt.emotion_regulation',
      'dbt.interpersonal_effectiveness',
      'dbt.radical_acceptance',
    ],
    sources: [SRC.seed, SRC.dbt],
  },
  {
    id: 'self_harm',
    name: 'Self-harm',
    interventions: [
      'safety.risk_assessment',
      'safety.safety_planning',
      'dbt.distress_tolerance',
      'dbt.emotion_regulation',
      'dbt.mindfulness',
    ],
    sources: [SRC.seed, SRC.dbt, SRC.stanley],
  },
  {
    id: 'crisis',
    name: 'Crisis',
    interventions: [
      'safety.risk_assessment',
      'safety.safety_planning',
      'dbt.distress_tolerance',
      'skills.grounding',
      'skills.coping',
      'expressive.art',
    ],
    sources: [SRC.seed, SRC.stanley, SRC.dbt],
  },
  {
    id: 'relationship_issues',
    name: 'Relationship issues',
    interventions: [
      'ipt.role_dispute',
      'ipt.communication_analysis',
      'systemic.couples',
      'systemic.family',
      'dbt.interpersonal_effectiveness',
      'psychodynamic.attachment',
    ],
    sources: [SRC.seed, SRC.ipt, SRC.eftCouples, SRC.minuchin],
  },
  {
    id: 'articulation_of_emotion',
    name: 'Articulation of emotion',
    interventions: [
      'expressive.art',
      'expressive.music',
      'expressive.drama',
      'expressive.movement',
    ],
    sources: [SRC.seed, SRC.art, SRC.music, SRC.drama],
  },
  {
    id: 'low_verbal',
    name: 'Low-verbal clients',
    interventions: ['expressive.art', 'expressive.music', 'expressive.movement'],
    sources: [SRC.seed, SRC.art],
  },
  {
    id: 'obsessive_fearful_thinking',
    name: 'Obsessive or fearful thinking',
    interventions: ['act.defusion', 'act.acceptance', 'act.values', 'exposure.in_vivo'],
    sources: [SRC.seed, SRC.act],
  },
  {
    id: 'grief',
    name: 'Grief and bereavement',
    interventions: ['ipt.grief', 'expressive.drama', 'humanistic.person_centered'],
    sources: [SRC.ipt, SRC.seed],
  },
  {
    id: 'substance_use',
    name: 'Substance use and ambivalence about change',
    interventions: [
      'mi.change_talk',
      'mi.open_question',
      'mi.reflection',
      'mi.affirmation',
      'mi.summary',
    ],
    sources: [SRC.mi],
  },
  {
    id: 'motivation',
    name: 'Low motivation / early sessions',
    interventions: ['psychoed.symptoms', 'psychoed.treatment_rationale', 'mi.change_talk'],
    sources: [SRC.seed, SRC.mi],
  },
];

export const CONCERNS: readonly Concern[] = z.array(ConcernSchema).parse(DATA);
const BY_ID = new Map(CONCERNS.map((c) => [c.id, c]));

export function getConcern(id: string): Concern | undefined {
  return BY_ID.get(id);
}

/** Recommended interventions for a concern, in the concern's order; [] for an unknown concern. */
export function interventionsForConcern(concernId: string): Intervention[] {
  const concern = BY_ID.get(concernId);
  if (!concern) return [];
  const byId = new Map(INTERVENTIONS.map((i) => [i.id, i]));
  return concern.interventions.flatMap((id) => {
    const found = byId.get(id);
    return found ? [found] : [];
  });
}
