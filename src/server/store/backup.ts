import SqliteDatabase from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { DocscribError } from '../../core/errors.js';
import { parseDatabaseUrl } from './dialect.js';
import { MIGRATIONS, MIGRATIONS_TABLE } from './migrations.js';

/**
 * Backup and restore of the SQLite database. A backup is one self-contained SQLite file (no -wal),
 * made with SQLite's online backup API while the server keeps running, verified before it is
 * kept. Its PHI columns stay encrypted: it opens only with the same key (key file or
 * DOCSCRIB_ENCRYPTION_KEY), which must be kept apart from it. PostgreSQL: use pg_dump/pg_restore.
 */

export interface BackupResult {
  path: string;
  bytes: number;
}

const PG_HINT =
  'Back up PostgreSQL with its own tools: pg_dump --format=custom --file=docscrib.dump "$DATABASE_URL", ' +
  'and restore with pg_restore --clean --dbname="$DATABASE_URL" docscrib.dump.';

function sqlitePath(database: string, verb: 'backup' | 'restore'): string {
  const target = parseDatabaseUrl(database);
  if (target.kind === 'postgres') {
    throw new DocscribError(
      'usage',
      `docscrib ${verb} works on the SQLite database only; this configuration uses PostgreSQL.`,
      PG_HINT,
    );
  }
  if (target.path === ':memory:') {
    throw new DocscribError(
      'usage',
      `An in-memory database cannot be ${verb === 'backup' ? 'backed up' : 'restored'}.`,
      'Use a database file.',
    );
  }
  return target.path;
}

/**
 * Copy the live SQLite database (`database`: a DATABASE_URL or a path) to `dest`, which must not
 * exist. Safe while the server runs: the online backup API copies a consistent snapshot.
 */
export async function backupDatabase(database: string, dest: string): Promise<BackupResult> {
  const source = sqlitePath(database, 'backup');
  if (!existsSync(source)) {
    throw new DocscribError(
      'usage',
      `There is no database at ${source}.`,
      'Check --data (or DOCSCRIB_DATA_DIR / DATABASE_URL).',
    );
  }
  if (existsSync(dest)) {
    throw new DocscribError(
      'usage',
      `${dest} already exists; a backup never overwrites a file.`,
      'Choose another --out file.',
    );
  }
  mkdirSync(dirname(dest), { recursive: true, mode: 0o700 });
  const tmp = tempBeside(dest);
  const db = new SqliteDatabase(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    await db.backup(tmp);
    chmodSync(tmp, 0o600);
    // One self-contained file: the copy leaves WAL mode, then is checked like a restore source.
    const copy = new SqliteDatabase(tmp);
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    verifyDatabaseFile(tmp, dest);
    renameSync(tmp, dest);
  } finally {
    db.close();
    removeDatabaseFiles(tmp);
  }
  return { path: dest, bytes: statSync(dest).size };
}

export interface RestoreResult {
  path: string;
  /** Where the database that was replaced (with --force) was moved, if there was one. */
  previous: string | null;
}

/**
 * Replace the SQLite database (`database`: a DATABASE_URL or a path) with the backup `src`, after
 * checking it (`PRAGMA integrity_check` is ok, it has DocScrib's migrations, none newer than this
 * version). Run it while the server is STOPPED. An existing database is replaced only with
 * `force`, and is then kept beside it as `<name>.before-restore-<time>` (with its -wal/-shm).
 */
export function restoreDatabase(
  src: string,
  database: string,
  options: { force?: boolean } = {},
): RestoreResult {
  const dest = sqlitePath(database, 'restore');
  if (!existsSync(src)) {
    throw new DocscribError(
      'usage',
      `There is no backup file at ${src}.`,
      'Give the path of a file made by docscrib backup.',
    );
  }
  if (existsSync(dest) && options.force !== true) {
    throw new DocscribError(
      'usage',
      `A database already exists at ${dest}.`,
      'Stop the server, then rerun with --force to replace it (the current database is kept beside it), or restore into another --data directory.',
    );
  }
  mkdirSync(dirname(dest), { recursive: true, mode: 0o700 });
  const tmp = tempBeside(dest);
  try {
    copyFileSync(src, tmp);
    chmodSync(tmp, 0o600);
    verifyDatabaseFile(tmp, src);
    const db = new SqliteDatabase(tmp);
    try {
      db.pragma('journal_mode = WAL');
    } finally {
      db.close();
    }
    let previous: string | null = null;
    if (existsSync(dest)) {
      previous = `${dest}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      for (const suffix of ['', '-wal', '-shm']) {
        if (existsSync(dest + suffix)) renameSync(dest + suffix, previous + suffix);
      }
    }
    for (const suffix of ['-wal', '-shm']) rmSync(dest + suffix, { force: true });
    renameSync(tmp, dest);
    return { path: dest, previous };
  } finally {
    removeDatabaseFiles(tmp);
  }
}

/**
 * Throws a clear error unless `path` is an intact DocScrib database this version can open. Opens
 * it read-write (a WAL file may need its -shm): use it on a copy.
 */
function verifyDatabaseFile(path: string, shownAs: string = path): void {
  const invalid = (why: string) =>
    new DocscribError(
      'input.format_unknown',
      `${shownAs} is not a usable DocScrib backup: ${why}.`,
      'Use a file made by docscrib backup; keep several backups in case one is damaged.',
    );
  let db: SqliteDatabase.Database;
  try {
    db = new SqliteDatabase(path, { fileMustExist: true });
  } catch {
    throw invalid('it cannot be opened as a SQLite database');
  }
  try {
    let check: unknown;
    try {
      check = db.pragma('integrity_check', { simple: true });
    } catch {
      throw invalid('it is not a SQLite database');
    }
    if (check !== 'ok') throw invalid('the SQLite integrity check failed');
    const table = db
      .prepare("select name from sqlite_master where type = 'table' and name = ?")
      .get(MIGRATIONS_TABLE);
    if (table === undefined) throw invalid('it has no DocScrib tables');
    const names = (
      db.prepare(`select name from ${MIGRATIONS_TABLE}`).all() as { name: string }[]
    ).map((r) => r.name);
    const known = new Set(MIGRATIONS.map((m) => m.name));
    if (names.some((n) => !known.has(n)))
      throw invalid('it comes from a newer DocScrib version (update DocScrib first)');
  } finally {
    db.close();
  }
}

function tempBeside(path: string): string {
  return join(dirname(path), `.${basename(path)}.tmp-${randomBytes(4).toString('hex')}`);
}

function removeDatabaseFiles(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true });
}
