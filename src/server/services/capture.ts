/**
 * Capture: a session whose transcript comes from audio, recorded live in the browser or
 * uploaded as a file. The session exists from the start (so consent and details are checked
 * before any audio is stored); its draft note is written once the audio is transcribed, through
 * the same parse → analyse → write → review path as a typed transcript (draft-note.ts).
 *
 * Audio is PHI: every chunk is encrypted at rest (bound to its session and sequence number) and
 * deleted after transcription unless the practice keeps audio (`settings.speech.keepAudio`).
 * Audit: `create audio` once when capture starts, `delete audio` when the audio is deleted; never
 * one entry per frame. Reading a capture with transcript words in it is a `read transcript`.
 *
 * Access as for sessions: the clinician who owns the client records and changes; their
 * supervisor reads.
 */
import type { NoteFormat, Role, Transcript } from '../../core/index.js';
import { diarizeEmbeddings } from '../../speech/diarize/diarize.js';
import { embedSegments } from '../../speech/diarize/embedding.js';
import { PCM_BYTES_PER_SECOND } from '../../speech/engine.js';
import { buildSpeechTranscript } from '../../speech/pipeline.js';
import {
  RecognizedSegmentSchema,
  type RecognizedSegment,
  type SpeechTranscript,
} from '../../speech/schema.js';
import { speechOneVoiceWarning } from '../../speech/messages.js';
import { speechToCoreJson } from '../../speech/transcript.js';
import type {
  CaptureError,
  CaptureMode,
  CaptureState,
  CaptureStatus,
  CaptureView,
  Client,
  ProgressNote,
  Session,
  SessionDetails,
} from '../domain/schemas.js';
import { isDocscribError } from '../../core/errors.js';
import {
  ApiError,
  conflict,
  isApiError,
  notFound,
  outcomeError,
  validationFailed,
} from '../errors.js';
import type { CapturePlain, CaptureRecord } from '../store/port.js';
import { enforce, type Actor } from './access.js';
import { raiseSessionRisk } from './alerts.js';
import { audit, auditAccess, type StoreTx } from './audit.js';
import { captureError, configuredModel, ENGINE_QUALITY, type Env } from './capture-engine.js';
import { ClientService, type ClinicalDeps } from './clients.js';
import { checkDetails, draftNote } from './draft-note.js';
import { SessionService } from './sessions.js';
import { cosignRequiredFor, readPracticeSettings } from './settings.js';

export type { CaptureError, CaptureMode, CaptureState, CaptureStatus, CaptureView };

export interface StartCaptureInput {
  details: SessionDetails;
  noteFormat?: NoteFormat | undefined;
  mode: CaptureMode;
}

export interface CaptureOptions {
  /** The environment (models directory, speech API key); default process.env. */
  env?: Env;
  /** Largest upload accepted, bytes (default 1 GiB). */
  maxUploadBytes?: number;
  /** Attempts a transcription job gets (default 3). */
  maxAttempts?: number;
  /**
   * How long after a live session stops its `finalize` job comes due (default 2 minutes): the
   * stopping request writes the note itself; the job only finishes what a crash left behind.
   */
  finalizeGraceMs?: number;
}

/** Default upload cap: 1 GiB (about 9 hours of 256 kbit/s audio). */
export const MAX_UPLOAD_BYTES = 1024 * 1024 * 1024;
/** Uploads are stored in pieces of this size (each sealed on its own). */
export const UPLOAD_CHUNK_BYTES = 1024 * 1024;
/** Chunks read per page when audio is read back (never the whole recording in memory). */
const READ_PAGE = 32;

const LIVE: readonly CaptureStatus[] = ['recording', 'paused'];

/** Default delay before a stopped live session's `finalize` job may run (see finishLive). */
export const FINALIZE_GRACE_MS = 120_000;

/** Core error codes that retrying cannot fix (the audio itself, or how the engine is set up). */
const FINAL_CODES: ReadonlySet<string> = new Set([
  'audio.decode',
  'engine.unavailable',
  'engine.model',
  'input.empty',
  'input.parse',
  'input.too_large',
]);

/** A failure that retrying cannot fix (an API error, or a final core error code). */
export function isFinalFailure(e: unknown): boolean {
  return isApiError(e) || (isDocscribError(e) && FINAL_CODES.has(e.code));
}

