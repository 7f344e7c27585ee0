import SqliteDatabase from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../adapters/test-helpers.js';
import { openStore } from '../store/index.js';
import type { Store } from '../store/port.js';
import { createAuditLog } from './audit.js';
import { createFieldCipher } from './envelope.js';
import { KEY_INFO, deriveKey } from './keys.js';
import { newId } from './tokens.js';

/** The audit chain on the real SQLite store, tampered with by raw SQL as an attacker would. */

const tmp = useTempDir('docscrib-audit-sqlite-');

async function withStore<T>(fn: (store: Store, path: string, master: Buffer) => Promise<T>) {
  const path = join(tmp(), `${newId()}.db`);
  const master = randomBytes(32);
  const store = await openStore({ url: `sqlite:${path}`, cipher: createFieldCipher(master) });
  try {
    await store.migrate();
    return await fn(store, path, master);
  } finally {
    await store.close();
  }
}

function rawSql(path: string, statement: string, ...params: unknown[]): number {
  const db = new SqliteDatabase(path);
  try {
    return db.prepare(statement).run(...params).changes;
  } finally {
    db.close();
  }
}

async function recordSome(store: Store, master: Buffer, n: number) {
  const log = createAuditLog(store.audit, deriveKey(master, KEY_INFO.auditHmac));
  for (let i = 0; i < n; i++) {
    await log.record({ actorId: newId(), action: 'read', recordType: 'note', recordId: newId() });
  }
  return log;
}

describe('audit log on a SQLite store', () => {
  it('verifies an intact chain', async () => {
    await withStore(async (store, _path, master) => {
      const log = await recordSome(store, master, 8);
      expect(await log.verify()).toEqual({ ok: true, count: 8 });
    });
  });

  it('fails at the entry whose row was edited with raw SQL', async () => {
    await withStore(async (store, path, master) => {
      const log = await recordSome(store, master, 8);
      expect(rawSql(path, 'UPDATE audit_log SET record_id = ? WHERE seq = 5', newId())).toBe(1);
      expect(await log.verify()).toMatchObject({ ok: false, seq: 5 });
    });
  });

  it('fails at a deleted row, and at a row whose action was rewritten', async () => {
    await withStore(async (store, path, master) => {
      const log = await recordSome(store, master, 8);
      rawSql(path, `UPDATE audit_log SET action = 'export' WHERE seq = 7`);
      rawSql(path, 'DELETE FROM audit_log WHERE seq = 3');
      const result = await log.verify();
      expect(result).toMatchObject({ ok: false, seq: 3 });
      if (!result.ok) expect(result.reason).toContain('missing');
    });
  });

  it('fails when rows are swapped', async () => {
    await withStore(async (store, path, master) => {
      const log = await recordSome(store, master, 6);
      rawSql(path, 'UPDATE audit_log SET seq = 100 WHERE seq = 2');
      rawSql(path, 'UPDATE audit_log SET seq = 2 WHERE seq = 4');
      rawSql(path, 'UPDATE audit_log SET seq = 4 WHERE seq = 100');
      expect(await log.verify()).toMatchObject({ ok: false, seq: 2 });
    });
  });
});
