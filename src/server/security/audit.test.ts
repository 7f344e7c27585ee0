import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AuditEntry, NewAuditEntry } from '../domain/schemas.js';
import type { AuditInput } from '../ports.js';
import { auditMac, createAuditLog } from './audit.js';
import { memoryAuditRepo } from './test-helpers.js';

const rid = (): string => randomBytes(16).toString('base64url');

function input(over: Partial<AuditInput> = {}): AuditInput {
  return { actorId: rid(), action: 'read', recordType: 'note', recordId: rid(), ...over };
}

/** A fixed clock that ticks one second per call. */
function tickingClock(start = Date.UTC(2025, 0, 2, 3, 4, 5)) {
  let t = start;
  return { now: () => new Date((t += 1000)) };
}

async function logWith(n: number, pageSize?: number) {
  const repo = memoryAuditRepo();
  const key = randomBytes(32);
  const log = createAuditLog(repo, key, tickingClock(), pageSize ? { pageSize } : {});
  const actions = ['read', 'create', 'update', 'sign', 'export'] as const;
  for (let i = 0; i < n; i++) {
    await log.record(input({ action: actions[i % actions.length] ?? 'read' }));
  }
  return { repo, key, log };
}

function row(rows: AuditEntry[], seq: number): AuditEntry {
  const r = rows.find((e) => e.seq === seq);
  if (!r) throw new Error(`no entry #${seq}`);
  return r;
}

