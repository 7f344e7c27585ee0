/**
 * Runs the REAL built server (`node bin/docscrib.js serve`) as a child process, creates users with
 * the real `docscrib user add`, and talks to the API over HTTP with a cookie and the CSRF token,
 * as a browser would. Shared by the browser end-to-end tests, the crash-safety test and the API
 * benchmark. Test-only (not part of the build).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const ROOT = resolve(import.meta.dirname, '../..');
export const BIN = join(ROOT, 'bin/docscrib.js');
export const CLI_ENTRY = join(ROOT, 'dist/cli/main.js');
export const WEB_INDEX = join(ROOT, 'dist/web/index.html');

/** What the tests need built; `npm test` builds before vitest runs. */
export function missingBuild(opts: { web: boolean }): string[] {
  const needed = [CLI_ENTRY, ...(opts.web ? [WEB_INDEX] : [])];
  return needed.filter((p) => !existsSync(p)).map((p) => p.slice(ROOT.length + 1));
}

/** A port nobody listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', fail);
    srv.listen(0, () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => {
        done(port);
      });
    });
  });
}

/** The environment for child processes: the caller's, without any DocScrib or database setting. */
function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (k.startsWith('DOCSCRIB_') || k === 'DATABASE_URL' || k === 'PORT') continue;
    env[k] = v;
  }
  return { ...env, ...extra };
}

/** Every server child still running, killed when the test process exits. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export interface RunningServer {
  /** http://localhost:<port> (browsers accept `__Host-` Secure cookies on http://localhost). */
  url: string;
  port: number;
  dataDir: string;
  /** What the server printed so far (stdout and stderr), for failure messages. */
  output: () => string;
  /** SIGTERM, then SIGKILL after 5 s; resolves once the process has exited. */
  stop: () => Promise<void>;
  /** SIGKILL at once; resolves once the process has exited. */
  kill: () => Promise<void>;
}

export async function startServer(opts: {
  dataDir: string;
  port?: number;
  env?: Record<string, string>;
  /** How long to wait for /api/health (default 30 s). */
  readyTimeoutMs?: number;
}): Promise<RunningServer> {
  const port = opts.port ?? (await freePort());
  const url = `http://localhost:${port}`;
  const child = spawn(
    process.execPath,
    [BIN, 'serve', '--port', String(port), '--data', opts.dataDir],
    { cwd: ROOT, env: childEnv(opts.env), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  running.add(child);
  let output = '';
  const keep = (d: string): void => {
    output = (output + d).slice(-20_000);
  };
  child.stdout.setEncoding('utf8').on('data', keep);
  child.stderr.setEncoding('utf8').on('data', keep);
  const exited = new Promise<void>((done) => {
    child.once('exit', () => {
      running.delete(child);
      done();
    });
  });
  const hasExited = (): boolean => child.exitCode !== null || child.signalCode !== null;

  const server: RunningServer = {
    url,
    port,
    dataDir: opts.dataDir,
    output: () => output,
    stop: async () => {
      if (hasExited()) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
    kill: async () => {
      if (hasExited()) return;
      child.kill('SIGKILL');
      await exited;
    },
  };

  const deadline = Date.now() + (opts.readyTimeoutMs ?? 30_000);
  for (;;) {
    if (hasExited()) {
      throw new Error(
        `docscrib serve exited (code ${child.exitCode ?? child.signalCode}) before it was ready:\n${output}`,
      );
    }
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return server;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await server.kill();
      throw new Error(
        `docscrib serve did not answer /api/health within the time allowed:\n${output}`,
      );
    }
    await sleep(50);
  }
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built `docscrib` command; `input` goes to its standard input. */
export function runDocscrib(
  args: readonly string[],
  opts: { input?: string; env?: Record<string, string> } = {},
): Promise<CliRun> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      env: childEnv(opts.env),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => {
      done({ code, stdout, stderr });
    });
    child.stdin.end(opts.input ?? '');
  });
}

