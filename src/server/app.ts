import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { DocscribError } from '../core/errors.js';
import type { Config } from './config.js';
import { loadFhirSchema } from './export/fhir-validate.js';
import { createApp } from './http/app.js';
import type { AppDeps } from './http/deps.js';
import { consoleLogger, systemClock, type AuditLog, type Clock, type Logger } from './ports.js';
import type { HttpEnv } from './http/session.js';
import { createAuditLog } from './security/audit.js';
import { createFieldCipher } from './security/envelope.js';
import { deriveKey, KEY_ENV_VAR, KEY_FILE_NAME, KEY_INFO, loadMasterKey } from './security/keys.js';
import { openStore } from './store/index.js';
import type { Store } from './store/port.js';

/**
 * The composition root: configuration → master key → field cipher → store (migrated) → audit log
 * → HTTP app. `docscrib serve`, `docscrib user add` and the tests build the server through it;
 * `docscrib audit verify` uses its first half (`openKeysAndStore`); nothing else reads keys or
 * opens the database.
 */
export interface Runtime {
  readonly config: Config;
  readonly store: Store;
  readonly auditLog: AuditLog;
  readonly deps: AppDeps;
  readonly app: Hono<HttpEnv>;
  /** Close the store and wipe the audit HMAC key (after the HTTP server has stopped). */
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

export interface KeysAndStoreOptions {
  /** Run the store's migrations (the server); false for a read-only check (`audit verify`). */
  migrate: boolean;
  /**
   * Create the key file on first run when neither DOCSCRIB_ENCRYPTION_KEY nor a key file is there
   * (the server); false: refuse with a `usage` error instead, creating nothing.
   */
  createKey: boolean;
  clock?: Clock;
  /** Called when a new key file was created on first run. */
  onKeyCreated?: (path: string) => void;
}

/** The key-dependent half of the runtime: the store (with its field cipher) and the audit log. */
export interface KeysAndStore {
  readonly store: Store;
  readonly auditLog: AuditLog;
  /** Close the store and wipe the audit log's HMAC key. */
  close(): Promise<void>;
}

/**
 * Configuration → master key → field cipher → store (migrated when `migrate`) → audit log (its
 * HMAC key derived from the master key, which is wiped once both keys are derived).
 */
export async function openKeysAndStore(
  config: Config,
  opts: KeysAndStoreOptions,
): Promise<KeysAndStore> {
  const clock = opts.clock ?? systemClock;
  const env: Record<string, string | undefined> = {};
  if (config.encryptionKey !== undefined) env[KEY_ENV_VAR] = config.encryptionKey;
  if (!opts.createKey && config.encryptionKey === undefined) {
    const keyFile = join(config.dataDir, KEY_FILE_NAME);
    if (!existsSync(keyFile)) {
      throw new DocscribError(
        'usage',
        `no encryption key: ${KEY_ENV_VAR} is not set and there is no key file ${keyFile}`,
        `pass --data with the data directory the server uses, or set ${KEY_ENV_VAR} as for the server`,
      );
    }
  }
  const masterKey = await loadMasterKey({
    env,
    dataDir: config.dataDir,
    ...(opts.onKeyCreated ? { onCreate: opts.onKeyCreated } : {}),
  });
  const cipher = createFieldCipher(masterKey);
  const hmacKey = deriveKey(masterKey, KEY_INFO.auditHmac);
  masterKey.fill(0);
  let store: Store;
  try {
    store = await openStore({ url: config.database.url, cipher, now: () => clock.now() });
  } catch (e) {
    hmacKey.fill(0);
    throw e;
  }
  if (opts.migrate) {
    try {
      await store.migrate();
    } catch (e) {
      hmacKey.fill(0);
      await store.close();
      throw e;
    }
  }
  const auditLog = createAuditLog(store.audit, hmacKey, clock);
  return {
    store,
    auditLog,
    async close() {
      hmacKey.fill(0);
      await store.close();
    },
  };
}

export async function openRuntime(config: Config, opts: RuntimeOptions = {}): Promise<Runtime> {
  const clock = opts.clock ?? systemClock;
  // The FHIR R4 schema takes a few hundred ms to load: now, not on the first FHIR export.
  loadFhirSchema();
  const opened = await openKeysAndStore(config, {
    migrate: true,
    createKey: true,
    clock,
    ...(opts.onKeyCreated ? { onKeyCreated: opts.onKeyCreated } : {}),
  });
  const { store, auditLog } = opened;
  const deps: AppDeps = {
    config,
    store,
    auditLog,
    clock,
    logger: opts.logger ?? consoleLogger,
    ...(opts.webRoot !== undefined ? { webRoot: opts.webRoot } : {}),
    ...(opts.checkResponses !== undefined ? { checkResponses: opts.checkResponses } : {}),
  };
  return {
    config,
    store,
    auditLog,
    deps,
    app: createApp(deps),
    close: () => opened.close(),
  };
}
