/**
 * The authorization matrix: every route of the app's route table × who calls it (the owner of
 * the chart, a trainee supervised by `supervisor`; that supervisor; another clinician; an
 * unrelated supervisor; an admin; nobody signed in) → the expected status. Cases are generated
 * from the route table itself, and a guard fails when a route has no entry here.
 *
 * Nothing leaks: a reply to anyone but the owner and their supervisor never holds the client's
 * name or identifier, transcript words, note text, addendum text or process-note text; a reply to
 * the supervisor never holds process-note text; a refusal of a record that exists reads exactly
 * like the refusal of one that does not.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ProcessNoteSchema, ProgressNoteSchema } from '../../src/server/domain/schemas.js';
import type { Route } from '../../src/server/http/route.js';
import {
  createClient,
  createSession,
  examplePlan,
  profile,
  read,
  rnd,
  useApi,
  type Caller,
  type Reply,
} from './harness.js';
import {
  interventionConsent,
  recordingConsent,
  safetyPlanBody,
  signablePlan,
} from './care-helpers.js';

const api = useApi();

const WHO = [
  'owner',
  'supervisor',
  'otherClinician',
  'otherSupervisor',
  'admin',
  'signedOut',
] as const;
type Who = (typeof WHO)[number];
type Expect = Record<Who, number>;

/** A short transcript with words that occur nowhere else. */
export function shortTranscript(word: string): string {
  return [
    '[00:00:05] Therapist: How has the worry been this week, on a scale of zero to ten?',
    `[00:00:12] Client: About a seven. I kept thinking about the ${word} audit at the Pemberton warehouse.`,
    "[00:00:25] Therapist: Let's try the thought record together. What went through your mind?",
    `[00:00:33] Client: That I'd be blamed for the ${word} numbers. I did the breathing practice three times though.`,
    "[00:00:45] Therapist: That's good practice. For this week, keep the worry log every evening.",
    "[00:00:52] Client: Okay, I can do that. It's down to a five now.",
  ].join('\n');
}

interface Fixture {
  callers: Record<Who, Caller>;
  clientId: string;
  sessionId: string;
  /** A session started for an audio upload (its capture awaits the file). */
  captureSessionId: string;
  noteId: string;
  noteVersion: number;
  processNoteId: string;
  /** A pending questionnaire link of the client (measures). */
  linkId: string;
  /** An open alert of the client (PHQ-9 item 9 entered by the owner). */
  alertId: string;
  /** A consent record of the client (agreed, not withdrawn). */
  consentId: string;
  /** A draft safety assessment of the client (ideation and risk level assessed). */
  assessmentId: string;
  /** `updatedAt` of the client's saved (signable) plan and safety plan, for sign/confirm. */
  planUpdatedAt: string;
  safetyPlanUpdatedAt: string;
  /** A user id for /api/users/:id (the owner). */
  userId: string;
  /** Text that only the owner (and, but for the process note, the supervisor) may see. */
  secrets: { chart: string[]; processNote: string };
}

/** The callers: the owner (a supervised trainee), their supervisor and everyone else. */
async function callers(): Promise<Record<Who, Caller>> {
  const supervisor = await api.user('supervisor');
  const owner = await api.user('clinician', { supervisorId: supervisor.user?.id ?? null });
  const otherSupervisor = await api.user('supervisor');
  // The unrelated supervisor supervises someone, just not the owner.
  await api.user('clinician', { supervisorId: otherSupervisor.user?.id ?? null });
  return {
    owner,
    supervisor,
    otherClinician: await api.user('clinician'),
    otherSupervisor,
    admin: await api.user('admin'),
    signedOut: api.anon(),
  };
}

/**
 * A fresh fixture. With `chart`, the owner's client with a plan, a session, its note (draft, or
 * signed with an addendum) and a process note; without, the callers only (placeholder ids).
 */
