/**
 * Capture state per session (repository). Status, engine and progress are plain columns (no PHI:
 * the worker and the session list read them); the recognised segments, their voice embeddings and
 * the speaker-labelled transcript are sealed, each bound to its session and column, and kept in
 * their own row (`capture_texts`): they grow all session, and the plain row is updated on every
 * live frame (SQLite rewrites a whole row on update).
 */
import { sql, type Selectable, type Updateable } from 'kysely';
import type { NoteFormat } from '../../../core/index.js';
import type {
  EngineId,
  EngineQuality,
  RecognizedSegment,
  SpeechTranscript,
} from '../../../speech/schema.js';
import type { CaptureMode, CaptureStatus } from '../../domain/schemas.js';
import type { CapturesTable, CaptureTextsTable, Ctx } from '../db.js';
import type { CapturePlain, CaptureRecord, CaptureRecordSummary, CaptureRepo } from '../port.js';
import { atomic, openJson, sealJson } from '../util.js';

const TABLE = 'captures';
const TEXTS = 'capture_texts';
/** The sealed columns' AAD names `captures` (where migration 0003 kept them). */
const AAD_TABLE = TABLE;

/** The plain (unsealed) columns: what per-frame checks and status polls read. */
const PLAIN = [
  'session_id',
  'mode',
  'status',
  'engine',
  'quality',
  'model',
  'note_format',
  'last_seq',
  'audio_seconds',
  'transcribed_until_sec',
  'progress',
  'error_code',
  'error_message',
  'error_hint',
  'note_id',
  'created_at',
  'updated_at',
] as const satisfies readonly (keyof CapturesTable)[];

type PlainRow = Pick<Selectable<CapturesTable>, (typeof PLAIN)[number]>;

