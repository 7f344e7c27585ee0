import { describe, expect, it } from 'vitest';
import type { AuditEntry, User } from '../../domain/schemas.js';
import { totpCode } from '../../security/totp.js';
import {
  GOOD_PASSWORD,
  useTestRuntimes,
  type TestRuntime,
  randomEmail,
  TestClient,
  type ErrorBody,
} from '../test-helpers.js';

const rig = useTestRuntimes('docscrib-users-');

async function rigWithAdmin(): Promise<{ r: TestRuntime; admin: TestClient; adminUser: User }> {
  const r = await rig();
  const admin = new TestClient(r.request);
  const setup = await admin.post<{ user: User }>('/api/setup', {
    email: randomEmail('admin'),
    name: 'Ada',
    password: GOOD_PASSWORD,
  });
  const mfa = await admin.post<{ secret: string }>('/api/auth/mfa/setup', {
    currentPassword: GOOD_PASSWORD,
  });
  await admin.post('/api/auth/mfa/enable', {
    code: totpCode(mfa.body.secret, r.clock.now().getTime()),
  });
  return { r, admin, adminUser: setup.body.user };
}

async function signIn(r: TestRuntime, email: string): Promise<TestClient> {
  const c = new TestClient(r.request);
  const res = await c.post('/api/auth/login', { email, password: GOOD_PASSWORD });
  expect(res.status).toBe(200);
  return c;
}

