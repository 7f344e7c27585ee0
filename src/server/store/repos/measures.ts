/**
 * Measurement-based care repositories (issue 5): outcome-measure administrations (answers and
 * score sealed, the rest plain for queries), one-time client links (the token's hash only; the
 * single-use rule is one conditional UPDATE), recurring schedules, and the hit counters of the
 * rate-limited public endpoints (keys are HMACs, shared by every process, pruned globally).
 */
import { sql, type Selectable } from 'kysely';
import type {
  MeasureAdministration,
  MeasureLink,
  MeasureSchedule,
  ScheduleCadence,
} from '../../domain/care.js';
import type { InstrumentId, ScoreResult } from '../../../core/measures/schema.js';
import type {
  Ctx,
  MeasureAdministrationsTable,
  MeasureLinksTable,
  MeasureSchedulesTable,
} from '../db.js';
import type {
  MeasureLinkRepo,
  MeasureRepo,
  MeasureScheduleRepo,
  RateLimitRepo,
  UpdateOutcome,
} from '../port.js';
import {
  atomic,
  bool,
  countRows,
  insertionOrder,
  int,
  newId,
  openJson,
  sealJson,
} from '../util.js';

const ADMIN = 'measure_administrations';

function toAdministration(
  ctx: Ctx,
  r: Selectable<MeasureAdministrationsTable>,
): MeasureAdministration {
  return {
    id: r.id,
    clientId: r.client_id,
    instrument: r.instrument as InstrumentId,
    answers: openJson(ctx, ADMIN, r.id, 'answers', r.answers) as (number | null)[],
    score: openJson(ctx, ADMIN, r.id, 'score', r.score) as ScoreResult,
    administeredAt: r.administered_at,
    source: r.source as MeasureAdministration['source'],
    sessionId: r.session_id,
    enteredBy: r.entered_by,
    linkId: r.link_id,
    createdAt: r.created_at,
  };
}

export function measureRepo(ctx: Ctx): MeasureRepo {
  return {
    async create(input) {
      const id = newId();
      const now = ctx.now();
      await ctx.db
        .insertInto(ADMIN)
        .values({
          id,
          client_id: input.clientId,
          instrument: input.instrument,
          administered_at: input.administeredAt,
          source: input.source,
          session_id: input.sessionId,
          link_id: input.linkId,
          entered_by: input.enteredBy,
          answers: sealJson(ctx, ADMIN, id, 'answers', input.answers),
          score: sealJson(ctx, ADMIN, id, 'score', input.score),
          created_at: now,
        })
        .execute();
      return { ...input, id, createdAt: now };
    },

    async get(id) {
      const r = await ctx.db.selectFrom(ADMIN).selectAll().where('id', '=', id).executeTakeFirst();
      return r && toAdministration(ctx, r);
    },

    async listForClient(clientId) {
      const rows = await ctx.db
        .selectFrom(ADMIN)
        .selectAll()
        .where('client_id', '=', clientId)
        .orderBy('administered_at')
        .orderBy(insertionOrder(ctx, ADMIN))
        .execute();
      return rows.map((r) => toAdministration(ctx, r));
    },

    async latestTimes(clientIds) {
      if (clientIds.length === 0) return [];
      const rows = await ctx.db
        .selectFrom(ADMIN)
        .select(['client_id', 'instrument'])
        .select((eb) => eb.fn.max('administered_at').as('latest'))
        .where('client_id', 'in', [...clientIds])
        .groupBy(['client_id', 'instrument'])
        .execute();
      return rows.map((r) => ({
        clientId: r.client_id,
        instrument: r.instrument as InstrumentId,
        administeredAt: r.latest,
      }));
    },
  };
}

const LINKS = 'measure_links';
const LINK_COLUMNS = [
  'id',
  'client_id',
  'token_hash',
  'instruments',
  'status',
  'session_id',
  'created_by',
  'created_at',
  'expires_at',
  'completed_at',
  'revoked_at',
] as const;

function toLink(r: Selectable<MeasureLinksTable>): MeasureLink {
  return {
    id: r.id,
    clientId: r.client_id,
    instruments: JSON.parse(r.instruments) as InstrumentId[],
    status: r.status as MeasureLink['status'],
    createdBy: r.created_by,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    completedAt: r.completed_at,
    sessionId: r.session_id,
  };
}

