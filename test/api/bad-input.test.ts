/**
 * Bad input at every endpoint, generated from the route table: for each route with params, a
 * query or a body — bad ids, unknown query parameters and bad values, an empty body, a body that
 * is not JSON, malformed JSON, a body over 5 MB, unknown fields, every field of a valid body
 * replaced by a value of the wrong type, and every string field replaced by a huge one — the
 * answer is a 4xx with a clear message naming the field, never a 5xx and never an echo of what
 * was sent.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ProcessNoteSchema, ProgressNoteSchema } from '../../src/server/domain/schemas.js';
import type { Route } from '../../src/server/http/route.js';
import {
  createClient,
  createSession,
  details,
  errorOf,
  profile,
  read,
  rnd,
  useApi,
  type Caller,
  type Reply,
} from './harness.js';
import { interventionConsent, safetyPlanBody, signablePlan } from './care-helpers.js';

/** A safety assessment's content with every kind of field set. */
const assessmentBody = (): Record<string, unknown> => ({
  ideation: { status: 'present', detail: 'Passive thoughts' },
  plan: { status: 'absent', detail: '' },
  protectiveFactors: ['Children at home'],
  riskFactors: ['Recent loss'],
  riskLevel: 'low',
  actions: 'Safety plan reviewed',
});

const api = useApi();

interface Ctx {
  admin: Caller;
  clinician: Caller;
  anon: Caller;
  ids: { client: string; session: string; note: string; processNote: string; user: string };
  note: z.output<typeof ProgressNoteSchema>;
}

let ctxPromise: Promise<Ctx> | undefined;
/** One chart for the whole file: every request here is refused, so nothing changes. */
function context(): Promise<Ctx> {
  ctxPromise ??= (async () => {
    const admin = await api.user('admin');
    const clinician = await api.user('clinician');
    const client = await createClient(clinician);
    const { sessionId, note } = await createSession(clinician, client.id);
    const pn = read(
      z.object({ processNote: ProcessNoteSchema }),
      await clinician.post(`/api/clients/${client.id}/process-notes`, { text: 'Private.' }),
    ).processNote;
    return {
      admin,
      clinician,
      anon: api.anon(),
      ids: {
        client: client.id,
        session: sessionId,
        note: note.id,
        processNote: pn.id,
        user: clinician.user?.id ?? '',
      },
      note,
    };
  })();
  return ctxPromise;
}

