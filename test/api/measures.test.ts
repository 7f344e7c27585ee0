/**
 * Outcome measures through the API: entering answers (validation naming the item), the PHQ-9
 * item-9 alert at once, outcomes for seeded series (reliable improvement and recovery, what
 * preceded it; plateau and the adapt prompt), schedules and due measures (moving the clock),
 * reminders (measures and plan reviews), alerts (caseload, acknowledge: owner only), access
 * (supervisor reads only, other clinician 404, admin 403) and the FHIR export.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  ClientOutcomesSchema,
  ClinicalAlertSchema,
  MeasureAdministrationSchema,
  MeasureScheduleSchema,
} from '../../src/server/domain/schemas.js';
import { PRACTICE_SETTINGS_KEY } from '../../src/server/services/settings.js';
import {
  createClient,
  createSession,
  errorOf,
  profile,
  read,
  useApi,
  type Caller,
} from './harness.js';

const api = useApi();

const Entered = z.object({
  administration: MeasureAdministrationSchema,
  alerts: z.array(ClinicalAlertSchema),
});
const Alerts = z.object({ alerts: z.array(ClinicalAlertSchema) });
const Schedules = z.object({ schedules: z.array(MeasureScheduleSchema) });
const Reminders = z.object({
  measuresDue: z.array(
    z.object({ clientId: z.string(), instrument: z.string(), dueSince: z.string().nullable() }),
  ),
  planReviews: z.array(z.object({ clientId: z.string(), reviewDate: z.string() })),
});

const DAY = 24 * 3600 * 1000;
const daysAgo = (n: number): string => new Date(Date.now() - n * DAY).toISOString();
/** PHQ-9 answers with this total (item 9 = 0). */
function phq9(total: number): number[] {
  const out = [0, 0, 0, 0, 0, 0, 0, 0, 0];
  let left = total;
  for (let i = 0; i < 8 && left > 0; i++) {
    out[i] = Math.min(3, left);
    left -= out[i] ?? 0;
  }
  return out;
}

async function enter(
  as: Caller,
  clientId: string,
  body: Record<string, unknown>,
): Promise<z.output<typeof Entered>> {
  const r = await as.post(`/api/clients/${clientId}/measures`, body);
  expect(r.status, r.text).toBe(201);
  return read(Entered, r);
}

const realNow = api.deps;
afterEach(() => {
  // Put the clock back after tests that moved it.
  realNow().clock.now = () => new Date();
});

