/**
 * Treatment plans through the API (issue 5): saving checks every reference and names the part
 * that is wrong; signing needs what payers check and lists what is missing; a signed plan that
 * changes loses its signature while the signed version is kept; access per role; audit entries;
 * the signed versions are sealed at rest.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  ClientPlanSchema,
  ClientSchema,
  PlanVersionSchema,
  type ClientPlan,
} from '../../src/server/domain/schemas.js';
import { enginePlan } from '../../src/server/services/clients.js';
import { signablePlan } from './care-helpers.js';
import { createClient, errorOf, profile, read, rnd, useApi, type Caller } from './harness.js';

const api = useApi();

const PlanReply = z.object({ plan: ClientPlanSchema });
const VersionsReply = z.object({ versions: z.array(PlanVersionSchema) });

const paths = (r: { json: unknown; status: number; text: string }): string[] =>
  (errorOf({ ...r, headers: new Headers(), bytes: Buffer.alloc(0) }).issues ?? []).map(
    (i) => i.path,
  );

/**
 * Sign the plan the caller last read: `expectedUpdatedAt` is its `updatedAt` (a caller who may
 * not read the client, or a client without a saved plan, sends an old time; never stale then).
 */
async function sign(as: Caller, clientId: string, expectedUpdatedAt?: string) {
  let at = expectedUpdatedAt;
  if (at === undefined) {
    const seen = z
      .object({ plan: z.object({ updatedAt: z.string().optional() }) })
      .safeParse((await as.get(`/api/clients/${clientId}`)).json);
    at = seen.success ? seen.data.plan.updatedAt : undefined;
  }
  return as.post(`/api/clients/${clientId}/plan/sign`, {
    expectedUpdatedAt: at ?? new Date(0).toISOString(),
  });
}

async function clientOf(as: Caller): Promise<string> {
  return (await createClient(as)).id;
}

