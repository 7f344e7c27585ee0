/**
 * The job queue (repository): jobs leased to one worker at a time, shared by every process on
 * the database. A claim picks the oldest due job and leases it in one transaction; on PostgreSQL
 * the candidate row is locked with `FOR UPDATE SKIP LOCKED`, so concurrent claimers in several
 * processes each get a different job (or none) without waiting on each other; SQLite has one
 * writer at a time (the transaction holds the write lock from its start).
 */
import type { Selectable } from 'kysely';
import type { Ctx, JobsTable } from '../db.js';
import type { Job, JobKind, JobRepo, JobStatus } from '../port.js';
import { atomic, changed, insertionOrder, newId } from '../util.js';

const TABLE = 'jobs';

function toJob(r: Selectable<JobsTable>): Job {
  return {
    id: r.id,
    kind: r.kind as JobKind,
    sessionId: r.session_id,
    status: r.status as JobStatus,
    attempts: r.attempts,
    maxAttempts: r.max_attempts,
    runAfter: r.run_after,
    lockedBy: r.locked_by,
    leaseUntil: r.lease_until,
    error: r.error_code === null ? null : { code: r.error_code, message: r.error_message ?? '' },
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

const plus = (iso: string, ms: number): string => new Date(Date.parse(iso) + ms).toISOString();

export function jobRepo(ctx: Ctx): JobRepo {
  return {
    async enqueue({ kind, sessionId, maxAttempts, runAfter }) {
      const now = ctx.now();
      const row: Selectable<JobsTable> = {
        id: newId(),
        kind,
        session_id: sessionId,
        status: 'queued',
        attempts: 0,
        max_attempts: maxAttempts,
        run_after: runAfter,
        locked_by: null,
        lease_until: null,
        error_code: null,
        error_message: null,
        created_at: now,
        updated_at: now,
      };
      await ctx.db.insertInto(TABLE).values(row).execute();
      return toJob(row);
    },

    async get(id) {
      const r = await ctx.db.selectFrom(TABLE).selectAll().where('id', '=', id).executeTakeFirst();
      return r && toJob(r);
    },

    async listForSession(sessionId) {
      const rows = await ctx.db
        .selectFrom(TABLE)
        .selectAll()
        .where('session_id', '=', sessionId)
        .orderBy('created_at')
        .orderBy(insertionOrder(ctx, TABLE))
        .execute();
      return rows.map(toJob);
    },

    claim(workerId, now, leaseMs) {
      return atomic(ctx, async (tx) => {
        let pick = tx.db
          .selectFrom(TABLE)
          .select('id')
          .where((eb) =>
            eb.or([
              eb.and([eb('status', '=', 'queued'), eb('run_after', '<=', now)]),
              eb.and([eb('status', '=', 'running'), eb('lease_until', '<', now)]),
            ]),
          )
          .orderBy('run_after')
          .orderBy(insertionOrder(tx, TABLE))
          .limit(1);
        if (tx.kind === 'postgres') pick = pick.forUpdate().skipLocked();
        const candidate = await pick.executeTakeFirst();
        if (!candidate) return undefined;
        const r = await tx.db
          .updateTable(TABLE)
          .set((eb) => ({
            status: 'running',
            locked_by: workerId,
            lease_until: plus(now, leaseMs),
            attempts: eb('attempts', '+', 1),
            updated_at: now,
          }))
          .where('id', '=', candidate.id)
          .returningAll()
          .executeTakeFirst();
        return r && toJob(r);
      });
    },

    async heartbeat(id, workerId, now, leaseMs) {
      const r = await ctx.db
        .updateTable(TABLE)
        .set({ lease_until: plus(now, leaseMs), updated_at: now })
        .where('id', '=', id)
        .where('locked_by', '=', workerId)
        .where('status', '=', 'running')
        .executeTakeFirst();
      return changed(r) > 0;
    },

    async complete(id, workerId, now) {
      const r = await ctx.db
        .updateTable(TABLE)
        .set({ status: 'done', locked_by: null, lease_until: null, updated_at: now })
        .where('id', '=', id)
        .where('locked_by', '=', workerId)
        .where('status', '=', 'running')
        .executeTakeFirst();
      return changed(r) > 0;
    },

    fail(id, workerId, now, error, retryAt) {
      return atomic(ctx, async (tx) => {
        const job = await tx.db
          .selectFrom(TABLE)
          .select(['attempts', 'max_attempts'])
          .where('id', '=', id)
          .where('locked_by', '=', workerId)
          .where('status', '=', 'running')
          .executeTakeFirst();
        if (!job) return undefined;
        const retry = retryAt !== null && job.attempts < job.max_attempts;
        const status: JobStatus = retry ? 'queued' : 'failed';
        await tx.db
          .updateTable(TABLE)
          .set({
            status,
            locked_by: null,
            lease_until: null,
            ...(retry ? { run_after: retryAt } : {}),
            error_code: error.code,
            error_message: error.message,
            updated_at: now,
          })
          .where('id', '=', id)
          .execute();
        return status;
      });
    },

    async release(id, workerId, now) {
      const r = await ctx.db
        .updateTable(TABLE)
        .set((eb) => ({
          status: 'queued',
          locked_by: null,
          lease_until: null,
          attempts: eb('attempts', '-', 1),
          run_after: now,
          updated_at: now,
        }))
        .where('id', '=', id)
        .where('locked_by', '=', workerId)
        .where('status', '=', 'running')
        .executeTakeFirst();
      return changed(r) > 0;
    },
  };
}
