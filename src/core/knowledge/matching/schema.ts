import { z } from 'zod';
import { SourceSchema } from '../schema.js';

/**
 * Shapes of intervention matching: the tag vocabularies (preferences, cultural considerations,
 * contraindications, clinical features), the data entries that give each tag its effect, the
 * case-conceptualization blends, and the input and result of `recommend` (what crosses the CLI
 * and the API). The tag ids are a public contract like the taxonomy ids: add, never rename.
 */

export const PREFERENCE_IDS = [
  'skills_based',
  'insight_oriented',
  'present_focused',
  'mindfulness',
  'body_based',
  'creative_expression',
  'family_involvement',
  'minimal_homework',
  'short_term',
  'structured',
  'talk_less',
] as const;
export const PreferenceIdSchema = z.enum(PREFERENCE_IDS);
export type PreferenceId = z.infer<typeof PreferenceIdSchema>;

export const CULTURE_IDS = [
  'collectivist_family_centred',
  'faith_spirituality',
  'interpreter_or_second_language',
  'stigma_concern',
  'indigenous_or_community_healing',
  'lgbtq_affirming',
] as const;
export const CultureIdSchema = z.enum(CULTURE_IDS);
export type CultureId = z.infer<typeof CultureIdSchema>;

export const CONTRAINDICATION_IDS = [
  'active_suicidal_ideation',
  'psychosis_active',
  'substance_intoxication_or_severe_use',
  'severe_dissociation',
  'unsafe_environment_ongoing_abuse',
  'cardiac_or_respiratory_condition',
  'pregnancy',
  'cognitive_impairment',
  'acute_crisis',
] as const;
export const ContraindicationIdSchema = z.enum(CONTRAINDICATION_IDS);
export type ContraindicationId = z.infer<typeof ContraindicationIdSchema>;

export const FEATURE_IDS = [
  'avoidance',
  'withdrawal',
  'emotion_dysregulation',
  'self_harm',
  'sleep_problems',
  'rumination',
  'panic_attacks',
  'agoraphobic_avoidance',
  'interpersonal_conflict',
  'low_verbal_expression',
  'ambivalence',
] as const;
export const FeatureIdSchema = z.enum(FEATURE_IDS);
export type FeatureId = z.infer<typeof FeatureIdSchema>;

const InterventionIdSchema = z.string().regex(/^[a-z]+\.[a-z_]+$/);
const Sources = z.array(SourceSchema).min(1);

/** A tag as listed for browsing (GET /api/toolkit, `docscrib recommend --help`). */
export const TagInfoSchema = z.object({
  id: z.string(),
  label: z.string().min(1),
  description: z.string().min(1),
});
export type TagInfo = z.infer<typeof TagInfoSchema>;

/** A client preference: the interventions it favours and disfavours, and why. */
export const PreferenceEntrySchema = TagInfoSchema.extend({
  id: PreferenceIdSchema,
  favours: z.array(InterventionIdSchema),
  disfavours: z.array(InterventionIdSchema),
  rationale: z.string().min(1),
  sources: Sources,
});
export type PreferenceEntry = z.infer<typeof PreferenceEntrySchema>;

/**
 * A cultural consideration: "consider" adaptations for the whole plan, a mild re-ranking, and
 * notes on particular interventions. Never a statement about what a person of a group wants.
 */
export const CultureEntrySchema = TagInfoSchema.extend({
  id: CultureIdSchema,
  adaptations: z.array(z.string().min(1)).min(1),
  favours: z.array(InterventionIdSchema),
  /** Per-intervention "consider" notes (shown as cautions on that recommendation). */
  notes: z.array(z.object({ interventionId: InterventionIdSchema, text: z.string().min(1) })),
  sources: Sources,
});
export type CultureEntry = z.infer<typeof CultureEntrySchema>;

/** A contraindication or caution flag: interventions excluded, cautioned or made a priority. */
export const ContraindicationEntrySchema = TagInfoSchema.extend({
  id: ContraindicationIdSchema,
  /** Not recommended while the flag holds (listed under `excluded` with the reason). */
  exclude: z.array(InterventionIdSchema),
  /** Still possible with care: a caution is attached and the score lowered. */
  caution: z.array(InterventionIdSchema),
  /** Put first while the flag holds (safety, stabilisation). */
  prioritise: z.array(InterventionIdSchema),
  rationale: z.string().min(1),
  sources: Sources,
});
export type ContraindicationEntry = z.infer<typeof ContraindicationEntrySchema>;

/** A clinical feature of the presentation (avoidance, withdrawal…) and what targets it. */
export const FeatureEntrySchema = TagInfoSchema.extend({
  id: FeatureIdSchema,
  targets: z.array(InterventionIdSchema).min(1),
  /** Words in a free-text concern that suggest this feature. */
  keywords: z.array(z.string().min(2)),
  note: z.string().optional(),
  sources: Sources,
});
export type FeatureEntry = z.infer<typeof FeatureEntrySchema>;

/** A case-conceptualization blend (seed: "PTSD with avoidance → TF-CBT + DBT distress tolerance + expressive art"). */
export const BlendSchema = z.object({
  id: z.string().regex(/^[a-z0-9_]+$/),
  name: z.string().min(1),
  /** Fits when the input has one of these concerns… */
  concerns: z.array(z.string()).min(1),
  /** …and all of these concerns too (e.g. substance use with trauma)… */
  withConcerns: z.array(z.string()).default([]),
  /** …and, when listed, one of these features. */
  features: z.array(FeatureIdSchema),
  interventionIds: z.array(InterventionIdSchema).min(2),
  rationale: z.string().min(1),
  expectedOutcomes: z.array(z.string().min(1)).min(1),
  sources: Sources,
});
export type Blend = z.infer<typeof BlendSchema>;
export type BlendInput = z.input<typeof BlendSchema>;

