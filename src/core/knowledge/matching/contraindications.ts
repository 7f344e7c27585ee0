import { SRC } from '../data/sources.js';
import type { ContraindicationEntry } from './schema.js';
import { MSRC } from './sources.js';

/**
 * Contraindication and caution flags: what the clinician knows about the client now. Each flag
 * excludes interventions (not recommended while it holds), cautions others (kept, with the
 * rationale attached and the score lowered) and puts safety or stabilisation first. The overall
 * principle is phase-based care: safety and stabilisation before trauma processing (ISTSS
 * complex PTSD guidelines, Cloitre et al. 2011, 2012). These are decision aids, not rules:
 * the clinician decides.
 */

const TRAUMA_PROCESSING = [
  'exposure.imaginal',
  'tfcbt.trauma_narrative',
  'trauma.narrative_processing',
  'trauma.emdr',
];

export const CONTRAINDICATIONS: ContraindicationEntry[] = [
  {
    id: 'active_suicidal_ideation',
    label: 'Active suicidal ideation',
    description: 'Current suicidal thoughts (assessed in session or by PHQ-9 item 9).',
    exclude: ['exposure.flooding'],
    caution: [...TRAUMA_PROCESSING, 'trauma.cognitive_processing'],
    prioritise: ['safety.risk_assessment', 'safety.safety_planning', 'dbt.distress_tolerance'],
    rationale:
      'Assess risk and make a collaborative safety plan first. In protocols for suicidal and self-injuring clients, trauma processing starts once readiness criteria are met (no imminent risk, self-harm under control), and then it did not worsen self-harm (Harned et al. 2010, 2014). Non-graded flooding, the most distress-raising form of exposure, is not recommended while ideation is active.',
    sources: [SRC.stanley, SRC.cssrs, MSRC.harned2010, MSRC.harned2014, SRC.abramowitz],
  },
  {
    id: 'psychosis_active',
    label: 'Active psychosis',
    description: 'Current, not yet stabilised psychotic symptoms.',
    exclude: ['exposure.flooding'],
    caution: [...TRAUMA_PROCESSING, 'exposure.interoceptive', 'psychodynamic.insight'],
    prioritise: ['safety.risk_assessment', 'psychoed.symptoms'],
    rationale:
      'Stabilise and coordinate with psychiatric care first. Once stable, a psychotic disorder alone need not bar trauma treatment: prolonged exposure and EMDR were safe and effective for PTSD in clients with psychotic disorders (van den Berg et al. 2015).',
    sources: [MSRC.vandenBerg2015, SRC.pe],
  },
  {
    id: 'substance_intoxication_or_severe_use',
    label: 'Intoxication or severe substance use',
    description: 'Intoxicated in session, or severe current substance use.',
    exclude: [],
    caution: [
      ...TRAUMA_PROCESSING,
      'exposure.in_vivo',
      'exposure.interoceptive',
      'exposure.flooding',
    ],
    prioritise: ['mi.change_talk', 'skills.coping'],
    rationale:
      'Do not run exposure or trauma processing while the client is intoxicated. For PTSD with substance use, integrated treatments address both together: present-focused coping (Seeking Safety) or prolonged exposure with relapse prevention (COPE); motivational interviewing addresses ambivalence about use.',
    sources: [SRC.najavits, MSRC.cope, SRC.mi],
  },
  {
    id: 'severe_dissociation',
    label: 'Severe dissociation',
    description: 'Frequent or severe dissociative episodes (including in session).',
    exclude: ['exposure.flooding'],
    caution: [...TRAUMA_PROCESSING],
    prioritise: ['skills.grounding', 'dbt.distress_tolerance', 'psychoed.symptoms'],
    rationale:
      'Phase-based care: build grounding and affect-regulation skills before trauma processing, and monitor dissociation during it (ISTSS complex PTSD guidelines).',
    sources: [MSRC.istssComplex2012, MSRC.cloitre2011, SRC.shapiroGrounding],
  },
  {
    id: 'unsafe_environment_ongoing_abuse',
    label: 'Unsafe environment / ongoing abuse',
    description: 'The client is still exposed to violence, abuse or threat.',
    exclude: ['exposure.flooding'],
    caution: [...TRAUMA_PROCESSING, 'exposure.in_vivo'],
    prioritise: ['safety.safety_planning', 'tfcbt.enhancing_safety', 'safety.risk_assessment'],
    rationale:
      'Safety first. Exposure targets reminders that are safe now, never actual danger; with ongoing trauma, TF-CBT puts safety planning first and helps tell real danger from trauma reminders (Cohen, Mannarino & Murray 2011).',
    sources: [MSRC.cohenOngoing2011, MSRC.istssComplex2012, SRC.abramowitz],
  },
  {
    id: 'cardiac_or_respiratory_condition',
    label: 'Cardiac or respiratory condition',
    description:
      'A heart, lung (e.g. asthma) or other condition that strong bodily arousal may affect.',
    exclude: [],
    caution: ['exposure.interoceptive'],
    prioritise: [],
    rationale:
      'Interoceptive exercises (over-breathing, spinning, running in place, breath holding) deliberately provoke strong bodily sensations: get medical clearance from the client’s physician first, and adapt or leave out exercises the condition makes unsafe.',
    sources: [SRC.craske, SRC.abramowitz],
  },
  {
    id: 'pregnancy',
    label: 'Pregnancy',
    description: 'The client is pregnant.',
    exclude: [],
    caution: ['exposure.interoceptive'],
    prioritise: [],
    rationale:
      'Interoceptive exercises provoke strong bodily sensations: check with the client’s obstetric provider first, and adapt or leave out exercises that are not advisable.',
    sources: [SRC.craske, SRC.abramowitz],
  },
  {
    id: 'cognitive_impairment',
    label: 'Cognitive impairment',
    description: 'Memory, attention or executive-function difficulties that affect therapy tasks.',
    exclude: [],
    caution: [
      'cbt.cognitive_restructuring',
      'act.defusion',
      'psychodynamic.insight',
      'trauma.cognitive_processing',
    ],
    prioritise: ['cbt.problem_solving'],
    rationale:
      'Abstract cognitive work may need simplifying: written aids, repetition, shorter steps, a carer’s support if the client wants it. Problem-solving therapy modified for executive dysfunction did better than supportive therapy for older adults with depression (Alexopoulos et al. 2011).',
    sources: [MSRC.alexopoulos2011, SRC.nezu],
  },
  {
    id: 'acute_crisis',
    label: 'Acute crisis',
    description: 'The client is in an acute crisis now.',
    exclude: ['exposure.flooding'],
    caution: [...TRAUMA_PROCESSING, 'psychodynamic.insight'],
    prioritise: [
      'safety.risk_assessment',
      'safety.safety_planning',
      'dbt.distress_tolerance',
      'skills.grounding',
    ],
    rationale:
      'Stabilise first: assess risk, plan for safety and build crisis-survival skills; trauma processing and in-depth exploration wait until the crisis has settled (phase-based care).',
    sources: [SRC.stanley, SRC.jobes, SRC.dbt, MSRC.cloitre2011],
  },
];
