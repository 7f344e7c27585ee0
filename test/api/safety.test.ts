/**
 * Safety documentation through the API (issue 5): assessments start with every element
 * `not_assessed` and keep it through confirmation; a confirmed assessment is final (409); an
 * assessment opened for a PHQ-9 item-9 alert is linked to it; triggers and sessions must be the
 * client's; the safety plan's lifecycle (null → draft → confirmed → draft on change); access per
 * role; audit entries; content sealed at rest.
 */
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  ClinicalAlertSchema,
  MeasureAdministrationSchema,
  SafetyAssessmentSchema,
  SafetyPlanSchema,
} from '../../src/server/domain/schemas.js';
import { raiseSessionRisk } from '../../src/server/services/alerts.js';
import { safetyPlanBody } from './care-helpers.js';
import { createClient, createSession, errorOf, read, rnd, useApi, type Caller } from './harness.js';

const api = useApi();

const AssessmentReply = z.object({ assessment: SafetyAssessmentSchema });
const AssessmentsReply = z.object({ assessments: z.array(SafetyAssessmentSchema) });
const PlanReply = z.object({ safetyPlan: SafetyPlanSchema.nullable() });

const NOT_ASSESSED = { status: 'not_assessed', detail: '' };

async function open(as: Caller, clientId: string, body: unknown) {
  const r = await as.post(`/api/clients/${clientId}/safety-assessments`, body);
  expect(r.status, r.text).toBe(201);
  return read(AssessmentReply, r).assessment;
}

