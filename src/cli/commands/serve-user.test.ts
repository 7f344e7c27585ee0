import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../adapters/test-helpers.js';
import { loadConfig } from '../../server/config.js';
import { verifyPassword } from '../../server/security/passwords.js';
import { openRuntime } from '../../server/app.js';
import { main } from '../main.js';
import { runServer, type ServerIo } from './serve.js';

const tempDir = useTempDir('docscrib-serve-user-');

/** A fake Io that keeps what is written and serves `stdin`. */
function fakeIo(env: NodeJS.ProcessEnv, stdin = '') {
  let out = '';
  let err = '';
  const io: ServerIo & { out: (t: string) => void } = {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
    stderrIsTTY: false,
    debug: false,
    progressStream: process.stderr,
    env,
    readStdin: () => Promise.resolve(stdin),
  };
  return { io, out: () => out, err: () => err };
}

function freshEnv(): { env: NodeJS.ProcessEnv; dataDir: string } {
  const dataDir = join(tempDir(), randomBytes(6).toString('hex'));
  return { env: { DOCSCRIB_DATA_DIR: dataDir }, dataDir };
}

async function usersIn(env: NodeJS.ProcessEnv) {
  const runtime = await openRuntime(loadConfig(env));
  try {
    const users = await runtime.store.users.list();
    const secrets = await Promise.all(users.map((u) => runtime.store.users.getSecrets(u.id)));
    const entries = await runtime.store.audit.list(0, 100);
    return { users, secrets, entries };
  } finally {
    await runtime.close();
  }
}

describe('docscrib user add', () => {
  it('adds users from stdin passwords, links a supervisor, and audits without content', async () => {
    const { env, dataDir } = freshEnv();
    const admin = fakeIo(env, 'correct horse battery staple\n');
    const code = await main(
      ['user', 'add', '--email', 'Ada@Example.org', '--role', 'admin', '--password-stdin'],
      admin.io,
    );
    expect(admin.err()).toBe('');
    expect(code).toBe(0);
    expect(admin.out()).toMatch(/^Added admin ada@example\.org \(id [\w-]+\)\./);
    expect(admin.out()).toMatch(/two-step sign-in/);

    const sup = fakeIo({}, 'supervisor password one\r\n');
    expect(
      await main(
        [
          'user',
          'add',
          '--email',
          'lee@example.org',
          '--role',
          'supervisor',
          '--name',
          'Dr Lee',
          '--password-stdin',
          '--data',
          dataDir,
        ],
        sup.io,
      ),
    ).toBe(0);
    const clin = fakeIo(env, 'clinician password two');
    expect(
      await main(
        [
          'user',
          'add',
          '--email',
          'sam@example.org',
          '--role',
          'clinician',
          '--supervisor',
          'LEE@example.org',
          '--password-stdin',
        ],
        clin.io,
      ),
    ).toBe(0);

    const { users, secrets, entries } = await usersIn(env);
    const byEmail = new Map(users.map((u) => [u.email, u]));
    expect(byEmail.get('ada@example.org')).toMatchObject({ role: 'admin', name: 'Ada' });
    expect(byEmail.get('lee@example.org')).toMatchObject({ role: 'supervisor', name: 'Dr Lee' });
    expect(byEmail.get('sam@example.org')?.supervisorId).toBe(byEmail.get('lee@example.org')?.id);
    const adaSecrets = secrets[users.findIndex((u) => u.email === 'ada@example.org')];
    expect(
      await verifyPassword('correct horse battery staple', adaSecrets?.passwordHash ?? ''),
    ).toBe(true);
    const supSecrets = secrets[users.findIndex((u) => u.email === 'lee@example.org')];
    expect(await verifyPassword('supervisor password one', supSecrets?.passwordHash ?? '')).toBe(
      true,
    );
    expect(entries.filter((e) => e.action === 'create' && e.recordType === 'user')).toHaveLength(3);
    expect(JSON.stringify(entries)).not.toMatch(/example\.org|Lee|password/);
  });

  it('explains a taken email, a weak password, a missing --password-stdin and an unknown supervisor (exit 2)', async () => {
    const { env } = freshEnv();
    const add = async (args: string[], stdin = 'a good long password') => {
      const f = fakeIo(env, stdin);
      const code = await main(['user', 'add', ...args], f.io);
      return { code, err: f.err() };
    };
    expect(
      (await add(['--email', 'x@example.org', '--role', 'clinician', '--password-stdin'])).code,
    ).toBe(0);
    const taken = await add([
      '--email',
      'X@example.org',
      '--role',
      'clinician',
      '--password-stdin',
    ]);
    expect(taken.code).toBe(2);
    expect(taken.err).toMatch(/already exists/);
    expect(taken.err).toMatch(/^hint: /m);
    const weak = await add(
      ['--email', 'y@example.org', '--role', 'clinician', '--password-stdin'],
      'short\n',
    );
    expect(weak.code).toBe(2);
    expect(weak.err).toMatch(/at least 12 characters/);
    const noStdin = await add(['--email', 'z@example.org', '--role', 'clinician']);
    expect(noStdin.code).toBe(2);
    expect(noStdin.err).toMatch(/--password-stdin/);
    const noSup = await add([
      '--email',
      'w@example.org',
      '--role',
      'clinician',
      '--supervisor',
      'nobody@example.org',
      '--password-stdin',
    ]);
    expect(noSup.code).toBe(2);
    expect(noSup.err).toMatch(/--supervisor/);
    const badRole = await add(['--email', 'v@example.org', '--role', 'owner', '--password-stdin']);
    expect(badRole.code).toBe(2);
    const { users } = await usersIn(env);
    expect(users.map((u) => u.email)).toEqual(['x@example.org']);
  });

  it('names a bad environment variable without its value and exits 2', async () => {
    const { env } = freshEnv();
    const f = fakeIo(
      { ...env, DOCSCRIB_ENCRYPTION_KEY: 'not-a-key-SECRETVALUE' },
      'a good long password',
    );
    const code = await main(
      ['user', 'add', '--email', 'a@example.org', '--role', 'admin', '--password-stdin'],
      f.io,
    );
    expect(code).toBe(2);
    expect(f.err()).toMatch(/DOCSCRIB_ENCRYPTION_KEY is not valid/);
    expect(f.err()).not.toContain('SECRETVALUE');
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => {
        resolve(port);
      });
    });
  });
}

