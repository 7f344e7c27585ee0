import { createHmac } from 'node:crypto';
import type { NewAuditEntry } from '../domain/schemas.js';
import { systemClock, type AuditLog, type Clock } from '../ports.js';
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

/** For cli/commands/audit.ts, which imports it from here (the type is the domain's). */
export type { AuditVerifyResult } from '../domain/schemas.js';

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
  clock: Clock = systemClock,
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
