import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../adapters/test-helpers.js';
import { openStore } from '../../server/store/index.js';
import { rnd, seed, testCipher } from '../../server/store/test-helpers.js';
import { main } from '../main.js';
import type { Io } from '../io.js';

const tmp = useTempDir('docscrib-cli-backup-');

function fakeIo() {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    stderrIsTTY: false,
    debug: false,
    progressStream: process.stderr,
  };
  return { io, out: () => out.join(''), err: () => err.join('') };
}

describe('docscrib backup / restore', () => {
  it('backs up the data directory and restores it into another one', async () => {
    const data = join(tmp(), `data-${rnd()}`);
    const cipher = testCipher();
    const store = await openStore({ url: join(data, 'docscrib.db'), cipher });
    await store.migrate();
    const { client } = await seed(store);
    await store.close();

    const b = fakeIo();
    expect(await main(['backup', '--data', data], b.io)).toBe(0);
    const [file] = readdirSync(join(data, 'backups'));
    expect(file).toMatch(/^docscrib-\d{8}-\d{6}\.db$/);
    expect(b.out()).toContain(join(data, 'backups', file ?? ''));
    expect(b.err()).toMatch(/encryption key/);

    const other = join(tmp(), `other-${rnd()}`);
    const r = fakeIo();
    const backup = join(data, 'backups', file ?? '');
    expect(await main(['restore', backup, '--data', other], r.io)).toBe(0);
    const restored = await openStore({ url: join(other, 'docscrib.db'), cipher });
    expect(await restored.clients.get(client.id)).toEqual(client);
    await restored.close();

    const again = fakeIo();
    expect(await main(['restore', backup, '--data', other], again.io)).toBe(2);
    expect(again.err()).toMatch(/already exists[\s\S]*hint: .*--force/);
    expect(await main(['restore', backup, '--data', other, '--force'], fakeIo().io)).toBe(0);
  });

  it('explains that PostgreSQL is backed up with pg_dump, without showing the URL', async () => {
    const saved = process.env['DATABASE_URL'];
    process.env['DATABASE_URL'] = 'postgres://docscrib:s3cret@db.internal/docscrib';
    try {
      const io = fakeIo();
      expect(await main(['backup', '--out', join(tmp(), 'x.db')], io.io)).toBe(2);
      expect(io.err()).toMatch(/PostgreSQL[\s\S]*hint: .*pg_dump/);
      expect(io.err()).not.toContain('s3cret');
      expect(existsSync(join(tmp(), 'x.db'))).toBe(false);
    } finally {
      if (saved === undefined) delete process.env['DATABASE_URL'];
      else process.env['DATABASE_URL'] = saved;
    }
  });

  it('refuses a missing file (exit 2) and a file that is not a backup (exit 3)', async () => {
    const missing = fakeIo();
    expect(await main(['restore', join(tmp(), 'nothing.db'), '--data', tmp()], missing.io)).toBe(2);
    expect(missing.err()).toMatch(/no backup file/);
    const text = join(tmp(), `notes-${rnd()}.txt`);
    writeFileSync(text, 'just text\n'.repeat(100));
    const bad = fakeIo();
    expect(await main(['restore', text, '--data', join(tmp(), 'fresh')], bad.io)).toBe(3);
    expect(bad.err()).toMatch(/not a usable DocScrib backup/);
    expect(existsSync(join(tmp(), 'fresh', 'docscrib.db'))).toBe(false);
  });
});
