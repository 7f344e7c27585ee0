import type { AnalysisContext } from './context.js';
import type { Consent, DeliveredIntervention, MentionedNotDelivered } from './schema.js';
import { detect } from './interventions/detect.js';

export type DetectedIntervention = Omit<DeliveredIntervention, 'response'>;

export interface InterventionDetection {
  delivered: DetectedIntervention[];
  notDelivered: MentionedNotDelivered[];
  consent: Consent[];
}

/**
 * Interventions delivered in this session (evidence, confidence, observed components), those
 * mentioned but not delivered (negated, planned, declined, past, hypothetical), and
 * informed-consent discussions. Cue phrases come from the knowledge base; session rules live in
 * ./interventions/rules.ts. `homework.*` ids are not returned here: the orchestrator adds them
 * from the homework extractor.
 */
export function detectInterventions(ctx: AnalysisContext): InterventionDetection {
  return detect(ctx);
}
