/**
 * Safety assessments and the collaborative safety plan (migration 0006). Their clinical content
 * is one sealed column each; status, who and when are plain. A confirmed assessment is locked (the
 * store refuses changes with `locked`); a safety plan that is changed goes back to draft and keeps
 * the version that was confirmed as `lastConfirmed`, sealed in the same column.
 */
import type { Selectable } from 'kysely';
import {
  safetyAssessmentContent,
  type ConfirmedSafetyPlan,
  type SafetyAssessment,
  type SafetyPlan,
} from '../../domain/care.js';
import type { Ctx, SafetyAssessmentsTable, SafetyPlansTable } from '../db.js';
import type {
  SafetyAssessmentContent,
  SafetyAssessmentRepo,
  SafetyPlanContent,
  SafetyPlanRepo,
  UpdateOutcome,
} from '../port.js';
import { atomic, insertionOrder, newId, openJson, sealJson } from '../util.js';

type SealedAssessment = SafetyAssessmentContent & Pick<SafetyAssessment, 'trigger'>;

const A_COLUMNS = [
  'id',
  'client_id',
  'session_id',
  'status',
  'body',
  'confirmed_at',
  'confirmed_by',
  'created_by',
  'created_at',
  'updated_at',
] as const;

function toAssessment(ctx: Ctx, r: Selectable<SafetyAssessmentsTable>): SafetyAssessment {
  const body = openJson(ctx, 'safety_assessments', r.id, 'body', r.body) as SealedAssessment;
  return {
    ...safetyAssessmentContent(body),
    id: r.id,
    clientId: r.client_id,
    sessionId: r.session_id,
    trigger: body.trigger,
    status: r.status as SafetyAssessment['status'],
    confirmedAt: r.confirmed_at,
    confirmedBy: r.confirmed_by,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function safetyAssessmentRepo(ctx: Ctx): SafetyAssessmentRepo {
  const get = async (id: string): Promise<SafetyAssessment | undefined> => {
    const r = await ctx.db
      .selectFrom('safety_assessments')
      .select(A_COLUMNS)
      .where('id', '=', id)
      .executeTakeFirst();
    return r && toAssessment(ctx, r);
  };
  /** Why a draft-only write changed nothing. */
  const missed = async (id: string): Promise<UpdateOutcome<SafetyAssessment>> => ({
    ok: false,
    reason: (await get(id)) ? 'locked' : 'not_found',
  });

  return {
    async create(input) {
      const id = newId();
      const now = ctx.now();
      const sealed: SealedAssessment = {
        ...safetyAssessmentContent(input),
        trigger: input.trigger,
      };
      await ctx.db
        .insertInto('safety_assessments')
        .values({
          id,
          client_id: input.clientId,
          session_id: input.sessionId,
          status: 'draft',
          body: sealJson(ctx, 'safety_assessments', id, 'body', sealed),
          confirmed_at: null,
          confirmed_by: null,
          created_by: input.createdBy,
          created_at: now,
          updated_at: now,
        })
        .execute();
      return {
        ...safetyAssessmentContent(input),
        id,
        clientId: input.clientId,
        sessionId: input.sessionId,
        trigger: input.trigger,
        status: 'draft',
        confirmedAt: null,
        confirmedBy: null,
        createdBy: input.createdBy,
        createdAt: now,
        updatedAt: now,
      };
    },

    get,

    async listForClient(clientId) {
      const rows = await ctx.db
        .selectFrom('safety_assessments')
        .select(A_COLUMNS)
        .where('client_id', '=', clientId)
        .orderBy('created_at', 'desc')
        .orderBy(insertionOrder(ctx, 'safety_assessments'), 'desc')
        .execute();
      return rows.map((r) => toAssessment(ctx, r));
    },

    async updateDraft(id, content) {
      const current = await get(id);
      if (!current) return { ok: false, reason: 'not_found' };
      const sealed: SealedAssessment = {
        ...safetyAssessmentContent(content),
        trigger: current.trigger,
      };
      const r = await ctx.db
        .updateTable('safety_assessments')
        .set({
          body: sealJson(ctx, 'safety_assessments', id, 'body', sealed),
          updated_at: ctx.now(),
        })
        .where('id', '=', id)
        .where('status', '=', 'draft')
        .returning(A_COLUMNS)
        .executeTakeFirst();
      return r ? { ok: true, value: toAssessment(ctx, r) } : missed(id);
    },

    async confirm(id, by, at) {
      const r = await ctx.db
        .updateTable('safety_assessments')
        .set({ status: 'confirmed', confirmed_at: at, confirmed_by: by, updated_at: at })
        .where('id', '=', id)
        .where('status', '=', 'draft')
        .returning(A_COLUMNS)
        .executeTakeFirst();
      return r ? { ok: true, value: toAssessment(ctx, r) } : missed(id);
    },
  };
}

const P_COLUMNS = [
  'client_id',
  'status',
  'body',
  'confirmed_at',
  'confirmed_by',
  'updated_at',
] as const;

/** Only the content fields, whatever else the object carries. */
function planContent(p: SafetyPlanContent): SafetyPlanContent {
  return {
    warningSigns: p.warningSigns,
    copingStrategies: p.copingStrategies,
    distractions: p.distractions,
    helpContacts: p.helpContacts,
    professionals: p.professionals,
    environmentSafety: p.environmentSafety,
    reasonsForLiving: p.reasonsForLiving,
  };
}

/** What the safety plan's sealed column holds: its content and the last confirmed version. */
type SealedPlan = SafetyPlanContent & { lastConfirmed?: ConfirmedSafetyPlan | null };

function sealPlan(ctx: Ctx, clientId: string, v: SealedPlan): string {
  return sealJson(ctx, 'safety_plans', clientId, 'body', v);
}

function toPlan(ctx: Ctx, r: Selectable<SafetyPlansTable>): SafetyPlan {
  const body = openJson(ctx, 'safety_plans', r.client_id, 'body', r.body) as SealedPlan;
  return {
    ...planContent(body),
    clientId: r.client_id,
    status: r.status as SafetyPlan['status'],
    confirmedAt: r.confirmed_at,
    confirmedBy: r.confirmed_by,
    updatedAt: r.updated_at,
    lastConfirmed: body.lastConfirmed ?? null,
  };
}

export function safetyPlanRepo(ctx: Ctx): SafetyPlanRepo {
  const get = async (clientId: string): Promise<SafetyPlan | undefined> => {
    const r = await ctx.db
      .selectFrom('safety_plans')
      .select(P_COLUMNS)
      .where('client_id', '=', clientId)
      .executeTakeFirst();
    return r && toPlan(ctx, r);
  };
  return {
    get,

    async put(clientId, content) {
      return atomic(ctx, async (tx) => {
        const now = ctx.now();
        const current = await safetyPlanRepo(tx).get(clientId);
        // The confirmed version this write replaces (or the one kept by an earlier change).
        const lastConfirmed: ConfirmedSafetyPlan | null =
          current?.status === 'confirmed' && current.confirmedAt && current.confirmedBy
            ? {
                ...planContent(current),
                confirmedAt: current.confirmedAt,
                confirmedBy: current.confirmedBy,
              }
            : (current?.lastConfirmed ?? null);
        const body = sealPlan(ctx, clientId, { ...planContent(content), lastConfirmed });
        const draft = {
          status: 'draft',
          body,
          confirmed_at: null,
          confirmed_by: null,
          updated_at: now,
        };
        await tx.db
          .insertInto('safety_plans')
          .values({ client_id: clientId, ...draft })
          .onConflict((oc) => oc.column('client_id').doUpdateSet(draft))
          .execute();
        return {
          ...planContent(content),
          clientId,
          status: 'draft' as const,
          confirmedAt: null,
          confirmedBy: null,
          updatedAt: now,
          lastConfirmed,
        };
      });
    },

    async confirm(clientId, by, at) {
      return atomic(ctx, async (tx) => {
        const current = await safetyPlanRepo(tx).get(clientId);
        if (!current) return { ok: false, reason: 'not_found' } as const;
        const r = await tx.db
          .updateTable('safety_plans')
          .set({
            status: 'confirmed',
            confirmed_at: at,
            confirmed_by: by,
            updated_at: at,
            body: sealPlan(ctx, clientId, { ...planContent(current), lastConfirmed: null }),
          })
          .where('client_id', '=', clientId)
          .where('status', '=', 'draft')
          .returning(P_COLUMNS)
          .executeTakeFirst();
        if (r) return { ok: true, value: toPlan(ctx, r) } as const;
        return { ok: false, reason: 'locked' } as const;
      });
    },
  };
}
