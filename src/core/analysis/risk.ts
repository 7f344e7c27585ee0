import type { AnalysisContext } from './context.js';
import { RISK_KINDS, type RiskFinding } from './schema.js';

/** STUB (owned by the risk work): one finding for every risk kind. */
export function assessRisk(_ctx: AnalysisContext): RiskFinding[] {
  return RISK_KINDS.map((kind) => ({ kind, status: 'not_assessed', evidence: [] }));
}
