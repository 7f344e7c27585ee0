/**
 * The records of measurement-based care (issue 5), one source of truth for store, services, API
 * and web: the full treatment plan, outcome-measure administrations, one-time client links,
 * recurring measure schedules, clinical alerts, informed-consent records, safety assessments and
 * the collaborative safety plan. Re-exported by `schemas.ts`.
 *
 * Clinical rule for every field here: what was not assessed stays `not_assessed` / empty; nothing
 * defaults to "absent", "denied" or "normal".
 */
import { z } from 'zod';
import { InstrumentIdSchema, ScoreResultSchema } from '../../core/measures/schema.js';
import { InstrumentOutcomeSchema } from '../../core/measures/outcome-schema.js';
import { ConsentKindSchema as CoreConsentKindSchema } from '../../core/review/rules/types.js';
import { DateSchema, IdSchema, IsoTimeSchema } from './primitives.js';

const text = (max: number) => z.string().trim().max(max);
const requiredText = (max: number) => z.string().trim().min(1).max(max);
/** Ids the clinician gives plan parts (goals, problems, objectives): short, stable in the plan. */
const PlanPartIdSchema = z.string().trim().min(1).max(64);

// ── Treatment plan ───────────────────────────────────────────────────────────

export const PlanProblemSchema = z.strictObject({
  id: PlanPartIdSchema,
  text: requiredText(1000),
  /** ICD-10-CM codes of the client's diagnoses (profile.diagnoses) this problem relates to. */
  diagnosisCodes: z.array(requiredText(20)).max(10).default([]),
});
export type PlanProblem = z.infer<typeof PlanProblemSchema>;

export const ObjectiveStatusSchema = z.enum(['open', 'met', 'revised', 'discontinued']);
export type ObjectiveStatus = z.infer<typeof ObjectiveStatusSchema>;

/**
 * A measurable objective: observable, with a target and a date ("PHQ-9 below 10 by 2027-03-01",
 * "attends 4 of 5 exposure practices weekly"). When `instrument` and `targetScore` are set, the
 * app checks it against the latest score (at or below the target for symptom measures).
 */
export const PlanObjectiveSchema = z.strictObject({
  id: PlanPartIdSchema,
  text: requiredText(1000),
  instrument: InstrumentIdSchema.nullable().default(null),
  targetScore: z.number().int().min(0).max(200).nullable().default(null),
  targetDate: DateSchema.nullable().default(null),
  status: ObjectiveStatusSchema.default('open'),
});
export type PlanObjective = z.infer<typeof PlanObjectiveSchema>;

export const PlanGoalRecordSchema = z.strictObject({
  id: PlanPartIdSchema,
  text: requiredText(1000),
  /** Extra words that signal this goal in a session (the analysis uses them). */
  keywords: z.array(requiredText(100)).max(30).optional(),
  problemId: PlanPartIdSchema.nullable().default(null),
  objectives: z.array(PlanObjectiveSchema).max(20).default([]),
});
export type PlanGoalRecord = z.infer<typeof PlanGoalRecordSchema>;

/** A planned intervention with why it was chosen and what it should achieve. */
export const PlannedInterventionSchema = z.strictObject({
  /** Taxonomy id, e.g. `exposure.in_vivo` (validated against the catalogue by the service). */
  interventionId: requiredText(100),
  rationale: text(2000).default(''),
  expectedOutcomes: text(2000).default(''),
  /** Plan goals it serves. */
  goalIds: z.array(PlanPartIdSchema).max(20).default([]),
  /** e.g. "weekly in session, daily practice". */
  frequency: text(200).default(''),
});
export type PlannedIntervention = z.infer<typeof PlannedInterventionSchema>;

/** Plans saved before issue 5 held bare intervention ids; they are read as planned interventions. */
const PlannedInterventionInputSchema = z.preprocess(
  (v) => (typeof v === 'string' ? { interventionId: v } : v),
  PlannedInterventionSchema,
);

export const PlanSignatureSchema = z.object({
  signedBy: IdSchema,
  /** The signer's name as shown when they signed. */
  signerName: z.string(),
  signedAt: IsoTimeSchema,
});
export type PlanSignature = z.infer<typeof PlanSignatureSchema>;

