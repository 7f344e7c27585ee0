/**
 * Clinical alerts (issue 5): raised by PHQ-9 item 9 (here, from a score's item alerts) or by
 * session risk, for the clinician who owns the client. The caseload list is the owner's own
 * alerts plus (supervisors) their supervisees'; only the owner acknowledges (records who and
 * when; the clinical task itself is the safety assessment). Acknowledgements are audited, and so
 * is each user's FIRST sight of an alert (record type `alert`, ids only): the banner polls every
 * 15 s, and one entry per open alert per poll would bury the log. Kind and message are sealed at
 * rest (they are PHI: a suicidality flag, an item-9 answer); they never quote the client.
 */
import type { Analysis, RiskKind } from '../../core/analysis/schema.js';
import type { ClinicalAlert } from '../domain/schemas.js';
import type { ScoreResult } from '../../core/measures/schema.js';
import { riskShortName } from '../../core/notes/labels.js';
import { notFound, outcomeError } from '../errors.js';
import type { NewAlert } from '../store/port.js';
import { authorize, enforce, type Actor } from './access.js';
import { audit, type StoreTx } from './audit.js';
import { clientOfRecord } from './care-access.js';
import type { ClinicalDeps } from './clients.js';

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

/** Risk kinds that raise a `session_risk` alert when the session analysis finds them endorsed. */
const ALERTING_RISK_KINDS: readonly RiskKind[] = [
  'suicidal_ideation',
  'suicide_plan',
  'self_harm',
  'homicidal_ideation',
];

/**
 * The `session_risk` alert a drafted analysis raises, or null: urgent when the client ENDORSED
 * any of `ALERTING_RISK_KINDS` (denied, unclear and not assessed raise nothing). The message
 * names the risk kinds only, never transcript text.
 */
function sessionRiskAlert(
  analysis: Pick<Analysis, 'risk'>,
  ids: { clientId: string; clinicianId: string; sessionId: string },
): NewAlert | null {
  const endorsed = ALERTING_RISK_KINDS.filter((k) =>
    analysis.risk.some((r) => r.kind === k && r.status === 'endorsed'),
  );
  if (endorsed.length === 0) return null;
  return {
    clientId: ids.clientId,
    clinicianId: ids.clinicianId,
    kind: 'session_risk',
    severity: 'urgent',
    message: `Session analysis: the client endorsed ${endorsed.map(riskShortName).join(', ')}. Open a safety assessment.`,
    administrationId: null,
    sessionId: ids.sessionId,
  };
}

/**
 * Raise the session's risk alert inside the transaction that stores its draft (typed transcript,
 * upload, live finish, relabel): at most one open `session_risk` alert per session, so a re-draft
 * does not add a second while the first is unacknowledged. Returns the alert raised, if any.
 */
export async function raiseSessionRisk(
  deps: ClinicalDeps,
  tx: StoreTx,
  actor: Pick<Actor, 'id'> | null,
  analysis: Pick<Analysis, 'risk'>,
  ids: { clientId: string; clinicianId: string; sessionId: string },
): Promise<ClinicalAlert | null> {
  const alert = sessionRiskAlert(analysis, ids);
  if (!alert) return null;
  if (await tx.alerts.openSessionRisk(ids.sessionId)) return null;
  const [raised] = await raiseAlerts(deps, tx, actor, [alert]);
  return raised ?? null;
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
    await this.recordFirstReads(actor, visible);
    return visible;
  }

  /**
   * Audit the alerts this user sees for the first time (one entry per user and alert, ever);
   * the read marks and their entries commit together. No write when all were seen before.
   */
  private async recordFirstReads(actor: Actor, alerts: readonly ClinicalAlert[]): Promise<void> {
    const { store } = this.deps;
    const unseen = await store.alerts.unread(
      alerts.map((a) => a.id),
      actor.id,
    );
    if (unseen.length === 0) return;
    await store.transaction(async (tx) => {
      const first = await tx.alerts.markRead(unseen, actor.id, this.deps.clock.now().toISOString());
      await audit(this.deps, tx, actor, 'read', 'alert', ...first);
    });
  }

  /** Acknowledge (owner only; a supervisor reading it gets 403, anyone else 404). */
  async acknowledge(actor: Actor, alertId: string): Promise<ClinicalAlert> {
    const alert = await this.deps.store.alerts.get(alertId);
    await clientOfRecord(this.deps.store, actor, alert?.clientId, 'write', 'alert');
    if (!alert) throw notFound('alert'); // unreachable: clientOfRecord threw
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