describe('safety assessments', () => {
  it('starts with every element not assessed; only what the clinician chose is set', async () => {
    const clin = await api.user('clinician');
    const { id } = await createClient(clin);
    const blank = await open(clin, id, { trigger: { kind: 'clinician' } });
    expect(blank).toMatchObject({
      clientId: id,
      sessionId: null,
      trigger: { kind: 'clinician' },
      status: 'draft',
      ideation: NOT_ASSESSED,
      plan: NOT_ASSESSED,
      intent: NOT_ASSESSED,
      means: NOT_ASSESSED,
      protectiveFactors: [],
      riskFactors: [],
      riskLevel: 'not_assessed',
      actions: '',
      confirmedAt: null,
      confirmedBy: null,
      createdBy: clin.user?.id,
    });
    const some = await open(clin, id, {
      trigger: { kind: 'clinician' },
      ideation: { status: 'present', detail: 'Passive thoughts this week' },
      means: { status: 'absent' },
    });
    expect(some.ideation).toEqual({ status: 'present', detail: 'Passive thoughts this week' });
    expect(some.means).toEqual({ status: 'absent', detail: '' });
    expect(some.plan).toEqual(NOT_ASSESSED);
    expect(some.intent).toEqual(NOT_ASSESSED);
    expect(some.riskLevel).toBe('not_assessed');
    const list = read(AssessmentsReply, await clin.get(`/api/clients/${id}/safety-assessments`));
    expect(list.assessments.map((a) => a.id)).toEqual([some.id, blank.id]);
  });

  it('a draft changes; confirming records who and when and keeps not_assessed answers; then it is final', async () => {
    const clin = await api.user('clinician');
    const { id } = await createClient(clin);
    const a = await open(clin, id, { trigger: { kind: 'clinician' } });
    const put = await clin.put(`/api/safety-assessments/${a.id}`, {
      ideation: { status: 'present', detail: 'Passive' },
      protectiveFactors: ['Children at home'],
      riskLevel: 'low',
      actions: 'Safety plan reviewed',
    });
    expect(put.status, put.text).toBe(200);
    const draft = read(AssessmentReply, put).assessment;
    expect(draft).toMatchObject({ status: 'draft', riskLevel: 'low', intent: NOT_ASSESSED });

    const before = Date.now();
    const c = await clin.post(`/api/safety-assessments/${a.id}/confirm`);
    expect(c.status, c.text).toBe(200);
    const confirmed = read(AssessmentReply, c).assessment;
    expect(confirmed.status).toBe('confirmed');
    expect(confirmed.confirmedBy).toBe(clin.user?.id);
    expect(Date.parse(confirmed.confirmedAt ?? '')).toBeGreaterThanOrEqual(before - 1000);
    const content = (x: typeof draft) => ({
      ideation: x.ideation,
      plan: x.plan,
      intent: x.intent,
      means: x.means,
      protectiveFactors: x.protectiveFactors,
      riskFactors: x.riskFactors,
      riskLevel: x.riskLevel,
      actions: x.actions,
    });
    expect(content(confirmed)).toEqual(content(draft));
    expect(confirmed.plan).toEqual(NOT_ASSESSED);
    expect(confirmed.means).toEqual(NOT_ASSESSED);

    const late = await clin.put(`/api/safety-assessments/${a.id}`, { riskLevel: 'high' });
    expect(late.status).toBe(409);
    expect(errorOf(late).message).toMatch(/confirmed and can no longer be changed/);
    expect((await clin.post(`/api/safety-assessments/${a.id}/confirm`)).status).toBe(409);
    const after = read(AssessmentsReply, await clin.get(`/api/clients/${id}/safety-assessments`));
    expect(after.assessments[0]).toEqual(confirmed);
  });

  it("links the PHQ-9 item-9 alert to the assessment opened for it; refuses another client's administration or session", async () => {
    const clin = await api.user('clinician');
    const { id } = await createClient(clin);
    const other = await createClient(clin);
    const measured = await clin.post(`/api/clients/${id}/measures`, {
      instrument: 'phq9',
      answers: [1, 1, 1, 1, 1, 1, 1, 1, 2],
    });
    expect(measured.status, measured.text).toBe(201);
    const { administration, alerts } = read(
      z.object({
        administration: MeasureAdministrationSchema,
        alerts: z.array(ClinicalAlertSchema),
      }),
      measured,
    );
    expect(alerts.map((x) => x.kind)).toEqual(['phq9_item9']);

    const wrong = await clin.post(`/api/clients/${other.id}/safety-assessments`, {
      trigger: { kind: 'phq9_item9', administrationId: administration.id },
    });
    expect(wrong.status).toBe(400);
    expect(errorOf(wrong).issues?.map((i) => i.path)).toEqual(['body.trigger.administrationId']);

    const a = await open(clin, id, {
      trigger: { kind: 'phq9_item9', administrationId: administration.id },
    });
    const all = read(
      z.object({ alerts: z.array(ClinicalAlertSchema) }),
      await clin.get('/api/alerts?status=all'),
    ).alerts;
    expect(all.find((x) => x.id === alerts[0]?.id)?.safetyAssessmentId).toBe(a.id);
    const entries = (await api.store().audit.list(0, 100_000)).filter(
      (e) => e.actorId === clin.user?.id && e.recordType === 'alert' && e.action === 'update',
    );
    expect(entries.map((e) => e.recordId)).toContain(alerts[0]?.id);

    // A session of another client, as trigger or as the assessment's session: refused.
    const { sessionId: otherSession } = await createSession(clin, other.id);
    const bad = await clin.post(`/api/clients/${id}/safety-assessments`, {
      trigger: { kind: 'session_risk', sessionId: otherSession },
      sessionId: otherSession,
    });
    expect(bad.status).toBe(400);
    expect(
      errorOf(bad)
        .issues?.map((i) => i.path)
        .sort(),
    ).toEqual(['body.sessionId', 'body.trigger.sessionId']);
    // Its own session: the assessment belongs to that session.
    const { sessionId } = await createSession(clin, id);
    const s = await open(clin, id, { trigger: { kind: 'session_risk', sessionId } });
    expect(s.sessionId).toBe(sessionId);
  });
});

