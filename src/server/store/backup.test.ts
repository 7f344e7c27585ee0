import SqliteDatabase from 'better-sqlite3';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../adapters/test-helpers.js';
import { isDocscribError } from '../../core/errors.js';
import { ClientPlanSchema } from '../domain/schemas.js';
import { backupDatabase, restoreDatabase } from './backup.js';
import { openStore } from './index.js';
import type { Store } from './port.js';
import { details, rnd, seed, testCipher } from './test-helpers.js';

const tmp = useTempDir('docscrib-backup-');
const TABLES = [
  'users',
  'auth_sessions',
  'login_failures',
  'clients',
  'plans',
  'sessions',
  'notes',
  'addenda',
  'process_notes',
  'audit_log',
  'settings',
  'docscrib_migrations',
];

/** Every record of every kind, read back through the store (decrypted). */
async function everything(store: Store) {
  const users = await store.users.list();
  const clients = await store.clients.listForClinicians(users.map((u) => u.id));
  const perClient = await Promise.all(
    clients.map(async (c) => {
      const sessions = await store.sessions.listForClient(c.id);
      const notes = await store.notes.listForClient(c.id);
      return {
        plan: await store.plans.get(c.id),
        sessions,
        transcripts: await Promise.all(sessions.map((s) => store.sessions.getTranscript(s.id))),
        analyses: await Promise.all(sessions.map((s) => store.sessions.getAnalysis(s.id))),
        notes,
        addenda: await Promise.all(notes.map((n) => store.notes.listAddenda(n.id))),
        processNotes: await Promise.all(
          users.map((u) => store.processNotes.listForAuthorAndClient(u.id, c.id)),
        ),
      };
    }),
  );
  return {
    users,
    secrets: await Promise.all(users.map((u) => store.users.getSecrets(u.id))),
    clients,
    perClient,
    audit: await store.audit.list(0, 10_000),
    setting: await store.settings.get('practice.name'),
  };
}

async function populate(store: Store) {
  for (let i = 0; i < 3; i++) {
    const { clinician, client, session, note } = await seed(store, { supervised: i === 1 });
    await store.users.setTotpSecret(clinician.id, 'JBSWY3DPEHPK3PXP');
    await store.plans.put(
      client.id,
      ClientPlanSchema.parse({ goals: [{ id: 'g1', text: 'Sleep' }], plannedInterventions: [] }),
    );
    await store.sessions.putTranscript(session.id, { format: 'lines', text: `Client: ${rnd()}` });
    await store.sessions.putAnalysis(session.id, { schemaVersion: 1, marker: rnd() } as never);
    await store.sessions.create({
      clientId: client.id,
      clinicianId: clinician.id,
      details: details('2025-05-01'),
    });
    await store.notes.sign(note.id, 1, clinician.id, '2025-03-04T12:00:00.000Z');
    await store.notes.addAddendum(note.id, clinician.id, `Addendum ${rnd()}`);
    await store.processNotes.create({
      clientId: client.id,
      authorId: clinician.id,
      sessionId: session.id,
      text: `Private ${rnd()}`,
    });
    await store.audit.append(
      {
        at: new Date().toISOString(),
        actorId: clinician.id,
        action: 'read',
        recordType: 'note',
        recordId: note.id,
      },
      (prev, seq) => `${prev ?? ''}${seq}`,
    );
  }
  await store.settings.put('practice.name', 'Riverside Counselling');
}

function rawDump(path: string) {
  const db = new SqliteDatabase(path, { readonly: true });
  try {
    return TABLES.map((t) => db.prepare(`select * from ${t} order by rowid`).all());
  } finally {
    db.close();
  }
}

async function errorOf(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error');
}

