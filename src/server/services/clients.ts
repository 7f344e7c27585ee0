/**
 * Clients (and reading their treatment plans; plans are saved and signed in plans.ts). Every read and write of a chart record is authorized with
 * `enforce` (access.ts) and recorded in the audit log (who, action, record type and id; never
 * content), atomically with the write it records (services/audit.ts).
 */
import {
  ClientPlanSchema,
  type Client,
  type ClientPlan,
  type ClientProfile,
} from '../domain/schemas.js';
import type { TreatmentPlan } from '../../core/index.js';
import { notFound, outcomeError } from '../errors.js';
import type { AuditLog, Clock } from '../ports.js';
import type { Store } from '../store/port.js';
import { authorize, enforce, type Actor } from './access.js';
import { audit, auditAccess } from './audit.js';

/** The ports every clinical service is built from. */
export interface ClinicalDeps {
  store: Store;
  auditLog: AuditLog;
  clock: Clock;
}

export const EMPTY_PLAN: ClientPlan = Object.freeze(ClientPlanSchema.parse({}));

/**
 * The part of the client's chart the engine uses (goals with their objectives' text and
 * instrument, to link progress to; planned intervention ids); no identity.
 */
export function enginePlan(client: Client, plan: ClientPlan): TreatmentPlan {
  return {
    goals: plan.goals.map((g) => ({
      id: g.id,
      text: g.text,
      ...(g.keywords ? { keywords: g.keywords } : {}),
      ...(g.objectives.length > 0
        ? {
            objectives: g.objectives.map((o) => ({
              id: o.id,
              text: o.text,
              ...(o.instrument !== null ? { instrument: o.instrument } : {}),
            })),
          }
        : {}),
    })),
    plannedInterventions: plan.plannedInterventions.map((p) => p.interventionId),
    concerns: client.profile.presentingConcerns,
    diagnoses: client.profile.diagnoses.map((d) => d.description),
  };
}

export class ClientService {
  constructor(private readonly deps: ClinicalDeps) {}

  /** A client the actor may do `action` to (404 when they may not see it). No audit entry. */
  async load(actor: Actor, clientId: string, action: 'read' | 'write' | 'export'): Promise<Client> {
    const client = await this.deps.store.clients.get(clientId);
    if (!client) {
      enforce(actor, 'read', { type: 'caseload' }); // admin: 403 whether or not the id exists
      throw notFound('client');
    }
    enforce(actor, action, { type: 'client', ownerClinicianId: client.clinicianId });
    return client;
  }

  /** The actor's own clients and (supervisors) their supervisees'. */
  async list(actor: Actor): Promise<Client[]> {
    const visible = await this.caseload(actor);
    await auditAccess(this.deps, actor, 'read', ['client', visible.map((c) => c.id)]);
    return visible;
  }

  /**
   * The clients of the actor's caseload (own and supervisees') the actor may read, oldest first;
   * 403 for administrators. Not audited: the caller audits what it shows.
   */
  async caseload(actor: Actor): Promise<Client[]> {
    enforce(actor, 'read', { type: 'caseload' });
    const clients = await this.deps.store.clients.listForClinicians([
      actor.id,
      ...actor.superviseeIds,
    ]);
    return clients.filter(
      (c) => authorize(actor, 'read', { type: 'client', ownerClinicianId: c.clinicianId }).allowed,
    );
  }

  async create(actor: Actor, profile: ClientProfile): Promise<Client> {
    enforce(actor, 'write', { type: 'caseload' });
    enforce(actor, 'write', { type: 'client', ownerClinicianId: actor.id });
    return this.deps.store.transaction(async (tx) => {
      const client = await tx.clients.create(actor.id, profile);
      await audit(this.deps, tx, actor, 'create', 'client', client.id);
      return client;
    });
  }

  async get(actor: Actor, clientId: string): Promise<{ client: Client; plan: ClientPlan }> {
    const client = await this.load(actor, clientId, 'read');
    const plan = (await this.deps.store.plans.get(clientId)) ?? EMPTY_PLAN;
    await auditAccess(this.deps, actor, 'read', ['client', [client.id]], ['plan', [client.id]]);
    return { client, plan };
  }

  async updateProfile(actor: Actor, clientId: string, profile: ClientProfile): Promise<Client> {
    await this.load(actor, clientId, 'write');
    return this.deps.store.transaction(async (tx) => {
      const out = await tx.clients.updateProfile(clientId, profile);
      if (!out.ok) throw outcomeError(out.reason, 'client');
      await audit(this.deps, tx, actor, 'update', 'client', clientId);
      return out.value;
    });
  }
}
