import { z } from 'zod';

/**
 * The part of a treatment plan the engine uses: goals to link progress to.
 * (The full plan — problems, objectives, planned interventions — is extended by the app.)
 */
export const PlanGoalSchema = z.object({
  id: z.string().min(1),
  text: z.string().min(1),
  /** Extra words or phrases that signal this goal in a session (optional). */
  keywords: z.array(z.string().min(1)).optional(),
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
