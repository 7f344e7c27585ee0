/**
 * Clinical alerts (issue 5): PHQ-9 item 9 and session risk, for the client's clinician. Messages
 * are written without PHI (kind, instrument, item and value). Acknowledging is a compare-and-set
 * (once); a safety assessment opened for an alert is linked with `linkSafetyAssessment`.
 */
import type { Selectable } from 'kysely';
import type { ClinicalAlert } from '../../domain/care.js';
import type { ClinicalAlertsTable, Ctx } from '../db.js';
import type { AlertRepo } from '../port.js';
import { changed, insertionOrder, newId } from '../util.js';

const TABLE = 'clinical_alerts';

function toAlert(r: Selectable<ClinicalAlertsTable>): ClinicalAlert {
  return {
    id: r.id,
    clientId: r.client_id,
    clinicianId: r.clinician_id,
    kind: r.kind as ClinicalAlert['kind'],
    severity: r.severity as ClinicalAlert['severity'],
    message: r.message,
    administrationId: r.administration_id,
    sessionId: r.session_id,
    safetyAssessmentId: r.safety_assessment_id,
    createdAt: r.created_at,
    acknowledgedAt: r.acknowledged_at,
    acknowledgedBy: r.acknowledged_by,
  };
}

export function alertRepo(ctx: Ctx): AlertRepo {
  const byId = async (id: string) => {
    const r = await ctx.db.selectFrom(TABLE).selectAll().where('id', '=', id).executeTakeFirst();
    return r && toAlert(r);
  };
  return {
    async create(input) {
      const row: Selectable<ClinicalAlertsTable> = {
        id: newId(),
        client_id: input.clientId,
        clinician_id: input.clinicianId,
        kind: input.kind,
        severity: input.severity,
        message: input.message,
        administration_id: input.administrationId,
        session_id: input.sessionId,
        safety_assessment_id: null,
        created_at: ctx.now(),
        acknowledged_at: null,
        acknowledged_by: null,
      };
      await ctx.db.insertInto(TABLE).values(row).execute();
      return toAlert(row);
    },

    get: byId,

    async listForClinicians(clinicianIds, { openOnly }) {
      if (clinicianIds.length === 0) return [];
      let q = ctx.db
        .selectFrom(TABLE)
        .selectAll()
        .where('clinician_id', 'in', [...clinicianIds]);
      if (openOnly) q = q.where('acknowledged_at', 'is', null);
      const rows = await q
        .orderBy('created_at', 'desc')
        .orderBy(insertionOrder(ctx, TABLE), 'desc')
        .execute();
      return rows.map(toAlert);
    },

    async listForClient(clientId) {
      const rows = await ctx.db
        .selectFrom(TABLE)
        .selectAll()
        .where('client_id', '=', clientId)
        .orderBy('created_at', 'desc')
        .orderBy(insertionOrder(ctx, TABLE), 'desc')
        .execute();
      return rows.map(toAlert);
    },

    async acknowledge(id, by, at) {
      const r = await ctx.db
        .updateTable(TABLE)
        .set({ acknowledged_at: at, acknowledged_by: by })
        .where('id', '=', id)
        .where('acknowledged_at', 'is', null)
        .returningAll()
        .executeTakeFirst();
      if (r) return { ok: true, value: toAlert(r) };
      return (await byId(id))
        ? { ok: false, reason: 'conflict' }
        : { ok: false, reason: 'not_found' };
    },

    async linkSafetyAssessment(ref, assessmentId) {
      let q = ctx.db
        .updateTable(TABLE)
        .set({ safety_assessment_id: assessmentId })
        .where('safety_assessment_id', 'is', null);
      q =
        'administrationId' in ref
          ? q.where('administration_id', '=', ref.administrationId)
          : q.where('session_id', '=', ref.sessionId);
      return changed(await q.executeTakeFirst());
    },
  };
}
