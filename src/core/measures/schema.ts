/**
 * Shapes of the questionnaires DocScrib administers, as data — items, answer options, bands,
 * cut-offs, item alerts, missing-answer rules, change-statistic constants, LOINC codes and
 * sources — and of the result of scoring one administration. Every clinical constant carries its
 * source; a constant we could not verify is `null` with a note, never a guess.
 *
 * Two kinds: `symptom` measures (PHQ-9, GAD-7, PCL-5: higher is worse; bands, caseness cut-off
 * and change constants) and `feedback` forms (the client's rating of a session: higher is better;
 * no bands, no cut-off, no change constants — there are no norms to invent — and a process prompt
 * instead of clinical alerts).
 */
import { z } from 'zod';

/** Public, stable instrument ids (they appear in URLs, exports and the CLI). */
export const InstrumentIdSchema = z.enum(['phq9', 'gad7', 'pcl5', 'feedback']);
export type InstrumentId = z.infer<typeof InstrumentIdSchema>;

/** What an instrument measures: symptoms (outcome tracking) or the client's session feedback. */
export const InstrumentKindSchema = z.enum(['symptom', 'feedback']);
export type InstrumentKind = z.infer<typeof InstrumentKindSchema>;

/** A citation: where a constant or rule comes from. */
export const SourceSchema = z.object({
  citation: z.string().min(1),
  url: z.url().optional(),
});
export type Source = z.infer<typeof SourceSchema>;

export const ItemSchema = z.object({
  /** Stable item id, e.g. `phq9_9`; answers may be keyed by it. */
  id: z.string().regex(/^[a-z0-9]+_[0-9]+$/),
  text: z.string().min(1),
  /** 1-based position on the form. */
  order: z.number().int().min(1),
});
export type Item = z.infer<typeof ItemSchema>;

export const AnswerOptionSchema = z.object({
  value: z.number().int().min(0),
  label: z.string().min(1),
});
export type AnswerOption = z.infer<typeof AnswerOptionSchema>;

export const SeveritySchema = z.enum([
  'minimal',
  'mild',
  'moderate',
  'moderately_severe',
  'severe',
  /** Instruments without published severity bands (PCL-5): below / at or above the cut-off. */
  'below_cutoff',
  'above_cutoff',
]);
export type Severity = z.infer<typeof SeveritySchema>;

export const BandSchema = z.object({
  min: z.number().int().min(0),
  max: z.number().int().min(0),
  label: z.string().min(1),
  severity: SeveritySchema,
});
export type Band = z.infer<typeof BandSchema>;

/** Caseness: a total at or above `score` counts as a case (clinical range). */
export const CutoffSchema = z.object({
  score: z.number().int().min(0),
  source: SourceSchema,
  note: z.string().optional(),
});
export type Cutoff = z.infer<typeof CutoffSchema>;

/** An item whose answer at or above `minValue` raises an alert, whatever the total. */
export const ItemAlertRuleSchema = z.object({
  itemId: z.string().min(1),
  minValue: z.number().int().min(1),
  /** Shown to the clinician; names the item, never the client's words. */
  message: z.string().min(1),
});
export type ItemAlertRule = z.infer<typeof ItemAlertRuleSchema>;

export const MissingRuleSchema = z.discriminatedUnion('kind', [
  /** No total when any item is unanswered. */
  z.object({ kind: z.literal('invalid_if_any_missing'), source: SourceSchema, note: z.string() }),
  /** Total = round(sum × items / answered) when at most `maxMissing` items are unanswered. */
  z.object({
    kind: z.literal('prorate'),
    maxMissing: z.number().int().min(1),
    source: SourceSchema,
    note: z.string(),
  }),
]);
export type MissingRule = z.infer<typeof MissingRuleSchema>;

export const ReliabilitySchema = z.object({
  kind: z.enum(['cronbach_alpha', 'test_retest']),
  value: z.number().gt(0).lt(1),
  source: SourceSchema,
});

