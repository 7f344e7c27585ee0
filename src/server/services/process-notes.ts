/**
 * Private psychotherapy (process) notes, 45 CFR 164.501: only their author can read or change
 * them. They are never listed for anyone else, never passed to the engine (analysis, review),
 * never exported, and never part of another response. To anyone but the author they do not
 * exist (404).
 */
import type { ProcessNote } from '../domain/schemas.js';
import { notFound, outcomeError, validationFailed } from '../errors.js';
import { enforce, type Actor } from './access.js';
import { audit, auditAccess } from './audit.js';
import { ClientService, type ClinicalDeps } from './clients.js';

export class ProcessNoteService {
  private readonly clients: ClientService;

  constructor(private readonly deps: ClinicalDeps) {
    this.clients = new ClientService(deps);
  }

  private async load(actor: Actor, id: string, action: 'read' | 'write'): Promise<ProcessNote> {
    const pn = await this.deps.store.processNotes.get(id);
    if (!pn) {
      enforce(actor, 'read', { type: 'caseload' });
      throw notFound('process note');
    }
    const client = await this.deps.store.clients.get(pn.clientId);
    if (!client) throw notFound('process note');
    enforce(actor, action, {
      type: 'process_note',
      ownerClinicianId: client.clinicianId,
      authorId: pn.authorId,
    });
    return pn;
  }

  /** The caller's own process notes about this client (nobody else's, ever). */
  async listForClient(actor: Actor, clientId: string): Promise<ProcessNote[]> {
    await this.clients.load(actor, clientId, 'read');
    const list = await this.deps.store.processNotes.listForAuthorAndClient(actor.id, clientId);
    const own = list.filter((p) => p.authorId === actor.id && p.clientId === clientId);
    await auditAccess(this.deps, actor, 'read', ['process_note', own.map((p) => p.id)]);
    return own;
  }

  async create(
    actor: Actor,
    clientId: string,
    input: { text: string; sessionId?: string | null | undefined },
  ): Promise<ProcessNote> {
    const client = await this.clients.load(actor, clientId, 'write');
    const sessionId = input.sessionId ?? null;
    if (sessionId !== null) {
      const session = await this.deps.store.sessions.get(sessionId);
      if (session?.clientId !== client.id) {
        throw validationFailed(
          [{ path: 'body.sessionId', message: 'is not a session of this client' }],
          "Leave sessionId out, or give the id of one of this client's sessions.",
        );
      }
    }
    return this.deps.store.transaction(async (tx) => {
      const pn = await tx.processNotes.create({
        clientId,
        authorId: actor.id,
        sessionId,
        text: input.text,
      });
      await audit(this.deps, tx, actor, 'create', 'process_note', pn.id);
      return pn;
    });
  }

  async get(actor: Actor, id: string): Promise<ProcessNote> {
    const pn = await this.load(actor, id, 'read');
    await auditAccess(this.deps, actor, 'read', ['process_note', [id]]);
    return pn;
  }

  async update(actor: Actor, id: string, text: string): Promise<ProcessNote> {
    await this.load(actor, id, 'write');
    return this.deps.store.transaction(async (tx) => {
      const out = await tx.processNotes.updateText(id, text);
      if (!out.ok) throw outcomeError(out.reason, 'process note');
      await audit(this.deps, tx, actor, 'update', 'process_note', id);
      return out.value;
    });
  }
}
