/**
 * Sessions: a session with its transcript becomes a draft note in one step — parse → analyse
 * (with the client's plan) → write → review, all from the pure core — and the transcript,
 * analysis and draft are stored (encrypted at rest by the store). Process notes never enter this
 * path: the engine sees the transcript, the plan and earlier progress notes only.
 */
import {
  parseTranscript,
  type Analysis,
  type InputFormat,
  type NoteFormat,
  type Transcript,
} from '../../core/index.js';
import type { ProgressNote, Session, SessionDetails } from '../domain/schemas.js';
import { notFound } from '../errors.js';
import { enforce, type Actor } from './access.js';
import { audit, auditAccess } from './audit.js';
import { ClientService, type ClinicalDeps } from './clients.js';
import { raiseSessionRisk } from './alerts.js';
import { checkDetails, draftNote, fromAudio } from './draft-note.js';
import { cosignRequiredFor } from './settings.js';

export { PREVIOUS_NOTES } from './draft-note.js';

export interface NewSessionInput {
  details: SessionDetails;
  transcript: { text: string; format?: 'auto' | InputFormat | undefined };
  noteFormat?: NoteFormat | undefined;
}

export interface SessionView {
  session: Session;
  transcript: Transcript | null;
  analysis: Analysis | null;
}

export class SessionService {
  private readonly clients: ClientService;

  constructor(private readonly deps: ClinicalDeps) {
    this.clients = new ClientService(deps);
  }

  /** A session the actor may do `action` to (404 when they may not see it). No audit entry. */
  async load(actor: Actor, sessionId: string, action: 'read' | 'write'): Promise<Session> {
    const session = await this.deps.store.sessions.get(sessionId);
    if (!session) {
      enforce(actor, 'read', { type: 'caseload' });
      throw notFound('session');
    }
    const client = await this.deps.store.clients.get(session.clientId);
    if (!client) throw notFound('session');
    enforce(actor, action, { type: 'session', ownerClinicianId: client.clinicianId });
    return session;
  }

  async listForClient(actor: Actor, clientId: string): Promise<Session[]> {
    await this.clients.load(actor, clientId, 'read');
    const sessions = await this.deps.store.sessions.listForClient(clientId);
    await auditAccess(this.deps, actor, 'read', ['session', sessions.map((s) => s.id)]);
    return sessions;
  }

  /** Create a session from a transcript and write its draft note. */
  async create(
    actor: Actor,
    clientId: string,
    input: NewSessionInput,
  ): Promise<{ session: Session; note: ProgressNote }> {
    const client = await this.clients.load(actor, clientId, 'read');
    enforce(actor, 'write', { type: 'session', ownerClinicianId: client.clinicianId });
    checkDetails(input.details);

    const format = input.transcript.format === 'auto' ? undefined : input.transcript.format;
    const { store } = this.deps;
    const noteFormat = input.noteFormat ?? 'soap';
    // Throws DocscribError naming the line (never quoting it) → 400 bad_request.
    const { transcript, analysis, body, review } = await draftNote(store, {
      client,
      details: input.details,
      text: input.transcript.text,
      format,
      noteFormat,
    });
    // What signing would need if it happened now; signing decides it again (NoteService.sign).
    const cosignRequired = await cosignRequiredFor(store, actor.id);

    return store.transaction(async (tx) => {
      const session = await tx.sessions.create({
        clientId,
        clinicianId: actor.id,
        details: input.details,
      });
      await tx.sessions.putTranscript(session.id, {
        format: transcript.format,
        text: input.transcript.text,
      });
      await tx.sessions.putAnalysis(session.id, analysis);
      const note = await tx.notes.create({
        sessionId: session.id,
        clientId,
        authorId: actor.id,
        format: noteFormat,
        body,
        review,
        cosignRequired,
      });
      await audit(this.deps, tx, actor, 'create', 'session', session.id);
      await audit(this.deps, tx, actor, 'create', 'transcript', session.id);
      await audit(this.deps, tx, actor, 'create', 'analysis', session.id);
      await audit(this.deps, tx, actor, 'create', 'note', note.id);
      await raiseSessionRisk(this.deps, tx, actor, analysis, {
        clientId,
        clinicianId: client.clinicianId,
        sessionId: session.id,
      });
      return { session, note };
    });
  }

  /** The session with its parsed transcript and analysis. */
  async get(actor: Actor, sessionId: string): Promise<SessionView> {
    const session = await this.load(actor, sessionId, 'read');
    const stored = await this.deps.store.sessions.getTranscript(sessionId);
    const analysis = (await this.deps.store.sessions.getAnalysis(sessionId)) ?? null;
    const parsed = stored ? parseTranscript(stored.text, { format: stored.format }) : null;
    // A transcript recognised from audio: its warnings worded for a recording.
    const fromRecording =
      parsed !== null && (await this.deps.store.captures.getPlain(sessionId)) !== undefined;
    const transcript = parsed && fromRecording ? fromAudio(parsed) : parsed;
    await auditAccess(
      this.deps,
      actor,
      'read',
      ['session', [sessionId]],
      ['transcript', stored ? [sessionId] : []],
      ['analysis', analysis ? [sessionId] : []],
    );
    return { session, transcript, analysis };
  }
}