export function measureLinkRepo(ctx: Ctx): MeasureLinkRepo {
  const oneBy = async (column: 'id' | 'token_hash', value: string) => {
    const r = await ctx.db
      .selectFrom(LINKS)
      .select(LINK_COLUMNS)
      .where(column, '=', value)
      .executeTakeFirst();
    return r && toLink(r);
  };
  /** A conditional update's outcome: the updated link, else `conflict` (it exists) or `not_found`. */
  const updated = async (
    id: string,
    r: Selectable<MeasureLinksTable> | undefined,
  ): Promise<UpdateOutcome<MeasureLink>> => {
    if (r) return { ok: true, value: toLink(r) };
    return (await oneBy('id', id))
      ? { ok: false, reason: 'conflict' }
      : { ok: false, reason: 'not_found' };
  };
  return {
    async create(input) {
      const row: Selectable<MeasureLinksTable> = {
        id: newId(),
        client_id: input.clientId,
        token_hash: input.tokenHash,
        instruments: JSON.stringify(input.instruments),
        status: 'pending',
        session_id: input.sessionId,
        created_by: input.createdBy,
        created_at: ctx.now(),
        expires_at: input.expiresAt,
        completed_at: null,
        revoked_at: null,
      };
      await ctx.db.insertInto(LINKS).values(row).execute();
      return toLink(row);
    },

    get: (id) => oneBy('id', id),

    getByTokenHash: (tokenHash) => oneBy('token_hash', tokenHash),

    async listForClient(clientId) {
      const rows = await ctx.db
        .selectFrom(LINKS)
        .select(LINK_COLUMNS)
        .where('client_id', '=', clientId)
        .orderBy('created_at', 'desc')
        .orderBy(insertionOrder(ctx, LINKS), 'desc')
        .execute();
      return rows.map(toLink);
    },

    async complete(id, now, expiresAfter = now) {
      const r = await ctx.db
        .updateTable(LINKS)
        .set({ status: 'completed', completed_at: now })
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .where('expires_at', '>', expiresAfter)
        .returning(LINK_COLUMNS)
        .executeTakeFirst();
      return updated(id, r);
    },

    async revoke(id, now) {
      const r = await ctx.db
        .updateTable(LINKS)
        .set({ status: 'revoked', revoked_at: now })
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .returning(LINK_COLUMNS)
        .executeTakeFirst();
      return updated(id, r);
    },
  };
}

const SCHEDULES = 'measure_schedules';

function toSchedule(r: Selectable<MeasureSchedulesTable>): MeasureSchedule {
  return {
    id: r.id,
    clientId: r.client_id,
    instrument: r.instrument as InstrumentId,
    cadence: JSON.parse(r.cadence) as ScheduleCadence,
    active: bool(r.active),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function measureScheduleRepo(ctx: Ctx): MeasureScheduleRepo {
  const list = (db: Ctx['db'], clientIds: readonly string[]) =>
    db
      .selectFrom(SCHEDULES)
      .selectAll()
      .where('client_id', 'in', [...clientIds])
      .orderBy('created_at')
      .orderBy(insertionOrder(ctx, SCHEDULES))
      .execute();
  return {
    async listForClient(clientId) {
      return (await list(ctx.db, [clientId])).map(toSchedule);
    },
    async listForClients(clientIds) {
      if (clientIds.length === 0) return [];
      return (await list(ctx.db, clientIds)).map(toSchedule);
    },
    replace(clientId, schedules) {
      return atomic(ctx, async (tx) => {
        const now = ctx.now();
        await tx.db.deleteFrom(SCHEDULES).where('client_id', '=', clientId).execute();
        const rows: Selectable<MeasureSchedulesTable>[] = schedules.map((s) => ({
          id: newId(),
          client_id: clientId,
          instrument: s.instrument,
          cadence: JSON.stringify(s.cadence),
          active: int(s.active),
          created_at: now,
          updated_at: now,
        }));
        if (rows.length > 0) await tx.db.insertInto(SCHEDULES).values(rows).execute();
        return rows.map(toSchedule);
      });
    },
  };
}

/** First key of the two-key advisory locks a rate-limit key takes on PostgreSQL (any constant). */
const RATE_LOCK_CLASS = 0x7261_7465;

/** The `purpose` of rate-limit keys' HMAC (FieldCipher.lookupKey). */
const RATE_KEY_PURPOSE = 'rate-limit';

/** At most this many stale hits (of any key) are deleted per hit: a bounded, amortised prune. */
export const RATE_PRUNE_BATCH = 500;

function rateLockId(storedKey: string): number {
  return Buffer.from(storedKey.slice(0, 8), 'hex').readInt32BE(0);
}

export function rateLimitRepo(ctx: Ctx): RateLimitRepo {
  const stored = (key: string): string => ctx.cipher.lookupKey(key, RATE_KEY_PURPOSE);
  const count = (db: Ctx['db'], storedKey: string, windowStart: string) =>
    countRows(
      db
        .selectFrom('rate_limit_hits')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('key', '=', storedKey)
        .where('at', '>=', windowStart),
    );
  return {
    take(key, now, windowStart, limit) {
      const k = stored(key);
      // As the login throttle: count and insert as one step per key (SQLite: the write lock;
      // PostgreSQL: a transaction-scoped advisory lock on the key).
      return atomic(ctx, async (tx) => {
        if (ctx.kind === 'postgres') {
          await sql`select pg_advisory_xact_lock(${sql.lit(RATE_LOCK_CLASS)}, ${sql.lit(rateLockId(k))})`.execute(
            tx.db,
          );
        }
        // Global prune, bounded. On PostgreSQL rows another transaction is deleting are skipped
        // (SKIP LOCKED), so concurrent prunes never wait on or deadlock with each other.
        const stale = tx.db
          .selectFrom('rate_limit_hits')
          .select('id')
          .where('at', '<', windowStart)
          .limit(RATE_PRUNE_BATCH);
        await tx.db
          .deleteFrom('rate_limit_hits')
          .where('id', 'in', ctx.kind === 'postgres' ? stale.forUpdate().skipLocked() : stale)
          .execute();
        const n = await count(tx.db, k, windowStart);
        if (n >= limit) return { allowed: false, count: n };
        await tx.db
          .insertInto('rate_limit_hits')
          .values({ id: newId(), key: k, at: now })
          .execute();
        return { allowed: true, count: n + 1 };
      });
    },
    count: (key, windowStart) => count(ctx.db, stored(key), windowStart),
  };
}
