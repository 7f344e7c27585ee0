/**
 * Storage contract of the care-record repositories (migration 0006): signed plan versions
 * (numbered per client, sealed and bound to their row), consent records (withdraw once),
 * safety assessments (draft-only changes, confirm once, also under concurrent calls) and the
 * safety plan (a change returns it to draft). Runs against SQLite and PostgreSQL
 * (`forEachDatabase` in test-helpers.ts), like store.contract.test.ts.
 */
import { describe, expect, it } from 'vitest';
import {
  ClientPlanSchema,
  SafetyAssessmentBodySchema,
  SafetyPlanBodySchema,
  type ClientPlan,
  type PlanSignature,
} from '../domain/schemas.js';
import type { NewConsent } from './port.js';
import {
  type ContractTarget,
  forEachDatabase,
  rnd,
  seed,
  useContractStore,
} from './test-helpers.js';

const at = (day: number): string => new Date(Date.UTC(2025, 2, day, 12)).toISOString();

function signed(
  text: string,
  signedBy: string,
  day: number,
): ClientPlan & { signature: PlanSignature } {
  const plan = ClientPlanSchema.parse({ goals: [{ id: 'G1', text }], duration: `${day} weeks` });
  return { ...plan, signature: { signedBy, signerName: 'Dr Test', signedAt: at(day) } };
}

function consent(clientId: string, recordedBy: string, notes = ''): NewConsent {
  return {
    clientId,
    kind: 'intervention',
    interventionId: 'exposure.in_vivo',
    discussed: { rationale: true, risksAndDistress: true, alternatives: false, rightToStop: true },
    decision: 'agreed',
    date: '2025-03-01',
    notes,
    recordedBy,
  };
}