async function fixture(state: 'draft' | 'signed', chart = true): Promise<Fixture> {
  const who = await callers();
  const owner = who.owner;
  const userId = owner.user?.id ?? '';
  if (!chart) {
    const none = 'not-a-record-0000';
    return {
      callers: who,
      clientId: none,
      sessionId: none,
      captureSessionId: none,
      noteId: none,
      noteVersion: 1,
      processNoteId: none,
      linkId: none,
      alertId: none,
      consentId: none,
      assessmentId: none,
      planUpdatedAt: new Date().toISOString(),
      safetyPlanUpdatedAt: new Date().toISOString(),
      userId,
      secrets: { chart: [], processNote: `no process note ${rnd()}` },
    };
  }
  const word = `Zanzibar${rnd()}`;
  const p = profile(`Eudora Pennywhistle ${rnd()}`);
  const client = await createClient(owner, p);
  expect((await owner.put(`/api/clients/${client.id}/plan`, examplePlan())).status).toBe(200);
  const { sessionId, note } = await createSession(owner, client.id, shortTranscript(word));
  const started = await owner.post(`/api/clients/${client.id}/captures`, {
    details: { date: '2025-03-12', consentToRecord: true },
    mode: 'upload',
  });
  const captureSessionId = read(z.object({ session: z.object({ id: z.string() }) }), started)
    .session.id;
  const pnText = `Private musing ${rnd()}`;
  const pn = read(
    z.object({ processNote: ProcessNoteSchema }),
    await owner.post(`/api/clients/${client.id}/process-notes`, { text: pnText }),
  ).processNote;
  const addendum = `Addendum ${rnd()}`;
  let version = note.version;
  if (state === 'signed') {
    const signed = await owner.post(`/api/notes/${note.id}/sign`, { version });
    version = read(z.object({ note: ProgressNoteSchema }), signed).note.version;
    expect((await owner.post(`/api/notes/${note.id}/addenda`, { text: addendum })).status).toBe(
      201,
    );
  }
  const link = await owner.post(`/api/clients/${client.id}/measure-links`, {
    instruments: ['phq9'],
  });
  const linkId = read(z.object({ link: z.object({ id: z.string() }) }), link).link.id;
  const measured = await owner.post(`/api/clients/${client.id}/measures`, {
    instrument: 'phq9',
    answers: [1, 1, 1, 1, 1, 1, 1, 1, 1],
  });
  const alertId =
    read(z.object({ alerts: z.array(z.object({ id: z.string() })) }), measured).alerts[0]?.id ??
    'no-alert-raised';
  // Care records: a signed-ready plan, a consent, a draft safety assessment, a safety plan.
  const care = `Calliope${rnd()}`;
  const planned = await owner.put(`/api/clients/${client.id}/plan`, signablePlan());
  expect(planned.status).toBe(200);
  const planUpdatedAt = read(z.object({ plan: z.object({ updatedAt: z.string() }) }), planned).plan
    .updatedAt;
  const consent = await owner.post(
    `/api/clients/${client.id}/consents`,
    interventionConsent('exposure.in_vivo', '2025-03-01', `${care} consent`),
  );
  const consentId = read(z.object({ consent: z.object({ id: z.string() }) }), consent).consent.id;
  const assessment = await owner.post(`/api/clients/${client.id}/safety-assessments`, {
    trigger: { kind: 'clinician' },
    ideation: { status: 'present', detail: `${care} ideation` },
    riskLevel: 'moderate',
  });
  const assessmentId = read(z.object({ assessment: z.object({ id: z.string() }) }), assessment)
    .assessment.id;
  const sp = await owner.put(`/api/clients/${client.id}/safety-plan`, safetyPlanBody(care));
  expect(sp.status).toBe(200);
  const safetyPlanUpdatedAt = read(
    z.object({ safetyPlan: z.object({ updatedAt: z.string() }) }),
    sp,
  ).safetyPlan.updatedAt;
  const identifier = p.identifiers[0]?.value ?? 'none';
  return {
    callers: who,
    clientId: client.id,
    sessionId,
    captureSessionId,
    noteId: note.id,
    noteVersion: version,
    processNoteId: pn.id,
    linkId,
    alertId,
    consentId,
    assessmentId,
    planUpdatedAt,
    safetyPlanUpdatedAt,
    userId,
    secrets: {
      chart: [p.name, identifier, word, 'Pemberton', addendum, care],
      processNote: pnText,
    },
  };
}

/** Routes about a client's chart need one in the fixture. */
const CHART_ROUTE =
  /^\/api\/(clients|sessions|notes|process-notes|measure-links|alerts|consents|safety-assessments)\//;

// ── Expected statuses ────────────────────────────────────────────────────────

