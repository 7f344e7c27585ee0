/** Shared by the crash tests: the run's seed, clean-ups after the file, a database check. */
import Database from 'better-sqlite3';
import { afterAll } from 'vitest';

/** This run's seed: DOCSCRIB_CRASH_SEED when set (to repeat a failure), else a random one. */
export function crashSeed(): number {
  return Number(process.env.DOCSCRIB_CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));
}

/**
 * For the calling `describe`: returns `defer(cleanup)`; every cleanup deferred runs in
 * `afterAll`, the last deferred first.
 */
export function useCleanups(): (cleanup: () => Promise<void>) => void {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });
  return (cleanup) => {
    cleanups.push(cleanup);
  };
}

/** `PRAGMA integrity_check` of a SQLite database file ('ok' when sound). */
export function integrityCheck(dbFile: string): string {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    return String(db.pragma('integrity_check', { simple: true }));
  } finally {
    db.close();
  }
}
