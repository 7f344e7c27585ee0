/**
 * Access rules: ONE function, `authorize(actor, action, resource)`, that every route and service
 * asks before touching a record. It denies by default: anything not explicitly allowed below is
 * refused.
 *
 * - admin: users, audit, settings; never clinical records (not even to list them).
 * - practice settings: every signed-in role reads them (the practice's name is on every exported
 *   document); only admin changes them.
 * - clinician: their own clients and everything under them.
 * - supervisor: their own clients like a clinician, plus READ of their supervisees'
 *   clients/plans/sessions/notes and COSIGN of their supervisees' notes.
 * - process (psychotherapy) notes: their author only; nobody else, not the supervisor, not admin.
 *
 * A refusal says how to answer: `not_found` (404) when the caller may not even see the record, so
 * its existence never leaks; `forbidden` (403) when the caller's role may not use the area at all
 * (e.g. admin on clinical routes, a clinician on /api/users) or when the caller can already see
 * the record but may not do this to it (e.g. a supervisor editing a supervisee's draft).
 */
import type { Role, User } from '../domain/schemas.js';
import { ApiError, forbidden, notFound } from '../errors.js';

export interface Actor {
  id: string;
  role: Role;
  /** Clinicians whose supervisor this actor is (empty unless the actor is a supervisor). */
  superviseeIds: readonly string[];
}

export type Action = 'read' | 'write' | 'sign' | 'cosign' | 'addendum' | 'export';

/** Areas that belong to one role as a whole rather than to a record. */
export type AreaResource =
  /** User management (admin). */
  | { type: 'users' }
  /** The audit log (admin). */
  | { type: 'audit' }
  /** Practice settings (admin). */
  | { type: 'settings' }
  /** The caller's own caseload: list their clients, create a client (clinician, supervisor). */
  | { type: 'caseload' };

/** A record in a client's chart. Children carry their client's owner. */
export interface ChartResource {
  type: 'client' | 'plan' | 'session';
  /** The clinician who owns the client's record. */
  ownerClinicianId: string;
}

export interface NoteResource {
  type: 'note';
  ownerClinicianId: string;
  /** Who wrote (and may sign) the note. */
  authorId: string;
  /** Who co-signed it, once co-signed. */
  cosignedBy?: string | null;
}

export interface ProcessNoteResource {
  type: 'process_note';
  ownerClinicianId: string;
  authorId: string;
}

export type Resource = AreaResource | ChartResource | NoteResource | ProcessNoteResource;
export type ResourceType = Resource['type'];

export type Decision = { allowed: true } | { allowed: false; reason: 'forbidden' | 'not_found' };

const ALLOW: Decision = Object.freeze({ allowed: true });
const FORBIDDEN: Decision = Object.freeze({ allowed: false, reason: 'forbidden' });
const NOT_FOUND: Decision = Object.freeze({ allowed: false, reason: 'not_found' });

const CLINICAL_ROLES: ReadonlySet<Role> = new Set<Role>(['clinician', 'supervisor']);

/** Build the actor for a signed-in user (loads a supervisor's supervisees). */
export async function actorFor(
  user: Pick<User, 'id' | 'role'>,
  supervisees: (supervisorId: string) => Promise<string[]>,
): Promise<Actor> {
  return {
    id: user.id,
    role: user.role,
    superviseeIds: user.role === 'supervisor' ? await supervisees(user.id) : [],
  };
}

/** Whether the actor may do `action` to `resource`. Deny by default. */
export function authorize(actor: Actor, action: Action, resource: Resource): Decision {
  switch (resource.type) {
    case 'settings':
      if (action === 'read') return ALLOW; // every role: the practice's name, not PHI
      return actor.role === 'admin' && action === 'write' ? ALLOW : FORBIDDEN;
    case 'users':
    case 'audit':
      return actor.role === 'admin' && (action === 'read' || action === 'write')
        ? ALLOW
        : FORBIDDEN;
    case 'caseload':
      if (!CLINICAL_ROLES.has(actor.role)) return FORBIDDEN;
      return action === 'read' || action === 'write' ? ALLOW : FORBIDDEN;
    case 'client':
    case 'plan':
    case 'session':
      return chart(actor, action, resource);
    case 'note':
      return note(actor, action, resource);
    case 'process_note':
      return processNote(actor, action, resource);
    default:
      return FORBIDDEN; // an unknown resource type (deny by default)
  }
}

