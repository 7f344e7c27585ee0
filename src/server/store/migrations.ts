import { sql, type Kysely } from 'kysely';
import type { Database, DbKind } from './db.js';
import { up0005Measures } from './migrations/0005-measures.js';
import { up0006CareRecords } from './migrations/0006-care-records.js';
import { up0007AlertReads } from './migrations/0007-alert-reads.js';
import { withOrd } from './migrations/util.js';

/**
 * Schema migrations, in order. Each runs once, inside the migration transaction, and is recorded
 * by name in `docscrib_migrations`. Never edit a released migration: add a new one.
 */
export interface Migration {
  readonly name: string;
  up(db: Kysely<Database>, kind: DbKind): Promise<void>;
}

export const MIGRATIONS_TABLE = 'docscrib_migrations';

/** Any constant; the key of the PostgreSQL advisory lock that serializes migrations. */
const MIGRATION_LOCK_KEY = 0x0d0c5c1b;

/**
 * Apply pending migrations. Idempotent; safe when several processes start at once: the whole run
 * is one transaction that first takes a lock (PostgreSQL: `pg_advisory_xact_lock`; SQLite:
 * `BEGIN IMMEDIATE`, the database write lock), so a second process waits, then finds nothing to do.
 */
export async function migrate(db: Kysely<Database>, kind: DbKind): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    if (kind === 'postgres') {
      await sql`select pg_advisory_xact_lock(${sql.lit(MIGRATION_LOCK_KEY)})`.execute(trx);
    }
    await trx.schema
      .createTable(MIGRATIONS_TABLE)
      .ifNotExists()
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('applied_at', 'text', (c) => c.notNull())
      .execute();
    const done = new Set(
      (await trx.selectFrom(MIGRATIONS_TABLE).select('name').execute()).map((r) => r.name),
    );
    const applied: string[] = [];
    for (const m of MIGRATIONS) {
      if (done.has(m.name)) continue;
      await m.up(trx, kind);
      await trx
        .insertInto(MIGRATIONS_TABLE)
        .values({ name: m.name, applied_at: new Date().toISOString() })
        .execute();
      applied.push(m.name);
    }
    return applied;
  });
}