describe('backup and restore', () => {
  it('backs up a live database, restores it into a fresh directory, and every record is identical', async () => {
    const cipher = testCipher();
    const live = join(tmp(), `live-${rnd()}`, 'docscrib.db');
    const store = await openStore({ url: `sqlite:${live}`, cipher });
    await store.migrate();
    await populate(store);
    const before = await everything(store);
    const out = join(tmp(), `backups-${rnd()}`, 'b.db');

    const result = await backupDatabase(`sqlite:${live}`, out);
    const rawBefore = rawDump(live);
    // Writes after the backup are not in it.
    await seed(store);
    await store.close();

    expect(result).toEqual({ path: out, bytes: statSync(out).size });
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(existsSync(`${out}-wal`)).toBe(false);

    const fresh = join(tmp(), `fresh-${rnd()}`, 'docscrib.db');
    expect(restoreDatabase(out, `sqlite:${fresh}`)).toEqual({ path: fresh, previous: null });
    expect(statSync(fresh).mode & 0o777).toBe(0o600);
    expect(rawDump(fresh)).toEqual(rawBefore);

    const restored = await openStore({ url: `sqlite:${fresh}`, cipher });
    await restored.migrate();
    const after = await everything(restored);
    await restored.close();
    expect(after).toEqual(before);
    expect(after.users).toHaveLength(before.users.length);
    expect(after.audit).toHaveLength(3);
    expect(after.perClient.flatMap((c) => c.notes).every((n) => n.status === 'signed')).toBe(true);
  });

  it('restores over an existing database only with force, keeping the old one beside it', async () => {
    const dir = join(tmp(), `force-${rnd()}`);
    const cipher = testCipher();
    const a = await openStore({ url: join(dir, 'a.db'), cipher });
    await a.migrate();
    const { client } = await seed(a);
    await a.close();
    const backup = join(dir, 'a.backup.db');
    await backupDatabase(join(dir, 'a.db'), backup);

    const target = join(dir, 'b.db');
    const b = await openStore({ url: target, cipher });
    await b.migrate();
    await b.close();
    const refused = await errorOf(() => restoreDatabase(backup, target));
    expect(isDocscribError(refused) && refused.hint).toMatch(/--force/);

    const r = restoreDatabase(backup, target, { force: true });
    expect(r.previous).toMatch(/b\.db\.before-restore-/);
    expect(existsSync(r.previous ?? '')).toBe(true);
    const reopened = await openStore({ url: target, cipher });
    expect((await reopened.clients.get(client.id))?.id).toBe(client.id);
    await reopened.close();
  });

  it('refuses a file that is not an intact DocScrib database', async () => {
    const dir = join(tmp(), `bad-${rnd()}`);
    const target = join(dir, 'docscrib.db');
    const text = join(tmp(), `text-${rnd()}.db`);
    writeFileSync(text, 'not a database at all, just some text '.repeat(200));
    const foreign = join(tmp(), `foreign-${rnd()}.db`);
    const f = new SqliteDatabase(foreign);
    f.exec('create table t (x); insert into t values (1);');
    f.close();

    const good = join(tmp(), `good-${rnd()}.db`);
    const srcPath = join(tmp(), `src-${rnd()}.db`);
    const s = await openStore({ url: srcPath, cipher: testCipher() });
    await s.migrate();
    for (let i = 0; i < 30; i++) await seed(s);
    await s.close();
    await backupDatabase(srcPath, good);
    const corrupt = join(tmp(), `corrupt-${rnd()}.db`);
    const bytes = readFileSync(good);
    bytes.fill(0xa5, 4096 * 2, 4096 * 2 + 4000); // damage a page after the schema
    writeFileSync(corrupt, bytes);

    for (const [file, why] of [
      [text, /cannot be opened|not a SQLite database/],
      [foreign, /no DocScrib tables/],
      [corrupt, /integrity check failed/],
      [join(tmp(), 'missing.db'), /no backup file/],
    ] as const) {
      const e = await errorOf(() => restoreDatabase(file, target));
      expect(isDocscribError(e) && e.message).toMatch(why);
      expect(existsSync(target)).toBe(false);
    }
  });

  it('says PostgreSQL is backed up with pg_dump, and never overwrites a backup', async () => {
    const e = await errorOf(() => backupDatabase('postgres://u:secret@db/docscrib', 'x.db'));
    expect(isDocscribError(e) && e.hint).toMatch(/pg_dump/);
    expect(
      JSON.stringify({ m: (e as Error).message, h: isDocscribError(e) && e.hint }),
    ).not.toContain('secret');
    const src = join(tmp(), `exists-${rnd()}.db`);
    const s = await openStore({ url: src, cipher: testCipher() });
    await s.migrate();
    await s.close();
    const out = join(tmp(), `out-${rnd()}.db`);
    await backupDatabase(src, out);
    const again = await errorOf(() => backupDatabase(src, out));
    expect(isDocscribError(again) && again.message).toMatch(/already exists/);
    const missing = await errorOf(() =>
      backupDatabase(join(tmp(), 'nope.db'), join(tmp(), 'o.db')),
    );
    expect(isDocscribError(missing) && missing.message).toMatch(/no database/);
  });
});