/** Who a draft written by a worker is recorded as (no person: the system, for the author). */
export type CaptureActor = Actor | null;

export class CaptureService {
  private readonly clients: ClientService;
  private readonly sessions: SessionService;
  private readonly env: Env;
  private readonly maxUploadBytes: number;
  readonly maxAttempts: number;
  private readonly finalizeGraceMs: number;

  constructor(
    private readonly deps: ClinicalDeps,
    opts: CaptureOptions = {},
  ) {
    this.clients = new ClientService(deps);
    this.sessions = new SessionService(deps);
    this.env = opts.env ?? process.env;
    this.maxUploadBytes = opts.maxUploadBytes ?? MAX_UPLOAD_BYTES;
    this.maxAttempts = opts.maxAttempts ?? 3;
    this.finalizeGraceMs = opts.finalizeGraceMs ?? FINALIZE_GRACE_MS;
  }

  /** Create the session (consentToRecord must be true: 400 otherwise) and its capture state. */
  async start(
    actor: Actor,
    clientId: string,
    input: StartCaptureInput,
  ): Promise<{ session: Session; capture: CaptureState }> {
    const client = await this.clients.load(actor, clientId, 'read');
    enforce(actor, 'write', { type: 'session', ownerClinicianId: client.clinicianId });
    checkDetails(input.details);
    const { speech } = await readPracticeSettings(this.deps.store);
    const engine = speech.engine;
    return this.deps.store.transaction(async (tx) => {
      const session = await tx.sessions.create({
        clientId,
        clinicianId: actor.id,
        details: input.details,
      });
      const record = await tx.captures.create({
        sessionId: session.id,
        mode: input.mode,
        status: input.mode === 'live' ? 'recording' : 'awaiting_upload',
        engine,
        quality: ENGINE_QUALITY[engine],
        model: configuredModel(engine, speech, this.env),
        noteFormat: input.noteFormat ?? 'soap',
      });
      await audit(this.deps, tx, actor, 'create', 'session', session.id);
      await audit(this.deps, tx, actor, 'create', 'audio', session.id);
      return { session, capture: toState(record) };
    });
  }

  /**
   * The capture of a session without its transcript (no segments, no speech): status, progress,
   * error, note id. Reads only plain columns and writes no audit entry (nothing PHI is read), so
   * polling it is cheap. 404 as `state`. `access` `write`: the caller must also be allowed to
   * record into the session (the live socket: a supervisor reads a supervisee's capture, but never
   * records into it, starts its engine or takes over its transcript saves; 403).
   */
  async status(
    actor: Actor,
    sessionId: string,
    access: 'read' | 'write' = 'read',
  ): Promise<CaptureView> {
    await this.load(actor, sessionId, access);
    return plainState(await this.plain(sessionId));
  }

  /**
   * The capture of a session with its transcript so far (404 when the session has none or the
   * actor may not see it); a `read transcript` audit entry once it has words.
   */
  async state(actor: Actor, sessionId: string): Promise<CaptureState> {
    await this.load(actor, sessionId, 'read');
    const record = await this.record(sessionId);
    const words = record.segments.length > 0 || record.speech !== null;
    await auditAccess(this.deps, actor, 'read', ['transcript', words ? [sessionId] : []]);
    return toState(record);
  }

  /** Store one live frame (idempotent per seq, encrypted); 409 when not recording/paused. */
  async appendLiveAudio(
    actor: Actor,
    sessionId: string,
    seq: number,
    pcm: Buffer,
  ): Promise<{ lastSeq: number }> {
    await this.load(actor, sessionId, 'write');
    if (!Number.isSafeInteger(seq) || seq < 0) {
      throw new ApiError('bad_request', 'A live audio frame needs a sequence number ≥ 0.', {
        hint: 'Number the frames 0, 1, 2… as they are recorded.',
      });
    }
    // One transaction: a chunk is stored and counted (lastSeq, audioSeconds) together, or not at
    // all (a crash between the two left a chunk whose resend was "already stored", never counted).
    // Per frame: plain columns only (the sealed segments and embeddings grow all session).
    return this.deps.store.transaction(async (tx) => {
      const record = await tx.captures.getPlain(sessionId);
      if (!record) throw noCapture();
      if (record.mode !== 'live' || !LIVE.includes(record.status)) throw notRecording(record);
      const added = await tx.audio.putChunk(sessionId, seq, pcm);
      if (!added && seq <= record.lastSeq) return { lastSeq: record.lastSeq };
      // A chunk stored already but after lastSeq (sent ahead of a gap) was counted when stored.
      const lastSeq = await tx.audio.contiguousSeq(sessionId, record.lastSeq);
      const out = await tx.captures.addLiveAudio(
        sessionId,
        { lastSeq, seconds: added ? pcm.length / PCM_BYTES_PER_SECOND : 0 },
        LIVE,
      );
      // Stopped meanwhile (by another socket or process): 409, the frame is not kept.
      if (!out.ok) throw out.reason === 'conflict' ? notRecording(record) : notFound('capture');
      return { lastSeq: out.value.lastSeq };
    });
  }

