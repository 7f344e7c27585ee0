import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ClientPlanSchema, type NewAuditEntry } from '../domain/schemas.js';
import { MIGRATIONS } from './migrations.js';
import type { Store } from './port.js';
import {
  chainMac,
  type ContractDatabase,
  type ContractTarget,
  details,
  forEachDatabase,
  firstBrokenLink,
  noteBody,
  profile,
  rnd,
  seed,
  useContractStore,
  user,
  withInstances,
} from './test-helpers.js';

/**
 * The storage contract: every repository method and outcome of `port.ts`, run against each
 * implementation (SQLite and PostgreSQL: `forEachDatabase` in test-helpers.ts, at the end).
 */
function storeContract(name: string, target: () => ContractTarget): void {
  describe(`Store contract: ${name}`, () => {
    const { store: s, db: d } = useContractStore(target);
    contractUsers(s);
    contractAuth(s);
    contractRecords(s);
    contractNotes(s);
    contractTransactions(s);
    contractConcurrentTransactions(target);
    contractConcurrentThrottle(target);
    contractEncryption(s, d);
    contractAudit(target);
    contractMigrations(target);
    contractCapture(s, d);
    contractJobs(target);
  });
}

function contractUsers(s: () => Store) {
  describe('users', () => {
    it('creates, finds by id and by email (any case), lists and counts', async () => {
      const before = await s().users.count();
      const u = await user(s(), 'supervisor');
      expect(await s().users.get(u.id)).toEqual(u);
      expect(await s().users.getByEmail(u.email.toUpperCase())).toEqual(u);
      expect(u).toMatchObject({ role: 'supervisor', mfaEnabled: false, disabled: false });
      expect(await s().users.count()).toBe(before + 1);
      expect((await s().users.list()).map((x) => x.id)).toContain(u.id);
      expect(await s().users.get('missing-id-123')).toBeUndefined();
      expect(await s().users.getByEmail('nobody@example.org')).toBeUndefined();
    });

    it('refuses a taken email (any case) with a conflict', async () => {
      const u = await user(s());
      const again = await s().users.create({
        email: u.email.toUpperCase(),
        name: 'Other',
        role: 'clinician',
        supervisorId: null,
        passwordHash: 'x',
      });
      expect(again).toEqual({ ok: false, reason: 'conflict' });
    });

    it('updates fields, lists supervisees, and reports a missing user', async () => {
      const sup = await user(s(), 'supervisor');
      const u = await user(s());
      const r = await s().users.update(u.id, {
        name: 'Renamed',
        supervisorId: sup.id,
        disabled: true,
        mfaEnabled: true,
      });
      expect(r).toEqual({
        ok: true,
        value: { ...u, name: 'Renamed', supervisorId: sup.id, disabled: true, mfaEnabled: true },
      });
      expect(await s().users.supervisees(sup.id)).toEqual([u.id]);
      expect(await s().users.update('missing-id-123', { name: 'x' })).toEqual({
        ok: false,
        reason: 'not_found',
      });
      expect(await s().users.update('missing-id-123', {})).toEqual({
        ok: false,
        reason: 'not_found',
      });
    });

    it('keeps a proposed supervisor pending until it is accepted (compare-and-set) or declined', async () => {
      const sup = await user(s(), 'supervisor');
      const other = await user(s(), 'supervisor');
      const u = await user(s());
      expect(u.pendingSupervisorId).toBeNull();
      const asked = await s().users.update(u.id, { pendingSupervisorId: sup.id });
      expect(asked).toEqual({ ok: true, value: { ...u, pendingSupervisorId: sup.id } });
      // Pending is not supervising.
      expect(await s().users.supervisees(sup.id)).toEqual([]);
      // Only the proposal the user saw can be settled.
      expect(await s().users.settlePendingSupervisor(u.id, other.id, true)).toEqual({
        ok: false,
        reason: 'conflict',
      });
      expect(await s().users.settlePendingSupervisor('missing-id-123', sup.id, true)).toEqual({
        ok: false,
        reason: 'not_found',
      });
      expect(await s().users.settlePendingSupervisor(u.id, sup.id, true)).toEqual({
        ok: true,
        value: { ...u, supervisorId: sup.id, pendingSupervisorId: null },
      });
      expect(await s().users.supervisees(sup.id)).toEqual([u.id]);
      // Accepted once: a replay finds nothing pending.
      expect((await s().users.settlePendingSupervisor(u.id, sup.id, true)).ok).toBe(false);

      await s().users.update(u.id, { pendingSupervisorId: other.id });
      expect(await s().users.settlePendingSupervisor(u.id, other.id, false)).toEqual({
        ok: true,
        value: { ...u, supervisorId: sup.id, pendingSupervisorId: null },
      });
      expect(await s().users.supervisees(other.id)).toEqual([]);

      const created = await s().users.create({
        email: `p-${randomBytes(6).toString('hex')}@example.org`,
        name: 'Pending',
        role: 'clinician',
        supervisorId: null,
        pendingSupervisorId: sup.id,
        passwordHash: 'x',
      });
      expect(created.ok && created.value).toMatchObject({
        supervisorId: null,
        pendingSupervisorId: sup.id,
      });
    });

    it('keeps secrets: password hash, TOTP secret, and refuses a replayed TOTP step', async () => {
      const u = await user(s());
      expect(await s().users.getSecrets('missing-id-123')).toBeUndefined();
      await s().users.setPasswordHash(u.id, 'scrypt$new');
      await s().users.setTotpSecret(u.id, 'JBSWY3DPEHPK3PXP');
      expect(await s().users.getSecrets(u.id)).toEqual({
        passwordHash: 'scrypt$new',
        totpSecret: 'JBSWY3DPEHPK3PXP',
        totpLastStep: null,
      });
      expect(await s().users.useTotpStep(u.id, 100)).toBe(true);
      expect(await s().users.useTotpStep(u.id, 100)).toBe(false);
      expect(await s().users.useTotpStep(u.id, 99)).toBe(false);
      expect(await s().users.useTotpStep(u.id, 101)).toBe(true);
      expect((await s().users.getSecrets(u.id))?.totpLastStep).toBe(101);
      await s().users.setTotpSecret(u.id, null);
      expect(await s().users.getSecrets(u.id)).toMatchObject({
        totpSecret: null,
        totpLastStep: null,
      });
    });

    it('accepts one TOTP step exactly once under concurrent use', async () => {
      const u = await user(s());
      const results = await Promise.all(
        Array.from({ length: 10 }, () => s().users.useTotpStep(u.id, 5000)),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
    });
  });
}

function contractAuth(s: () => Store) {
  describe('auth sessions, login throttle, settings', () => {
    const session = (userId: string, createdAt: string, lastSeenAt = createdAt) => ({
      id: randomBytes(32).toString('hex'),
      userId,
      csrfToken: rnd(),
      mfaVerified: false,
      createdAt,
      lastSeenAt,
    });

    it('creates, reads, touches, verifies MFA and deletes sessions', async () => {
      const u = await user(s());
      const a = session(u.id, '2025-01-01T10:00:00.000Z');
      const b = session(u.id, '2025-01-01T10:01:00.000Z');
      await s().authSessions.create(a);
      await s().authSessions.create(b);
      expect(await s().authSessions.get(a.id)).toEqual(a);
      await s().authSessions.touch(a.id, '2025-01-01T10:05:00.000Z');
      await s().authSessions.setMfaVerified(a.id);
      expect(await s().authSessions.get(a.id)).toEqual({
        ...a,
        lastSeenAt: '2025-01-01T10:05:00.000Z',
        mfaVerified: true,
      });
      await s().authSessions.delete(a.id);
      expect(await s().authSessions.get(a.id)).toBeUndefined();
      expect(await s().authSessions.get(b.id)).toEqual(b);
      await s().authSessions.deleteForUser(u.id);
      expect(await s().authSessions.get(b.id)).toBeUndefined();
    });

    it('purges sessions idle too long or too old, and keeps the rest', async () => {
      const u = await user(s());
      const idle = session(u.id, '2025-02-01T11:00:00.000Z', '2025-02-01T11:10:00.000Z');
      const old = session(u.id, '2025-02-01T00:00:00.000Z', '2025-02-01T11:50:00.000Z');
      const fresh = session(u.id, '2025-02-01T11:30:00.000Z', '2025-02-01T11:55:00.000Z');
      for (const x of [idle, old, fresh]) await s().authSessions.create(x);
      const n = await s().authSessions.purgeExpired(
        '2025-02-01T11:30:00.000Z',
        '2025-02-01T01:00:00.000Z',
      );
      expect(n).toBeGreaterThanOrEqual(2);
      expect(await s().authSessions.get(idle.id)).toBeUndefined();
      expect(await s().authSessions.get(old.id)).toBeUndefined();
      expect(await s().authSessions.get(fresh.id)).toEqual(fresh);
    });

    it('counts sign-in attempts within the window, per key; releases one and resets all', async () => {
      const key = `email:${rnd()}`;
      const other = `ip:${rnd()}`;
      const t = (m: number) => `2025-03-01T10:${String(m).padStart(2, '0')}:00.000Z`;
      const th = s().loginThrottle;
      const first = await th.reserve(key, t(0), t(0));
      expect(first.count).toBe(1);
      expect((await th.reserve(key, t(5), t(0))).count).toBe(2);
      expect((await th.reserve(other, t(5), t(0))).count).toBe(1);
      // 20 minutes later, a 15-minute window holds only the attempt at t(5).
      expect((await th.reserve(key, t(20), t(5))).count).toBe(2);
      const last = await th.reserve(key, t(21), t(6));
      expect(last.count).toBe(2);
      expect(await th.attempts(key, t(6))).toBe(2);
      await th.release(key, last.id);
      await th.release(key, last.id); // already gone: nothing happens
      await th.release(key, first.id); // pruned earlier: nothing happens
      expect(await th.attempts(key, t(6))).toBe(1);
      expect((await th.reserve(key, t(22), t(7))).count).toBe(2);
      await th.reset(key);
      expect(await th.attempts(key, t(0))).toBe(0);
      expect(await th.attempts(other, t(0))).toBe(1);
    });

    it('a reservation inside a transaction counts like one outside', async () => {
      const key = `email:${rnd()}`;
      const at = '2025-03-01T10:00:00.000Z';
      await s().loginThrottle.reserve(key, at, at);
      const inside = await s().transaction((tx) => tx.loginThrottle.reserve(key, at, at));
      expect(inside.count).toBe(2);
      expect(await s().loginThrottle.attempts(key, at)).toBe(2);
    });

    it('stores and replaces settings', async () => {
      const key = `k-${rnd()}`;
      expect(await s().settings.get(key)).toBeUndefined();
      await s().settings.put(key, 'one');
      await s().settings.put(key, 'two');
      expect(await s().settings.get(key)).toBe('two');
    });
  });
}

function contractRecords(s: () => Store) {
  describe('clients, plans, sessions, process notes', () => {
    it('creates clients and lists them per clinician in creation order', async () => {
      const a = await user(s());
      const b = await user(s());
      const c = await user(s());
      const a1 = await s().clients.create(a.id, profile());
      const b1 = await s().clients.create(b.id, profile());
      const a2 = await s().clients.create(a.id, profile());
      await s().clients.create(c.id, profile());
      expect(await s().clients.get(a1.id)).toEqual(a1);
      expect(await s().clients.get('missing-id-123')).toBeUndefined();
      expect(await s().clients.listForClinicians([a.id])).toEqual([a1, a2]);
      expect(await s().clients.listForClinicians([a.id, b.id])).toEqual([a1, b1, a2]);
      expect(await s().clients.listForClinicians([])).toEqual([]);
    });

    it('updates a profile, or reports not_found', async () => {
      const { client } = await seed(s());
      const next = { ...client.profile, preferences: 'Prefers mornings' };
      const r = await s().clients.updateProfile(client.id, next);
      expect(r.ok && r.value.profile).toEqual(next);
      expect(await s().clients.get(client.id)).toMatchObject({ profile: next });
      expect(await s().clients.updateProfile('missing-id-123', next)).toEqual({
        ok: false,
        reason: 'not_found',
      });
    });

    it('puts and replaces a plan', async () => {
      const { client } = await seed(s());
      expect(await s().plans.get(client.id)).toBeUndefined();
      const plan = ClientPlanSchema.parse({
        goals: [{ id: 'g1', text: 'Sleep 7 hours' }],
        plannedInterventions: ['cbt.behavioral_activation'],
      });
      const stored = await s().plans.put(client.id, plan);
      expect(stored).toMatchObject(plan);
      expect(await s().plans.get(client.id)).toEqual(stored);
      const next = await s().plans.put(client.id, ClientPlanSchema.parse({}));
      expect(await s().plans.get(client.id)).toEqual(next);
    });

    it('reads the plans of several clients at once (clients without a plan absent)', async () => {
      const a = await seed(s());
      const b = await seed(s());
      const none = await seed(s());
      const planA = await s().plans.put(
        a.client.id,
        ClientPlanSchema.parse({ goals: [{ id: 'g1', text: 'Sleep 7 hours' }] }),
      );
      const planB = await s().plans.put(
        b.client.id,
        ClientPlanSchema.parse({ plannedInterventions: ['cbt.behavioral_activation'] }),
      );
      const got = await s().plans.listForClients([a.client.id, b.client.id, none.client.id]);
      expect(got).toEqual(
        new Map([
          [a.client.id, planA],
          [b.client.id, planB],
        ]),
      );
      expect(got.get(a.client.id)).toEqual(await s().plans.get(a.client.id));
      expect(await s().plans.listForClients([b.client.id])).toEqual(
        new Map([[b.client.id, planB]]),
      );
      const many = [...Array.from({ length: 550 }, (_, i) => `missing-${i}`), b.client.id];
      expect(await s().plans.listForClients(many)).toEqual(new Map([[b.client.id, planB]]));
      expect(await s().plans.listForClients([])).toEqual(new Map());
      expect(await s().plans.listForClients(['missing-id-123'])).toEqual(new Map());
    });

    it('reads the latest session date of several clients at once (by date, not creation)', async () => {
      const a = await seed(s()); // its seeded session is on 2025-03-04
      const b = await seed(s());
      const none = await s().clients.create(a.clinician.id, profile());
      const later = { clientId: a.client.id, clinicianId: a.clinician.id };
      await s().sessions.create({ ...later, details: details('2025-05-20', null) });
      // Created last but dated earlier: the date decides, not the order of creation.
      await s().sessions.create({ ...later, details: details('2024-11-30') });
      await s().sessions.create({
        clientId: b.client.id,
        clinicianId: b.clinician.id,
        details: details('2025-01-15'),
      });
      expect(await s().sessions.latestDates([a.client.id, b.client.id, none.id])).toEqual(
        new Map([
          [a.client.id, '2025-05-20'],
          [b.client.id, '2025-03-04'],
        ]),
      );
      // Read in chunks of 500 ids: a client past the first chunk is still found.
      const many = [...Array.from({ length: 550 }, (_, i) => `missing-${i}`), b.client.id];
      expect(await s().sessions.latestDates(many)).toEqual(new Map([[b.client.id, '2025-03-04']]));
      expect(await s().sessions.latestDates([none.id])).toEqual(new Map());
      expect(await s().sessions.latestDates([])).toEqual(new Map());
    });

    it('keeps sessions with transcript and analysis, newest first', async () => {
      const { client, clinician, session } = await seed(s());
      const later = await s().sessions.create({
        clientId: client.id,
        clinicianId: clinician.id,
        details: details('2025-04-01'),
      });
      const earlier = await s().sessions.create({
        clientId: client.id,
        clinicianId: clinician.id,
        details: details('2024-12-01'),
      });
      expect((await s().sessions.listForClient(client.id)).map((x) => x.id)).toEqual([
        later.id,
        session.id,
        earlier.id,
      ]);
      expect(await s().sessions.get(session.id)).toEqual(session);
      expect(await s().sessions.getTranscript(session.id)).toBeUndefined();
      expect(await s().sessions.getAnalysis(session.id)).toBeUndefined();
      const transcript = { format: 'lines' as const, text: 'Therapist: Hello.\nClient: Hi.' };
      await s().sessions.putTranscript(session.id, transcript);
      expect(await s().sessions.getTranscript(session.id)).toEqual(transcript);
      const analysis = { schemaVersion: 1, utterances: [] } as never;
      await s().sessions.putAnalysis(session.id, analysis);
      expect(await s().sessions.getAnalysis(session.id)).toEqual(analysis);
      await expect(s().sessions.putTranscript('missing-id-123', transcript)).rejects.toThrow();
      const upd = await s().sessions.updateDetails(session.id, details('2025-03-05'));
      expect(upd.ok && upd.value.details.date).toBe('2025-03-05');
      expect(await s().sessions.updateDetails('missing-id-123', details())).toEqual({
        ok: false,
        reason: 'not_found',
      });
    });

    it('keeps process notes per author and client', async () => {
      const { client, clinician, session, supervisor } = await seed(s(), { supervised: true });
      const mine = await s().processNotes.create({
        clientId: client.id,
        authorId: clinician.id,
        sessionId: session.id,
        text: 'Countertransference noted.',
      });
      await s().processNotes.create({
        clientId: client.id,
        authorId: supervisor?.id ?? '',
        sessionId: null,
        text: 'Supervisor thoughts.',
      });
      expect(await s().processNotes.get(mine.id)).toEqual(mine);
      expect(await s().processNotes.listForAuthorAndClient(clinician.id, client.id)).toEqual([
        mine,
      ]);
      const r = await s().processNotes.updateText(mine.id, 'Revised.');
      expect(r.ok && r.value.text).toBe('Revised.');
      expect(await s().processNotes.updateText('missing-id-123', 'x')).toEqual({
        ok: false,
        reason: 'not_found',
      });
    });

    it('enforces foreign keys', async () => {
      await expect(s().clients.create('no-such-user-1', profile())).rejects.toThrow();
    });
  });
}

function contractNotes(s: () => Store) {
  describe('progress notes', () => {
    it('creates drafts and lists them newest first', async () => {
      const { note, session, client, clinician } = await seed(s());
      expect(note).toMatchObject({ status: 'draft', version: 1, signedAt: null });
      expect(await s().notes.get(note.id)).toEqual(note);
      const second = await s().notes.create({ ...note, body: noteBody() });
      expect((await s().notes.listForClient(client.id)).map((n) => n.id)).toEqual([
        second.id,
        note.id,
      ]);
      expect((await s().notes.listForSession(session.id)).map((n) => n.id)).toEqual([
        second.id,
        note.id,
      ]);
      expect(await s().notes.get('missing-id-123')).toBeUndefined();
      expect(clinician.id).toBe(note.authorId);
    });

    it('updates a draft only at the current version', async () => {
      const { note } = await seed(s());
      const body = noteBody('Edited by the clinician.');
      const r = await s().notes.updateDraft(note.id, 1, { body, review: [] });
      expect(r.ok && r.value).toMatchObject({ version: 2, body });
      expect(await s().notes.updateDraft(note.id, 1, { body, review: [] })).toEqual({
        ok: false,
        reason: 'conflict',
      });
      expect(await s().notes.updateDraft('missing-id-123', 1, { body, review: [] })).toEqual({
        ok: false,
        reason: 'not_found',
      });
    });

    it('lets one of several concurrent edits of the same version win', async () => {
      const { note } = await seed(s());
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          s().notes.updateDraft(note.id, 1, { body: noteBody(`edit ${i}`), review: [] }),
        ),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok && r.reason === 'conflict')).toHaveLength(7);
      expect((await s().notes.get(note.id))?.version).toBe(2);
    });

    it('signs once, then the note is locked', async () => {
      const { note, clinician } = await seed(s());
      const at = '2025-03-04T12:00:00.000Z';
      expect(await s().notes.sign(note.id, 7, clinician.id, at)).toEqual({
        ok: false,
        reason: 'conflict',
      });
      const r = await s().notes.sign(note.id, 1, clinician.id, at);
      expect(r.ok && r.value).toMatchObject({
        status: 'signed',
        signedAt: at,
        signedBy: clinician.id,
        version: 2,
        body: note.body,
      });
      const locked = { ok: false, reason: 'locked' };
      expect(await s().notes.sign(note.id, 2, clinician.id, at)).toEqual(locked);
      expect(await s().notes.updateDraft(note.id, 2, { body: noteBody(), review: [] })).toEqual(
        locked,
      );
      expect(await s().notes.sign('missing-id-123', 1, clinician.id, at)).toEqual({
        ok: false,
        reason: 'not_found',
      });
    });

    it("sets cosignRequired when signing if told, else keeps the draft's", async () => {
      const at = '2025-03-04T12:00:00.000Z';
      const a = await seed(s());
      expect(a.note.cosignRequired).toBe(false);
      const r1 = await s().notes.sign(a.note.id, 1, a.clinician.id, at, true);
      expect(r1.ok && r1.value.cosignRequired).toBe(true);
      expect((await s().notes.get(a.note.id))?.cosignRequired).toBe(true);

      const b = await seed(s(), { supervised: true });
      const r2 = await s().notes.sign(b.note.id, 1, b.clinician.id, at, false);
      expect(r2.ok && r2.value.cosignRequired).toBe(false);
      expect((await s().notes.get(b.note.id))?.cosignRequired).toBe(false);

      const c = await seed(s(), { supervised: true });
      const r3 = await s().notes.sign(c.note.id, 1, c.clinician.id, at);
      expect(r3.ok && r3.value.cosignRequired).toBe(true);
      // A refused sign changes nothing.
      const d = await seed(s());
      expect(await s().notes.sign(d.note.id, 5, d.clinician.id, at, true)).toEqual({
        ok: false,
        reason: 'conflict',
      });
      expect((await s().notes.get(d.note.id))?.cosignRequired).toBe(false);
    });

    it('co-signs a signed note once', async () => {
      const { note, clinician, supervisor } = await seed(s(), { supervised: true });
      const by = supervisor?.id ?? '';
      const at = '2025-03-05T09:00:00.000Z';
      expect(note.cosignRequired).toBe(true);
      expect(await s().notes.cosign(note.id, by, at)).toEqual({ ok: false, reason: 'locked' });
      await s().notes.sign(note.id, 1, clinician.id, '2025-03-04T12:00:00.000Z');
      const r = await s().notes.cosign(note.id, by, at);
      expect(r.ok && r.value).toMatchObject({ cosignedAt: at, cosignedBy: by, status: 'signed' });
      expect(await s().notes.cosign(note.id, by, at)).toEqual({ ok: false, reason: 'locked' });
      expect(await s().notes.cosign('missing-id-123', by, at)).toEqual({
        ok: false,
        reason: 'not_found',
      });
    });

    it('keeps addenda in order', async () => {
      const { note, clinician } = await seed(s());
      const a = await s().notes.addAddendum(note.id, clinician.id, 'First addendum.');
      const b = await s().notes.addAddendum(note.id, clinician.id, 'Second addendum.');
      expect(await s().notes.listAddenda(note.id)).toEqual([a, b]);
      expect(await s().notes.listAddenda('missing-id-123')).toEqual([]);
    });
  });
}

