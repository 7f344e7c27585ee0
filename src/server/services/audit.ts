import type { AuditEntry } from '../domain/schemas.js';
import type { AuditLog, AuditVerifyResult } from '../ports.js';
import type { Store } from '../store/port.js';
import { enforce, type Actor } from './access.js';

/** Reading and verifying the audit log (administrators). Entries hold ids, never content. */
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
