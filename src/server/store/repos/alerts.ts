/**
 * Clinical alerts (issue 5): PHQ-9 item 9 and session risk, for the client's clinician. An
 * alert's kind and message are PHI (a suicidality flag, an item-9 answer) and are sealed, bound
 * to their row and column; ids, severity and times stay in the clear for queries. A `session_risk`
 * alert is the one kind raised without an administration, so the store finds a session's risk
 * alerts by `administration_id is null` without opening the kind. Acknowledging is a
 * compare-and-set (once); a safety assessment opened for an alert is linked with
 * `linkSafetyAssessment`; `markRead` records each user's first sight of an alert (0007).
 */
import type { Selectable } from 'kysely';
import { AlertKindSchema, type ClinicalAlert } from '../../domain/care.js';
import type { ClinicalAlertsTable, Ctx } from '../db.js';
import type { AlertRepo } from '../port.js';
import { changed, insertionOrder, newId, openJson, sealJson } from '../util.js';

const TABLE = 'clinical_alerts';

/** Kind and message of a row; rows written before migration 0007 hold them in the clear. */
function openKindAndMessage(
  ctx: Ctx,
  r: Selectable<ClinicalAlertsTable>,
): Pick<ClinicalAlert, 'kind' | 'message'> {
  const legacy = AlertKindSchema.safeParse(r.kind);
  if (legacy.success) return { kind: legacy.data, message: r.message };
  return {
    kind: AlertKindSchema.parse(openJson(ctx, TABLE, r.id, 'kind', r.kind)),
    message: String(openJson(ctx, TABLE, r.id, 'message', r.message)),
  };
}

function toAlert(ctx: Ctx, r: Selectable<ClinicalAlertsTable>): ClinicalAlert {
  return {
    id: r.id,
    clientId: r.client_id,
    clinicianId: r.clinician_id,
    ...openKindAndMessage(ctx, r),
    severity: r.severity as ClinicalAlert['severity'],
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
    return r && toAlert(ctx, r);
  };
  return {
    async create(input) {
      const id = newId();
      const row: Selectable<ClinicalAlertsTable> = {
        id,
        client_id: input.clientId,
        clinician_id: input.clinicianId,
        kind: sealJson(ctx, TABLE, id, 'kind', input.kind),
        severity: input.severity,
        message: sealJson(ctx, TABLE, id, 'message', input.message),
        administration_id: input.administrationId,
        session_id: input.sessionId,
        safety_assessment_id: null,
        created_at: ctx.now(),
        acknowledged_at: null,
        acknowledged_by: null,
      };
      await ctx.db.insertInto(TABLE).values(row).execute();
      return toAlert(ctx, row);
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
      return rows.map((r) => toAlert(ctx, r));
    },

    async listForClient(clientId) {
      const rows = await ctx.db
        .selectFrom(TABLE)
        .selectAll()
        .where('client_id', '=', clientId)
        .orderBy('created_at', 'desc')
        .orderBy(insertionOrder(ctx, TABLE), 'desc')
        .execute();
      return rows.map((r) => toAlert(ctx, r));
    },

    async acknowledge(id, by, at) {
      const r = await ctx.db
        .updateTable(TABLE)
        .set({ acknowledged_at: at, acknowledged_by: by })
        .where('id', '=', id)
        .where('acknowledged_at', 'is', null)
        .returningAll()
        .executeTakeFirst();
      if (r) return { ok: true, value: toAlert(ctx, r) };
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
          : // session_risk alerts only: item-9 alerts always name their administration.
            q.where('session_id', '=', ref.sessionId).where('administration_id', 'is', null);
      return changed(await q.executeTakeFirst());
    },

    async openSessionRisk(sessionId) {
      const r = await ctx.db
        .selectFrom(TABLE)
        .selectAll()
        .where('session_id', '=', sessionId)
        .where('administration_id', 'is', null)
        .where('acknowledged_at', 'is', null)
        .orderBy('created_at', 'asc')
        .executeTakeFirst();
      return r && toAlert(ctx, r);
    },

    async markRead(alertIds, userId, at) {
      if (alertIds.length === 0) return [];
      const rows = await ctx.db
        .insertInto('alert_reads')
        .values(
          [...new Set(alertIds)].map((id) => ({
            alert_id: id,
            user_id: userId,
            first_read_at: at,
          })),
        )
        .onConflict((oc) => oc.columns(['alert_id', 'user_id']).doNothing())
        .returning('alert_id')
        .execute();
      return rows.map((r) => r.alert_id);
    },

    async unread(alertIds, userId) {
      if (alertIds.length === 0) return [];
      const seen = new Set(
        (
          await ctx.db
            .selectFrom('alert_reads')
            .select('alert_id')
            .where('user_id', '=', userId)
            .where('alert_id', 'in', [...alertIds])
            .execute()
        ).map((r) => r.alert_id),
      );
      return alertIds.filter((id) => !seen.has(id));
    },
  };
}
