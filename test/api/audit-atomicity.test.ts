/**
 * Audit entries are atomic with the clinical data they record. The services run over a real
 * SQLite store whose audit appends can be made to fail (as a full disk or a crash between two
 * statements would): a write whose audit entry cannot be appended leaves no trace (no record, no
 * partial set of entries), a read whose entries cannot be appended returns nothing, and when
 * appends work every write and read leaves exactly its entries on one intact chain.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useTempDir } from '../../src/adapters/test-helpers.js';
import {
  ClientPlanBodySchema,
  NewConsentBodySchema,
  NewSafetyAssessmentBodySchema,
  SafetyPlanBodySchema,
  type AuditEntry,
  type ProgressNote,
} from '../../src/server/domain/schemas.js';
import { defaultExporters } from '../../src/server/http/routes/clinical-exporters.js';
import type { AuditLog } from '../../src/server/ports.js';
import { createAuditLog } from '../../src/server/security/audit.js';
import { createFieldCipher } from '../../src/server/security/envelope.js';
import { newTotpSecret, totpCode } from '../../src/server/security/totp.js';
import type { Actor } from '../../src/server/services/access.js';
import { AuthService } from '../../src/server/services/auth.js';
import { ClientService, type ClinicalDeps } from '../../src/server/services/clients.js';
import { NoteService } from '../../src/server/services/notes.js';
import { ConsentService } from '../../src/server/services/consents.js';
import { PlanService } from '../../src/server/services/plans.js';
import { SafetyService } from '../../src/server/services/safety.js';
import { ProcessNoteService } from '../../src/server/services/process-notes.js';
import { SessionService } from '../../src/server/services/sessions.js';
import { SettingsService } from '../../src/server/services/settings.js';
import { UserService } from '../../src/server/services/users.js';
import { openStore } from '../../src/server/store/index.js';
import type { AuditRepo, Store } from '../../src/server/store/port.js';
import { details, example, profile, rnd } from './harness.js';
import { interventionConsent, safetyPlanBody, signablePlan } from './care-helpers.js';

const dir = useTempDir('docscrib-audit-atomic-');

/**
 * The store with a switch on its audit appends, inside transactions and outside: `failAfter(n)`
 * lets the next n appends through and fails every one after them, until `heal()`.
 */
function faultyAuditStore(store: Store) {
  let allowed = Infinity;
  const wrap = (repo: AuditRepo): AuditRepo => ({
    list: (afterSeq, limit) => repo.list(afterSeq, limit),
    append(entry, mac) {
      if (allowed <= 0) return Promise.reject(new Error('audit append failed (test)'));
      allowed--;
      return repo.append(entry, mac);
    },
  });
  const faulty: Store = {
    ...store,
    audit: wrap(store.audit),
    transaction: (fn) => store.transaction((tx) => fn({ ...tx, audit: wrap(tx.audit) })),
  };
  return {
    store: faulty,
    failAfter: (n: number) => {
      allowed = n;
    },
    heal: () => {
      allowed = Infinity;
    },
  };
}

let store: Store;
let faults: ReturnType<typeof faultyAuditStore>;
let log: AuditLog;
let clients: ClientService;
let plans: PlanService;
let sessions: SessionService;
let notes: NoteService;
let processNotes: ProcessNoteService;

beforeEach(async () => {
  const master = randomBytes(32);
  store = await openStore({
    url: `sqlite:${join(dir(), `${rnd()}.db`)}`,
    cipher: createFieldCipher(master),
  });
  await store.migrate();
  faults = faultyAuditStore(store);
  log = createAuditLog(faults.store.audit, randomBytes(32));
  const deps: ClinicalDeps = {
    store: faults.store,
    auditLog: log,
    clock: { now: () => new Date() },
  };
  clients = new ClientService(deps);
  plans = new PlanService(deps);
  sessions = new SessionService(deps);
  notes = new NoteService(deps, defaultExporters());
  processNotes = new ProcessNoteService(deps);
});
afterEach(async () => {
  await store.close();
});

async function actor(
  role: 'clinician' | 'supervisor' = 'clinician',
  supervisorId: string | null = null,
): Promise<Actor> {
  const r = await store.users.create({
    email: `${role}-${rnd()}@example.org`,
    name: `${role} ${rnd()}`,
    role,
    supervisorId,
    passwordHash: `scrypt$unused$${rnd()}`,
  });
  if (!r.ok) throw new Error('could not create a user');
  return { id: r.value.id, role, superviseeIds: [] };
}

async function entries(): Promise<AuditEntry[]> {
  return store.audit.list(0, 100_000);
}

