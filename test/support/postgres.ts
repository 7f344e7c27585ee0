/**
 * A throwaway PostgreSQL cluster for tests: `initdb` into a temp dir and `pg_ctl start` on a free
 * loopback port (as the `postgres` user when running as root, since initdb refuses root), with
 * fsync off. The unit project's global setup starts one (postgres-global-setup.ts); each test file
 * creates its own databases with `usePostgres()` and drops them afterwards.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, inject } from 'vitest';

export interface PostgresCluster {
  /** Superuser URL of the `postgres` database (for creating test databases). */
  url: string;
  stop(): void;
}

export const SKIP_PG_ENV = 'DOCSCRIB_TEST_SKIP_PG';

/** The directory holding initdb, pg_ctl and postgres, or a clear error naming the package. */
export function findPostgresBinaries(): string {
  const candidates: string[] = [];
  const fromConfig = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  if (fromConfig.status === 0) candidates.push(fromConfig.stdout.trim());
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => join(root, v, 'bin')));
  }
  const found = candidates.find((dir) =>
    ['initdb', 'pg_ctl', 'postgres'].every((b) => existsSync(join(dir, b))),
  );
  if (found === undefined) {
    throw new Error(
      'PostgreSQL server binaries (initdb, pg_ctl, postgres) were not found: the store contract ' +
        'tests need them. Install the Debian package `postgresql` (apt-get install postgresql), ' +
        `or set ${SKIP_PG_ENV}=1 to skip the PostgreSQL tests.`,
    );
  }
  return found;
}

export async function startPostgresCluster(): Promise<PostgresCluster> {
  const bin = findPostgresBinaries();
  const dir = mkdtempSync(join(tmpdir(), 'docscrib-pg-'));
  const data = join(dir, 'data');
  const sockets = join(dir, 'sockets');
  mkdirSync(sockets);
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
    chownSync(sockets, uid, gid);
  }
  const run = (tool: string, args: string[]) => {
    const [cmd, argv] = asRoot
      ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]]
      : [join(bin, tool), args];
    const r = spawnSync(cmd, argv, {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, LC_ALL: 'C' },
    });
    if (r.status !== 0) {
      const log = existsSync(join(dir, 'log')) ? readFileSync(join(dir, 'log'), 'utf8') : '';
      throw new Error(`${tool} failed (exit ${r.status}):\n${r.stdout}${r.stderr}${log}`);
    }
  };
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    process.off('exit', stop);
    spawnSync(
      asRoot ? 'runuser' : join(bin, 'pg_ctl'),
      [
        ...(asRoot ? ['-u', 'postgres', '--', join(bin, 'pg_ctl')] : []),
        'stop',
        '-D',
        data,
        '-m',
        'immediate',
        '-w',
      ],
      { cwd: dir },
    );
    rmSync(dir, { recursive: true, force: true });
  };
  // Also when the test runner exits without its teardown (e.g. Ctrl-C): no stray servers.
  process.once('exit', stop);
  try {
    run('initdb', [
      '-D',
      data,
      '-U',
      'postgres',
      '-A',
      'trust',
      '-E',
      'UTF8',
      '--locale=C',
      '--no-sync',
      '--no-instructions',
    ]);
    const port = await freePort();
    const options = `-k ${sockets} -p ${port} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
    run('pg_ctl', ['start', '-D', data, '-l', join(dir, 'log'), '-w', '-t', '30', '-o', options]);
    return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, stop };
  } catch (e) {
    stop();
    throw e;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (typeof address === 'object' && address !== null) resolve(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

/** Create an empty database on the cluster; returns its URL. */
export async function createDatabase(clusterUrl: string): Promise<{ url: string; name: string }> {
  const name = `t_${randomBytes(8).toString('hex')}`;
  await withClient(clusterUrl, (c) => c.query(`create database ${name}`));
  const url = new URL(clusterUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), name };
}

export async function dropDatabase(clusterUrl: string, name: string): Promise<void> {
  await withClient(clusterUrl, (c) => c.query(`drop database if exists ${name} with (force)`));
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * For a test file: the cluster's URL (null when skipped with DOCSCRIB_TEST_SKIP_PG=1) and
 * `fresh()`, which creates a database that is dropped when the file's tests are done.
 */
export function usePostgres(): { available: boolean; fresh(): Promise<string> } {
  const clusterUrl = inject('postgresUrl');
  const created: string[] = [];
  afterAll(async () => {
    if (clusterUrl === null) return;
    for (const name of created) await dropDatabase(clusterUrl, name);
  });
  return {
    available: clusterUrl !== null,
    async fresh() {
      if (clusterUrl === null) throw new Error(`PostgreSQL tests are skipped (${SKIP_PG_ENV}=1)`);
      const db = await createDatabase(clusterUrl);
      created.push(db.name);
      return db.url;
    },
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The test cluster's superuser URL; null when DOCSCRIB_TEST_SKIP_PG=1. */
    postgresUrl: string | null;
  }
}
