/**
 * Capture: a session whose transcript comes from audio, recorded live in the browser or
 * uploaded as a file. The session exists from the start (so consent and details are checked
 * before any audio is stored); its draft note is written once the audio is transcribed.
 *
 * Audio is PHI: every chunk is encrypted at rest (bound to its session and sequence number) and
 * deleted after transcription unless the practice keeps audio (`settings.speech.keepAudio`).
 * Audit: `create audio` once when capture starts, `delete audio` when the audio is deleted; never
 * one entry per frame.
 */
import type { NoteFormat, Role } from '../../core/index.js';
import type { EngineId, EngineQuality, RecognizedSegment } from '../../speech/schema.js';
import type { ProgressNote, Session, SessionDetails } from '../domain/schemas.js';
import type { Actor } from './access.js';
import type { ClinicalDeps } from './clients.js';

export type CaptureMode = 'live' | 'upload';
export type CaptureStatus =
  | 'recording'
  | 'paused'
  | 'awaiting_upload'
  | 'queued'
  | 'transcribing'
  | 'drafting'
  | 'ready'
  | 'failed';

export interface CaptureError {
  code: string;
  message: string;
  hint: string;
}

export interface CaptureState {
  sessionId: string;
  mode: CaptureMode;
  status: CaptureStatus;
  engine: EngineId;
  quality: EngineQuality;
  model: string | null;
  /** Highest contiguous live frame stored, -1 when none. */
  lastSeq: number;
  /** Audio received so far (seconds). */
  audioSeconds: number;
  /** Audio the engine has fully processed (the resume point), seconds. */
  transcribedUntilSec: number;
  /** The live / so-far transcript (decrypted). */
  segments: RecognizedSegment[];
  /** 0..1 for uploads being transcribed. */
  progress: number | null;
  error: CaptureError | null;
  /** Set when the draft note exists. */
  noteId: string | null;
}

export interface StartCaptureInput {
  details: SessionDetails;
  noteFormat?: NoteFormat | undefined;
  mode: CaptureMode;
}

export class CaptureService {
  constructor(private readonly deps: ClinicalDeps) {}

  /** Create the session (consentToRecord must be true: 400 otherwise) and its capture state. */
  start(
    actor: Actor,
    clientId: string,
    input: StartCaptureInput,
  ): Promise<{ session: Session; capture: CaptureState }> {
    return notImplemented(this.deps, actor, clientId, input);
  }

  state(actor: Actor, sessionId: string): Promise<CaptureState> {
    return notImplemented(actor, sessionId);
  }

  /** Store one live frame (idempotent per seq, encrypted); 409 when not recording/paused. */
  appendLiveAudio(
    actor: Actor,
    sessionId: string,
    seq: number,
    pcm: Buffer,
  ): Promise<{ lastSeq: number }> {
    return notImplemented(actor, sessionId, seq, pcm);
  }

  setLiveStatus(actor: Actor, sessionId: string, status: 'recording' | 'paused'): Promise<void> {
    return notImplemented(actor, sessionId, status);
  }

  /** Replace the stored (encrypted) live segment list. */
  saveLiveSegments(
    actor: Actor,
    sessionId: string,
    segments: RecognizedSegment[],
    transcribedUntilSec: number,
    embeddings?: (number[] | null)[],
  ): Promise<void> {
    return notImplemented(actor, sessionId, segments, transcribedUntilSec, embeddings);
  }

  /** The stored live frames from `fromSeq` on, in order, a page at a time. */
  readLiveAudio(
    actor: Actor,
    sessionId: string,
    fromSeq: number,
  ): AsyncIterable<{ seq: number; pcm: Buffer }> {
    throw notImplementedError(actor, sessionId, fromSeq);
  }

  /** Diarize + roles + analyse + draft the note; delete the audio unless keepAudio. */
  finishLive(actor: Actor, sessionId: string): Promise<{ session: Session; note: ProgressNote }> {
    return notImplemented(actor, sessionId);
  }

  /** Stream an uploaded file into encrypted chunks, then queue its transcription. */
  upload(
    actor: Actor,
    sessionId: string,
    body: AsyncIterable<Uint8Array>,
    meta: { filename?: string; contentType?: string },
  ): Promise<CaptureState> {
    return notImplemented(actor, sessionId, body, meta);
  }

  /** Re-parse with role overrides, re-analyse, rewrite the DRAFT note (409 once signed). */
  relabel(
    actor: Actor,
    sessionId: string,
    roles: Record<string, Role>,
  ): Promise<{ note: ProgressNote }> {
    return notImplemented(actor, sessionId, roles);
  }
}

/** Placeholder while the bodies are written (the arguments are named so the API is complete). */
function notImplementedError(..._args: unknown[]): Error {
  return new Error('not implemented');
}

function notImplemented(...args: unknown[]): Promise<never> {
  return Promise.reject(notImplementedError(...args));
}
