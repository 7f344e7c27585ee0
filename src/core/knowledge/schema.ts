import { z } from 'zod';

/**
 * The knowledge base is data with sources, reviewed like code. These schemas validate it
 * (at module load and in tests) and are the one source of its types.
 */

export const SourceSchema = z.object({
  title: z.string().min(1),
  /** Author/year or publisher, e.g. "Beck, J. S. (2021). Cognitive Behavior Therapy, 3rd ed." */
  citation: z.string().min(1),
  url: z.url().optional(),
});
export type Source = z.infer<typeof SourceSchema>;

/**
 * A cue is a regular-expression source (case-insensitive, matched against normalized,
 * lower-cased text without relying on punctuation). `weight` says how strongly it signals
 * delivery: 1 = the technique named or unmistakably done, 0.5 = typical phrasing that needs
 * company from other cues.
 */
export const CueSchema = z.object({
  pattern: z.string().min(1),
  weight: z.number().min(0).max(1),
  /** Which speaker role says it: usually the clinician. */
  role: z.enum(['clinician', 'client', 'any']).default('clinician'),
});
export type Cue = z.infer<typeof CueSchema>;

export const ComponentSchema = z.object({
  /** Stable within the intervention, e.g. `identify_thought`. */
  id: z.string().regex(/^[a-z0-9_]+$/),
  name: z.string().min(1),
  cues: z.array(CueSchema),
});
export type Component = z.infer<typeof ComponentSchema>;

export const InterventionSchema = z.object({
  /** Taxonomy id (`<modality>.<intervention>`), never renamed. */
  id: z.string().regex(/^[a-z]+\.[a-z_]+$/),
  name: z.string().min(1),
  /** Human modality name, e.g. "Cognitive Behavioral Therapy". */
  modality: z.string().min(1),
  description: z.string().min(1),
  /** How a careful note names it, e.g. "Cognitive restructuring of automatic negative thoughts". */
  noteLabel: z.string().min(1),
  /** Explicit names of the technique, as clinicians say them. */
  explicitCues: z.array(CueSchema),
  /** Implicit phrasing clinicians use when delivering it without naming it. */
  implicitCues: z.array(CueSchema),
  components: z.array(ComponentSchema),
  /** Primary use cases (seed toolkit table), in words. */
  useCases: z.array(z.string()),
  /** Concern ids this intervention is recommended for. */
  concerns: z.array(z.string()),
  /** Informed consent is expected before delivery (exposure, trauma processing, …). */
  consentExpected: z.boolean(),
  /** Harm-monitoring guidance, when the intervention can raise distress. */
  harmMonitoring: z.string().optional(),
  /**
   * Detection tuning (additive, optional): the summed cue weight over the session needed to
   * call it delivered (default 1.5), and how many distinct turns must carry a cue (default 1).
   */
  detection: z
    .object({
      minScore: z.number().positive().optional(),
      minTurns: z.number().int().positive().optional(),
    })
    .optional(),
  sources: z.array(SourceSchema).min(1),
});
export type InterventionInput = z.input<typeof InterventionSchema>;
export type Intervention = z.infer<typeof InterventionSchema>;

export const ConcernSchema = z.object({
  id: z.string().regex(/^[a-z_]+$/),
  name: z.string().min(1),
  /** Recommended intervention ids, most specific first. */
  interventions: z.array(z.string()).min(1),
  sources: z.array(SourceSchema).min(1),
});
export type Concern = z.infer<typeof ConcernSchema>;