export const MIGRATIONS: readonly Migration[] = [
  {
    name: '0001_initial',
    async up(db, kind) {
      const s = db.schema;
      await s
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('email', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('supervisor_id', 'text', (c) => c.references('users.id'))
        .addColumn('mfa_enabled', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('totp_secret', 'text')
        .addColumn('totp_last_step', 'integer')
        .execute();
      await s.createIndex('users_supervisor').on('users').column('supervisor_id').execute();

      await s
        .createTable('auth_sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('csrf_token', 'text', (c) => c.notNull())
        .addColumn('mfa_verified', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_seen_at', 'text', (c) => c.notNull())
        .execute();
      await s.createIndex('auth_sessions_user').on('auth_sessions').column('user_id').execute();

      await s
        .createTable('login_failures')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      await s
        .createIndex('login_failures_key_at')
        .on('login_failures')
        .columns(['key', 'at'])
        .execute();

      await withOrd(
        s
          .createTable('clients')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('clinician_id', 'text', (c) => c.notNull().references('users.id'))
          .addColumn('profile', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull()),
        kind,
      ).execute();
      await s
        .createIndex('clients_clinician')
        .on('clients')
        .columns(['clinician_id', 'created_at'])
        .execute();

      await s
        .createTable('plans')
        .addColumn('client_id', 'text', (c) => c.primaryKey().references('clients.id'))
        .addColumn('plan', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      await withOrd(
        s
          .createTable('sessions')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
          .addColumn('clinician_id', 'text', (c) => c.notNull().references('users.id'))
          .addColumn('details', 'text', (c) => c.notNull())
          .addColumn('transcript', 'text')
          .addColumn('analysis', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull()),
        kind,
      ).execute();
      await s
        .createIndex('sessions_client')
        .on('sessions')
        .columns(['client_id', 'created_at'])
        .execute();

      await withOrd(
        s
          .createTable('notes')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id'))
          .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
          .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
          .addColumn('format', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('body', 'text', (c) => c.notNull())
          .addColumn('review', 'text', (c) => c.notNull())
          .addColumn('version', 'integer', (c) => c.notNull())
          .addColumn('signed_at', 'text')
          .addColumn('signed_by', 'text', (c) => c.references('users.id'))
          .addColumn('cosign_required', 'integer', (c) => c.notNull())
          .addColumn('cosigned_at', 'text')
          .addColumn('cosigned_by', 'text', (c) => c.references('users.id'))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull()),
        kind,
      ).execute();
      await s
        .createIndex('notes_client')
        .on('notes')
        .columns(['client_id', 'created_at'])
        .execute();
      await s.createIndex('notes_session').on('notes').column('session_id').execute();

      await withOrd(
        s
          .createTable('addenda')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('note_id', 'text', (c) => c.notNull().references('notes.id'))
          .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
          .addColumn('text', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull()),
        kind,
      ).execute();
      await s.createIndex('addenda_note').on('addenda').column('note_id').execute();

      await withOrd(
        s
          .createTable('process_notes')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
          .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
          .addColumn('session_id', 'text', (c) => c.references('sessions.id'))
          .addColumn('text', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull()),
        kind,
      ).execute();
      await s
        .createIndex('process_notes_author_client')
        .on('process_notes')
        .columns(['author_id', 'client_id'])
        .execute();

      await s
        .createTable('audit_log')
        .addColumn('seq', kind === 'postgres' ? 'bigint' : 'integer', (c) => c.primaryKey())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('record_type', 'text', (c) => c.notNull())
        .addColumn('record_id', 'text')
        .addColumn('mac', 'text', (c) => c.notNull())
        .execute();

      await s
        .createTable('settings')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
    },
  },
  {
    // A supervisor proposed by an administrator waits here until the supervisee accepts it.
    name: '0002_pending_supervisor',
    async up(db) {
      await db.schema
        .alterTable('users')
        .addColumn('pending_supervisor_id', 'text', (c) => c.references('users.id'))
        .execute();
    },
  },
  {
    // Audio (issue 4): a session's capture state, its encrypted audio chunks, and the job queue
    // the transcription workers share.
    name: '0003_audio_capture',
    async up(db, kind) {
      const s = db.schema;
      const real = kind === 'postgres' ? 'double precision' : 'real';
      await s
        .createTable('captures')
        .addColumn('session_id', 'text', (c) =>
          c.primaryKey().references('sessions.id').onDelete('cascade'),
        )
        .addColumn('mode', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('engine', 'text', (c) => c.notNull())
        .addColumn('quality', 'text', (c) => c.notNull())
        .addColumn('model', 'text')
        .addColumn('note_format', 'text', (c) => c.notNull())
        .addColumn('last_seq', 'integer', (c) => c.notNull().defaultTo(-1))
        .addColumn('audio_seconds', real, (c) => c.notNull().defaultTo(0))
        .addColumn('transcribed_until_sec', real, (c) => c.notNull().defaultTo(0))
        .addColumn('progress', real)
        .addColumn('error_code', 'text')
        .addColumn('error_message', 'text')
        .addColumn('error_hint', 'text')
        .addColumn('segments', 'text')
        .addColumn('embeddings', 'text')
        .addColumn('speech', 'text')
        .addColumn('note_id', 'text', (c) => c.references('notes.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      await s
        .createTable('audio_chunks')
        .addColumn('session_id', 'text', (c) =>
          c.notNull().references('sessions.id').onDelete('cascade'),
        )
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('data', kind === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
        .addColumn('bytes', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('audio_chunks_pk', ['session_id', 'seq'])
        .execute();

      await withOrd(
        s
          .createTable('jobs')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('session_id', 'text', (c) =>
            c.notNull().references('sessions.id').onDelete('cascade'),
          )
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('max_attempts', 'integer', (c) => c.notNull())
          .addColumn('run_after', 'text', (c) => c.notNull())
          .addColumn('locked_by', 'text')
          .addColumn('lease_until', 'text')
          .addColumn('error_code', 'text')
          .addColumn('error_message', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull()),
        kind,
      ).execute();
      await s
        .createIndex('jobs_status_run_after')
        .on('jobs')
        .columns(['status', 'run_after'])
        .execute();
      await s.createIndex('jobs_session').on('jobs').column('session_id').execute();
    },
  },
  {
    // The sealed transcript columns of a capture move to their own table: they grow all session,
    // and SQLite rewrites a whole row on every update (each live frame updates `captures`).
    // The sealed values move as they are (their AAD still names `captures`).
    name: '0004_capture_texts',
    async up(db) {
      await db.schema
        .createTable('capture_texts')
        .addColumn('session_id', 'text', (c) =>
          c.primaryKey().references('captures.session_id').onDelete('cascade'),
        )
        .addColumn('segments', 'text')
        .addColumn('embeddings', 'text')
        .addColumn('speech', 'text')
        .execute();
      await sql`insert into capture_texts (session_id, segments, embeddings, speech)
        select session_id, segments, embeddings, speech from captures
        where segments is not null or embeddings is not null or speech is not null`.execute(db);
      for (const column of ['segments', 'embeddings', 'speech']) {
        await db.schema.alterTable('captures').dropColumn(column).execute();
      }
    },
  },
  { name: '0005_measures', up: up0005Measures },
  { name: '0006_care_records', up: up0006CareRecords },
  { name: '0007_alert_reads', up: up0007AlertReads },
];
