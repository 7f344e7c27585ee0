import type { Selectable } from 'kysely';
import type { Analysis } from '../../../core/index.js';
import type { Session, SessionDetails, StoredTranscript } from '../../domain/schemas.js';
import type { Ctx, SessionsTable } from '../db.js';
import type { SessionRepo } from '../port.js';
import { insertionOrder, newId, openJson, sealJson } from '../util.js';

const COLUMNS = ['id', 'client_id', 'clinician_id', 'details', 'created_at', 'updated_at'] as const;
type SessionRow = Pick<Selectable<SessionsTable>, (typeof COLUMNS)[number]>;
/** The sealed JSON a session holds beside its details, each read and written whole. */
type SealedColumn = 'transcript' | 'analysis';

function toSession(ctx: Ctx, r: SessionRow): Session {
  return {
    id: r.id,
    clientId: r.client_id,
    clinicianId: r.clinician_id,
    details: openJson(ctx, 'sessions', r.id, 'details', r.details) as SessionDetails,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Newest first: by session date, then start time (the details are sealed, so sorted here). */
function newestFirst(a: Session, b: Session): number {
  const ka = `${a.details.date} ${a.details.startTime ?? ''}`;
  const kb = `${b.details.date} ${b.details.startTime ?? ''}`;
  return ka < kb ? 1 : ka > kb ? -1 : 0;
}

export function sessionRepo(ctx: Ctx): SessionRepo {
  /** The opened JSON of a session's sealed column, or undefined when there is none. */
  const readSealed = async (sessionId: string, column: SealedColumn): Promise<unknown> => {
    const r = await ctx.db
      .selectFrom('sessions')
      .select((eb) => eb.ref(column).as('sealed'))
      .where('id', '=', sessionId)
      .executeTakeFirst();
    if (!r?.sealed) return undefined;
    return openJson(ctx, 'sessions', sessionId, column, r.sealed);
  };
  /** Seals `value` into the column; throws when the session does not exist. */
  const writeSealed = async (sessionId: string, column: SealedColumn, value: unknown) => {
    const sealed = sealJson(ctx, 'sessions', sessionId, column, value);
    const r = await ctx.db
      .updateTable('sessions')
      .set(column, sealed)
      .set('updated_at', ctx.now())
      .where('id', '=', sessionId)
      .executeTakeFirst();
    if (r.numUpdatedRows === 0n) throw new Error('store: no session with that id');
  };
  return {
    async create({ clientId, clinicianId, details }) {
      const id = newId();
      const now = ctx.now();
      await ctx.db
        .insertInto('sessions')
        .values({
          id,
          client_id: clientId,
          clinician_id: clinicianId,
          details: sealJson(ctx, 'sessions', id, 'details', details),
          transcript: null,
          analysis: null,
          created_at: now,
          updated_at: now,
        })
        .execute();
      return { id, clientId, clinicianId, details, createdAt: now, updatedAt: now };
    },

    async get(id) {
      const r = await ctx.db
        .selectFrom('sessions')
        .select(COLUMNS)
        .where('id', '=', id)
        .executeTakeFirst();
      return r && toSession(ctx, r);
    },

    /** Newest first (session date, start time, then most recently created). */
    async listForClient(clientId) {
      const rows = await ctx.db
        .selectFrom('sessions')
        .select(COLUMNS)
        .where('client_id', '=', clientId)
        .orderBy('created_at', 'desc')
        .orderBy(insertionOrder(ctx, 'sessions'), 'desc')
        .execute();
      // Array.prototype.sort is stable: equal dates keep the newest-created-first order.
      return rows.map((r) => toSession(ctx, r)).sort(newestFirst);
    },

    async latestDates(clientIds) {
      const out = new Map<string, string>();
      // Chunked: SQLite limits the number of bound parameters of one statement.
      for (let i = 0; i < clientIds.length; i += 500) {
        const rows = await ctx.db
          .selectFrom('sessions')
          .select(['id', 'client_id', 'details'])
          .where('client_id', 'in', clientIds.slice(i, i + 500))
          .execute();
        for (const r of rows) {
          const { date } = openJson(ctx, 'sessions', r.id, 'details', r.details) as SessionDetails;
          const cur = out.get(r.client_id);
          if (cur === undefined || date > cur) out.set(r.client_id, date);
        }
      }
      return out;
    },

    async updateDetails(id, details) {
      const r = await ctx.db
        .updateTable('sessions')
        .set({ details: sealJson(ctx, 'sessions', id, 'details', details), updated_at: ctx.now() })
        .where('id', '=', id)
        .returning(COLUMNS)
        .executeTakeFirst();
      return r ? { ok: true, value: toSession(ctx, r) } : { ok: false, reason: 'not_found' };
    },

    async getTranscript(sessionId) {
      return (await readSealed(sessionId, 'transcript')) as StoredTranscript | undefined;
    },

    /** Throws (a programming error, no PHI in the message) when the session does not exist. */
    async putTranscript(sessionId, transcript) {
      await writeSealed(sessionId, 'transcript', transcript);
    },

    async getAnalysis(sessionId) {
      return (await readSealed(sessionId, 'analysis')) as Analysis | undefined;
    },

    /** Throws (a programming error, no PHI in the message) when the session does not exist. */
    async putAnalysis(sessionId, analysis) {
      await writeSealed(sessionId, 'analysis', analysis);
    },
  };
}
