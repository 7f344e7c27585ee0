import type { AnalysisContext } from './context.js';
import type { Homework } from './schema.js';

/** STUB (owned by the indicators work): homework reviewed and assigned. */
export function extractHomework(_ctx: AnalysisContext): Homework {
  return { reviewed: false, reviewedEvidence: [], assigned: [] };
}