// ── recommend() input and result ─────────────────────────────────────────────

const Text = z.string().trim().min(1).max(200);

/** What `recommend` takes (the body of POST /api/toolkit/recommend). */
export const RecommendInputSchema = z.strictObject({
  /** Concern ids (`depression`) or free text ("PTSD with avoidance"), matched to concern ids. */
  concerns: z.array(Text).min(1).max(20),
  features: z.array(FeatureIdSchema).max(FEATURE_IDS.length).default([]),
  preferences: z.array(PreferenceIdSchema).max(PREFERENCE_IDS.length).default([]),
  culture: z.array(CultureIdSchema).max(CULTURE_IDS.length).default([]),
  contraindications: z.array(ContraindicationIdSchema).max(CONTRAINDICATION_IDS.length).default([]),
  /** Intervention ids already tried or not wanted. */
  exclude: z.array(InterventionIdSchema.max(80)).max(100).default([]),
  /** At most this many recommendations (default 12). */
  limit: z.number().int().min(1).max(60).default(12),
});
export type RecommendInput = z.input<typeof RecommendInputSchema>;
export type RecommendOptions = z.output<typeof RecommendInputSchema>;

export const RecommendationSchema = z.object({
  interventionId: z.string(),
  name: z.string(),
  modality: z.string(),
  score: z.number(),
  rank: z.number().int().positive(),
  /** Why, one reason a line: concern match (with position), feature, blend, preference, culture. */
  rationale: z.array(z.string()),
  cautions: z.array(z.string()),
  consentExpected: z.boolean(),
  sources: z.array(SourceSchema),
});
export type Recommendation = z.infer<typeof RecommendationSchema>;

export const ExcludedSchema = z.object({
  interventionId: z.string(),
  name: z.string(),
  reason: z.string(),
  sources: z.array(SourceSchema),
});
export type Excluded = z.infer<typeof ExcludedSchema>;

export const BlendFitSchema = z.object({
  id: z.string(),
  name: z.string(),
  interventionIds: z.array(z.string()),
  rationale: z.string(),
  expectedOutcomes: z.array(z.string()),
  /** Why it fits ("Trauma / PTSD with avoidance"). */
  matchedOn: z.string(),
  /** Interventions of the blend not recommended here (a contraindication, or excluded). */
  blocked: z.array(z.object({ interventionId: z.string(), reason: z.string() })),
  sources: z.array(SourceSchema),
});
export type BlendFit = z.infer<typeof BlendFitSchema>;

export const RecommendResultSchema = z.object({
  recommendations: z.array(RecommendationSchema),
  excluded: z.array(ExcludedSchema),
  blends: z.array(BlendFitSchema),
  /** How each concern given was read. */
  matchedConcerns: z.array(
    z.object({ input: z.string(), concernId: z.string(), name: z.string() }),
  ),
  unmatchedConcerns: z.array(z.string()),
  /** Features read from free-text concerns (added to those given). */
  inferredFeatures: z.array(FeatureIdSchema),
  /** Plan-wide "consider" adaptations from the cultural considerations given. */
  adaptations: z.array(z.object({ culture: CultureIdSchema, text: z.string() })),
  /** Safety-first and stabilisation notes from the contraindications given. */
  safetyNotes: z.array(z.string()),
  sources: z.array(SourceSchema),
});
export type RecommendResult = z.infer<typeof RecommendResultSchema>;

/** One alternative for the plateau prompt ("consider adapting the plan"). */
export const AlternativeSchema = z.object({
  interventionId: z.string(),
  name: z.string(),
  modality: z.string(),
  rationale: z.string(),
});
export type Alternative = z.infer<typeof AlternativeSchema>;

// ── the catalogue (GET /api/toolkit) ─────────────────────────────────────────

export const InterventionCautionSchema = z.object({
  flag: ContraindicationIdSchema,
  label: z.string(),
  effect: z.enum(['exclude', 'caution']),
  text: z.string(),
});

export const ToolkitInterventionSchema = z.object({
  id: z.string(),
  name: z.string(),
  modality: z.string(),
  description: z.string(),
  useCases: z.array(z.string()),
  concerns: z.array(z.string()),
  consentExpected: z.boolean(),
  harmMonitoring: z.string().nullable(),
  sources: z.array(SourceSchema),
  cautions: z.array(InterventionCautionSchema),
});
export type ToolkitIntervention = z.infer<typeof ToolkitInterventionSchema>;

export const ToolkitConcernSchema = z.object({
  id: z.string(),
  name: z.string(),
  interventions: z.array(z.string()),
  sources: z.array(SourceSchema),
});

export const ToolkitCatalogSchema = z.object({
  interventions: z.array(ToolkitInterventionSchema),
  concerns: z.array(ToolkitConcernSchema),
  blends: z.array(BlendSchema),
  tags: z.object({
    preferences: z.array(TagInfoSchema),
    culture: z.array(TagInfoSchema),
    contraindications: z.array(TagInfoSchema),
    features: z.array(TagInfoSchema),
  }),
});
export type ToolkitCatalog = z.infer<typeof ToolkitCatalogSchema>;