/** Whether the actor may see a record owned by `ownerClinicianId` at all. */
function canSee(actor: Actor, ownerClinicianId: string): boolean {
  if (!CLINICAL_ROLES.has(actor.role)) return false;
  if (actor.id === ownerClinicianId) return true;
  return actor.role === 'supervisor' && actor.superviseeIds.includes(ownerClinicianId);
}

function isOwner(actor: Actor, ownerClinicianId: string): boolean {
  return CLINICAL_ROLES.has(actor.role) && actor.id === ownerClinicianId;
}

function chart(actor: Actor, action: Action, r: ChartResource): Decision {
  if (!CLINICAL_ROLES.has(actor.role)) return FORBIDDEN;
  if (!canSee(actor, r.ownerClinicianId)) return NOT_FOUND;
  switch (action) {
    case 'read':
      return ALLOW;
    case 'write':
    case 'export':
      return isOwner(actor, r.ownerClinicianId) ? ALLOW : FORBIDDEN;
    case 'sign':
    case 'cosign':
    case 'addendum':
      return FORBIDDEN;
    default:
      return FORBIDDEN;
  }
}

function note(actor: Actor, action: Action, r: NoteResource): Decision {
  if (!CLINICAL_ROLES.has(actor.role)) return FORBIDDEN;
  if (!canSee(actor, r.ownerClinicianId)) return NOT_FOUND;
  const owner = isOwner(actor, r.ownerClinicianId);
  const author = actor.id === r.authorId;
  switch (action) {
    case 'read':
      return ALLOW;
    case 'write':
    case 'sign':
      return owner && author ? ALLOW : FORBIDDEN;
    case 'export':
      return owner ? ALLOW : FORBIDDEN;
    case 'cosign':
      return actor.role === 'supervisor' && !author && actor.superviseeIds.includes(r.authorId)
        ? ALLOW
        : FORBIDDEN;
    case 'addendum':
      return (owner && author) || (r.cosignedBy != null && r.cosignedBy === actor.id)
        ? ALLOW
        : FORBIDDEN;
    default:
      return FORBIDDEN;
  }
}

function processNote(actor: Actor, action: Action, r: ProcessNoteResource): Decision {
  if (!CLINICAL_ROLES.has(actor.role)) return FORBIDDEN;
  // Author only; to anyone else the note does not exist. Never exported, signed or co-signed.
  if (actor.id !== r.authorId || !canSee(actor, r.ownerClinicianId)) return NOT_FOUND;
  return action === 'read' || action === 'write' ? ALLOW : FORBIDDEN;
}

// ── Enforcing a decision: the one mapping of a refusal to an API error ───────

/** What a record is called in messages (`No such note.`). */
export type RecordNoun =
  'client' | 'plan' | 'session' | 'note' | 'process note' | 'users' | 'audit log' | 'settings';

const NOUN: Record<ResourceType, RecordNoun> = {
  users: 'users',
  audit: 'audit log',
  settings: 'settings',
  caseload: 'client',
  client: 'client',
  plan: 'plan',
  session: 'session',
  note: 'note',
  process_note: 'process note',
};

/**
 * `authorize`, throwing the API error for a refusal: `not_found` (the record does not exist for
 * this caller) or `forbidden` with a message that says who may do it.
 */
export function enforce(actor: Actor, action: Action, resource: Resource): void {
  const d = authorize(actor, action, resource);
  if (d.allowed) return;
  const noun = NOUN[resource.type];
  if (d.reason === 'not_found') throw notFound(noun);
  if (
    actor.role === 'admin' ||
    resource.type === 'users' ||
    resource.type === 'audit' ||
    resource.type === 'settings' ||
    resource.type === 'caseload'
  ) {
    throw forbidden();
  }
  throw new ApiError('forbidden', refusal(action, noun), {
    hint: 'You can read it; ask the person named above to make this change.',
  });
}

function refusal(action: Action, noun: RecordNoun): string {
  switch (action) {
    case 'write':
      return noun === 'note'
        ? "Only the note's author may edit it."
        : `Only the clinician who owns this ${noun} may change it.`;
    case 'sign':
      return noun === 'note' ? "Only the note's author may sign it." : `A ${noun} is not signed.`;
    case 'cosign':
      return noun === 'note'
        ? "Only the supervisor of the note's author may co-sign it."
        : `A ${noun} is not co-signed.`;
    case 'addendum':
      return noun === 'note'
        ? "Only the note's author or its co-signer may add an addendum."
        : `A ${noun} has no addenda.`;
    case 'export':
      return `Only the clinician who owns this ${noun} may export it.`;
    case 'read':
      return `You may not read this ${noun}.`;
    default:
      return `You may not do this to this ${noun}.`;
  }
}
