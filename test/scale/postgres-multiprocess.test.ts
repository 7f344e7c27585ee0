/**
 * Several API processes on ONE PostgreSQL database act as one service (PRODUCT.md F15; issue 3,
 * Storage). Three REAL built servers (`node bin/docscrib.js serve`) run as child processes, each
 * with its own empty data directory and the same `DATABASE_URL` and `DOCSCRIB_ENCRYPTION_KEY`,
 * like API processes behind a load balancer; users come from the real `docscrib user add` and the
 * audit chain is checked with the real `docscrib audit verify`. Nothing is shared but the database:
 *
 * - started at once on an empty database, the processes migrate it once, without errors;
 * - first-run setup sent to two processes at once creates one administrator;
 * - a session started on one process is valid (and revocable) on the others, also after the
 *   process that created it died;
 * - a record written through one process reads through another; a stale note version saved
 *   through another process is a 409, and of two simultaneous saves of one version exactly one wins;
 * - login failures spread over the processes still lock the account after 5, and of 12 wrong
 *   passwords sent at once at most 5 are checked; a TOTP code works once, even when sent to two
 *   processes at the same moment;
 * - a process started without the shared key refuses to start (exit 2), writing nothing;
 * - concurrent writes through both processes form one intact audit chain with one entry per write.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import pg from 'pg';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProgressNoteSchema, type ProgressNote } from '../../src/server/domain/schemas.js';
import { totpCode } from '../../src/server/security/totp.js';
import { MIGRATIONS } from '../../src/server/store/migrations.js';
import {
  makeUser,
  runDocscrib,
  startServer,
  tempDataDir,
  type RunningServer,
  type TestUser,
} from '../e2e/harness.js';
import { usePostgres } from '../support/postgres.js';

const postgres = usePostgres();

/** The session cookie and CSRF token of a signed-in user: all a browser carries. */
interface Credentials {
  cookie: string;
  csrfToken: string;
}

interface Reply {
  status: number;
  json: unknown;
  headers: Headers;
}

const COOKIE = '__Host-docscrib_session=';

/** One HTTP request to one process, as a browser (or a load balancer's upstream) sends it. */
async function call(
  server: RunningServer,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH',
  path: string,
  opts: { as?: Credentials | undefined; body?: unknown; csrfToken?: string } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (opts.as) headers.cookie = opts.as.cookie;
  const csrf = opts.csrfToken ?? opts.as?.csrfToken;
  if (method !== 'GET' && csrf !== undefined) headers['x-csrf-token'] = csrf;
  const res = await fetch(server.url + path, {
    method,
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    signal: AbortSignal.timeout(30_000),
  });
  const type = res.headers.get('content-type') ?? '';
  const json: unknown = type.includes('json') ? await res.json() : await res.text();
  return { status: res.status, json, headers: res.headers };
}

/** The reply's body read with a schema; fails naming the status and body when it differs. */
function expectReply<T extends z.ZodType>(r: Reply, status: number, schema: T): z.output<T> {
  if (r.status !== status) {
    throw new Error(`expected ${status}, got ${r.status}: ${JSON.stringify(r.json).slice(0, 500)}`);
  }
  const parsed = schema.safeParse(r.json);
  if (!parsed.success) {
    throw new Error(`unexpected body: ${JSON.stringify(r.json).slice(0, 500)}`);
  }
  return parsed.data;
}

const ErrorReply = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
const errorCode = (r: Reply): string | undefined => ErrorReply.safeParse(r.json).data?.error.code;

const UserReply = z.object({ id: z.string(), email: z.string(), role: z.string() });
const SessionReply = z.object({ user: UserReply, csrfToken: z.string() });
const ClientReply = z.object({
  client: z.object({ id: z.string(), profile: z.object({ name: z.string() }) }),
});
const NoteReply = z.object({ note: ProgressNoteSchema });