  async setLiveStatus(
    actor: Actor,
    sessionId: string,
    status: 'recording' | 'paused',
  ): Promise<void> {
    await this.load(actor, sessionId, 'write');
    const out = await this.deps.store.captures.update(sessionId, { status }, LIVE);
    if (!out.ok) {
      if (out.reason === 'not_found') throw notFound('capture');
      throw notRecording(await this.plain(sessionId));
    }
  }

  /** Replace the stored (encrypted) live segment list. */
  async saveLiveSegments(
    actor: Actor,
    sessionId: string,
    segments: RecognizedSegment[],
    transcribedUntilSec: number,
    embeddings?: (number[] | null)[],
  ): Promise<void> {
    await this.load(actor, sessionId, 'write');
    const checked = segments.map((s) => RecognizedSegmentSchema.parse(s));
    const out = await this.deps.store.captures.update(
      sessionId,
      {
        segments: checked,
        transcribedUntilSec: Math.max(0, transcribedUntilSec),
        ...(embeddings !== undefined ? { embeddings } : {}),
      },
      LIVE,
    );
    if (!out.ok) {
      if (out.reason === 'not_found') throw notFound('capture');
      throw notRecording(await this.plain(sessionId));
    }
  }

  /** The stored live frames from `fromSeq` on, in order, a page at a time. */
  async *readLiveAudio(
    actor: Actor,
    sessionId: string,
    fromSeq: number,
  ): AsyncIterable<{ seq: number; pcm: Buffer }> {
    await this.load(actor, sessionId, 'write');
    for await (const c of this.chunks(sessionId, fromSeq)) yield { seq: c.seq, pcm: c.data };
  }

  /**
   * Speakers (from the embeddings saved with the segments, else computed from the stored audio),
   * roles, analysis and the draft note; then the audio is deleted unless the practice keeps it.
   * Idempotent: a session already drafted answers with its note.
   *
   * Crash-safe: the move to `drafting` queues a `finalize` job in the same transaction, due after
   * `finalizeGraceMs`. This call then writes the note itself (the clinician waits for it); if the
   * process dies first, or a transient error stops it, a worker (in any process) takes the job and
   * writes the note from the stored segments. A capture found in `drafting` is completed the same
   * way, here or by that job; the note is written once (the capture's move to `ready` is a
   * compare-and-set in the note's transaction).
   */
  async finishLive(
    actor: Actor,
    sessionId: string,
  ): Promise<{ session: Session; note: ProgressNote }> {
    const session = await this.load(actor, sessionId, 'write');
    const { store } = this.deps;
    const done = await this.alreadyDrafted(session);
    if (done) return done;
    const now = await this.plain(sessionId);
    if (now.status !== 'drafting') {
      const runAfter = new Date(this.deps.clock.now().getTime() + this.finalizeGraceMs);
      await store.transaction(async (tx) => {
        const moved = await tx.captures.update(sessionId, { status: 'drafting' }, LIVE);
        if (!moved.ok) {
          if (moved.reason === 'not_found') throw notFound('capture');
          const again = await tx.captures.getPlain(sessionId);
          if (again?.status === 'drafting') return; // another finisher got there first
          throw notRecording(again ?? now);
        }
        await tx.jobs.enqueue({
          kind: 'finalize',
          sessionId,
          maxAttempts: this.maxAttempts,
          runAfter: runAfter.toISOString(),
        });
      });
    }
    try {
      return { session, note: await this.completeLive(actor, session) };
    } catch (e) {
      // Final errors (no speech, …) fail the capture; others leave it to the finalize job.
      if (isFinalFailure(e)) await this.markFailed(sessionId, e);
      throw e;
    }
  }

