import SqliteDatabase from 'better-sqlite3';
import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import {
  CompiledQuery,
  Kysely,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type SqliteDialectConfig,
} from 'kysely';
import pg from 'pg';
import type { Database, DbKind } from './db.js';

export type DatabaseTarget = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

/**
 * Where a `DATABASE_URL` points: `postgres://…` / `postgresql://…` → PostgreSQL; `sqlite:<path>`,
 * `file:<path>` or a bare path → a SQLite file (`sqlite::memory:` for an in-memory database).
 */
export function parseDatabaseUrl(url: string): DatabaseTarget {
  if (/^postgres(ql)?:\/\//i.test(url)) return { kind: 'postgres', url };
  let path = url.replace(/^(sqlite|file):(\/\/(?=\/))?/i, '');
  if (path === '') path = ':memory:';
  return { kind: 'sqlite', path: path === ':memory:' ? path : resolve(path) };
}

export function openKysely(target: DatabaseTarget): { db: Kysely<Database>; kind: DbKind } {
  if (target.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: target.url, max: 10 });
    // An idle client that loses its server is dropped by the pool; the next query reconnects.
    // Without a listener the 'error' event would crash the process.
    pool.on('error', () => undefined);
    return {
      db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }),
      kind: 'postgres',
    };
  }
  const sqlite = openSqliteFile(target.path);
  return {
    db: new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: sqlite }) }),
    kind: 'sqlite',
  };
}

/**
 * Open (creating if needed) a SQLite file with the pragmas DocScrib relies on: WAL journal,
 * synchronous=FULL (a committed write survives power loss), foreign keys, and a busy timeout so
 * that a second process waits for the write lock instead of failing. The file is created 0600 in a
 * directory created 0700.
 */
export function openSqliteFile(path: string, options: { readonly?: boolean } = {}) {
  if (path !== ':memory:' && options.readonly !== true) {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    closeSync(openSync(path, 'a', 0o600));
    chmodSync(path, 0o600);
  }
  const db = new SqliteDatabase(path, {
    readonly: options.readonly === true,
    fileMustExist: options.readonly === true,
  });
  db.pragma('busy_timeout = 5000');
  if (options.readonly !== true) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
  }
  db.pragma('foreign_keys = ON');
  return db;
}

/**
 * Kysely's SQLite dialect, except that transactions start with `BEGIN IMMEDIATE`: the write lock
 * is taken up front, so a transaction that reads then writes (the audit chain, migrations) never
 * fails half-way with SQLITE_BUSY when another process writes at the same time; it waits
 * (busy_timeout) instead.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}
