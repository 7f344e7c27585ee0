import { sql, type RawBuilder } from 'kysely';
import type { Ctx, Database } from './db.js';

/** Record ids come from security/tokens.ts (16 random bytes, base64url; matches `IdSchema`). */
export { newId } from '../security/tokens.js';

/** The additional authenticated data that binds a sealed value to its table, row and column. */
export function aad(table: string, rowId: string, column: string): string {
  return `docscrib:${table}:${rowId}:${column}`;
}

export function sealJson(ctx: Ctx, table: string, rowId: string, column: string, v: unknown) {
  return ctx.cipher.seal(JSON.stringify(v), aad(table, rowId, column));
}

/** The parsed JSON of a sealed column (the caller asserts its type: the store wrote it). */
export function openJson(
  ctx: Ctx,
  table: string,
  rowId: string,
  column: string,
  s: string,
): unknown {
  return JSON.parse(ctx.cipher.open(s, aad(table, rowId, column)));
}

/**
 * Run `fn` atomically: inside the current transaction when there is one (a `store.transaction`),
 * otherwise in a new transaction (on SQLite a `BEGIN IMMEDIATE`, see dialect.ts).
 */
export async function atomic<T>(ctx: Ctx, fn: (tx: Ctx) => Promise<T>): Promise<T> {
  if (ctx.db.isTransaction) return fn(ctx);
  return ctx.db.transaction().execute((trx) => fn({ ...ctx, db: trx }));
}

/** `ORDER BY` key for insertion order (SQLite rowid, PostgreSQL identity column `ord`). */
export function insertionOrder(ctx: Ctx, table: keyof Database): RawBuilder<unknown> {
  return sql.ref(`${table}.${ctx.kind === 'sqlite' ? 'rowid' : 'ord'}`);
}

/** A unique-constraint violation (SQLite or PostgreSQL). */
export function isUniqueViolation(e: unknown): boolean {
  if (typeof e !== 'object' || e === null || !('code' in e)) return false;
  const code = e.code;
  return (
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    code === '23505'
  );
}

/** Any constant; the key of the PostgreSQL advisory lock that `store.transaction` takes. */
const TRANSACTION_LOCK_KEY = 0x0d0c_7a11;

/**
 * Run `fn` in a transaction that runs alone, as on SQLite (one writer at a time): on PostgreSQL
 * it first takes a transaction-scoped advisory lock, so explicit transactions from every process
 * that shares the database run one after another, and a check-then-write inside one (e.g. "create
 * the first user while there is none") holds. READ COMMITTED: each statement after the lock sees
 * everything committed before it, and `fn` runs exactly once (no retries).
 */
export async function serialTransaction<T>(ctx: Ctx, fn: (tx: Ctx) => Promise<T>): Promise<T> {
  return ctx.db.transaction().execute(async (trx) => {
    if (ctx.kind === 'postgres') {
      await sql`select pg_advisory_xact_lock(${sql.lit(TRANSACTION_LOCK_KEY)})`.execute(trx);
    }
    return fn({ ...ctx, db: trx });
  });
}

/** Number of rows changed by an update or delete. */
export function changed(result: { numUpdatedRows?: bigint; numDeletedRows?: bigint }): number {
  return Number(result.numUpdatedRows ?? result.numDeletedRows ?? 0n);
}

/** `count(*)` comes back as a number (SQLite) or a numeric string (PostgreSQL bigint). */
export async function countRows(query: {
  executeTakeFirst(): Promise<{ n: string | number | bigint } | undefined>;
}): Promise<number> {
  const row = await query.executeTakeFirst();
  return Number(row?.n ?? 0);
}

export const bool = (n: number): boolean => n !== 0;
export const int = (b: boolean): number => (b ? 1 : 0);