describe('entering answers', () => {
  it('lists the instruments (forms and constants)', async () => {
    const c = await api.user('clinician');
    const r = await c.get('/api/instruments');
    expect(r.status).toBe(200);
    const { instruments } = read(
      z.object({ instruments: z.array(z.object({ id: z.string(), items: z.array(z.unknown()) })) }),
      r,
    );
    expect(instruments.map((i) => i.id)).toEqual(expect.arrayContaining(['phq9', 'gad7', 'pcl5']));
    expect(instruments.find((i) => i.id === 'phq9')?.items).toHaveLength(9);
  });

  it('scores and stores answers; wrong count and off-scale answers are 400 naming the item', async () => {
    const c = await api.user('clinician');
    const { id } = await createClient(c);
    const ok = await enter(c, id, { instrument: 'gad7', answers: [3, 3, 2, 2, 1, 1, 0] });
    expect(ok.administration.score).toMatchObject({ total: 12, valid: true, caseness: true });
    expect(ok.administration).toMatchObject({ source: 'clinician', enteredBy: c.user?.id });
    expect(ok.alerts).toEqual([]);

    const short = await c.post(`/api/clients/${id}/measures`, {
      instrument: 'phq9',
      answers: [0, 0, 0, 0, 0, 0, 0, 0],
    });
    expect(short.status).toBe(400);
    expect(errorOf(short).issues?.[0]?.path).toBe('body.answers');
    expect(errorOf(short).issues?.[0]?.message).toMatch(/9 answers/);

    const off = await c.post(`/api/clients/${id}/measures`, {
      instrument: 'phq9',
      answers: [0, 0, 7, 0, 0, 0, 0, 0, 0],
    });
    expect(off.status).toBe(400);
    expect(errorOf(off).issues?.[0]).toMatchObject({ path: 'body.answers[2]' });
    expect(errorOf(off).issues?.[0]?.message).toMatch(/item 3/);
    expect(off.text).not.toContain('7,');

    const future = await c.post(`/api/clients/${id}/measures`, {
      instrument: 'gad7',
      answers: [0, 0, 0, 0, 0, 0, 0],
      administeredAt: new Date(Date.now() + 3 * DAY).toISOString(),
    });
    expect(errorOf(future).issues?.[0]?.path).toBe('body.administeredAt');

    // A missing answer: stored, not scored (the instrument's rule), never counted as 0.
    const partial = await enter(c, id, {
      instrument: 'gad7',
      answers: [3, null, 2, 2, 1, 1, 0],
    });
    expect(partial.administration.score).toMatchObject({ total: null, valid: false, missing: 1 });
  });

  it('PHQ-9 item 9 above 0 raises an urgent alert at once; only the owner acknowledges', async () => {
    const supervisor = await api.user('supervisor');
    const c = await api.user('clinician', { supervisorId: supervisor.user?.id ?? null });
    const other = await api.user('clinician');
    const admin = await api.user('admin');
    const { id } = await createClient(c);
    const answers = [1, 1, 1, 1, 1, 1, 1, 1, 2];
    const r = await enter(c, id, { instrument: 'phq9', answers });
    expect(r.alerts).toHaveLength(1);
    const alert = r.alerts[0];
    expect(alert).toMatchObject({
      kind: 'phq9_item9',
      severity: 'urgent',
      clientId: id,
      clinicianId: c.user?.id,
      administrationId: r.administration.id,
      acknowledgedAt: null,
    });

    const open = read(Alerts, await c.get('/api/alerts'));
    expect(open.alerts.map((a) => a.id)).toContain(alert?.id);
    // The supervisor sees the supervisee's alert; another clinician does not.
    expect(read(Alerts, await supervisor.get('/api/alerts')).alerts.map((a) => a.id)).toContain(
      alert?.id,
    );
    expect(read(Alerts, await other.get('/api/alerts')).alerts).toEqual([]);
    expect((await admin.get('/api/alerts')).status).toBe(403);

    const ackPath = `/api/alerts/${alert?.id ?? ''}/acknowledge`;
    expect((await supervisor.post(ackPath)).status).toBe(403);
    expect((await other.post(ackPath)).status).toBe(404);
    const acked = await c.post(ackPath);
    expect(acked.status).toBe(200);
    const a = read(z.object({ alert: ClinicalAlertSchema }), acked).alert;
    expect(a.acknowledgedBy).toBe(c.user?.id);
    expect(a.acknowledgedAt).not.toBeNull();
    // Open = not acknowledged; `all` keeps it.
    expect(read(Alerts, await c.get('/api/alerts')).alerts.map((x) => x.id)).not.toContain(a.id);
    expect(read(Alerts, await c.get('/api/alerts?status=all')).alerts.map((x) => x.id)).toContain(
      a.id,
    );
    // The message names instrument and item, never the client.
    expect(a.message).toMatch(/PHQ-9 item 9/);
  });
});

