import type { AuditAction, Role, User } from '../domain/schemas.js';
import { conflict, notFound, validationFailed, type ApiError } from '../errors.js';
import { hashPassword } from '../security/passwords.js';
import type { Store } from '../store/port.js';
import { enforce, type Actor } from './access.js';
import { audit, type AuditDeps } from './audit.js';
import { passwordPolicy } from './auth.js';

/**
 * User management (administrators; `docscrib user add` uses `create` as the system). Users are
 * never deleted: they are disabled, which also signs them out. A supervisor link must point at an
 * enabled user with the supervisor role; the last enabled administrator cannot be demoted or
 * disabled.
 *
 * Supervision needs the supervisee's consent, because a supervisor reads their clinical records:
 * an administrator only PROPOSES a supervisor (`pendingSupervisorId`), and the link takes effect
 * when the supervisee accepts it (`settleSupervision`). Otherwise an administrator, who never
 * reads clinical records, could make a supervisor account with a password they know and point any
 * clinician at it. Removing a supervisor takes effect at once; the command line (the machine's
 * operator, `docscrib user add --supervisor`) links at once. Each step has its own audit action.
 */
export interface UsersDeps extends AuditDeps {
  store: Store;
}

export interface NewUserInput {
  email: string;
  name: string;
  role: Role;
  password: string;
  supervisorId?: string | null | undefined;
}

export interface UserPatch {
  name?: string | undefined;
  role?: Role | undefined;
  supervisorId?: string | null | undefined;
  disabled?: boolean | undefined;
}

export interface Supervision {
  supervisor: { id: string; name: string } | null;
  /** Proposed by an administrator; takes effect when the user accepts it. */
  pending: { id: string; name: string } | null;
}

/** Who acts: a signed-in administrator, or the command line (`docscrib user add`). */
export type UserAdmin = Actor | 'system';

export class UserService {
  constructor(private readonly deps: UsersDeps) {}

  async list(by: UserAdmin): Promise<User[]> {
    this.allow(by, 'read');
    return this.deps.store.users.list();
  }

  /** Add a user. An administrator's `supervisorId` is a proposal the new user accepts later. */
  async create(by: UserAdmin, input: NewUserInput): Promise<User> {
    this.allow(by, 'write');
    passwordPolicy(input.password, 'password');
    const supervisorId = input.supervisorId ?? null;
    if (supervisorId !== null) await this.checkSupervisor(input.role, supervisorId, 'supervisorId');
    const direct = by === 'system';
    const passwordHash = await hashPassword(input.password);
    return this.deps.store.transaction(async (tx) => {
      const outcome = await tx.users.create({
        email: input.email.trim().toLowerCase(),
        name: input.name,
        role: input.role,
        supervisorId: direct ? supervisorId : null,
        pendingSupervisorId: direct ? null : supervisorId,
        passwordHash,
      });
      if (!outcome.ok) {
        throw conflict(
          'A user with this email already exists.',
          'Use another email, or change the existing user instead.',
        );
      }
      const created = outcome.value;
      await audit(this.deps, tx, actorOf(by), 'create', 'user', created.id);
      if (created.pendingSupervisorId !== null) {
        await audit(this.deps, tx, actorOf(by), 'supervision_requested', 'user', created.id);
      }
      return created;
    });
  }

  /**
   * Change a user. `supervisorId`: null removes the supervisor (and any proposal) at once; the
   * current supervisor withdraws a proposal; another supervisor becomes the proposal the user
   * must accept (the current link stays until then).
   */
  async update(by: UserAdmin, id: string, patch: UserPatch): Promise<User> {
    this.allow(by, 'write');
    const user = await this.deps.store.users.get(id);
    if (!user) throw notFound('user');
    const role = patch.role ?? user.role;
    let supervisorId = user.supervisorId;
    let pendingId = user.pendingSupervisorId;
    const events: AuditAction[] = [];
    if (patch.supervisorId === null) {
      if (supervisorId !== null) events.push('supervision_removed');
      if (pendingId !== null) events.push('supervision_withdrawn');
      supervisorId = null;
      pendingId = null;
    } else if (patch.supervisorId !== undefined) {
      const wanted = patch.supervisorId;
      if (wanted === id) throw invalid('supervisorId', 'cannot be the user themselves');
      if (wanted === supervisorId) {
        if (pendingId !== null) events.push('supervision_withdrawn');
        pendingId = null;
      } else {
        await this.checkSupervisor(role, wanted, 'supervisorId');
        if (wanted !== pendingId) events.push('supervision_requested');
        pendingId = wanted;
      }
    }
    if (patch.role !== undefined) {
      if (supervisorId !== null) await this.checkSupervisor(role, supervisorId, 'supervisorId');
      if (pendingId !== null && role === 'admin') {
        events.push('supervision_withdrawn');
        pendingId = null;
      }
    }
    const losesAdmin =
      user.role === 'admin' && !user.disabled && (role !== 'admin' || patch.disabled === true);
    if (losesAdmin) {
      const admins = (await this.deps.store.users.list()).filter(
        (u) => u.role === 'admin' && !u.disabled,
      );
      if (admins.length <= 1) {
        throw conflict(
          'This is the only administrator; DocScrib needs at least one.',
          'Make another user an administrator first.',
        );
      }
    }
    if (role !== 'supervisor' && user.role === 'supervisor') {
      const supervisees = await this.deps.store.users.supervisees(id);
      if (supervisees.length > 0) {
        throw conflict(
          `This supervisor still supervises ${supervisees.length} clinician(s).`,
          'Assign them another supervisor first.',
        );
      }
    }
    const changes: Parameters<Store['users']['update']>[1] = {};
    if (patch.name !== undefined) changes.name = patch.name;
    if (patch.role !== undefined) changes.role = patch.role;
    if (supervisorId !== user.supervisorId) changes.supervisorId = supervisorId;
    if (pendingId !== user.pendingSupervisorId) changes.pendingSupervisorId = pendingId;
    if (patch.disabled !== undefined) changes.disabled = patch.disabled;
    const other =
      patch.name !== undefined || patch.role !== undefined || patch.disabled !== undefined;
    if (other || events.length === 0) events.unshift('update');
    return this.deps.store.transaction(async (tx) => {
      const outcome = await tx.users.update(id, changes);
      if (!outcome.ok) throw notFound('user');
      // A disabled user, or one whose role changed, signs in again.
      if (patch.disabled === true || (patch.role !== undefined && patch.role !== user.role)) {
        await tx.authSessions.deleteForUser(id);
      }
      for (const action of events) await audit(this.deps, tx, actorOf(by), action, 'user', id);
      return outcome.value;
    });
  }

