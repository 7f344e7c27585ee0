/**
 * Migration `0005_measures` (issue 5, measurement-based care): outcome-measure administrations,
 * one-time client links (the token's SHA-256 only), recurring measure schedules, clinical alerts,
 * and the rate-limit counters of the public questionnaire endpoints.
 *
 * What is sealed (FieldCipher, AAD bound to table:row:column): an administration's answers and
 * score. In the clear, for queries: ids, instrument ids, dates, statuses. Rate-limit keys are
 * hashes. An alert's kind and message ARE PHI (they say a client endorsed suicidal thoughts, or
 * their PHQ-9 item-9 answer): from migration 0007 on the store seals both (see 0007-alert-reads).
 */
import type { Kysely } from 'kysely';
import type { Database, DbKind } from '../db.js';
import { withOrd } from './util.js';

export async function up0005Measures(db: Kysely<Database>, kind: DbKind): Promise<void> {
  const s = db.schema;

  await withOrd(
    s
      .createTable('measure_links')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
      /** SHA-256 (hex) of the token; the token itself is never stored. */
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      /** JSON array of instrument ids (not PHI). */
      .addColumn('instruments', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('session_id', 'text', (c) => c.references('sessions.id'))
      .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('completed_at', 'text')
      .addColumn('revoked_at', 'text'),
    kind,
  ).execute();
  await s
    .createIndex('measure_links_client')
    .on('measure_links')
    .columns(['client_id', 'created_at'])
    .execute();

  await withOrd(
    s
      .createTable('measure_administrations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
      .addColumn('instrument', 'text', (c) => c.notNull())
      .addColumn('administered_at', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('session_id', 'text', (c) => c.references('sessions.id'))
      .addColumn('link_id', 'text', (c) => c.references('measure_links.id'))
      .addColumn('entered_by', 'text', (c) => c.references('users.id'))
      /** sealed JSON (number | null)[] */
      .addColumn('answers', 'text', (c) => c.notNull())
      /** sealed JSON ScoreResult */
      .addColumn('score', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull()),
    kind,
  ).execute();
  await s
    .createIndex('measure_administrations_client')
    .on('measure_administrations')
    .columns(['client_id', 'administered_at'])
    .execute();

  await withOrd(
    s
      .createTable('measure_schedules')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
      .addColumn('instrument', 'text', (c) => c.notNull())
      /** JSON ScheduleCadence (not PHI). */
      .addColumn('cadence', 'text', (c) => c.notNull())
      .addColumn('active', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull()),
    kind,
  ).execute();
  await s
    .createIndex('measure_schedules_client')
    .on('measure_schedules')
    .column('client_id')
    .execute();

  await withOrd(
    s
      .createTable('clinical_alerts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
      .addColumn('clinician_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('severity', 'text', (c) => c.notNull())
      /** Sealed from migration 0007 on (kind and message are PHI). */
      .addColumn('message', 'text', (c) => c.notNull())
      .addColumn('administration_id', 'text', (c) => c.references('measure_administrations.id'))
      .addColumn('session_id', 'text', (c) => c.references('sessions.id'))
      .addColumn('safety_assessment_id', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('acknowledged_at', 'text')
      .addColumn('acknowledged_by', 'text', (c) => c.references('users.id')),
    kind,
  ).execute();
  await s
    .createIndex('clinical_alerts_clinician')
    .on('clinical_alerts')
    .columns(['clinician_id', 'created_at'])
    .execute();
  await s.createIndex('clinical_alerts_client').on('clinical_alerts').column('client_id').execute();

  // Hits of the public endpoints, per hashed key (`<bucket>:<sha256>`), shared by all processes.
  await s
    .createTable('rate_limit_hits')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await s
    .createIndex('rate_limit_hits_key_at')
    .on('rate_limit_hits')
    .columns(['key', 'at'])
    .execute();
}
