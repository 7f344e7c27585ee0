import type { AnalysisContext } from './context.js';
import type { Indicator } from './schema.js';

/** STUB (owned by the indicators work): progress indicators said in the session. */
export function extractIndicators(_ctx: AnalysisContext): Indicator[] {
  return [];
}
