/**
 * Progress notes: read, edit a draft (re-reviewed), sign (author only), co-sign (the author's
 * supervisor, after signing), addenda (signed notes), and exports (copy-ready text, PDF, FHIR R4
 * for signed notes). Process notes are a separate service and never reach anything here.
 *
 * Editing keeps the engine's structure and the rule "every quote is grounded in the transcript":
 * the body keeps the note's format and sections; a `finding` keeps non-empty evidence, and every
 * evidence item is one the engine drew from the session's transcript (identical to an item of the
 * stored draft or of the session's analysis: utterance ids, quote and time); the clinician's own
 * sentences are kind `clinician`.
 *
 * Co-signing: whether a note needs its author's supervisor to co-sign is decided when it is
 * signed, from the author's supervisor at that moment and the practice's rule
 * (`requireCosignForSupervisees` in the settings); a draft shows what signing now would need.
 */
import { z } from 'zod';
import { renderText, reviewNote, type Note } from '../../core/index.js';
import {
  IdSchema,
  IsoTimeSchema,
  DateSchema,
  NoteFormatSchema,
  NoteStatusSchema,
  type Addendum,
  type ProgressNote,
  type Session,
} from '../domain/schemas.js';
import type { NoteExportInput, PersonRef } from '../export/input.js';
import { noteSectionsText, type TextSection } from '../export/text.js';
import { conflict, notFound, outcomeError } from '../errors.js';
import { enforce, type Actor } from './access.js';
import { audit, auditAccess } from './audit.js';
import { ClientService, type ClinicalDeps } from './clients.js';
import { reviewRecords } from './draft-note.js';
import { checkBody } from './note-body.js';
import { PREVIOUS_NOTES } from './sessions.js';
import { cosignRequiredFor, readPracticeSettings } from './settings.js';

export const NoteSummarySchema = z.object({
  id: IdSchema,
  sessionId: IdSchema,
  /** The session's date. */
  date: DateSchema,
  format: NoteFormatSchema,
  status: NoteStatusSchema,
  signedAt: IsoTimeSchema.nullable(),
  cosignRequired: z.boolean(),
  cosignedAt: IsoTimeSchema.nullable(),
});
export type NoteSummary = z.infer<typeof NoteSummarySchema>;

export type FhirResourceType = 'Composition' | 'DocumentReference';

/** The exporters (export/*), injected so tests and the app pass the real ones. */
export interface NoteExporters {
  pdf(input: NoteExportInput): Promise<Uint8Array>;
  /** A FHIR R4 resource (JSON) of a signed note. */
  fhir(input: NoteExportInput, resource: FhirResourceType): Promise<unknown>;
}

export interface NoteView {
  note: ProgressNote;
  addenda: Addendum[];
  session: Session;
}

export class NoteService {
  private readonly clients: ClientService;

  constructor(
    private readonly deps: ClinicalDeps,
    private readonly exporters: NoteExporters,
  ) {
    this.clients = new ClientService(deps);
  }

  /** A note the actor may do `action` to (404 when they may not see it). No audit entry. */
  private async load(
    actor: Actor,
    noteId: string,
    action: 'read' | 'write' | 'sign' | 'cosign' | 'addendum' | 'export',
  ): Promise<ProgressNote> {
    const note = await this.deps.store.notes.get(noteId);
    if (!note) {
      enforce(actor, 'read', { type: 'caseload' });
      throw notFound('note');
    }
    const client = await this.deps.store.clients.get(note.clientId);
    if (!client) throw notFound('note');
    enforce(actor, action, {
      type: 'note',
      ownerClinicianId: client.clinicianId,
      authorId: note.authorId,
      cosignedBy: note.cosignedBy,
    });
    return note;
  }

  /** The client's notes, newest session first (no content: ids, dates, status). */
  async listForClient(actor: Actor, clientId: string): Promise<NoteSummary[]> {
    await this.clients.load(actor, clientId, 'read');
    const { store } = this.deps;
    const [notes, sessions] = await Promise.all([
      store.notes.listForClient(clientId),
      store.sessions.listForClient(clientId),
    ]);
    const dateOf = new Map(sessions.map((s) => [s.id, s.details.date]));
    const current = await this.withCurrentCosign(notes);
    const out = current
      .map((n) => ({ n, date: dateOf.get(n.sessionId) ?? n.createdAt.slice(0, 10) }))
      .sort((a, b) => b.date.localeCompare(a.date) || b.n.createdAt.localeCompare(a.n.createdAt))
      .map(({ n, date }) => ({
        id: n.id,
        sessionId: n.sessionId,
        date,
        format: n.format,
        status: n.status,
        signedAt: n.signedAt,
        cosignRequired: n.cosignRequired,
        cosignedAt: n.cosignedAt,
      }));
    await auditAccess(this.deps, actor, 'read', ['note', out.map((n) => n.id)]);
    return out;
  }

