/** Shared by the security tests only (excluded from the build): in-memory ports. */
import type { AuditEntry } from '../domain/schemas.js';
import type { AuditRepo, LoginThrottleRepo } from '../store/port.js';

/**
 * An in-memory AuditRepo with the store's semantics (seq = last + 1, the MAC computed from the
 * last entry's MAC). `rows` is the "table": tests edit it to play the attacker.
 */
export type MemoryAuditRepo = AuditRepo & { rows: AuditEntry[]; listCalls: number };

export function memoryAuditRepo(): MemoryAuditRepo {
  const repo: MemoryAuditRepo = {
    rows: [] as AuditEntry[],
    listCalls: 0,
    append(entry, mac) {
      const last = repo.rows.at(-1);
      const seq = last ? last.seq + 1 : 1;
      const full: AuditEntry = { ...entry, seq, mac: mac(last?.mac ?? null, seq) };
      repo.rows.push(full);
      return Promise.resolve({ ...full });
    },
    list(afterSeq, limit) {
      repo.listCalls++;
      const sorted = [...repo.rows].sort((a, b) => a.seq - b.seq);
      return Promise.resolve(
        sorted
          .filter((e) => e.seq > afterSeq)
          .slice(0, limit)
          .map((e) => ({ ...e })),
      );
    },
  };
  return repo;
}

/** An in-memory LoginThrottleRepo: failure times (ISO strings) per key. */
export function memoryThrottleRepo(): LoginThrottleRepo & { failuresByKey: Map<string, string[]> } {
  const failuresByKey = new Map<string, string[]>();
  const inWindow = (key: string, windowStart: string) =>
    (failuresByKey.get(key) ?? []).filter((t) => t >= windowStart).length;
  return {
    failuresByKey,
    recordFailure(key, now, windowStart) {
      failuresByKey.set(key, [...(failuresByKey.get(key) ?? []), now]);
      return Promise.resolve(inWindow(key, windowStart));
    },
    failures(key, windowStart) {
      return Promise.resolve(inWindow(key, windowStart));
    },
    reset(key) {
      failuresByKey.delete(key);
      return Promise.resolve();
    },
  };
}