async function login(
  server: RunningServer,
  user: TestUser,
  extra: { totp?: string } = {},
): Promise<{ reply: Reply; credentials: Credentials | undefined }> {
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ email: user.email, password: user.password, ...extra }),
    signal: AbortSignal.timeout(30_000),
  });
  const json: unknown = await res.json();
  const reply = { status: res.status, json, headers: res.headers };
  const cookie = res.headers
    .getSetCookie()
    .map((line) => line.split(';')[0] ?? '')
    .find((pair) => pair.startsWith(COOKIE) && pair.length > COOKIE.length);
  const token = SessionReply.safeParse(json).data?.csrfToken;
  return {
    reply,
    credentials:
      cookie !== undefined && token !== undefined ? { cookie, csrfToken: token } : undefined,
  };
}

async function signIn(server: RunningServer, user: TestUser): Promise<Credentials> {
  const { reply, credentials } = await login(server, user);
  if (reply.status !== 200 || !credentials) {
    throw new Error(`sign-in failed: ${reply.status} ${JSON.stringify(reply.json)}`);
  }
  return credentials;
}

const profile = (name: string) => ({ name });
const sessionRequest = (transcript: string) => ({
  details: { date: '2025-03-04', consentToRecord: true },
  transcript: { text: transcript },
});

/** A short two-speaker transcript (content is irrelevant here; it only has to make a note). */
const TRANSCRIPT = [
  '[00:00:04] Therapist: How has your week been since we last met?',
  '[00:00:11] Client: Rough. I kept waking up at four and could not get back to sleep.',
  '[00:00:20] Therapist: What goes through your mind when you wake up at four?',
  '[00:00:28] Client: Mostly work. I think my manager is going to let me go.',
  "[00:00:37] Therapist: Let's look at the evidence for that thought together.",
  '[00:00:45] Client: She thanked me for the report last month, actually.',
].join('\n');

/** The note body with one clinician's entry at the end of the last section. */
function withEntry(note: ProgressNote, text: string): ProgressNote['body'] {
  const body = structuredClone(note.body);
  const last = body.sections.at(-1);
  if (!last) throw new Error('the draft note has no sections');
  last.sentences.push({ text, kind: 'clinician', evidence: [] });
  return body;
}

