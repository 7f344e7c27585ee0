import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../adapters/test-helpers.js';
import { openSqliteFile, parseDatabaseUrl } from './dialect.js';
import { openStore } from './index.js';
import { createFieldCipher } from '../security/envelope.js';
import { profile, seed, testCipher } from './test-helpers.js';
import SqliteDatabase from 'better-sqlite3';
import { randomBytes } from 'node:crypto';

const tmp = useTempDir('docscrib-sqlite-');

describe('SQLite store', () => {
  it('creates the directory and a 0600 file, in WAL mode', async () => {
    const path = join(tmp(), 'nested', 'dir', 'docscrib.db');
    const store = await openStore({ url: `sqlite:${path}`, cipher: testCipher() });
    await store.migrate();
    await store.close();
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(tmp(), 'nested', 'dir')).isDirectory()).toBe(true);
    const db = openSqliteFile(path, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('opens connections with synchronous=FULL, foreign keys and a busy timeout', () => {
    const db = openSqliteFile(join(tmp(), 'pragmas.db'));
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('reads DATABASE_URL forms', () => {
    expect(parseDatabaseUrl('postgres://u@h/db')).toEqual({
      kind: 'postgres',
      url: 'postgres://u@h/db',
    });
    expect(parseDatabaseUrl('postgresql://u@h/db').kind).toBe('postgres');
    expect(parseDatabaseUrl('sqlite:/var/x.db')).toEqual({ kind: 'sqlite', path: '/var/x.db' });
    expect(parseDatabaseUrl('sqlite:///var/x.db')).toEqual({ kind: 'sqlite', path: '/var/x.db' });
    expect(parseDatabaseUrl('file:/var/x.db')).toEqual({ kind: 'sqlite', path: '/var/x.db' });
    expect(parseDatabaseUrl('/var/x.db')).toEqual({ kind: 'sqlite', path: '/var/x.db' });
    expect(parseDatabaseUrl('sqlite:data/x.db')).toEqual({
      kind: 'sqlite',
      path: join(process.cwd(), 'data/x.db'),
    });
    expect(parseDatabaseUrl('sqlite::memory:')).toEqual({ kind: 'sqlite', path: ':memory:' });
  });

  it('works in memory', async () => {
    const store = await openStore({ url: 'sqlite::memory:', cipher: testCipher() });
    await store.migrate();
    expect(await store.users.count()).toBe(0);
    expect(store.kind).toBe('sqlite');
    await store.close();
  });

  it('uses the given clock for timestamps', async () => {
    const now = () => new Date('2030-01-02T03:04:05.000Z');
    const store = await openStore({ url: 'sqlite::memory:', cipher: testCipher(), now });
    await store.migrate();
    const r = await store.users.create({
      email: 'a@example.org',
      name: 'A',
      role: 'admin',
      supervisorId: null,
      passwordHash: 'x',
    });
    expect(r.ok && r.value.createdAt).toBe('2030-01-02T03:04:05.000Z');
    await store.close();
  });

  it('works with the real envelope cipher: a moved ciphertext fails with decrypt_failed', async () => {
    const path = join(tmp(), 'envelope.db');
    const cipher = createFieldCipher(randomBytes(32));
    const store = await openStore({ url: path, cipher });
    await store.migrate();
    const a = await seed(store);
    const b = await seed(store);
    expect(await store.clients.get(a.client.id)).toEqual(a.client);
    const raw = new SqliteDatabase(path);
    const row = raw.prepare('select profile from clients where id = ?').get(a.client.id) as {
      profile: string;
    };
    expect(row.profile).toMatch(/^v1\./);
    expect(row.profile).not.toContain(a.client.profile.name);
    raw.prepare('update clients set profile = ? where id = ?').run(row.profile, b.client.id);
    raw.close();
    await expect(store.clients.get(b.client.id)).rejects.toMatchObject({ code: 'decrypt_failed' });
    await expect(store.clients.updateProfile(b.client.id, profile())).resolves.toMatchObject({
      ok: true,
    });
    await store.close();
  });
});
