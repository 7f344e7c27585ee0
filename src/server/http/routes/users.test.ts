import { afterEach, describe, expect, it } from 'vitest';
import { useTempDir } from '../../../adapters/test-helpers.js';
import type { AuditEntry, User } from '../../domain/schemas.js';
import { totpCode } from '../../security/totp.js';
import {
  GOOD_PASSWORD,
  openTestRuntime,
  randomEmail,
  TestClient,
  type ErrorBody,
} from '../test-helpers.js';

const tempDir = useTempDir('docscrib-users-');
const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const r of open.splice(0)) await r.close();
});

type Rig = Awaited<ReturnType<typeof openTestRuntime>>;

async function rigWithAdmin(): Promise<{ r: Rig; admin: TestClient; adminUser: User }> {
  const r = await openTestRuntime(tempDir());
  open.push(r.runtime);
  const admin = new TestClient(r.request);
  const setup = await admin.post<{ user: User }>('/api/setup', {
    email: randomEmail('admin'),
    name: 'Ada',
    password: GOOD_PASSWORD,
  });
  const mfa = await admin.post<{ secret: string }>('/api/auth/mfa/setup');
  await admin.post('/api/auth/mfa/enable', {
    code: totpCode(mfa.body.secret, r.clock.now().getTime()),
  });
  return { r, admin, adminUser: setup.body.user };
}

async function signIn(r: Rig, email: string): Promise<TestClient> {
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
    expect(clin.body.user).toMatchObject({
      supervisorId: sup.body.user.id,
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