/** Constants for change statistics (Jacobson–Truax RCI and service conventions). */
export const ChangeConstantsSchema = z.object({
  /** Reliability coefficients reported for the instrument (the change module picks one). */
  reliability: z.array(ReliabilitySchema).min(1),
  /** Standard deviation of a reference (pre-treatment) sample; null when not yet sourced. */
  sd: z
    .object({ value: z.number().positive(), population: z.string(), source: SourceSchema })
    .nullable(),
  /** A fixed reliable-change threshold in points used by a service convention, when one exists. */
  reliableChangePoints: z
    .object({
      points: z.number().positive(),
      /** Short name of the convention for sentences, e.g. "NHS Talking Therapies". */
      label: z.string().min(1),
      source: SourceSchema,
    })
    .nullable(),
  note: z.string().optional(),
});
export type ChangeConstants = z.infer<typeof ChangeConstantsSchema>;

const LOINC = /^[0-9]{1,7}-[0-9]$/;
export const LoincSchema = z.object({
  /** LOINC code of the total score; null when not verified. */
  total: z.string().regex(LOINC).nullable(),
  /** LOINC codes of single items, by item id (only those verified). */
  items: z.record(z.string(), z.string().regex(LOINC)),
  note: z.string().optional(),
});

/**
 * A process prompt rule of a feedback form: an item answered at or below `maxValue` asks the
 * clinician to discuss the client's feedback. Not a clinical cut-off and not a risk alert.
 */
export const ProcessPromptRuleSchema = z.object({
  maxValue: z.number().int().min(0),
  message: z.string().min(1),
  note: z.string().min(1),
});
export type ProcessPromptRule = z.infer<typeof ProcessPromptRuleSchema>;

/** Fields every instrument has. */
const instrumentBase = {
  id: InstrumentIdSchema,
  name: z.string().min(1),
  shortName: z.string().min(1),
  /** The question stem shown above the items. */
  stem: z.string().min(1),
  items: z.array(ItemSchema).min(1),
  answerOptions: z.array(AnswerOptionSchema).min(2),
  scoreRange: z.object({ min: z.number().int().min(0), max: z.number().int().min(1) }),
  itemAlerts: z.array(ItemAlertRuleSchema),
  missingRule: MissingRuleSchema,
  loinc: LoincSchema,
  source: SourceSchema,
  licence: z.string().min(1),
};

type Issue = (message: string, path: (string | number)[]) => void;

/** Checks shared by both kinds: item order and ids, score range, alerts, LOINC, missing rule. */
function checkCommon(
  inst: {
    id: string;
    items: Item[];
    answerOptions: AnswerOption[];
    scoreRange: { min: number; max: number };
    itemAlerts: ItemAlertRule[];
    loinc: { items: Record<string, string> };
    missingRule: MissingRule;
  },
  issue: Issue,
): { lo: number; hi: number } {
  inst.items.forEach((item, i) => {
    if (item.order !== i + 1)
      issue(`item ${item.id} has order ${item.order}, expected ${i + 1}`, ['items', i]);
    if (!item.id.startsWith(`${inst.id}_`))
      issue(`item ${item.id} must start with ${inst.id}_`, ['items', i]);
  });
  if (new Set(inst.items.map((i) => i.id)).size !== inst.items.length)
    issue('duplicate item ids', ['items']);
  const values = inst.answerOptions.map((o) => o.value);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  if (
    inst.scoreRange.min !== lo * inst.items.length ||
    inst.scoreRange.max !== hi * inst.items.length
  ) {
    issue('scoreRange does not match items × answer values', ['scoreRange']);
  }
  const ids = new Set(inst.items.map((i) => i.id));
  inst.itemAlerts.forEach((a, i) => {
    if (!ids.has(a.itemId)) issue(`alert names unknown item ${a.itemId}`, ['itemAlerts', i]);
    if (a.minValue > hi) issue('alert minValue above the highest answer value', ['itemAlerts', i]);
  });
  for (const id of Object.keys(inst.loinc.items)) {
    if (!ids.has(id)) issue(`LOINC code for unknown item ${id}`, ['loinc', 'items']);
  }
  if (inst.missingRule.kind === 'prorate' && inst.missingRule.maxMissing >= inst.items.length) {
    issue('maxMissing must leave at least one answered item', ['missingRule']);
  }
  return { lo, hi };
}