describe('outcomes', () => {
  it('reliable improvement and recovery since baseline, and the interventions that preceded it', async () => {
    const c = await api.user('clinician');
    const { id } = await createClient(c);
    const { sessionId } = await createSession(c, id); // session dated 2025-03-04, CBT example
    await enter(c, id, {
      instrument: 'phq9',
      answers: phq9(20),
      administeredAt: '2025-02-25T10:00:00Z',
    });
    await enter(c, id, {
      instrument: 'phq9',
      answers: phq9(12),
      administeredAt: '2025-03-11T10:00:00Z',
    });
    await enter(c, id, {
      instrument: 'phq9',
      answers: phq9(8),
      administeredAt: '2025-03-18T10:00:00Z',
    });
    const out = read(ClientOutcomesSchema, await c.get(`/api/clients/${id}/outcomes`));
    const phq = out.outcomes.find((o) => o.instrument === 'phq9');
    expect(phq?.baseline?.total).toBe(20);
    expect(phq?.latest?.total).toBe(8);
    expect(phq?.sinceBaseline).toMatchObject({
      difference: -12,
      category: 'reliable_improvement',
      method: 'fixed-points',
      reliableChangeThreshold: 6,
      recovery: true,
      reliableRecovery: true,
      clinicallySignificantImprovement: true,
    });
    // 12 → 8: −4, below the PHQ-9's 6 points.
    expect(phq?.sincePrevious?.category).toBe('no_reliable_change');
    expect(phq?.cutoff).toBe(10);

    // The session log comes from the session's note; improvement (20 → 12 by 03-11) followed it.
    const entry = out.sessionLog.find((e) => e.sessionId === sessionId);
    expect(entry?.noteStatus).toBe('draft');
    expect(entry?.interventions.length).toBeGreaterThan(0);
    const preceded = out.precededImprovement.find((p) => p.instrument === 'phq9');
    expect(preceded?.to).toBe('2025-03-11T10:00:00.000Z');
    expect(preceded?.interventionIds.sort()).toEqual(
      [...new Set(entry?.interventions.map((i) => i.interventionId))].sort(),
    );
    expect(out.adaptPrompt).toBeNull();
    expect(out.administrations).toHaveLength(3);
  });

  it('a plateau (no reliable improvement over 4, flat trend) prompts alternatives not yet tried', async () => {
    const c = await api.user('clinician');
    const { id } = await createClient(c);
    for (const [ago, total] of [
      [21, 18],
      [14, 17],
      [7, 18],
      [0, 17],
    ] as const) {
      await enter(c, id, {
        instrument: 'phq9',
        answers: phq9(total),
        administeredAt: daysAgo(ago),
      });
    }
    const out = read(ClientOutcomesSchema, await c.get(`/api/clients/${id}/outcomes`));
    const plateau = out.outcomes.find((o) => o.instrument === 'phq9')?.plateau;
    expect(plateau?.detected).toBe(true);
    expect(plateau?.reasons).toEqual(['no_reliable_improvement', 'flat_trend']);
    expect(Math.abs(plateau?.slopePerWeek ?? 99)).toBeLessThan(0.5);
    expect(out.adaptPrompt?.instrument).toBe('phq9');
    expect(out.adaptPrompt?.alternatives.length).toBeGreaterThan(0);
    for (const a of out.adaptPrompt?.alternatives ?? [])
      expect(a.rationale.length).toBeGreaterThan(5);
  });

  it('with an item-9 alert not yet assessed the plateau prompt puts safety first (no trauma processing)', async () => {
    const c = await api.user('clinician');
    const { id } = await createClient(c, { ...profile(), presentingConcerns: ['trauma_ptsd'] });
    const series = async (lastItem9: number) => {
      for (const [ago, total] of [
        [21, 18],
        [14, 17],
        [7, 18],
      ] as const) {
        await enter(c, id, {
          instrument: 'phq9',
          answers: phq9(total),
          administeredAt: daysAgo(ago),
        });
      }
      const last = phq9(16);
      last[8] = lastItem9;
      return enter(c, id, { instrument: 'phq9', answers: last });
    };
    const { alerts } = await series(1);
    expect(alerts).toHaveLength(1);
    const prompt = async () =>
      read(ClientOutcomesSchema, await c.get(`/api/clients/${id}/outcomes`)).adaptPrompt;
    const open = await prompt();
    const ids = open?.alternatives.map((a) => a.interventionId) ?? [];
    expect(ids).toEqual(
      expect.arrayContaining(['safety.risk_assessment', 'safety.safety_planning']),
    );
    expect(ids).not.toContain('exposure.flooding');
    expect(
      ids.filter((i) => /^(tfcbt\.trauma_narrative|trauma\.|exposure\.imaginal)/.test(i)),
    ).toEqual([]);
    // Acknowledging the alert is not assessing it: still safety first.
    const alertId = alerts[0]?.id ?? '';
    expect((await c.post(`/api/alerts/${alertId}/acknowledge`)).status).toBe(200);
    const acknowledged = (await prompt())?.alternatives.map((a) => a.interventionId) ?? [];
    expect(acknowledged).toEqual(expect.arrayContaining(['safety.risk_assessment']));
    // A confirmed safety assessment after it, ideation absent: the ordinary alternatives.
    const made = await c.post(`/api/clients/${id}/safety-assessments`, {
      trigger: { kind: 'phq9_item9', administrationId: alerts[0]?.administrationId ?? '' },
      ideation: { status: 'absent', detail: '' },
      riskLevel: 'low',
    });
    expect(made.status, made.text).toBe(201);
    const assessmentId = read(z.object({ assessment: z.object({ id: z.string() }) }), made)
      .assessment.id;
    const confirmed = await c.post(`/api/safety-assessments/${assessmentId}/confirm`);
    expect(confirmed.status, confirmed.text).toBe(200);
    const after = (await prompt())?.alternatives.map((a) => a.interventionId) ?? [];
    expect(after).not.toContain('safety.risk_assessment');
    expect(after).toContain('tfcbt.psychoeducation');
  });
});

