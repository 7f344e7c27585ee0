/**
 * Adding an alternative intervention (from the plateau prompt) to a client's treatment plan:
 * the plan as the server sent it → the body of `PUT /api/clients/:id/plan` (the plan without its
 * signature and update time) with the intervention appended. Pure.
 */
import type { ClientPlan, ClientPlanBody } from '../../../../src/server/domain/schemas.js';

export interface PlanAddition {
  interventionId: string;
  rationale: string;
}

/** The body to save, or null when the intervention is in the plan already (nothing to do). */
export function planWithIntervention(
  plan: ClientPlan,
  addition: PlanAddition,
): ClientPlanBody | null {
  if (plan.plannedInterventions.some((p) => p.interventionId === addition.interventionId)) {
    return null;
  }
  const body: ClientPlanBody & { signature?: unknown; updatedAt?: unknown } = {
    ...plan,
    plannedInterventions: [
      ...plan.plannedInterventions,
      { interventionId: addition.interventionId, rationale: addition.rationale.slice(0, 2000) },
    ],
  };
  // The body is the plan without these (the server refuses unknown keys).
  delete body.signature;
  delete body.updatedAt;
  return body;
}