function contract(name: string, target: () => ContractTarget): void {
  describe(`Care records store contract: ${name}`, () => {
    const { store, db } = useContractStore(target);

    it('numbers signed plan versions per client, oldest first, sealed and bound to their row', async () => {
      const { client, clinician } = await seed(store());
      const other = await seed(store());
      const mark = `Plumbago${rnd()}`;
      const v1 = await store().planVersions.add(client.id, signed(`${mark} one`, clinician.id, 1));
      const v2 = await store().planVersions.add(client.id, signed(`${mark} two`, clinician.id, 2));
      const o1 = await store().planVersions.add(
        other.client.id,
        signed('other', other.clinician.id, 3),
      );
      expect([v1.version, v2.version, o1.version]).toEqual([1, 2, 1]);
      const list = await store().planVersions.list(client.id);
      expect(list).toEqual([v1, v2]);
      expect(list[1]?.plan.goals[0]?.text).toBe(`${mark} two`);
      expect(list[1]?.signedAt).toBe(at(2));
      expect(await store().planVersions.list('missing-id-123')).toEqual([]);
      const rows = await db().raw('select * from plan_versions');
      expect(JSON.stringify(rows)).not.toContain(mark);
      // A version's ciphertext copied onto another version fails to open.
      const [first] = await db().raw(
        'select plan from plan_versions where client_id = ? and version = 1',
        [client.id],
      );
      await db().raw('update plan_versions set plan = ? where client_id = ? and version = 2', [
        first?.['plan'],
        client.id,
      ]);
      await expect(store().planVersions.list(client.id)).rejects.toThrow();
    });

    it('keeps consent records newest first; withdraws once; seals their content', async () => {
      const { client, clinician } = await seed(store());
      const mark = `Gallimaufry${rnd()}`;
      const a = await store().consents.create(consent(client.id, clinician.id, mark));
      const b = await store().consents.create({
        ...consent(client.id, clinician.id),
        kind: 'recording',
        interventionId: null,
        decision: 'declined',
      });
      expect(a).toMatchObject({ clientId: client.id, notes: mark, withdrawnAt: null });
      expect(await store().consents.get(a.id)).toEqual(a);
      expect(await store().consents.get('missing-id-123')).toBeUndefined();
      expect((await store().consents.listForClient(client.id)).map((c) => c.id)).toEqual([
        b.id,
        a.id,
      ]);

      const w = await store().consents.withdraw(a.id, at(5));
      expect(w).toEqual({ ok: true, value: { ...a, withdrawnAt: at(5) } });
      expect(await store().consents.withdraw(a.id, at(6))).toEqual({
        ok: false,
        reason: 'conflict',
      });
      expect(await store().consents.withdraw('missing-id-123', at(6))).toEqual({
        ok: false,
        reason: 'not_found',
      });
      const text = JSON.stringify(await db().raw('select * from consents'));
      for (const needle of [mark, 'exposure.in_vivo', 'declined', '2025-03-01']) {
        expect(text.includes(needle), needle).toBe(false);
      }
      await expect(
        store().consents.create(consent('missing-client-123', clinician.id)),
      ).rejects.toThrow();
    });

    it('changes safety assessments only as drafts and confirms them once (also when raced)', async () => {
      const { client, clinician, session } = await seed(store());
      const mark = `Quodlibet${rnd()}`;
      const content = SafetyAssessmentBodySchema.parse({
        ideation: { status: 'present', detail: mark },
      });
      const a = await store().safetyAssessments.create({
        ...content,
        clientId: client.id,
        sessionId: session.id,
        trigger: { kind: 'session_risk', sessionId: session.id },
        createdBy: clinician.id,
      });
      expect(a).toMatchObject({
        status: 'draft',
        plan: { status: 'not_assessed', detail: '' },
        trigger: { kind: 'session_risk', sessionId: session.id },
        confirmedAt: null,
      });
      expect(await store().safetyAssessments.get(a.id)).toEqual(a);
      const b = await store().safetyAssessments.create({
        ...SafetyAssessmentBodySchema.parse({}),
        clientId: client.id,
        sessionId: null,
        trigger: { kind: 'clinician' },
        createdBy: clinician.id,
      });
      expect((await store().safetyAssessments.listForClient(client.id)).map((x) => x.id)).toEqual([
        b.id,
        a.id,
      ]);

      const upd = await store().safetyAssessments.updateDraft(a.id, {
        ...content,
        riskLevel: 'low',
      });
      expect(upd.ok && upd.value.riskLevel).toBe('low');
      expect(upd.ok && upd.value.trigger).toEqual(a.trigger);

      const racers = await Promise.all(
        Array.from({ length: 5 }, () =>
          store().safetyAssessments.confirm(a.id, clinician.id, at(9)),
        ),
      );
      expect(racers.filter((r) => r.ok)).toHaveLength(1);
      expect(racers.flatMap((r) => (r.ok ? [] : [r.reason]))).toEqual(Array(4).fill('locked'));
      const confirmed = await store().safetyAssessments.get(a.id);
      expect(confirmed).toMatchObject({
        status: 'confirmed',
        confirmedBy: clinician.id,
        confirmedAt: at(9),
        riskLevel: 'low',
        ideation: { status: 'present', detail: mark },
        plan: { status: 'not_assessed', detail: '' },
      });
      expect(await store().safetyAssessments.updateDraft(a.id, content)).toEqual({
        ok: false,
        reason: 'locked',
      });
      expect(await store().safetyAssessments.updateDraft('missing-id-123', content)).toEqual({
        ok: false,
        reason: 'not_found',
      });
      expect(
        await store().safetyAssessments.confirm('missing-id-123', clinician.id, at(9)),
      ).toEqual({
        ok: false,
        reason: 'not_found',
      });
      expect(JSON.stringify(await db().raw('select * from safety_assessments'))).not.toContain(
        mark,
      );
    });

    it('keeps one safety plan per client: draft, confirmed once, back to draft when changed; sealed', async () => {
      const { client, clinician } = await seed(store());
      const mark = `Susurrus${rnd()}`;
      expect(await store().safetyPlans.get(client.id)).toBeUndefined();
      expect(await store().safetyPlans.confirm(client.id, clinician.id, at(1))).toEqual({
        ok: false,
        reason: 'not_found',
      });
      const body = SafetyPlanBodySchema.parse({ warningSigns: [mark] });
      const draft = await store().safetyPlans.put(client.id, body);
      expect(draft).toMatchObject({ clientId: client.id, status: 'draft', warningSigns: [mark] });
      expect(await store().safetyPlans.get(client.id)).toEqual(draft);
      const c = await store().safetyPlans.confirm(client.id, clinician.id, at(2));
      expect(c).toEqual({
        ok: true,
        value: {
          ...draft,
          status: 'confirmed',
          confirmedBy: clinician.id,
          confirmedAt: at(2),
          updatedAt: at(2),
        },
      });
      expect(await store().safetyPlans.confirm(client.id, clinician.id, at(3))).toEqual({
        ok: false,
        reason: 'locked',
      });
      const again = await store().safetyPlans.put(client.id, { ...body, reasonsForLiving: ['x'] });
      expect(again).toMatchObject({ status: 'draft', confirmedAt: null, confirmedBy: null });
      expect(await store().safetyPlans.get(client.id)).toEqual(again);
      expect(JSON.stringify(await db().raw('select * from safety_plans'))).not.toContain(mark);
    });
  });
}

forEachDatabase('Care records store contract', contract);