/** A chart record read: owner and supervisor; hidden from the rest. */
const CHART_READ: Expect = {
  owner: 200,
  supervisor: 200,
  otherClinician: 404,
  otherSupervisor: 404,
  admin: 403,
  signedOut: 401,
};
/** A chart record written by its owner: the supervisor sees it but may not change it. */
const chartWrite = (ok: number): Expect => ({ ...CHART_READ, owner: ok, supervisor: 403 });
/** Private process notes: the author only; everyone else gets 404. */
const processNoteOnly = (ok: number): Expect => ({ ...CHART_READ, owner: ok, supervisor: 404 });
/** Admin areas. */
const adminOnly = (ok: number): Expect => ({
  owner: 403,
  supervisor: 403,
  otherClinician: 403,
  otherSupervisor: 403,
  admin: ok,
  signedOut: 401,
});
/** Any signed-in user. */
const anyUser = (ok: number): Expect => ({
  owner: ok,
  supervisor: ok,
  otherClinician: ok,
  otherSupervisor: ok,
  admin: ok,
  signedOut: 401,
});
const everyone = (ok: number): Expect => ({ ...anyUser(ok), signedOut: ok });
const CLINICAL_ANY = (ok: number): Expect => ({ ...anyUser(ok), admin: 403 });

interface Entry {
  /** The note must be signed (with an addendum) for the allowed case to succeed. */
  state?: 'draft' | 'signed';
  query?: string;
  body?: (f: Fixture, who: Who) => unknown;
  /** A raw (non-JSON) body and its content type (the audio upload). */
  raw?: { body: string; contentType: string };
  /** Expected statuses; `'any-4xx'` where the outcome depends on details tested elsewhere. */
  expect: Expect | { signedOut: number; others: 'below-500' };
}

const noteBody = async (f: Fixture): Promise<unknown> => {
  const r = await f.callers.owner.get(`/api/notes/${f.noteId}`);
  return read(z.object({ note: ProgressNoteSchema }), r).note.body;
};

