/**
 * Informed-consent records (migration 0006). The content (intervention, what was discussed,
 * decision, date, notes) is one sealed column; kind, who and when are plain. Withdrawal sets
 * `withdrawn_at` once.
 */
import type { Selectable } from 'kysely';
import type { ConsentRecord } from '../../domain/schemas.js';
import type { ConsentsTable, Ctx } from '../db.js';
import type { ConsentRepo } from '../port.js';
import { insertionOrder, newId, openJson, sealJson } from '../util.js';

type Sealed = Pick<ConsentRecord, 'interventionId' | 'discussed' | 'decision' | 'date' | 'notes'>;

const COLUMNS = [
  'id',
  'client_id',
  'kind',
  'body',
  'recorded_by',
  'created_at',
  'withdrawn_at',
] as const;

function toConsent(ctx: Ctx, r: Selectable<ConsentsTable>): ConsentRecord {
  const body = openJson(ctx, 'consents', r.id, 'body', r.body) as Sealed;
  return {
    id: r.id,
    clientId: r.client_id,
    kind: r.kind as ConsentRecord['kind'],
    interventionId: body.interventionId,
    discussed: body.discussed,
    decision: body.decision,
    date: body.date,
    notes: body.notes,
    recordedBy: r.recorded_by,
    createdAt: r.created_at,
    withdrawnAt: r.withdrawn_at,
  };
}

export function consentRepo(ctx: Ctx): ConsentRepo {
  return {
    async create(input) {
      const id = newId();
      const now = ctx.now();
      const sealed: Sealed = {
        interventionId: input.interventionId,
        discussed: input.discussed,
        decision: input.decision,
        date: input.date,
        notes: input.notes,
      };
      await ctx.db
        .insertInto('consents')
        .values({
          id,
          client_id: input.clientId,
          kind: input.kind,
          body: sealJson(ctx, 'consents', id, 'body', sealed),
          recorded_by: input.recordedBy,
          created_at: now,
          withdrawn_at: null,
        })
        .execute();
      return { ...input, id, createdAt: now, withdrawnAt: null };
    },

    async get(id) {
      const r = await ctx.db
        .selectFrom('consents')
        .select(COLUMNS)
        .where('id', '=', id)
        .executeTakeFirst();
      return r && toConsent(ctx, r);
    },

    async listForClient(clientId) {
      const rows = await ctx.db
        .selectFrom('consents')
        .select(COLUMNS)
        .where('client_id', '=', clientId)
        .orderBy('created_at', 'desc')
        .orderBy(insertionOrder(ctx, 'consents'), 'desc')
        .execute();
      return rows.map((r) => toConsent(ctx, r));
    },

    async withdraw(id, at) {
      const r = await ctx.db
        .updateTable('consents')
        .set({ withdrawn_at: at })
        .where('id', '=', id)
        .where('withdrawn_at', 'is', null)
        .returning(COLUMNS)
        .executeTakeFirst();
      if (r) return { ok: true, value: toConsent(ctx, r) };
      const exists = await ctx.db
        .selectFrom('consents')
        .select('id')
        .where('id', '=', id)
        .executeTakeFirst();
      return { ok: false, reason: exists ? 'conflict' : 'not_found' };
    },
  };
}