/**
 * A treatment plan: what payers check (problems, measurable goals and objectives, interventions
 * with modality rationale, frequency, duration, review date, diagnoses — the client's profile
 * diagnoses, linked from problems — and the clinician's signature). The analysis links session
 * progress to its goals. `signature` is set only by signing (never from a request body); any
 * change after signing clears it (the signed versions are kept, see `PlanVersionSchema`).
 */
export const ClientPlanSchema = z.strictObject({
  problems: z.array(PlanProblemSchema).max(30).default([]),
  goals: z.array(PlanGoalRecordSchema).max(50).default([]),
  plannedInterventions: z.array(PlannedInterventionInputSchema).max(50).default([]),
  /** Case conceptualization: why this blend of interventions for this client. */
  conceptualization: text(5000).default(''),
  /** e.g. "weekly 53-minute individual sessions". */
  frequency: text(200).default(''),
  /** e.g. "16 sessions over 4 months". */
  duration: text(200).default(''),
  startDate: DateSchema.nullable().default(null),
  /** When the plan is due for review (review reminders from this date). */
  reviewDate: DateSchema.nullable().default(null),
  signature: PlanSignatureSchema.nullable().default(null),
  updatedAt: IsoTimeSchema.optional(),
});
export type ClientPlan = z.infer<typeof ClientPlanSchema>;

/** The body of `PUT /api/clients/:id/plan`: the plan without its signature. */
export const ClientPlanBodySchema = ClientPlanSchema.omit({ signature: true, updatedAt: true });
export type ClientPlanBody = z.input<typeof ClientPlanBodySchema>;

/**
 * The `updatedAt` of the plan as the clinician saw it: a write or signature is refused (409) when
 * the plan changed since, so nobody signs or overwrites a version they have not seen.
 */
const ExpectedUpdatedAtSchema = IsoTimeSchema;

/**
 * Body of `PUT /api/clients/:id/plan`: the plan, and optionally the `updatedAt` it was edited from
 * (409 when the plan changed since; leave it out only for a first save or a deliberate overwrite).
 */
export const PutPlanBodySchema = ClientPlanBodySchema.extend({
  expectedUpdatedAt: ExpectedUpdatedAtSchema.optional(),
});
export type PutPlanBody = z.input<typeof PutPlanBodySchema>;

/** Body of `POST /api/clients/:id/plan/sign`: the `updatedAt` of the plan the signer read. */
export const SignPlanBodySchema = z.strictObject({ expectedUpdatedAt: ExpectedUpdatedAtSchema });
export type SignPlanBody = z.input<typeof SignPlanBodySchema>;

/** A signed version of a plan, kept when the plan changes afterwards. */
export const PlanVersionSchema = z.object({
  version: z.number().int().positive(),
  plan: ClientPlanSchema,
  signedAt: IsoTimeSchema,
});
export type PlanVersion = z.infer<typeof PlanVersionSchema>;

// ── Outcome measures ─────────────────────────────────────────────────────────

export const MeasureSourceSchema = z.enum(['clinician', 'client_link']);

/** One instrument answered once. Answers and score are encrypted at rest. */
export const MeasureAdministrationSchema = z.object({
  id: IdSchema,
  clientId: IdSchema,
  instrument: InstrumentIdSchema,
  /** Item values in form order; null = not answered. */
  answers: z.array(z.number().int().min(0).nullable()),
  score: ScoreResultSchema,
  /** When the client answered. */
  administeredAt: IsoTimeSchema,
  source: MeasureSourceSchema,
  /** The session it belongs to (e.g. "before session"), when known. */
  sessionId: IdSchema.nullable(),
  /** The user who entered it; null when the client answered through a link. */
  enteredBy: IdSchema.nullable(),
  /** The link it came through, when it did. */
  linkId: IdSchema.nullable(),
  createdAt: IsoTimeSchema,
});
export type MeasureAdministration = z.infer<typeof MeasureAdministrationSchema>;

/** Body of `POST /api/clients/:id/measures` (the clinician enters the client's answers). */
export const NewAdministrationBodySchema = z.strictObject({
  instrument: InstrumentIdSchema,
  answers: z.array(z.number().int().min(0).nullable()).min(1).max(50),
  /** Default: now. */
  administeredAt: IsoTimeSchema.optional(),
  sessionId: IdSchema.nullable().default(null),
});
export type NewAdministrationBody = z.input<typeof NewAdministrationBodySchema>;

export const MeasureLinkStatusSchema = z.enum(['pending', 'completed', 'expired', 'revoked']);

