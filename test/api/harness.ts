/**
 * In-process API test harness: the real app (`createApp`) over a real SQLite store in a temp dir,
 * with the real envelope cipher. Factories create users of each role (signed in through a stored
 * session, like after a login), clients and sessions through the API. Every id is random; every
 * test file gets its own database.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { z } from 'zod';
import type { Hono } from 'hono';
import { useTempDir } from '../../src/adapters/test-helpers.js';
import { loadConfig, type Config } from '../../src/server/config.js';
import {
  ClientSchema,
  ProgressNoteSchema,
  SessionSchema,
  type ClientProfile,
  type ProgressNote,
  type Role,
  type SessionDetails,
  type User,
} from '../../src/server/domain/schemas.js';
import { createApp } from '../../src/server/http/app.js';
import type { AppDeps } from '../../src/server/http/deps.js';
import type { Clock } from '../../src/server/ports.js';
import { buildRouteTable } from '../../src/server/http/app.js';
import type { Route } from '../../src/server/http/route.js';
import { ROUTE_GROUPS, type RouteGroup } from '../../src/server/http/routes/index.js';
import { clinicalRoutes } from '../../src/server/http/routes/clinical-routes.js';
import { defaultExporters } from '../../src/server/http/routes/clinical-exporters.js';
import { renderNotePdf } from '../../src/server/export/pdf.js';
import {
  hashSessionToken,
  newSessionToken,
  sessionCookieName,
} from '../../src/server/http/session.js';
import type { HttpEnv } from '../../src/server/http/session.js';
import { createAuditLog } from '../../src/server/security/audit.js';
import { createFieldCipher } from '../../src/server/security/envelope.js';
import { deriveKey } from '../../src/server/security/keys.js';
import { openStore } from '../../src/server/store/index.js';
import type { Store } from '../../src/server/store/port.js';

export const ROOT = join(import.meta.dirname, '..', '..');
export const rnd = (): string => randomBytes(6).toString('hex');

export function example(name: string): string {
  return readFileSync(join(ROOT, 'examples', name), 'utf8');
}

export interface Reply {
  status: number;
  headers: Headers;
  /** Raw body text ('' for none). */
  text: string;
  /** The body's bytes (PDF). */
  bytes: Buffer;
  /** Parsed JSON body, or undefined when it is not JSON. */
  json: unknown;
}

/** The reply's JSON body read with a schema (throws with the body's status when it differs). */
export function read<T extends z.ZodType>(schema: T, r: Reply): z.output<T> {
  const parsed = schema.safeParse(r.json);
  if (!parsed.success) {
    throw new Error(
      `unexpected reply ${r.status}: ${r.text.slice(0, 500)}\n${z.prettifyError(parsed.error)}`,
    );
  }
  return parsed.data;
}