function contractTransactions(s: () => Store) {
  describe('transactions', () => {
    it('commits together, and rolls everything back when the function throws', async () => {
      const u = await user(s());
      const kept = await s().transaction(async (tx) => {
        const c = await tx.clients.create(u.id, profile());
        await tx.plans.put(c.id, ClientPlanSchema.parse({}));
        return c;
      });
      expect(await s().clients.get(kept.id)).toEqual(kept);
      let lost = '';
      await expect(
        s().transaction(async (tx) => {
          lost = (await tx.clients.create(u.id, profile())).id;
          await tx.audit.append(auditEntry(), () => 'mac');
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await s().clients.get(lost)).toBeUndefined();
    });
  });
}

function contractConcurrentTransactions(target: () => ContractTarget) {
  describe('concurrent transactions', () => {
    it('let exactly one of several check-then-create transactions create the first user', async () => {
      await withInstances(target, 2, async (stores) => {
        const outcomes = await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            (stores[i % stores.length] as Store).transaction(async (tx) => {
              if ((await tx.users.count()) > 0) return 'exists';
              const r = await tx.users.create({
                email: `first-${i}@example.org`,
                name: 'First',
                role: 'admin',
                supervisorId: null,
                passwordHash: 'x',
              });
              return r.ok ? 'created' : r.reason;
            }),
          ),
        );
        expect(outcomes.filter((o) => o === 'created')).toHaveLength(1);
        expect(await stores[0].users.count()).toBe(1);
      });
    });
  });
}