/**
 * A one-time link the client answers instruments through without signing in. Only a hash of its
 * token is stored; the token (in the URL's fragment: `/respond#<token>`, so it never reaches
 * server logs or Referer headers) is shown once, when the link is created.
 */
export const MeasureLinkSchema = z.object({
  id: IdSchema,
  clientId: IdSchema,
  instruments: z.array(InstrumentIdSchema).min(1).max(5),
  status: MeasureLinkStatusSchema,
  createdBy: IdSchema,
  createdAt: IsoTimeSchema,
  expiresAt: IsoTimeSchema,
  completedAt: IsoTimeSchema.nullable(),
  sessionId: IdSchema.nullable(),
  /**
   * In API answers: until when the link still takes answers (and can be revoked) — its expiry
   * plus the submit grace for a pending link, null once it cannot take answers any more.
   */
  acceptsAnswersUntil: IsoTimeSchema.nullable().optional(),
});
export type MeasureLink = z.infer<typeof MeasureLinkSchema>;

export const NewMeasureLinkBodySchema = z.strictObject({
  instruments: z.array(InstrumentIdSchema).min(1).max(5),
  /** Hours until it expires: 1 to 336 (14 days); default 72. */
  expiresInHours: z.number().int().min(1).max(336).default(72),
  sessionId: IdSchema.nullable().default(null),
});

/** Answer of creating a link: the only time the URL (with its token) exists outside the client. */
export const CreatedMeasureLinkSchema = z.object({ link: MeasureLinkSchema, url: z.string() });

export const PublicResponseBodySchema = z.strictObject({
  token: z.string().min(20).max(200),
  responses: z
    .array(
      z.strictObject({
        instrument: InstrumentIdSchema,
        answers: z.array(z.number().int().min(0).nullable()).min(1).max(50),
      }),
    )
    .min(1)
    .max(5),
});

/** Crisis resources shown to a client (practice-editable in settings; not PHI). */
export const CrisisResourcesSchema = z.strictObject({
  heading: requiredText(200),
  lines: z
    .array(z.strictObject({ label: requiredText(200), contact: requiredText(200) }))
    .min(1)
    .max(10),
  note: text(1000),
});
export type CrisisResources = z.infer<typeof CrisisResourcesSchema>;

/**
 * What the client's browser gets for a valid token: the forms, nothing about the client. Each
 * item's `alertFrom` is the lowest answer that raises a risk alert (PHQ-9 item 9: 1), else null;
 * with `crisisResources` (the practice's) the page can show help even when sending fails.
 */
export const PublicQuestionnaireSchema = z.object({
  practiceName: z.string(),
  expiresAt: IsoTimeSchema,
  instruments: z.array(
    z.object({
      id: InstrumentIdSchema,
      name: z.string(),
      stem: z.string(),
      items: z.array(
        z.object({ id: z.string(), text: z.string(), alertFrom: z.number().int().nullable() }),
      ),
      answerOptions: z.array(z.object({ value: z.number().int(), label: z.string() })),
    }),
  ),
  crisisResources: CrisisResourcesSchema,
});
export type PublicQuestionnaire = z.infer<typeof PublicQuestionnaireSchema>;

/** The default crisis resources (United States); a practice elsewhere replaces them in settings. */
export const DEFAULT_CRISIS_RESOURCES: CrisisResources = Object.freeze({
  heading: 'If you are thinking about harming yourself, help is available now',
  lines: [
    { label: 'In immediate danger', contact: 'Call 911 or go to the nearest emergency department' },
    {
      label: '988 Suicide & Crisis Lifeline',
      contact: 'Call or text 988, or chat at 988lifeline.org',
    },
    { label: 'Crisis Text Line', contact: 'Text HOME to 741741' },
  ],
  note: 'Your clinician has been told about your answers and will follow up with you. Outside the United States, call your local emergency number.',
});

/** Answer of submitting: thanks, and crisis resources when an answer raised a risk alert. */
export const PublicResponseResultSchema = z.object({
  received: z.literal(true),
  crisis: CrisisResourcesSchema.nullable(),
});

// ── Schedules, due measures, alerts ──────────────────────────────────────────

/** The interval of a schedule, in whole days (the web form checks the same bounds). */
export const SCHEDULE_INTERVAL_DAYS = { min: 1, max: 180 } as const;
/** At most this many schedules per client (one per instrument in practice). */
export const MAX_MEASURE_SCHEDULES = 10;

