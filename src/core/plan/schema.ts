import { z } from 'zod';

/**
 * The part of a treatment plan the engine uses: goals (with their objectives as text) to link
 * progress to. (The full plan — problems, structured objectives, planned interventions — is the
 * app's, in server/domain/care.ts; services/clients.ts `enginePlan` maps it to this.)
 */
/** A measurable objective of a plan goal, as the engine sees it: an id and its text. */
export const PlanObjectiveSchema = z.object({
  id: z.string().min(1),
  text: z.string().min(1),
  /**
   * The instrument the objective is measured with, when it is a measure objective (e.g. `phq9`):
   * the note then ties that instrument's outcome statement to the goal even when the text does
   * not name it. Optional: the text alone ("PHQ-9 below 10") also ties it.
   */
  instrument: z.string().min(1).optional(),
});
export type PlanObjective = z.infer<typeof PlanObjectiveSchema>;

export const PlanGoalSchema = z.object({
  id: z.string().min(1),
  text: z.string().min(1),
  /** Extra words or phrases that signal this goal in a session (optional). */
  keywords: z.array(z.string().min(1)).optional(),
  /**
   * The goal's measurable objectives as text (additive, optional), e.g. "PHQ-9 below 10 by
   * June" (the app's plan has structured objectives: it passes their text). Goal linking uses
   * their words as extra signal; an objective naming an instrument (PHQ-9, GAD-7, PCL-5) ties
   * that instrument's outcome statement in the note to the goal.
   */
  objectives: z.array(PlanObjectiveSchema).optional(),
});
export type PlanGoal = z.infer<typeof PlanGoalSchema>;

export const TreatmentPlanSchema = z.object({
  client: z.object({ name: z.string().optional(), id: z.string().optional() }).optional(),
  diagnoses: z.array(z.string()).optional(),
  concerns: z.array(z.string()).optional(),
  goals: z.array(PlanGoalSchema),
  plannedInterventions: z.array(z.string()).optional(),
});
export type TreatmentPlan = z.infer<typeof TreatmentPlanSchema>;