function contractConcurrentThrottle(target: () => ContractTarget) {
  describe('concurrent sign-in attempts', () => {
    it('20 simultaneous reservations of one key (over every store instance) get the counts 1..20 exactly once', async () => {
      await withInstances(target, 3, async (stores) => {
        const key = `email:${rnd()}`;
        const other = `ip:${rnd()}`;
        const at = '2025-03-01T10:00:00.000Z';
        const windowStart = '2025-03-01T09:45:00.000Z';
        const results = await Promise.all(
          Array.from({ length: 24 }, (_, i) =>
            (stores[i % stores.length] as Store).loginThrottle.reserve(
              i % 6 === 5 ? other : key,
              at,
              windowStart,
            ),
          ),
        );
        const counts = (k: number) =>
          results
            .filter((_, i) => (i % 6 === 5) === (k === 1))
            .map((r) => r.count)
            .sort((a, b) => a - b);
        expect(counts(0)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
        expect(counts(1)).toEqual([1, 2, 3, 4]);
        expect(new Set(results.map((r) => r.id)).size).toBe(24);
        expect(await stores[0].loginThrottle.attempts(key, windowStart)).toBe(20);
      });
    });
  });
}

function contractEncryption(s: () => Store, d: () => ContractDatabase) {
  describe('encryption at rest', () => {
    it('stores no PHI in plain text anywhere', async () => {
      const mark = `Qzmark${rnd()}`;
      const { clinician, client, session, note } = await seed(s());
      await s().clients.updateProfile(client.id, profile(`${mark} name`));
      await s().plans.put(client.id, ClientPlanSchema.parse({ goals: [{ id: 'g', text: mark }] }));
      await s().sessions.updateDetails(session.id, { ...details(), telehealthPlatform: mark });
      await s().sessions.putTranscript(session.id, { format: 'lines', text: mark });
      await s().sessions.putAnalysis(session.id, { note: mark } as never);
      await s().notes.updateDraft(note.id, 1, { body: noteBody(mark), review: [] });
      await s().notes.addAddendum(note.id, clinician.id, mark);
      await s().processNotes.create({
        clientId: client.id,
        authorId: clinician.id,
        sessionId: null,
        text: mark,
      });
      await s().users.setTotpSecret(clinician.id, mark);
      const tables = ['users', 'clients', 'plans', 'sessions', 'notes', 'addenda', 'process_notes'];
      for (const t of tables) {
        const rows = await d().raw(`select * from ${t}`);
        expect(rows.length).toBeGreaterThan(0);
        expect(JSON.stringify(rows)).not.toContain(mark);
        expect(JSON.stringify(rows).toLowerCase()).not.toContain(mark.toLowerCase());
      }
      expect((await s().clients.get(client.id))?.profile.name).toBe(`${mark} name`);
    });

    it('binds each ciphertext to its row and column', async () => {
      const a = await seed(s());
      const b = await seed(s());
      const [row] = await d().raw('select profile from clients where id = ?', [a.client.id]);
      await d().raw('update clients set profile = ? where id = ?', [row?.['profile'], b.client.id]);
      await expect(s().clients.get(b.client.id)).rejects.toThrow();
      await d().raw('update notes set review = body where id = ?', [b.note.id]);
      await expect(s().notes.get(b.note.id)).rejects.toThrow();
      expect(await s().clients.get(a.client.id)).toEqual(a.client);
    });
  });
}

function auditEntry(i = 0): NewAuditEntry {
  return {
    at: new Date(Date.UTC(2025, 0, 1, 0, 0, i)).toISOString(),
    actorId: `actor-${i % 3}`,
    action: 'read',
    recordType: 'note',
    recordId: `note-${i}`,
  };
}

function contractAudit(target: () => ContractTarget) {
  describe('audit log', () => {
    const key = randomBytes(32);
    const append = (store: Store, i: number) => {
      const entry = auditEntry(i);
      return store.audit.append(entry, (prev, seq) => chainMac(key, prev, { ...entry, seq }));
    };

    it('chains 50 concurrent appends into seq 1..50, each MAC from the previous', async () => {
      const db = await target().fresh();
      const store = await db.open();
      try {
        await store.migrate();
        const made = await Promise.all(Array.from({ length: 50 }, (_, i) => append(store, i)));
        const all = await store.audit.list(0, 1000);
        expect(all.map((e) => e.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
        expect(firstBrokenLink(key, all)).toBeNull();
        expect([...made].sort((x, y) => x.seq - y.seq)).toEqual(all);
        expect((await store.audit.list(10, 5)).map((e) => e.seq)).toEqual([11, 12, 13, 14, 15]);
        expect(await store.audit.list(50, 10)).toEqual([]);
      } finally {
        await store.close();
      }
    });

    it('keeps one unbroken chain when two Store instances append at once', async (ctx) => {
      if (!target().multiInstance) {
        ctx.skip();
        return;
      }
      const db = await target().fresh();
      const [one, two] = [await db.open(), await db.open()];
      try {
        await Promise.all([one.migrate(), two.migrate()]);
        await Promise.all(Array.from({ length: 60 }, (_, i) => append(i % 2 === 0 ? one : two, i)));
        const all = await one.audit.list(0, 1000);
        expect(all.map((e) => e.seq)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
        expect(firstBrokenLink(key, all)).toBeNull();
      } finally {
        await Promise.all([one.close(), two.close()]);
      }
    });

    it('keeps one chain when appends run inside concurrent transactions', async () => {
      await withInstances(target, 2, async (stores) => {
        await Promise.all(
          Array.from({ length: 30 }, (_, i) =>
            (stores[i % stores.length] as Store).transaction(async (tx) => {
              await tx.settings.put(`k${i}`, 'v');
              const entry = auditEntry(i);
              return tx.audit.append(entry, (prev, seq) => chainMac(key, prev, { ...entry, seq }));
            }),
          ),
        );
        const all = await stores[0].audit.list(0, 1000);
        expect(all.map((e) => e.seq)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
        expect(firstBrokenLink(key, all)).toBeNull();
      });
    });

    it('detects a tampered entry when the chain is recomputed', async () => {
      const db = await target().fresh();
      const store = await db.open();
      try {
        await store.migrate();
        for (let i = 0; i < 5; i++) await append(store, i);
        await db.raw('update audit_log set record_id = ? where seq = 3', ['other']);
        expect(firstBrokenLink(key, await store.audit.list(0, 100))).toBe(3);
      } finally {
        await store.close();
      }
    });
  });
}

function contractMigrations(target: () => ContractTarget) {
  describe('migrations', () => {
    it('are harmless run twice, and concurrently where several instances are allowed', async () => {
      const db = await target().fresh();
      const stores = target().multiInstance
        ? await Promise.all([db.open(), db.open(), db.open()])
        : [await db.open()];
      try {
        await Promise.all(stores.map((x) => x.migrate()));
        const first = stores[0] as Store;
        const u = await user(first);
        for (const x of stores) await x.migrate();
        expect(await first.users.get(u.id)).toEqual(u);
        const rows = await db.raw('select name from docscrib_migrations order by name');
        expect(rows.map((r) => r['name'])).toEqual(MIGRATIONS.map((m) => m.name));
      } finally {
        await Promise.all(stores.map((x) => x.close()));
      }
    });
  });
}

function contractCapture(s: () => Store, d: () => ContractDatabase) {
  describe('audio capture and chunks', () => {
    it('keeps a capture per session; updates fields, seals segments, compare-and-sets status', async () => {
      const { session } = await seed(s());
      const made = await s().captures.create({
        sessionId: session.id,
        mode: 'live',
        status: 'recording',
        engine: 'pocketsphinx',
        quality: 'draft',
        model: 'en-us',
        noteFormat: 'dap',
      });
      expect(made).toMatchObject({ lastSeq: -1, segments: [], embeddings: [], speech: null });
      expect(await s().captures.get(session.id)).toEqual(made);
      const mark = `Qzword${rnd()}`;
      const segments = [{ start: 0, end: 1.5, text: `hello ${mark}` }];
      const r = await s().captures.update(
        session.id,
        { segments, embeddings: [[0.5, -0.25]], transcribedUntilSec: 1.5, lastSeq: 3 },
        ['recording', 'paused'],
      );
      expect(r.ok && r.value).toMatchObject({ segments, embeddings: [[0.5, -0.25]], lastSeq: 3 });
      for (const table of ['captures', 'capture_texts']) {
        const rows = await d().raw(`select * from ${table} where session_id = ?`, [session.id]);
        expect(rows).toHaveLength(1);
        expect(JSON.stringify(rows)).not.toContain(mark);
      }
      expect(
        await s().captures.update(session.id, { status: 'queued' }, ['awaiting_upload']),
      ).toEqual({ ok: false, reason: 'conflict' });
      const failed = await s().captures.update(session.id, {
        status: 'failed',
        error: { code: 'audio.decode', message: 'm', hint: 'h' },
        progress: 0.5,
      });
      expect(failed.ok && failed.value).toMatchObject({
        status: 'failed',
        error: { code: 'audio.decode', message: 'm', hint: 'h' },
        progress: 0.5,
      });
      expect(await s().captures.update('missing-id-123', { status: 'ready' })).toEqual({
        ok: false,
        reason: 'not_found',
      });
      const sums = await s().captures.summaries([session.id, 'missing-id-123']);
      expect([...sums.keys()]).toEqual([session.id]);
      expect(sums.get(session.id)).toMatchObject({ status: 'failed', mode: 'live', noteId: null });
    });

    it('reads and advances a live capture through its plain columns only', async () => {
      const { session } = await seed(s());
      await s().captures.create({
        sessionId: session.id,
        mode: 'live',
        status: 'recording',
        engine: 'pocketsphinx',
        quality: 'draft',
        model: null,
        noteFormat: 'soap',
      });
      const segments = [{ start: 0, end: 1, text: `words ${rnd()}` }];
      await s().captures.update(session.id, { segments, embeddings: [[1, 2]] });
      const plain = await s().captures.getPlain(session.id);
      expect(plain).toMatchObject({ status: 'recording', mode: 'live', lastSeq: -1 });
      expect(plain).not.toHaveProperty('segments');
      expect(plain).not.toHaveProperty('embeddings');
      expect(plain).not.toHaveProperty('speech');
      expect(await s().captures.getPlain('missing-id-123')).toBeUndefined();

      const live = ['recording', 'paused'] as const;
      const a = await s().captures.addLiveAudio(session.id, { lastSeq: 4, seconds: 0.5 }, live);
      expect(a.ok && a.value).toMatchObject({ lastSeq: 4, audioSeconds: 0.5 });
      // lastSeq never goes down (a late duplicate); the seconds add up.
      const b = await s().captures.addLiveAudio(session.id, { lastSeq: 2, seconds: 0.25 }, live);
      expect(b.ok && b.value).toMatchObject({ lastSeq: 4, audioSeconds: 0.75 });
      // The sealed columns are untouched.
      expect(await s().captures.get(session.id)).toMatchObject({
        segments,
        embeddings: [[1, 2]],
        lastSeq: 4,
        audioSeconds: 0.75,
      });
      await s().captures.update(session.id, { status: 'drafting' });
      expect(
        await s().captures.addLiveAudio(session.id, { lastSeq: 5, seconds: 0.5 }, live),
      ).toEqual({ ok: false, reason: 'conflict' });
      expect(
        await s().captures.addLiveAudio('missing-id-123', { lastSeq: 0, seconds: 1 }, live),
      ).toEqual({ ok: false, reason: 'not_found' });
      expect(await s().captures.getPlain(session.id)).toMatchObject({ lastSeq: 4 });
    });

    it('finds the contiguous run from a known point, across pages', async () => {
      const { session } = await seed(s());
      for (let i = 0; i < 150; i++) await s().audio.putChunk(session.id, i, Buffer.alloc(2, i));
      await s().audio.putChunk(session.id, 151, Buffer.alloc(2));
      expect(await s().audio.contiguousSeq(session.id)).toBe(149);
      expect(await s().audio.contiguousSeq(session.id, 10)).toBe(149);
      expect(await s().audio.contiguousSeq(session.id, 149)).toBe(149);
      expect(await s().audio.contiguousSeq(session.id, -1)).toBe(149);
      await s().audio.putChunk(session.id, 150, Buffer.alloc(2));
      expect(await s().audio.contiguousSeq(session.id, 140)).toBe(151);
    });

    it('stores audio chunks sealed, idempotent per seq, contiguous, paged, counted and deleted', async () => {
      const { session } = await seed(s());
      const other = await seed(s());
      const chunk = (i: number) => Buffer.alloc(1000 + i, i + 1);
      expect(await s().audio.contiguousSeq(session.id)).toBe(-1);
      expect(await s().audio.putChunk(session.id, 1, chunk(1))).toBe(true);
      expect(await s().audio.contiguousSeq(session.id)).toBe(-1);
      expect(await s().audio.putChunk(session.id, 0, chunk(0))).toBe(true);
      expect(await s().audio.putChunk(session.id, 3, chunk(3))).toBe(true);
      expect(await s().audio.contiguousSeq(session.id)).toBe(1);
      // A resent frame changes nothing.
      expect(await s().audio.putChunk(session.id, 1, Buffer.alloc(5))).toBe(false);
      expect(await s().audio.putChunk(session.id, 2, chunk(2))).toBe(true);
      expect(await s().audio.contiguousSeq(session.id)).toBe(3);
      await s().audio.putChunk(other.session.id, 0, chunk(9));
      expect(await s().audio.byteCount(session.id)).toBe(4000 + 0 + 1 + 2 + 3);
      const page1 = await s().audio.readChunks(session.id, 0, 2);
      expect(page1.map((c) => c.seq)).toEqual([0, 1]);
      expect(page1[1]?.data.equals(chunk(1))).toBe(true);
      const page2 = await s().audio.readChunks(session.id, 2, 10);
      expect(page2.map((c) => c.seq)).toEqual([2, 3]);
      expect(page2[1]?.data.equals(chunk(3))).toBe(true);
      // Sealed: the plaintext bytes are not in the row, and a chunk moved to another seq fails.
      const rows = await d().raw('select data from audio_chunks where session_id = ? and seq = 3', [
        session.id,
      ]);
      const raw = rows[0]?.['data'];
      expect(Buffer.isBuffer(raw)).toBe(true);
      expect((raw as Buffer).includes(chunk(3).subarray(0, 64))).toBe(false);
      await d().raw('update audio_chunks set data = ? where session_id = ? and seq = 2', [
        raw,
        session.id,
      ]);
      await expect(s().audio.readChunks(session.id, 2, 1)).rejects.toThrow();
      expect(await s().audio.deleteAll(session.id)).toBe(4);
      expect(await s().audio.deleteAll(session.id)).toBe(0);
      expect(await s().audio.byteCount(session.id)).toBe(0);
      expect(await s().audio.readChunks(session.id, 0, 10)).toEqual([]);
      expect(await s().audio.byteCount(other.session.id)).toBe(1009);
    });
  });
}

function contractJobs(target: () => ContractTarget) {
  describe('job queue', () => {
    const t0 = '2025-05-01T10:00:00.000Z';
    const at = (sec: number) => new Date(Date.parse(t0) + sec * 1000).toISOString();

    it('claims due jobs oldest first, leases, heartbeats, completes; an expired lease is claimed again', async () => {
      const db = await target().fresh();
      const store = await db.open();
      try {
        await store.migrate();
        const { session } = await seed(store);
        const a = await store.jobs.enqueue({
          kind: 'transcribe',
          sessionId: session.id,
          maxAttempts: 3,
          runAfter: t0,
        });
        const later = await store.jobs.enqueue({
          kind: 'transcribe',
          sessionId: session.id,
          maxAttempts: 3,
          runAfter: at(100),
        });
        expect(a).toMatchObject({ status: 'queued', attempts: 0, lockedBy: null });
        expect(await store.jobs.claim('w1', at(-1), 30_000)).toBeUndefined();
        const got = await store.jobs.claim('w1', at(1), 30_000);
        expect(got).toMatchObject({ id: a.id, status: 'running', lockedBy: 'w1', attempts: 1 });
        expect(got?.leaseUntil).toBe(at(31));
        // Nothing else is due (the other job runs later).
        expect(await store.jobs.claim('w2', at(2), 30_000)).toBeUndefined();
        expect(await store.jobs.heartbeat(a.id, 'w1', at(20), 30_000)).toBe(true);
        expect(await store.jobs.heartbeat(a.id, 'w2', at(20), 30_000)).toBe(false);
        // Still leased at 45 s (heartbeat moved it to 50 s); expired at 51 s: w2 takes it.
        expect(await store.jobs.claim('w2', at(45), 30_000)).toBeUndefined();
        const stolen = await store.jobs.claim('w2', at(51), 30_000);
        expect(stolen).toMatchObject({ id: a.id, lockedBy: 'w2', attempts: 2 });
        // The crashed worker's late calls no longer touch it.
        expect(await store.jobs.heartbeat(a.id, 'w1', at(52), 30_000)).toBe(false);
        expect(await store.jobs.complete(a.id, 'w1', at(52))).toBe(false);
        expect(await store.jobs.complete(a.id, 'w2', at(53))).toBe(true);
        expect(await store.jobs.get(a.id)).toMatchObject({ status: 'done', lockedBy: null });
        expect(await store.jobs.claim('w2', at(200), 30_000)).toMatchObject({ id: later.id });
        expect((await store.jobs.listForSession(session.id)).map((j) => j.id)).toEqual([
          a.id,
          later.id,
        ]);
      } finally {
        await store.close();
      }
    });

    it('retries a failed job after its backoff until its attempts run out; release gives one back', async () => {
      const db = await target().fresh();
      const store = await db.open();
      try {
        await store.migrate();
        const { session } = await seed(store);
        const job = await store.jobs.enqueue({
          kind: 'transcribe',
          sessionId: session.id,
          maxAttempts: 2,
          runAfter: t0,
        });
        const err = { code: 'engine.failed', message: 'pocketsphinx exited with code 1' };
        await store.jobs.claim('w', at(1), 10_000);
        expect(await store.jobs.fail(job.id, 'other', at(2), err, at(60))).toBeUndefined();
        expect(await store.jobs.fail(job.id, 'w', at(2), err, at(60))).toBe('queued');
        expect(await store.jobs.claim('w', at(30), 10_000)).toBeUndefined();
        expect(await store.jobs.claim('w', at(61), 10_000)).toMatchObject({ attempts: 2 });
        expect(await store.jobs.release(job.id, 'w', at(62))).toBe(true);
        expect(await store.jobs.get(job.id)).toMatchObject({ status: 'queued', attempts: 1 });
        await store.jobs.claim('w', at(63), 10_000);
        expect(await store.jobs.fail(job.id, 'w', at(64), err, at(120))).toBe('failed');
        expect(await store.jobs.get(job.id)).toMatchObject({ status: 'failed', error: err });
        expect(await store.jobs.claim('w', at(500), 10_000)).toBeUndefined();
        // Without a retry time a job fails at once.
        const once = await store.jobs.enqueue({
          kind: 'transcribe',
          sessionId: session.id,
          maxAttempts: 5,
          runAfter: t0,
        });
        await store.jobs.claim('w', at(501), 10_000);
        expect(await store.jobs.fail(once.id, 'w', at(502), err, null)).toBe('failed');
      } finally {
        await store.close();
      }
    });

    it('never gives one job to two claimers (over every store instance)', async () => {
      await withInstances(target, 3, async (stores) => {
        const [first] = stores;
        const { session } = await seed(first);
        const ids = new Set<string>();
        for (let i = 0; i < 12; i++) {
          const j = await first.jobs.enqueue({
            kind: 'transcribe',
            sessionId: session.id,
            maxAttempts: 1,
            runAfter: t0,
          });
          ids.add(j.id);
        }
        const claims = await Promise.all(
          Array.from({ length: 30 }, (_, i) =>
            (stores[i % stores.length] as Store).jobs.claim(`w${i}`, at(1), 60_000),
          ),
        );
        const got = claims.filter((j) => j !== undefined).map((j) => j.id);
        expect(got).toHaveLength(12);
        expect(new Set(got)).toEqual(ids);
      });
    });
  });
}

forEachDatabase('Store contract', storeContract);
