/** Shared by the store's tests only (excluded from the build). */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { usePostgres } from '../../../test/support/postgres.js';
import { useTempDir } from '../../adapters/test-helpers.js';
import type { Note } from '../../core/index.js';
import { scoreInstrument } from '../../core/measures/score.js';
import type {
  AuditEntry,
  ClientProfile,
  NewAuditEntry,
  SessionDetails,
} from '../domain/schemas.js';
import { openStore } from './index.js';
import type { FieldCipher, NewAdministration, Store } from './port.js';

/**
 * A simple AES-256-GCM FieldCipher for tests (the real one is security/envelope.ts):
 * `t1.<iv>.<tag>.<ciphertext>` in base64url, AAD bound.
 */
export function testCipher(key: Buffer = randomBytes(32)): FieldCipher {
  return {
    seal(plaintext, aad) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(aad));
      const ct = Buffer.concat([c.update(plaintext, 'utf8'), c.final()]);
      return ['t1', iv, c.getAuthTag(), ct].map((p) => p.toString('base64url')).join('.');
    },
    open(sealed, aad) {
      const [v, iv, tag, ct] = sealed.split('.');
      if (v !== 't1' || iv === undefined || tag === undefined || ct === undefined) {
        throw new Error('test cipher: not a sealed value');
      }
      const d = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'))
        .setAAD(Buffer.from(aad))
        .setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([d.update(Buffer.from(ct, 'base64url')), d.final()]).toString('utf8');
    },
    sealBytes(plaintext, aad) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(aad));
      const ct = Buffer.concat([c.update(plaintext), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), ct]);
    },
    openBytes(sealed, aad) {
      const d = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12))
        .setAAD(Buffer.from(aad))
        .setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([d.update(sealed.subarray(28)), d.final()]);
    },
    lookupKey(value, purpose) {
      return createHmac('sha256', key)
        .update(JSON.stringify([purpose, value]))
        .digest('hex');
    },
  };
}

/** A chain MAC like the audit log's: HMAC over the previous MAC and this entry's fields. */
export function chainMac(key: Buffer, prevMac: string | null, e: NewAuditEntry & { seq: number }) {
  const fields = [prevMac ?? '', e.seq, e.at, e.actorId ?? '', e.action, e.recordType, e.recordId];
  return createHmac('sha256', key).update(JSON.stringify(fields)).digest('hex');
}

/** Recompute a chain; returns the seq of the first bad entry, or null when all are good. */
export function firstBrokenLink(key: Buffer, entries: readonly AuditEntry[]): number | null {
  let prev: string | null = null;
  let expectedSeq = 1;
  for (const e of entries) {
    if (e.seq !== expectedSeq || e.mac !== chainMac(key, prev, e)) return e.seq;
    prev = e.mac;
    expectedSeq++;
  }
  return null;
}

export const rnd = (): string => randomBytes(6).toString('hex');

/** A client profile with a distinctive name, so tests can look for it in raw rows. */
export function profile(name = `Zyxwvut Qarlsson ${rnd()}`): ClientProfile {
  return {
    name,
    dateOfBirth: '1980-02-03',
    identifiers: [{ system: 'MRN', value: rnd() }],
    diagnoses: [{ code: 'F41.1', description: 'Generalized anxiety disorder' }],
    presentingConcerns: ['anxiety'],
    preferences: '',
    culturalConsiderations: '',
  };
}

export function details(date = '2025-03-04', startTime: string | null = '10:00'): SessionDetails {
  return {
    date,
    startTime,
    endTime: null,
    serviceType: 'individual',
    location: 'telehealth',
    telehealthPlatform: 'Doxy.me',
    consentToRecord: true,
  };
}

export function noteBody(text = `Client reported ${rnd()} improvement.`): Note {
  return {
    schemaVersion: 1,
    format: 'soap',
    header: { start: 0, end: 3000, durationMinutes: 50, cpt: '90834' },
    sections: [
      {
        id: 'subjective',
        heading: 'Subjective',
        sentences: [{ text, kind: 'clinician', evidence: [] }],
      },
    ],
    interventions: [],
  };
}

/** A clinician (with a supervisor when asked), a client, a session and a draft note. */
export async function seed(store: Store, options: { supervised?: boolean } = {}) {
  const supervisor = options.supervised ? await user(store, 'supervisor') : null;
  const clinician = await user(store, 'clinician', supervisor?.id ?? null);
  const client = await store.clients.create(clinician.id, profile());
  const session = await store.sessions.create({
    clientId: client.id,
    clinicianId: clinician.id,
    details: details(),
  });
  const note = await store.notes.create({
    sessionId: session.id,
    clientId: client.id,
    authorId: clinician.id,
    format: 'soap',
    body: noteBody(),
    review: [],
    cosignRequired: supervisor !== null,
  });
  return { supervisor, clinician, client, session, note };
}

