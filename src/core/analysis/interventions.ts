import type { AnalysisContext } from './context.js';
import type { Consent, DeliveredIntervention, MentionedNotDelivered } from './schema.js';

export type DetectedIntervention = Omit<DeliveredIntervention, 'response'>;

export interface InterventionDetection {
  delivered: DetectedIntervention[];
  notDelivered: MentionedNotDelivered[];
  consent: Consent[];
}

/**
 * STUB (owned by the knowledge-base work): interventions delivered in this session, those
 * mentioned but not delivered, and informed-consent discussions. `homework.*` ids are not
 * returned here: the orchestrator adds them from the homework extractor.
 */
export function detectInterventions(_ctx: AnalysisContext): InterventionDetection {
  return { delivered: [], notDelivered: [], consent: [] };
}