describe('docscrib serve', () => {
  it('listens, says where, asks for the first administrator, and stops cleanly on abort', async () => {
    const { env } = freshEnv();
    const port = await freePort();
    const config = loadConfig({ ...env, PORT: String(port) });
    const f = fakeIo(env);
    const stop = new AbortController();
    const running = runServer(config, f.io, stop.signal, { webRoot: join(tempDir(), 'no-web') });
    for (let i = 0; i < 200 && !f.out().includes('running at'); i++) {
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(f.out()).toContain(`DocScrib is running at http://localhost:${port}`);
    expect(f.out()).toContain('open it to create the first administrator');
    const health = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(await health.json()).toMatchObject({ status: 'ok', database: 'sqlite' });
    const home = await fetch(`http://127.0.0.1:${port}/`);
    expect(await home.text()).toContain('npm run build');
    stop.abort();
    await running;
    expect(f.out()).toMatch(/GET \/api\/health 200 \d+ms/);
    expect(f.out()).toContain('Stopped.');
    await expect(fetch(`http://127.0.0.1:${port}/api/health`)).rejects.toThrow();
  });

  it('reports a port in use clearly (exit 2)', async () => {
    const { env } = freshEnv();
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const address = blocker.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      const f = fakeIo(env);
      const code = await main(['serve', '--port', String(port)], f.io);
      expect(code).toBe(2);
      expect(f.err()).toMatch(/already in use/);
      const bad = fakeIo(env);
      expect(await main(['serve', '--port', 'eighty'], bad.io)).toBe(2);
      expect(bad.err()).toMatch(/--port is not valid/);
    } finally {
      await new Promise((r) => blocker.close(r));
    }
  });
});