function toPlain(r: PlainRow): CapturePlain {
  return {
    sessionId: r.session_id,
    mode: r.mode as CaptureMode,
    status: r.status as CaptureStatus,
    engine: r.engine as EngineId,
    quality: r.quality as EngineQuality,
    model: r.model,
    noteFormat: r.note_format as NoteFormat,
    lastSeq: r.last_seq,
    audioSeconds: r.audio_seconds,
    transcribedUntilSec: r.transcribed_until_sec,
    progress: r.progress === null ? null : r.progress,
    error:
      r.error_code === null
        ? null
        : { code: r.error_code, message: r.error_message ?? '', hint: r.error_hint ?? '' },
    noteId: r.note_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

type Texts = Pick<Selectable<CaptureTextsTable>, 'segments' | 'embeddings' | 'speech'>;

function toRecord(ctx: Ctx, r: PlainRow, t: Texts | undefined): CaptureRecord {
  const open = (column: 'segments' | 'embeddings' | 'speech', v: string | null): unknown =>
    v === null ? null : openJson(ctx, AAD_TABLE, r.session_id, column, v);
  return {
    ...toPlain(r),
    segments: (open('segments', t?.segments ?? null) as RecognizedSegment[] | null) ?? [],
    embeddings: (open('embeddings', t?.embeddings ?? null) as (number[] | null)[] | null) ?? [],
    speech: open('speech', t?.speech ?? null) as SpeechTranscript | null,
  };
}

async function textsOf(ctx: Ctx, sessionId: string): Promise<Texts | undefined> {
  return ctx.db
    .selectFrom(TEXTS)
    .select(['segments', 'embeddings', 'speech'])
    .where('session_id', '=', sessionId)
    .executeTakeFirst();
}

export function captureRepo(ctx: Ctx): CaptureRepo {
  return {
    async create(input) {
      const now = ctx.now();
      const row: PlainRow = {
        session_id: input.sessionId,
        mode: input.mode,
        status: input.status,
        engine: input.engine,
        quality: input.quality,
        model: input.model,
        note_format: input.noteFormat,
        last_seq: -1,
        audio_seconds: 0,
        transcribed_until_sec: 0,
        progress: null,
        error_code: null,
        error_message: null,
        error_hint: null,
        note_id: null,
        created_at: now,
        updated_at: now,
      };
      await ctx.db.insertInto(TABLE).values(row).execute();
      return toRecord(ctx, row, undefined);
    },

    async get(sessionId) {
      // One statement: the plain row and its sealed texts as of the same moment.
      const r = await ctx.db
        .selectFrom(TABLE)
        .leftJoin(TEXTS, `${TEXTS}.session_id`, `${TABLE}.session_id`)
        .select(PLAIN.map((c) => `${TABLE}.${c}` as const))
        .select([`${TEXTS}.segments`, `${TEXTS}.embeddings`, `${TEXTS}.speech`])
        .where(`${TABLE}.session_id`, '=', sessionId)
        .executeTakeFirst();
      return r && toRecord(ctx, r, r);
    },

    async getPlain(sessionId) {
      const r = await ctx.db
        .selectFrom(TABLE)
        .select(PLAIN)
        .where('session_id', '=', sessionId)
        .executeTakeFirst();
      return r && toPlain(r);
    },

    async addLiveAudio(sessionId, { lastSeq, seconds }, from) {
      const r = await ctx.db
        .updateTable(TABLE)
        .set({
          last_seq: sql<number>`case when last_seq < ${lastSeq} then ${lastSeq} else last_seq end`,
          audio_seconds: sql<number>`audio_seconds + ${seconds}`,
          updated_at: ctx.now(),
        })
        .where('session_id', '=', sessionId)
        .where('status', 'in', [...from])
        .returning(PLAIN)
        .executeTakeFirst();
      if (r) return { ok: true, value: toPlain(r) };
      const exists = await ctx.db
        .selectFrom(TABLE)
        .select('session_id')
        .where('session_id', '=', sessionId)
        .executeTakeFirst();
      return { ok: false, reason: exists ? 'conflict' : 'not_found' };
    },

    update(sessionId, patch, from) {
      return atomic(ctx, async (tx) => {
        const set: Updateable<CapturesTable> = { updated_at: tx.now() };
        const seal = (column: 'segments' | 'embeddings' | 'speech', v: unknown) =>
          sealJson(tx, AAD_TABLE, sessionId, column, v);
        if (patch.status !== undefined) set.status = patch.status;
        if (patch.engine !== undefined) set.engine = patch.engine;
        if (patch.quality !== undefined) set.quality = patch.quality;
        if (patch.model !== undefined) set.model = patch.model;
        if (patch.noteFormat !== undefined) set.note_format = patch.noteFormat;
        if (patch.lastSeq !== undefined) set.last_seq = patch.lastSeq;
        if (patch.audioSeconds !== undefined) set.audio_seconds = patch.audioSeconds;
        if (patch.transcribedUntilSec !== undefined) {
          set.transcribed_until_sec = patch.transcribedUntilSec;
        }
        if (patch.progress !== undefined) set.progress = patch.progress;
        if (patch.error !== undefined) {
          set.error_code = patch.error?.code ?? null;
          set.error_message = patch.error?.message ?? null;
          set.error_hint = patch.error?.hint ?? null;
        }
        if (patch.noteId !== undefined) set.note_id = patch.noteId;
        const texts: Updateable<CaptureTextsTable> = {};
        if (patch.segments !== undefined) texts.segments = seal('segments', patch.segments);
        if (patch.embeddings !== undefined) texts.embeddings = seal('embeddings', patch.embeddings);
        if (patch.speech !== undefined) {
          texts.speech = patch.speech === null ? null : seal('speech', patch.speech);
        }
        let q = tx.db.updateTable(TABLE).set(set).where('session_id', '=', sessionId);
        if (from !== undefined) q = q.where('status', 'in', [...from]);
        const r = await q.returning(PLAIN).executeTakeFirst();
        if (!r) {
          const exists = await tx.db
            .selectFrom(TABLE)
            .select('session_id')
            .where('session_id', '=', sessionId)
            .executeTakeFirst();
          return { ok: false, reason: exists ? 'conflict' : 'not_found' };
        }
        if (Object.keys(texts).length > 0) {
          await tx.db
            .insertInto(TEXTS)
            .values({
              session_id: sessionId,
              segments: null,
              embeddings: null,
              speech: null,
              ...texts,
            })
            .onConflict((oc) => oc.column('session_id').doUpdateSet(texts))
            .execute();
        }
        return { ok: true, value: toRecord(tx, r, await textsOf(tx, sessionId)) };
      });
    },

    async summaries(sessionIds) {
      const out = new Map<string, CaptureRecordSummary>();
      if (sessionIds.length === 0) return out;
      const rows = await ctx.db
        .selectFrom(TABLE)
        .select(['session_id', 'mode', 'status', 'engine', 'quality', 'progress', 'note_id'])
        .where('session_id', 'in', [...sessionIds])
        .execute();
      for (const r of rows) {
        out.set(r.session_id, {
          sessionId: r.session_id,
          mode: r.mode as CaptureMode,
          status: r.status as CaptureStatus,
          engine: r.engine as EngineId,
          quality: r.quality as EngineQuality,
          progress: r.progress === null ? null : r.progress,
          noteId: r.note_id,
        });
      }
      return out;
    },
  };
}
