import SqliteDatabase from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useTempDir } from '../../adapters/test-helpers.js';
import { createAuditLog } from '../../server/security/audit.js';
import { createFieldCipher } from '../../server/security/envelope.js';
import { KEY_FILE_NAME, KEY_INFO, deriveKey, loadMasterKey } from '../../server/security/keys.js';
import { newId } from '../../server/security/tokens.js';
import { openStore } from '../../server/store/index.js';
import { captureIo } from '../test-helpers.js';
import { main } from '../main.js';
import { runAuditVerify } from './audit.js';

const tmp = useTempDir('docscrib-audit-cli-');

/** A data directory as the server leaves it: key file, migrated database, `n` audit entries. */
async function serverDataDir(n: number): Promise<string> {
  const dataDir = join(tmp(), `data-${newId()}`);
  const master = await loadMasterKey({ env: {}, dataDir });
  const store = await openStore({
    url: `sqlite:${join(dataDir, 'docscrib.db')}`,
    cipher: createFieldCipher(master),
  });
  try {
    await store.migrate();
    const log = createAuditLog(store.audit, deriveKey(master, KEY_INFO.auditHmac));
    for (let i = 0; i < n; i++) {
      await log.record({ actorId: newId(), action: 'read', recordType: 'note', recordId: newId() });
    }
  } finally {
    await store.close();
  }
  return dataDir;
}

function rawSql(dataDir: string, statement: string): void {
  const db = new SqliteDatabase(join(dataDir, 'docscrib.db'));
  try {
    db.prepare(statement).run();
  } finally {
    db.close();
  }
}

describe('docscrib audit verify', () => {
  // The command reads the server's settings from the environment: start from none.
  beforeEach(() => {
    for (const name of [
      'DATABASE_URL',
      'DOCSCRIB_DATA_DIR',
      'DOCSCRIB_ENCRYPTION_KEY',
      'DOCSCRIB_DEBUG',
    ]) {
      vi.stubEnv(name, undefined);
    }
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('reports an intact chain with exit code 0', async () => {
    const dataDir = await serverDataDir(7);
    const io = captureIo();
    expect(await main(['audit', 'verify', '--data', dataDir], io)).toBe(0);
    expect(io.stdout()).toBe('audit log verified: 7 entries, chain intact\n');
    expect(io.stderr()).toBe('');
  });

  it('reports an empty log as intact', async () => {
    const io = captureIo();
    expect(await main(['audit', 'verify', '--data', await serverDataDir(0)], io)).toBe(0);
    expect(io.stdout()).toBe('audit log verified: 0 entries, chain intact\n');
  });

  it('names the tampered entry and exits 1 after a row is edited with raw SQL', async () => {
    const dataDir = await serverDataDir(6);
    rawSql(dataDir, `UPDATE audit_log SET actor_id = 'someone-else' WHERE seq = 4`);
    const io = captureIo();
    expect(await main(['audit', 'verify', '--data', dataDir], io)).toBe(1);
    expect(io.stdout()).toMatch(/^audit log TAMPERED at entry #4: .*MAC does not match/);
  });

  it('names a deleted entry and exits 1', async () => {
    const dataDir = await serverDataDir(6);
    rawSql(dataDir, 'DELETE FROM audit_log WHERE seq = 2');
    const io = captureIo();
    expect(await main(['audit', 'verify', '--data', dataDir], io)).toBe(1);
    expect(io.stdout()).toMatch(/^audit log TAMPERED at entry #2: entry #2 is missing/);
  });

  it('takes the data directory from DOCSCRIB_DATA_DIR and the database from DATABASE_URL', async () => {
    const dataDir = await serverDataDir(3);
    const io = captureIo();
    const env = {
      DOCSCRIB_DATA_DIR: dataDir,
      DATABASE_URL: `sqlite:${join(dataDir, 'docscrib.db')}`,
    };
    expect(await runAuditVerify({ env }, io)).toBe(0);
    expect(io.stdout()).toContain('3 entries');
  });

  it('fails at the first entry with another key (DOCSCRIB_ENCRYPTION_KEY)', async () => {
    const dataDir = await serverDataDir(3);
    const io = captureIo();
    const env = { DOCSCRIB_ENCRYPTION_KEY: randomBytes(32).toString('base64') };
    expect(await runAuditVerify({ env, dataDir }, io)).toBe(1);
    expect(io.stdout()).toMatch(/^audit log TAMPERED at entry #1: .*another key/);
  });

  it('exits 2 without creating anything when there is no database', async () => {
    const dataDir = join(tmp(), `empty-${newId()}`);
    mkdirSync(dataDir);
    const io = captureIo();
    expect(await main(['audit', 'verify', '--data', dataDir], io)).toBe(2);
    expect(io.stderr()).toContain(`no database at ${join(dataDir, 'docscrib.db')}`);
    expect(io.stderr()).toContain('hint:');
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('exits 2 without creating a key when the key file is missing', async () => {
    const dataDir = await serverDataDir(2);
    unlinkSync(join(dataDir, KEY_FILE_NAME));
    const io = captureIo();
    expect(await main(['audit', 'verify', '--data', dataDir], io)).toBe(2);
    expect(io.stderr()).toContain('no encryption key');
    expect(existsSync(join(dataDir, KEY_FILE_NAME))).toBe(false);
  });

  it('exits 2 naming a bad DOCSCRIB_ENCRYPTION_KEY, never its value', async () => {
    const dataDir = await serverDataDir(1);
    vi.stubEnv('DOCSCRIB_ENCRYPTION_KEY', 'c2VjcmV0LXRvby1zaG9ydA==');
    const io = captureIo();
    expect(await main(['audit', 'verify', '--data', dataDir], io)).toBe(2);
    expect(io.stderr()).toContain('DOCSCRIB_ENCRYPTION_KEY');
    expect(io.stderr()).not.toContain('c2VjcmV0LXRvby1zaG9ydA');
  });
});
