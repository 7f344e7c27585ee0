import { z } from 'zod';

export const SeveritySchema = z.enum(['error', 'warning', 'info']);
export type Severity = z.infer<typeof SeveritySchema>;

/** A review rule's finding about a note. Rules are code; each cites its source. */
export const FindingSchema = z.object({
  ruleId: z.string(),
  severity: SeveritySchema,
  message: z.string(),
  fixHint: z.string(),
  source: z.string(),
  /** What the finding is about, so a UI can link to it. */
  target: z
    .object({
      sectionId: z.string().optional(),
      interventionId: z.string().optional(),
      utteranceIds: z.array(z.string()).optional(),
    })
    .optional(),
});
export type Finding = z.infer<typeof FindingSchema>;
