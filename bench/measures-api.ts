/**
 * API figures of the measurement-based-care benchmark (issue 5): the real app from the composition
 * root (`openRuntime`: key file, field cipher, migrated SQLite store in a temp dir, HMAC audit log,
 * production settings: no response checking) called IN PROCESS through Hono's `app.request`, so it
 * measures the source as it is now (no build needed) and leaves out the HTTP socket (the note
 * figures in bench/api.ts include it). Every record is made through the API routes of the brief's
 * contract; only the users are made in the store (as `docscrib user add` does), then sign in.
 *
 * Scenarios (each its own clinician, so caseloads are exactly as described):
 *  - enter answers: `POST /api/clients/:id/measures` (PHQ-9, item 9 = 0), closed loop with
 *    `concurrency` requests in flight → req/s, p50/p99;
 *  - outcomes: `GET /api/clients/:id/outcomes`, client with 100 sessions (notes drafted from
 *    examples/cbt-thought-record.txt) and 150 administrations (100 PHQ-9, 50 GAD-7), sequential;
 *  - alert banner poll: `GET /api/alerts?status=open`, 20 clients, 20 alerts of which 10 are
 *    acknowledged (10 open), sequential;
 *  - reminders: `GET /api/reminders`, caseload of 200 clients each with 2 schedules, half with a
 *    PHQ-9 30 days ago, sequential;
 *  - public link: `POST /api/respond/open` then `/submit` (PHQ-9 + GAD-7) per link, each link from
 *    its own client address (the throttle is per address), closed loop → flows/s, p50/p99 each;
 *  - FHIR: `GET /api/clients/:id/measures/fhir` for the 150 administrations, sequential.
 * Every answer is checked (status and counts), so a broken route fails the bench, not the figures.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import { openRuntime, type Runtime } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { hashPassword } from '../src/server/security/passwords.js';
import { mb, quantiles, round, settledHeap, type Quantiles } from './measures-stats.js';

const ROOT = resolve(import.meta.dirname, '..');
const TRANSCRIPT = 'examples/cbt-thought-record.txt';
const DAY = 86_400_000;

export interface LatencyFigure {
  what: string;
  conditions: string;
  latencyMs: Quantiles;
  requestsPerSecond: number;
  /** Size of one answer's JSON body. */
  responseKB: number | null;
}

export interface ApiMeasuresResult {
  database: 'sqlite';
  mode: 'in-process';
  loadAverageAtStart: number;
  seedSeconds: number;
  figures: LatencyFigure[];
  memoryMB: { heapAfterSeed: number; heapAfterLoad: number; rssPeak: number };
}

interface Reply {
  status: number;
  text: string;
  json: unknown;
}

type Call = (method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown) => Promise<Reply>;

const ErrorReply = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

/**
 * The answer's body read with `schema` (only the parts the bench uses); fails with the route and
 * status (never the body: it may hold answers) when the status is not `status`.
 */