  /**
   * Write the draft note of a live capture in `drafting` from its stored segments (by the
   * clinician stopping, or by a worker's `finalize` job after a crash; `actor` null). A capture
   * already `ready` answers with its note (written once, whoever finishes first).
   */
  async completeLive(actor: CaptureActor, session: Session): Promise<ProgressNote> {
    const record = await this.record(session.id);
    const ready = async (): Promise<ProgressNote | null> => {
      const r = await this.deps.store.captures.getPlain(session.id);
      if (r?.status !== 'ready' || r.noteId === null) return null;
      return (await this.deps.store.notes.get(r.noteId)) ?? null;
    };
    if (record.status !== 'drafting') {
      const note = await ready();
      if (note) return note;
      throw notRecording(record);
    }
    const speech = await this.liveSpeech(record);
    try {
      return await this.draft(actor, session, record, speech);
    } catch (e) {
      // Lost the race to another finisher: its note is the note.
      const note = isApiError(e) && e.code === 'conflict' ? await ready() : null;
      if (note) return note;
      throw e;
    }
  }

  /** Stream an uploaded file into encrypted chunks, then queue its transcription. */
  async upload(
    actor: Actor,
    sessionId: string,
    body: AsyncIterable<Uint8Array>,
    // The file name may carry PHI: never stored; the content type was checked by the route.
    _meta: { filename?: string; contentType?: string },
  ): Promise<CaptureState> {
    await this.load(actor, sessionId, 'write');
    const { store } = this.deps;
    const record = await this.record(sessionId);
    if (record.mode !== 'upload' || !['awaiting_upload', 'failed'].includes(record.status)) {
      throw conflict(
        `This session's audio cannot be uploaded now (its capture is ${record.status}).`,
        record.mode === 'upload'
          ? 'Wait for the transcription to finish; upload again only after it failed.'
          : 'This session is recorded live: its audio comes from the recording.',
      );
    }
    // A failed or abandoned earlier upload leaves pieces behind: start clean.
    await store.audio.deleteAll(sessionId);
    let seq = 0;
    let total = 0;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    const flush = async (): Promise<void> => {
      if (pendingBytes === 0) return;
      const data = Buffer.concat(pending, pendingBytes);
      pending = [];
      pendingBytes = 0;
      if (!(await store.audio.putChunk(sessionId, seq++, data))) {
        throw conflict(
          'Another upload to this session is in progress.',
          'Upload the file once; wait for the first upload to finish.',
        );
      }
    };
    try {
      for await (const part of body) {
        total += part.length;
        if (total > this.maxUploadBytes) throw tooLarge(this.maxUploadBytes);
        pending.push(Buffer.from(part.buffer, part.byteOffset, part.length));
        pendingBytes += part.length;
        while (pendingBytes >= UPLOAD_CHUNK_BYTES) {
          const all = Buffer.concat(pending, pendingBytes);
          pending = [all.subarray(UPLOAD_CHUNK_BYTES)];
          pendingBytes = all.length - UPLOAD_CHUNK_BYTES;
          if (
            !(await store.audio.putChunk(sessionId, seq++, all.subarray(0, UPLOAD_CHUNK_BYTES)))
          ) {
            throw conflict(
              'Another upload to this session is in progress.',
              'Upload the file once; wait for the first upload to finish.',
            );
          }
        }
      }
      await flush();
      if (total === 0) {
        throw new ApiError('bad_request', 'The uploaded audio file is empty.', {
          hint: 'Send the recording as the request body (Content-Type: audio/…).',
        });
      }
    } catch (e) {
      await store.audio.deleteAll(sessionId).catch(() => 0);
      throw e;
    }
    const now = this.deps.clock.now().toISOString();
    const queued = await store.transaction(async (tx) => {
      const out = await tx.captures.update(
        sessionId,
        { status: 'queued', progress: 0, error: null, lastSeq: seq - 1, audioSeconds: 0 },
        ['awaiting_upload', 'failed'],
      );
      if (!out.ok) throw outcomeError(out.reason, 'capture');
      await tx.jobs.enqueue({
        kind: 'transcribe',
        sessionId,
        maxAttempts: this.maxAttempts,
        runAfter: now,
      });
      return out.value;
    });
    return toState(queued);
  }

