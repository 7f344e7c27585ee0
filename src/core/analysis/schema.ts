import { z } from 'zod';
import { RoleSchema, SecondsSchema } from '../transcript/schema.js';

/**
 * The analysis JSON: a public contract (camelCase, `schemaVersion: 1`).
 * Additive changes only; never rename or remove a field. Times are seconds from the start.
 */

export const EvidenceSchema = z.object({
  utteranceIds: z.array(z.string()).min(1),
  /** Verbatim words from the transcript (possibly shortened with "…"). */
  quote: z.string(),
  start: SecondsSchema,
});
export type Evidence = z.infer<typeof EvidenceSchema>;

export const MiLabelSchema = z.enum(['question', 'reflection', 'therapist_input', 'other']);
export type MiLabel = z.infer<typeof MiLabelSchema>;
export const TalkLabelSchema = z.enum(['change', 'sustain', 'neutral']);
export type TalkLabel = z.infer<typeof TalkLabelSchema>;

export const UtteranceSchema = z.object({
  id: z.string(),
  speaker: z.string(),
  role: RoleSchema,
  start: SecondsSchema,
  end: SecondsSchema,
  text: z.string(),
  /** Clinician utterances: MI behaviour code. */
  mi: MiLabelSchema.optional(),
  /** Client utterances: change / sustain / neutral talk. */
  talk: TalkLabelSchema.optional(),
});
export type Utterance = z.infer<typeof UtteranceSchema>;

export const CptCodeSchema = z.enum(['90832', '90834', '90837']);
export type CptCode = z.infer<typeof CptCodeSchema>;

export const SessionSchema = z.object({
  start: SecondsSchema,
  end: SecondsSchema,
  durationMinutes: z.number().nonnegative().nullable(),
  /** Psychotherapy CPT code the duration supports; null when untimed or under 16 minutes. */
  cpt: CptCodeSchema.nullable(),
});
export type Session = z.infer<typeof SessionSchema>;

export const ResponseMarkerKindSchema = z.enum([
  'engagement',
  'insight',
  'change_talk',
  'resistance',
  'sustain_talk',
]);
export type ResponseMarkerKind = z.infer<typeof ResponseMarkerKindSchema>;

export const ClientResponseSchema = z.object({
  /** Overall direction of the client's response to this intervention, from the markers. */
  summary: z.enum(['engaged', 'mixed', 'resistant', 'not_observed']),
  markers: z.array(
    z.object({
      kind: ResponseMarkerKindSchema,
      evidence: EvidenceSchema,
    }),
  ),
});
export type ClientResponse = z.infer<typeof ClientResponseSchema>;

export const DeliveredInterventionSchema = z.object({
  /** Taxonomy id, e.g. `cbt.cognitive_restructuring`. */
  id: z.string(),
  /** 0–1. */
  confidence: z.number().min(0).max(1),
  evidence: z.array(EvidenceSchema).min(1),
  /** Component / fidelity-step ids from the knowledge base that were observed. */
  components: z.array(z.string()),
  response: ClientResponseSchema,
});
export type DeliveredIntervention = z.infer<typeof DeliveredInterventionSchema>;

export const NotDeliveredReasonSchema = z.enum([
  'negated',
  'planned',
  'declined',
  'past',
  'hypothetical',
]);
export type NotDeliveredReason = z.infer<typeof NotDeliveredReasonSchema>;

export const MentionedNotDeliveredSchema = z.object({
  id: z.string(),
  reason: NotDeliveredReasonSchema,
  evidence: z.array(EvidenceSchema).min(1),
});
export type MentionedNotDelivered = z.infer<typeof MentionedNotDeliveredSchema>;

export const IndicatorKindSchema = z.enum([
  'suds',
  'rating',
  'duration',
  'frequency',
  'measure',
  'homework_completion',
]);
export type IndicatorKind = z.infer<typeof IndicatorKindSchema>;