const MATRIX: Record<string, Entry> = {
  // public
  'GET /api/health': { expect: everyone(200) },
  'GET /api/openapi.json': { expect: everyone(200) },
  'GET /api/setup': { expect: everyone(200) },
  'POST /api/setup': {
    body: () => ({
      email: `x-${rnd()}@example.org`,
      name: 'X',
      password: 'a long enough password',
    }),
    expect: everyone(409),
  },
  'POST /api/auth/login': {
    body: () => ({ email: `nobody-${rnd()}@example.org`, password: 'wrong password here' }),
    expect: everyone(401),
  },
  // any signed-in user (their details are tested with the auth routes)
  'GET /api/auth/session': { expect: anyUser(200) },
  'POST /api/auth/logout': { expect: anyUser(204) },
  'POST /api/auth/mfa/setup': {
    body: () => ({ currentPassword: 'not the password' }),
    expect: { signedOut: 401, others: 'below-500' },
  },
  'POST /api/auth/mfa/enable': {
    body: () => ({ code: '000000' }),
    expect: { signedOut: 401, others: 'below-500' },
  },
  'POST /api/auth/password': {
    body: () => ({ currentPassword: 'not the password', newPassword: 'another long password' }),
    expect: { signedOut: 401, others: 'below-500' },
  },
  // Nobody here has a supervisor proposed to them: nothing to accept or decline.
  'POST /api/auth/supervision/accept': {
    body: (f) => ({ supervisorId: f.userId }),
    expect: anyUser(409),
  },
  'POST /api/auth/supervision/decline': {
    body: (f) => ({ supervisorId: f.userId }),
    expect: anyUser(409),
  },
  // admin
  'GET /api/users': { expect: adminOnly(200) },
  'POST /api/users': {
    body: () => ({
      email: `new-${rnd()}@example.org`,
      name: 'New Clinician',
      role: 'clinician',
      password: 'a long enough password',
    }),
    expect: adminOnly(201),
  },
  'PATCH /api/users/:id': { body: () => ({ name: 'Renamed' }), expect: adminOnly(200) },
  'POST /api/users/:id/mfa/reset': { expect: adminOnly(200) },
  'GET /api/audit': { query: '?limit=5', expect: adminOnly(200) },
  'POST /api/audit/verify': { expect: adminOnly(200) },
  // practice settings: everyone signed in reads them, admins change them
  'GET /api/settings': { expect: anyUser(200) },
  'PUT /api/settings': {
    body: () => ({ practiceName: `Matrix Practice ${rnd()}` }),
    expect: adminOnly(200),
  },
  // clinical
  'GET /api/clients': { expect: CLINICAL_ANY(200) },
  'POST /api/clients': { body: () => ({ profile: profile() }), expect: CLINICAL_ANY(201) },
  'GET /api/clients/:id': { expect: CHART_READ },
  'PATCH /api/clients/:id': { body: () => ({ profile: profile() }), expect: chartWrite(200) },
  'PUT /api/clients/:id/plan': { body: () => examplePlan(), expect: chartWrite(200) },
  'GET /api/clients/:id/sessions': { expect: CHART_READ },
  'POST /api/clients/:id/sessions': {
    body: () => ({
      details: { date: '2025-03-11', consentToRecord: true },
      transcript: { text: shortTranscript('Quetzal') },
    }),
    expect: chartWrite(201),
  },
  'GET /api/sessions/:id': { expect: CHART_READ },
  'GET /api/clients/:id/notes': { expect: CHART_READ },
  'GET /api/notes/:id': { expect: CHART_READ },
  'PUT /api/notes/:id': {
    body: async (f) => ({ body: await noteBody(f), version: f.noteVersion }),
    expect: chartWrite(200),
  },
  'POST /api/notes/:id/sign': {
    body: (f) => ({ version: f.noteVersion }),
    expect: chartWrite(200),
  },
  'POST /api/notes/:id/cosign': {
    state: 'signed',
    expect: { ...CHART_READ, owner: 403, supervisor: 200 },
  },
  'POST /api/notes/:id/addenda': {
    state: 'signed',
    body: () => ({ text: 'Late entry.' }),
    expect: chartWrite(201),
  },
  'GET /api/notes/:id/text': { expect: chartWrite(200) },
  'GET /api/notes/:id/pdf': { expect: chartWrite(200) },
  'GET /api/notes/:id/fhir': {
    state: 'signed',
    query: '?resource=DocumentReference',
    expect: chartWrite(200),
  },
  // audio capture (the capture routes are about the fixture's upload session)
  'POST /api/clients/:id/captures': {
    body: () => ({ details: { date: '2025-03-13', consentToRecord: true }, mode: 'upload' }),
    expect: chartWrite(201),
  },
  'GET /api/sessions/:id/capture': { expect: CHART_READ },
  'PUT /api/sessions/:id/audio': {
    raw: { body: 'RIFF not really audio, queued all the same', contentType: 'audio/wav' },
    expect: chartWrite(202),
  },
  // Nothing transcribed yet: the owner gets 409 (no speakers), the supervisor may not change it.
  'PUT /api/sessions/:id/speakers': {
    body: () => ({ roles: { 'Speaker 1': 'clinician' } }),
    expect: chartWrite(409),
  },
  'GET /api/speech/engines': { expect: anyUser(200) },
  'GET /api/clients/:id/process-notes': { expect: CHART_READ },
  'POST /api/clients/:id/process-notes': {
    body: () => ({ text: 'Another private thought.' }),
    expect: chartWrite(201),
  },
  // measurement-based care (issue 5)
  'GET /api/instruments': { expect: CLINICAL_ANY(200) },
  'POST /api/clients/:id/measures': {
    body: () => ({ instrument: 'gad7', answers: [1, 2, 1, 0, 0, 1, 2] }),
    expect: chartWrite(201),
  },
  'GET /api/clients/:id/outcomes': { expect: CHART_READ },
  'POST /api/clients/:id/measure-links': {
    body: () => ({ instruments: ['phq9', 'gad7'] }),
    expect: chartWrite(201),
  },
  'GET /api/clients/:id/measure-links': { expect: CHART_READ },
  'POST /api/measure-links/:id/revoke': { expect: chartWrite(200) },
  'GET /api/clients/:id/measure-schedules': { expect: CHART_READ },
  'PUT /api/clients/:id/measure-schedules': {
    body: () => ({ schedules: [{ instrument: 'phq9', cadence: { kind: 'every_session' } }] }),
    expect: chartWrite(200),
  },
  'GET /api/reminders': { expect: CLINICAL_ANY(200) },
  'GET /api/alerts': { query: '?status=all', expect: CLINICAL_ANY(200) },
  'POST /api/alerts/:id/acknowledge': { expect: chartWrite(200) },
  'GET /api/clients/:id/measures/fhir': { expect: chartWrite(200) },
  // intervention toolkit (reference data and matching; nothing about a client)
  'GET /api/toolkit': { expect: CLINICAL_ANY(200) },
  'POST /api/toolkit/recommend': {
    body: () => ({ concerns: ['trauma_ptsd'], features: ['avoidance'] }),
    expect: CLINICAL_ANY(200),
  },
  // public questionnaire links: an unknown token gets the one generic answer, whoever asks
  'POST /api/respond/open': {
    body: () => ({ token: randomBytes(32).toString('base64url') }),
    expect: everyone(404),
  },
  'POST /api/respond/submit': {
    body: () => ({
      token: randomBytes(32).toString('base64url'),
      responses: [{ instrument: 'phq9', answers: [0, 0, 0, 0, 0, 0, 0, 0, 0] }],
    }),
    expect: everyone(404),
  },
  // treatment plan, consent and safety (issue 5)
  'POST /api/clients/:id/plan/sign': {
    body: (f) => ({ expectedUpdatedAt: f.planUpdatedAt }),
    expect: chartWrite(200),
  },
  'GET /api/clients/:id/plan/versions': { expect: CHART_READ },
  'GET /api/clients/:id/consents': { expect: CHART_READ },
  'POST /api/clients/:id/consents': { body: () => recordingConsent(), expect: chartWrite(201) },
  'POST /api/consents/:id/withdraw': { expect: chartWrite(200) },
  'GET /api/clients/:id/safety-assessments': { expect: CHART_READ },
  'POST /api/clients/:id/safety-assessments': {
    body: () => ({ trigger: { kind: 'clinician' } }),
    expect: chartWrite(201),
  },
  'PUT /api/safety-assessments/:id': {
    body: () => ({ riskLevel: 'low' }),
    expect: chartWrite(200),
  },
  'POST /api/safety-assessments/:id/confirm': { expect: chartWrite(200) },
  'GET /api/clients/:id/safety-plan': { expect: CHART_READ },
  'PUT /api/clients/:id/safety-plan': { body: () => safetyPlanBody(), expect: chartWrite(200) },
  'POST /api/clients/:id/safety-plan/confirm': {
    body: (f) => ({ expectedUpdatedAt: f.safetyPlanUpdatedAt }),
    expect: chartWrite(200),
  },
  'GET /api/process-notes/:id': { expect: processNoteOnly(200) },
  'PUT /api/process-notes/:id': {
    body: () => ({ text: 'Revised private thought.' }),
    expect: processNoteOnly(200),
  },
};

