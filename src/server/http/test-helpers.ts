/** Shared by HTTP tests only (excluded from the build). */
import type { Store } from '../store/port.js';
import { loadConfig, type Config } from '../config.js';
import type { AppDeps, AuditLog, Clock, Logger } from './deps.js';

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