describe('saving a plan', () => {
  it('saves the full plan (bare intervention ids read as planned interventions) and clears nothing it was not told to', async () => {
    const clin = await api.user('clinician');
    const id = await clientOf(clin);
    const r = await clin.put(`/api/clients/${id}/plan`, signablePlan());
    expect(r.status, r.text).toBe(200);
    const plan = read(PlanReply, r).plan;
    expect(plan.problems[0]?.diagnosisCodes).toEqual(['F41.1']);
    expect(plan.goals[0]?.objectives[0]).toMatchObject({
      instrument: 'gad7',
      targetScore: 9,
      status: 'open',
    });
    expect(plan.plannedInterventions[1]).toEqual({
      interventionId: 'skills.breathing',
      rationale: '',
      expectedOutcomes: '',
      goalIds: [],
      frequency: '',
    });
    expect(plan.signature).toBeNull();
    const got = read(PlanReply, await clin.get(`/api/clients/${id}`)).plan;
    expect(got).toEqual(plan);
  });

  it('names every broken reference by its path, without quoting the plan', async () => {
    const clin = await api.user('clinician');
    const id = await clientOf(clin);
    const secret = `Marmalade${rnd()}`;
    const r = await clin.put(`/api/clients/${id}/plan`, {
      problems: [
        { id: 'P1', text: secret, diagnosisCodes: ['F41.1', 'F32.1'] },
        { id: 'P1', text: 'again' },
      ],
      goals: [
        {
          id: 'G1',
          text: secret,
          problemId: 'P9',
          objectives: [
            { id: 'O1', text: 'a', instrument: 'gad7', targetScore: 30 },
            { id: 'O1', text: 'b', targetScore: 5 },
            { id: 'O2', text: 'c', instrument: 'phq9', targetScore: 27 },
          ],
        },
        { id: 'G1', text: 'twice' },
      ],
      plannedInterventions: [
        { interventionId: 'cbt.made_up', goalIds: ['G1', 'G7'] },
        'cbt.cognitive_restructuring',
        'cbt.cognitive_restructuring',
      ],
      startDate: '2026-03-01',
      reviewDate: '2026-02-28',
    });
    expect(r.status).toBe(400);
    const e = errorOf(r);
    expect(e.code).toBe('validation_failed');
    const byPath = new Map((e.issues ?? []).map((i) => [i.path, i.message]));
    expect(byPath.get('body.problems[1].id')).toBe('is already used by problems[0]');
    expect(byPath.get('body.problems[0].diagnosisCodes[1]')).toMatch(
      /not a diagnosis on the client/,
    );
    expect(byPath.has('body.problems[0].diagnosisCodes[0]')).toBe(false);
    expect(byPath.get('body.goals[1].id')).toBe('is already used by goals[0]');
    expect(byPath.get('body.goals[0].problemId')).toBe('names no problem of this plan');
    expect(byPath.get('body.goals[0].objectives[1].id')).toMatch(
      /already used by goals\[0\]\.objectives\[0\]/,
    );
    expect(byPath.get('body.goals[0].objectives[0].targetScore')).toBe(
      'must be within the GAD-7 score range 0–21',
    );
    expect(byPath.get('body.goals[0].objectives[1].instrument')).toBe(
      'is needed when targetScore is set',
    );
    expect(byPath.has('body.goals[0].objectives[2].targetScore')).toBe(false); // PHQ-9 0–27
    expect(byPath.get('body.plannedInterventions[0].interventionId')).toMatch(
      /not an intervention of the catalogue/,
    );
    expect(byPath.get('body.plannedInterventions[0].goalIds[1]')).toBe(
      'names no goal of this plan',
    );
    expect(byPath.has('body.plannedInterventions[0].goalIds[0]')).toBe(false);
    expect(byPath.get('body.plannedInterventions[2].interventionId')).toBe(
      'is already planned at plannedInterventions[1]',
    );
    expect(byPath.get('body.reviewDate')).toBe('must not be before startDate');
    expect(e.message).toMatch(/^The request body is not valid \(\d+ problems; first body\./);
    expect(r.text).not.toContain(secret);
    expect(r.text).not.toContain('F32.1');
    expect(r.text).not.toContain('made_up');
    // Nothing was saved.
    expect(read(PlanReply, await clin.get(`/api/clients/${id}`)).plan.goals).toEqual([]);
  });

  it('refuses a signature or unknown field in the body', async () => {
    const clin = await api.user('clinician');
    const id = await clientOf(clin);
    const r = await clin.put(`/api/clients/${id}/plan`, {
      ...signablePlan(),
      signature: {
        signedBy: 'x'.repeat(22),
        signerName: 'Forged',
        signedAt: new Date().toISOString(),
      },
    });
    expect(r.status).toBe(400);
    expect(paths(r)).toContain('body.signature');
  });
});

describe('signing a plan', () => {
  it('refuses an empty plan, listing every missing element as an issue', async () => {
    const clin = await api.user('clinician');
    const id = (await createClient(clin, { ...profile(), diagnoses: [] })).id;
    const r = await sign(clin, id);
    expect(r.status).toBe(400);
    const e = errorOf(r);
    expect(e.code).toBe('validation_failed');
    expect(e.message).toMatch(/^The plan cannot be signed yet: 7 element\(s\) missing or invalid/);
    expect(paths(r).sort()).toEqual(
      [
        'plan.problems',
        'plan.goals',
        'plan.plannedInterventions',
        'plan.frequency',
        'plan.duration',
        'plan.reviewDate',
        'client.profile.diagnoses',
      ].sort(),
    );
  });

  it('lists only what is missing: objectives not measurable, interventions without rationale', async () => {
    const clin = await api.user('clinician');
    const id = await clientOf(clin);
    const plan = signablePlan() as Record<string, unknown> & { goals: Record<string, unknown>[] };
    const partial = {
      ...plan,
      goals: plan.goals.map((g) => ({ ...g, objectives: [{ id: 'O1', text: 'Feel better' }] })),
      plannedInterventions: ['cbt.cognitive_restructuring'],
      duration: '',
    };
    expect((await clin.put(`/api/clients/${id}/plan`, partial)).status).toBe(200);
    const r = await sign(clin, id);
    expect(r.status).toBe(400);
    expect(paths(r).sort()).toEqual(
      ['plan.duration', 'plan.goals', 'plan.plannedInterventions'].sort(),
    );
    expect(read(PlanReply, await clin.get(`/api/clients/${id}`)).plan.signature).toBeNull();
  });

  it("refuses a plan whose problem names a diagnosis no longer on the client's profile", async () => {
    const clin = await api.user('clinician');
    const c = await createClient(clin);
    expect((await clin.put(`/api/clients/${c.id}/plan`, signablePlan())).status).toBe(200);
    const changed = { ...c.profile, diagnoses: [{ code: 'F43.10', description: 'PTSD' }] };
    expect((await clin.patch(`/api/clients/${c.id}`, { profile: changed })).status).toBe(200);
    const r = await sign(clin, c.id);
    expect(r.status).toBe(400);
    expect(paths(r)).toEqual(['plan.problems[0].diagnosisCodes[0]']);
  });

  it('signs; an edit clears the signature and keeps the signed version; signing again adds a version', async () => {
    const clin = await api.user('clinician', { name: 'Dr Wilhelmina Oakes' });
    const id = await clientOf(clin);
    expect((await clin.put(`/api/clients/${id}/plan`, signablePlan())).status).toBe(200);
    const before = Date.now();
    const signed = await sign(clin, id);
    expect(signed.status, signed.text).toBe(200);
    const plan = read(PlanReply, signed).plan;
    expect(plan.signature).toMatchObject({
      signedBy: clin.user?.id,
      signerName: 'Dr Wilhelmina Oakes',
    });
    expect(Date.parse(plan.signature?.signedAt ?? '')).toBeGreaterThanOrEqual(before - 1000);
    expect(read(PlanReply, await clin.get(`/api/clients/${id}`)).plan.signature).toEqual(
      plan.signature,
    );

    const again = await sign(clin, id);
    expect(again.status).toBe(409);
    expect(errorOf(again).message).toBe('The plan is already signed.');

    let versions = read(VersionsReply, await clin.get(`/api/clients/${id}/plan/versions`)).versions;
    expect(versions.map((v) => v.version)).toEqual([1]);
    expect(versions[0]?.plan.signature).toEqual(plan.signature);
    expect(versions[0]?.signedAt).toBe(plan.signature?.signedAt);

    const edited = { ...signablePlan(), duration: '16 sessions over 4 months' };
    const put = read(PlanReply, await clin.put(`/api/clients/${id}/plan`, edited)).plan;
    expect(put.signature).toBeNull();
    expect(put.duration).toBe('16 sessions over 4 months');
    versions = read(VersionsReply, await clin.get(`/api/clients/${id}/plan/versions`)).versions;
    expect(versions).toHaveLength(1);
    expect(versions[0]?.plan.duration).toBe('12 sessions over 3 months');
    expect(versions[0]?.plan.signature).toEqual(plan.signature);

    expect((await sign(clin, id)).status).toBe(200);
    versions = read(VersionsReply, await clin.get(`/api/clients/${id}/plan/versions`)).versions;
    expect(versions.map((v) => [v.version, v.plan.duration])).toEqual([
      [1, '12 sessions over 3 months'],
      [2, '16 sessions over 4 months'],
    ]);
  });
});

describe('signing and saving what you saw', () => {
  it('refuses (409) to sign or overwrite a plan that changed since it was read', async () => {
    const clin = await api.user('clinician');
    const id = await clientOf(clin);
    const first = read(PlanReply, await clin.put(`/api/clients/${id}/plan`, signablePlan())).plan;
    // Someone saves again (another tab, "Add to plan" from the Outcomes screen).
    const second = read(
      PlanReply,
      await clin.put(`/api/clients/${id}/plan`, {
        ...signablePlan(),
        duration: '20 sessions',
        expectedUpdatedAt: first.updatedAt,
      }),
    ).plan;
    expect(second.updatedAt).not.toBe(first.updatedAt);

    const stale = await sign(clin, id, first.updatedAt);
    expect(stale.status).toBe(409);
    expect(errorOf(stale).message).toBe('The plan changed since you loaded it.');
    const overwrite = await clin.put(`/api/clients/${id}/plan`, {
      ...signablePlan(),
      expectedUpdatedAt: first.updatedAt,
    });
    expect(overwrite.status).toBe(409);
    expect(read(PlanReply, await clin.get(`/api/clients/${id}`)).plan.duration).toBe('20 sessions');
    expect(await api.store().planVersions.list(id)).toEqual([]);

    const signed = await sign(clin, id, second.updatedAt);
    expect(signed.status, signed.text).toBe(200);
    expect(read(PlanReply, signed).plan.duration).toBe('20 sessions');
    // The body needs the time: signing blind is refused.
    expect((await clin.post(`/api/clients/${id}/plan/sign`, {})).status).toBe(400);
  });

  it('refuses a review date that is not in the future, asking for a future one', async () => {
    const clin = await api.user('clinician');
    const id = await clientOf(clin);
    const today = new Date().toISOString().slice(0, 10);
    for (const reviewDate of ['2020-01-01', today]) {
      const put = await clin.put(`/api/clients/${id}/plan`, {
        ...signablePlan(),
        startDate: '2019-01-01',
        reviewDate,
      });
      expect(put.status, put.text).toBe(200);
      const r = await sign(clin, id);
      expect(r.status, reviewDate).toBe(400);
      expect(paths(r)).toEqual(['plan.reviewDate']);
      expect(errorOf(r).issues?.[0]?.message).toMatch(/set a future review date/);
    }
  });
});

describe('objective checks', () => {
  it('refuses the feedback form as an objective measure and a target date before the start', async () => {
    const clin = await api.user('clinician');
    const id = await clientOf(clin);
    const plan = signablePlan() as Record<string, unknown> & { goals: Record<string, unknown>[] };
    const [g1, ...rest] = plan.goals;
    const r = await clin.put(`/api/clients/${id}/plan`, {
      ...plan,
      startDate: '2026-03-01',
      goals: [
        {
          ...g1,
          objectives: [
            { id: 'O1', text: 'Rates sessions well', instrument: 'feedback', targetScore: 30 },
            { id: 'O2', text: 'Sleeps through', targetDate: '2026-02-01' },
          ],
        },
        ...rest,
      ],
    });
    expect(r.status).toBe(400);
    expect(paths(r).sort()).toEqual([
      'body.goals[0].objectives[0].instrument',
      'body.goals[0].objectives[1].targetDate',
    ]);
    expect(r.text).not.toContain('Rates sessions well');
  });
});

describe('who may do what', () => {
  it('owner writes and signs; the supervisor reads; other clinicians see nothing; admins are refused', async () => {
    const sup = await api.user('supervisor');
    const owner = await api.user('clinician', { supervisorId: sup.user?.id ?? null });
    const other = await api.user('clinician');
    const admin = await api.user('admin');
    const id = await clientOf(owner);
    expect((await owner.put(`/api/clients/${id}/plan`, signablePlan())).status).toBe(200);

    expect((await sup.put(`/api/clients/${id}/plan`, signablePlan())).status).toBe(403);
    const supSign = await sign(sup, id);
    expect(supSign.status).toBe(403);
    expect(errorOf(supSign).message).toBe('Only the clinician who owns this plan may change it.');
    expect((await sign(owner, id)).status).toBe(200);
    expect(
      read(VersionsReply, await sup.get(`/api/clients/${id}/plan/versions`)).versions,
    ).toHaveLength(1);

    for (const path of [`/api/clients/${id}/plan/versions`]) {
      expect((await other.get(path)).status).toBe(404);
      expect((await admin.get(path)).status).toBe(403);
    }
    expect((await sign(other, id)).status).toBe(404);
    expect((await other.put(`/api/clients/${id}/plan`, signablePlan())).status).toBe(404);
    expect((await sign(admin, id)).status).toBe(403);
  });
});

describe('audit and encryption at rest', () => {
  it('audits the save, the signature and reading the versions (ids only)', async () => {
    const clin = await api.user('clinician');
    const c = await createClient(clin);
    const saved = read(PlanReply, await clin.put(`/api/clients/${c.id}/plan`, signablePlan())).plan;
    await sign(clin, c.id, saved.updatedAt);
    await clin.get(`/api/clients/${c.id}/plan/versions`);
    const entries = (await api.store().audit.list(0, 100_000)).filter(
      (e) => e.actorId === clin.user?.id && e.recordType === 'plan',
    );
    expect(entries.map((e) => [e.action, e.recordId])).toEqual([
      ['update', c.id],
      ['sign', c.id],
      ['read', c.id],
    ]);
    expect(JSON.stringify(entries)).not.toContain('Persistent worry');
  });

  it('a refused signature writes nothing: no signature, no version, no audit entry', async () => {
    const clin = await api.user('clinician');
    const id = await clientOf(clin);
    await clin.put(`/api/clients/${id}/plan`, { goals: [{ id: 'G1', text: 'Sleep' }] });
    expect((await sign(clin, id)).status).toBe(400);
    expect(await api.store().planVersions.list(id)).toEqual([]);
    const entries = (await api.store().audit.list(0, 100_000)).filter(
      (e) => e.actorId === clin.user?.id && e.action === 'sign',
    );
    expect(entries).toEqual([]);
  });

  it('keeps signed versions sealed in the database', async () => {
    const clin = await api.user('clinician');
    const id = await clientOf(clin);
    const mark = `Quincunx${rnd()}`;
    await clin.put(`/api/clients/${id}/plan`, { ...signablePlan(), conceptualization: mark });
    expect((await sign(clin, id)).status).toBe(200);
    const db = new Database(api.dbPath(), { readonly: true, fileMustExist: true });
    try {
      const rows = db.prepare('SELECT * FROM plan_versions WHERE client_id = ?').all(id);
      expect(rows).toHaveLength(1);
      expect(JSON.stringify(rows)).not.toContain(mark);
      expect(JSON.stringify(rows)).not.toContain('Persistent worry');
    } finally {
      db.close();
    }
    const versions = read(VersionsReply, await clin.get(`/api/clients/${id}/plan/versions`));
    expect(versions.versions[0]?.plan.conceptualization).toBe(mark);
  });
});

describe('the engine plan', () => {
  it("passes goals with their objectives' text and instrument, and planned intervention ids", () => {
    const plan: ClientPlan = ClientPlanSchema.parse(signablePlan());
    const client = ClientSchema.parse({
      id: 'c'.repeat(22),
      clinicianId: 'u'.repeat(22),
      profile: profile(),
      createdAt: new Date().toISOString(),
      updatedAt: new Date().toISOString(),
    });
    const engine = enginePlan(client, plan);
    expect(engine.goals[0]?.objectives).toEqual([
      { id: 'O1', text: 'GAD-7 below 10 by the 12-week review', instrument: 'gad7' },
    ]);
    expect(engine.goals[1]).not.toHaveProperty('objectives');
    expect(engine.goals[2]?.objectives).toEqual([
      { id: 'O1', text: 'Asleep within 30 minutes on 5 nights a week' },
    ]);
    expect(engine.plannedInterventions).toEqual([
      'cbt.cognitive_restructuring',
      'skills.breathing',
    ]);
  });
});
