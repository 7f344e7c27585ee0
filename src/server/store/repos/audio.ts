/**
 * Audio chunks (repository): a session's audio as numbered pieces, each sealed on its own with
 * `FieldCipher.sealBytes` and the AAD `docscrib:audio_chunks:<sessionId>:<seq>:data`, so a chunk
 * copied to another session or position does not open. SQLite BLOB, PostgreSQL bytea.
 */
import { sql } from 'kysely';
import type { Ctx } from '../db.js';
import type { AudioRepo } from '../port.js';
import { aad, changed } from '../util.js';

const TABLE = 'audio_chunks';

/** Chunks looked at per query when walking from a known contiguous point. */
const CONTIGUOUS_PAGE = 64;

const chunkAad = (sessionId: string, seq: number): string =>
  aad(TABLE, `${sessionId}:${seq}`, 'data');

export function audioRepo(ctx: Ctx): AudioRepo {
  return {
    async putChunk(sessionId, seq, data) {
      if (!Number.isSafeInteger(seq) || seq < 0) throw new RangeError('audio chunk seq');
      const r = await ctx.db
        .insertInto(TABLE)
        .values({
          session_id: sessionId,
          seq,
          data: ctx.cipher.sealBytes(data, chunkAad(sessionId, seq)),
          bytes: data.length,
          created_at: ctx.now(),
        })
        .onConflict((oc) => oc.columns(['session_id', 'seq']).doNothing())
        .executeTakeFirst();
      return (r.numInsertedOrUpdatedRows ?? 0n) > 0n;
    },

    async contiguousSeq(sessionId, known) {
      if (known !== undefined && known >= 0) {
        // 0..known are stored: walk the chunks after it, a page at a time, until the first gap.
        let last = known;
        for (;;) {
          const rows = await ctx.db
            .selectFrom(TABLE)
            .select('seq')
            .where('session_id', '=', sessionId)
            .where('seq', '>', last)
            .orderBy('seq')
            .limit(CONTIGUOUS_PAGE)
            .execute();
          for (const r of rows) {
            if (r.seq !== last + 1) return last;
            last = r.seq;
          }
          if (rows.length < CONTIGUOUS_PAGE) return last;
        }
      }
      // The first chunk whose successor is missing ends the contiguous run (if chunk 0 exists).
      const first = await ctx.db
        .selectFrom(TABLE)
        .select('seq')
        .where('session_id', '=', sessionId)
        .where('seq', '=', 0)
        .executeTakeFirst();
      if (!first) return -1;
      const r = await ctx.db
        .selectFrom(`${TABLE} as a`)
        .select((eb) => eb.fn.min('a.seq').as('seq'))
        .where('a.session_id', '=', sessionId)
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom(`${TABLE} as b`)
                .select(sql.lit(1).as('one'))
                .whereRef('b.session_id', '=', 'a.session_id')
                .where('b.seq', '=', sql<number>`a.seq + 1`),
            ),
          ),
        )
        .executeTakeFirst();
      return r?.seq ?? -1;
    },

    async readChunks(sessionId, fromSeq, limit) {
      const rows = await ctx.db
        .selectFrom(TABLE)
        .select(['seq', 'data'])
        .where('session_id', '=', sessionId)
        .where('seq', '>=', fromSeq)
        .orderBy('seq')
        .limit(limit)
        .execute();
      return rows.map((r) => {
        const seq = r.seq;
        return { seq, data: ctx.cipher.openBytes(Buffer.from(r.data), chunkAad(sessionId, seq)) };
      });
    },

    async deleteAll(sessionId) {
      const r = await ctx.db
        .deleteFrom(TABLE)
        .where('session_id', '=', sessionId)
        .executeTakeFirst();
      return changed(r);
    },

    async byteCount(sessionId) {
      const r = await ctx.db
        .selectFrom(TABLE)
        .select((eb) => eb.fn.sum<number | string>('bytes').as('n'))
        .where('session_id', '=', sessionId)
        .executeTakeFirst();
      return Number(r?.n ?? 0);
    },
  };
}
