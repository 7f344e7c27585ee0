/**
 * Migration `0006_care_records` (issue 5): signed treatment-plan versions, informed-consent
 * records, safety assessments and the collaborative safety plan.
 *
 * What is sealed (FieldCipher, AAD bound to table:row:column): a plan version's whole plan, a
 * consent's content (intervention, what was discussed, decision, date, notes), a safety
 * assessment's content (trigger, risk elements, factors, level, actions) and a safety plan's
 * content. In the clear, for queries: ids, client ids, kinds, statuses, who and when (record
 * times, not dates of service).
 */
import type { Kysely } from 'kysely';
import type { Database, DbKind } from '../db.js';
import { withOrd } from './util.js';

export async function up0006CareRecords(db: Kysely<Database>, kind: DbKind): Promise<void> {
  const s = db.schema;

  await s
    .createTable('plan_versions')
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    /** sealed JSON ClientPlan (with its signature) */
    .addColumn('plan', 'text', (c) => c.notNull())
    .addColumn('signed_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('signed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('plan_versions_pk', ['client_id', 'version'])
    .execute();

  await withOrd(
    s
      .createTable('consents')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      /** sealed JSON: interventionId, discussed, decision, date, notes */
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('recorded_by', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('withdrawn_at', 'text'),
    kind,
  ).execute();
  await s
    .createIndex('consents_client')
    .on('consents')
    .columns(['client_id', 'created_at'])
    .execute();

  await withOrd(
    s
      .createTable('safety_assessments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
      .addColumn('session_id', 'text', (c) => c.references('sessions.id'))
      .addColumn('status', 'text', (c) => c.notNull())
      /** sealed JSON: trigger and the assessment body */
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('confirmed_at', 'text')
      .addColumn('confirmed_by', 'text', (c) => c.references('users.id'))
      .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull()),
    kind,
  ).execute();
  await s
    .createIndex('safety_assessments_client')
    .on('safety_assessments')
    .columns(['client_id', 'created_at'])
    .execute();

  await s
    .createTable('safety_plans')
    .addColumn('client_id', 'text', (c) => c.primaryKey().references('clients.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    /** sealed JSON SafetyPlanBody */
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('confirmed_at', 'text')
    .addColumn('confirmed_by', 'text', (c) => c.references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}