export const ScheduleCadenceSchema = z.discriminatedUnion('kind', [
  /** Due before each session: since the client's last session, not yet administered. */
  z.strictObject({ kind: z.literal('every_session') }),
  /** Due every N days since the last administration. */
  z.strictObject({
    kind: z.literal('interval'),
    days: z.number().int().min(SCHEDULE_INTERVAL_DAYS.min).max(SCHEDULE_INTERVAL_DAYS.max),
  }),
]);
export type ScheduleCadence = z.infer<typeof ScheduleCadenceSchema>;

export const MeasureScheduleSchema = z.object({
  id: IdSchema,
  clientId: IdSchema,
  instrument: InstrumentIdSchema,
  cadence: ScheduleCadenceSchema,
  active: z.boolean(),
  createdAt: IsoTimeSchema,
  updatedAt: IsoTimeSchema,
});
export type MeasureSchedule = z.infer<typeof MeasureScheduleSchema>;

/** Body of `PUT /api/clients/:id/measure-schedules`: the client's whole list of schedules. */
export const MeasureSchedulesBodySchema = z.strictObject({
  schedules: z
    .array(
      z.strictObject({
        instrument: InstrumentIdSchema,
        cadence: ScheduleCadenceSchema,
        active: z.boolean().default(true),
      }),
    )
    .max(MAX_MEASURE_SCHEDULES),
});
export type MeasureSchedulesBody = z.input<typeof MeasureSchedulesBodySchema>;

/** A measure that is due for a client (from a schedule). */
export const MeasureDueSchema = z.object({
  clientId: IdSchema,
  scheduleId: IdSchema,
  instrument: InstrumentIdSchema,
  /** Since when it is due; null = never administered. */
  dueSince: IsoTimeSchema.nullable(),
  /** Plain reason, e.g. "before each session: none since the session on 2026-11-20". */
  reason: z.string(),
});
export type MeasureDue = z.infer<typeof MeasureDueSchema>;

/** `GET /api/reminders`: measures due and treatment-plan reviews due over the caseload. */
export const RemindersSchema = z.object({
  measuresDue: z.array(MeasureDueSchema),
  /** Plans whose review date is today (practice-local) or earlier. */
  planReviews: z.array(z.object({ clientId: IdSchema, reviewDate: DateSchema })),
});
export type Reminders = z.infer<typeof RemindersSchema>;

export const AlertKindSchema = z.enum([
  /** PHQ-9 item 9 (thoughts of being better off dead or of self-harm) answered above 0. */
  'phq9_item9',
  /** The session analysis found endorsed risk (suicidal/homicidal ideation, self-harm, …). */
  'session_risk',
]);
export type AlertKind = z.infer<typeof AlertKindSchema>;

/**
 * Something the clinician must see now. The message names the kind, instrument, item and value,
 * never client content. Acknowledging records who and when; it does not close the clinical task
 * (that is the safety assessment).
 */
export const ClinicalAlertSchema = z.object({
  id: IdSchema,
  clientId: IdSchema,
  clinicianId: IdSchema,
  kind: AlertKindSchema,
  severity: z.enum(['urgent', 'warning', 'info']),
  message: z.string(),
  administrationId: IdSchema.nullable(),
  sessionId: IdSchema.nullable(),
  /** The safety assessment opened for it, when there is one. */
  safetyAssessmentId: IdSchema.nullable(),
  createdAt: IsoTimeSchema,
  acknowledgedAt: IsoTimeSchema.nullable(),
  acknowledgedBy: IdSchema.nullable(),
});
export type ClinicalAlert = z.infer<typeof ClinicalAlertSchema>;

// ── Informed consent ─────────────────────────────────────────────────────────

/**
 * The kinds of consent: `intervention` (an intense intervention such as exposure or trauma
 * processing: `interventionId` set), `recording` (audio recording of sessions; standing consent,
 * each session still records it), `treatment` (informed consent at intake). The core's schema, so
 * the review rules (`ConsentOnFile.kind`) and the records cannot drift apart.
 */
export const ConsentKindSchema = CoreConsentKindSchema;

