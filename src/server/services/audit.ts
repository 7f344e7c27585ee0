import type {
  AuditAction,
  AuditEntry,
  AuditRecordType,
  AuditVerifyResult,
} from '../domain/schemas.js';
import type { AuditLog, Clock } from '../ports.js';
import type { Store } from '../store/port.js';
import { enforce, type Actor } from './access.js';

/**
 * Audit entries, written the same way by every service, and reading the log (administrators).
 * Entries hold who, what action, the record type and id: never content.
 *
 * Entries are atomic with what they record: a write appends its entries inside the same
 * `store.transaction` (through `tx.audit`), so a crash or a failed append leaves neither the write
 * nor its entries, and a retry cannot duplicate them. A read appends its entries (all or none)
 * before the data is returned, so data whose read could not be recorded is never returned.
 * Events without a data write (login, logout, a failed login) append through the store itself.
 */

/** The repos inside a `store.transaction`. */
export type StoreTx = Parameters<Parameters<Store['transaction']>[0]>[0];

/** What writing audit entries needs. */
export interface AuditDeps {
  auditLog: Pick<AuditLog, 'record'>;
  clock: Clock;
}

/**
 * Append one audit entry per record id through `tx` (a transaction's repos, so the entries commit
 * or roll back with the write they record; the store itself for an event without a write).
 * `actor` null: the system (`docscrib user add`) or nobody known (a failed login); a record id
 * null: no record (a failed login for an unknown email).
 */
export async function audit(
  deps: AuditDeps,
  tx: Pick<StoreTx, 'audit'>,
  actor: Pick<Actor, 'id'> | null,
  action: AuditAction,
  recordType: AuditRecordType,
  ...recordIds: (string | null)[]
): Promise<void> {
  const at = deps.clock.now().toISOString();
  const actorId = actor?.id ?? null;
  for (const recordId of recordIds) {
    await deps.auditLog.record({ at, actorId, action, recordType, recordId }, tx.audit);
  }
}

/** Records of one type that were read or exported. */
export type AccessedRecords = readonly [AuditRecordType, readonly string[]];

/**
 * Record a read (or export) before its data is returned: one entry per record id, all in one
 * transaction (all or none). Await it before returning; when it fails, the caller fails too and
 * the data is not returned.
 */
export async function auditAccess(
  deps: AuditDeps & { store: Pick<Store, 'audit' | 'transaction'> },
  actor: Actor,
  action: 'read' | 'export',
  ...records: AccessedRecords[]
): Promise<void> {
  const count = records.reduce((n, [, ids]) => n + ids.length, 0);
  if (count === 0) return;
  const write = async (tx: Pick<StoreTx, 'audit'>): Promise<void> => {
    for (const [recordType, ids] of records)
      await audit(deps, tx, actor, action, recordType, ...ids);
  };
  // One entry: the append is atomic on its own (no need for the transaction lock).
  if (count === 1) await write(deps.store);
  else await deps.store.transaction(write);
}

/** Reading and verifying the audit log (administrators). */
export class AuditService {
  constructor(private readonly deps: { store: Store; auditLog: AuditLog }) {}

  /** Entries after `afterSeq` (exclusive) in sequence order, at most `limit`. */
  async list(by: Actor, afterSeq: number, limit: number): Promise<AuditEntry[]> {
    enforce(by, 'read', { type: 'audit' });
    return this.deps.store.audit.list(afterSeq, limit);
  }

  /** Recompute the HMAC chain; names the first entry where it breaks. */
  async verify(by: Actor): Promise<AuditVerifyResult> {
    enforce(by, 'read', { type: 'audit' });
    return this.deps.auditLog.verify();
  }
}
