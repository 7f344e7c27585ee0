import { createHmac } from 'node:crypto';
import type { AuditEntry, NewAuditEntry } from '../domain/schemas.js';
import type { AuditRepo } from '../store/port.js';
import { safeEqual } from './tokens.js';

/**
 * The append-only audit log, chained with an HMAC: each entry's MAC covers the previous entry's
 * MAC and this entry's fields, under a key derived from the master key (`KEY_INFO.auditHmac`).
 * Changing, deleting, inserting or reordering entries in the database breaks the chain, and
 * `verify()` names the first entry where it breaks. Entries hold ids, never content.
 *
 * Limit (inherent to a hash chain): removing entries from the END leaves a valid, shorter chain.
 * Keep an off-site copy of the latest `{seq, mac}` (backups do) to detect a truncation.
 */

export interface AuditClock {
  now(): Date;
}

const systemClock: AuditClock = { now: () => new Date() };

/** What `record` takes: an entry without its sequence number and MAC; `at` defaults to now. */
export type AuditInput = Omit<NewAuditEntry, 'at'> & { at?: string };

export type AuditVerifyResult =
  { ok: true; count: number } | { ok: false; seq: number; reason: string };

export interface AuditLog {
  /**
   * Append one entry. With `through` (a transaction's `tx.audit`), the entry is appended inside
   * that transaction, so it commits or rolls back with the write it records; without it, the
   * log's own repo appends it in a transaction of its own. The chain is the same either way.
   */
  record(entry: AuditInput, through?: Pick<AuditRepo, 'append'>): Promise<AuditEntry>;
  verify(): Promise<AuditVerifyResult>;
}

export interface AuditLogOptions {
  /** Entries read per `repo.list` call while verifying. */
  pageSize?: number;
}

const MAC_VERSION = 'docscrib-audit-v1';
const GENESIS = 'genesis';

/**
 * The MAC of one entry: HMAC-SHA256, hex, over the JSON array
 * `[version, prevMac ?? 'genesis', seq, at, actorId, action, recordType, recordId]` (JSON gives
 * every field an unambiguous encoding, nulls included).
 */
export function auditMac(
  hmacKey: Buffer,
  prevMac: string | null,
  entry: NewAuditEntry & { seq: number },
): string {
  const fields = [
    MAC_VERSION,
    prevMac ?? GENESIS,
    entry.seq,
    entry.at,
    entry.actorId,
    entry.action,
    entry.recordType,
    entry.recordId,
  ];
  return createHmac('sha256', hmacKey).update(JSON.stringify(fields), 'utf8').digest('hex');
}

export function createAuditLog(
  repo: AuditRepo,
  hmacKey: Buffer,
  clock: AuditClock = systemClock,
  options: AuditLogOptions = {},
): AuditLog {
  if (hmacKey.length < 32) throw new RangeError('createAuditLog: the HMAC key must be 32 bytes');
  const pageSize = options.pageSize ?? 1000;
  if (!Number.isInteger(pageSize) || pageSize < 1) {
    throw new RangeError('createAuditLog: pageSize must be a positive integer');
  }

  return {
    record(input, through = repo) {
      const entry: NewAuditEntry = {
        at: input.at ?? clock.now().toISOString(),
        actorId: input.actorId,
        action: input.action,
        recordType: input.recordType,
        recordId: input.recordId,
      };
      return through.append(entry, (prevMac, seq) => auditMac(hmacKey, prevMac, { ...entry, seq }));
    },

    async verify() {
      let prevMac: string | null = null;
      let expected = 1;
      for (;;) {
        const page = await repo.list(expected - 1, pageSize);
        if (page.length === 0) return { ok: true, count: expected - 1 };
        for (const e of page) {
          if (e.seq > expected) {
            return {
              ok: false,
              seq: expected,
              reason:
                expected === e.seq - 1
                  ? `entry #${expected} is missing (deleted); the next entry is #${e.seq}`
                  : `entries #${expected} to #${e.seq - 1} are missing (deleted); the next entry is #${e.seq}`,
            };
          }
          if (e.seq < expected) {
            return {
              ok: false,
              seq: e.seq,
              reason: `entry #${e.seq} appears out of order (after #${expected - 1})`,
            };
          }
          if (!safeEqual(e.mac, auditMac(hmacKey, prevMac, e))) {
            return {
              ok: false,
              seq: e.seq,
              reason:
                'its MAC does not match: the entry was changed, inserted or moved, or the log was written with another key',
            };
          }
          prevMac = e.mac;
          expected++;
        }
      }
    },
  };
}
