/**
 * `store.transaction` on PostgreSQL holds a check-then-write across processes, as SQLite's single
 * writer does: several Store instances (one per API process) on one database race "create the
 * first user while there is none" (what first-run setup does) and exactly one wins every time.
 * Before store.transaction was serialized on PostgreSQL (8a665e8), all three usually won.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { createFieldCipher } from '../../src/server/security/envelope.js';
import { openStore, type Store } from '../../src/server/store/index.js';
import { usePostgres } from '../support/postgres.js';

const postgres = usePostgres();

describe.skipIf(!postgres.available)('store.transaction on one PostgreSQL database', () => {
  const open: Store[] = [];
  afterEach(async () => {
    for (const store of open.splice(0)) await store.close();
  });

  async function stores(n: number): Promise<{ url: string; stores: Store[] }> {
    const url = await postgres.fresh();
    const cipher = createFieldCipher(randomBytes(32));
    const list = await Promise.all(Array.from({ length: n }, () => openStore({ url, cipher })));
    open.push(...list);
    await Promise.all(list.map((s) => s.migrate()));
    return { url, stores: list };
  }

  const firstUser = (store: Store, email: string) =>
    store.transaction(async (tx) => {
      if ((await tx.users.count()) > 0) return 'exists';
      const created = await tx.users.create({
        email,
        name: 'First administrator',
        role: 'admin',
        supervisorId: null,
        passwordHash: 'not-a-real-hash',
      });
      return created.ok ? 'created' : 'conflict';
    });

  it('lets exactly one of several instances create the first user, round after round', async () => {
    const { url, stores: list } = await stores(3);
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      for (let round = 0; round < 25; round++) {
        const outcomes = await Promise.all(
          list.map((s, i) => firstUser(s, `admin-${round}-${i}@example.test`)),
        );
        expect(
          outcomes.filter((o) => o === 'created'),
          `round ${round}`,
        ).toHaveLength(1);
        expect(
          outcomes.filter((o) => o === 'exists'),
          `round ${round}`,
        ).toHaveLength(2);
        expect(await list[0]?.users.count()).toBe(1);
        await admin.query('delete from users');
      }
    } finally {
      await admin.end();
    }
  });

  it('runs a transaction that fails for another reason once, and rolls it back', async () => {
    const { stores: list } = await stores(1);
    const store = list[0];
    if (!store) throw new Error('no store');
    let runs = 0;
    const failing = store.transaction(async (tx) => {
      runs++;
      await firstUser({ ...store, transaction: (fn) => fn(tx) }, 'someone@example.test');
      throw new Error('boom');
    });
    await expect(failing).rejects.toThrow('boom');
    expect(runs).toBe(1);
    expect(await store.users.count()).toBe(0);
  });
});