  /** Re-parse with role overrides, re-analyse, rewrite the DRAFT note (409 once signed). */
  async relabel(
    actor: Actor,
    sessionId: string,
    roles: Record<string, Role>,
  ): Promise<{ note: ProgressNote }> {
    const session = await this.load(actor, sessionId, 'write');
    const { store } = this.deps;
    const record = await this.record(sessionId);
    const note = (await store.notes.listForSession(sessionId))[0];
    if (record.speech === null || note === undefined) {
      throw conflict(
        'This session has no transcribed speakers yet.',
        'Relabel speakers once the draft note is ready.',
      );
    }
    enforce(actor, 'write', {
      type: 'note',
      ownerClinicianId: session.clinicianId,
      authorId: note.authorId,
    });
    if (note.status !== 'draft') {
      throw new ApiError('note_locked', 'The note is signed: its speakers can no longer change.', {
        hint: 'Add an addendum to correct a signed note.',
      });
    }
    const labels = new Set(record.speech.speakers.map((s) => s.label));
    const unknown = Object.keys(roles).filter((l) => !labels.has(l));
    if (unknown.length > 0) {
      throw validationFailed(
        unknown.map((l) => ({
          path: `body.roles.${l.slice(0, 40)}`,
          message: `is not a speaker of this session (its speakers: ${[...labels].join(', ')})`,
        })),
      );
    }
    const speech = rebuild(record.speech, roles);
    const client = await this.client(session.clientId);
    const text = coreJsonWithRoles(speech);
    const draft = await draftNote(store, {
      client,
      details: session.details,
      text,
      format: 'json',
      noteFormat: note.format,
      excludeNoteId: note.id,
      fromAudio: true,
    });
    return store.transaction(async (tx) => {
      const out = await tx.notes.updateDraft(note.id, note.version, {
        body: draft.body,
        review: draft.review,
      });
      if (!out.ok) throw outcomeError(out.reason, 'note');
      await tx.sessions.putTranscript(sessionId, { format: 'json', text });
      await tx.sessions.putAnalysis(sessionId, draft.analysis);
      await tx.captures.update(sessionId, { speech });
      await audit(this.deps, tx, actor, 'update', 'transcript', sessionId);
      await audit(this.deps, tx, actor, 'update', 'analysis', sessionId);
      await audit(this.deps, tx, actor, 'update', 'note', note.id);
      await raiseSessionRisk(this.deps, tx, actor, draft.analysis, {
        clientId: session.clientId,
        clinicianId: client.clinicianId,
        sessionId,
      });
      return { note: out.value };
    });
  }

  // ── Used by the worker (no actor: the system, on the author's behalf) ──────────

  /**
   * Write the draft note from a speaker-labelled transcript and store everything in one
   * transaction (transcript, analysis, note, capture `ready`), deleting the audio unless the
   * practice keeps it. `actor` null: the worker (audit entries by the system).
   */
  async draft(
    actor: CaptureActor,
    session: Session,
    record: CaptureRecord,
    speech: SpeechTranscript,
  ): Promise<ProgressNote> {
    const { store } = this.deps;
    if (speech.segments.length === 0) {
      throw new ApiError(
        'bad_request',
        'No speech was found in the recording, so no note was written.',
        {
          hint: 'Check that the microphone or the file carries the session, then record or upload it again.',
        },
      );
    }
    const client = await this.client(session.clientId);
    const text = coreJsonWithRoles(speech);
    const draft = await draftNote(store, {
      client,
      details: session.details,
      text,
      format: 'json',
      noteFormat: record.noteFormat,
      fromAudio: true,
    });
    const stored = withDraftWarnings(speech, draft.transcript);
    const cosignRequired = await cosignRequiredFor(store, session.clinicianId);
    const { keepAudio } = (await readPracticeSettings(store)).speech;
    return store.transaction(async (tx) => {
      await tx.sessions.putTranscript(session.id, { format: 'json', text });
      await tx.sessions.putAnalysis(session.id, draft.analysis);
      const note = await tx.notes.create({
        sessionId: session.id,
        clientId: session.clientId,
        authorId: session.clinicianId,
        format: record.noteFormat,
        body: draft.body,
        review: draft.review,
        cosignRequired,
      });
      // Only from drafting: a second finisher (after a crash, a retry) rolls back, no second note.
      const out = await tx.captures.update(
        session.id,
        {
          status: 'ready',
          speech: stored,
          noteId: note.id,
          progress: null,
          error: null,
          audioSeconds: Math.max(record.audioSeconds, speech.durationSec),
        },
        ['drafting'],
      );
      if (!out.ok) throw outcomeError(out.reason, 'capture');
      await audit(this.deps, tx, actor, 'create', 'transcript', session.id);
      await audit(this.deps, tx, actor, 'create', 'analysis', session.id);
      await audit(this.deps, tx, actor, 'create', 'note', note.id);
      await raiseSessionRisk(this.deps, tx, actor, draft.analysis, {
        clientId: session.clientId,
        clinicianId: client.clinicianId,
        sessionId: session.id,
      });
      if (!keepAudio) await this.deleteAudio(tx, actor, session.id);
      return note;
    });
  }

