import type { Selectable } from 'kysely';
import {
  ClientPlanSchema,
  type Client,
  type ClientPlan,
  type ClientProfile,
} from '../../domain/schemas.js';
import type { ClientsTable, Ctx } from '../db.js';
import type { ClientRepo, PlanRepo } from '../port.js';
import { insertionOrder, newId, openJson, sealJson } from '../util.js';

const COLUMNS = ['id', 'clinician_id', 'profile', 'created_at', 'updated_at'] as const;

function toClient(ctx: Ctx, r: Selectable<ClientsTable>): Client {
  return {
    id: r.id,
    clinicianId: r.clinician_id,
    profile: openJson(ctx, 'clients', r.id, 'profile', r.profile) as ClientProfile,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function clientRepo(ctx: Ctx): ClientRepo {
  return {
    async create(clinicianId, profile) {
      const id = newId();
      const now = ctx.now();
      await ctx.db
        .insertInto('clients')
        .values({
          id,
          clinician_id: clinicianId,
          profile: sealJson(ctx, 'clients', id, 'profile', profile),
          created_at: now,
          updated_at: now,
        })
        .execute();
      return { id, clinicianId, profile, createdAt: now, updatedAt: now };
    },

    async get(id) {
      const r = await ctx.db
        .selectFrom('clients')
        .select(COLUMNS)
        .where('id', '=', id)
        .executeTakeFirst();
      return r && toClient(ctx, r);
    },

    async listForClinicians(clinicianIds) {
      if (clinicianIds.length === 0) return [];
      const rows = await ctx.db
        .selectFrom('clients')
        .select(COLUMNS)
        .where('clinician_id', 'in', [...clinicianIds])
        .orderBy('created_at')
        .orderBy(insertionOrder(ctx, 'clients'))
        .execute();
      return rows.map((r) => toClient(ctx, r));
    },

    async updateProfile(id, profile) {
      const r = await ctx.db
        .updateTable('clients')
        .set({ profile: sealJson(ctx, 'clients', id, 'profile', profile), updated_at: ctx.now() })
        .where('id', '=', id)
        .returning(COLUMNS)
        .executeTakeFirst();
      return r ? { ok: true, value: toClient(ctx, r) } : { ok: false, reason: 'not_found' };
    },
  };
}

export function planRepo(ctx: Ctx): PlanRepo {
  return {
    async get(clientId) {
      const r = await ctx.db
        .selectFrom('plans')
        .select('plan')
        .where('client_id', '=', clientId)
        .executeTakeFirst();
      // Parsed: plans stored before issue 5 gain the new fields' defaults.
      return r && ClientPlanSchema.parse(openJson(ctx, 'plans', clientId, 'plan', r.plan));
    },

    async listForClients(clientIds) {
      const out = new Map<string, ClientPlan>();
      for (let i = 0; i < clientIds.length; i += 500) {
        const rows = await ctx.db
          .selectFrom('plans')
          .select(['client_id', 'plan'])
          .where('client_id', 'in', clientIds.slice(i, i + 500))
          .execute();
        for (const r of rows) {
          const plan = openJson(ctx, 'plans', r.client_id, 'plan', r.plan);
          out.set(r.client_id, ClientPlanSchema.parse(plan));
        }
      }
      return out;
    },

    /** Replace the client's plan; `updatedAt` is set to now. */
    async put(clientId, plan) {
      const now = ctx.now();
      const stored: ClientPlan = { ...plan, updatedAt: now };
      const sealed = sealJson(ctx, 'plans', clientId, 'plan', stored);
      await ctx.db
        .insertInto('plans')
        .values({ client_id: clientId, plan: sealed, updated_at: now })
        .onConflict((oc) => oc.column('client_id').doUpdateSet({ plan: sealed, updated_at: now }))
        .execute();
      return stored;
    },
  };
}
