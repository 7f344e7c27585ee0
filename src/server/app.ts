import type { Hono } from 'hono';
import type { Config } from './config.js';
import { loadFhirSchema } from './export/fhir-validate.js';
import { createApp } from './http/app.js';
import type { AppDeps } from './http/deps.js';
import { consoleLogger, systemClock, type AuditLog, type Clock, type Logger } from './ports.js';
import type { HttpEnv } from './http/session.js';
import { createAuditLog } from './security/audit.js';
import { createFieldCipher } from './security/envelope.js';
import { deriveKey, KEY_INFO, loadMasterKey } from './security/keys.js';
import { openStore } from './store/index.js';
import type { Store } from './store/port.js';

/**
 * The composition root: configuration → master key → field cipher → store (migrated) → audit log
 * → HTTP app. `docscrib serve`, `docscrib user add` and the tests build the server through it;
 * nothing else reads keys or opens the database.
 */
export interface Runtime {
  readonly config: Config;
  readonly store: Store;
  readonly auditLog: AuditLog;
  readonly deps: AppDeps;
  readonly app: Hono<HttpEnv>;
  /** Close the store (after the HTTP server has stopped). */
  close(): Promise<void>;
}

export interface RuntimeOptions {
  logger?: Logger;
  clock?: Clock;
  /** Called when a new key file was created on first run. */
  onKeyCreated?: (path: string) => void;
  /** The built web app directory (default dist/web). */
  webRoot?: string;
  checkResponses?: boolean;
}

export async function openRuntime(config: Config, opts: RuntimeOptions = {}): Promise<Runtime> {
  const clock = opts.clock ?? systemClock;
  // The FHIR R4 schema takes a few hundred ms to load: now, not on the first FHIR export.
  loadFhirSchema();
  const env: Record<string, string | undefined> = {};
  if (config.encryptionKey !== undefined) env['DOCSCRIB_ENCRYPTION_KEY'] = config.encryptionKey;
  const masterKey = await loadMasterKey({
    env,
    dataDir: config.dataDir,
    ...(opts.onKeyCreated ? { onCreate: opts.onKeyCreated } : {}),
  });
  const cipher = createFieldCipher(masterKey);
  const store = await openStore({ url: config.database.url, cipher, now: () => clock.now() });
  try {
    await store.migrate();
  } catch (e) {
    await store.close();
    throw e;
  }
  const auditLog = createAuditLog(store.audit, deriveKey(masterKey, KEY_INFO.auditHmac), clock);
  masterKey.fill(0);
  const deps: AppDeps = {
    config,
    store,
    auditLog,
    clock,
    logger: opts.logger ?? consoleLogger,
    ...(opts.webRoot !== undefined ? { webRoot: opts.webRoot } : {}),
    ...(opts.checkResponses !== undefined ? { checkResponses: opts.checkResponses } : {}),
  };
  return { config, store, auditLog, deps, app: createApp(deps), close: () => store.close() };
}
