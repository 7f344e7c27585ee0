/**
 * Signed treatment-plan versions (migration 0006): every signature keeps the plan as it was
 * signed, numbered 1, 2, … per client, sealed at rest. Editing the plan afterwards clears the
 * plan's signature; its versions stay.
 */
import { ClientPlanSchema, type PlanVersion } from '../../domain/schemas.js';
import type { Ctx } from '../db.js';
import type { PlanVersionRepo } from '../port.js';
import { atomic, openJson, sealJson } from '../util.js';

/** The row id in the AAD: one row per client and version. */
const rowId = (clientId: string, version: number): string => `${clientId}:${version}`;

export function planVersionRepo(ctx: Ctx): PlanVersionRepo {
  return {
    async add(clientId, plan) {
      return atomic(ctx, async (tx) => {
        const last = await tx.db
          .selectFrom('plan_versions')
          .select((eb) => eb.fn.max('version').as('n'))
          .where('client_id', '=', clientId)
          .executeTakeFirst();
        const version = (last?.n ?? 0) + 1;
        await tx.db
          .insertInto('plan_versions')
          .values({
            client_id: clientId,
            version,
            plan: sealJson(tx, 'plan_versions', rowId(clientId, version), 'plan', plan),
            signed_by: plan.signature.signedBy,
            signed_at: plan.signature.signedAt,
          })
          .execute();
        return { version, plan, signedAt: plan.signature.signedAt };
      });
    },

    async list(clientId) {
      const rows = await ctx.db
        .selectFrom('plan_versions')
        .select(['version', 'plan', 'signed_at'])
        .where('client_id', '=', clientId)
        .orderBy('version')
        .execute();
      return rows.map((r): PlanVersion => ({
        version: r.version,
        plan: ClientPlanSchema.parse(
          openJson(ctx, 'plan_versions', rowId(clientId, r.version), 'plan', r.plan),
        ),
        signedAt: r.signed_at,
      }));
    },
  };
}