export const ConsentRecordSchema = z.object({
  id: IdSchema,
  clientId: IdSchema,
  kind: ConsentKindSchema,
  /** For `intervention`: the taxonomy id (consent to `exposure.in_vivo` covers that family). */
  interventionId: z.string().nullable(),
  /** What was discussed (the elements of informed consent). */
  discussed: z.strictObject({
    rationale: z.boolean(),
    risksAndDistress: z.boolean(),
    alternatives: z.boolean(),
    rightToStop: z.boolean(),
  }),
  decision: z.enum(['agreed', 'declined']),
  /** Date of the discussion. */
  date: DateSchema,
  /** Free text (encrypted). */
  notes: z.string(),
  recordedBy: IdSchema,
  createdAt: IsoTimeSchema,
  /** Set when the client withdraws consent; a withdrawn record no longer counts. */
  withdrawnAt: IsoTimeSchema.nullable(),
});
export type ConsentRecord = z.infer<typeof ConsentRecordSchema>;

export const NewConsentBodySchema = z.strictObject({
  kind: ConsentKindSchema,
  interventionId: z.string().trim().min(1).max(100).nullable().default(null),
  discussed: ConsentRecordSchema.shape.discussed,
  decision: z.enum(['agreed', 'declined']),
  date: DateSchema,
  notes: text(5000).default(''),
});

// ── Safety ───────────────────────────────────────────────────────────────────

/** One element of a risk assessment. `not_assessed` is the default and is never shown as absent. */
export const RiskElementSchema = z.strictObject({
  status: z.enum(['not_assessed', 'present', 'absent']).default('not_assessed'),
  detail: text(2000).default(''),
});
export type RiskElement = z.output<typeof RiskElementSchema>;
export type RiskStatus = RiskElement['status'];

export const SafetyTriggerSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('phq9_item9'), administrationId: IdSchema }),
  z.strictObject({ kind: z.literal('session_risk'), sessionId: IdSchema }),
  z.strictObject({ kind: z.literal('clinician') }),
]);

/** The part of a safety assessment the clinician writes (body of create / update). */
export const SafetyAssessmentBodySchema = z.strictObject({
  ideation: RiskElementSchema.default({ status: 'not_assessed', detail: '' }),
  plan: RiskElementSchema.default({ status: 'not_assessed', detail: '' }),
  intent: RiskElementSchema.default({ status: 'not_assessed', detail: '' }),
  means: RiskElementSchema.default({ status: 'not_assessed', detail: '' }),
  /** `means` covers access to lethal means (firearms, medication stockpiles). */
  protectiveFactors: z.array(requiredText(500)).max(30).default([]),
  riskFactors: z.array(requiredText(500)).max(30).default([]),
  /** The clinician's formulation; `not_assessed` until they judge it. */
  riskLevel: z
    .enum(['not_assessed', 'low', 'moderate', 'high', 'imminent'])
    .default('not_assessed'),
  /** What was done: safety plan, increased contact, emergency referral, … */
  actions: text(5000).default(''),
});

export type SafetyAssessmentBody = z.output<typeof SafetyAssessmentBodySchema>;
/** The four risk elements of an assessment (the keys whose value is a `RiskElement`). */
export type RiskElementKey = {
  [K in keyof SafetyAssessmentBody]: SafetyAssessmentBody[K] extends RiskElement ? K : never;
}[keyof SafetyAssessmentBody];
export type RiskLevel = SafetyAssessmentBody['riskLevel'];

/** Only an assessment's content fields (the keys of `SafetyAssessmentBodySchema`, the one list). */
export function safetyAssessmentContent(a: SafetyAssessmentBody): SafetyAssessmentBody {
  return Object.fromEntries(
    SafetyAssessmentBodySchema.keyof().options.map((k) => [k, a[k]]),
  ) as SafetyAssessmentBody;
}

/** Body of `POST /api/clients/:id/safety-assessments`: why it was opened, and what is known. */
export const NewSafetyAssessmentBodySchema = SafetyAssessmentBodySchema.extend({
  trigger: SafetyTriggerSchema,
  /** The session it belongs to (default: the trigger's session, when it has one). */
  sessionId: IdSchema.nullable().default(null),
});
export type NewSafetyAssessmentBody = z.input<typeof NewSafetyAssessmentBodySchema>;

export const SafetyAssessmentSchema = SafetyAssessmentBodySchema.extend({
  id: IdSchema,
  clientId: IdSchema,
  sessionId: IdSchema.nullable(),
  trigger: SafetyTriggerSchema,
  status: z.enum(['draft', 'confirmed']),
  confirmedAt: IsoTimeSchema.nullable(),
  confirmedBy: IdSchema.nullable(),
  createdBy: IdSchema,
  createdAt: IsoTimeSchema,
  updatedAt: IsoTimeSchema,
});
export type SafetyAssessment = z.infer<typeof SafetyAssessmentSchema>;

