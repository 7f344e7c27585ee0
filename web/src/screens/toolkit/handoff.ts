/**
 * In-app hand-over of the client to match interventions for: the plan screen's "Match
 * interventions" sets it, the toolkit reads it when it opens and then clears it. Kept in memory
 * only (never in the address).
 */
let pending: string | null = null;

export function setToolkitClient(clientId: string | null): void {
  pending = clientId;
}

/** The client handed over, or null (read in a state initializer; clear it in an effect). */
export function handedClient(): string | null {
  return pending;
}