describe('the safety plan', () => {
  it('is null until written; a draft; confirmed; back to draft when changed', async () => {
    const clin = await api.user('clinician');
    const { id } = await createClient(clin);
    const url = `/api/clients/${id}/safety-plan`;
    expect(read(PlanReply, await clin.get(url)).safetyPlan).toBeNull();
    const confirm = (at: string | undefined) =>
      clin.post(`${url}/confirm`, { expectedUpdatedAt: at ?? new Date(0).toISOString() });
    expect((await confirm(undefined)).status).toBe(404);

    const empty = read(PlanReply, await clin.put(url, {})).safetyPlan;
    expect(empty).toMatchObject({
      status: 'draft',
      warningSigns: [],
      copingStrategies: [],
      helpContacts: [],
    });
    const refused = await confirm(empty?.updatedAt);
    expect(refused.status).toBe(400);
    expect(errorOf(refused).message).toMatch(/empty/);

    const written = read(PlanReply, await clin.put(url, safetyPlanBody())).safetyPlan;
    expect(written?.status).toBe('draft');
    expect(written?.helpContacts).toEqual([{ name: 'Sister', contact: 'phone in contacts' }]);
    const confirmed = read(PlanReply, await confirm(written?.updatedAt)).safetyPlan;
    expect(confirmed).toMatchObject({
      status: 'confirmed',
      confirmedBy: clin.user?.id,
      lastConfirmed: null,
    });
    expect(confirmed?.confirmedAt).not.toBeNull();
    expect((await confirm(confirmed?.updatedAt)).status).toBe(409);

    const changed = read(
      PlanReply,
      await clin.put(url, { ...safetyPlanBody(), reasonsForLiving: ['My dog', 'Garden'] }),
    ).safetyPlan;
    expect(changed).toMatchObject({ status: 'draft', confirmedAt: null, confirmedBy: null });
    // The confirmed text is kept until the plan is confirmed again.
    expect(changed?.lastConfirmed).toMatchObject({
      reasonsForLiving: safetyPlanBody().reasonsForLiving,
      helpContacts: [{ name: 'Sister', contact: 'phone in contacts' }],
      confirmedAt: confirmed?.confirmedAt,
      confirmedBy: clin.user?.id,
    });
    expect(read(PlanReply, await clin.get(url)).safetyPlan).toEqual(changed);
    // A second edit keeps the same confirmed version.
    const again = read(
      PlanReply,
      await clin.put(url, { ...safetyPlanBody(), reasonsForLiving: ['My dog'] }),
    ).safetyPlan;
    expect(again?.lastConfirmed).toEqual(changed?.lastConfirmed);
    // Confirming what you no longer see (the first edit) is refused.
    const stale = await confirm(changed?.updatedAt);
    expect(stale.status).toBe(409);
    expect(errorOf(stale).message).toBe('The safety plan changed since you loaded it.');
    const reconfirmed = read(PlanReply, await confirm(again?.updatedAt)).safetyPlan;
    expect(reconfirmed).toMatchObject({ status: 'confirmed', lastConfirmed: null });
    expect(reconfirmed?.reasonsForLiving).toEqual(['My dog']);

    const entries = (await api.store().audit.list(0, 100_000)).filter(
      (e) => e.actorId === clin.user?.id && e.recordType === 'safety_plan',
    );
    expect(entries.map((e) => [e.action, e.recordId])).toEqual([
      ['create', id],
      ['update', id],
      ['sign', id],
      ['update', id],
      ['read', id],
      ['update', id],
      ['sign', id],
    ]);
  });
});

describe('who may do what', () => {
  it('owner writes and confirms; the supervisor reads; other clinicians see nothing; admins are refused', async () => {
    const sup = await api.user('supervisor');
    const owner = await api.user('clinician', { supervisorId: sup.user?.id ?? null });
    const other = await api.user('clinician');
    const admin = await api.user('admin');
    const { id } = await createClient(owner);
    const a = await open(owner, id, { trigger: { kind: 'clinician' } });
    await owner.put(`/api/clients/${id}/safety-plan`, safetyPlanBody());

    expect(
      read(AssessmentsReply, await sup.get(`/api/clients/${id}/safety-assessments`)).assessments,
    ).toHaveLength(1);
    expect(
      read(PlanReply, await sup.get(`/api/clients/${id}/safety-plan`)).safetyPlan,
    ).not.toBeNull();
    for (const [method, path, body] of [
      ['POST', `/api/clients/${id}/safety-assessments`, { trigger: { kind: 'clinician' } }],
      ['PUT', `/api/safety-assessments/${a.id}`, {}],
      ['POST', `/api/safety-assessments/${a.id}/confirm`, undefined],
      ['PUT', `/api/clients/${id}/safety-plan`, safetyPlanBody()],
      [
        'POST',
        `/api/clients/${id}/safety-plan/confirm`,
        { expectedUpdatedAt: new Date().toISOString() },
      ],
    ] as const) {
      expect((await sup.request(method, path, body)).status, `${method} ${path}`).toBe(403);
      expect((await other.request(method, path, body)).status, `${method} ${path}`).toBe(404);
      expect((await admin.request(method, path, body)).status, `${method} ${path}`).toBe(403);
    }
    for (const path of [
      `/api/clients/${id}/safety-assessments`,
      `/api/clients/${id}/safety-plan`,
    ]) {
      expect((await other.get(path)).status).toBe(404);
      expect((await admin.get(path)).status).toBe(403);
    }
    const missing = randomBytes(16).toString('base64url');
    const hidden = await other.put(`/api/safety-assessments/${a.id}`, {});
    const absent = await other.put(`/api/safety-assessments/${missing}`, {});
    expect(hidden.text).toBe(absent.text);
    expect(errorOf(hidden).message).toBe('No such safety assessment.');
    // Nothing changed.
    const back = read(AssessmentsReply, await owner.get(`/api/clients/${id}/safety-assessments`));
    expect(back.assessments).toEqual([a]);
  });
});

