import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const CWD = '/srv/app';

function errorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('has safe defaults: ./data, SQLite in it, 127.0.0.1:3000, secure cookies, no proxy trust', () => {
    const c = loadConfig({}, {}, CWD);
    expect(c).toEqual({
      dataDir: '/srv/app/data',
      database: {
        kind: 'sqlite',
        path: '/srv/app/data/docscrib.db',
        url: 'sqlite:/srv/app/data/docscrib.db',
      },
      encryptionKey: undefined,
      port: 3000,
      host: '127.0.0.1',
      publicUrl: undefined,
      trustProxy: false,
      secureCookies: true,
      debug: false,
    });
    expect(Object.isFrozen(c)).toBe(true);
    expect(Object.isFrozen(c.database)).toBe(true);
  });

  it('reads the environment; command-line values win', () => {
    const key = randomBytes(32).toString('base64');
    const env = {
      DOCSCRIB_DATA_DIR: 'var/docscrib',
      PORT: '8080',
      DOCSCRIB_HOST: '0.0.0.0',
      DOCSCRIB_ENCRYPTION_KEY: key,
      DOCSCRIB_TRUST_PROXY: '1',
      DOCSCRIB_SECURE_COOKIES: 'false',
      DOCSCRIB_DEBUG: '1',
    };
    const c = loadConfig(env, {}, CWD);
    expect(c).toMatchObject({
      dataDir: '/srv/app/var/docscrib',
      port: 8080,
      host: '0.0.0.0',
      encryptionKey: key,
      trustProxy: true,
      secureCookies: false,
      debug: true,
    });
    const o = loadConfig(env, { dataDir: '/data', port: '9000', host: '::1' }, CWD);
    expect(o).toMatchObject({ dataDir: '/data', port: 9000, host: '::1' });
    expect(o.database).toMatchObject({ path: '/data/docscrib.db' });
  });

  it('selects the database from DATABASE_URL', () => {
    expect(loadConfig({ DATABASE_URL: 'sqlite:db/x.db' }, {}, CWD).database).toEqual({
      kind: 'sqlite',
      path: '/srv/app/db/x.db',
      url: 'sqlite:/srv/app/db/x.db',
    });
    expect(loadConfig({ DATABASE_URL: 'file:/abs/y.db' }, {}, CWD).database).toMatchObject({
      path: '/abs/y.db',
    });
    const pg = 'postgres://docscrib:pw@db:5432/docscrib';
    expect(loadConfig({ DATABASE_URL: pg }, {}, CWD).database).toEqual({
      kind: 'postgres',
      url: pg,
    });
    expect(loadConfig({ DATABASE_URL: 'postgresql://h/db' }, {}, CWD).database.kind).toBe(
      'postgres',
    );
  });

  it('names a bad variable (never its value) as a usage error', () => {
    const cases: [Record<string, string>, string][] = [
      [{ PORT: 'eighty-SECRET' }, 'PORT'],
      [{ PORT: '70000' }, 'PORT'],
      [{ DATABASE_URL: 'mysql://u:SECRET@h/db' }, 'DATABASE_URL'],
      [{ DOCSCRIB_ENCRYPTION_KEY: 'SECRETc2hvcnQ=' }, 'DOCSCRIB_ENCRYPTION_KEY'],
      [{ DOCSCRIB_TRUST_PROXY: 'SECRET' }, 'DOCSCRIB_TRUST_PROXY'],
      [{ DOCSCRIB_HOST: 'SECRET host' }, 'DOCSCRIB_HOST'],
      [{ DOCSCRIB_PUBLIC_URL: 'SECRET.example' }, 'DOCSCRIB_PUBLIC_URL'],
      [{ DOCSCRIB_PUBLIC_URL: 'ftp://SECRET.example' }, 'DOCSCRIB_PUBLIC_URL'],
      [{ DOCSCRIB_PUBLIC_URL: 'https://SECRET.example/app' }, 'DOCSCRIB_PUBLIC_URL'],
      [{ DOCSCRIB_PUBLIC_URL: 'https://user:SECRET@docscrib.example' }, 'DOCSCRIB_PUBLIC_URL'],
    ];
    for (const [env, name] of cases) {
      const e = errorOf(() => loadConfig(env, {}, CWD));
      expect(e.variable).toBe(name);
      expect(e.code).toBe('usage');
      expect(e.message).toMatch(new RegExp(`^${name} is not valid: `));
      expect(`${e.message} ${e.hint}`).not.toContain('SECRET');
    }
    expect(errorOf(() => loadConfig({}, { port: '0' }, CWD)).variable).toBe('--port');
    expect(errorOf(() => loadConfig({}, { dataDir: '' }, CWD)).variable).toBe('--data');
  });

  it('treats an empty variable as unset, except the database URL and the key', () => {
    expect(errorOf(() => loadConfig({ DOCSCRIB_ENCRYPTION_KEY: '' }, {}, CWD)).variable).toBe(
      'DOCSCRIB_ENCRYPTION_KEY',
    );
    expect(errorOf(() => loadConfig({ DATABASE_URL: '' }, {}, CWD)).variable).toBe('DATABASE_URL');
    expect(loadConfig({ PORT: '', DOCSCRIB_TRUST_PROXY: '' }, {}, CWD)).toMatchObject({
      port: 3000,
      trustProxy: false,
    });
  });

  it('reads DOCSCRIB_PUBLIC_URL as an origin (scheme, host, port; no path)', () => {
    expect(
      loadConfig({ DOCSCRIB_PUBLIC_URL: 'https://DocScrib.Practice.example/' }, {}, CWD).publicUrl,
    ).toBe('https://docscrib.practice.example');
    expect(loadConfig({ DOCSCRIB_PUBLIC_URL: 'http://10.0.0.5:8080' }, {}, CWD).publicUrl).toBe(
      'http://10.0.0.5:8080',
    );
    expect(loadConfig({ DOCSCRIB_PUBLIC_URL: '' }, {}, CWD).publicUrl).toBeUndefined();
  });
});