/** Entries after `seq` as `action recordType recordId` lines. */
async function since(seq: number): Promise<string[]> {
  return (await store.audit.list(seq, 100_000)).map(
    (e) => `${e.action} ${e.recordType} ${e.recordId ?? '-'}`,
  );
}

async function lastSeq(): Promise<number> {
  return (await entries()).at(-1)?.seq ?? 0;
}

/** Run `op` with audit appends failing after `n` successes; it must fail; then heal. */
async function failing(n: number, op: () => Promise<unknown>): Promise<void> {
  faults.failAfter(n);
  try {
    await expect(op()).rejects.toThrow(/audit append failed/);
  } finally {
    faults.heal();
  }
}

async function draft(clin: Actor): Promise<{ clientId: string; note: ProgressNote }> {
  const client = await clients.create(clin, profile());
  const { note } = await sessions.create(clin, client.id, {
    details: details(),
    transcript: { text: example('cbt-thought-record.txt') },
  });
  return { clientId: client.id, note };
}

describe('a write whose audit entry cannot be appended leaves nothing', () => {
  it('client: create, profile update and plan', async () => {
    const clin = await actor();
    const before = await lastSeq();
    await failing(0, () => clients.create(clin, profile()));
    expect(await store.clients.listForClinicians([clin.id])).toEqual([]);
    expect(await lastSeq()).toBe(before);

    const client = await clients.create(clin, profile());
    const changed = { ...client.profile, preferences: `changed ${rnd()}` };
    await failing(0, () => clients.updateProfile(clin, client.id, changed));
    expect((await store.clients.get(client.id))?.profile).toEqual(client.profile);
    await failing(0, () =>
      plans.put(clin, client.id, ClientPlanBodySchema.parse({ goals: [{ id: 'G1', text: 'x' }] })),
    );
    expect(await store.plans.get(client.id)).toBeUndefined();
  });

  it('session from a transcript: no session, transcript, analysis, note or entry, whichever of its four entries fails', async () => {
    const clin = await actor();
    const client = await clients.create(clin, profile());
    for (const n of [0, 1, 2, 3]) {
      const before = await lastSeq();
      await failing(n, () =>
        sessions.create(clin, client.id, {
          details: details(),
          transcript: { text: example('cbt-thought-record.txt') },
        }),
      );
      expect(await store.sessions.listForClient(client.id)).toEqual([]);
      expect(await store.notes.listForClient(client.id)).toEqual([]);
      expect(await lastSeq(), `failing after ${n} appends`).toBe(before);
    }
  });

  it('note: edit, sign, addendum and co-sign', async () => {
    const sup = await actor('supervisor');
    const clin = await actor('clinician', sup.id);
    const { note } = await draft(clin);
    const body = structuredClone(note.body);
    body.sections[0]?.sentences.push({
      text: `Own entry ${rnd()}.`,
      kind: 'clinician',
      evidence: [],
    });
    await failing(0, () => notes.update(clin, note.id, body, note.version));
    expect((await store.notes.get(note.id))?.version).toBe(note.version);

    await failing(0, () => notes.sign(clin, note.id, note.version));
    expect((await store.notes.get(note.id))?.status).toBe('draft');
    await notes.sign(clin, note.id, note.version);

    await failing(1, () => notes.addAddendum(clin, note.id, `Addendum ${rnd()}.`));
    expect(await store.notes.listAddenda(note.id)).toEqual([]);

    const supervisor = { ...sup, superviseeIds: [clin.id] };
    await failing(0, () => notes.cosign(supervisor, note.id));
    expect((await store.notes.get(note.id))?.cosignedAt).toBeNull();
    // Healed, the same calls succeed once: nothing was left half done.
    await notes.cosign(supervisor, note.id);
    await notes.addAddendum(clin, note.id, `Addendum ${rnd()}.`);
    expect(await store.notes.listAddenda(note.id)).toHaveLength(1);
  });

  it('process note: create and update', async () => {
    const clin = await actor();
    const client = await clients.create(clin, profile());
    await failing(0, () => processNotes.create(clin, client.id, { text: `Private ${rnd()}` }));
    expect(await store.processNotes.listForAuthorAndClient(clin.id, client.id)).toEqual([]);
    const pn = await processNotes.create(clin, client.id, { text: 'First thoughts.' });
    await failing(0, () => processNotes.update(clin, pn.id, 'Second thoughts.'));
    expect((await store.processNotes.get(pn.id))?.text).toBe('First thoughts.');
  });
});