/** A valid body for every route that takes one (the guard below keeps this complete). */
const VALID_BODY: Record<string, (c: Ctx) => unknown> = {
  'POST /api/setup': () => ({
    email: 'first@example.org',
    name: 'First',
    password: 'long password 1234',
  }),
  'POST /api/auth/login': () => ({ email: 'someone@example.org', password: 'long password 1234' }),
  'POST /api/auth/mfa/setup': () => ({ currentPassword: 'long password 1234' }),
  'POST /api/auth/mfa/enable': () => ({ code: '123456' }),
  'POST /api/auth/supervision/accept': (c) => ({ supervisorId: c.ids.user }),
  'POST /api/auth/supervision/decline': (c) => ({ supervisorId: c.ids.user }),
  'POST /api/auth/password': () => ({
    currentPassword: 'long password 1234',
    newPassword: 'another password 5678',
  }),
  'POST /api/users': () => ({
    email: `n-${rnd()}@example.org`,
    name: 'New',
    role: 'clinician',
    password: 'long password 1234',
    supervisorId: null,
  }),
  'PATCH /api/users/:id': () => ({ name: 'Renamed', role: 'clinician', disabled: false }),
  'PUT /api/settings': () => ({
    practiceName: 'Harbourview Counselling',
    address: '12 Quay Street, Portland, ME 04101',
    phone: '+1 207 555 0134',
    npi: '1234567893',
    timezone: 'America/New_York',
    requireCosignForSupervisees: false,
  }),
  'POST /api/clients': () => ({ profile: profile() }),
  'PATCH /api/clients/:id': () => ({ profile: profile() }),
  'PUT /api/clients/:id/plan': () => signablePlan(),
  'POST /api/clients/:id/plan/sign': () => ({ expectedUpdatedAt: new Date().toISOString() }),
  'POST /api/clients/:id/safety-plan/confirm': () => ({
    expectedUpdatedAt: new Date().toISOString(),
  }),
  'POST /api/clients/:id/consents': () => interventionConsent(),
  'POST /api/clients/:id/safety-assessments': () => ({
    ...assessmentBody(),
    trigger: { kind: 'clinician' },
    sessionId: null,
  }),
  'PUT /api/safety-assessments/:id': () => assessmentBody(),
  'PUT /api/clients/:id/safety-plan': () => safetyPlanBody(),
  'POST /api/clients/:id/sessions': () => ({
    details: { ...details(), location: 'telehealth', telehealthPlatform: 'Doxy.me' },
    transcript: { text: 'Therapist: Hello.\nClient: Hi.', format: 'lines' },
    noteFormat: 'soap',
  }),
  'POST /api/clients/:id/captures': () => ({ details: details(), mode: 'live' }),
  'PUT /api/sessions/:id/speakers': () => ({ roles: { 'Speaker 1': 'clinician' } }),
  'PUT /api/notes/:id': (c) => ({ body: c.note.body, version: c.note.version }),
  'POST /api/notes/:id/sign': () => ({ version: 1 }),
  'POST /api/notes/:id/addenda': () => ({ text: 'Late entry.' }),
  'POST /api/clients/:id/process-notes': (c) => ({ text: 'A thought.', sessionId: c.ids.session }),
  'PUT /api/process-notes/:id': () => ({ text: 'A revised thought.' }),
  'POST /api/clients/:id/measures': (c) => ({
    instrument: 'phq9',
    answers: [0, 1, 2, 3, null, 0, 1, 2, 0],
    administeredAt: '2025-03-04T10:00:00.000Z',
    sessionId: c.ids.session,
  }),
  'POST /api/clients/:id/measure-links': (c) => ({
    instruments: ['phq9', 'gad7'],
    expiresInHours: 48,
    sessionId: c.ids.session,
  }),
  'PUT /api/clients/:id/measure-schedules': () => ({
    schedules: [
      { instrument: 'phq9', cadence: { kind: 'every_session' }, active: true },
      { instrument: 'gad7', cadence: { kind: 'interval', days: 14 }, active: false },
    ],
  }),
  'POST /api/toolkit/recommend': () => ({
    concerns: ['trauma_ptsd', 'PTSD with avoidance'],
    features: ['avoidance', 'withdrawal'],
    preferences: ['minimal_homework'],
    culture: ['faith_spirituality'],
    contraindications: ['active_suicidal_ideation'],
    exclude: ['expressive.art'],
    limit: 10,
  }),
  'POST /api/respond/open': () => ({ token: 'a'.repeat(43) }),
  'POST /api/respond/submit': () => ({
    token: 'a'.repeat(43),
    responses: [{ instrument: 'gad7', answers: [0, 1, 2, 3, 0, 1, 2] }],
  }),
};

const keyOf = (r: Route): string => `${r.method} ${r.path}`;

/** Who may call the route at all (so the request reaches validation). */
function callerFor(route: Route, c: Ctx): Caller {
  if (route.auth === 'public') return c.anon;
  if (route.roles?.includes('admin')) return c.admin;
  return c.clinician;
}

function pathFor(route: Route, c: Ctx, id?: string): string {
  const p = route.path;
  let recordId = id;
  if (recordId === undefined) {
    if (p.startsWith('/api/clients/')) recordId = c.ids.client;
    else if (p.startsWith('/api/sessions/')) recordId = c.ids.session;
    else if (p.startsWith('/api/notes/')) recordId = c.ids.note;
    else if (p.startsWith('/api/process-notes/')) recordId = c.ids.processNote;
    else recordId = c.ids.user;
  }
  return p.replace(':id', encodeURIComponent(recordId));
}

type Leaf = { path: string; value: unknown };

/** Every value inside a JSON value (not the root), with its path in the API's issue format. */
function leaves(v: unknown, path: string, out: Leaf[] = []): Leaf[] {
  if (Array.isArray(v)) {
    v.forEach((x, i) => {
      const p = `${path}[${i}]`;
      out.push({ path: p, value: x });
      leaves(x, p, out);
    });
  } else if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      const p = `${path}.${k}`;
      out.push({ path: p, value: x });
      leaves(x, p, out);
    }
  }
  return out;
}

/** A copy of `root` (at path `body`) with the value at `path` replaced. */
function replaced(root: unknown, path: string, value: unknown): unknown {
  const copy = structuredClone(root) as Record<string, unknown>;
  const steps = [...path.slice('body'.length).matchAll(/\.([^.[\]]+)|\[(\d+)\]/g)].map((m) =>
    m[1] !== undefined ? m[1] : Number(m[2]),
  );
  let at: Record<string | number, unknown> = copy;
  steps.forEach((step, i) => {
    if (i === steps.length - 1) at[step] = value;
    else at = at[step] as Record<string | number, unknown>;
  });
  return copy;
}

