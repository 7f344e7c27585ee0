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

/**
 * An in-memory LoginThrottleRepo with the store's semantics: attempts (id, ISO time) per key;
 * each call is one synchronous step, so reservations are atomic like the store's.
 */
export function memoryThrottleRepo(): LoginThrottleRepo & {
  attemptsByKey: Map<string, { id: string; at: string }[]>;
} {
  const attemptsByKey = new Map<string, { id: string; at: string }[]>();
  let next = 0;
  const inWindow = (key: string, windowStart: string) =>
    (attemptsByKey.get(key) ?? []).filter((a) => a.at >= windowStart).length;
  return {
    attemptsByKey,
    reserve(key, now, windowStart) {
      const id = `attempt-${String(++next)}`;
      const kept = (attemptsByKey.get(key) ?? []).filter((a) => a.at >= windowStart);
      attemptsByKey.set(key, [...kept, { id, at: now }]);
      return Promise.resolve({ id, count: inWindow(key, windowStart) });
    },
    release(key, id) {
      const left = (attemptsByKey.get(key) ?? []).filter((a) => a.id !== id);
      if (left.length > 0) attemptsByKey.set(key, left);
      else attemptsByKey.delete(key);
      return Promise.resolve();
    },
    attempts(key, windowStart) {
      return Promise.resolve(inWindow(key, windowStart));
    },
    reset(key) {
      attemptsByKey.delete(key);
      return Promise.resolve();
    },
  };
}
