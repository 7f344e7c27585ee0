import { sql, type Selectable } from 'kysely';
import type { AuditEntry } from '../../domain/schemas.js';
import type { AuditLogTable, Ctx } from '../db.js';
import type { AuditRepo } from '../port.js';
import { atomic } from '../util.js';

/** Any constant; the key of the PostgreSQL advisory lock that serializes audit appends. */
const AUDIT_LOCK_KEY = 0x0d0c_a0d1;

function toEntry(r: Selectable<AuditLogTable>): AuditEntry {
  return {
    seq: Number(r.seq),
    at: r.at,
    actorId: r.actor_id,
    action: r.action as AuditEntry['action'],
    recordType: r.record_type as AuditEntry['recordType'],
    recordId: r.record_id,
    mac: r.mac,
  };
}

export function auditRepo(ctx: Ctx): AuditRepo {
  return {
    /**
     * The chain's lock: the transaction itself on SQLite (`BEGIN IMMEDIATE` holds the database
     * write lock), plus a transaction-scoped advisory lock on PostgreSQL, where transactions alone
     * would let two processes read the same last entry. The primary key on `seq` is the last line
     * of defence: a fork could never be stored.
     */
    append(entry, mac) {
      return atomic(ctx, async (tx) => {
        if (tx.kind === 'postgres') {
          await sql`select pg_advisory_xact_lock(${sql.lit(AUDIT_LOCK_KEY)})`.execute(tx.db);
        }
        const last = await tx.db
          .selectFrom('audit_log')
          .select(['seq', 'mac'])
          .orderBy('seq', 'desc')
          .limit(1)
          .executeTakeFirst();
        const seq = last ? Number(last.seq) + 1 : 1;
        const full: AuditEntry = { ...entry, seq, mac: mac(last?.mac ?? null, seq) };
        await tx.db
          .insertInto('audit_log')
          .values({
            seq,
            at: full.at,
            actor_id: full.actorId,
            action: full.action,
            record_type: full.recordType,
            record_id: full.recordId,
            mac: full.mac,
          })
          .execute();
        return full;
      });
    },

    async list(afterSeq, limit) {
      const rows = await ctx.db
        .selectFrom('audit_log')
        .selectAll()
        .where('seq', '>', afterSeq)
        .orderBy('seq')
        .limit(limit)
        .execute();
      return rows.map(toEntry);
    },
  };
}