  /** Mark the capture failed with a PHI-free reason (see captureError). */
  async markFailed(sessionId: string, e: unknown): Promise<void> {
    await this.deps.store.captures
      .update(sessionId, { status: 'failed', progress: null, error: failureOf(e) })
      .catch(() => undefined);
  }

  /** The stored audio chunks of a session, in order, a page at a time (decrypted). */
  async *chunks(sessionId: string, fromSeq = 0): AsyncIterable<{ seq: number; data: Buffer }> {
    let next = fromSeq;
    for (;;) {
      const page = await this.deps.store.audio.readChunks(sessionId, next, READ_PAGE);
      for (const c of page) yield c;
      const last = page[page.length - 1];
      if (page.length < READ_PAGE || last === undefined) return;
      next = last.seq + 1;
    }
  }

  // ── Private ──────────────────────────────────────────────────────────────

  /** A session the actor may do `action` to (404 when hidden): the sessions' own access rule. */
  private load(actor: Actor, sessionId: string, action: 'read' | 'write'): Promise<Session> {
    return this.sessions.load(actor, sessionId, action);
  }

  private async record(sessionId: string): Promise<CaptureRecord> {
    const record = await this.deps.store.captures.get(sessionId);
    if (!record) throw noCapture();
    return record;
  }

  /** The capture's plain fields (no sealed column opened: cheap enough for every frame). */
  private async plain(sessionId: string): Promise<CapturePlain> {
    const record = await this.deps.store.captures.getPlain(sessionId);
    if (!record) throw noCapture();
    return record;
  }

  private async client(clientId: string): Promise<Client> {
    const client = await this.deps.store.clients.get(clientId);
    if (!client) throw notFound('client');
    return client;
  }

  private async alreadyDrafted(
    session: Session,
  ): Promise<{ session: Session; note: ProgressNote } | null> {
    const record = await this.record(session.id);
    if (record.status !== 'ready' || record.noteId === null) return null;
    const note = await this.deps.store.notes.get(record.noteId);
    return note ? { session, note } : null;
  }

  /** The live transcript with speakers: saved embeddings, else embeddings from the stored audio. */
  private async liveSpeech(record: CaptureRecord): Promise<SpeechTranscript> {
    const segments = [...record.segments].sort((a, b) => a.start - b.start || a.end - b.end);
    let embeddings: (Float32Array | null)[];
    const saved = record.embeddings;
    if (saved.length === record.segments.length && saved.some((e) => e !== null)) {
      // Saved in the segments' stored order: sort them along.
      const order = record.segments
        .map((s, i) => ({ s, i }))
        .sort((a, b) => a.s.start - b.s.start || a.s.end - b.s.end)
        .map((o) => o.i);
      embeddings = order.map((i) => {
        const e = saved[i];
        return e ? Float32Array.from(e) : null;
      });
    } else if (segments.length > 0 && record.lastSeq >= 0) {
      embeddings = await embedSegments(pcmOf(this.chunks(record.sessionId)), segments, 0);
    } else {
      embeddings = segments.map(() => null);
    }
    const result = diarizeEmbeddings(segments, embeddings);
    const duration = Math.max(
      record.audioSeconds,
      segments.reduce((m, s) => Math.max(m, s.end), 0),
    );
    return buildSpeechTranscript(
      { id: record.engine, quality: record.quality, model: record.model },
      result.segments,
      duration,
      result.method,
      result.warnings,
    );
  }