describe('audit and encryption at rest', () => {
  it('audits assessments with ids only, and keeps their content and the safety plan sealed', async () => {
    const clin = await api.user('clinician');
    const { id } = await createClient(clin);
    const mark = `Zephyrine${rnd()}`;
    const a = await open(clin, id, {
      trigger: { kind: 'clinician' },
      ideation: { status: 'present', detail: `${mark} ideation` },
      protectiveFactors: [`${mark} factor`],
    });
    await clin.put(`/api/safety-assessments/${a.id}`, {
      ideation: { status: 'present', detail: `${mark} ideation` },
      riskLevel: 'low',
      actions: `${mark} actions`,
    });
    expect((await clin.post(`/api/safety-assessments/${a.id}/confirm`)).status).toBe(200);
    await clin.get(`/api/clients/${id}/safety-assessments`);
    await clin.put(`/api/clients/${id}/safety-plan`, safetyPlanBody(mark));

    const entries = (await api.store().audit.list(0, 100_000)).filter(
      (e) => e.actorId === clin.user?.id && e.recordType === 'safety_assessment',
    );
    expect(entries.map((e) => [e.action, e.recordId])).toEqual([
      ['create', a.id],
      ['update', a.id],
      ['sign', a.id],
      ['read', a.id],
    ]);
    const db = new Database(api.dbPath(), { readonly: true, fileMustExist: true });
    try {
      for (const table of ['safety_assessments', 'safety_plans', 'audit_log']) {
        const rows = db.prepare(`SELECT * FROM "${table}"`).all();
        expect(rows.length, table).toBeGreaterThan(0);
        const text = JSON.stringify(rows);
        expect(text.includes(mark), table).toBe(false);
        expect(text.includes('Medication kept by partner'), table).toBe(false);
        expect(text.includes('present'), table).toBe(false);
      }
    } finally {
      db.close();
    }
  });
});

describe('confirming an assessment', () => {
  it('needs ideation and the risk level assessed (400 naming them); other elements stay not assessed', async () => {
    const clin = await api.user('clinician');
    const { id } = await createClient(clin);
    const a = await open(clin, id, { trigger: { kind: 'clinician' } });
    const url = `/api/safety-assessments/${a.id}`;
    const blank = await clin.post(`${url}/confirm`);
    expect(blank.status).toBe(400);
    expect(errorOf(blank).issues?.map((i) => i.path)).toEqual([
      'assessment.ideation',
      'assessment.riskLevel',
    ]);
    await clin.put(url, { ideation: { status: 'absent' } });
    const half = await clin.post(`${url}/confirm`);
    expect(half.status).toBe(400);
    expect(errorOf(half).issues?.map((i) => i.path)).toEqual(['assessment.riskLevel']);
    expect(
      read(AssessmentsReply, await clin.get(`/api/clients/${id}/safety-assessments`)).assessments[0]
        ?.status,
    ).toBe('draft');

    await clin.put(url, { ideation: { status: 'absent' }, riskLevel: 'low' });
    const ok = await clin.post(`${url}/confirm`);
    expect(ok.status, ok.text).toBe(200);
    const confirmed = read(AssessmentReply, ok).assessment;
    expect(confirmed).toMatchObject({ status: 'confirmed', riskLevel: 'low' });
    expect([confirmed.plan, confirmed.intent, confirmed.means]).toEqual([
      NOT_ASSESSED,
      NOT_ASSESSED,
      NOT_ASSESSED,
    ]);
  });
});

/** A fictional session in which the client endorses suicidal thoughts (no plan asked about). */
const RISK_TRANSCRIPT = `[00:00:04] Therapist: Hi Sam, how has the week been?
[00:00:10] Client: Hard. Honestly, I've been having thoughts of killing myself most nights this week.
[00:00:20] Therapist: Thank you for telling me. Have you thought about how you would do it?
[00:00:28] Client: No, I don't have a plan. It's more that I wish I could just not exist.
[00:00:40] Therapist: Let's talk about how to keep you safe this week and who you can call.
[00:00:52] Client: Okay. My sister, I think.
`;

