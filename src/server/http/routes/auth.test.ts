import { describe, expect, it } from 'vitest';
import type { AuditEntry, User } from '../../domain/schemas.js';
import { totpCode } from '../../security/totp.js';
import { hashSessionToken } from '../session.js';
import {
  GOOD_PASSWORD,
  useTestRuntimes,
  type TestRuntime,
  randomEmail,
  TestClient,
  asError,
  type ErrorBody,
} from '../test-helpers.js';

const rig = useTestRuntimes('docscrib-auth-');

interface SignedIn {
  user: User;
  csrfToken: string;
}

/** Set up the first admin and enrol MFA; returns the client and the TOTP secret. */
async function adminWithMfa(r: TestRuntime, email = randomEmail('admin')) {
  const client = new TestClient(r.request);
  const setup = await client.post<SignedIn>('/api/setup', {
    email,
    name: 'Ada Admin',
    password: GOOD_PASSWORD,
  });
  expect(setup.status).toBe(201);
  const mfa = await client.post<{ secret: string; otpauthUri: string }>('/api/auth/mfa/setup', {
    currentPassword: GOOD_PASSWORD,
  });
  expect(mfa.status).toBe(200);
  const enabled = await client.post<{ user: User }>('/api/auth/mfa/enable', {
    code: totpCode(mfa.body.secret, r.clock.now().getTime()),
  });
  expect(enabled.status).toBe(200);
  expect(enabled.body.user.mfaEnabled).toBe(true);
  return { client, secret: mfa.body.secret, email };
}

async function addUser(admin: TestClient, role: 'clinician' | 'supervisor' | 'admin', extra = {}) {
  const email = randomEmail(role);
  const res = await admin.post<{ user: User }>('/api/users', {
    email,
    name: `A ${role}`,
    role,
    password: GOOD_PASSWORD,
    ...extra,
  });
  expect(res.status).toBe(201);
  return { email, user: res.body.user };
}

async function login(r: TestRuntime, email: string, password = GOOD_PASSWORD, totp?: string) {
  const client = new TestClient(r.request);
  const res = await client.post<SignedIn>('/api/auth/login', {
    email,
    password,
    ...(totp ? { totp } : {}),
  });
  return { client, res };
}

async function auditEntries(r: TestRuntime): Promise<AuditEntry[]> {
  return r.runtime.store.audit.list(0, 1000);
}

describe('first-run setup', () => {
  it('creates the first admin once, signs them in, then answers 409', async () => {
    const r = await rig();
    const client = new TestClient(r.request);
    expect((await client.get<ErrorBody>('/api/setup')).body).toEqual({ needsSetup: true });
    const email = randomEmail('Admin');
    const res = await client.post<SignedIn>('/api/setup', {
      email,
      name: 'Ada',
      password: GOOD_PASSWORD,
    });
    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({
      role: 'admin',
      email: email.toLowerCase(),
      mfaEnabled: false,
    });
    expect(res.body.csrfToken).toMatch(/^[\w-]{40,}$/);
    expect(client.cookie).toBeDefined();
    expect((await client.get<ErrorBody>('/api/setup')).body).toEqual({ needsSetup: false });

    const again = await new TestClient(r.request).post<ErrorBody>('/api/setup', {
      email: randomEmail(),
      name: 'Eve',
      password: GOOD_PASSWORD,
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('conflict');
  });

  it('applies the password policy and rejects unknown fields', async () => {
    const r = await rig();
    const client = new TestClient(r.request);
    const weak = await client.post<ErrorBody>('/api/setup', {
      email: randomEmail(),
      name: 'A',
      password: 'short',
    });
    expect(weak.status).toBe(400);
    expect(weak.body.error.issues?.[0]?.path).toBe('body.password');
    const extra = await client.post<ErrorBody>('/api/setup', {
      email: randomEmail(),
      name: 'A',
      password: GOOD_PASSWORD,
      role: 'admin',
    });
    expect(extra.status).toBe(400);
    expect(extra.body.error.code).toBe('validation_failed');
    expect(extra.body.error.issues?.map((i) => i.path)).toEqual(['body.role']);
    expect((await client.get<ErrorBody>('/api/setup')).body).toEqual({ needsSetup: true });
  });

  it('sets the session cookie with __Host-, HttpOnly, Secure, SameSite=Strict, Path=/', async () => {
    const r = await rig();
    const res = await r.request('/api/setup', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: randomEmail(), name: 'A', password: GOOD_PASSWORD }),
    });
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('__Host-docscrib_session='));
    expect(cookie).toBeDefined();
    const attrs = (cookie ?? '').split(';').map((a) => a.trim().toLowerCase());
    expect(attrs).toEqual(
      expect.arrayContaining(['httponly', 'secure', 'samesite=strict', 'path=/']),
    );
    expect(attrs.some((a) => a.startsWith('domain='))).toBe(false);
    // The store keeps only the hash of the token.
    const token = (cookie ?? '').split(';')[0]?.split('=')[1] ?? '';
    expect(await r.runtime.store.authSessions.get(token)).toBeUndefined();
    expect(await r.runtime.store.authSessions.get(hashSessionToken(token))).toBeDefined();
  });

  it('drops the __Host- prefix and Secure only when secure cookies are turned off', async () => {
    const r = await rig({ DOCSCRIB_SECURE_COOKIES: '0' });
    const client = new TestClient(r.request, 'docscrib_session');
    const res = await client.post('/api/setup', {
      email: randomEmail(),
      name: 'A',
      password: GOOD_PASSWORD,
    });
    const cookie = res.headers.getSetCookie()[0] ?? '';
    expect(cookie).toMatch(/^docscrib_session=/);
    expect(cookie.toLowerCase()).not.toContain('secure');
    expect((await client.get<ErrorBody>('/api/auth/session')).status).toBe(200);
  });
});

