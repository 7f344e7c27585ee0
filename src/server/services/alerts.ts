/**
 * Clinical alerts (issue 5): raised by PHQ-9 item 9 (here, from a score's item alerts) or by
 * session risk, for the clinician who owns the client. The caseload list is the owner's own
 * alerts plus (supervisors) their supervisees'; only the owner acknowledges (records who and
 * when; the clinical task itself is the safety assessment). Reads and acknowledgements are
 * audited (record type `alert`, ids only). Messages hold no PHI.
 */
import type { ClinicalAlert } from '../domain/schemas.js';
import type { ScoreResult } from '../../core/measures/schema.js';
import { notFound, outcomeError } from '../errors.js';
import type { NewAlert } from '../store/port.js';
import { authorize, enforce, type Actor } from './access.js';
import { audit, auditAccess, type StoreTx } from './audit.js';
import type { ClinicalDeps } from './clients.js';

/**
 * `enforce` for a record under a client's chart (an alert, a link): a record the actor may not
 * see reads exactly like a missing one (`No such <noun>.`), other refusals as `enforce` words them.
 */
export function enforceOnChild(
  actor: Actor,
  action: 'read' | 'write' | 'export',
  ownerClinicianId: string,
  noun: string,
): void {
  const d = authorize(actor, action, { type: 'client', ownerClinicianId });
  if (!d.allowed && d.reason === 'not_found') throw notFound(noun);
  enforce(actor, action, { type: 'client', ownerClinicianId });
}

/** The alerts a scored administration raises (PHQ-9 item 9 → urgent `phq9_item9`). */
export function alertsForScore(
  score: ScoreResult,
  ids: {
    clientId: string;
    clinicianId: string;
    administrationId: string;
    sessionId: string | null;
  },
): NewAlert[] {
  return score.alerts.map((a) => ({
    clientId: ids.clientId,
    clinicianId: ids.clinicianId,
    kind: 'phq9_item9' as const,
    severity: 'urgent' as const,
    // The rule's own wording names the item; the value is the answer on the 0–3 scale.
    message: `${a.message} (item ${a.itemId.replace(/^.*_/, '')} answered ${a.value}).`,
    administrationId: ids.administrationId,
    sessionId: ids.sessionId,
  }));
}

/** Create the alerts inside the caller's transaction, with their audit entries. */
export async function raiseAlerts(
  deps: ClinicalDeps,
  tx: StoreTx,
  actor: Pick<Actor, 'id'> | null,
  alerts: readonly NewAlert[],
): Promise<ClinicalAlert[]> {
  const out: ClinicalAlert[] = [];
  for (const a of alerts) {
    const alert = await tx.alerts.create(a);
    await audit(deps, tx, actor, 'create', 'alert', alert.id);
    out.push(alert);
  }
  return out;
}

export class AlertService {
  constructor(private readonly deps: ClinicalDeps) {}

  /** Alerts over the actor's caseload (own and supervisees'), newest first. */
  async list(actor: Actor, status: 'open' | 'all'): Promise<ClinicalAlert[]> {
    enforce(actor, 'read', { type: 'caseload' });
    const alerts = await this.deps.store.alerts.listForClinicians(
      [actor.id, ...actor.superviseeIds],
      { openOnly: status === 'open' },
    );
    const visible = alerts.filter(
      (a) => authorize(actor, 'read', { type: 'client', ownerClinicianId: a.clinicianId }).allowed,
    );
    await auditAccess(this.deps, actor, 'read', ['alert', visible.map((a) => a.id)]);
    return visible;
  }

  /** Acknowledge (owner only; a supervisor reading it gets 403, anyone else 404). */
  async acknowledge(actor: Actor, alertId: string): Promise<ClinicalAlert> {
    const alert = await this.deps.store.alerts.get(alertId);
    if (!alert) {
      enforce(actor, 'read', { type: 'caseload' });
      throw notFound('alert');
    }
    const client = await this.deps.store.clients.get(alert.clientId);
    if (!client) throw notFound('alert');
    enforceOnChild(actor, 'write', client.clinicianId, 'alert');
    if (alert.acknowledgedAt !== null) return alert; // idempotent: the first acknowledgement stays
    return this.deps.store.transaction(async (tx) => {
      const out = await tx.alerts.acknowledge(
        alertId,
        actor.id,
        this.deps.clock.now().toISOString(),
      );
      if (!out.ok) {
        if (out.reason === 'conflict') {
          const now = await tx.alerts.get(alertId);
          if (now) return now;
        }
        throw outcomeError(out.reason, 'alert');
      }
      await audit(this.deps, tx, actor, 'update', 'alert', alertId);
      return out.value;
    });
  }
}