const keyOf = (r: Pick<Route, 'method' | 'path'>): string => `${r.method} ${r.path}`;

/** The concrete URL of a route for a fixture (`:id` is the record the path is about). */
function urlFor(route: Route, f: Fixture, entry: Entry, id?: string): string {
  let recordId = id;
  if (recordId === undefined) {
    if (route.path.startsWith('/api/clients/')) recordId = f.clientId;
    else if (/^\/api\/sessions\/:id\/(capture|audio|speakers)$/.test(route.path)) {
      recordId = f.captureSessionId;
    } else if (route.path.startsWith('/api/sessions/')) recordId = f.sessionId;
    else if (route.path.startsWith('/api/notes/')) recordId = f.noteId;
    else if (route.path.startsWith('/api/process-notes/')) recordId = f.processNoteId;
    else if (route.path.startsWith('/api/measure-links/')) recordId = f.linkId;
    else if (route.path.startsWith('/api/alerts/')) recordId = f.alertId;
    else if (route.path.startsWith('/api/consents/')) recordId = f.consentId;
    else if (route.path.startsWith('/api/safety-assessments/')) recordId = f.assessmentId;
    else if (route.path.startsWith('/api/users/')) recordId = f.userId;
  }
  const path = route.path.replace(':id', recordId ?? 'missing');
  if (path.includes(':')) throw new Error(`no value for a parameter of ${route.path}`);
  return `${path}${entry.query ?? ''}`;
}

async function call(route: Route, f: Fixture, who: Who, entry: Entry, id?: string): Promise<Reply> {
  const body = entry.body ? await entry.body(f, who) : undefined;
  const raw = entry.raw
    ? { rawBody: entry.raw.body, contentType: entry.raw.contentType }
    : undefined;
  return f.callers[who].request(route.method, urlFor(route, f, entry, id), body, raw);
}