describe('schedules, due measures and reminders', () => {
  it('every_session is due when none since the last session; interval after N days', async () => {
    const c = await api.user('clinician');
    const { id } = await createClient(c);
    await createSession(c, id); // 2025-03-04
    const put = await c.put(`/api/clients/${id}/measure-schedules`, {
      schedules: [
        { instrument: 'phq9', cadence: { kind: 'every_session' } },
        { instrument: 'gad7', cadence: { kind: 'interval', days: 14 } },
      ],
    });
    expect(put.status, put.text).toBe(200);
    expect(read(Schedules, put).schedules).toHaveLength(2);
    const dup = await c.put(`/api/clients/${id}/measure-schedules`, {
      schedules: [
        { instrument: 'phq9', cadence: { kind: 'every_session' } },
        { instrument: 'phq9', cadence: { kind: 'interval', days: 7 } },
      ],
    });
    expect(errorOf(dup).issues?.[0]?.path).toBe('body.schedules[1].instrument');

    const due = async () =>
      read(ClientOutcomesSchema, await c.get(`/api/clients/${id}/outcomes`)).due;
    // Never administered: both due, since "never".
    expect((await due()).map((d) => [d.instrument, d.dueSince])).toEqual([
      ['phq9', null],
      ['gad7', null],
    ]);
    // A PHQ-9 before the last session: due since that session; GAD-7 now: not due.
    await enter(c, id, {
      instrument: 'phq9',
      answers: phq9(5),
      administeredAt: '2025-03-01T09:00:00Z',
    });
    // 10 minutes short of 14 days ago: not due yet.
    await enter(c, id, {
      instrument: 'gad7',
      answers: [0, 0, 0, 0, 0, 0, 1],
      administeredAt: new Date(Date.now() - 14 * DAY + 10 * 60_000).toISOString(),
    });
    expect((await due()).map((d) => [d.instrument, d.dueSince])).toEqual([
      ['phq9', '2025-03-04T00:00:00.000Z'],
    ]);
    // Reminders over the caseload say the same.
    const rem = read(Reminders, await c.get('/api/reminders'));
    expect(rem.measuresDue.filter((d) => d.clientId === id).map((d) => d.instrument)).toEqual([
      'phq9',
    ]);
    // Answered after the session: not due. 20 minutes later the GAD-7 is 14 days old: due.
    await enter(c, id, { instrument: 'phq9', answers: phq9(4) });
    expect(await due()).toEqual([]);
    const later = Date.now() + 20 * 60_000;
    api.deps().clock.now = () => new Date(later);
    expect((await due()).map((d) => d.instrument)).toEqual(['gad7']);
    // An inactive schedule is never due.
    await c.put(`/api/clients/${id}/measure-schedules`, {
      schedules: [{ instrument: 'gad7', cadence: { kind: 'interval', days: 14 }, active: false }],
    });
    expect(await due()).toEqual([]);
  });

  it('plan reviews are due on or after the review date; supervisors see supervisees', async () => {
    const supervisor = await api.user('supervisor');
    const c = await api.user('clinician', { supervisorId: supervisor.user?.id ?? null });
    const due = await createClient(c);
    const notYet = await createClient(c);
    for (const [client, reviewDate] of [
      [due.id, '2025-01-15'],
      [notYet.id, '2999-01-01'],
    ] as const) {
      const r = await c.put(`/api/clients/${client}/plan`, { goals: [], reviewDate });
      expect(r.status, r.text).toBe(200);
    }
    for (const who of [c, supervisor]) {
      const rem = read(Reminders, await who.get('/api/reminders'));
      expect(rem.planReviews).toContainEqual({ clientId: due.id, reviewDate: '2025-01-15' });
      expect(rem.planReviews.map((p) => p.clientId)).not.toContain(notYet.id);
    }
    const other = read(Reminders, await (await api.user('clinician')).get('/api/reminders'));
    expect(other.planReviews).toEqual([]);
  });

  it('reminders read the caseload in batches (no per-client session or plan reads), in the practice zone', async () => {
    const c = await api.user('clinician');
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { id } = await createClient(c);
      ids.push(id);
      await createSession(c, id); // 2025-03-04
      const put = await c.put(`/api/clients/${id}/measure-schedules`, {
        schedules: [{ instrument: 'phq9', cadence: { kind: 'every_session' } }],
      });
      expect(put.status, put.text).toBe(200);
      expect(
        (await c.put(`/api/clients/${id}/plan`, { goals: [], reviewDate: '2025-02-01' })).status,
      ).toBe(200);
    }
    // 23:30Z on the 3rd: the session day (the 4th) in Tokyo, the day before in UTC.
    await enter(c, ids[0] ?? '', {
      instrument: 'phq9',
      answers: phq9(5),
      administeredAt: '2025-03-03T23:30:00Z',
    });
    const store = api.store();
    const sessions = store.sessions;
    const plans = store.plans;
    const listForClient = sessions.listForClient.bind(sessions);
    const get = plans.get.bind(plans);
    sessions.listForClient = () => Promise.reject(new Error('per-client session read'));
    plans.get = () => Promise.reject(new Error('per-client plan read'));
    const dueFor = async () =>
      read(Reminders, await c.get('/api/reminders'))
        .measuresDue.map((d) => `${d.clientId} ${d.dueSince}`)
        .sort();
    try {
      await store.settings.put(PRACTICE_SETTINGS_KEY, JSON.stringify({ timezone: 'Asia/Tokyo' }));
      // Never administered: due (since null). Answered on the session day in Tokyo: not due.
      const never = [ids[1], ids[2]].map((id) => `${id} null`);
      expect(await dueFor()).toEqual([...never].sort());
      const rem = read(Reminders, await c.get('/api/reminders'));
      expect(rem.planReviews.map((p) => p.clientId).sort()).toEqual([...ids].sort());
      await store.settings.put(PRACTICE_SETTINGS_KEY, JSON.stringify({}));
      // In UTC it was the day before the session: due since that day's start.
      expect(await dueFor()).toEqual([...never, `${ids[0]} 2025-03-04T00:00:00.000Z`].sort());
    } finally {
      sessions.listForClient = listForClient;
      plans.get = get;
      await store.settings.put(PRACTICE_SETTINGS_KEY, JSON.stringify({}));
    }
  });
});

