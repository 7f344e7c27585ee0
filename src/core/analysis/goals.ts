import type { AnalysisContext } from './context.js';
import type { GoalLink } from './schema.js';

/** STUB (owned by the indicators work): plan goals (or goals stated in session) addressed. */
export function linkGoals(_ctx: AnalysisContext): GoalLink[] {
  return [];
}