describe('a care-record write whose audit entry cannot be appended leaves nothing', () => {
  it('plan signature, consent, safety assessment and safety plan', async () => {
    const deps: ClinicalDeps = {
      store: faults.store,
      auditLog: log,
      clock: { now: () => new Date() },
    };
    const consents = new ConsentService(deps);
    const safety = new SafetyService(deps);
    const clin = await actor();
    const client = await clients.create(clin, profile());
    const saved = await plans.put(clin, client.id, ClientPlanBodySchema.parse(signablePlan()));
    const before = await lastSeq();

    await failing(0, () => plans.sign(clin, client.id, saved.updatedAt ?? ''));
    expect((await store.plans.get(client.id))?.signature).toBeNull();
    expect(await store.planVersions.list(client.id)).toEqual([]);

    const body = NewConsentBodySchema.parse(interventionConsent());
    await failing(0, () => consents.create(clin, client.id, body));
    expect(await store.consents.listForClient(client.id)).toEqual([]);

    const assessment = NewSafetyAssessmentBodySchema.parse({
      trigger: { kind: 'clinician' },
      ideation: { status: 'absent' },
      riskLevel: 'low',
    });
    await failing(0, () => safety.createAssessment(clin, client.id, assessment));
    expect(await store.safetyAssessments.listForClient(client.id)).toEqual([]);

    const sp = SafetyPlanBodySchema.parse(safetyPlanBody());
    await failing(0, () => safety.putPlan(clin, client.id, sp));
    expect(await store.safetyPlans.get(client.id)).toBeUndefined();
    expect(await lastSeq()).toBe(before);

    // Confirming and withdrawing too: the record stays as it was.
    const c = await consents.create(clin, client.id, body);
    const a = await safety.createAssessment(clin, client.id, assessment);
    await failing(0, () => consents.withdraw(clin, c.id));
    expect((await store.consents.get(c.id))?.withdrawnAt).toBeNull();
    await failing(0, () => safety.confirmAssessment(clin, a.id));
    expect((await store.safetyAssessments.get(a.id))?.status).toBe('draft');
  });
});

describe('an account or settings change whose audit entry cannot be appended leaves nothing', () => {
  const PASSWORD = 'a long enough password';
  const services = () => {
    const deps = { store: faults.store, auditLog: log, clock: { now: () => new Date() } };
    return {
      users: new UserService(deps),
      auth: new AuthService(deps),
      settings: new SettingsService(deps),
    };
  };
  const admin = async (): Promise<Actor> => {
    const user = await services().users.create('system', {
      email: `admin-${rnd()}@example.org`,
      name: 'Admin',
      role: 'admin',
      password: PASSWORD,
    });
    return { id: user.id, role: 'admin', superviseeIds: [] };
  };

  it('first-run setup', async () => {
    const { auth } = services();
    const email = `first-${rnd()}@example.org`;
    await failing(0, () => auth.setup({ email, name: 'First', password: PASSWORD }));
    expect(await store.users.count()).toBe(0);
    expect(await lastSeq()).toBe(0);
    await auth.setup({ email, name: 'First', password: PASSWORD });
    expect(await since(0)).toHaveLength(1);
  });

  it('users: add (with a proposed supervisor), change, settle supervision, reset MFA', async () => {
    const { users } = services();
    const by = await admin();
    const sup = await actor('supervisor');
    const email = `new-${rnd()}@example.org`;
    const input = { email, name: 'New', role: 'clinician' as const, password: PASSWORD };
    const before = await lastSeq();
    await failing(0, () => users.create(by, input));
    // The second entry (supervision_requested) fails: the user is not added either.
    await failing(1, () => users.create(by, { ...input, supervisorId: sup.id }));
    expect(await store.users.getByEmail(email)).toBeUndefined();
    expect(await lastSeq()).toBe(before);

    const user = await users.create(by, { ...input, supervisorId: sup.id });
    await failing(0, () => users.update(by, user.id, { name: 'Renamed', disabled: true }));
    expect(await store.users.get(user.id)).toMatchObject({ name: 'New', disabled: false });

    await failing(0, () => users.settleSupervision(user, sup.id, true));
    expect(await store.users.get(user.id)).toMatchObject({
      supervisorId: null,
      pendingSupervisorId: sup.id,
    });

    await store.users.setTotpSecret(user.id, newTotpSecret());
    await store.users.update(user.id, { mfaEnabled: true });
    await failing(0, () => users.resetMfa(by, user.id));
    expect((await store.users.get(user.id))?.mfaEnabled).toBe(true);
    expect((await store.users.getSecrets(user.id))?.totpSecret).not.toBeNull();
  });

  it('own account: MFA enabled, password changed', async () => {
    const { users, auth } = services();
    const user = await users.create('system', {
      email: `own-${rnd()}@example.org`,
      name: 'Own',
      role: 'clinician',
      password: PASSWORD,
    });
    const secret = newTotpSecret();
    await store.users.setTotpSecret(user.id, secret);
    await failing(0, () => auth.enableMfa(user, totpCode(secret, Date.now())));
    expect((await store.users.get(user.id))?.mfaEnabled).toBe(false);

    const hash = (await store.users.getSecrets(user.id))?.passwordHash;
    const change = { currentPassword: PASSWORD, newPassword: `${PASSWORD} changed`, ip: undefined };
    await failing(0, () => auth.changePassword(user, change));
    expect((await store.users.getSecrets(user.id))?.passwordHash).toBe(hash);
  });

  it('practice settings', async () => {
    const { settings } = services();
    const by = await admin();
    const before = await settings.get(by);
    await failing(0, () =>
      settings.update(by, { ...before, practiceName: `Changed ${rnd()}`, timezone: 'UTC' }),
    );
    expect(await settings.get(by)).toEqual(before);
  });
});

