/** Shared by HTTP tests only (excluded from the build). */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { useTempDir } from '../../adapters/test-helpers.js';
import { openRuntime, type Runtime } from '../app.js';
import type { Store } from '../store/port.js';
import { loadConfig, type Config } from '../config.js';
import type { AuditLog, Clock, Logger } from '../ports.js';
import type { AppDeps } from './deps.js';

/** A clock the test moves by hand. */
export function fakeClock(start = new Date('2026-03-02T09:00:00.000Z')): Clock & {
  advance(ms: number): void;
} {
  let t = start.getTime();
  return {
    now: () => new Date(t),
    advance: (ms) => {
      t += ms;
    },
  };
}

/** A logger that keeps its lines, to assert what is (not) logged. */
export function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (l) => lines.push(l),
    error: (l) => lines.push(l),
  };
}

export function testConfig(env: NodeJS.ProcessEnv = {}, dataDir = '/nonexistent'): Config {
  return loadConfig(env, { dataDir });
}

/** Deps without a database: for tests of the HTTP plumbing that never touch the store. */
export function storelessDeps(overrides: Partial<AppDeps> = {}): AppDeps {
  const noStore = new Proxy({} as Store, {
    get: (_t, prop) => (prop === 'kind' ? 'sqlite' : emptyRepo),
  });
  const audit: AuditLog = {
    record: () => Promise.reject(new Error('no audit log in this test')),
    verify: () => Promise.resolve({ ok: true, count: 0 }),
  };
  return {
    config: testConfig(),
    store: noStore,
    auditLog: audit,
    clock: fakeClock(),
    logger: memoryLogger(),
    webRoot: '/nonexistent-web-root',
    checkResponses: true,
    ...overrides,
  };
}

/** Any repo method: resolves undefined (no session, no user). */
const emptyRepo = new Proxy({}, { get: () => () => Promise.resolve(undefined) });

export interface TestRuntime {
  runtime: Runtime;
  clock: ReturnType<typeof fakeClock>;
  logger: ReturnType<typeof memoryLogger>;
  /** A request from 127.0.0.1 (as a browser on the server itself). */
  request: (path: string, init?: RequestInit) => Promise<Response>;
  /** Requests from another client address (the socket's peer, as the node server passes it). */
  requestFrom: (address: string) => (path: string, init?: RequestInit) => Promise<Response>;
}

/**
 * The real runtime (SQLite file in `dir`, envelope cipher, audit log) with a fake clock and a
 * memory logger, for in-process API tests. Close it after the test.
 */
export async function openTestRuntime(
  dir: string,
  env: NodeJS.ProcessEnv = {},
): Promise<TestRuntime> {
  const clock = fakeClock();
  const logger = memoryLogger();
  const config = loadConfig(
    { DOCSCRIB_ENCRYPTION_KEY: randomBytes(32).toString('base64'), ...env },
    { dataDir: join(dir, randomBytes(6).toString('hex')) },
  );
  const runtime = await openRuntime(config, {
    clock,
    logger,
    checkResponses: true,
    webRoot: join(dir, 'no-web-build'),
  });
  return {
    runtime,
    clock,
    logger,
    request: async (path, init) =>
      runtime.app.request(`http://localhost${path}`, init, peerEnv('127.0.0.1')),
    requestFrom: (address) => async (path, init) =>
      runtime.app.request(`http://localhost${path}`, init, peerEnv(address)),
  };
}

/**
 * For the test file: opens a test runtime (`openTestRuntime`) in a temporary directory named
 * with `prefix`, and closes every runtime opened during a test after it.
 */
export function useTestRuntimes(prefix: string): (env?: NodeJS.ProcessEnv) => Promise<TestRuntime> {
  const tempDir = useTempDir(prefix);
  const open: Runtime[] = [];
  afterEach(async () => {
    for (const r of open.splice(0)) await r.close();
  });
  return async (env = {}) => {
    const r = await openTestRuntime(tempDir(), env);
    open.push(r.runtime);
    return r;
  };
}

/** The bindings @hono/node-server gives a request: its socket, whose peer is `address`. */
export function peerEnv(address: string): { incoming: { socket: { remoteAddress: string } } } {
  return { incoming: { socket: { remoteAddress: address } } };
}

export interface Reply<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

/**
 * A browser-like client over `request`: keeps the session cookie it is given and sends the CSRF
 * token on unsafe methods once it knows it (`csrf: false` per call to leave it out).
 */
export class TestClient {
  cookie: string | undefined;
  csrfToken: string | undefined;

  constructor(
    private readonly request: (path: string, init?: RequestInit) => Promise<Response>,
    private readonly cookieName = '__Host-docscrib_session',
  ) {}

  async call<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    opts: { csrf?: boolean | string; headers?: Record<string, string> } = {},
  ): Promise<Reply<T>> {
    const headers: Record<string, string> = { ...opts.headers };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.cookie) headers['cookie'] = `${this.cookieName}=${this.cookie}`;
    const csrf = opts.csrf ?? true;
    if (method !== 'GET' && csrf !== false) {
      const token = typeof csrf === 'string' ? csrf : this.csrfToken;
      if (token) headers['x-csrf-token'] = token;
    }
    const res = await this.request(path, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, value] = (pair ?? '').split('=');
      if (name === this.cookieName) this.cookie = value === '' ? undefined : value;
    }
    const text = await res.text();
    const parsed = text === '' ? undefined : (JSON.parse(text) as T);
    const token = (parsed as { csrfToken?: unknown } | undefined)?.csrfToken;
    if (typeof token === 'string') this.csrfToken = token;
    return { status: res.status, headers: res.headers, body: parsed as T };
  }

  get<T = Record<string, unknown>>(path: string): Promise<Reply<T>> {
    return this.call<T>('GET', path);
  }

  post<T = Record<string, unknown>>(
    path: string,
    body?: unknown,
    opts?: { csrf?: boolean | string },
  ): Promise<Reply<T>> {
    return this.call<T>('POST', path, body, opts);
  }

  patch<T = Record<string, unknown>>(path: string, body?: unknown): Promise<Reply<T>> {
    return this.call<T>('PATCH', path, body);
  }
}

export interface ErrorBody {
  error: {
    code: string;
    message: string;
    hint?: string;
    issues?: { path: string; message: string }[];
  };
}

/** A reply read as an error body. */
export function asError(r: Reply): Reply<ErrorBody> {
  return r as Reply<ErrorBody>;
}

/** A password that meets the policy. */
export const GOOD_PASSWORD = 'correct horse battery staple';

export function randomEmail(prefix = 'user'): string {
  return `${prefix}-${randomBytes(4).toString('hex')}@example.org`;
}
