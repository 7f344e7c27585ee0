import type { Topic } from './facts.js';
import type { NoteFormat } from './schema.js';

/**
 * How each format arranges the one set of facts into its sections. Every topic appears exactly
 * once per format (tested), so no format drops or duplicates content. Risk comes first in the
 * assessment / response area, and safety first in the plan.
 */

export interface SectionLayout {
  id: string;
  heading: string;
  topics: readonly Topic[];
}

const SUBJECTIVE: readonly Topic[] = [
  'presenting_concern',
  'symptoms',
  'history',
  'client_goals',
  'homework_review',
];
const OBSERVED: readonly Topic[] = ['observed_behavior', 'appearance_affect', 'mental_status'];
const RISK: readonly Topic[] = [
  'risk_endorsed',
  'risk_unclear',
  'risk_denied',
  'risk_not_assessed',
];
/**
 * The client's response and measurable progress: `outcome_measures` holds the statements from the
 * client's record (latest outcome-measure score, band, change since baseline and its reliability,
 * kind `record`). Measurable progress belongs where each format assesses the session: SOAP and
 * DAP Assessment, BIRP / PIRP / GIRP Response (GIRP has no Progress section; its Response is where
 * progress toward the goals is stated). Transcript-named scores stay under `measures`.
 */
const RESPONSE: readonly Topic[] = ['responses', 'progress', 'outcome_measures'];
const GOALS: readonly Topic[] = ['goal_progress', 'goal_links'];
const MI: readonly Topic[] = ['change_talk', 'overall_progress', 'client_plan', 'stage_of_change'];
const PLAN: SectionLayout = {
  id: 'plan',
  heading: 'Plan',
  topics: ['safety', 'homework_assigned', 'next_steps', 'next_appointment', 'referrals'],
};

export const FORMAT_NAMES: Readonly<Record<NoteFormat, string>> = {
  soap: 'SOAP',
  dap: 'DAP',
  birp: 'BIRP',
  pirp: 'PIRP',
  girp: 'GIRP',
};

export const LAYOUTS: Readonly<Record<NoteFormat, readonly SectionLayout[]>> = {
  soap: [
    { id: 'subjective', heading: 'Subjective', topics: SUBJECTIVE },
    {
      id: 'objective',
      heading: 'Objective',
      topics: [...OBSERVED, 'measures', 'indicators', 'activities', 'interventions', 'consent'],
    },
    {
      id: 'assessment',
      heading: 'Assessment',
      topics: [...RISK, ...RESPONSE, ...GOALS, 'triggers', ...MI, 'declined', 'diagnosis'],
    },
    PLAN,
  ],
  dap: [
    {
      id: 'data',
      heading: 'Data',
      topics: [
        ...SUBJECTIVE,
        ...OBSERVED,
        'measures',
        'indicators',
        'activities',
        'interventions',
        'consent',
      ],
    },
    {
      id: 'assessment',
      heading: 'Assessment',
      topics: [...RISK, ...RESPONSE, ...GOALS, 'triggers', ...MI, 'declined', 'diagnosis'],
    },
    PLAN,
  ],
  birp: [
    {
      id: 'behavior',
      heading: 'Behavior',
      topics: [...SUBJECTIVE, ...OBSERVED, 'measures', 'triggers', 'diagnosis'],
    },
    {
      id: 'intervention',
      heading: 'Intervention',
      topics: ['activities', 'interventions', 'consent'],
    },
    {
      id: 'response',
      heading: 'Response',
      topics: [...RISK, ...RESPONSE, 'indicators', ...GOALS, ...MI, 'declined'],
    },
    PLAN,
  ],
  pirp: [
    {
      id: 'problem',
      heading: 'Problem',
      topics: [
        'presenting_concern',
        'symptoms',
        'history',
        'triggers',
        'diagnosis',
        'client_goals',
        'homework_review',
        ...OBSERVED,
        'measures',
      ],
    },
    {
      id: 'intervention',
      heading: 'Intervention',
      topics: ['activities', 'interventions', 'consent'],
    },
    {
      id: 'response',
      heading: 'Response',
      topics: [...RISK, ...RESPONSE, 'indicators', ...GOALS, ...MI, 'declined'],
    },
    PLAN,
  ],
  girp: [
    {
      id: 'goals',
      heading: 'Goals',
      topics: [...GOALS, 'client_goals', 'presenting_concern', 'symptoms', 'history'],
    },
    {
      id: 'intervention',
      heading: 'Intervention',
      topics: ['activities', 'interventions', 'consent', 'homework_review'],
    },
    {
      id: 'response',
      heading: 'Response',
      topics: [
        ...RISK,
        ...OBSERVED,
        'measures',
        ...RESPONSE,
        'indicators',
        'triggers',
        ...MI,
        'declined',
        'diagnosis',
      ],
    },
    PLAN,
  ],
};
