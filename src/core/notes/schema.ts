import { z } from 'zod';
import { EvidenceSchema } from '../analysis/schema.js';

/** A clock time as people enter it: `HH:MM`, 24 h (groups: hours, minutes). */
export const CLOCK_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** A clock time as people enter it: `HH:MM`, 24 h. */
export const ClockTimeSchema = z.string().regex(CLOCK_TIME, 'must be HH:MM (24 h)');

/** Where a note header's duration and CPT code come from. */
export const TimeSourceSchema = z.enum(['session', 'transcript']);
export type TimeSource = z.infer<typeof TimeSourceSchema>;

export const NoteFormatSchema = z.enum(['soap', 'dap', 'birp', 'pirp', 'girp']);
export type NoteFormat = z.infer<typeof NoteFormatSchema>;

/**
 * Where a sentence comes from: a finding grounded in the transcript (with evidence),
 * a statement that something was not assessed, or a placeholder the clinician must complete
 * (appearance, affect, mental status: a transcript cannot show them), or the clinician's own entry
 * (written or completed by the clinician in the editor; it needs no transcript evidence), or
 * (additive, issue 5) a statement from the client's record, not the transcript: `record`, e.g. the
 * latest outcome-measure score and its change since baseline. A `record` sentence has no
 * transcript evidence; its `source` names the records it was stated from. Consumers show it as
 * "from the record", never as a transcript finding, and do not let it be edited as one.
 */
export const SentenceKindSchema = z.enum([
  'finding',
  'not_assessed',
  'clinician_to_complete',
  'clinician',
  'record',
]);
export type SentenceKind = z.infer<typeof SentenceKindSchema>;

/**
 * What a `record` sentence was stated from (additive). `outcome_measures`: the client's measure
 * administrations (ids of the stored administrations the statement uses, e.g. baseline and
 * latest; empty when the caller had no stored ids, as in the CLI).
 */
export const SentenceSourceSchema = z.object({
  kind: z.literal('outcome_measures'),
  /** Instrument id, e.g. `phq9`. */
  instrument: z.string().min(1),
  administrationIds: z.array(z.string()),
});
export type SentenceSource = z.infer<typeof SentenceSourceSchema>;

/** How the note marks a `record` sentence in words (text, PDF, FHIR narrative, the editor). */
export const RECORD_LABEL = "from the client's record (outcome measures), not the transcript";

export const NoteSentenceSchema = z.object({
  text: z.string().min(1),
  kind: SentenceKindSchema,
  /** Required (non-empty) for `finding`. */
  evidence: z.array(EvidenceSchema),
  /**
   * What the sentence is about (additive, optional): e.g. `presenting_concern`, `risk_endorsed`,
   * `risk_denied`, `consent`, `safety`, `homework_assigned`. Review rules and UIs use it.
   */
  topic: z.string().optional(),
  /** The intervention the sentence is about, when it is about one (additive, optional). */
  interventionId: z.string().optional(),
  /**
   * Which elements of a complete therapy note the sentence serves (additive, optional): ids of
   * NOTE_ELEMENTS in notes/elements.ts, e.g. `chief_complaint`, `stage_of_change`.
   */
  elements: z.array(z.string()).optional(),
  /** Required for `record` (review rule evidence-grounding): the records it was stated from. */
  source: SentenceSourceSchema.optional(),
});
export type NoteSentence = z.infer<typeof NoteSentenceSchema>;

export const NoteSectionSchema = z.object({
  /** e.g. `subjective`, `data`, `behavior`, `intervention`, `response`, `plan`. */
  id: z.string(),
  heading: z.string(),
  sentences: z.array(NoteSentenceSchema),
});
export type NoteSection = z.infer<typeof NoteSectionSchema>;

/** The seed's four components, for each delivered intervention. */
export const InterventionEntrySchema = z.object({
  interventionId: z.string(),
  intervention: NoteSentenceSchema,
  response: NoteSentenceSchema,
  progress: NoteSentenceSchema,
  goalLink: NoteSentenceSchema,
});
export type InterventionEntry = z.infer<typeof InterventionEntrySchema>;

export const NoteSchema = z.object({
  schemaVersion: z.literal(1),
  format: NoteFormatSchema,
  /**
   * Session facts the note header shows (the date is the app's). `start`/`end` are the
   * transcript's first and last turn times in seconds. When the clinician entered the
   * face-to-face times, `startClock`/`endClock` hold them and `durationMinutes`/`cpt` follow
   * them (`timeSource: 'session'`); otherwise both follow the transcript. Old notes have no
   * `timeSource`: their times are the transcript's.
   */
  header: z.object({
    start: z.number().nullable(),
    end: z.number().nullable(),
    durationMinutes: z.number().nullable(),
    cpt: z.string().nullable(),
    /** Face-to-face start as the clinician entered it, `HH:MM` (24 h, local time). Additive. */
    startClock: ClockTimeSchema.optional(),
    /** Face-to-face stop as the clinician entered it, `HH:MM` (24 h, local time). Additive. */
    endClock: ClockTimeSchema.optional(),
    /** Where the duration and CPT code come from (additive; absent: `transcript`). */
    timeSource: TimeSourceSchema.optional(),
  }),
  sections: z.array(NoteSectionSchema),
  interventions: z.array(InterventionEntrySchema),
});
export type Note = z.infer<typeof NoteSchema>;