describe('MFA for administrators', () => {
  it('keeps an admin without MFA to enrolment, session and logout', async () => {
    const r = await rig();
    const client = new TestClient(r.request);
    await client.post('/api/setup', { email: randomEmail(), name: 'A', password: GOOD_PASSWORD });
    const users = await client.get<ErrorBody>('/api/users');
    expect(users.status).toBe(403);
    expect(users.body.error.code).toBe('mfa_enrollment_required');
    const session = await client.get<{ mfaEnrollmentRequired: boolean }>('/api/auth/session');
    expect(session.status).toBe(200);
    expect(session.body.mfaEnrollmentRequired).toBe(true);
  });

  it('refuses a wrong enrolment code, then needs a code at login and refuses a replayed one', async () => {
    const r = await rig();
    const client = new TestClient(r.request);
    const email = randomEmail('admin');
    await client.post('/api/setup', { email, name: 'A', password: GOOD_PASSWORD });
    const mfa = await client.post<{ secret: string; otpauthUri: string }>('/api/auth/mfa/setup', {
      currentPassword: GOOD_PASSWORD,
    });
    expect(mfa.body.otpauthUri).toMatch(/^otpauth:\/\/totp\//);
    const wrongCode = String(
      (Number(totpCode(mfa.body.secret, r.clock.now().getTime())) + 1) % 1_000_000,
    ).padStart(6, '0');
    const wrong = await client.post<ErrorBody>('/api/auth/mfa/enable', { code: wrongCode });
    expect(wrong.status).toBe(400);
    const ok = await client.post('/api/auth/mfa/enable', {
      code: totpCode(mfa.body.secret, r.clock.now().getTime()),
    });
    expect(ok.status).toBe(200);
    expect((await client.get<ErrorBody>('/api/users')).status).toBe(200);

    const noCode = asError((await login(r, email)).res);
    expect(noCode.status).toBe(401);
    expect(noCode.body.error.code).toBe('mfa_required');
    // The enrolment code's time step is used up.
    const replayEnrol = asError(
      (await login(r, email, GOOD_PASSWORD, totpCode(mfa.body.secret, r.clock.now().getTime())))
        .res,
    );
    expect(replayEnrol.status).toBe(401);
    expect(replayEnrol.body.error.code).toBe('mfa_required');

    r.clock.advance(30_000);
    const code = totpCode(mfa.body.secret, r.clock.now().getTime());
    const good = await login(r, email, GOOD_PASSWORD, code);
    expect(good.res.status).toBe(200);
    expect((await good.client.get('/api/users')).status).toBe(200);
    const replay = asError((await login(r, email, GOOD_PASSWORD, code)).res);
    expect(replay.status).toBe(401);
    expect(replay.body.error.code).toBe('mfa_required');
    expect(replay.body.error.message).toMatch(/already used/);
  });

  it('starts enrolment only with the current password; a wrong one is refused and counted', async () => {
    const r = await rig();
    const { client: admin } = await adminWithMfa(r);
    const { email } = await addUser(admin, 'clinician');
    const { client } = await login(r, email);
    const none = await client.post<ErrorBody>('/api/auth/mfa/setup', {});
    expect(none.status).toBe(400);
    expect(none.body.error.issues?.[0]?.path).toBe('body.currentPassword');
    for (let i = 0; i < 4; i++) {
      const wrong = await client.post<ErrorBody>('/api/auth/mfa/setup', {
        currentPassword: `not my password ${i}`,
      });
      expect(wrong.status).toBe(400);
      expect(wrong.body.error.code).toBe('validation_failed');
      expect(wrong.body.error.issues?.[0]?.path).toBe('body.currentPassword');
    }
    // Nothing was enrolled by the failed attempts.
    const secrets = await r.runtime.store.users.getSecrets(
      (await client.get<{ user: User }>('/api/auth/session')).body.user.id,
    );
    expect(secrets?.totpSecret).toBeNull();
    // The wrong passwords counted like failed sign-ins: one more and the account is throttled.
    expect((await login(r, email, 'yet another wrong one')).res.status).toBe(401);
    const throttled = await client.post<ErrorBody>('/api/auth/mfa/setup', {
      currentPassword: GOOD_PASSWORD,
    });
    expect(throttled.status).toBe(429);
    r.clock.advance(15 * 60_000 + 1000);
    const ok = await client.post<{ secret: string }>('/api/auth/mfa/setup', {
      currentPassword: GOOD_PASSWORD,
    });
    expect(ok.status).toBe(200);
    expect(ok.body.secret).toMatch(/^[A-Z2-7]+=*$/);
  });
});

describe('login and logout', () => {
  it('answers an unknown email and a wrong password identically', async () => {
    const r = await rig();
    const { client: admin } = await adminWithMfa(r);
    const { email } = await addUser(admin, 'clinician');
    const unknown = (await login(r, randomEmail(), GOOD_PASSWORD)).res;
    const wrong = (await login(r, email, 'not the password at all')).res;
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    expect(unknown.headers.getSetCookie()).toEqual([]);
  });

  it('signs in (email case-insensitive), shows the session, signs out', async () => {
    const r = await rig();
    const { client: admin } = await adminWithMfa(r);
    const { email, user } = await addUser(admin, 'clinician');
    const { client, res } = await login(r, email.toUpperCase());
    expect(res.status).toBe(200);
    expect(res.body.user.id).toBe(user.id);
    const session = await client.get<{
      user: User;
      csrfToken: string;
      mfaEnrollmentRequired: boolean;
    }>('/api/auth/session');
    expect(session.body).toMatchObject({
      user: { id: user.id },
      csrfToken: res.body.csrfToken,
      mfaEnrollmentRequired: false,
    });
    const token = client.cookie;
    const out = await client.post('/api/auth/logout');
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie().join()).toMatch(/__Host-docscrib_session=;.*Max-Age=0/);
    // The old cookie no longer works, even if a copy was kept.
    const stale = new TestClient(r.request);
    stale.cookie = token;
    expect((await stale.get<ErrorBody>('/api/auth/session')).status).toBe(401);

    const actions = (await auditEntries(r)).map(
      (e) => `${e.action}:${e.recordId === user.id ? 'u' : '-'}`,
    );
    expect(actions).toEqual(expect.arrayContaining(['create:u', 'login:u', 'logout:u']));
  });

  it('throttles the sixth failure for an email with 429 and Retry-After, even with the right password', async () => {
    const r = await rig();
    const { client: admin } = await adminWithMfa(r);
    const { email, user } = await addUser(admin, 'clinician');
    for (let i = 0; i < 5; i++) {
      expect((await login(r, email, `wrong password ${i}`)).res.status).toBe(401);
    }
    const sixth = asError((await login(r, email)).res);
    expect(sixth.status).toBe(429);
    expect(sixth.body.error.code).toBe('throttled');
    expect(Number(sixth.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another account is not affected; after the window the right password works again.
    const other = await addUser(admin, 'clinician');
    expect((await login(r, other.email)).res.status).toBe(200);
    r.clock.advance(15 * 60_000 + 1000);
    expect((await login(r, email)).res.status).toBe(200);

    const failed = (await auditEntries(r)).filter((e) => e.action === 'login_failed');
    expect(failed).toHaveLength(5);
    expect(failed.every((e) => e.recordId === user.id && e.actorId === null)).toBe(true);
  });

  it('lets at most 5 of 12 simultaneous wrong passwords be checked; the rest get 429 until the window passes', async () => {
    const r = await rig();
    const { client: admin } = await adminWithMfa(r);
    const { email, user } = await addUser(admin, 'clinician');
    const replies = await Promise.all(
      Array.from({ length: 12 }, (_, i) => login(r, email, `wrong password ${i}`)),
    );
    const outcomes = replies.map(({ res }) => `${res.status} ${asError(res).body.error.code}`);
    expect(outcomes.filter((o) => o === '401 unauthenticated')).toHaveLength(5);
    expect(outcomes.filter((o) => o === '429 throttled')).toHaveLength(7);
    for (const { res } of replies.filter((x) => x.res.status === 429)) {
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    // Exactly the checked guesses were failures; even the right password waits for the window.
    const failed = (await auditEntries(r)).filter((e) => e.action === 'login_failed');
    expect(failed.map((e) => e.recordId)).toEqual(Array<string>(5).fill(user.id));
    expect((await login(r, email)).res.status).toBe(429);
    r.clock.advance(15 * 60_000 + 1000);
    expect((await login(r, email)).res.status).toBe(200);
  });

  it('lets at most 20 of 25 simultaneous wrong logins from one address (any emails) be checked', async () => {
    const r = await rig();
    const replies = await Promise.all(
      Array.from({ length: 25 }, () => login(r, randomEmail(), 'not the password at all')),
    );
    const statuses = replies.map(({ res }) => res.status);
    expect(statuses.filter((x) => x === 401)).toHaveLength(20);
    expect(statuses.filter((x) => x === 429)).toHaveLength(5);
    // The address stays blocked for a new email too, until the window passes.
    expect((await login(r, randomEmail())).res.status).toBe(429);
    r.clock.advance(15 * 60_000 + 1000);
    expect((await login(r, randomEmail())).res.status).toBe(401);
  });

  it('a right password after 4 failures signs in and clears the count', async () => {
    const r = await rig();
    const { client: admin } = await adminWithMfa(r);
    const { email } = await addUser(admin, 'clinician');
    for (let i = 0; i < 4; i++) {
      expect((await login(r, email, `wrong password ${i}`)).res.status).toBe(401);
    }
    expect((await login(r, email)).res.status).toBe(200);
    // A fresh allowance of 5: five more failures are checked, the sixth attempt is refused.
    for (let i = 0; i < 5; i++) {
      expect((await login(r, email, `wrong again ${i}`)).res.status).toBe(401);
    }
    expect(asError((await login(r, email)).res).body.error.code).toBe('throttled');
  });

  it('does not count a right password that still needs its TOTP code', async () => {
    const r = await rig();
    const { email } = await adminWithMfa(r);
    for (let i = 0; i < 7; i++) {
      const res = asError((await login(r, email)).res);
      expect([res.status, res.body.error.code]).toEqual([401, 'mfa_required']);
    }
    // Wrong codes do count: five, then 429.
    for (let i = 0; i < 5; i++) {
      const res = asError((await login(r, email, GOOD_PASSWORD, '000000')).res);
      expect(res.body.error.code).toBe('mfa_required');
    }
    expect((await login(r, email, GOOD_PASSWORD, '000000')).res.status).toBe(429);
  });

  it('refuses unsafe requests without the CSRF token, or with a wrong one', async () => {
    const r = await rig();
    const { client: admin } = await adminWithMfa(r);
    const body = { email: randomEmail(), name: 'C', role: 'clinician', password: GOOD_PASSWORD };
    const missing = await admin.call<ErrorBody>('POST', '/api/users', body, { csrf: false });
    expect(missing.status).toBe(403);
    expect(missing.body.error.code).toBe('csrf_failed');
    const wrong = await admin.call<ErrorBody>('POST', '/api/users', body, {
      csrf: 'x'.repeat(43),
    });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.code).toBe('csrf_failed');
    const logout = await admin.call<ErrorBody>('POST', '/api/auth/logout', undefined, {
      csrf: false,
    });
    expect(logout.status).toBe(403);
    expect((await admin.post<ErrorBody>('/api/users', body)).status).toBe(201);
  });
});

describe('session timeouts', () => {
  it('expires after 30 idle minutes; activity keeps it alive; lastSeenAt is written at most once a minute', async () => {
    const r = await rig();
    const { client: admin } = await adminWithMfa(r);
    const { email } = await addUser(admin, 'clinician');
    const { client } = await login(r, email);
    const id = hashSessionToken(client.cookie ?? '');
    const seen = async () => (await r.runtime.store.authSessions.get(id))?.lastSeenAt;
    const first = await seen();
    r.clock.advance(30_000);
    expect((await client.get<ErrorBody>('/api/auth/session')).status).toBe(200);
    expect(await seen()).toBe(first);
    r.clock.advance(31_000);
    expect((await client.get<ErrorBody>('/api/auth/session')).status).toBe(200);
    expect(await seen()).not.toBe(first);

    r.clock.advance(29 * 60_000);
    expect((await client.get<ErrorBody>('/api/auth/session')).status).toBe(200);
    r.clock.advance(30 * 60_000 + 1000);
    const expired = await client.get<ErrorBody>('/api/auth/session');
    expect(expired.status).toBe(401);
    expect(expired.body.error.code).toBe('unauthenticated');
    expect(await r.runtime.store.authSessions.get(id)).toBeUndefined();
  });

  it("the web app's background checks (X-DocScrib-Background: 1) do not keep an idle session alive", async () => {
    const r = await rig();
    const { client: admin } = await adminWithMfa(r);
    const { email } = await addUser(admin, 'clinician');
    const { client } = await login(r, email);
    const background = { headers: { 'X-DocScrib-Background': '1' } };
    for (let t = 0; t < 29; t++) {
      r.clock.advance(60_000);
      expect(
        (await client.call<ErrorBody>('GET', '/api/auth/session', undefined, background)).status,
      ).toBe(200);
    }
    r.clock.advance(61_000);
    const ended = await client.call<ErrorBody>('GET', '/api/auth/session', undefined, background);
    expect(ended.status).toBe(401);
  });

  it('expires 12 hours after sign-in however active', async () => {
    const r = await rig();
    const { client: admin } = await adminWithMfa(r);
    const { email } = await addUser(admin, 'clinician');
    const { client } = await login(r, email);
    for (let t = 0; t < 12 * 60; t += 20) {
      expect((await client.get<ErrorBody>('/api/auth/session')).status).toBe(200);
      r.clock.advance(20 * 60_000);
    }
    r.clock.advance(1000);
    expect((await client.get<ErrorBody>('/api/auth/session')).status).toBe(401);
  });
});

describe('password change', () => {
  it('checks the current password, applies the policy, and signs out the other sessions', async () => {
    const r = await rig();
    const { client: admin } = await adminWithMfa(r);
    const { email } = await addUser(admin, 'clinician');
    const { client } = await login(r, email);
    const { client: other } = await login(r, email);
    const wrong = await client.post<ErrorBody>('/api/auth/password', {
      currentPassword: 'not my password',
      newPassword: 'a brand new long password',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.issues?.[0]?.path).toBe('body.currentPassword');
    const weak = await client.post<ErrorBody>('/api/auth/password', {
      currentPassword: GOOD_PASSWORD,
      newPassword: 'short',
    });
    expect(weak.status).toBe(400);
    expect(weak.body.error.issues?.[0]?.path).toBe('body.newPassword');
    const oldCookie = client.cookie;
    const oldCsrf = client.csrfToken;
    const oldCreatedAt = (await r.runtime.store.authSessions.get(hashSessionToken(oldCookie ?? '')))
      ?.createdAt;
    expect(oldCreatedAt).toBeDefined();
    r.clock.advance(5 * 60_000);
    const ok = await client.post<{ csrfToken: string }>('/api/auth/password', {
      currentPassword: GOOD_PASSWORD,
      newPassword: 'a brand new long password',
    });
    expect(ok.status).toBe(200);
    // A new session token (cookie) and a new CSRF token; the old token no longer works.
    expect(ok.body.csrfToken).toMatch(/^[\w-]{40,}$/);
    expect(ok.body.csrfToken).not.toBe(oldCsrf);
    expect(client.cookie).toBeDefined();
    expect(client.cookie).not.toBe(oldCookie);
    const stale = new TestClient(r.request);
    stale.cookie = oldCookie;
    stale.csrfToken = oldCsrf;
    expect((await stale.get<ErrorBody>('/api/auth/session')).status).toBe(401);
    const session = await client.get<{ csrfToken: string }>('/api/auth/session');
    expect(session.status).toBe(200);
    expect(session.body.csrfToken).toBe(ok.body.csrfToken);
    // The new session keeps the old one's absolute timeout (no endless renewal).
    const stored = await r.runtime.store.authSessions.get(hashSessionToken(client.cookie ?? ''));
    expect(stored?.createdAt).toBe(oldCreatedAt);
    expect((await client.post('/api/auth/logout')).status).toBe(204);
    expect((await other.get<ErrorBody>('/api/auth/session')).status).toBe(401);
    expect((await login(r, email)).res.status).toBe(401);
    expect((await login(r, email, 'a brand new long password')).res.status).toBe(200);
  });
});
