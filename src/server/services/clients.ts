/**
 * Clients and their treatment plans. Every read and write of a chart record is authorized with
 * `enforce` (access.ts) and recorded in the audit log (who, action, record type and id; never
 * content).
 */
import type {
  AuditAction,
  AuditRecordType,
  Client,
  ClientPlan,
  ClientProfile,
  NewAuditEntry,
} from '../domain/schemas.js';
import type { TreatmentPlan } from '../../core/index.js';
import { ApiError, notFound, outcomeError } from '../http/errors.js';
import type { Store } from '../store/port.js';
import { authorize, enforce, type Actor } from './access.js';

/** The time source (tests pass a fixed one). */
export interface Clock {
  now(): Date;
}

/** Where audit entries go (security/audit.ts's HMAC-chained log in the app). */
export interface AuditSink {
  record(entry: NewAuditEntry): Promise<unknown>;
}

/** The ports every clinical service is built from. */
export interface ClinicalDeps {
  store: Store;
  audit: AuditSink;
  clock: Clock;
}

/** Append one audit entry per record id (ids only, never content). */
export async function audit(
  deps: ClinicalDeps,
  actor: Actor,
  action: AuditAction,
  recordType: AuditRecordType,
  ...recordIds: string[]
): Promise<void> {
  const at = deps.clock.now().toISOString();
  for (const recordId of recordIds) {
    await deps.audit.record({ at, actorId: actor.id, action, recordType, recordId });
  }
}

export const EMPTY_PLAN: ClientPlan = Object.freeze({ goals: [], plannedInterventions: [] });

/** The part of the client's chart the engine uses (goals to link progress to); no identity. */
export function enginePlan(client: Client, plan: ClientPlan): TreatmentPlan {
  return {
    goals: plan.goals.map((g) => ({
      id: g.id,
      text: g.text,
      ...(g.keywords ? { keywords: g.keywords } : {}),
    })),
    plannedInterventions: plan.plannedInterventions,
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
    enforce(actor, 'read', { type: 'caseload' });
    const clients = await this.deps.store.clients.listForClinicians([
      actor.id,
      ...actor.superviseeIds,
    ]);
    const visible = clients.filter(
      (c) => authorize(actor, 'read', { type: 'client', ownerClinicianId: c.clinicianId }).allowed,
    );
    await audit(this.deps, actor, 'read', 'client', ...visible.map((c) => c.id));
    return visible;
  }

  async create(actor: Actor, profile: ClientProfile): Promise<Client> {
    enforce(actor, 'write', { type: 'caseload' });
    enforce(actor, 'write', { type: 'client', ownerClinicianId: actor.id });
    const client = await this.deps.store.clients.create(actor.id, profile);
    await audit(this.deps, actor, 'create', 'client', client.id);
    return client;
  }

  async get(actor: Actor, clientId: string): Promise<{ client: Client; plan: ClientPlan }> {
    const client = await this.load(actor, clientId, 'read');
    const plan = (await this.deps.store.plans.get(clientId)) ?? EMPTY_PLAN;
    await audit(this.deps, actor, 'read', 'client', client.id);
    await audit(this.deps, actor, 'read', 'plan', client.id);
    return { client, plan };
  }

  async updateProfile(actor: Actor, clientId: string, profile: ClientProfile): Promise<Client> {
    await this.load(actor, clientId, 'write');
    const out = await this.deps.store.clients.updateProfile(clientId, profile);
    if (!out.ok) throw outcomeError(out.reason, 'client');
    await audit(this.deps, actor, 'update', 'client', clientId);
    return out.value;
  }

  async putPlan(actor: Actor, clientId: string, plan: ClientPlan): Promise<ClientPlan> {
    const client = await this.load(actor, clientId, 'read');
    enforce(actor, 'write', { type: 'plan', ownerClinicianId: client.clinicianId });
    const seen = new Map<string, number>();
    plan.goals.forEach((g, i) => {
      const first = seen.get(g.id);
      if (first !== undefined) {
        const path = `body.goals[${i}].id`;
        throw new ApiError(
          'validation_failed',
          `The request body is not valid (${path}: the goal id is already used by goals[${first}]).`,
          {
            hint: 'Give every goal its own id.',
            issues: [{ path, message: `the goal id is already used by goals[${first}]` }],
          },
        );
      }
      seen.set(g.id, i);
    });
    const saved = await this.deps.store.plans.put(clientId, {
      goals: plan.goals,
      plannedInterventions: plan.plannedInterventions,
      updatedAt: this.deps.clock.now().toISOString(),
    });
    await audit(this.deps, actor, 'update', 'plan', clientId);
    return saved;
  }
}
