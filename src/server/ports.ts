import type { AuditEntry, AuditVerifyResult, NewAuditEntry } from './domain/schemas.js';
import type { AuditRepo } from './store/port.js';

/**
 * The ports the services and the HTTP app are built from, besides the store (store/port.ts): the
 * time source, the operational log and the audit log. The composition root (server/app.ts) passes
 * the real ones; tests pass their own.
 */

/** The time source; tests inject a fake one (session timeouts, throttle windows, audit times). */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Where the server writes its operational log lines (never PHI). */
export interface Logger {
  info(line: string): void;
  error(line: string): void;
}

export const consoleLogger: Logger = {
  info: (line) => {
    process.stdout.write(`${line}\n`);
  },
  error: (line) => {
    process.stderr.write(`${line}\n`);
  },
};

/** What `AuditLog.record` takes: an entry without its sequence number and MAC; `at` defaults to now. */
export type AuditInput = Omit<NewAuditEntry, 'at'> & { at?: string };

/**
 * The append-only, HMAC-chained audit log (security/audit.ts implements it). Entries hold ids,
 * never content.
 */
export interface AuditLog {
  /**
   * Append one entry. With `through` (a transaction's `tx.audit`), the entry is appended inside
   * that transaction, so it commits or rolls back with the write it records; without it, the
   * log's own repo appends it in a transaction of its own. The chain is the same either way.
   */
  record(entry: AuditInput, through?: Pick<AuditRepo, 'append'>): Promise<AuditEntry>;
  verify(): Promise<AuditVerifyResult>;
}