export const IndicatorSchema = z.object({
  kind: IndicatorKindSchema,
  /** Paired ratings: first and last value in this session. */
  from: z.number().optional(),
  to: z.number().optional(),
  /** Highest value between from and to (SUDS). */
  peak: z.number().optional(),
  /** A single value (a rating or an instrument score). */
  value: z.number().optional(),
  /** What is rated: anxiety, mood, urge, belief, confidence, importance, … */
  scale: z.string().optional(),
  scaleMax: z.number().optional(),
  /** Instrument for `measure`: PHQ-9, GAD-7, PCL-5, … */
  instrument: z.string().optional(),
  /** Earlier administration or rating mentioned in the session. */
  previous: z.number().optional(),
  /** `duration`: minutes tolerated / practised. */
  minutes: z.number().optional(),
  /** `frequency`: how many times, per what period, out of what target. */
  count: z.number().optional(),
  period: z.string().optional(),
  target: z.number().optional(),
  /** What the duration / frequency is about, in a few words. */
  what: z.string().optional(),
  /** `homework_completion`. */
  status: z.enum(['completed', 'partial', 'not_completed']).optional(),
  /** `homework_completion`: what was done, in the session's own words (short). */
  detail: z.string().optional(),
  /** `measure` / `frequency`: first administration or starting level mentioned in the session. */
  baseline: z.number().optional(),
  /** `measure` (PHQ-9): the item-9 answer (0–3) when said. */
  item9: z.number().optional(),
  /** Short words on when / about what the rating was given (e.g. "right now"). */
  context: z.string().optional(),
  evidence: z.array(EvidenceSchema).min(1),
});
export type Indicator = z.infer<typeof IndicatorSchema>;

export const RiskKindSchema = z.enum([
  'suicidal_ideation',
  'suicide_plan',
  'suicide_attempt_history',
  'self_harm',
  'homicidal_ideation',
  'abuse_or_neglect',
  'substance_use',
  'psychosis',
]);
export type RiskKind = z.infer<typeof RiskKindSchema>;
export const RISK_KINDS: readonly RiskKind[] = RiskKindSchema.options;

export const RiskStatusSchema = z.enum(['endorsed', 'denied', 'not_assessed', 'unclear']);
export type RiskStatus = z.infer<typeof RiskStatusSchema>;

export const RiskFindingSchema = z.object({
  kind: RiskKindSchema,
  status: RiskStatusSchema,
  /** Empty only for `not_assessed`. For `denied`, includes the question and the answer. */
  evidence: z.array(EvidenceSchema),
});
export type RiskFinding = z.infer<typeof RiskFindingSchema>;

export const HomeworkSchema = z.object({
  reviewed: z.boolean(),
  reviewedEvidence: z.array(EvidenceSchema),
  assigned: z.array(z.object({ text: z.string(), evidence: z.array(EvidenceSchema).min(1) })),
});
export type Homework = z.infer<typeof HomeworkSchema>;

export const ConsentSchema = z.object({
  interventionId: z.string(),
  /** agreed / declined when the client's answer is clear, otherwise discussed. */
  outcome: z.enum(['agreed', 'declined', 'discussed']),
  evidence: z.array(EvidenceSchema).min(1),
});
export type Consent = z.infer<typeof ConsentSchema>;

export const GoalLinkSchema = z.object({
  /** The plan goal's id; without a plan, goals stated in the session get ids `stated-1`, `stated-2`, … */
  goalId: z.string(),
  /** The goal's text: from the plan, or as stated in the session. */
  text: z.string().optional(),
  evidence: z.array(EvidenceSchema).min(1),
});
export type GoalLink = z.infer<typeof GoalLinkSchema>;

export const AnalysisSchema = z.object({
  schemaVersion: z.literal(1),
  session: SessionSchema,
  speakers: z.array(z.object({ label: z.string(), role: RoleSchema })),
  utterances: z.array(UtteranceSchema),
  interventions: z.array(DeliveredInterventionSchema),
  mentionedNotDelivered: z.array(MentionedNotDeliveredSchema),
  indicators: z.array(IndicatorSchema),
  /** One entry for every risk kind in the taxonomy. */
  risk: z.array(RiskFindingSchema),
  homework: HomeworkSchema,
  consent: z.array(ConsentSchema),
  goals: z.array(GoalLinkSchema),
});
export type Analysis = z.infer<typeof AnalysisSchema>;