describe('users (admin)', () => {
  it('adds, lists and changes users; a taken email is a 409', async () => {
    const { r, admin } = await rigWithAdmin();
    const supEmail = randomEmail('sup');
    const sup = await admin.post<{ user: User }>('/api/users', {
      email: supEmail,
      name: 'Lee',
      role: 'supervisor',
      password: GOOD_PASSWORD,
    });
    expect(sup.status).toBe(201);
    const clin = await admin.post<{ user: User }>('/api/users', {
      email: randomEmail('clin'),
      name: 'Sam',
      role: 'clinician',
      password: GOOD_PASSWORD,
      supervisorId: sup.body.user.id,
    });
    expect(clin.status).toBe(201);
    // The supervisor is only proposed: the clinician accepts it (see 'supervision' below).
    expect(clin.body.user).toMatchObject({
      supervisorId: null,
      pendingSupervisorId: sup.body.user.id,
      mfaEnabled: false,
      disabled: false,
    });
    expect(JSON.stringify(clin.body)).not.toMatch(/password|scrypt|totp/i);

    const list = await admin.get<{ users: User[] }>('/api/users');
    expect(list.body.users.map((u) => u.name).sort()).toEqual(['Ada', 'Lee', 'Sam']);

    const taken = await admin.post<ErrorBody>('/api/users', {
      email: supEmail.toUpperCase(),
      name: 'Other',
      role: 'clinician',
      password: GOOD_PASSWORD,
    });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('conflict');

    const renamed = await admin.patch<{ user: User }>(`/api/users/${clin.body.user.id}`, {
      name: 'Samuel',
    });
    expect(renamed.body.user.name).toBe('Samuel');
    const missing = await admin.patch<ErrorBody>('/api/users/AAAAAAAAAAAAAAAAAAAAAA', {
      name: 'X',
    });
    expect(missing.status).toBe(404);

    const entries = await r.runtime.store.audit.list(0, 100);
    const userChanges = entries.filter(
      (e: AuditEntry) => e.recordType === 'user' && ['create', 'update'].includes(e.action),
    );
    expect(userChanges.length).toBeGreaterThanOrEqual(4);
    expect(JSON.stringify(entries)).not.toMatch(/Samuel|example\.org/);
  });

  it('checks the supervisor link and refuses bad fields', async () => {
    const { admin } = await rigWithAdmin();
    const clin = await admin.post<{ user: User }>('/api/users', {
      email: randomEmail(),
      name: 'C',
      role: 'clinician',
      password: GOOD_PASSWORD,
    });
    const notSup = await admin.post<ErrorBody>('/api/users', {
      email: randomEmail(),
      name: 'D',
      role: 'clinician',
      password: GOOD_PASSWORD,
      supervisorId: clin.body.user.id,
    });
    expect(notSup.status).toBe(400);
    expect(notSup.body.error.issues?.[0]?.path).toBe('body.supervisorId');
    const self = await admin.patch<ErrorBody>(`/api/users/${clin.body.user.id}`, {
      supervisorId: clin.body.user.id,
    });
    expect(self.status).toBe(400);
    const badRole = await admin.post<ErrorBody>('/api/users', {
      email: randomEmail(),
      name: 'E',
      role: 'owner',
      password: GOOD_PASSWORD,
    });
    expect(badRole.body.error.issues?.map((i) => i.path)).toEqual(['body.role']);
    const extra = await admin.patch<ErrorBody>(`/api/users/${clin.body.user.id}`, {
      email: 'x@example.org',
    });
    expect(extra.body.error.issues?.map((i) => i.path)).toEqual(['body.email']);
  });

  it('disabling a user signs them out and stops their sign-in; the last admin stays', async () => {
    const { r, admin, adminUser } = await rigWithAdmin();
    const email = randomEmail('clin');
    const clin = await admin.post<{ user: User }>('/api/users', {
      email,
      name: 'C',
      role: 'clinician',
      password: GOOD_PASSWORD,
    });
    const session = await signIn(r, email);
    expect((await session.get('/api/auth/session')).status).toBe(200);
    const disabled = await admin.patch<{ user: User }>(`/api/users/${clin.body.user.id}`, {
      disabled: true,
    });
    expect(disabled.body.user.disabled).toBe(true);
    expect((await session.get('/api/auth/session')).status).toBe(401);
    const again = await new TestClient(r.request).post<ErrorBody>('/api/auth/login', {
      email,
      password: GOOD_PASSWORD,
    });
    expect(again.status).toBe(401);
    expect(again.body.error.message).toBe('The email or password is not right.');

    const demote = await admin.patch<ErrorBody>(`/api/users/${adminUser.id}`, {
      role: 'clinician',
    });
    expect(demote.status).toBe(409);
    const selfDisable = await admin.patch<ErrorBody>(`/api/users/${adminUser.id}`, {
      disabled: true,
    });
    expect(selfDisable.status).toBe(409);
  });

  it('is for admins only: a clinician gets 403 on users and audit', async () => {
    const { r, admin } = await rigWithAdmin();
    const email = randomEmail('clin');
    await admin.post('/api/users', {
      email,
      name: 'C',
      role: 'clinician',
      password: GOOD_PASSWORD,
    });
    const clin = await signIn(r, email);
    for (const [method, path] of [
      ['GET', '/api/users'],
      ['POST', '/api/users'],
      ['GET', '/api/audit'],
      ['POST', '/api/audit/verify'],
    ] as const) {
      const res = await clin.call<ErrorBody>(
        method,
        path,
        method === 'POST' && path === '/api/users' ? {} : undefined,
      );
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    }
  });
});

interface SessionBody {
  user: User;
  supervision: {
    supervisor: { id: string; name: string } | null;
    pending: { id: string; name: string } | null;
  };
}

async function addUser(
  admin: TestClient,
  role: 'clinician' | 'supervisor' | 'admin',
  name: string,
  extra: Record<string, unknown> = {},
): Promise<{ email: string; user: User }> {
  const email = randomEmail(role);
  const res = await admin.post<{ user: User }>('/api/users', {
    email,
    name,
    role,
    password: GOOD_PASSWORD,
    ...extra,
  });
  expect(res.status).toBe(201);
  return { email, user: res.body.user };
}

/** The clinician's client, and whether `reader` can open it. */
async function canRead(owner: TestClient, reader: TestClient): Promise<boolean> {
  const created = await owner.post<{ client: { id: string } }>('/api/clients', {
    profile: { name: 'Orla Quennell' },
  });
  expect(created.status).toBe(201);
  const res = await reader.get(`/api/clients/${created.body.client.id}`);
  expect([200, 404]).toContain(res.status);
  return res.status === 200;
}