  private async deleteAudio(tx: StoreTx, actor: CaptureActor, sessionId: string): Promise<void> {
    const n = await tx.audio.deleteAll(sessionId);
    if (n > 0) await audit(this.deps, tx, actor, 'delete', 'audio', sessionId);
  }
}

/** The API's view of a stored capture without its transcript. */
export function plainState(r: CapturePlain): CaptureView {
  return {
    sessionId: r.sessionId,
    mode: r.mode,
    status: r.status,
    engine: r.engine,
    quality: r.quality,
    model: r.model,
    lastSeq: r.lastSeq,
    audioSeconds: r.audioSeconds,
    transcribedUntilSec: r.transcribedUntilSec,
    progress: r.progress,
    error: r.error,
    noteId: r.noteId,
  };
}

/** The API's view of a stored capture. */
export function toState(r: CaptureRecord): CaptureState {
  return { ...plainState(r), segments: r.segments, speech: r.speech };
}

/**
 * The speech transcript with the draft's one-voice warning (worded for the app), so the capture
 * (`?include=segments`) says what the session view's transcript says.
 */
function withDraftWarnings(speech: SpeechTranscript, transcript: Transcript): SpeechTranscript {
  const oneVoice = speechOneVoiceWarning('app');
  if (!transcript.warnings.some((w) => w.message === oneVoice)) return speech;
  if (speech.warnings.includes(oneVoice)) return speech;
  return { ...speech, warnings: [...speech.warnings, oneVoice] };
}

/** Role overrides applied to a transcript's speakers (their role source becomes `override`). */
function rebuild(speech: SpeechTranscript, roles: Record<string, Role>): SpeechTranscript {
  const keep: Record<string, Role> = {};
  for (const s of speech.speakers) if (s.roleSource === 'override') keep[s.label] = s.role;
  return buildSpeechTranscript(
    { id: speech.engine, quality: speech.quality, model: speech.model },
    speech.segments,
    speech.durationSec,
    speech.diarization,
    speech.warnings,
    { roles: { ...keep, ...roles } },
  );
}

/**
 * The core JSON transcript of a speech transcript, with the role of every relabelled speaker
 * written on its turns: the stored transcript then reads with the clinician's roles wherever it
 * is parsed again (GET /api/sessions/:id), not only here.
 */
function coreJsonWithRoles(speech: SpeechTranscript): string {
  const overrides = new Map(
    speech.speakers.filter((s) => s.roleSource === 'override').map((s) => [s.label, s.role]),
  );
  if (overrides.size === 0) return speechToCoreJson(speech);
  const parsed = JSON.parse(speechToCoreJson(speech)) as {
    segments: { speaker: string; start: number; end: number; text: string; role?: Role }[];
  };
  for (const seg of parsed.segments) {
    const role = overrides.get(seg.speaker);
    if (role !== undefined) seg.role = role;
  }
  return JSON.stringify(parsed);
}

/** Decrypted chunks → the PCM stream the embedding reads. */
async function* pcmOf(chunks: AsyncIterable<{ data: Buffer }>): AsyncIterable<Uint8Array> {
  for await (const c of chunks) yield c.data;
}

function noCapture(): ApiError {
  return new ApiError('not_found', 'This session has no audio capture.', {
    hint: 'Sessions added from a typed transcript have none; start a recording or an upload for audio.',
  });
}

function notRecording(record: Pick<CapturePlain, 'status' | 'mode'>): ApiError {
  return conflict(
    `This session is not being recorded (its capture is ${record.status}).`,
    record.mode === 'live'
      ? 'Start a new recording for another session; a stopped recording cannot continue.'
      : 'This session takes an uploaded file, not live audio.',
  );
}

function tooLarge(max: number): ApiError {
  const mb = Math.round(max / (1024 * 1024));
  return new ApiError('payload_too_large', `The audio file is larger than ${mb} MB.`, {
    hint: 'Upload a compressed recording (mp3, m4a, ogg, webm) or split it into parts.',
  });
}

/** An error → the reason stored with a failed capture (never PHI; see captureError). */
export function failureOf(e: unknown): CaptureError {
  if (e instanceof ApiError) return { code: e.code, message: e.message, hint: e.hint ?? '' };
  return captureError(e);
}