  async get(actor: Actor, noteId: string): Promise<NoteView> {
    const note = await this.load(actor, noteId, 'read');
    const { store } = this.deps;
    const [addenda, session] = await Promise.all([
      store.notes.listAddenda(noteId),
      store.sessions.get(note.sessionId),
    ]);
    if (!session) throw notFound('note');
    const [current] = await this.withCurrentCosign([note]);
    await auditAccess(
      this.deps,
      actor,
      'read',
      ['note', [noteId]],
      ['addendum', addenda.map((a) => a.id)],
    );
    return { note: current ?? note, addenda, session };
  }

  /** Replace a draft's body (re-reviewed). 409 `note_locked` once signed, `conflict` if stale. */
  async update(actor: Actor, noteId: string, body: Note, version: number): Promise<ProgressNote> {
    const note = await this.load(actor, noteId, 'write');
    if (note.status === 'signed') throw outcomeError('locked', 'note');
    if (note.version !== version) throw outcomeError('conflict', 'note');
    const { store } = this.deps;
    const analysis = await store.sessions.getAnalysis(note.sessionId);
    checkBody(note, body, analysis);
    const previousNotes = await this.previousNotes(note);
    // The consent records and measure alerts as of the session's date (as when drafted).
    const sessionDate = (await store.sessions.get(note.sessionId))?.details.date;
    const records =
      sessionDate !== undefined
        ? await reviewRecords(store, note.clientId, sessionDate)
        : undefined;
    const review = reviewNote({
      note: body,
      previousNotes,
      ...(analysis ? { analysis } : {}),
      ...(records
        ? {
            consentsOnFile: records.consentsOnFile,
            measureAlerts: records.measureAlerts,
            sessionDate: records.sessionDate,
          }
        : {}),
    });
    const saved = await store.transaction(async (tx) => {
      const out = await tx.notes.updateDraft(noteId, version, { body, review });
      if (!out.ok) throw outcomeError(out.reason, 'note');
      await audit(this.deps, tx, actor, 'update', 'note', noteId);
      return out.value;
    });
    const [current] = await this.withCurrentCosign([saved]);
    return current ?? saved;
  }

  async sign(actor: Actor, noteId: string, version: number): Promise<ProgressNote> {
    const note = await this.load(actor, noteId, 'sign');
    if (note.status === 'signed') throw outcomeError('locked', 'note');
    const at = this.deps.clock.now().toISOString();
    return this.deps.store.transaction(async (tx) => {
      // Decided now, from the author's supervisor at signing (not when the draft was written)
      // and the practice's rule (settings.requireCosignForSupervisees).
      const cosignRequired = await cosignRequiredFor(tx, note.authorId);
      const out = await tx.notes.sign(noteId, version, actor.id, at, cosignRequired);
      if (!out.ok) throw outcomeError(out.reason, 'note');
      await audit(this.deps, tx, actor, 'sign', 'note', noteId);
      return out.value;
    });
  }

  async cosign(actor: Actor, noteId: string): Promise<ProgressNote> {
    const note = await this.load(actor, noteId, 'cosign');
    if (!note.cosignRequired) {
      throw conflict(
        'This note does not need a co-signature: its author had no supervisor when signing it, or the practice does not require one.',
        'Nothing to do.',
      );
    }
    if (note.status !== 'signed') {
      throw conflict(
        'The note is still a draft: its author must sign it before it can be co-signed.',
        'Ask the author to sign the note first.',
      );
    }
    if (note.cosignedAt !== null) {
      throw conflict('The note is already co-signed.', 'Add an addendum for any change.');
    }
    const at = this.deps.clock.now().toISOString();
    return this.deps.store.transaction(async (tx) => {
      const out = await tx.notes.cosign(noteId, actor.id, at);
      if (!out.ok) {
        throw out.reason === 'not_found'
          ? notFound('note')
          : conflict('The note was co-signed or changed meanwhile.', 'Reload it.');
      }
      await audit(this.deps, tx, actor, 'cosign', 'note', noteId);
      return out.value;
    });
  }

