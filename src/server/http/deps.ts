import type { Store } from '../store/port.js';
import type { Config } from '../config.js';
import type { AuditLog, Clock, Logger } from '../ports.js';

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