function ok<S extends z.ZodType>(r: Reply, status: number, what: string, schema: S): z.output<S> {
  if (r.status !== status) {
    const e = ErrorReply.safeParse(r.json);
    const why = e.success ? ` (${e.data.error.code}: ${e.data.error.message})` : '';
    throw new Error(`${what}: expected ${status}, got ${r.status}${why}`);
  }
  const parsed = schema.safeParse(r.json);
  if (!parsed.success)
    throw new Error(`${what}: unexpected answer: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

const Anything = z.unknown();
const Id = z.object({ id: z.string() });

/** Requests to the in-process app, from client address `ip`, optionally signed in. */
function caller(
  rt: Runtime,
  ip: string,
  auth: { cookie: string; csrf: string } | null = null,
): Call {
  return async (method, path, body) => {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (auth) {
      headers.cookie = auth.cookie;
      if (method !== 'GET') headers['x-csrf-token'] = auth.csrf;
    }
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await rt.app.request(
      path,
      { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) },
      // As @hono/node-server passes it: the socket's peer address (per-address throttles).
      { incoming: { socket: { remoteAddress: ip } } },
    );
    const text = await res.text();
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, text, json };
  };
}

let userCount = 0;
/** A clinician made in the store (as `docscrib user add` does), signed in through the API. */
async function clinician(rt: Runtime): Promise<Call> {
  const n = userCount++;
  const email = `bench-clinician-${n}@example.test`;
  const password = `bench-password-${n}-${Date.now()}`;
  const made = await rt.store.users.create({
    email,
    name: `Bench Clinician ${n}`,
    role: 'clinician',
    supervisorId: null,
    passwordHash: await hashPassword(password),
  });
  if (!made.ok) throw new Error('could not create a benchmark user');
  const res = await rt.app.request(
    '/api/auth/login',
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ email, password }),
    },
    { incoming: { socket: { remoteAddress: '127.0.0.1' } } },
  );
  const text = await res.text();
  if (res.status !== 200) throw new Error(`login: ${res.status} ${text.slice(0, 200)}`);
  const { csrfToken } = z.object({ csrfToken: z.string() }).parse(JSON.parse(text));
  const cookie = res.headers
    .getSetCookie()
    .map((line) => line.split(';')[0] ?? '')
    .find((pair) => pair.includes('docscrib_session='));
  if (!cookie) throw new Error('login: no session cookie');
  return caller(rt, '127.0.0.1', { cookie, csrf: csrfToken });
}

async function newClient(as: Call, name: string, concerns: string[] = []): Promise<string> {
  const { client } = ok(
    await as('POST', '/api/clients', {
      profile: { name, presentingConcerns: concerns },
    }),
    201,
    'POST /api/clients',
    z.object({ client: Id }),
  );
  return client.id;
}

/** PHQ-9 answers summing to `total` over items 1–8 (0–3 each); item 9 as given. */
function phq9(total: number, item9 = 0): number[] {
  const items = Array.from({ length: 8 }, (_, i) =>
    Math.min(3, Math.floor(total / 8) + (i < total % 8 ? 1 : 0)),
  );
  return [...items, item9];
}

/** GAD-7 answers summing to `total` (0–3 each). */
function gad7(total: number): number[] {
  return Array.from({ length: 7 }, (_, i) =>
    Math.min(3, Math.floor(total / 7) + (i < total % 7 ? 1 : 0)),
  );
}

function dateOnly(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Sequential requests: `warmup` unmeasured, then until `budgetMs` (at least `minRequests`). */
async function sequential(
  send: () => Promise<Reply>,
  check: (r: Reply) => void,
  opts: { warmup: number; budgetMs: number; minRequests: number },
): Promise<{ latencyMs: Quantiles; requestsPerSecond: number; last: Reply }> {
  let last: Reply | undefined;
  for (let i = 0; i < opts.warmup; i++) check((last = await send()));
  const samples: number[] = [];
  const start = performance.now();
  while (performance.now() - start < opts.budgetMs || samples.length < opts.minRequests) {
    const t0 = performance.now();
    const r = await send();
    samples.push(performance.now() - t0);
    check(r);
    last = r;
  }
  if (!last) throw new Error('no request was sent');
  const seconds = (performance.now() - start) / 1000;
  return {
    latencyMs: quantiles(samples),
    requestsPerSecond: round(samples.length / seconds, 1),
    last,
  };
}

/** `concurrency` closed loops of `step` (which times its own requests) for `durationMs`. */
async function closedLoop(
  concurrency: number,
  durationMs: number,
  step: (loop: number, i: number) => Promise<boolean>,
): Promise<{ seconds: number; steps: number }> {
  const stopAt = performance.now() + durationMs;
  const start = performance.now();
  let steps = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, loop) => {
      for (let i = 0; performance.now() < stopAt; i++) {
        if (!(await step(loop, i))) break;
        steps++;
      }
    }),
  );
  return { seconds: (performance.now() - start) / 1000, steps };
}

export async function runMeasuresApiBench(
  opts: { budgetMs?: number; concurrency?: number; log?: (line: string) => void } = {},
): Promise<ApiMeasuresResult> {
  const budgetMs = opts.budgetMs ?? 3000;
  const concurrency = opts.concurrency ?? 4;
  const log = opts.log ?? (() => undefined);
  const dir = await mkdtemp(join(tmpdir(), 'docscrib-bench-measures-'));
  const loadAverageAtStart = round(loadavg()[0] ?? 0);
  let rssPeak = 0;
  const sampleRss = (): void => {
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
  };
  const rt = await openRuntime(loadConfig({}, { dataDir: dir }), {
    logger: { info: () => undefined, error: () => undefined },
    webRoot: join(dir, 'no-web'),
  });
  try {
    const seedStart = performance.now();
    const now = Date.now();
    const text = readFileSync(join(ROOT, TRANSCRIPT), 'utf8');

    // ── Outcomes + FHIR: one client, 100 sessions with notes, 150 administrations ─────────
    log('measures bench: seeding 100 sessions with notes and 150 administrations');
    const a = await clinician(rt);
    const outcomesClient = await newClient(a, 'Bench Outcomes Client', ['depression', 'anxiety']);
    for (let s = 0; s < 100; s++) {
      const at = now - (100 - s) * 7 * DAY;
      const { session } = ok(
        await a('POST', `/api/clients/${outcomesClient}/sessions`, {
          details: { date: dateOnly(at), consentToRecord: true },
          transcript: { text },
        }),
        201,
        'POST /api/clients/:id/sessions',
        z.object({ session: Id }),
      );
      // PHQ-9 every session (improving, then flat around 12); GAD-7 every other session.
      const phqTotal = Math.max(12, 20 - Math.floor(s / 5)) - (s % 3);
      const administeredAt = new Date(at + 9 * 3600 * 1000).toISOString();
      ok(
        await a('POST', `/api/clients/${outcomesClient}/measures`, {
          instrument: 'phq9',
          answers: phq9(phqTotal),
          administeredAt,
          sessionId: session.id,
        }),
        201,
        'POST /api/clients/:id/measures',
        Anything,
      );
      if (s % 2 === 0) {
        ok(
          await a('POST', `/api/clients/${outcomesClient}/measures`, {
            instrument: 'gad7',
            answers: gad7(Math.max(8, 16 - Math.floor(s / 6))),
            administeredAt,
            sessionId: session.id,
          }),
          201,
          'POST /api/clients/:id/measures',
          Anything,
        );
      }
    }
    sampleRss();

    // ── Alert banner: 20 clients, 20 item-9 alerts, 10 acknowledged ─────────────────────────
    log('measures bench: seeding 20 clients with 10 open alerts');
    const b = await clinician(rt);
    for (let c = 0; c < 20; c++) {
      const id = await newClient(b, `Bench Alert Client ${c}`);
      const entered = ok(
        await b('POST', `/api/clients/${id}/measures`, {
          instrument: 'phq9',
          answers: phq9(14, 1),
          administeredAt: new Date(now - (c + 1) * 3600 * 1000).toISOString(),
        }),
        201,
        'POST /api/clients/:id/measures (item 9)',
        z.object({ alerts: z.array(Id) }),
      );
      const alert = entered.alerts[0];
      if (!alert) throw new Error('PHQ-9 item 9 = 1 raised no alert');
      if (c % 2 === 1) {
        ok(await b('POST', `/api/alerts/${alert.id}/acknowledge`), 200, 'acknowledge', Anything);
      }
    }

    // ── Reminders: caseload of 200 clients with schedules ───────────────────────────────────
    log('measures bench: seeding a caseload of 200 clients with schedules');
    const c200 = await clinician(rt);
    for (let c = 0; c < 200; c++) {
      const id = await newClient(c200, `Bench Caseload Client ${c}`);
      ok(
        await c200('PUT', `/api/clients/${id}/measure-schedules`, {
          schedules: [
            { instrument: 'phq9', cadence: { kind: 'interval', days: 14 } },
            { instrument: 'gad7', cadence: { kind: 'every_session' } },
          ],
        }),
        200,
        'PUT /api/clients/:id/measure-schedules',
        Anything,
      );
      if (c % 2 === 0) {
        ok(
          await c200('POST', `/api/clients/${id}/measures`, {
            instrument: 'phq9',
            answers: phq9(11),
            administeredAt: new Date(now - 30 * DAY).toISOString(),
          }),
          201,
          'POST /api/clients/:id/measures',
          Anything,
        );
      }
    }

    // ── Public links: one client, links made up front (one per flow) ────────────────────────
    const e = await clinician(rt);
    const linkClient = await newClient(e, 'Bench Link Client');
    const makeLink = async (): Promise<string> => {
      const { url } = ok(
        await e('POST', `/api/clients/${linkClient}/measure-links`, {
          instruments: ['phq9', 'gad7'],
        }),
        201,
        'POST /api/clients/:id/measure-links',
        z.object({ url: z.string() }),
      );
      const token = url.split('#')[1];
      if (!token) throw new Error('link URL without a token fragment');
      return token;
    };

    // ── Entering answers: one client per loop ────────────────────────────────────────────────
    const d = await clinician(rt);
    const entryClients: string[] = [];
    for (let i = 0; i < concurrency; i++) entryClients.push(await newClient(d, `Bench Entry ${i}`));
    const seedSeconds = round((performance.now() - seedStart) / 1000, 1);
    sampleRss();
    const heapAfterSeed = settledHeap();

    const figures: LatencyFigure[] = [];
    const kb = (r: Reply): number => round(Buffer.byteLength(r.text) / 1024, 1);

    log('measures bench: POST measures');
    {
      const samples: number[] = [];
      const warmupUntil = performance.now() + 500;
      const run = await closedLoop(concurrency, budgetMs + 500, async (loop, i) => {
        const clientId = entryClients[loop] ?? '';
        const t0 = performance.now();
        const r = await d('POST', `/api/clients/${clientId}/measures`, {
          instrument: 'phq9',
          answers: phq9((i * 7 + loop) % 25),
        });
        if (t0 >= warmupUntil) samples.push(performance.now() - t0);
        ok(r, 201, 'POST /api/clients/:id/measures', Anything);
        return true;
      });
      sampleRss();
      figures.push({
        what: 'POST /api/clients/:id/measures',
        conditions: `PHQ-9, ${concurrency} in flight (closed loop), ${budgetMs / 1000} s after 0.5 s warm-up`,
        latencyMs: quantiles(samples),
        requestsPerSecond: round(samples.length / (run.seconds - 0.5), 1),
        responseKB: null,
      });
    }

    log('measures bench: GET outcomes');
    {
      const r = await sequential(
        () => a('GET', `/api/clients/${outcomesClient}/outcomes`),
        (res) => {
          const body = ok(
            res,
            200,
            'GET /api/clients/:id/outcomes',
            z.object({ administrations: z.array(Anything), sessionLog: z.array(Anything) }),
          );
          if (body.administrations.length !== 150 || body.sessionLog.length !== 100) {
            throw new Error(
              `outcomes: expected 150 administrations and 100 sessions, got ${body.administrations.length} and ${body.sessionLog.length}`,
            );
          }
        },
        { warmup: 3, budgetMs, minRequests: 20 },
      );
      sampleRss();
      figures.push({
        what: 'GET /api/clients/:id/outcomes',
        conditions:
          '100 sessions with notes, 150 administrations (100 PHQ-9, 50 GAD-7), sequential',
        latencyMs: r.latencyMs,
        requestsPerSecond: r.requestsPerSecond,
        responseKB: kb(r.last),
      });
    }

    log('measures bench: GET alerts');
    {
      const r = await sequential(
        () => b('GET', '/api/alerts?status=open'),
        (res) => {
          const { alerts } = ok(
            res,
            200,
            'GET /api/alerts',
            z.object({ alerts: z.array(Anything) }),
          );
          if (alerts.length !== 10)
            throw new Error(`alerts: expected 10 open, got ${alerts.length}`);
        },
        { warmup: 10, budgetMs: Math.min(budgetMs, 2000), minRequests: 50 },
      );
      figures.push({
        what: 'GET /api/alerts?status=open',
        conditions: '20 clients, 20 alerts, 10 open (banner poll), sequential',
        latencyMs: r.latencyMs,
        requestsPerSecond: r.requestsPerSecond,
        responseKB: kb(r.last),
      });
    }

    log('measures bench: GET reminders');
    {
      const r = await sequential(
        () => c200('GET', '/api/reminders'),
        (res) => {
          const { measuresDue } = ok(
            res,
            200,
            'GET /api/reminders',
            z.object({ measuresDue: z.array(Anything) }),
          );
          if (measuresDue.length === 0)
            throw new Error('reminders: nothing due in a caseload of 200');
        },
        { warmup: 3, budgetMs, minRequests: 20 },
      );
      sampleRss();
      figures.push({
        what: 'GET /api/reminders',
        conditions: '200 clients × 2 schedules, 100 with a PHQ-9 30 days ago, sequential',
        latencyMs: r.latencyMs,
        requestsPerSecond: r.requestsPerSecond,
        responseKB: kb(r.last),
      });
    }

    log('measures bench: public link flow');
    {
      // Links are made before the clock starts; each flow opens and submits one.
      const tokens: string[] = [];
      const linkCount = 60 + concurrency * 120;
      for (let i = 0; i < linkCount; i++) tokens.push(await makeLink());
      let nextToken = 0;
      const openMs: number[] = [];
      const submitMs: number[] = [];
      const flowMs: number[] = [];
      let crises = 0;
      const run = await closedLoop(concurrency, budgetMs, async () => {
        const index = nextToken++;
        const token = tokens[index];
        if (token === undefined) return false;
        // Each client answers from their own address (the throttle counts per address).
        const pub = caller(rt, `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}`);
        const t0 = performance.now();
        ok(
          await pub('POST', '/api/respond/open', { token }),
          200,
          'POST /api/respond/open',
          Anything,
        );
        const t1 = performance.now();
        const answer = ok(
          await pub('POST', '/api/respond/submit', {
            token,
            responses: [
              { instrument: 'phq9', answers: phq9(index % 25) },
              { instrument: 'gad7', answers: gad7(index % 21) },
            ],
          }),
          200,
          'POST /api/respond/submit',
          z.object({ crisis: z.unknown() }),
        );
        const t2 = performance.now();
        if (answer.crisis !== null) crises++;
        openMs.push(t1 - t0);
        submitMs.push(t2 - t1);
        flowMs.push(t2 - t0);
        return true;
      });
      if (crises > 0) throw new Error('submit: crisis resources for answers without item 9');
      sampleRss();
      const flows = flowMs.length;
      const exhausted = nextToken >= tokens.length ? ` (all ${tokens.length} links used)` : '';
      const cond = `flows/s (2 requests each); PHQ-9 + GAD-7 link, each from its own address, ${concurrency} in flight, ${round(run.seconds, 1)} s${exhausted}`;
      figures.push(
        {
          what: 'public link: open + submit',
          conditions: cond,
          latencyMs: quantiles(flowMs),
          requestsPerSecond: round(flows / run.seconds, 1),
          responseKB: null,
        },
        {
          what: '  POST /api/respond/open',
          conditions: 'within the flow above',
          latencyMs: quantiles(openMs),
          requestsPerSecond: round(flows / run.seconds, 1),
          responseKB: null,
        },
        {
          what: '  POST /api/respond/submit',
          conditions: 'within the flow above',
          latencyMs: quantiles(submitMs),
          requestsPerSecond: round(flows / run.seconds, 1),
          responseKB: null,
        },
      );
    }

    log('measures bench: GET FHIR');
    {
      const r = await sequential(
        () => a('GET', `/api/clients/${outcomesClient}/measures/fhir`),
        (res) => {
          const bundle = ok(
            res,
            200,
            'GET /api/clients/:id/measures/fhir',
            z.object({ resourceType: z.string(), entry: z.array(Anything).optional() }),
          );
          if (bundle.resourceType !== 'Bundle' || (bundle.entry?.length ?? 0) < 150) {
            throw new Error(
              `fhir: expected a Bundle with ≥ 150 entries, got ${bundle.entry?.length ?? 0}`,
            );
          }
        },
        { warmup: 2, budgetMs, minRequests: 10 },
      );
      sampleRss();
      figures.push({
        what: 'GET /api/clients/:id/measures/fhir',
        conditions: '150 administrations (validated R4 Bundle), sequential',
        latencyMs: r.latencyMs,
        requestsPerSecond: r.requestsPerSecond,
        responseKB: kb(r.last),
      });
    }

    return {
      database: 'sqlite',
      mode: 'in-process',
      loadAverageAtStart,
      seedSeconds,
      figures,
      memoryMB: {
        heapAfterSeed: mb(heapAfterSeed),
        heapAfterLoad: mb(settledHeap()),
        rssPeak: mb(rssPeak),
      },
    };
  } finally {
    await rt.close();
    await rm(dir, { recursive: true, force: true });
  }
}
