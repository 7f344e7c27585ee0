import type { AnalysisContext } from './context.js';
import { assessRiskFindings } from './risk/assess.js';
import type { RiskFinding } from './schema.js';

/**
 * One finding for every risk kind. "denied" only when the clinician asked about that kind in this
 * session and the client said no; an endorsed risk is never dropped (see risk/assess.ts).
 */
export function assessRisk(ctx: AnalysisContext): RiskFinding[] {
  return assessRiskFindings(ctx);
}
