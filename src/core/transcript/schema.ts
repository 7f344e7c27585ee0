import { z } from 'zod';

/** Who is speaking. `other` is anyone else in the room: parent, partner, family member. */
export const RoleSchema = z.enum(['clinician', 'client', 'other']);
export type Role = z.infer<typeof RoleSchema>;

/** Input formats the transcript reader accepts (`--input-format`). */
export const InputFormatSchema = z.enum(['lines', 'vtt', 'srt', 'json']);
export type InputFormat = z.infer<typeof InputFormatSchema>;

export const RoleSourceSchema = z.enum(['label', 'inferred', 'override']);

export const SpeakerSchema = z.object({
  label: z.string().min(1),
  role: RoleSchema,
  /** How the role was decided: from the label, inferred from how the speaker talks, or given by the user. */
  roleSource: RoleSourceSchema,
});
export type Speaker = z.infer<typeof SpeakerSchema>;

/** Seconds from the start of the session; null when the input had no time for it. */
export const SecondsSchema = z.number().nonnegative().nullable();

export const TurnSchema = z.object({
  /** Stable id `u1`, `u2`, … in input order. */
  id: z.string(),
  /** Speaker label exactly as in the input (trimmed). */
  speaker: z.string(),
  role: RoleSchema,
  start: SecondsSchema,
  end: SecondsSchema,
  text: z.string(),
  /** 1-based line in the input where this turn starts (for error messages and evidence). */
  line: z.number().int().positive().optional(),
});
export type Turn = z.infer<typeof TurnSchema>;

export const TranscriptSchema = z.object({
  format: InputFormatSchema,
  speakers: z.array(SpeakerSchema),
  turns: z.array(TurnSchema),
  /** Non-fatal problems found while reading (line numbers, never content). */
  warnings: z.array(z.object({ line: z.number().int().optional(), message: z.string() })),
});
export type Transcript = z.infer<typeof TranscriptSchema>;

export interface ParseOptions {
  /** Force a format instead of detecting it. */
  format?: InputFormat;
  /** Role overrides by speaker label, e.g. `{ 'Speaker 1': 'clinician' }`. */
  roles?: Record<string, Role>;
}
