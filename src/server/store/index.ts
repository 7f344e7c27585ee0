import type { Ctx } from './db.js';
import { openKysely, parseDatabaseUrl } from './dialect.js';
import { checkKey } from './key-check.js';
import { migrate } from './migrations.js';
import type { FieldCipher, Store } from './port.js';
import { audioRepo } from './repos/audio.js';
import { auditRepo } from './repos/audit.js';
import { authSessionRepo, loginThrottleRepo, settingsRepo } from './repos/auth.js';
import { captureRepo } from './repos/captures.js';
import { clientRepo, planRepo } from './repos/clients.js';
import { consentRepo } from './repos/consents.js';
import { jobRepo } from './repos/jobs.js';
import { alertRepo } from './repos/alerts.js';
import {
  measureLinkRepo,
  measureRepo,
  measureScheduleRepo,
  rateLimitRepo,
} from './repos/measures.js';
import { noteRepo } from './repos/notes.js';
import { planVersionRepo } from './repos/plan-versions.js';
import { processNoteRepo } from './repos/process-notes.js';
import { safetyAssessmentRepo, safetyPlanRepo } from './repos/safety.js';
import { sessionRepo } from './repos/sessions.js';
import { userRepo } from './repos/users.js';
import { serialTransaction } from './util.js';

export type { FieldCipher, Store, UpdateOutcome } from './port.js';
export { parseDatabaseUrl, type DatabaseTarget } from './dialect.js';

export interface OpenStoreOptions {
  /**
   * `sqlite:<path>`, `file:<path>` or a bare path → a SQLite file (created 0600, its directory
   * 0700); `postgres://…` or `postgresql://…` → PostgreSQL.
   */
  url: string;
  /** Seals and opens the PHI columns. */
  cipher: FieldCipher;
  /** The clock for `createdAt`/`updatedAt` (tests); defaults to the system clock. */
  now?: () => Date;
}

/**
 * Open the store. Call `migrate()` before first use (the server does it at start).
 *
 * SQLite: one connection per Store; every call goes through it in turn, and each transaction
 * holds the write lock (`BEGIN IMMEDIATE`) from its start. Several processes may share the file
 * (a writer waits up to 5 s for another). Do not open two Stores on one file in one process.
 * Inside `transaction(fn)`, use only the repos passed to `fn`: calling the outer store from
 * there would wait for the transaction to end (SQLite) or run outside it (PostgreSQL).
 *
 * `transaction(fn)` runs alone on both: SQLite has one writer at a time (`BEGIN IMMEDIATE`);
 * PostgreSQL transactions first take an advisory lock, so those of all processes sharing the
 * database run one after another and a check-then-write inside one holds (see
 * `serialTransaction`). Keep them short: no slow work (password hashing, analysis) inside.
 */
export function openStore(options: OpenStoreOptions): Promise<Store> {
  const { db, kind } = openKysely(parseDatabaseUrl(options.url));
  const clock = options.now ?? (() => new Date());
  const ctx: Ctx = { db, kind, cipher: options.cipher, now: () => clock().toISOString() };
  return Promise.resolve({
    ...repos(ctx),
    transaction: (fn) => serialTransaction(ctx, (tx) => fn(repos(tx))),
    async migrate() {
      await migrate(db, kind);
      await checkKey(ctx);
    },
    close: () => db.destroy(),
  });
}

function repos(ctx: Ctx): Omit<Store, 'transaction' | 'close' | 'migrate'> {
  return {
    kind: ctx.kind,
    users: userRepo(ctx),
    authSessions: authSessionRepo(ctx),
    loginThrottle: loginThrottleRepo(ctx),
    clients: clientRepo(ctx),
    plans: planRepo(ctx),
    planVersions: planVersionRepo(ctx),
    consents: consentRepo(ctx),
    safetyAssessments: safetyAssessmentRepo(ctx),
    safetyPlans: safetyPlanRepo(ctx),
    sessions: sessionRepo(ctx),
    notes: noteRepo(ctx),
    processNotes: processNoteRepo(ctx),
    audit: auditRepo(ctx),
    settings: settingsRepo(ctx),
    captures: captureRepo(ctx),
    audio: audioRepo(ctx),
    jobs: jobRepo(ctx),
    measures: measureRepo(ctx),
    measureLinks: measureLinkRepo(ctx),
    measureSchedules: measureScheduleRepo(ctx),
    alerts: alertRepo(ctx),
    rateLimits: rateLimitRepo(ctx),
  };
}
export {
  backupDatabase,
  restoreDatabase,
  type BackupResult,
  type RestoreResult,
} from './backup.js';
