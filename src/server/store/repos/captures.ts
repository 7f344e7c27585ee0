/**
 * Capture state per session (repository). Status, engine and progress are plain columns (no PHI:
 * the worker and the session list read them); the recognised segments, their voice embeddings and
 * the speaker-labelled transcript are sealed, each bound to its session and column.
 */
import type { Selectable, Updateable } from 'kysely';
import type { NoteFormat } from '../../../core/index.js';
import type {
  EngineId,
  EngineQuality,
  RecognizedSegment,
  SpeechTranscript,
} from '../../../speech/schema.js';
import type { CaptureMode, CaptureStatus } from '../../domain/schemas.js';
import type { CapturesTable, Ctx } from '../db.js';
import type { CaptureRecord, CaptureRecordSummary, CaptureRepo } from '../port.js';
import { atomic, openJson, sealJson } from '../util.js';

const TABLE = 'captures';

function toRecord(ctx: Ctx, r: Selectable<CapturesTable>): CaptureRecord {
  const open = (column: 'segments' | 'embeddings' | 'speech', v: string | null): unknown =>
    v === null ? null : openJson(ctx, TABLE, r.session_id, column, v);
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
    segments: (open('segments', r.segments) as RecognizedSegment[] | null) ?? [],
    embeddings: (open('embeddings', r.embeddings) as (number[] | null)[] | null) ?? [],
    speech: open('speech', r.speech) as SpeechTranscript | null,
    noteId: r.note_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function captureRepo(ctx: Ctx): CaptureRepo {
  return {
    async create(input) {
      const now = ctx.now();
      const row: Selectable<CapturesTable> = {
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
        segments: null,
        embeddings: null,
        speech: null,
        note_id: null,
        created_at: now,
        updated_at: now,
      };
      await ctx.db.insertInto(TABLE).values(row).execute();
      return toRecord(ctx, row);
    },

    async get(sessionId) {
      const r = await ctx.db
        .selectFrom(TABLE)
        .selectAll()
        .where('session_id', '=', sessionId)
        .executeTakeFirst();
      return r && toRecord(ctx, r);
    },

    update(sessionId, patch, from) {
      return atomic(ctx, async (tx) => {
        const set: Updateable<CapturesTable> = { updated_at: tx.now() };
        const seal = (column: 'segments' | 'embeddings' | 'speech', v: unknown) =>
          sealJson(tx, TABLE, sessionId, column, v);
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
        if (patch.segments !== undefined) set.segments = seal('segments', patch.segments);
        if (patch.embeddings !== undefined) set.embeddings = seal('embeddings', patch.embeddings);
        if (patch.speech !== undefined) {
          set.speech = patch.speech === null ? null : seal('speech', patch.speech);
        }
        if (patch.noteId !== undefined) set.note_id = patch.noteId;
        let q = tx.db.updateTable(TABLE).set(set).where('session_id', '=', sessionId);
        if (from !== undefined) q = q.where('status', 'in', [...from]);
        const r = await q.returningAll().executeTakeFirst();
        if (r) return { ok: true, value: toRecord(tx, r) };
        const exists = await tx.db
          .selectFrom(TABLE)
          .select('session_id')
          .where('session_id', '=', sessionId)
          .executeTakeFirst();
        return { ok: false, reason: exists ? 'conflict' : 'not_found' };
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
