import type { AuditLog } from '../security/audit.js';
import type { Store } from '../store/port.js';
import type { Config } from '../config.js';

/** The time source; tests inject a fake one to check session timeouts. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** The HMAC-chained audit log (security/audit.ts). Entries hold ids, never content. */
export type { AuditLog, AuditVerifyResult } from '../security/audit.js';

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

/**
 * What the HTTP app is built from (the composition root in server/app.ts assembles it; tests
 * pass their own). No key material here: the store already holds its field cipher.
 */
export interface AppDeps {
  config: Config;
  store: Store;
  auditLog: AuditLog;
  clock: Clock;
  logger: Logger;
  /** The built web app (default: dist/web beside the package). */
  webRoot?: string;
  /** Check every JSON response against its route's schema (tests turn this on). */
  checkResponses?: boolean;
}