describe.skipIf(!postgres.available)('several API processes on one PostgreSQL database', () => {
  let databaseUrl = '';
  /** The environment every process gets: the same database and the same key. */
  let env: Record<string, string> = {};
  let servers: RunningServer[] = [];
  const cleanups: (() => Promise<void>)[] = [];

  const server = (i: number): RunningServer => {
    const s = servers[i];
    if (!s) throw new Error(`server ${i} is not running`);
    return s;
  };
  const sql = async <R extends pg.QueryResultRow>(text: string, values: unknown[] = []) => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      return (await client.query<R>(text, values)).rows;
    } finally {
      await client.end();
    }
  };
  const addUser = async (user: TestUser): Promise<void> => {
    const { dir, cleanup } = await tempDataDir();
    cleanups.push(cleanup);
    const args = ['user', 'add', '--email', user.email, '--name', user.name, '--role', user.role];
    const r = await runDocscrib([...args, '--password-stdin', '--data', dir], {
      input: `${user.password}\n`,
      env,
    });
    if (r.code !== 0)
      throw new Error(`docscrib user add failed (exit ${r.code}):\n${r.stderr}${r.stdout}`);
  };
  const auditVerify = async (): Promise<number> => {
    const r = await runDocscrib(['audit', 'verify'], { env });
    const m = /audit log verified: (\d+) entr(?:y|ies), chain intact/.exec(r.stdout);
    if (r.code !== 0 || !m) {
      throw new Error(`docscrib audit verify (exit ${r.code}):\n${r.stdout}${r.stderr}`);
    }
    return Number(m[1]);
  };

  beforeAll(async () => {
    databaseUrl = await postgres.fresh();
    env = {
      DATABASE_URL: databaseUrl,
      DOCSCRIB_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    };
    const dirs = await Promise.all([tempDataDir(), tempDataDir(), tempDataDir()]);
    cleanups.push(...dirs.map((d) => d.cleanup));
    // All three at once on the EMPTY database: they race to migrate it.
    const started = await Promise.allSettled(
      dirs.map(({ dir }) => startServer({ dataDir: dir, env })),
    );
    servers = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    const failed = started.flatMap((s) => (s.status === 'rejected' ? [String(s.reason)] : []));
    if (failed.length > 0) throw new Error(`a server did not start:\n${failed.join('\n')}`);
  });

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    for (const cleanup of cleanups) await cleanup();
  });

  it('started at once on an empty database, three processes migrate it once, without errors', async () => {
    const applied = await sql<{ name: string }>(
      'select name from docscrib_migrations order by name',
    );
    expect(applied.map((r) => r.name)).toEqual(MIGRATIONS.map((m) => m.name).sort());
    for (const s of servers) {
      const health = expectReply(
        await call(s, 'GET', '/api/health'),
        200,
        z.object({ status: z.literal('ok'), database: z.string() }),
      );
      expect(health.database).toBe('postgres');
      expect(s.output()).not.toMatch(/already exists|duplicate key|deadlock|unhandled|Error:/i);
      // Stateless: nothing of the database or the key lands in a process's data directory.
      expect(readdirSync(s.dataDir).filter((f) => /^docscrib\.(db|key)/.test(f))).toEqual([]);
    }
  });

  it('first-run setup sent to two processes at once creates one administrator', async () => {
    // Runs while the database has no users (the other tests add theirs later).
    const [a, b] = [server(0), server(1)];
    for (let round = 0; round < 10; round++) {
      const replies = await Promise.all(
        [a, b].map((s) => {
          const admin = makeUser('admin');
          return call(s, 'POST', '/api/setup', {
            body: { email: admin.email, name: admin.name, password: admin.password },
          });
        }),
      );
      const outcomes = replies.map((r) => `${r.status} ${errorCode(r) ?? ''}`.trim()).sort();
      expect(outcomes, `round ${round}`).toEqual(['201', '409 conflict']);
      const users = await sql<{ n: string }>('select count(*) as n from users');
      expect(Number(users[0]?.n), `round ${round}`).toBe(1);
      await sql('delete from users');
    }
  });

  it('a session started on one process is the same session on the others, until signed out anywhere', async () => {
    const clinician = makeUser('clinician');
    await addUser(clinician);
    const [a, b, c] = [server(0), server(1), server(2)];
    const creds = await signIn(a, clinician);

    for (const s of [b, c]) {
      const session = expectReply(
        await call(s, 'GET', '/api/auth/session', { as: creds }),
        200,
        SessionReply,
      );
      expect(session.user.email).toBe(clinician.email);
      expect(session.csrfToken).toBe(creds.csrfToken);
    }
    // The CSRF token is checked against the database too: B accepts A's and refuses another.
    const made = await call(b, 'POST', '/api/clients', {
      as: creds,
      body: { profile: profile('Ann') },
    });
    expectReply(made, 201, ClientReply);
    const forged = await call(b, 'POST', '/api/clients', {
      as: creds,
      csrfToken: randomBytes(32).toString('base64url'),
      body: { profile: profile('Ann') },
    });
    expect([forged.status, errorCode(forged)]).toEqual([403, 'csrf_failed']);

    // The process that created a session may die; the session lives on in the database.
    const other = await signIn(c, clinician);
    await c.kill();
    expectReply(await call(a, 'GET', '/api/auth/session', { as: other }), 200, SessionReply);

    // Signing out on B ends the session everywhere.
    expect((await call(b, 'POST', '/api/auth/logout', { as: creds })).status).toBe(204);
    const after = await call(a, 'GET', '/api/auth/session', { as: creds });
    expect([after.status, errorCode(after)]).toEqual([401, 'unauthenticated']);
    expectReply(await call(b, 'GET', '/api/auth/session', { as: other }), 200, SessionReply);
  });

  it('a record written through one process reads through another; a stale note version is a 409 across processes', async () => {
    const clinician = makeUser('clinician');
    await addUser(clinician);
    const [a, b] = [server(0), server(1)];
    const creds = await signIn(a, clinician);

    const name = `Client ${randomBytes(4).toString('hex')}`;
    const { client } = expectReply(
      await call(a, 'POST', '/api/clients', { as: creds, body: { profile: profile(name) } }),
      201,
      ClientReply,
    );
    const read = expectReply(
      await call(b, 'GET', `/api/clients/${client.id}`, { as: creds }),
      200,
      ClientReply,
    );
    expect(read.client.profile.name).toBe(name);

    const created = expectReply(
      await call(a, 'POST', `/api/clients/${client.id}/sessions`, {
        as: creds,
        body: sessionRequest(TRANSCRIPT),
      }),
      201,
      z.object({ note: ProgressNoteSchema }),
    );
    const v1 = created.note;
    // B saves on top of version 1; A, still holding version 1, is refused.
    const onB = expectReply(
      await call(b, 'PUT', `/api/notes/${v1.id}`, {
        as: creds,
        body: { body: withEntry(v1, 'Saved through B.'), version: v1.version },
      }),
      200,
      NoteReply,
    );
    expect(onB.note.version).toBeGreaterThan(v1.version);
    const stale = await call(a, 'PUT', `/api/notes/${v1.id}`, {
      as: creds,
      body: { body: withEntry(v1, 'Stale save through A.'), version: v1.version },
    });
    expect([stale.status, errorCode(stale)]).toEqual([409, 'conflict']);

    // Two saves of the same version at the same moment through A and B: exactly one wins, and the
    // note holds the winner's text.
    let current = expectReply(
      await call(a, 'GET', `/api/notes/${v1.id}`, { as: creds }),
      200,
      NoteReply,
    ).note;
    for (let round = 0; round < 8; round++) {
      const texts = [`Round ${round} through A.`, `Round ${round} through B.`];
      const replies = await Promise.all(
        [a, b].map((s, i) =>
          call(s, 'PUT', `/api/notes/${v1.id}`, {
            as: creds,
            body: { body: withEntry(current, texts[i] ?? ''), version: current.version },
          }),
        ),
      );
      const statuses = replies.map((r) => r.status).sort();
      expect(statuses, `round ${round}`).toEqual([200, 409]);
      const winner = replies.findIndex((r) => r.status === 200);
      const now = expectReply(
        await call(b, 'GET', `/api/notes/${v1.id}`, { as: creds }),
        200,
        NoteReply,
      ).note;
      expect(now.version).toBe(current.version + 1);
      expect(now.body.sections.at(-1)?.sentences.at(-1)?.text).toBe(texts[winner]);
      current = now;
    }
  });

  it('login failures spread over the processes lock the account after 5', async () => {
    const clinician = makeUser('clinician');
    await addUser(clinician);
    const [a, b] = [server(0), server(1)];
    const wrong = { ...clinician, password: `${clinician.password}-wrong` };
    for (let i = 0; i < 5; i++) {
      const { reply } = await login(i % 2 === 0 ? a : b, wrong);
      expect([reply.status, errorCode(reply)], `failure ${i + 1}`).toEqual([
        401,
        'unauthenticated',
      ]);
    }
    // Now even the right password is refused, on either process.
    for (const s of [b, a]) {
      const { reply, credentials } = await login(s, clinician);
      expect([reply.status, errorCode(reply)]).toEqual([429, 'throttled']);
      expect(Number(reply.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(credentials).toBeUndefined();
    }
  });

  it('12 wrong passwords sent at once over the processes: 5 are checked, the other 7 get 429', async () => {
    // (All requests come from one address: this file stays well under its limit of 20 failures.)
    const clinician = makeUser('clinician');
    await addUser(clinician);
    const [a, b] = [server(0), server(1)];
    const wrong = { ...clinician, password: `${clinician.password}-wrong` };
    const replies = await Promise.all(
      Array.from({ length: 12 }, (_, i) => login(i % 2 === 0 ? a : b, wrong)),
    );
    const outcomes = replies.map(({ reply }) => `${reply.status} ${errorCode(reply) ?? ''}`);
    expect(outcomes.filter((o) => o === '401 unauthenticated')).toHaveLength(5);
    expect(outcomes.filter((o) => o === '429 throttled')).toHaveLength(7);
    const failed = await sql<{ n: string }>(
      "select count(*) as n from audit_log where action = 'login_failed' and record_id = (select id from users where email = $1)",
      [clinician.email.toLowerCase()],
    );
    expect(Number(failed[0]?.n)).toBe(5);
    // The right password now waits for the window too.
    const { reply } = await login(b, clinician);
    expect([reply.status, errorCode(reply)]).toEqual([429, 'throttled']);
  });

  it('a TOTP code signs in once, even when sent to two processes at the same moment', async () => {
    const admin = makeUser('admin');
    await addUser(admin);
    const [a, b] = [server(0), server(1)];
    const creds = await signIn(a, admin);
    const { secret } = expectReply(
      await call(a, 'POST', '/api/auth/mfa/setup', {
        as: creds,
        body: { currentPassword: admin.password },
      }),
      200,
      z.object({ secret: z.string() }),
    );
    // Enrolment confirmed on B with the current code (its step is used up).
    expectReply(
      await call(b, 'POST', '/api/auth/mfa/enable', {
        as: creds,
        body: { code: totpCode(secret, Date.now()) },
      }),
      200,
      z.object({ user: UserReply }),
    );
    // The NEXT step's code (inside the ±1 window, never used) to A and B at once.
    const code = totpCode(secret, Date.now() + 30_000);
    const attempts = await Promise.all([a, b].map((s) => login(s, admin, { totp: code })));
    const outcomes = attempts.map(({ reply }) =>
      `${reply.status} ${errorCode(reply) ?? ''}`.trim(),
    );
    expect(outcomes.sort()).toEqual(['200', '401 mfa_required']);
  });

  it('a process started without the shared key refuses to start, and the others keep serving', async () => {
    const clinician = makeUser('clinician');
    await addUser(clinician);
    const a = server(0);
    const creds = await signIn(a, clinician);
    const before = await auditVerify();
    const { dir, cleanup } = await tempDataDir();
    cleanups.push(cleanup);
    // DOCSCRIB_ENCRYPTION_KEY forgotten: the process makes its own key file, then must not serve.
    const failure = await startServer({ dataDir: dir, env: { DATABASE_URL: databaseUrl } }).then(
      (s) => {
        servers.push(s);
        return 'it started';
      },
      (e: unknown) => String(e),
    );
    expect(failure).toMatch(/exited \(code 2\)/);
    expect(failure).toMatch(/encryption key does not match this database/);
    expect(failure).toMatch(/DOCSCRIB_ENCRYPTION_KEY/);
    expectReply(
      await call(a, 'POST', '/api/clients', { as: creds, body: { profile: profile('After') } }),
      201,
      ClientReply,
    );
    expectReply(await call(a, 'GET', '/api/clients', { as: creds }), 200, z.object({}));
    // One entry for the new client, one for reading it in the list; the chain is intact.
    expect(await auditVerify()).toBe(before + 2);
  });

  it('concurrent writes through both processes form one intact audit chain, one entry per write', async () => {
    const clinician = makeUser('clinician');
    await addUser(clinician);
    const [a, b] = [server(0), server(1)];
    const creds = await signIn(b, clinician);
    const before = await auditVerify();

    const WRITES = 40;
    const replies = await Promise.all(
      Array.from({ length: WRITES }, (_, i) =>
        call(i % 2 === 0 ? a : b, 'POST', '/api/clients', {
          as: creds,
          body: { profile: profile(`Burst client ${i}`) },
        }),
      ),
    );
    const ids = replies.map((r) => expectReply(r, 201, ClientReply).client.id);
    expect(new Set(ids).size).toBe(WRITES);

    const after = await auditVerify();
    expect(after - before).toBe(WRITES);
    const seqs = await sql<{ seq: string }>('select seq from audit_log order by seq');
    expect(seqs.map((r) => Number(r.seq))).toEqual(Array.from({ length: after }, (_, i) => i + 1));
    const logged = await sql<{ record_id: string }>(
      "select record_id from audit_log where action = 'create' and record_type = 'client' and record_id = any($1)",
      [ids],
    );
    expect(logged.map((r) => r.record_id).sort()).toEqual([...ids].sort());
  });
});
