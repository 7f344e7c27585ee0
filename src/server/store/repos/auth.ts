import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { AuthSessionRepo, LoginThrottleRepo, SettingsRepo } from '../port.js';
import type { Ctx } from '../db.js';
import { atomic, bool, changed, countRows, newId } from '../util.js';

export function authSessionRepo(ctx: Ctx): AuthSessionRepo {
  return {
    async create(s) {
      await ctx.db
        .insertInto('auth_sessions')
        .values({
          id: s.id,
          user_id: s.userId,
          csrf_token: s.csrfToken,
          mfa_verified: s.mfaVerified ? 1 : 0,
          created_at: s.createdAt,
          last_seen_at: s.lastSeenAt,
        })
        .execute();
    },
    async get(id) {
      const r = await ctx.db
        .selectFrom('auth_sessions')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return (
        r && {
          id: r.id,
          userId: r.user_id,
          csrfToken: r.csrf_token,
          mfaVerified: bool(r.mfa_verified),
          createdAt: r.created_at,
          lastSeenAt: r.last_seen_at,
        }
      );
    },
    async touch(id, lastSeenAt) {
      await ctx.db
        .updateTable('auth_sessions')
        .set({ last_seen_at: lastSeenAt })
        .where('id', '=', id)
        .execute();
    },
    async setMfaVerified(id) {
      await ctx.db
        .updateTable('auth_sessions')
        .set({ mfa_verified: 1 })
        .where('id', '=', id)
        .execute();
    },
    async delete(id) {
      await ctx.db.deleteFrom('auth_sessions').where('id', '=', id).execute();
    },
    async deleteForUser(userId) {
      await ctx.db.deleteFrom('auth_sessions').where('user_id', '=', userId).execute();
    },
    async purgeExpired(idleBefore, createdBefore) {
      const r = await ctx.db
        .deleteFrom('auth_sessions')
        .where((eb) =>
          eb.or([eb('last_seen_at', '<', idleBefore), eb('created_at', '<', createdBefore)]),
        )
        .executeTakeFirst();
      return changed(r);
    },
  };
}

/** First key of the two-key advisory locks a throttle key takes on PostgreSQL (any constant). */
const THROTTLE_LOCK_CLASS = 0x7468_726f;

/** The second key: 32 bits of the throttle key's SHA-256 (a collision only makes two keys wait). */
function throttleLockId(key: string): number {
  return createHash('sha256').update(key, 'utf8').digest().readInt32BE(0);
}

export function loginThrottleRepo(ctx: Ctx): LoginThrottleRepo {
  const attempts = (db: Ctx['db'], key: string, windowStart: string) =>
    countRows(
      db
        .selectFrom('login_failures')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('key', '=', key)
        .where('at', '>=', windowStart),
    );
  return {
    reserve(key, now, windowStart) {
      // Prune, insert and count must not interleave with another reservation of the same key, or
      // two of them could both count N. SQLite: the transaction is BEGIN IMMEDIATE (one writer at
      // a time, all processes). PostgreSQL: a transaction-scoped advisory lock per key, so each
      // reservation's statements (READ COMMITTED) see every earlier one committed.
      return atomic(ctx, async (tx) => {
        if (ctx.kind === 'postgres') {
          await sql`select pg_advisory_xact_lock(${sql.lit(THROTTLE_LOCK_CLASS)}, ${sql.lit(throttleLockId(key))})`.execute(
            tx.db,
          );
        }
        // Forget attempts that fell out of the window, so the table stays small.
        await tx.db
          .deleteFrom('login_failures')
          .where('key', '=', key)
          .where('at', '<', windowStart)
          .execute();
        const id = newId();
        await tx.db.insertInto('login_failures').values({ id, key, at: now }).execute();
        return { id, count: await attempts(tx.db, key, windowStart) };
      });
    },
    async release(key, id) {
      await ctx.db
        .deleteFrom('login_failures')
        .where('id', '=', id)
        .where('key', '=', key)
        .execute();
    },
    attempts: (key, windowStart) => attempts(ctx.db, key, windowStart),
    async reset(key) {
      await ctx.db.deleteFrom('login_failures').where('key', '=', key).execute();
    },
  };
}

export function settingsRepo(ctx: Ctx): SettingsRepo {
  return {
    async get(key) {
      const r = await ctx.db
        .selectFrom('settings')
        .select('value')
        .where('key', '=', key)
        .executeTakeFirst();
      return r?.value;
    },
    async put(key, value) {
      await ctx.db
        .insertInto('settings')
        .values({ key, value })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
        .execute();
    },
  };
}
