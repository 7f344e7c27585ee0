/**
 * Storage contract of the measurement-based-care repositories (migration 0005): administrations
 * (sealed answers and score, bound to their row), one-time links (hash lookup, single-use and
 * revoke compare-and-set, also across store instances), schedules, alerts (acknowledge once,
 * safety-assessment linking) and the rate-limit counters (atomic across instances). Runs against
 * SQLite and PostgreSQL (`forEachDatabase` in test-helpers.ts), like store.contract.test.ts.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { scoreInstrument } from '../../core/measures/score.js';
import { hashToken, newToken } from '../security/tokens.js';
import type { Store } from './port.js';
import { RATE_PRUNE_BATCH } from './repos/measures.js';
import {
  administration,
  type ContractTarget,
  forEachDatabase,
  rnd,
  seed,
  useContractStore,
  withInstances,
} from './test-helpers.js';

function contract(name: string, target: () => ContractTarget): void {
  describe(`Measures store contract: ${name}`, () => {
    const { store, db } = useContractStore(target);

    it('stores administrations sealed (bound to their row), oldest first, with the latest per instrument', async () => {
      const { client, clinician } = await seed(store());
      const a = await store().measures.create(
        administration(client.id, [3, 3, 3, 3, 3, 3, 3, 3, 1], '2025-03-10T10:00:00.000Z', {
          enteredBy: clinician.id,
        }),
      );
      const b = await store().measures.create(
        administration(client.id, [1, 1, 1, 1, 1, 1, 1, 1, 0], '2025-03-01T10:00:00.000Z'),
      );
      const g = await store().measures.create({
        clientId: client.id,
        instrument: 'gad7',
        answers: [0, 1, 2, 3, 0, 1, 2],
        score: scoreInstrument('gad7', [0, 1, 2, 3, 0, 1, 2]),
        administeredAt: '2025-03-05T10:00:00.000Z',
        source: 'client_link',
        sessionId: null,
        enteredBy: null,
        linkId: null,
      });
      expect(await store().measures.get(a.id)).toEqual(a);
      expect((await store().measures.listForClient(client.id)).map((x) => x.id)).toEqual([
        b.id,
        g.id,
        a.id,
      ]);
      const latest = await store().measures.latestTimes([client.id, 'no-such-client-1']);
      expect(latest.sort((x, y) => x.instrument.localeCompare(y.instrument))).toEqual([
        { clientId: client.id, instrument: 'gad7', administeredAt: '2025-03-05T10:00:00.000Z' },
        { clientId: client.id, instrument: 'phq9', administeredAt: '2025-03-10T10:00:00.000Z' },
      ]);
      expect(await store().measures.latestTimes([])).toEqual([]);
      const [row] = await db().raw(
        'select answers, score, instrument from measure_administrations where id = ?',
        [a.id],
      );
      expect(row?.['instrument']).toBe('phq9');
      expect(String(row?.['answers'])).not.toContain('[3,3');
      expect(String(row?.['score'])).not.toContain('total');
      // A sealed value copied to another row does not open.
      await db().raw('update measure_administrations set answers = ? where id = ?', [
        row?.['answers'],
        b.id,
      ]);
      await expect(store().measures.get(b.id)).rejects.toThrow();
    });

    it('finds links by token hash only; completes and revokes once, never past expiry', async () => {
      const { client, clinician } = await seed(store());
      const token = newToken();
      const input = {
        clientId: client.id,
        tokenHash: hashToken(token),
        instruments: ['phq9', 'gad7'] as const,
        sessionId: null,
        createdBy: clinician.id,
        expiresAt: '2030-01-01T00:00:00.000Z',
      };
      const link = await store().measureLinks.create({
        ...input,
        instruments: [...input.instruments],
      });
      expect(link).toMatchObject({
        status: 'pending',
        completedAt: null,
        instruments: ['phq9', 'gad7'],
      });
      expect(await store().measureLinks.getByTokenHash(hashToken(token))).toEqual(link);
      expect(await store().measureLinks.getByTokenHash(token)).toBeUndefined();
      const rows = await db().raw('select * from measure_links where id = ?', [link.id]);
      expect(JSON.stringify(rows)).not.toContain(token);

      const now = '2025-06-01T00:00:00.000Z';
      const done = await store().measureLinks.complete(link.id, now);
      expect(done).toEqual({ ok: true, value: { ...link, status: 'completed', completedAt: now } });
      expect(await store().measureLinks.complete(link.id, now)).toEqual({
        ok: false,
        reason: 'conflict',
      });
      expect(await store().measureLinks.revoke(link.id, now)).toEqual({
        ok: false,
        reason: 'conflict',
      });
      expect(await store().measureLinks.complete('missing-link-0001', now)).toEqual({
        ok: false,
        reason: 'not_found',
      });

      const expiring = await store().measureLinks.create({
        ...input,
        instruments: ['gad7'],
        tokenHash: hashToken(newToken()),
        expiresAt: '2025-06-01T00:00:00.000Z',
      });
      expect(await store().measureLinks.complete(expiring.id, '2025-06-01T00:00:00.000Z')).toEqual({
        ok: false,
        reason: 'conflict',
      });
      // With a grace cutoff (expiresAt > expiresAfter) the expired link still completes.
      const late = await store().measureLinks.create({
        ...input,
        instruments: ['gad7'],
        tokenHash: hashToken(newToken()),
        expiresAt: '2025-06-01T00:00:00.000Z',
      });
      expect(
        await store().measureLinks.complete(
          late.id,
          '2025-06-01T00:30:00.000Z',
          '2025-06-01T00:00:00.000Z',
        ),
      ).toMatchObject({ ok: false, reason: 'conflict' });
      const inGrace = await store().measureLinks.complete(
        late.id,
        '2025-06-01T00:30:00.000Z',
        '2025-05-31T23:30:00.000Z',
      );
      expect(inGrace.ok && inGrace.value.status).toBe('completed');
      const revoked = await store().measureLinks.revoke(expiring.id, now);
      expect(revoked.ok && revoked.value.status).toBe('revoked');
      expect((await store().measureLinks.listForClient(client.id)).map((l) => l.id)).toEqual([
        late.id,
        expiring.id,
        link.id,
      ]);
    });

    it('replaces schedules as a whole and lists them per client', async () => {
      const { client } = await seed(store());
      const other = await seed(store());
      const first = await store().measureSchedules.replace(client.id, [
        { instrument: 'phq9', cadence: { kind: 'every_session' }, active: true },
        { instrument: 'gad7', cadence: { kind: 'interval', days: 14 }, active: false },
      ]);
      expect(first.map((s) => [s.instrument, s.cadence, s.active])).toEqual([
        ['phq9', { kind: 'every_session' }, true],
        ['gad7', { kind: 'interval', days: 14 }, false],
      ]);
      await store().measureSchedules.replace(other.client.id, [
        { instrument: 'pcl5', cadence: { kind: 'interval', days: 30 }, active: true },
      ]);
      const second = await store().measureSchedules.replace(client.id, [
        { instrument: 'gad7', cadence: { kind: 'interval', days: 7 }, active: true },
      ]);
      expect(await store().measureSchedules.listForClient(client.id)).toEqual(second);
      expect(
        (await store().measureSchedules.listForClients([client.id, other.client.id])).map(
          (s) => s.instrument,
        ),
      ).toEqual(expect.arrayContaining(['gad7', 'pcl5']));
      expect(await store().measureSchedules.replace(client.id, [])).toEqual([]);
      expect(await store().measureSchedules.listForClients([])).toEqual([]);
    });

    it('keeps alerts per clinician, acknowledges once, links a safety assessment', async () => {
      const { client, clinician, session } = await seed(store());
      const adm = await store().measures.create(
        administration(client.id, [0, 0, 0, 0, 0, 0, 0, 0, 2], '2025-03-01T10:00:00.000Z'),
      );
      const base = {
        clientId: client.id,
        clinicianId: clinician.id,
        severity: 'urgent' as const,
        message: 'PHQ-9 item 9 answered above 0.',
      };
      const a = await store().alerts.create({
        ...base,
        kind: 'phq9_item9',
        administrationId: adm.id,
        sessionId: null,
      });
      const s = await store().alerts.create({
        ...base,
        kind: 'session_risk',
        administrationId: null,
        sessionId: session.id,
      });
      expect(
        (await store().alerts.listForClinicians([clinician.id], { openOnly: true })).map(
          (x) => x.id,
        ),
      ).toEqual([s.id, a.id]);
      const at = '2025-03-02T10:00:00.000Z';
      const ack = await store().alerts.acknowledge(a.id, clinician.id, at);
      expect(ack).toEqual({
        ok: true,
        value: { ...a, acknowledgedAt: at, acknowledgedBy: clinician.id },
      });
      expect(await store().alerts.acknowledge(a.id, clinician.id, at)).toEqual({
        ok: false,
        reason: 'conflict',
      });
      expect(await store().alerts.acknowledge('missing-alert-01', clinician.id, at)).toEqual({
        ok: false,
        reason: 'not_found',
      });
      expect(
        (await store().alerts.listForClinicians([clinician.id], { openOnly: true })).map(
          (x) => x.id,
        ),
      ).toEqual([s.id]);
      expect(await store().alerts.listForClient(client.id)).toHaveLength(2);
      expect(await store().alerts.listForClinicians([], { openOnly: false })).toEqual([]);

      expect(
        await store().alerts.linkSafetyAssessment({ administrationId: adm.id }, 'assessment-0001'),
      ).toBe(1);
      expect(
        await store().alerts.linkSafetyAssessment({ administrationId: adm.id }, 'assessment-0002'),
      ).toBe(0);
      expect(
        await store().alerts.linkSafetyAssessment({ sessionId: session.id }, 'assessment-0003'),
      ).toBe(1);
      expect((await store().alerts.get(a.id))?.safetyAssessmentId).toBe('assessment-0001');
      expect((await store().alerts.get(s.id))?.safetyAssessmentId).toBe('assessment-0003');
    });

    it('of concurrent completions of one link (over every instance) exactly one succeeds', async () => {
      await withInstances(target, 3, async (stores) => {
        const [first] = stores;
        const { client, clinician } = await seed(first);
        const link = await first.measureLinks.create({
          clientId: client.id,
          tokenHash: hashToken(newToken()),
          instruments: ['phq9'],
          sessionId: null,
          createdBy: clinician.id,
          expiresAt: '2030-01-01T00:00:00.000Z',
        });
        const outcomes = await Promise.all(
          Array.from({ length: 12 }, (_, i) =>
            (stores[i % stores.length] as Store).transaction(async (tx) => {
              const done = await tx.measureLinks.complete(link.id, '2025-01-01T00:00:00.000Z');
              if (!done.ok) return 'refused';
              await tx.measures.create(
                administration(client.id, [0, 0, 0, 0, 0, 0, 0, 0, 0], '2025-01-01T00:00:00.000Z', {
                  linkId: link.id,
                }),
              );
              return 'stored';
            }),
          ),
        );
        expect(outcomes.filter((o) => o === 'stored')).toHaveLength(1);
        expect(await first.measures.listForClient(client.id)).toHaveLength(1);
      });
    });

    it('of 40 simultaneous rate-limit hits of one key (over every instance) allows exactly 20, recording only those', async () => {
      await withInstances(target, 3, async (stores, fresh) => {
        const key = `respond-fail:${rnd()}`;
        const at = '2025-03-01T10:00:00.000Z';
        const windowStart = '2025-03-01T09:45:00.000Z';
        const results = await Promise.all(
          Array.from({ length: 40 }, (_, i) =>
            (stores[i % stores.length] as Store).rateLimits.take(key, at, windowStart, 20),
          ),
        );
        const allowed = results.filter((r) => r.allowed).map((r) => r.count);
        expect(allowed.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
        expect(results.filter((r) => !r.allowed).every((r) => r.count === 20)).toBe(true);
        const first = stores[0];
        expect(await first.rateLimits.count(key, windowStart)).toBe(20);
        // Refused hits left no rows.
        const [row] = await fresh.raw('select count(*) as n from rate_limit_hits');
        expect(Number(row?.n)).toBe(20);
        expect(await first.rateLimits.count(`other:${rnd()}`, windowStart)).toBe(0);
        // A window later the key starts again.
        expect(
          await first.rateLimits.take(
            key,
            '2025-03-01T10:20:00.000Z',
            '2025-03-01T10:05:00.000Z',
            20,
          ),
        ).toEqual({ allowed: true, count: 1 });
      });
    });

    it('prunes stale hits of every key (bounded per hit), and stores keys only as HMACs', async () => {
      const fresh = await target().fresh();
      const s = await fresh.open();
      try {
        await s.migrate();
        const old = '2025-03-01T10:00:00.000Z';
        const oldWindow = '2025-03-01T09:45:00.000Z';
        const addresses = Array.from({ length: 30 }, (_, i) => `203.0.113.${i + 1}`);
        for (const a of addresses) {
          expect((await s.rateLimits.take(`respond-fail:${a}`, old, oldWindow, 20)).allowed).toBe(
            true,
          );
        }
        const rows = await fresh.raw('select key from rate_limit_hits');
        expect(rows).toHaveLength(30);
        for (const r of rows) {
          const k = String(r.key);
          expect(k).toMatch(/^[0-9a-f]{64}$/);
          for (const a of addresses) {
            expect(k).not.toContain(a);
            expect(k).not.toBe(createHash('sha256').update(`respond-fail:${a}`).digest('hex'));
          }
        }
        // A day later one hit of another key removes the other keys' stale rows.
        await s.rateLimits.take(
          'respond-fail:198.51.100.1',
          '2025-03-02T10:00:00.000Z',
          '2025-03-02T09:45:00.000Z',
          20,
        );
        const [left] = await fresh.raw('select count(*) as n from rate_limit_hits');
        expect(Number(left?.n)).toBe(1);
        // Bounded: of 600 stale rows one hit deletes RATE_PRUNE_BATCH (500), the next the rest.
        const values = Array.from(
          { length: 600 },
          (_, i) => `('stale-${i}', 'k${i % 7}', '2025-03-02T10:00:00.000Z')`,
        );
        await fresh.raw(`insert into rate_limit_hits (id, key, at) values ${values.join(', ')}`);
        const later = ['2025-03-03T10:00:00.000Z', '2025-03-03T09:45:00.000Z'] as const;
        await s.rateLimits.take('respond-open:198.51.100.2', ...later, 60);
        const [after1] = await fresh.raw('select count(*) as n from rate_limit_hits');
        expect(Number(after1?.n)).toBe(601 - RATE_PRUNE_BATCH + 1);
        await s.rateLimits.take('respond-open:198.51.100.2', ...later, 60);
        const [after2] = await fresh.raw('select count(*) as n from rate_limit_hits');
        expect(Number(after2?.n)).toBe(2);
      } finally {
        await s.close();
      }
    });
  });
}

forEachDatabase('Measures store contract', contract);