describe('a read whose audit entries cannot be appended returns nothing and leaves no entry', () => {
  it('every clinical read and export, also when only a later entry of several fails', async () => {
    const clin = await actor();
    const { clientId, note } = await draft(clin);
    await clients.create(clin, profile());
    await notes.sign(clin, note.id, note.version);
    await notes.addAddendum(clin, note.id, 'Late entry.');
    const pn = await processNotes.create(clin, clientId, { text: 'Mine.' });
    const reads: [string, number, () => Promise<unknown>][] = [
      ['client list (2 entries)', 1, () => clients.list(clin)],
      ['client and plan', 1, () => clients.get(clin, clientId)],
      ['session list', 0, () => sessions.listForClient(clin, clientId)],
      ['session, transcript, analysis', 2, () => sessions.get(clin, note.sessionId)],
      ['note list', 0, () => notes.listForClient(clin, clientId)],
      ['note and addenda', 1, () => notes.get(clin, note.id)],
      ['text export', 0, () => notes.text(clin, note.id)],
      ['PDF export', 0, () => notes.pdf(clin, note.id)],
      ['FHIR export', 0, () => notes.fhir(clin, note.id, 'Composition')],
      ['process note list', 0, () => processNotes.listForClient(clin, clientId)],
      ['process note', 0, () => processNotes.get(clin, pn.id)],
    ];
    for (const [what, n, read] of reads) {
      const before = await lastSeq();
      faults.failAfter(n);
      let returned: unknown;
      try {
        returned = await read();
      } catch (e) {
        expect(String(e), what).toMatch(/audit append failed/);
      } finally {
        faults.heal();
      }
      expect(returned, what).toBeUndefined();
      expect(await lastSeq(), what).toBe(before);
    }
  });
});

describe('when appends work', () => {
  it('every write and read leaves exactly its entries, on one intact chain', async () => {
    const sup = await actor('supervisor');
    const clin = await actor('clinician', sup.id);
    let seq = await lastSeq();
    const client = await clients.create(clin, profile());
    expect(await since(seq)).toEqual([`create client ${client.id}`]);

    seq = await lastSeq();
    const { session, note } = await sessions.create(clin, client.id, {
      details: details(),
      transcript: { text: example('cbt-thought-record.txt') },
    });
    expect(await since(seq)).toEqual([
      `create session ${session.id}`,
      `create transcript ${session.id}`,
      `create analysis ${session.id}`,
      `create note ${note.id}`,
    ]);

    seq = await lastSeq();
    await notes.sign(clin, note.id, note.version);
    const addendum = await notes.addAddendum(clin, note.id, 'Late entry.');
    await notes.cosign({ ...sup, superviseeIds: [clin.id] }, note.id);
    expect(await since(seq)).toEqual([
      `sign note ${note.id}`,
      `addendum note ${note.id}`,
      `create addendum ${addendum.id}`,
      `cosign note ${note.id}`,
    ]);

    seq = await lastSeq();
    await notes.get(clin, note.id);
    await sessions.get(clin, session.id);
    expect(await since(seq)).toEqual([
      `read note ${note.id}`,
      `read addendum ${addendum.id}`,
      `read session ${session.id}`,
      `read transcript ${session.id}`,
      `read analysis ${session.id}`,
    ]);
    expect(await log.verify()).toEqual({ ok: true, count: await lastSeq() });
  });
});