/** A value of another JSON type than `v`. */
function wrongType(v: unknown): unknown {
  if (typeof v === 'string') return 12345;
  if (typeof v === 'number') return 'twelve';
  if (typeof v === 'boolean') return 'yes';
  if (v === null) return { unexpected: true };
  if (Array.isArray(v)) return 'not a list';
  return ['not', 'an', 'object'];
}

/** At most `n` items, evenly spread (long note bodies have hundreds of fields). */
function spread<T>(xs: readonly T[], n: number): T[] {
  if (xs.length <= n) return [...xs];
  return Array.from({ length: n }, (_, i) => xs[Math.floor((i * xs.length) / n)] as T);
}

/** A 4xx error body with a message, never a stack trace or an echo of `sent`. */
function expectClear(r: Reply, label: string, sent?: string): void {
  expect(r.status, `${label}: ${r.text.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
  expect(r.status, label).toBeLessThan(500);
  const e = errorOf(r);
  expect(e.message.length, label).toBeGreaterThan(10);
  expect(r.text).not.toMatch(/\bat \S+\.(ts|js):\d+/);
  if (sent !== undefined) expect(r.text.includes(sent), `${label} echoes the input`).toBe(false);
}

/** The issue paths of a 400 `validation_failed`. */
function issuePaths(r: Reply, label: string): string[] {
  expect(r.status, `${label}: ${r.text.slice(0, 300)}`).toBe(400);
  const e = errorOf(r);
  expect(e.code, label).toBe('validation_failed');
  return (e.issues ?? []).map((i) => i.path);
}

const related = (issue: string, field: string): boolean =>
  issue === field ||
  field.startsWith(`${issue}.`) ||
  field.startsWith(`${issue}[`) ||
  issue.startsWith(field);

describe('bad input at every endpoint (generated from the route table)', () => {
  it('knows a valid body for every route that takes one', () => {
    const withBody = api
      .routes()
      .filter((r) => r.body !== undefined)
      .map(keyOf);
    expect(withBody.filter((k) => !(k in VALID_BODY))).toEqual([]);
    expect(Object.keys(VALID_BODY).filter((k) => !withBody.includes(k))).toEqual([]);
  });

  it('bad ids in the path: 400 naming params.id', async () => {
    const c = await context();
    const routes = api.routes().filter((r) => r.params !== undefined);
    expect(routes.length).toBeGreaterThan(10);
    for (const route of routes) {
      for (const bad of [
        'short',
        'has space in it',
        'x'.repeat(65),
        'semi;colon;id;x',
        'ünïcødé-ïd-xx',
      ]) {
        const body = VALID_BODY[keyOf(route)]?.(c);
        const r = await callerFor(route, c).request(route.method, pathFor(route, c, bad), body);
        const label = `${keyOf(route)} id=${bad}`;
        expect(issuePaths(r, label), label).toContain('params.id');
        expectClear(r, label, bad);
      }
    }
  });

  it('query strings: unknown parameters and bad values are named', async () => {
    const c = await context();
    const routes = api.routes().filter((r) => r.query !== undefined);
    expect(routes.map(keyOf)).toContain('GET /api/notes/:id/fhir');
    for (const route of routes) {
      const base = pathFor(route, c);
      const caller = callerFor(route, c);
      const unknown = await caller.request(route.method, `${base}?bogusParam=1`);
      expect(issuePaths(unknown, `${keyOf(route)} unknown`)).toContain('query.bogusParam');
      for (const field of Object.keys(route.query?.shape ?? {})) {
        const r = await caller.request(route.method, `${base}?${field}=%40%40bad%40%40`);
        const label = `${keyOf(route)} ${field}`;
        expect(issuePaths(r, label)).toContain(`query.${field}`);
        expectClear(r, label, '@@bad@@');
      }
    }
  });

  it('bodies: empty, not JSON, malformed, too large, or an empty object', async () => {
    const c = await context();
    for (const route of api.routes().filter((r) => r.body !== undefined)) {
      const caller = callerFor(route, c);
      const path = pathFor(route, c);
      const label = keyOf(route);

      const empty = await caller.request(route.method, path, undefined, { rawBody: '' });
      expect(empty.status, label).toBe(400);
      expect(errorOf(empty).code).toBe('bad_request');
      expect(errorOf(empty).message).toMatch(/empty/);

      const text = await caller.request(route.method, path, undefined, {
        rawBody: 'name=Ada',
        contentType: 'text/plain',
      });
      expect(text.status, label).toBe(415);
      expect(errorOf(text).code).toBe('unsupported_media_type');

      const malformed = await caller.request(route.method, path, undefined, {
        rawBody: '{"text": "Velvetine secret", ',
      });
      expect(malformed.status, label).toBe(400);
      expectClear(malformed, label, 'Velvetine');

      const huge = await caller.request(route.method, path, undefined, {
        rawBody: JSON.stringify({ text: 'x'.repeat(6 * 1024 * 1024) }),
      });
      expect(huge.status, label).toBe(413);
      expect(errorOf(huge).code).toBe('payload_too_large');

      const notObject = await caller.request(route.method, path, ['a', 'list']);
      expect(issuePaths(notObject, `${label} list`)).toContain('body');

      const obj = await caller.request(route.method, path, {});
      const valid = VALID_BODY[label]?.(c) as Record<string, unknown>;
      const shape = (route.body as z.ZodObject).shape as Record<string, z.ZodType | undefined>;
      const required = Object.keys(valid).filter((k) => !shape[k]?.safeParse(undefined).success);
      if (required.length > 0) {
        const paths = issuePaths(obj, `${label} {}`);
        for (const k of required) expect(paths, `${label} {} names ${k}`).toContain(`body.${k}`);
      } else {
        expect(obj.status, `${label} {}`).toBeLessThan(500);
      }
    }
  });

  it('unknown fields are refused and named', async () => {
    const c = await context();
    for (const route of api.routes().filter((r) => r.body !== undefined)) {
      const valid = VALID_BODY[keyOf(route)]?.(c) as Record<string, unknown>;
      const r = await callerFor(route, c).request(route.method, pathFor(route, c), {
        ...valid,
        isAdmin: true,
      });
      const label = `${keyOf(route)} +isAdmin`;
      expect(issuePaths(r, label)).toContain('body.isAdmin');
      expect(errorOf(r).issues?.find((i) => i.path === 'body.isAdmin')?.message).toMatch(
        /unknown field/,
      );
    }
    // Nested strict objects too.
    const nested = await c.clinician.post('/api/clients', {
      profile: { ...profile(), ssn: '000-00-0000' },
    });
    expect(issuePaths(nested, 'nested')).toContain('body.profile.ssn');
    expect(nested.text).not.toContain('000-00-0000');
  });

  it('every field of a valid body, given a value of the wrong type, is named', async () => {
    const c = await context();
    for (const route of api.routes().filter((r) => r.body !== undefined)) {
      const valid = VALID_BODY[keyOf(route)]?.(c);
      for (const leaf of spread(leaves(valid, 'body'), 60)) {
        const body = replaced(valid, leaf.path, wrongType(leaf.value));
        const r = await callerFor(route, c).request(route.method, pathFor(route, c), body);
        const label = `${keyOf(route)} ${leaf.path}`;
        const paths = issuePaths(r, label);
        expect(
          paths.some((p) => related(p, leaf.path)),
          `${label} named in ${paths.join(', ')}`,
        ).toBe(true);
        expectClear(r, label);
      }
    }
  });

  it('every string field of a valid body, given a huge string, is refused and named', async () => {
    const c = await context();
    const huge = `Hugeword${'x'.repeat(300_000)}`;
    for (const route of api.routes().filter((r) => r.body !== undefined)) {
      const valid = VALID_BODY[keyOf(route)]?.(c);
      const strings = leaves(valid, 'body').filter((l) => typeof l.value === 'string');
      for (const leaf of spread(strings, 40)) {
        const body = replaced(valid, leaf.path, huge);
        const r = await callerFor(route, c).request(route.method, pathFor(route, c), body);
        const label = `${keyOf(route)} ${leaf.path}`;
        expectClear(r, label, 'Hugeword');
        if (r.status === 400 && errorOf(r).code === 'validation_failed') {
          const paths = issuePaths(r, label);
          expect(
            paths.some((p) => related(p, leaf.path)),
            `${label} named in ${paths.join(', ')}`,
          ).toBe(true);
        }
      }
    }
    // The note is unchanged by all of it.
    const after = read(
      z.object({ note: ProgressNoteSchema }),
      await c.clinician.get(`/api/notes/${c.ids.note}`),
    );
    expect(after.note.version).toBe(c.note.version);
  });

  it('a transcript too long for the field is named; one that is not a transcript names the problem', async () => {
    const c = await context();
    const url = `/api/clients/${c.ids.client}/sessions`;
    const noise = await c.clinician.post(url, {
      details: details(),
      transcript: { text: '\u0000\u0001\u0002 binary-ish Quintessa' },
    });
    expectClear(noise, 'binary transcript', 'Quintessa');
    expect(errorOf(noise).code).toBe('bad_request');
    const wrongFormat = await c.clinician.post(url, {
      details: details(),
      transcript: { text: 'Therapist: Hello Quintessa.\nClient: Hi.', format: 'vtt' },
    });
    expectClear(wrongFormat, 'format vtt', 'Quintessa');
  });
});
