import type { Selectable } from 'kysely';
import type { ProcessNote } from '../../domain/schemas.js';
import type { Ctx, ProcessNotesTable } from '../db.js';
import type { ProcessNoteRepo } from '../port.js';
import { aad, insertionOrder, newId } from '../util.js';

const COLUMNS = [
  'id',
  'client_id',
  'author_id',
  'session_id',
  'text',
  'created_at',
  'updated_at',
] as const;

function toProcessNote(ctx: Ctx, r: Selectable<ProcessNotesTable>): ProcessNote {
  return {
    id: r.id,
    clientId: r.client_id,
    authorId: r.author_id,
    sessionId: r.session_id,
    text: ctx.cipher.open(r.text, aad('process_notes', r.id, 'text')),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function processNoteRepo(ctx: Ctx): ProcessNoteRepo {
  return {
    async create({ clientId, authorId, sessionId, text }) {
      const id = newId();
      const now = ctx.now();
      await ctx.db
        .insertInto('process_notes')
        .values({
          id,
          client_id: clientId,
          author_id: authorId,
          session_id: sessionId,
          text: ctx.cipher.seal(text, aad('process_notes', id, 'text')),
          created_at: now,
          updated_at: now,
        })
        .execute();
      return { id, clientId, authorId, sessionId, text, createdAt: now, updatedAt: now };
    },

    async get(id) {
      const r = await ctx.db
        .selectFrom('process_notes')
        .select(COLUMNS)
        .where('id', '=', id)
        .executeTakeFirst();
      return r && toProcessNote(ctx, r);
    },

    /** Newest first. */
    async listForAuthorAndClient(authorId, clientId) {
      const rows = await ctx.db
        .selectFrom('process_notes')
        .select(COLUMNS)
        .where('author_id', '=', authorId)
        .where('client_id', '=', clientId)
        .orderBy('created_at', 'desc')
        .orderBy(insertionOrder(ctx, 'process_notes'), 'desc')
        .execute();
      return rows.map((r) => toProcessNote(ctx, r));
    },

    async updateText(id, text) {
      const r = await ctx.db
        .updateTable('process_notes')
        .set({
          text: ctx.cipher.seal(text, aad('process_notes', id, 'text')),
          updated_at: ctx.now(),
        })
        .where('id', '=', id)
        .returning(COLUMNS)
        .executeTakeFirst();
      return r ? { ok: true, value: toProcessNote(ctx, r) } : { ok: false, reason: 'not_found' };
    },
  };
}
