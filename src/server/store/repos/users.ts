import type { Selectable } from 'kysely';
import type { Role, User, UserSecrets } from '../../domain/schemas.js';
import type { Ctx, UsersTable } from '../db.js';
import type { NewUser, UpdateOutcome, UserRepo } from '../port.js';
import { aad, bool, changed, countRows, int, isUniqueViolation, newId } from '../util.js';

const PUBLIC_COLUMNS = [
  'id',
  'email',
  'name',
  'role',
  'supervisor_id',
  'pending_supervisor_id',
  'mfa_enabled',
  'disabled',
  'created_at',
] as const;

type UserRow = Pick<Selectable<UsersTable>, (typeof PUBLIC_COLUMNS)[number]>;

function toUser(r: UserRow): User {
  return {
    id: r.id,
    email: r.email,
    name: r.name,
    role: r.role as Role,
    supervisorId: r.supervisor_id,
    pendingSupervisorId: r.pending_supervisor_id,
    mfaEnabled: bool(r.mfa_enabled),
    disabled: bool(r.disabled),
    createdAt: r.created_at,
  };
}

export function userRepo(ctx: Ctx): UserRepo {
  const get = async (id: string) => {
    const r = await ctx.db
      .selectFrom('users')
      .select(PUBLIC_COLUMNS)
      .where('id', '=', id)
      .executeTakeFirst();
    return r && toUser(r);
  };

  return {
    async create(input: NewUser): Promise<UpdateOutcome<User>> {
      const row = {
        id: newId(),
        email: input.email.toLowerCase(),
        name: input.name,
        role: input.role,
        supervisor_id: input.supervisorId,
        pending_supervisor_id: input.pendingSupervisorId ?? null,
        mfa_enabled: 0,
        disabled: 0,
        created_at: ctx.now(),
        password_hash: input.passwordHash,
        totp_secret: null,
        totp_last_step: null,
      };
      try {
        await ctx.db.insertInto('users').values(row).execute();
      } catch (e) {
        if (isUniqueViolation(e)) return { ok: false, reason: 'conflict' };
        throw e;
      }
      return { ok: true, value: toUser(row) };
    },

    get,

    async getByEmail(email) {
      const r = await ctx.db
        .selectFrom('users')
        .select(PUBLIC_COLUMNS)
        .where('email', '=', email.toLowerCase())
        .executeTakeFirst();
      return r && toUser(r);
    },

    async list() {
      const rows = await ctx.db
        .selectFrom('users')
        .select(PUBLIC_COLUMNS)
        .orderBy('created_at')
        .orderBy('email')
        .execute();
      return rows.map(toUser);
    },

    count() {
      return countRows(ctx.db.selectFrom('users').select((eb) => eb.fn.countAll().as('n')));
    },

    async update(id, patch) {
      const set: Partial<UsersTable> = {};
      if (patch.name !== undefined) set.name = patch.name;
      if (patch.role !== undefined) set.role = patch.role;
      if (patch.supervisorId !== undefined) set.supervisor_id = patch.supervisorId;
      if (patch.pendingSupervisorId !== undefined) {
        set.pending_supervisor_id = patch.pendingSupervisorId;
      }
      if (patch.disabled !== undefined) set.disabled = int(patch.disabled);
      if (patch.mfaEnabled !== undefined) set.mfa_enabled = int(patch.mfaEnabled);
      if (Object.keys(set).length > 0) {
        const n = changed(
          await ctx.db.updateTable('users').set(set).where('id', '=', id).executeTakeFirst(),
        );
        if (n === 0) return { ok: false, reason: 'not_found' };
      }
      const user = await get(id);
      return user ? { ok: true, value: user } : { ok: false, reason: 'not_found' };
    },

    async settlePendingSupervisor(id, supervisorId, accept) {
      const r = await ctx.db
        .updateTable('users')
        .set(
          accept
            ? { supervisor_id: supervisorId, pending_supervisor_id: null }
            : { pending_supervisor_id: null },
        )
        .where('id', '=', id)
        .where('pending_supervisor_id', '=', supervisorId)
        .executeTakeFirst();
      const user = await get(id);
      if (!user) return { ok: false, reason: 'not_found' };
      return changed(r) > 0 ? { ok: true, value: user } : { ok: false, reason: 'conflict' };
    },

    async supervisees(supervisorId) {
      const rows = await ctx.db
        .selectFrom('users')
        .select('id')
        .where('supervisor_id', '=', supervisorId)
        .orderBy('created_at')
        .execute();
      return rows.map((r) => r.id);
    },

    async getSecrets(id): Promise<UserSecrets | undefined> {
      const r = await ctx.db
        .selectFrom('users')
        .select(['password_hash', 'totp_secret', 'totp_last_step'])
        .where('id', '=', id)
        .executeTakeFirst();
      if (!r) return undefined;
      return {
        passwordHash: r.password_hash,
        totpSecret:
          r.totp_secret === null
            ? null
            : ctx.cipher.open(r.totp_secret, aad('users', id, 'totp_secret')),
        totpLastStep: r.totp_last_step,
      };
    },

    async setPasswordHash(id, hash) {
      await ctx.db.updateTable('users').set({ password_hash: hash }).where('id', '=', id).execute();
    },

    async setTotpSecret(id, secret) {
      const sealed =
        secret === null ? null : ctx.cipher.seal(secret, aad('users', id, 'totp_secret'));
      await ctx.db
        .updateTable('users')
        .set({ totp_secret: sealed, totp_last_step: null })
        .where('id', '=', id)
        .execute();
    },

    async useTotpStep(id, step) {
      const r = await ctx.db
        .updateTable('users')
        .set({ totp_last_step: step })
        .where('id', '=', id)
        .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
        .executeTakeFirst();
      return changed(r) > 0;
    },
  };
}