export async function user(
  store: Store,
  role: 'admin' | 'clinician' | 'supervisor' = 'clinician',
  supervisorId: string | null = null,
) {
  const r = await store.users.create({
    email: `u-${rnd()}@example.org`,
    name: `User ${rnd()}`,
    role,
    supervisorId,
    passwordHash: `scrypt$${rnd()}`,
  });
  if (!r.ok) throw new Error(`could not create user: ${r.reason}`);
  return r.value;
}

/** A PHQ-9 administration to store (scored from the answers), clinician-entered by default. */
export function administration(
  clientId: string,
  answers: (number | null)[],
  at: string,
  extra: Partial<NewAdministration> = {},
): NewAdministration {
  return {
    clientId,
    instrument: 'phq9',
    answers,
    score: scoreInstrument('phq9', answers),
    administeredAt: at,
    source: 'clinician',
    sessionId: null,
    enteredBy: null,
    linkId: null,
    ...extra,
  };
}

// ── Contract targets: the same tests against SQLite and PostgreSQL ──────────────────────────

/** One database for a contract: open stores on it, and read or write its rows directly. */
export interface ContractDatabase {
  open(): Promise<Store>;
  /** Raw SQL with `?` placeholders, bypassing the store (to inspect or tamper with rows). */
  raw(query: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
}

export interface ContractTarget {
  /** A new, empty database. */
  fresh(): Promise<ContractDatabase>;
  /** Several Store instances may share one database (false for SQLite in one process). */
  multiInstance: boolean;
}

/** SQLite: a real file per database in the temp dir `dir()`. */
function sqliteTarget(dir: () => string): ContractTarget {
  return {
    multiInstance: false,
    fresh() {
      const path = join(dir(), `${rnd()}.db`);
      const cipher = testCipher();
      return Promise.resolve({
        open: () => openStore({ url: `sqlite:${path}`, cipher }),
        raw(query, params = []) {
          const conn = new SqliteDatabase(path);
          try {
            const stmt = conn.prepare(query);
            if (stmt.reader) return Promise.resolve(stmt.all(params) as Record<string, unknown>[]);
            stmt.run(params);
            return Promise.resolve([]);
          } finally {
            conn.close();
          }
        },
      });
    },
  };
}

/** PostgreSQL: a new database per `fresh()` on the test cluster (test/support/postgres.ts). */
function postgresTarget(postgres: ReturnType<typeof usePostgres>): ContractTarget {
  return {
    multiInstance: true,
    async fresh() {
      const url = await postgres.fresh();
      const cipher = testCipher();
      return {
        open: () => openStore({ url, cipher }),
        async raw(query, params = []) {
          const client = new pg.Client({ connectionString: url });
          await client.connect();
          try {
            let i = 0;
            const text = query.replace(/\?/g, () => `$${++i}`);
            return (await client.query<Record<string, unknown>>(text, params)).rows;
          } finally {
            await client.end();
          }
        },
      };
    },
  };
}

/**
 * Define `contract` once per database: `contract('sqlite', …)`, then `contract('postgres', …)`
 * unless DOCSCRIB_TEST_SKIP_PG=1 (a skipped `<title>: postgres` suite says so). Call at the top
 * level of a test file: it registers the temp dir's and the test databases' clean-up.
 */
export function forEachDatabase(
  title: string,
  contract: (name: 'sqlite' | 'postgres', target: () => ContractTarget) => void,
): void {
  const tmp = useTempDir('docscrib-store-');
  const postgres = usePostgres();
  contract('sqlite', () => sqliteTarget(tmp));
  if (postgres.available) contract('postgres', () => postgresTarget(postgres));
  else describe.skip(`${title}: postgres (DOCSCRIB_TEST_SKIP_PG=1)`, () => undefined);
}

/**
 * A fresh, migrated database for the enclosing describe block, closed after it: `db()` and
 * `store()` are valid inside tests and hooks.
 */
export function useContractStore(target: () => ContractTarget): {
  db: () => ContractDatabase;
  store: () => Store;
} {
  let db: ContractDatabase | undefined;
  let store: Store | undefined;
  beforeAll(async () => {
    db = await target().fresh();
    store = await db.open();
    await store.migrate();
  });
  afterAll(async () => {
    await store?.close();
  });
  const ready = <T>(v: T | undefined): T => {
    if (v === undefined) throw new Error('useContractStore: used outside a test');
    return v;
  };
  return { db: () => ready(db), store: () => ready(store) };
}

/**
 * Several Store instances on one fresh database (`count` where the target allows several, else
 * one), migrated through the first; `body` runs with them, then all are closed.
 */
export async function withInstances<T>(
  target: () => ContractTarget,
  count: number,
  body: (stores: [Store, ...Store[]], db: ContractDatabase) => Promise<T>,
): Promise<T> {
  const db = await target().fresh();
  const first = await db.open();
  const stores: [Store, ...Store[]] = [first];
  try {
    if (target().multiInstance) for (let i = 1; i < count; i++) stores.push(await db.open());
    await first.migrate();
    return await body(stores, db);
  } finally {
    await Promise.all(stores.map((s) => s.close()));
  }
}