describe('supervision needs the supervisee to accept', () => {
  it("an admin's proposal gives the supervisor nothing until the clinician accepts it", async () => {
    const { r, admin, adminUser } = await rigWithAdmin();
    const supervisor = await addUser(admin, 'supervisor', 'Lee');
    const clinician = await addUser(admin, 'clinician', 'Sam');
    const clin = await signIn(r, clinician.email);
    const sup = await signIn(r, supervisor.email);

    const proposed = await admin.patch<{ user: User }>(`/api/users/${clinician.user.id}`, {
      supervisorId: supervisor.user.id,
    });
    expect(proposed.status).toBe(200);
    expect(proposed.body.user).toMatchObject({
      supervisorId: null,
      pendingSupervisorId: supervisor.user.id,
    });
    // Not yet a supervisor of anything: the clinician's records stay hidden.
    expect(await canRead(clin, sup)).toBe(false);

    const before = await clin.get<SessionBody>('/api/auth/session');
    expect(before.body.supervision).toEqual({
      supervisor: null,
      pending: { id: supervisor.user.id, name: 'Lee' },
    });

    const accepted = await clin.post<SessionBody>('/api/auth/supervision/accept', {
      supervisorId: supervisor.user.id,
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body.user).toMatchObject({
      supervisorId: supervisor.user.id,
      pendingSupervisorId: null,
    });
    expect(accepted.body.supervision).toEqual({
      supervisor: { id: supervisor.user.id, name: 'Lee' },
      pending: null,
    });
    expect(await canRead(clin, sup)).toBe(true);
    // Accepted once; there is nothing left to accept.
    const again = await clin.post<ErrorBody>('/api/auth/supervision/accept', {
      supervisorId: supervisor.user.id,
    });
    expect(again.status).toBe(409);

    const entries = await r.runtime.store.audit.list(0, 1000);
    const about = entries.filter((e) => e.recordId === clinician.user.id);
    expect(about.map((e) => [e.action, e.actorId])).toEqual(
      expect.arrayContaining([
        ['supervision_requested', adminUser.id],
        ['supervision_accepted', clinician.user.id],
      ]),
    );
    expect(about.some((e) => e.action === 'update')).toBe(false);
  });

  it('the admin attack: a supervisor account the admin controls never sees an unwilling clinician', async () => {
    const { r, admin } = await rigWithAdmin();
    const clinician = await addUser(admin, 'clinician', 'Sam');
    const clin = await signIn(r, clinician.email);
    // The admin makes a supervisor with a password they know and points the clinician at it.
    const puppet = await addUser(admin, 'supervisor', 'Puppet');
    await admin.patch(`/api/users/${clinician.user.id}`, { supervisorId: puppet.user.id });
    const asPuppet = await signIn(r, puppet.email);
    expect(await canRead(clin, asPuppet)).toBe(false);
    expect((await asPuppet.get<{ clients: unknown[] }>('/api/clients')).body.clients).toEqual([]);
    // The clinician declines; still nothing.
    const declined = await clin.post<SessionBody>('/api/auth/supervision/decline', {
      supervisorId: puppet.user.id,
    });
    expect(declined.status).toBe(200);
    expect(declined.body.supervision).toEqual({ supervisor: null, pending: null });
    expect(await canRead(clin, asPuppet)).toBe(false);
    const audit = await r.runtime.store.audit.list(0, 1000);
    expect(audit.filter((e) => e.recordId === clinician.user.id).map((e) => e.action)).toContain(
      'supervision_declined',
    );
    // Creating a clinician with that supervisor is only a proposal too.
    const fresh = await addUser(admin, 'clinician', 'New', { supervisorId: puppet.user.id });
    expect(fresh.user).toMatchObject({ supervisorId: null, pendingSupervisorId: puppet.user.id });
    expect(await canRead(await signIn(r, fresh.email), asPuppet)).toBe(false);
  });

  it('only the proposal the clinician was shown can be accepted', async () => {
    const { r, admin } = await rigWithAdmin();
    const lee = await addUser(admin, 'supervisor', 'Lee');
    const kim = await addUser(admin, 'supervisor', 'Kim');
    const clinician = await addUser(admin, 'clinician', 'Sam');
    const clin = await signIn(r, clinician.email);
    await admin.patch(`/api/users/${clinician.user.id}`, { supervisorId: lee.user.id });
    // Swapped for Kim before the clinician answers.
    await admin.patch(`/api/users/${clinician.user.id}`, { supervisorId: kim.user.id });
    const stale = await clin.post<ErrorBody>('/api/auth/supervision/accept', {
      supervisorId: lee.user.id,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('conflict');
    expect((await clin.get<SessionBody>('/api/auth/session')).body.supervision.pending?.id).toBe(
      kim.user.id,
    );
    // A supervisor disabled after the proposal cannot be accepted.
    await admin.patch(`/api/users/${kim.user.id}`, { disabled: true });
    const gone = await clin.post<ErrorBody>('/api/auth/supervision/accept', {
      supervisorId: kim.user.id,
    });
    expect(gone.status).toBe(409);
    const bad = await clin.post<ErrorBody>('/api/auth/supervision/accept', {});
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues?.[0]?.path).toBe('body.supervisorId');
  });

  it('a new proposal keeps the current supervisor until accepted; removal takes effect at once', async () => {
    const { r, admin, adminUser } = await rigWithAdmin();
    const lee = await addUser(admin, 'supervisor', 'Lee');
    const kim = await addUser(admin, 'supervisor', 'Kim');
    const clinician = await addUser(admin, 'clinician', 'Sam');
    const clin = await signIn(r, clinician.email);
    const asLee = await signIn(r, lee.email);
    const asKim = await signIn(r, kim.email);
    await admin.patch(`/api/users/${clinician.user.id}`, { supervisorId: lee.user.id });
    await clin.post('/api/auth/supervision/accept', { supervisorId: lee.user.id });

    const moved = await admin.patch<{ user: User }>(`/api/users/${clinician.user.id}`, {
      supervisorId: kim.user.id,
    });
    expect(moved.body.user).toMatchObject({
      supervisorId: lee.user.id,
      pendingSupervisorId: kim.user.id,
    });
    expect(await canRead(clin, asLee)).toBe(true);
    expect(await canRead(clin, asKim)).toBe(false);
    // Proposing the current supervisor again withdraws the proposal.
    const withdrawn = await admin.patch<{ user: User }>(`/api/users/${clinician.user.id}`, {
      supervisorId: lee.user.id,
    });
    expect(withdrawn.body.user).toMatchObject({
      supervisorId: lee.user.id,
      pendingSupervisorId: null,
    });

    await admin.patch(`/api/users/${clinician.user.id}`, { supervisorId: kim.user.id });
    const removed = await admin.patch<{ user: User }>(`/api/users/${clinician.user.id}`, {
      supervisorId: null,
    });
    expect(removed.body.user).toMatchObject({ supervisorId: null, pendingSupervisorId: null });
    expect(await canRead(clin, asLee)).toBe(false);

    const actions = (await r.runtime.store.audit.list(0, 1000))
      .filter((e) => e.recordId === clinician.user.id && e.actorId === adminUser.id)
      .map((e) => e.action);
    expect(actions).toEqual([
      'create',
      'supervision_requested',
      'supervision_requested',
      'supervision_withdrawn',
      'supervision_requested',
      'supervision_removed',
      'supervision_withdrawn',
    ]);
  });
});

describe('MFA reset (admin)', () => {
  it("clears another user's two-step sign-in and signs them out; they enrol again", async () => {
    const { r, admin, adminUser } = await rigWithAdmin();
    const other = await addUser(admin, 'admin', 'Bea');
    // Bea enrols.
    const bea = await signIn(r, other.email);
    const mfa = await bea.post<{ secret: string }>('/api/auth/mfa/setup', {
      currentPassword: GOOD_PASSWORD,
    });
    await bea.post('/api/auth/mfa/enable', {
      code: totpCode(mfa.body.secret, r.clock.now().getTime()),
    });
    expect((await bea.get('/api/users')).status).toBe(200);
    const again = await bea.post<ErrorBody>('/api/auth/mfa/setup', {
      currentPassword: GOOD_PASSWORD,
    });
    expect(again.status).toBe(409);
    expect(again.body.error.hint).toMatch(/ask an administrator to reset it/);

    const reset = await admin.post<{ user: User }>(`/api/users/${other.user.id}/mfa/reset`);
    expect(reset.status).toBe(200);
    expect(reset.body.user.mfaEnabled).toBe(false);
    expect((await r.runtime.store.users.getSecrets(other.user.id))?.totpSecret).toBeNull();
    // Signed out everywhere.
    expect((await bea.get('/api/auth/session')).status).toBe(401);
    // Signs in with the password alone, and must enrol again before anything else.
    const back = await signIn(r, other.email);
    const blocked = await back.get<ErrorBody>('/api/users');
    expect(blocked.body.error.code).toBe('mfa_enrollment_required');
    expect(
      (await back.post('/api/auth/mfa/setup', { currentPassword: GOOD_PASSWORD })).status,
    ).toBe(200);

    const entries = await r.runtime.store.audit.list(0, 1000);
    expect(
      entries.filter((e) => e.action === 'mfa_reset').map((e) => [e.actorId, e.recordId]),
    ).toEqual([[adminUser.id, other.user.id]]);
  });

  it('is not for your own account (409), nor for non-admins (403); 404 for no such user', async () => {
    const { r, admin, adminUser } = await rigWithAdmin();
    const self = await admin.post<ErrorBody>(`/api/users/${adminUser.id}/mfa/reset`);
    expect(self.status).toBe(409);
    expect(self.body.error.code).toBe('conflict');
    expect((await r.runtime.store.users.get(adminUser.id))?.mfaEnabled).toBe(true);
    const missing = await admin.post<ErrorBody>('/api/users/AAAAAAAAAAAAAAAAAAAAAA/mfa/reset');
    expect(missing.status).toBe(404);
    const clinician = await addUser(admin, 'clinician', 'Sam');
    const clin = await signIn(r, clinician.email);
    const refused = await clin.post<ErrorBody>(`/api/users/${adminUser.id}/mfa/reset`);
    expect(refused.status).toBe(403);
    expect((await r.runtime.store.users.get(adminUser.id))?.mfaEnabled).toBe(true);
  });
});

describe('audit (admin)', () => {
  it('lists entries in pages and verifies the chain', async () => {
    const { r, admin } = await rigWithAdmin();
    for (let i = 0; i < 3; i++) {
      await new TestClient(r.request).post('/api/auth/login', {
        email: randomEmail(),
        password: 'wrong password',
      });
    }
    const all = await admin.get<{ entries: AuditEntry[] }>('/api/audit?limit=1000');
    expect(all.status).toBe(200);
    const seqs = all.body.entries.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(all.body.entries.filter((e) => e.action === 'login_failed')).toHaveLength(3);
    const page = await admin.get<{ entries: AuditEntry[] }>(
      `/api/audit?after=${seqs[0] ?? 0}&limit=2`,
    );
    expect(page.body.entries.map((e) => e.seq)).toEqual(seqs.slice(1, 3));
    const badLimit = await admin.get<ErrorBody>('/api/audit?limit=0');
    expect(badLimit.status).toBe(400);
    expect(badLimit.body.error.issues?.[0]?.path).toBe('query.limit');

    const ok = await admin.post<{ ok: boolean; count?: number }>('/api/audit/verify');
    expect(ok.body).toEqual({ ok: true, count: seqs.length });
  });
});