  async addAddendum(actor: Actor, noteId: string, text: string): Promise<Addendum> {
    const note = await this.load(actor, noteId, 'addendum');
    if (note.status !== 'signed') {
      throw conflict(
        'Addenda are for signed notes; this note is still a draft.',
        'Edit the draft instead, or sign it first.',
      );
    }
    return this.deps.store.transaction(async (tx) => {
      const addendum = await tx.notes.addAddendum(noteId, actor.id, text);
      await audit(this.deps, tx, actor, 'addendum', 'note', noteId);
      await audit(this.deps, tx, actor, 'create', 'addendum', addendum.id);
      return addendum;
    });
  }

  /** Copy-ready plain text per section (plus interventions and addenda). */
  async text(actor: Actor, noteId: string): Promise<TextSection[]> {
    const input = await this.exportInput(actor, noteId);
    const sections = noteSectionsText(input);
    await auditAccess(this.deps, actor, 'export', ['note', [noteId]]);
    return sections;
  }

  async pdf(actor: Actor, noteId: string): Promise<Uint8Array> {
    const input = await this.exportInput(actor, noteId);
    const bytes = await this.exporters.pdf(input);
    await auditAccess(this.deps, actor, 'export', ['note', [noteId]]);
    return bytes;
  }

  /** A FHIR R4 resource for a signed note (409 `conflict` for a draft). */
  async fhir(actor: Actor, noteId: string, resource: FhirResourceType): Promise<unknown> {
    const input = await this.exportInput(actor, noteId);
    if (input.note.status !== 'signed') {
      throw conflict(
        'Only signed notes are exported to FHIR; this note is still a draft.',
        'Sign the note, then export it.',
      );
    }
    const doc = await this.exporters.fhir(input, resource);
    await auditAccess(this.deps, actor, 'export', ['note', [noteId]]);
    return doc;
  }

  private async exportInput(actor: Actor, noteId: string): Promise<NoteExportInput> {
    const note = await this.load(actor, noteId, 'export');
    const { store } = this.deps;
    const [client, session, addenda, settings] = await Promise.all([
      store.clients.get(note.clientId),
      store.sessions.get(note.sessionId),
      store.notes.listAddenda(noteId),
      readPracticeSettings(store),
    ]);
    if (!client || !session) throw notFound('note');
    const person = async (id: string | null): Promise<PersonRef | null> => {
      if (id === null) return null;
      const u = await store.users.get(id);
      return { id, name: u?.name ?? 'unknown user' };
    };
    const [author, signer, cosigner] = await Promise.all([
      person(note.authorId),
      person(note.signedBy),
      person(note.cosignedBy),
    ]);
    return {
      note,
      client,
      session,
      addenda,
      author: author ?? { id: note.authorId, name: 'unknown user' },
      signer,
      cosigner,
      practice: {
        name: settings.practiceName,
        address: settings.address,
        phone: settings.phone,
        npi: settings.npi,
        timezone: settings.timezone,
      },
    };
  }

  /**
   * Drafts as signing them now would be: `cosignRequired` from their author's current supervisor
   * and the practice's rule (signed notes keep what was decided at signing).
   */
  private async withCurrentCosign(notes: readonly ProgressNote[]): Promise<ProgressNote[]> {
    const byAuthor = new Map<string, Promise<boolean>>();
    const required = (authorId: string): Promise<boolean> => {
      let p = byAuthor.get(authorId);
      if (!p) {
        p = cosignRequiredFor(this.deps.store, authorId);
        byAuthor.set(authorId, p);
      }
      return p;
    };
    return Promise.all(
      notes.map(async (n) =>
        n.status === 'draft' ? { ...n, cosignRequired: await required(n.authorId) } : n,
      ),
    );
  }

  /** Text of the client's notes written before this one (newest PREVIOUS_NOTES), oldest first. */
  private async previousNotes(note: ProgressNote): Promise<string[]> {
    return (await this.deps.store.notes.listForClient(note.clientId))
      .filter((n) => n.id !== note.id && n.createdAt <= note.createdAt)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      .slice(-PREVIOUS_NOTES)
      .map((n) => renderText(n.body));
  }
}