const AlertsReply = z.object({ alerts: z.array(ClinicalAlertSchema) });

describe('session risk alerts', () => {
  it('a session whose analysis finds endorsed suicidal ideation raises one urgent alert naming the risk only', async () => {
    const clin = await api.user('clinician');
    const { id } = await createClient(clin);
    await createSession(clin, id); // the CBT example: no endorsed risk, no alert
    expect(
      read(AlertsReply, await clin.get('/api/alerts?status=open')).alerts.filter(
        (a) => a.clientId === id,
      ),
    ).toEqual([]);

    const { sessionId } = await createSession(clin, id, RISK_TRANSCRIPT);
    const alerts = read(AlertsReply, await clin.get('/api/alerts?status=open')).alerts.filter(
      (a) => a.clientId === id,
    );
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      kind: 'session_risk',
      severity: 'urgent',
      sessionId,
      administrationId: null,
      clinicianId: clin.user?.id,
    });
    expect(alerts[0]?.message).toMatch(/suicidal ideation/);
    expect(alerts[0]?.message).not.toMatch(/killing|exist|sister/i);
    // Raised in the session's transaction, audited by the clinician.
    const created = (await api.store().audit.list(0, 100_000)).filter(
      (e) => e.recordType === 'alert' && e.action === 'create' && e.recordId === alerts[0]?.id,
    );
    expect(created.map((e) => e.actorId)).toEqual([clin.user?.id]);

    // A re-draft of the same session (relabel, retry) adds no second open alert.
    const again = await api.store().transaction((tx) =>
      raiseSessionRisk(
        api.deps(),
        tx,
        null,
        { risk: [{ kind: 'suicidal_ideation', status: 'endorsed', evidence: [] }] },
        {
          clientId: id,
          clinicianId: clin.user?.id ?? '',
          sessionId,
        },
      ),
    );
    expect(again).toBeNull();
    expect((await api.store().alerts.listForClient(id)).length).toBe(1);
  });

  it('keeps kind and message sealed at rest; an assessment for the session links only its risk alert', async () => {
    const clin = await api.user('clinician');
    const { id } = await createClient(clin);
    const { sessionId } = await createSession(clin, id, RISK_TRANSCRIPT);
    const measured = await clin.post(`/api/clients/${id}/measures`, {
      instrument: 'phq9',
      answers: [1, 1, 1, 1, 1, 1, 1, 1, 2],
      sessionId,
    });
    expect(measured.status, measured.text).toBe(201);
    const all = await api.store().alerts.listForClient(id);
    expect(all.map((a) => a.kind).sort()).toEqual(['phq9_item9', 'session_risk']);

    const db = new Database(api.dbPath(), { readonly: true, fileMustExist: true });
    try {
      const rows = db.prepare('SELECT * FROM clinical_alerts WHERE client_id = ?').all(id);
      expect(rows).toHaveLength(2);
      const text = JSON.stringify(rows);
      for (const clear of ['session_risk', 'phq9_item9', 'suicid', 'item 9', 'answered']) {
        expect(text.includes(clear), clear).toBe(false);
      }
    } finally {
      db.close();
    }

    const a = await open(clin, id, { trigger: { kind: 'session_risk', sessionId } });
    const after = await api.store().alerts.listForClient(id);
    const byKind = Object.fromEntries(after.map((x) => [x.kind, x.safetyAssessmentId]));
    expect(byKind).toEqual({ session_risk: a.id, phq9_item9: null });
  });
});

describe('reading alerts', () => {
  it('audits a read once per user and alert, not on every poll', async () => {
    const sup = await api.user('supervisor');
    const clin = await api.user('clinician', { supervisorId: sup.user?.id ?? null });
    const { id } = await createClient(clin);
    await createSession(clin, id, RISK_TRANSCRIPT);
    for (let i = 0; i < 3; i++) {
      expect((await clin.get('/api/alerts?status=open')).status).toBe(200);
      expect((await sup.get('/api/alerts?status=all')).status).toBe(200);
    }
    const [alert] = await api.store().alerts.listForClient(id);
    const reads = (await api.store().audit.list(0, 100_000)).filter(
      (e) => e.recordType === 'alert' && e.action === 'read' && e.recordId === alert?.id,
    );
    expect(reads.map((e) => e.actorId).sort()).toEqual([clin.user?.id, sup.user?.id].sort());
  });
});