  /**
   * The signed-in user's supervision: their supervisor and the one proposed to them, if any, by
   * id and name (what they need to decide; nothing else about the supervisor).
   */
  async supervision(user: User): Promise<Supervision> {
    const person = async (id: string | null): Promise<{ id: string; name: string } | null> => {
      if (id === null) return null;
      const u = await this.deps.store.users.get(id);
      return u ? { id: u.id, name: u.name } : null;
    };
    return {
      supervisor: await person(user.supervisorId),
      pending: await person(user.pendingSupervisorId),
    };
  }

  /**
   * The signed-in user accepts or declines the supervisor proposed to them. `supervisorId` is the
   * proposal they were shown: 409 when another one (or none) is pending now, so an administrator
   * cannot swap it under them. Accepting needs the supervisor to be an enabled supervisor still.
   */
  async settleSupervision(user: User, supervisorId: string, accept: boolean): Promise<User> {
    const stale = (): ApiError =>
      conflict(
        'This supervisor is not the one proposed to you now.',
        'Reload to see the current proposal (GET /api/auth/session).',
      );
    if (user.pendingSupervisorId !== supervisorId) throw stale();
    if (accept) {
      const supervisor = await this.deps.store.users.get(supervisorId);
      if (!supervisor || supervisor.role !== 'supervisor' || supervisor.disabled) {
        throw conflict(
          'The proposed supervisor can no longer supervise (disabled, or no longer a supervisor).',
          'Decline the proposal, or ask an administrator to propose another supervisor.',
        );
      }
    }
    return this.deps.store.transaction(async (tx) => {
      const outcome = await tx.users.settlePendingSupervisor(user.id, supervisorId, accept);
      if (!outcome.ok) throw outcome.reason === 'not_found' ? notFound('user') : stale();
      const action = accept ? 'supervision_accepted' : 'supervision_declined';
      await audit(this.deps, tx, user, action, 'user', user.id);
      return outcome.value;
    });
  }

  /**
   * Reset another user's two-step sign-in (a lost authenticator): clear the TOTP secret, turn MFA
   * off and sign them out everywhere; they enrol again at their next sign-in (admins must). Not
   * for yourself (409): another administrator does it, so one stolen session cannot strip MFA.
   */
  async resetMfa(by: Actor, id: string): Promise<User> {
    this.allow(by, 'write');
    if (by.id === id) {
      throw conflict(
        'You cannot reset your own two-step sign-in.',
        'Ask another administrator to reset it, or use `docscrib user` on the server.',
      );
    }
    const user = await this.deps.store.users.get(id);
    if (!user) throw notFound('user');
    return this.deps.store.transaction(async (tx) => {
      await tx.users.setTotpSecret(id, null);
      const outcome = await tx.users.update(id, { mfaEnabled: false });
      if (!outcome.ok) throw notFound('user');
      await tx.authSessions.deleteForUser(id);
      await audit(this.deps, tx, by, 'mfa_reset', 'user', id);
      return outcome.value;
    });
  }

  private async checkSupervisor(role: Role, supervisorId: string, field: string): Promise<void> {
    if (role === 'admin') {
      throw invalid(field, 'must be empty: administrators have no supervisor');
    }
    const supervisor = await this.deps.store.users.get(supervisorId);
    if (!supervisor || supervisor.role !== 'supervisor' || supervisor.disabled) {
      throw invalid(field, 'must be an enabled user with the supervisor role');
    }
  }

  private allow(by: UserAdmin, action: 'read' | 'write'): void {
    if (by !== 'system') enforce(by, action, { type: 'users' });
  }
}

/** Who the audit entries name: the administrator, or nobody for the command line. */
function actorOf(by: UserAdmin): Actor | null {
  return by === 'system' ? null : by;
}

function invalid(field: string, message: string): ApiError {
  return validationFailed([{ path: `body.${field}`, message }], 'Fix the field named in `issues`.');
}
