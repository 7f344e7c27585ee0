import type { Role, User } from '../domain/schemas.js';
import type { AuditLog, Clock } from '../http/deps.js';
import { ApiError, conflict, notFound } from '../http/errors.js';
import { hashPassword } from '../security/passwords.js';
import type { Store } from '../store/port.js';
import { enforce, type Actor } from './access.js';
import { passwordPolicy } from './auth.js';

/**
 * User management (administrators; `docscrib user add` uses `create` as the system). Users are
 * never deleted: they are disabled, which also signs them out. A supervisor link must point at an
 * enabled user with the supervisor role; the last enabled administrator cannot be demoted or
 * disabled.
 */
export interface UsersDeps {
  store: Store;
  auditLog: AuditLog;
  clock: Clock;
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

/** Who acts: a signed-in administrator, or the command line (`docscrib user add`). */
export type UserAdmin = Actor | 'system';

export class UserService {
  constructor(private readonly deps: UsersDeps) {}

  async list(by: UserAdmin): Promise<User[]> {
    this.allow(by, 'read');
    return this.deps.store.users.list();
  }

  async create(by: UserAdmin, input: NewUserInput): Promise<User> {
    this.allow(by, 'write');
    passwordPolicy(input.password, 'password');
    const supervisorId = input.supervisorId ?? null;
    if (supervisorId !== null) await this.checkSupervisor(input.role, supervisorId, 'supervisorId');
    const passwordHash = await hashPassword(input.password);
    const outcome = await this.deps.store.users.create({
      email: input.email.trim().toLowerCase(),
      name: input.name,
      role: input.role,
      supervisorId,
      passwordHash,
    });
    if (!outcome.ok) {
      throw conflict(
        'A user with this email already exists.',
        'Use another email, or change the existing user instead.',
      );
    }
    await this.audit(by, 'create', outcome.value.id);
    return outcome.value;
  }

  async update(by: UserAdmin, id: string, patch: UserPatch): Promise<User> {
    this.allow(by, 'write');
    const user = await this.deps.store.users.get(id);
    if (!user) throw notFound('user');
    const role = patch.role ?? user.role;
    const supervisorId = patch.supervisorId === undefined ? user.supervisorId : patch.supervisorId;
    if (supervisorId !== null) {
      if (supervisorId === id) {
        throw invalid('supervisorId', 'A user cannot be their own supervisor.');
      }
      if (patch.supervisorId !== undefined || patch.role !== undefined) {
        await this.checkSupervisor(role, supervisorId, 'supervisorId');
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
    if (patch.supervisorId !== undefined) changes.supervisorId = patch.supervisorId;
    if (patch.disabled !== undefined) changes.disabled = patch.disabled;
    const outcome = await this.deps.store.users.update(id, changes);
    if (!outcome.ok) throw notFound('user');
    // A disabled user, or one whose role changed, signs in again.
    if (patch.disabled === true || (patch.role !== undefined && patch.role !== user.role)) {
      await this.deps.store.authSessions.deleteForUser(id);
    }
    await this.audit(by, 'update', id);
    return outcome.value;
  }

  private async checkSupervisor(role: Role, supervisorId: string, field: string): Promise<void> {
    if (role === 'admin') {
      throw invalid(field, 'Administrators have no supervisor.');
    }
    const supervisor = await this.deps.store.users.get(supervisorId);
    if (!supervisor || supervisor.role !== 'supervisor' || supervisor.disabled) {
      throw invalid(field, 'The supervisor must be an enabled user with the supervisor role.');
    }
  }

  private allow(by: UserAdmin, action: 'read' | 'write'): void {
    if (by !== 'system') enforce(by, action, { type: 'users' });
  }

  private async audit(by: UserAdmin, action: 'create' | 'update', id: string): Promise<void> {
    await this.deps.auditLog.record({
      at: this.deps.clock.now().toISOString(),
      actorId: by === 'system' ? null : by.id,
      action,
      recordType: 'user',
      recordId: id,
    });
  }
}

function invalid(field: string, message: string): ApiError {
  return new ApiError('validation_failed', message, {
    hint: 'Fix the field named in `issues`.',
    issues: [{ path: `body.${field}`, message }],
  });
}