export const ErrorReplySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    hint: z.string().optional(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
export type ErrorReply = z.output<typeof ErrorReplySchema>['error'];

/** The error of a reply (throws when the reply is not an error body). */
export function errorOf(r: Reply): ErrorReply {
  return read(ErrorReplySchema, r).error;
}

export interface RequestOptions {
  /** Send this exact body (text, or bytes such as an audio file) instead of JSON-encoding `body`. */
  rawBody?: string | Uint8Array;
  contentType?: string | null;
  /** Leave out the CSRF header on unsafe methods. */
  noCsrf?: boolean;
}

/** Someone who calls the API: a signed-in user, or nobody. */
export interface Caller {
  user: User | null;
  request(method: string, path: string, body?: unknown, opts?: RequestOptions): Promise<Reply>;
  get(path: string): Promise<Reply>;
  post(path: string, body?: unknown): Promise<Reply>;
  put(path: string, body?: unknown): Promise<Reply>;
  patch(path: string, body?: unknown): Promise<Reply>;
}

export interface Api {
  app: () => Hono<HttpEnv>;
  store: () => Store;
  /** The app's dependencies (services built outside the app: workers). */
  deps: () => AppDeps;
  dir: () => string;
  dbPath: () => string;
  /** The app's whole route table. */
  routes: () => readonly Route[];
  anon: () => Caller;
  /** A new user of `role`, signed in. */
  user(role: Role, opts?: { supervisorId?: string | null; name?: string }): Promise<Caller>;
}

/** PDFs without compression in tests, so their text can be searched. */
const testClinicalRoutes: RouteGroup = (deps) =>
  clinicalRoutes(deps, {
    exporters: { ...defaultExporters(), pdf: (input) => renderNotePdf(input, { compress: false }) },
  });

/**
 * The route groups the app runs with: the app's own table (ROUTE_GROUPS), with the clinical group
 * exporting uncompressed PDFs.
 */
export function groups(): readonly RouteGroup[] {
  const rest = ROUTE_GROUPS.filter((g) => g !== clinicalRoutes);
  return [...rest, testClinicalRoutes];
}

export function useApi(): Api {
  const dir = useTempDir('docscrib-api-');
  let store: Store | undefined;
  let app: Hono<HttpEnv> | undefined;
  let routes: readonly Route[] = [];
  let config: Config | undefined;
  let appDeps: AppDeps | undefined;

  beforeAll(async () => {
    const dbPath = join(dir(), 'docscrib.db');
    const master = randomBytes(32);
    store = await openStore({ url: `sqlite:${dbPath}`, cipher: createFieldCipher(master) });
    await store.migrate();
    const cfg = loadConfig(
      { DATABASE_URL: `sqlite:${dbPath}`, DOCSCRIB_DEBUG: '1' },
      { dataDir: dir() },
    );
    config = cfg;
    const clock: Clock = { now: () => new Date() };
    const deps: AppDeps = {
      config: cfg,
      store,
      auditLog: createAuditLog(store.audit, deriveKey(master, 'docscrib audit test')),
      clock,
      logger: { info: () => undefined, error: () => undefined },
      webRoot: join(dir(), 'no-web'),
      checkResponses: true,
    };
    appDeps = deps;
    app = createApp(deps, { groups: groups() });
    routes = buildRouteTable(deps, groups());
  });
  afterAll(async () => {
    await store?.close();
  });

  const need = <T>(v: T | undefined, what: string): T => {
    if (v === undefined) throw new Error(`harness: ${what} is not ready (used outside a test?)`);
    return v;
  };

  function caller(user: User | null, token: string | null, csrf: string | null): Caller {
    const request = async (
      method: string,
      path: string,
      body?: unknown,
      opts: RequestOptions = {},
    ): Promise<Reply> => {
      const headers: Record<string, string> = {};
      if (token !== null) {
        headers['Cookie'] = `${sessionCookieName(need(config, 'config').secureCookies)}=${token}`;
      }
      const unsafe = method !== 'GET' && method !== 'HEAD';
      if (unsafe && csrf !== null && !opts.noCsrf) headers['X-CSRF-Token'] = csrf;
      let payload: string | Uint8Array | undefined;
      if (opts.rawBody !== undefined) payload = opts.rawBody;
      else if (body !== undefined) payload = JSON.stringify(body);
      if (payload !== undefined && opts.contentType !== null) {
        headers['Content-Type'] = opts.contentType ?? 'application/json';
      }
      const res = await need(app, 'app').request(path, {
        method,
        headers,
        ...(payload !== undefined ? { body: payload } : {}),
      });
      const bytes = Buffer.from(await res.arrayBuffer());
      const text = bytes.toString('utf8');
      let json: unknown;
      try {
        json = text === '' ? undefined : JSON.parse(text);
      } catch {
        json = undefined;
      }
      return { status: res.status, headers: res.headers, text, bytes, json };
    };
    return {
      user,
      request,
      get: (p) => request('GET', p),
      post: (p, b) => request('POST', p, b),
      put: (p, b) => request('PUT', p, b),
      patch: (p, b) => request('PATCH', p, b),
    };
  }

  return {
    app: () => need(app, 'app'),
    store: () => need(store, 'store'),
    deps: () => need(appDeps, 'deps'),
    dir,
    dbPath: () => join(dir(), 'docscrib.db'),
    routes: () => routes,
    anon: () => caller(null, null, null),
    async user(role, opts = {}) {
      const s = need(store, 'store');
      const created = await s.users.create({
        email: `${role}-${rnd()}@example.org`,
        name: opts.name ?? `${role} ${rnd()}`,
        role,
        supervisorId: opts.supervisorId ?? null,
        passwordHash: `scrypt$unused$${rnd()}`,
      });
      if (!created.ok) throw new Error(`harness: could not create a ${role}`);
      let user = created.value;
      if (role === 'admin') {
        const r = await s.users.update(user.id, { mfaEnabled: true });
        if (!r.ok) throw new Error('harness: could not enable MFA');
        user = r.value;
      }
      const token = newSessionToken();
      const csrf = newSessionToken();
      const at = new Date().toISOString();
      await s.authSessions.create({
        id: hashSessionToken(token),
        userId: user.id,
        csrfToken: csrf,
        mfaVerified: true,
        createdAt: at,
        lastSeenAt: at,
      });
      return caller(user, token, csrf);
    },
  };
}

// ── Factories for request bodies ─────────────────────────────────────────────

/** A client profile with a distinctive name (so leak checks can look for it). */
export function profile(name = `Quillon Farthingale ${rnd()}`): ClientProfile {
  return {
    name,
    dateOfBirth: '1987-06-05',
    identifiers: [{ system: 'MRN', value: `MRN-${rnd()}` }],
    diagnoses: [{ code: 'F41.1', description: 'Generalized anxiety disorder' }],
    presentingConcerns: ['anxiety'],
    preferences: '',
    culturalConsiderations: '',
  };
}

export function details(date = '2025-03-04'): SessionDetails {
  return {
    date,
    startTime: '10:00',
    endTime: '10:50',
    serviceType: 'individual',
    location: 'office',
    telehealthPlatform: null,
    consentToRecord: true,
  };
}

/** The plan of examples/plan.json as the API's ClientPlan. */
export function examplePlan(): { goals: { id: string; text: string; keywords?: string[] }[] } {
  const p = JSON.parse(example('plan.json')) as {
    goals: { id: string; text: string; keywords?: string[] }[];
  };
  return { goals: p.goals };
}

/** Create a client through the API; returns its id and profile. */
export async function createClient(
  as: Caller,
  p: ClientProfile = profile(),
): Promise<{ id: string; profile: ClientProfile }> {
  const r = await as.post('/api/clients', { profile: p });
  if (r.status !== 201) throw new Error(`createClient: ${r.status} ${r.text}`);
  return { id: read(z.object({ client: ClientSchema }), r).client.id, profile: p };
}

/** Create a session (with the CBT example transcript) through the API. */
export async function createSession(
  as: Caller,
  clientId: string,
  transcript = example('cbt-thought-record.txt'),
  extra: Record<string, unknown> = {},
): Promise<{ sessionId: string; noteId: string; note: ProgressNote }> {
  const r = await as.post(`/api/clients/${clientId}/sessions`, {
    details: details(),
    transcript: { text: transcript },
    ...extra,
  });
  if (r.status !== 201) throw new Error(`createSession: ${r.status} ${r.text}`);
  const { session, note } = read(z.object({ session: SessionSchema, note: ProgressNoteSchema }), r);
  return { sessionId: session.id, noteId: note.id, note };
}