/** Which secrets this caller may never see in a reply. */
function forbiddenText(f: Fixture, who: Who, route: Route): string[] {
  const pnRoute = route.path.includes('process-notes');
  if (who === 'owner') return pnRoute ? [] : [f.secrets.processNote];
  if (who === 'supervisor') return [f.secrets.processNote];
  return [...f.secrets.chart, f.secrets.processNote];
}

function checkReply(r: Reply, want: Entry['expect'], who: Who, label: string): void {
  if ('others' in want) {
    if (who === 'signedOut') expect(r.status, label).toBe(want.signedOut);
    else expect(r.status, `${label} ${r.text.slice(0, 200)}`).toBeLessThan(500);
    return;
  }
  expect(r.status, `${label} ${r.text.slice(0, 300)}`).toBe(want[who]);
}

describe('authorization matrix (generated from the route table)', () => {
  it('has an entry for every route of the table, and no entry for a route that is gone', () => {
    const keys = api.routes().map(keyOf);
    expect(keys.length).toBeGreaterThan(20);
    const missing = keys.filter((k) => !(k in MATRIX));
    expect(missing, 'routes without an authorization-matrix entry').toEqual([]);
    const stale = Object.keys(MATRIX).filter((k) => !keys.includes(k));
    expect(stale, 'matrix entries for routes that do not exist').toEqual([]);
  });

  it('every clinical route is closed to admins and to the signed-out at the route level', () => {
    for (const r of api.routes()) {
      const clinical =
        /^\/api\/(clients|sessions|notes|process-notes|consents|safety-assessments)\b/.test(r.path);
      if (!clinical) continue;
      expect(r.auth, keyOf(r)).toBe('user');
      expect(r.roles ? [...r.roles].sort() : null, keyOf(r)).toEqual(['clinician', 'supervisor']);
    }
  });

  for (const key of Object.keys(MATRIX)) {
    it(`${key}: every caller gets the expected status, and nothing leaks`, async () => {
      const route = api.routes().find((r) => keyOf(r) === key);
      if (!route) return; // reported by the guard above
      const entry = MATRIX[key];
      if (!entry) throw new Error('no entry');
      // GET routes share one fixture; so do refusals (they change nothing, or the test fails).
      // A caller expected to succeed at an unsafe route gets a fresh fixture.
      const want = entry.expect;
      const refused = (who: Who): boolean =>
        'others' in want ? who === 'signedOut' : want[who] >= 400;
      const chart = CHART_ROUTE.test(route.path) || route.path === '/api/clients';
      const make = (): Promise<Fixture> => fixture(entry.state ?? 'draft', chart);
      let shared: Fixture | undefined;
      for (const who of WHO) {
        const f = route.method === 'GET' || refused(who) ? (shared ??= await make()) : await make();
        const r = await call(route, f, who, entry);
        checkReply(r, entry.expect, who, `${key} as ${who}`);
        for (const secret of forbiddenText(f, who, route)) {
          expect(r.text.includes(secret), `${key} as ${who} leaks a secret`).toBe(false);
        }
        if (r.status >= 400) {
          expect(r.headers.get('content-type'), `${key} as ${who}`).toMatch(/^application\/json/);
          expect(r.text).not.toMatch(/\bat \S+\.(ts|js):\d+/); // no stack trace
        }
      }
    });
  }

  it('a record you may not see reads exactly like a record that does not exist', async () => {
    const f = await fixture('signed');
    const missing = randomBytes(16).toString('base64url');
    for (const route of api.routes()) {
      if (!route.path.includes(':id') || route.path.startsWith('/api/users/')) continue;
      const entry = MATRIX[keyOf(route)];
      if (!entry) continue;
      for (const who of ['otherClinician', 'otherSupervisor'] as const) {
        const hidden = await call(route, f, who, entry);
        const absent = await call(route, f, who, entry, missing);
        expect(hidden.status, `${keyOf(route)} as ${who}`).toBe(404);
        expect(absent.status, `${keyOf(route)} as ${who} (absent)`).toBe(404);
        expect(hidden.text, keyOf(route)).toBe(absent.text);
      }
      // The owner asking for a record that does not exist: 404 too, and admins still 403.
      expect((await call(route, f, 'owner', entry, missing)).status, keyOf(route)).toBe(404);
      expect((await call(route, f, 'admin', entry, missing)).status, keyOf(route)).toBe(403);
    }
  });
});