export interface TestUser {
  email: string;
  name: string;
  password: string;
  role: 'admin' | 'clinician' | 'supervisor';
}

let userCounter = 0;
/** A user with a random email and a strong random password (nothing is created yet). */
export function makeUser(role: TestUser['role'] = 'clinician'): TestUser {
  const tag = `${Date.now().toString(36)}${(userCounter++).toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  return {
    email: `${role}-${tag}@example.test`,
    name: `Test ${role} ${tag}`,
    password: `pw-${tag}-${Math.random().toString(36).slice(2)}-Long!`,
    role,
  };
}

/**
 * `docscrib user add --email E --name N --role R [extra…] --password-stdin --data DIR`; `extra`
 * e.g. `['--supervisor', email]`.
 */
export async function addUser(
  dataDir: string,
  user: TestUser,
  extra: readonly string[] = [],
): Promise<void> {
  const result = await runDocscrib(
    [
      'user',
      'add',
      '--email',
      user.email,
      '--name',
      user.name,
      '--role',
      user.role,
      ...extra,
      '--password-stdin',
      '--data',
      dataDir,
    ],
    { input: `${user.password}\n` },
  );
  if (result.code !== 0) {
    throw new Error(
      `docscrib user add failed (exit ${result.code}):\n${result.stderr}${result.stdout}`,
    );
  }
}

/** A temporary data directory; `cleanup` removes it. */
export async function tempDataDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'docscrib-e2e-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/**
 * An API client that keeps the session cookie and sends the CSRF token on unsafe requests,
 * like the web app does.
 */
export class ApiClient {
  private cookie: string | null = null;
  private csrfToken: string | null = null;

  constructor(readonly baseUrl: string) {}

  /** The session cookie and CSRF token, for another process that talks as the same user. */
  credentials(): { cookie: string | null; csrfToken: string | null } {
    return { cookie: this.cookie, csrfToken: this.csrfToken };
  }

  async login(email: string, password: string): Promise<void> {
    const res = await this.request('POST', '/api/auth/login', { email, password });
    if (res.status !== 200) {
      throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
    }
  }

  async request<T = unknown>(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    path: string,
    body?: unknown,
    opts: { timeoutMs?: number } = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.cookie) headers.cookie = this.cookie;
    if (method !== 'GET') {
      headers.origin = this.baseUrl;
      if (this.csrfToken) headers['x-csrf-token'] = this.csrfToken;
    }
    const res = await fetch(this.baseUrl + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000),
    });
    for (const line of res.headers.getSetCookie()) {
      const pair = line.split(';')[0] ?? '';
      if (pair.startsWith('__Host-docscrib_session=')) {
        this.cookie = pair.endsWith('=') ? null : pair;
      }
    }
    const type = res.headers.get('content-type') ?? '';
    const parsed: unknown = type.includes('json')
      ? await res.json()
      : Buffer.from(await res.arrayBuffer());
    if (parsed && typeof parsed === 'object' && 'csrfToken' in parsed) {
      const token = parsed.csrfToken;
      if (typeof token === 'string') this.csrfToken = token;
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }
}

/** An ApiClient signed in as `user`. */
export async function signedInApi(baseUrl: string, user: TestUser): Promise<ApiClient> {
  const api = new ApiClient(baseUrl);
  await api.login(user.email, user.password);
  return api;
}

/** Creates a client with `profile` (as the signed-in clinician); its id. */
export async function createClient(
  api: ApiClient,
  profile: Record<string, unknown>,
): Promise<{ id: string }> {
  const { client } = expectStatus(
    await api.request<{ client: { id: string } }>('POST', '/api/clients', { profile }),
    201,
    'create client',
  );
  return client;
}

/** Fails with the response when the status is not the expected one. */
export function expectStatus<T>(res: ApiResponse<T>, status: number, what: string): T {
  if (res.status !== status) {
    throw new Error(`${what}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res.body;
}
