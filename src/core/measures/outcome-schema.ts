/**
 * Shapes of a client's outcome picture over time, computed from their administrations of one
 * instrument: baseline and latest score with band, change since baseline and since the previous
 * administration (Jacobson–Truax reliable change, clinically significant change, NHS Talking
 * Therapies recovery), and plateau detection. The one source of these types for the core
 * (`summarizeOutcome`), the server (API responses) and the web app (charts, prompts). Symptom
 * measures only: the client feedback form has no outcome (see `hasOutcome`).
 */
import { z } from 'zod';
import { BandSchema, InstrumentIdSchema } from './schema.js';

/** One scored administration, as the change statistics see it. */
export const MeasurePointSchema = z.object({
  /** When the client answered (ISO date-time with offset). */
  at: z.iso.datetime({ offset: true }),
  /** The total; null when the administration was not scorable (too many missing answers). */
  total: z.number().int().nullable(),
  /** The stored administration this point came from, when there is one. */
  administrationId: z.string().optional(),
  /**
   * The local date (YYYY-MM-DD) of `at` where the client is seen (the practice's time zone; see
   * `dateIn`). Statements and date comparisons use it; absent: the date written in `at`.
   */
  date: z.iso.date().optional(),
  /** Items of this administration that raised a clinical alert (e.g. `phq9_9`); absent: none. */
  itemAlerts: z.array(z.string()).optional(),
});
export type MeasurePoint = z.infer<typeof MeasurePointSchema>;

/** A scored point with the band its total falls in. */
export const BandedPointSchema = MeasurePointSchema.extend({
  total: z.number().int(),
  band: BandSchema,
});
export type BandedPoint = z.infer<typeof BandedPointSchema>;

/** Change between two valid administrations of one instrument. */
export const ChangeSummarySchema = z.object({
  from: BandedPointSchema,
  to: BandedPointSchema,
  /** to − from, in raw points (negative = fewer symptoms on PHQ-9 / GAD-7 / PCL-5). */
  difference: z.number(),
  /** Jacobson–Truax RCI; null when the instrument has no sourced SD (fixed points decide). */
  rci: z.number().nullable(),
  /** The minimum change in points that counts as reliable, and how it was decided. */
  reliableChangeThreshold: z.number(),
  method: z.enum(['jacobson-truax', 'fixed-points']),
  category: z.enum(['reliable_improvement', 'reliable_deterioration', 'no_reliable_change']),
  /** Jacobson–Truax: reliable improvement and moved from the clinical to the non-clinical range. */
  clinicallySignificantImprovement: z.boolean(),
  /** NHS Talking Therapies: a case at `from`, not at `to`. Null when `from` was not a case. */
  recovery: z.boolean().nullable(),
  /** Recovery and reliable improvement. Null when `from` was not a case. */
  reliableRecovery: z.boolean().nullable(),
  /**
   * One plain sentence, e.g. "PHQ-9 18 (moderately severe) on 2026-09-01 → 9 (mild) on
   * 2026-11-20: −9 points, reliable improvement (≥ 6 points, NHS Talking Therapies) and recovery
   * (below the caseness cut-off of 10), i.e. reliable recovery and clinically significant
   * improvement."
   */
  statement: z.string(),
});
export type ChangeSummary = z.infer<typeof ChangeSummarySchema>;

/** Plateau detection settings (defaults in `summarizeOutcome`). */
export const PlateauOptionsSchema = z.object({
  /** No reliable improvement over the last N valid administrations (default 4). */
  administrations: z.number().int().min(2).max(20).default(4),
  /** A flat trend over the last K weeks (default 6) … */
  weeks: z.number().min(1).max(52).default(6),
  /** … flat meaning |least-squares slope| below this many points per week (default 0.5). */
  flatSlopePerWeek: z.number().positive().default(0.5),
});
export type PlateauOptions = z.infer<typeof PlateauOptionsSchema>;

export const PlateauSchema = z.object({
  detected: z.boolean(),
  /** Which rule fired (both may). Empty when not detected. */
  reasons: z.array(z.enum(['no_reliable_improvement', 'flat_trend'])),
  /** Least-squares slope (points per week) over the trend window; null with < 2 points there. */
  slopePerWeek: z.number().nullable(),
  /** Plain explanation naming the rule and numbers (no client content). */
  message: z.string(),
});
export type Plateau = z.infer<typeof PlateauSchema>;

/** A client's outcome on one instrument. */
export const InstrumentOutcomeSchema = z.object({
  instrument: InstrumentIdSchema,
  /** e.g. "PHQ-9". */
  shortName: z.string(),
  /** Every administration, oldest first (invalid ones with total null). */
  points: z.array(MeasurePointSchema),
  /** First valid administration. */
  baseline: BandedPointSchema.nullable(),
  /** Most recent valid administration. */
  latest: BandedPointSchema.nullable(),
  sinceBaseline: ChangeSummarySchema.nullable(),
  sincePrevious: ChangeSummarySchema.nullable(),
  /** Null when there are too few administrations to judge. */
  plateau: PlateauSchema.nullable(),
  /** The instrument's bands and cut-off, for charts. */
  bands: z.array(BandSchema),
  cutoff: z.number().int(),
});
export type InstrumentOutcome = z.infer<typeof InstrumentOutcomeSchema>;
