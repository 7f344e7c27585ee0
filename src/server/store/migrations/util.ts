/** Building blocks shared by the schema migrations (migrations.ts and migrations/*.ts). */
import type { CreateTableBuilder } from 'kysely';
import type { DbKind } from '../db.js';

/** PostgreSQL tables get an identity column `ord` for insertion order (SQLite has `rowid`). */
export function withOrd<T extends string>(
  t: CreateTableBuilder<T>,
  kind: DbKind,
): CreateTableBuilder<T> {
  return kind === 'postgres'
    ? t.addColumn('ord', 'bigint', (c) => c.generatedAlwaysAsIdentity())
    : t;
}