describe('access and export', () => {
  it('supervisors read outcomes but do not enter; others 404; admins 403', async () => {
    const supervisor = await api.user('supervisor');
    const c = await api.user('clinician', { supervisorId: supervisor.user?.id ?? null });
    const { id } = await createClient(c);
    await enter(c, id, { instrument: 'gad7', answers: [1, 1, 1, 1, 1, 1, 1] });
    expect((await supervisor.get(`/api/clients/${id}/outcomes`)).status).toBe(200);
    const body = { instrument: 'gad7', answers: [0, 0, 0, 0, 0, 0, 0] };
    expect((await supervisor.post(`/api/clients/${id}/measures`, body)).status).toBe(403);
    expect((await supervisor.get(`/api/clients/${id}/measures/fhir`)).status).toBe(403);
    const other = await api.user('clinician');
    expect((await other.get(`/api/clients/${id}/outcomes`)).status).toBe(404);
    expect((await other.post(`/api/clients/${id}/measures`, body)).status).toBe(404);
    expect((await (await api.user('admin')).get(`/api/clients/${id}/outcomes`)).status).toBe(403);
  });

  it('exports the administrations as a FHIR R4 Bundle with LOINC codes', async () => {
    const c = await api.user('clinician');
    const { id } = await createClient(c);
    await enter(c, id, { instrument: 'phq9', answers: [1, 1, 1, 1, 1, 1, 1, 1, 1] });
    await enter(c, id, { instrument: 'gad7', answers: [1, 1, 1, 1, 1, 1, 1] });
    // The session feedback form is exported too (no LOINC code: a DocScrib one).
    await enter(c, id, { instrument: 'feedback', answers: [4, 3, 4, 2] });
    const r = await c.get(`/api/clients/${id}/measures/fhir`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/application\/fhir\+json/);
    const bundle = r.json as {
      resourceType: string;
      entry: {
        resource: {
          resourceType: string;
          code?: { coding?: { system: string; code: string }[] };
          valueInteger?: number;
          questionnaire?: string;
        };
      }[];
    };
    expect(bundle.resourceType).toBe('Bundle');
    for (const code of ['44261-6', '44260-8', '70274-6']) expect(r.text).toContain(code);
    const totals = bundle.entry
      .map((e) => e.resource)
      .filter((x) => x.resourceType === 'Observation')
      .map((o) => [o.code?.coding?.[0]?.code, o.valueInteger]);
    expect(totals).toEqual(
      expect.arrayContaining([
        ['44261-6', 9],
        ['70274-6', 7],
        ['feedback-total', 13],
      ]),
    );
    const forms = bundle.entry.map((e) => e.resource.questionnaire).filter(Boolean);
    expect(forms).toHaveLength(3);
    expect(forms.map((q) => q?.split('/').at(-1))).toEqual(
      expect.arrayContaining(['phq9', 'gad7', 'feedback']),
    );
    // A download named by the opaque client id only.
    expect(r.headers.get('content-disposition')).toBe(`attachment; filename="measures-${id}.json"`);
  });
});