describe('auditMac', () => {
  it('is HMAC-SHA256 (hex) over the JSON of [version, prevMac or genesis, seq, at, actorId, action, recordType, recordId]', () => {
    const key = randomBytes(32);
    const e: NewAuditEntry & { seq: number } = {
      seq: 7,
      at: '2025-01-02T03:04:05.000Z',
      actorId: null,
      action: 'login_failed',
      recordType: 'user',
      recordId: 'abc',
    };
    const ref = (prev: string) =>
      createHmac('sha256', key)
        .update(
          JSON.stringify(['docscrib-audit-v1', prev, 7, e.at, null, 'login_failed', 'user', 'abc']),
        )
        .digest('hex');
    expect(auditMac(key, null, e)).toBe(ref('genesis'));
    expect(auditMac(key, 'ff'.repeat(32), e)).toBe(ref('ff'.repeat(32)));
    expect(auditMac(key, null, e)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('tells null from an empty string and keeps fields apart', () => {
    const key = randomBytes(32);
    const base: NewAuditEntry & { seq: number } = {
      seq: 1,
      at: '2025-01-02T03:04:05.000Z',
      actorId: null,
      action: 'read',
      recordType: 'note',
      recordId: 'a',
    };
    const macs = new Set([
      auditMac(key, null, base),
      auditMac(key, null, { ...base, actorId: '' }),
      auditMac(key, null, { ...base, actorId: 'a', recordId: null }),
      auditMac(key, null, { ...base, seq: 2 }),
      auditMac(randomBytes(32), null, base),
    ]);
    expect(macs.size).toBe(5);
  });
});

describe('createAuditLog: record', () => {
  it('appends entries with seq 1, 2, 3…, the clock time, and a chained MAC', async () => {
    const repo = memoryAuditRepo();
    const key = randomBytes(32);
    const log = createAuditLog(repo, key, tickingClock(Date.UTC(2025, 5, 1)));
    const a = await log.record(input({ actorId: 'u1', recordId: 'n1' }));
    const b = await log.record(input({ action: 'sign', actorId: 'u1', recordId: 'n1' }));
    expect(a).toMatchObject({
      seq: 1,
      at: '2025-06-01T00:00:01.000Z',
      actorId: 'u1',
      action: 'read',
    });
    expect(b).toMatchObject({ seq: 2, at: '2025-06-01T00:00:02.000Z', action: 'sign' });
    expect(a.mac).toBe(auditMac(key, null, a));
    expect(b.mac).toBe(auditMac(key, a.mac, b));
    expect(repo.rows).toEqual([a, b]);
  });

  it('keeps an explicit time and null actor / record', async () => {
    const { log } = await logWith(0);
    const e = await log.record({
      at: '2024-12-31T23:59:59.000Z',
      actorId: null,
      action: 'login_failed',
      recordType: 'user',
      recordId: null,
    });
    expect(e).toMatchObject({ at: '2024-12-31T23:59:59.000Z', actorId: null, recordId: null });
    expect(await log.verify()).toEqual({ ok: true, count: 1 });
  });

  it('forms one chain when many entries are recorded at once', async () => {
    const { log } = await logWith(0);
    await Promise.all(Array.from({ length: 25 }, () => log.record(input())));
    expect(await log.verify()).toEqual({ ok: true, count: 25 });
  });

  it("appends through a given repo (a transaction's) instead of its own, on the same chain", async () => {
    const own = memoryAuditRepo();
    const key = randomBytes(32);
    const log = createAuditLog(own, key, tickingClock());
    const a = await log.record(input());
    // Stands for `tx.audit`: the same table seen from inside a transaction.
    const appended: AuditEntry[] = [];
    const tx = {
      append: (...args: Parameters<typeof own.append>) =>
        own.append(...args).then((e) => {
          appended.push(e);
          return e;
        }),
    };
    const b = await log.record(input({ action: 'update' }), tx);
    expect(appended).toEqual([b]);
    expect(b).toMatchObject({ seq: 2, action: 'update' });
    expect(b.mac).toBe(auditMac(key, a.mac, b));
    const failing = { append: () => Promise.reject(new Error('rolled back')) };
    await expect(log.record(input(), failing)).rejects.toThrow('rolled back');
    expect(own.rows).toHaveLength(2);
    expect(await log.verify()).toEqual({ ok: true, count: 2 });
  });

  it('refuses a short HMAC key', () => {
    expect(() => createAuditLog(memoryAuditRepo(), randomBytes(16))).toThrow(RangeError);
  });
});

describe('createAuditLog: verify', () => {
  it('passes an empty log and an intact one', async () => {
    expect(await (await logWith(0)).log.verify()).toEqual({ ok: true, count: 0 });
    expect(await (await logWith(12)).log.verify()).toEqual({ ok: true, count: 12 });
  });

  it('pages through the log and still finds a change on a later page', async () => {
    const { repo, log } = await logWith(10, 3);
    expect(await log.verify()).toEqual({ ok: true, count: 10 });
    expect(repo.listCalls).toBeGreaterThanOrEqual(4);
    row(repo.rows, 8).recordId = rid();
    expect(await log.verify()).toMatchObject({ ok: false, seq: 8 });
  });

  const edits: [string, (e: AuditEntry) => void][] = [
    ['at', (e) => (e.at = '2020-01-01T00:00:00.000Z')],
    ['actorId', (e) => (e.actorId = rid())],
    ['actorId to null', (e) => (e.actorId = null)],
    ['action', (e) => (e.action = e.action === 'export' ? 'read' : 'export')],
    ['recordType', (e) => (e.recordType = e.recordType === 'client' ? 'note' : 'client')],
    ['recordId', (e) => (e.recordId = rid())],
    ['mac', (e) => (e.mac = `${e.mac.slice(0, -1)}${e.mac.endsWith('0') ? '1' : '0'}`)],
  ];
  it.each(edits)('finds a changed %s and names the entry', async (_field, edit) => {
    for (const seq of [1, 4, 6]) {
      const { repo, log } = await logWith(6);
      edit(row(repo.rows, seq));
      const result = await log.verify();
      expect(result).toMatchObject({ ok: false, seq });
      if (!result.ok) expect(result.reason).toContain('MAC does not match');
    }
  });

  it('finds a deleted entry (a gap in the sequence)', async () => {
    const { repo, log } = await logWith(6);
    repo.rows = repo.rows.filter((e) => e.seq !== 3);
    const result = await log.verify();
    expect(result).toMatchObject({ ok: false, seq: 3 });
    if (!result.ok) expect(result.reason).toContain('#3 is missing');

    const several = await logWith(6);
    several.repo.rows = several.repo.rows.filter((e) => e.seq < 2 || e.seq > 4);
    const r2 = await several.log.verify();
    expect(r2).toMatchObject({ ok: false, seq: 2 });
    if (!r2.ok) expect(r2.reason).toContain('#2 to #4');

    const first = await logWith(3);
    first.repo.rows.shift();
    expect(await first.log.verify()).toMatchObject({ ok: false, seq: 1 });
  });

  it('finds a deleted entry whose successors were renumbered to hide the gap', async () => {
    const { repo, log } = await logWith(6);
    repo.rows = repo.rows.filter((e) => e.seq !== 3);
    for (const e of repo.rows) if (e.seq > 3) e.seq -= 1;
    expect(await log.verify()).toMatchObject({ ok: false, seq: 3 });
  });

  it('finds reordered entries (contents swapped, or sequence numbers swapped)', async () => {
    const { repo, log } = await logWith(6);
    const a = row(repo.rows, 2);
    const b = row(repo.rows, 5);
    const { seq: sa, ...ca } = a;
    const { seq: sb, ...cb } = b;
    Object.assign(a, cb, { seq: sa });
    Object.assign(b, ca, { seq: sb });
    expect(await log.verify()).toMatchObject({ ok: false, seq: 2 });

    const other = await logWith(6);
    row(other.repo.rows, 3).seq = 99;
    row(other.repo.rows, 4).seq = 3;
    row(other.repo.rows, 99).seq = 4;
    expect(await other.log.verify()).toMatchObject({ ok: false, seq: 3 });
  });

  it('finds an inserted entry, in the middle or at the end, even with a well-formed MAC', async () => {
    const { repo, log } = await logWith(5);
    // At the end: the attacker does not have the key, so uses another one.
    const last = row(repo.rows, 5);
    const forged = { ...input(), at: last.at, seq: 6 };
    repo.rows.push({ ...forged, mac: auditMac(randomBytes(32), last.mac, forged) });
    expect(await log.verify()).toMatchObject({ ok: false, seq: 6 });

    // In the middle, renumbering what follows: breaks at the forged entry.
    const mid = await logWith(5);
    for (const e of mid.repo.rows) if (e.seq >= 3) e.seq += 1;
    const prev = row(mid.repo.rows, 2);
    const inserted = { ...input(), at: prev.at, seq: 3 };
    mid.repo.rows.push({ ...inserted, mac: auditMac(randomBytes(32), prev.mac, inserted) });
    expect(await mid.log.verify()).toMatchObject({ ok: false, seq: 3 });

    // A duplicate sequence number (a fork) is out of order.
    const fork = await logWith(4);
    fork.repo.rows.push({ ...row(fork.repo.rows, 2) });
    expect(await fork.log.verify()).toMatchObject({ ok: false, seq: 2 });
  });

  it('fails at the first entry when verified with another key', async () => {
    const { repo } = await logWith(4);
    const other = createAuditLog(repo, randomBytes(32));
    expect(await other.verify()).toMatchObject({ ok: false, seq: 1 });
  });

  it('cannot see entries removed from the end (documented limit of a hash chain)', async () => {
    const { repo, log } = await logWith(5);
    repo.rows = repo.rows.filter((e) => e.seq <= 3);
    expect(await log.verify()).toEqual({ ok: true, count: 3 });
  });
});
