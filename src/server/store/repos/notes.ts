import type { Selectable } from 'kysely';
import type { Addendum, ProgressNote } from '../../domain/schemas.js';
import type { Ctx, NotesTable } from '../db.js';
import type { NoteRepo, UpdateOutcome } from '../port.js';
import { aad, bool, insertionOrder, newId, openJson, sealJson } from '../util.js';

type NoteRow = Selectable<NotesTable>;
type Failure = Extract<UpdateOutcome<ProgressNote>, { ok: false }>;

const COLUMNS = [
  'id',
  'session_id',
  'client_id',
  'author_id',
  'format',
  'status',
  'body',
  'review',
  'version',
  'signed_at',
  'signed_by',
  'cosign_required',
  'cosigned_at',
  'cosigned_by',
  'created_at',
  'updated_at',
] as const;

function toNote(ctx: Ctx, r: NoteRow): ProgressNote {
  return {
    id: r.id,
    sessionId: r.session_id,
    clientId: r.client_id,
    authorId: r.author_id,
    format: r.format as ProgressNote['format'],
    status: r.status as ProgressNote['status'],
    body: openJson(ctx, 'notes', r.id, 'body', r.body) as ProgressNote['body'],
    review: openJson(ctx, 'notes', r.id, 'review', r.review) as ProgressNote['review'],
    version: r.version,
    signedAt: r.signed_at,
    signedBy: r.signed_by,
    cosignRequired: bool(r.cosign_required),
    cosignedAt: r.cosigned_at,
    cosignedBy: r.cosigned_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function noteRepo(ctx: Ctx): NoteRepo {
  const done = (r: NoteRow | undefined): UpdateOutcome<ProgressNote> | undefined =>
    r && { ok: true, value: toNote(ctx, r) };

  /** Why a conditional update matched no row: the note is missing, signed, or newer. */
  const whyNot = async (id: string, expectedVersion?: number): Promise<Failure> => {
    const r = await ctx.db
      .selectFrom('notes')
      .select('status')
      .where('id', '=', id)
      .executeTakeFirst();
    if (!r) return { ok: false, reason: 'not_found' };
    if (expectedVersion === undefined) return { ok: false, reason: 'locked' };
    if (r.status !== 'draft') return { ok: false, reason: 'locked' };
    return { ok: false, reason: 'conflict' };
  };

  const list = async (column: 'client_id' | 'session_id', value: string) => {
    const rows = await ctx.db
      .selectFrom('notes')
      .select(COLUMNS)
      .where(column, '=', value)
      .orderBy('created_at', 'desc')
      .orderBy(insertionOrder(ctx, 'notes'), 'desc')
      .execute();
    return rows.map((r) => toNote(ctx, r));
  };

  return {
    async create(input) {
      const id = newId();
      const now = ctx.now();
      await ctx.db
        .insertInto('notes')
        .values({
          id,
          session_id: input.sessionId,
          client_id: input.clientId,
          author_id: input.authorId,
          format: input.format,
          status: 'draft',
          body: sealJson(ctx, 'notes', id, 'body', input.body),
          review: sealJson(ctx, 'notes', id, 'review', input.review),
          version: 1,
          signed_at: null,
          signed_by: null,
          cosign_required: input.cosignRequired ? 1 : 0,
          cosigned_at: null,
          cosigned_by: null,
          created_at: now,
          updated_at: now,
        })
        .execute();
      return {
        ...input,
        id,
        status: 'draft',
        version: 1,
        signedAt: null,
        signedBy: null,
        cosignedAt: null,
        cosignedBy: null,
        createdAt: now,
        updatedAt: now,
      };
    },

    async get(id) {
      const r = await ctx.db
        .selectFrom('notes')
        .select(COLUMNS)
        .where('id', '=', id)
        .executeTakeFirst();
      return r && toNote(ctx, r);
    },

    /** Newest first. */
    listForClient: (clientId) => list('client_id', clientId),
    /** Newest first. */
    listForSession: (sessionId) => list('session_id', sessionId),

    async updateDraft(id, expectedVersion, patch) {
      const r = await ctx.db
        .updateTable('notes')
        .set((eb) => ({
          body: sealJson(ctx, 'notes', id, 'body', patch.body),
          review: sealJson(ctx, 'notes', id, 'review', patch.review),
          version: eb('version', '+', 1),
          updated_at: ctx.now(),
        }))
        .where('id', '=', id)
        .where('status', '=', 'draft')
        .where('version', '=', expectedVersion)
        .returning(COLUMNS)
        .executeTakeFirst();
      return done(r) ?? whyNot(id, expectedVersion);
    },

    async sign(id, expectedVersion, by, at, cosignRequired) {
      const r = await ctx.db
        .updateTable('notes')
        .set((eb) => ({
          status: 'signed',
          signed_at: at,
          signed_by: by,
          ...(cosignRequired === undefined ? {} : { cosign_required: cosignRequired ? 1 : 0 }),
          version: eb('version', '+', 1),
          updated_at: at,
        }))
        .where('id', '=', id)
        .where('status', '=', 'draft')
        .where('version', '=', expectedVersion)
        .returning(COLUMNS)
        .executeTakeFirst();
      return done(r) ?? whyNot(id, expectedVersion);
    },

    async cosign(id, by, at) {
      const r = await ctx.db
        .updateTable('notes')
        .set((eb) => ({
          cosigned_at: at,
          cosigned_by: by,
          version: eb('version', '+', 1),
          updated_at: at,
        }))
        .where('id', '=', id)
        .where('status', '=', 'signed')
        .where('cosigned_at', 'is', null)
        .returning(COLUMNS)
        .executeTakeFirst();
      return done(r) ?? whyNot(id);
    },

    async addAddendum(noteId, authorId, text) {
      const id = newId();
      const now = ctx.now();
      await ctx.db
        .insertInto('addenda')
        .values({
          id,
          note_id: noteId,
          author_id: authorId,
          text: ctx.cipher.seal(text, aad('addenda', id, 'text')),
          created_at: now,
        })
        .execute();
      return { id, noteId, authorId, text, createdAt: now };
    },

    /** Oldest first. */
    async listAddenda(noteId): Promise<Addendum[]> {
      const rows = await ctx.db
        .selectFrom('addenda')
        .select(['id', 'note_id', 'author_id', 'text', 'created_at'])
        .where('note_id', '=', noteId)
        .orderBy('created_at')
        .orderBy(insertionOrder(ctx, 'addenda'))
        .execute();
      return rows.map((r) => ({
        id: r.id,
        noteId: r.note_id,
        authorId: r.author_id,
        text: ctx.cipher.open(r.text, aad('addenda', r.id, 'text')),
        createdAt: r.created_at,
      }));
    },
  };
}