const contactList = z
  .array(z.strictObject({ name: requiredText(200), contact: text(200).default('') }))
  .max(20)
  .default([]);
const lines = z.array(requiredText(1000)).max(30).default([]);

/**
 * The collaborative safety plan (the steps of Stanley & Brown's Safety Planning Intervention,
 * in our own words): written with the client, confirmed by the clinician. Empty until filled.
 */
export const SafetyPlanBodySchema = z.strictObject({
  warningSigns: lines,
  copingStrategies: lines,
  /** People and social settings that help take the mind off things. */
  distractions: contactList,
  /** People the client can ask for help. */
  helpContacts: contactList,
  /** Professionals, agencies and crisis lines. */
  professionals: contactList,
  /** Making the environment safe (limiting access to lethal means). */
  environmentSafety: lines,
  reasonsForLiving: lines,
});

/** A confirmed safety plan as it was confirmed (kept when the plan is changed afterwards). */
export const ConfirmedSafetyPlanSchema = SafetyPlanBodySchema.extend({
  confirmedAt: IsoTimeSchema,
  confirmedBy: IdSchema,
});
export type ConfirmedSafetyPlan = z.infer<typeof ConfirmedSafetyPlanSchema>;

export const SafetyPlanSchema = SafetyPlanBodySchema.extend({
  clientId: IdSchema,
  status: z.enum(['draft', 'confirmed']),
  confirmedAt: IsoTimeSchema.nullable(),
  confirmedBy: IdSchema.nullable(),
  updatedAt: IsoTimeSchema,
  /**
   * The last confirmed version while the plan is a draft changed after a confirmation (so the
   * confirmed text is never lost); null when the plan itself is the confirmed one, or never was.
   */
  lastConfirmed: ConfirmedSafetyPlanSchema.nullable(),
});

/** Body of `POST /api/clients/:id/safety-plan/confirm`: the `updatedAt` of the plan confirmed. */
export const ConfirmSafetyPlanBodySchema = z.strictObject({
  expectedUpdatedAt: IsoTimeSchema,
});
export type ConfirmSafetyPlanBody = z.input<typeof ConfirmSafetyPlanBodySchema>;
export type SafetyPlan = z.infer<typeof SafetyPlanSchema>;

// ── Over time ────────────────────────────────────────────────────────────────

/** One session in the client's log: what was done and how the client responded. */
export const SessionLogEntrySchema = z.object({
  sessionId: IdSchema,
  date: DateSchema,
  noteId: IdSchema.nullable(),
  noteStatus: z.enum(['draft', 'signed']).nullable(),
  interventions: z.array(
    z.object({ interventionId: z.string(), name: z.string(), response: z.string() }),
  ),
  /** Scores administered for this session (or on its date). */
  measures: z.array(
    z.object({
      administrationId: IdSchema,
      instrument: InstrumentIdSchema,
      total: z.number().int().nullable(),
    }),
  ),
});
export type SessionLogEntry = z.infer<typeof SessionLogEntrySchema>;

/** `GET /api/clients/:id/outcomes`: the measurement-based-care picture of one client. */
export const ClientOutcomesSchema = z.object({
  outcomes: z.array(InstrumentOutcomeSchema),
  administrations: z.array(MeasureAdministrationSchema),
  sessionLog: z.array(SessionLogEntrySchema),
  /** Interventions delivered in the sessions before a reliable improvement, per instrument. */
  precededImprovement: z.array(
    z.object({
      instrument: InstrumentIdSchema,
      interventionIds: z.array(z.string()),
      from: IsoTimeSchema,
      to: IsoTimeSchema,
    }),
  ),
  /** When a plateau was detected: alternative interventions for the client's concerns. */
  adaptPrompt: z
    .object({
      instrument: InstrumentIdSchema,
      message: z.string(),
      alternatives: z.array(
        z.object({ interventionId: z.string(), name: z.string(), rationale: z.string() }),
      ),
    })
    .nullable(),
  due: z.array(MeasureDueSchema),
});
export type ClientOutcomes = z.infer<typeof ClientOutcomesSchema>;
