/**
 * Backups under SIGKILL: while the real server takes a stream of writes, `docscrib backup` is
 * killed at random moments. A killed backup never leaves a partial file under its name (the file
 * is absent or a complete, sound database), the live database stays sound, and a backup that
 * finishes restores (`docscrib restore` into a fresh data dir with the same key) to a server
 * that holds every write acknowledged before the backup started.
 */
import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ApiClient,
  BIN,
  ROOT,
  addUser,
  makeUser,
  runDocscrib,
  startServer,
  tempDataDir,
  type RunningServer,
} from '../e2e/harness.js';
import { mulberry32 } from '../support/random.js';
import { crashSeed, integrityCheck, useCleanups } from './helpers.js';

const ROUNDS = 8;
/** Kill times, as fractions of how long one whole backup took (most of it is Node starting). */
const KILL_AT: readonly [number, number] = [0.5, 1.05];
const SEED = crashSeed();

/** Runs `docscrib backup`, SIGKILLs it after `killAfterMs`; resolves with how it ended. */
function backupKilledAfter(
  dataDir: string,
  out: string,
  killAfterMs: number,
): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, 'backup', '--data', dataDir, '--out', out], {
      cwd: ROOT,
      stdio: 'ignore',
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('error', fail);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      done({ code, signal });
    });
  });
}

describe('backup under SIGKILL (SQLite)', () => {
  const defer = useCleanups();

  it(`a killed backup leaves no partial file; a finished one restores every acknowledged write (seed ${SEED})`, async () => {
    const random = mulberry32(SEED);
    const source = await tempDataDir();
    defer(source.cleanup);
    const user = makeUser('clinician');
    await addUser(source.dir, user);
    let server: RunningServer = await startServer({ dataDir: source.dir });
    defer(() => server.stop());
    const api = new ApiClient(server.url);
    await api.login(user.email, user.password);

    // A stream of writes for the whole test.
    const acked = new Map<string, string>();
    const stream = { on: true };
    let n = 0;
    const writer = (async (): Promise<string | null> => {
      while (stream.on) {
        const name = `Backup Client ${n++}`;
        const res = await api.request<{ client: { id: string } }>('POST', '/api/clients', {
          profile: { name },
        });
        if (res.status !== 201) return `create client: ${res.status} ${JSON.stringify(res.body)}`;
        acked.set(res.body.client.id, name);
      }
      return null;
    })().catch((e: unknown) => `create client: ${String(e)}`);

    const backups = join(source.dir, 'backups');
    mkdirSync(backups, { recursive: true });
    // How long one whole backup takes here, to aim the kills at its end, where the copy happens.
    const started = Date.now();
    const first = await runDocscrib([
      'backup',
      '--data',
      source.dir,
      '--out',
      join(backups, 'a.db'),
    ]);
    expect(first.code, first.stderr).toBe(0);
    const took = Date.now() - started;
    const outcomes: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const out = join(backups, `round-${round}.db`);
      const [lo, hi] = KILL_AT;
      const ended = await backupKilledAfter(source.dir, out, took * (lo + random() * (hi - lo)));
      if (ended.signal === 'SIGKILL') {
        outcomes.push('killed');
        // Absent, or complete and sound: never a partial file under the backup's name.
        if (existsSync(out)) expect(integrityCheck(out), `round ${round}`).toBe('ok');
      } else {
        outcomes.push(`exit ${ended.code}`);
        expect(ended.code, `round ${round}: backup exit code`).toBe(0);
        expect(integrityCheck(out)).toBe('ok');
      }
    }
    expect(outcomes.filter((o) => o === 'killed').length, outcomes.join(', ')).toBeGreaterThan(0);

    // A backup taken to the end, while the writes go on.
    const before = new Map(acked);
    const finalBackup = join(backups, 'final.db');
    const result = await runDocscrib(['backup', '--data', source.dir, '--out', finalBackup]);
    expect(result.code, result.stderr).toBe(0);
    stream.on = false;
    expect(await writer, 'the writes went on during the backups').toBeNull();
    await server.stop();
    expect(integrityCheck(join(source.dir, 'docscrib.db'))).toBe('ok');
    expect(before.size).toBeGreaterThan(0);

    // Restore into a fresh data dir with the same key; every write acknowledged before the
    // backup started is there.
    const target = await tempDataDir();
    defer(target.cleanup);
    copyFileSync(join(source.dir, 'docscrib.key'), join(target.dir, 'docscrib.key'));
    chmodSync(join(target.dir, 'docscrib.key'), 0o600);
    const restored = await runDocscrib(['restore', finalBackup, '--data', target.dir]);
    expect(restored.code, restored.stderr).toBe(0);
    server = await startServer({ dataDir: target.dir });
    const again = new ApiClient(server.url);
    await again.login(user.email, user.password);
    const res = await again.request<{ clients: { id: string; profile: { name: string } }[] }>(
      'GET',
      '/api/clients',
    );
    expect(res.status).toBe(200);
    const present = new Map(res.body.clients.map((c) => [c.id, c.profile.name]));
    const lost = [...before].filter(([id, name]) => present.get(id) !== name);
    expect(lost, `acknowledged before the backup, missing after restore (seed ${SEED})`).toEqual(
      [],
    );
  });
});