/** A symptom measure: higher is worse; bands, a caseness cut-off and change constants. */
export const SymptomInstrumentSchema = z
  .object({
    ...instrumentBase,
    kind: z.literal('symptom'),
    higherIsWorse: z.literal(true),
    bands: z.array(BandSchema).min(1),
    bandsSource: SourceSchema,
    cutoff: CutoffSchema,
    change: ChangeConstantsSchema,
  })
  .superRefine((inst, ctx) => {
    const issue: Issue = (message, path) => {
      ctx.addIssue({ code: 'custom', message, path });
    };
    checkCommon(inst, issue);
    // Bands: sorted, contiguous, covering the whole range.
    let next = inst.scoreRange.min;
    inst.bands.forEach((b, i) => {
      if (b.min !== next || b.max < b.min) issue(`band ${i} must start at ${next}`, ['bands', i]);
      next = b.max + 1;
    });
    if (next !== inst.scoreRange.max + 1) issue('bands must end at scoreRange.max', ['bands']);
    if (inst.cutoff.score < inst.scoreRange.min || inst.cutoff.score > inst.scoreRange.max) {
      issue('cutoff outside the score range', ['cutoff']);
    }
  });
export type SymptomInstrument = z.infer<typeof SymptomInstrumentSchema>;

/**
 * A client feedback form: higher is better. No bands, cut-off or change constants (`null`: there
 * are no norms), no clinical alerts; a low rating raises a process prompt.
 */
export const FeedbackInstrumentSchema = z
  .object({
    ...instrumentBase,
    kind: z.literal('feedback'),
    higherIsWorse: z.literal(false),
    bands: z.array(BandSchema).max(0),
    bandsSource: z.null(),
    cutoff: z.null(),
    change: z.null(),
    processPrompt: ProcessPromptRuleSchema,
  })
  .superRefine((inst, ctx) => {
    const issue: Issue = (message, path) => {
      ctx.addIssue({ code: 'custom', message, path });
    };
    const { hi } = checkCommon(inst, issue);
    if (inst.processPrompt.maxValue >= hi)
      issue('processPrompt.maxValue must be below the highest answer value', ['processPrompt']);
  });
export type FeedbackInstrument = z.infer<typeof FeedbackInstrumentSchema>;

/** Any instrument; narrow on `kind` for bands, cut-off and change constants. */
export const InstrumentSchema = z.discriminatedUnion('kind', [
  SymptomInstrumentSchema,
  FeedbackInstrumentSchema,
]);
export type Instrument = z.infer<typeof InstrumentSchema>;

export const ScoreAlertSchema = z.object({
  itemId: z.string(),
  value: z.number().int(),
  message: z.string(),
});
export type ScoreAlert = z.infer<typeof ScoreAlertSchema>;

/**
 * A process prompt from a feedback form ("discuss the client's feedback"): not a clinical alert,
 * not a cut-off, never a reason to show crisis resources.
 */
export const ScorePromptSchema = z.object({
  kind: z.literal('discuss_feedback'),
  /** The items rated low, in form order. */
  itemIds: z.array(z.string()).min(1),
  message: z.string(),
});
export type ScorePrompt = z.infer<typeof ScorePromptSchema>;

export const ScoreResultSchema = z.object({
  instrument: InstrumentIdSchema,
  /** Sum of item values (prorated when the missing rule allows); null when not scorable. */
  total: z.number().int().nullable(),
  band: BandSchema.nullable(),
  /** Total at or above the caseness cut-off; null when there is no total or no cut-off (feedback). */
  caseness: z.boolean().nullable(),
  /** Clinical item alerts (PHQ-9 item 9); raised from the answered items even when the total is
   * invalid. Feedback forms never raise these. */
  alerts: z.array(ScoreAlertSchema),
  /** Process prompts (feedback forms: a low rating); not clinical. Absent in older stored scores. */
  prompts: z.array(ScorePromptSchema).default([]),
  answered: z.number().int().min(0),
  missing: z.number().int().min(0),
  prorated: z.boolean(),
  valid: z.boolean(),
  /** Why there is no total (names counts and the rule, never answers). */
  reason: z.string().optional(),
});
export type ScoreResult = z.infer<typeof ScoreResultSchema>;
