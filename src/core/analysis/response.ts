import type { AnalysisContext } from './context.js';
import type { ClientResponse, Evidence } from './schema.js';

/**
 * STUB (owned by the MI-classifier work): the client's response to an intervention delivered
 * in the turns named by `evidence`, from the client turns that follow them.
 */
export function describeResponse(
  _ctx: AnalysisContext,
  _evidence: readonly Evidence[],
): ClientResponse {
  return { summary: 'not_observed', markers: [] };
}
