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
 * (written or completed by the clinician in the editor; it needs no transcript evidence).
 */
export const SentenceKindSchema = z.enum([
  'finding',
  'not_assessed',
  'clinician_to_complete',
  'clinician',
]);

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
