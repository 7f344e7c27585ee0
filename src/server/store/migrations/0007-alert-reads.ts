/**
 * Migration `0007_alert_reads` (issue 5 review fixes): who has seen which clinical alert, and
 * indexes for the alert lookups by session and by administration.
 *
 * `alert_reads` holds one row per (alert, user): the first time the user's alert list showed the
 * alert. The audit log gets one `read` entry per first read (not one per poll). Ids and a time
 * only, no PHI.
 *
 * From this migration on, `clinical_alerts.kind` and `.message` hold sealed values (FieldCipher,
 * AAD bound to table:row:column; the column types stay text): an alert's kind and message say
 * that a client endorsed suicidal thoughts, which is PHI. Rows written before it (kind in the
 * clear) are still read; the store tells them apart by their kind being a bare kind id.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db.js';

export async function up0007AlertReads(db: Kysely<Database>): Promise<void> {
  const s = db.schema;
  await s
    .createTable('alert_reads')
    .addColumn('alert_id', 'text', (c) =>
      c.notNull().references('clinical_alerts.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('first_read_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('alert_reads_pk', ['alert_id', 'user_id'])
    .execute();
  // linkSafetyAssessment and the open session-risk check look alerts up by session or
  // administration.
  await s
    .createIndex('clinical_alerts_session')
    .on('clinical_alerts')
    .columns(['session_id', 'acknowledged_at'])
    .execute();
  await s
    .createIndex('clinical_alerts_administration')
    .on('clinical_alerts')
    .column('administration_id')
    .execute();
}
