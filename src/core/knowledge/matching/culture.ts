import type { CultureEntry } from './schema.js';
import { MSRC } from './sources.js';
import { SRC } from '../data/sources.js';

/**
 * Cultural considerations. Each is something the clinician has learnt from and with the client
 * (the client's own self-definition, APA Multicultural Guidelines 2017), never inferred from a
 * group. They add "consider" adaptations to the plan, notes on particular interventions and a
 * mild (+1) re-ranking. Culturally adapted interventions outperformed unadapted versions of the
 * same interventions in meta-analysis (Hall et al. 2016, g = 0.52; Griner & Smith 2006).
 */
export const CULTURE: CultureEntry[] = [
  {
    id: 'collectivist_family_centred',
    label: 'Family- or community-centred decisions',
    description:
      'The client describes decisions, roles and wellbeing as shared with family or community.',
    adaptations: [
      'Consider asking whom the client wants involved in care and decisions, and how.',
      'Consider family-inclusive psychoeducation or family sessions if the client wants them.',
      'Consider framing goals in the relational terms the client uses.',
    ],
    favours: ['systemic.family', 'tfcbt.conjoint_sessions'],
    notes: [
      {
        interventionId: 'dbt.interpersonal_effectiveness',
        text: 'Consider adapting assertiveness scripts (DEAR MAN) to the client’s own norms about family roles and respect; ask rather than assume.',
      },
    ],
    sources: [MSRC.apaMulticultural, MSRC.hall2016, MSRC.grinerSmith],
  },
  {
    id: 'faith_spirituality',
    label: 'Faith or spirituality',
    description: 'Religious or spiritual beliefs and practices matter to the client.',
    adaptations: [
      'Consider asking whether and how the client wants religious or spiritual beliefs included in therapy.',
      'Religiously or spiritually accommodated therapies reduced distress as much as standard ones and improved spiritual wellbeing more (Captari et al. 2018); consider them when the client wants it.',
    ],
    favours: ['act.values'],
    notes: [
      {
        interventionId: 'mbct.mindfulness',
        text: 'Consider asking how the client relates mindfulness to their own beliefs and contemplative or prayer practices.',
      },
      {
        interventionId: 'act.values',
        text: 'Consider including spiritual values in values clarification if the client wishes.',
      },
    ],
    sources: [MSRC.captari2018, MSRC.apaMulticultural],
  },
  {
    id: 'interpreter_or_second_language',
    label: 'Interpreter or second language',
    description: 'Therapy is in the client’s second language, or through an interpreter.',
    adaptations: [
      'Consider a trained professional interpreter rather than a family member, with a briefing before and a debrief after the session.',
      'Consider extra session time, and checking understanding of terms and written materials.',
    ],
    favours: ['expressive.art'],
    notes: [
      {
        interventionId: 'cbt.cognitive_restructuring',
        text: 'Thought records depend on written language; consider translated or visual versions and checking understanding.',
      },
      {
        interventionId: 'psychoed.symptoms',
        text: 'Consider materials in the client’s first language and checking how symptoms are described in it.',
      },
    ],
    sources: [MSRC.bpsInterpreters, MSRC.apaMulticultural, SRC.seed],
  },
  {
    id: 'stigma_concern',
    label: 'Stigma concern',
    description: 'The client (or their community) worries about the stigma of mental health care.',
    adaptations: [
      'Consider psychoeducation that normalises the difficulty and explains how treatment works.',
      'Consider discussing confidentiality early, and using the client’s own words for their difficulties.',
    ],
    favours: ['psychoed.symptoms', 'psychoed.treatment_rationale'],
    notes: [],
    sources: [MSRC.corrigan2004, SRC.psychoed, MSRC.apaMulticultural],
  },
  {
    id: 'indigenous_or_community_healing',
    label: 'Indigenous or community healing',
    description:
      'The client draws on Indigenous, traditional or community healing practices, or historical and collective trauma is part of their account.',
    adaptations: [
      'Consider asking about the client’s own healing practices and community supports, and whether they want them included or coordinated with.',
      'Consider historical and collective context in the case formulation, as the client describes it.',
    ],
    favours: [],
    notes: [],
    sources: [MSRC.gone2013, MSRC.apaMulticultural, MSRC.hall2016],
  },
  {
    id: 'lgbtq_affirming',
    label: 'LGBTQ+ affirming care',
    description: 'The client is lesbian, gay, bisexual, transgender, queer or questioning.',
    adaptations: [
      'Consider affirming practice: the client’s name and pronouns, and minority stress and discrimination in the formulation.',
      'Consider whether family involvement is safe and wanted before planning it.',
    ],
    favours: [],
    notes: [
      {
        interventionId: 'systemic.family',
        text: 'Consider whether involving family is safe and wanted by the client.',
      },
    ],
    sources: [MSRC.apaSexualMinority, MSRC.apaTgnc],
  },
];
