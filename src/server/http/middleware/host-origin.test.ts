import { describe, expect, it } from 'vitest';
import { isLoopbackAddress } from '../client-ip.js';
import {
  GOOD_PASSWORD,
  useTestRuntimes,
  type TestRuntime,
  peerEnv,
  randomEmail,
  TestClient,
  type ErrorBody,
} from '../test-helpers.js';

const rig = useTestRuntimes('docscrib-host-');

/** A request as the node server hands it over: a Host header, a peer address. */
async function send(
  r: TestRuntime,
  path: string,
  opts: { host?: string; origin?: string; method?: string; body?: unknown; peer?: string } = {},
): Promise<{ status: number; body: ErrorBody }> {
  const headers: Record<string, string> = { host: opts.host ?? 'localhost:3000' };
  if (opts.origin !== undefined) headers['origin'] = opts.origin;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const url = `http://${opts.host ?? 'localhost:3000'}${path}`;
  const res = await r.runtime.app.request(
    url,
    {
      method: opts.method ?? 'GET',
      headers,
      ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
    },
    peerEnv(opts.peer ?? '127.0.0.1'),
  );
  const text = await res.text();
  return { status: res.status, body: (text === '' ? undefined : JSON.parse(text)) as ErrorBody };
}

const wrongLogin = { email: 'nobody@example.org', password: 'not the password at all' };

describe('Host check', () => {
  it('answers localhost, 127.0.0.1 and [::1] on any port', async () => {
    const r = await rig();
    for (const host of [
      'localhost',
      'localhost:3000',
      '127.0.0.1:8080',
      '[::1]:3000',
      'LOCALHOST',
    ]) {
      const res = await send(r, '/api/setup', { host });
      expect(res.status, host).toBe(200);
    }
  });

  it('answers any other host 421 misdirected_request naming DOCSCRIB_PUBLIC_URL, API and web app alike', async () => {
    const r = await rig();
    for (const host of [
      'evil.example',
      'evil.example:3000',
      '192.168.1.20:3000',
      'localhost.evil.example',
    ]) {
      for (const path of ['/api/setup', '/api/auth/session', '/', '/clients/x']) {
        const res = await send(r, path, { host });
        expect(res.status, `${host} ${path}`).toBe(421);
        expect(res.body.error.code).toBe('misdirected_request');
        expect(res.body.error.hint).toContain('DOCSCRIB_PUBLIC_URL');
      }
    }
    // Not even the first administrator can be created through a rebound name.
    const setup = await send(r, '/api/setup', {
      host: 'evil.example',
      method: 'POST',
      body: { email: randomEmail(), name: 'Mallory', password: GOOD_PASSWORD },
    });
    expect(setup.status).toBe(421);
    expect((await send(r, '/api/setup')).body).toEqual({ needsSetup: true });
  });

  it('answers the host of DOCSCRIB_PUBLIC_URL too, and still no other', async () => {
    const r = await rig({ DOCSCRIB_PUBLIC_URL: 'https://docscrib.practice.example' });
    expect((await send(r, '/api/setup', { host: 'docscrib.practice.example' })).status).toBe(200);
    expect((await send(r, '/api/setup', { host: 'localhost:3000' })).status).toBe(200);
    const other = await send(r, '/api/setup', { host: 'other.practice.example' });
    expect(other.status).toBe(421);
    expect(other.body.error.hint).toContain('https://docscrib.practice.example');
  });

  it('lets GET /api/health through for load balancers that probe by address', async () => {
    const r = await rig();
    expect((await send(r, '/api/health', { host: '10.0.0.5:3000' })).status).toBe(200);
  });
});

describe('Origin check on unsafe methods', () => {
  it('refuses a POST from another origin with 403 csrf_failed, before anything runs', async () => {
    const r = await rig();
    for (const origin of [
      'https://evil.example',
      'http://localhost:3001',
      'https://localhost:3000',
      'null',
    ]) {
      const res = await send(r, '/api/auth/login', { method: 'POST', origin, body: wrongLogin });
      expect(res.status, origin).toBe(403);
      expect(res.body.error.code).toBe('csrf_failed');
    }
    // Nothing was counted as a failed sign-in.
    const entries = await r.runtime.store.audit.list(0, 100);
    expect(entries.filter((e) => e.action === 'login_failed')).toEqual([]);
  });

  it('lets its own origin (any loopback name for the same port) and requests without Origin through', async () => {
    const r = await rig();
    for (const origin of [undefined, 'http://localhost:3000', 'http://127.0.0.1:3000']) {
      const res = await send(r, '/api/auth/login', {
        method: 'POST',
        ...(origin !== undefined ? { origin } : {}),
        body: wrongLogin,
      });
      expect(res.status, String(origin)).toBe(401);
    }
    // Reads are not checked: a cross-origin page cannot read the answer anyway.
    expect((await send(r, '/api/setup', { origin: 'https://evil.example' })).status).toBe(200);
  });

  it('accepts the origin of DOCSCRIB_PUBLIC_URL behind a TLS proxy', async () => {
    const r = await rig({ DOCSCRIB_PUBLIC_URL: 'https://docscrib.practice.example' });
    const res = await send(r, '/api/auth/login', {
      host: 'docscrib.practice.example',
      method: 'POST',
      origin: 'https://docscrib.practice.example',
      body: wrongLogin,
    });
    expect(res.status).toBe(401);
    const foreign = await send(r, '/api/auth/login', {
      host: 'docscrib.practice.example',
      method: 'POST',
      origin: 'https://evil.example',
      body: wrongLogin,
    });
    expect(foreign.status).toBe(403);
  });
});

describe('first-run setup from the server itself only', () => {
  const admin = () => ({ email: randomEmail('admin'), name: 'Ada', password: GOOD_PASSWORD });

  it('refuses POST /api/setup from another machine with 403 and how to do it instead', async () => {
    const r = await rig();
    const remote = new TestClient(r.requestFrom('192.168.1.20'));
    const res = await remote.post<ErrorBody>('/api/setup', admin());
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe(
      'Create the first administrator on the server itself, or with `docscrib user add --role admin`.',
    );
    expect(remote.cookie).toBeUndefined();
    expect((await remote.get('/api/setup')).body).toEqual({ needsSetup: true });
    // No socket address at all (an unknown peer) is not the server itself either.
    const unknown = await r.runtime.app.request('http://localhost/api/setup', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(admin()),
    });
    expect(unknown.status).toBe(403);
  });

  it('accepts it from 127.0.0.1, ::1 and ::ffff:127.0.0.1; afterwards everyone gets 409', async () => {
    for (const peer of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) {
      const r = await rig();
      const res = await new TestClient(r.requestFrom(peer)).post('/api/setup', admin());
      expect(res.status, peer).toBe(201);
      const late = await new TestClient(r.requestFrom('192.168.1.20')).post<ErrorBody>(
        '/api/setup',
        admin(),
      );
      expect(late.status).toBe(409);
      expect(late.body.error.code).toBe('conflict');
    }
  });

  it('uses the forwarded address only behind a trusted proxy', async () => {
    const forwarded = (address: string) => ({
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
      body: JSON.stringify(admin()),
    });
    const proxied = await rig({ DOCSCRIB_TRUST_PROXY: '1' });
    // The proxy runs on the server (a loopback peer) but forwards a remote client: refused.
    expect((await proxied.request('/api/setup', forwarded('203.0.113.9'))).status).toBe(403);
    expect((await proxied.request('/api/setup', forwarded('127.0.0.1'))).status).toBe(201);

    // Without DOCSCRIB_TRUST_PROXY a forged X-Forwarded-For from a remote peer changes nothing.
    const direct = await rig();
    const from = direct.requestFrom('192.168.1.20');
    expect((await from('/api/setup', forwarded('127.0.0.1'))).status).toBe(403);
  });
});

describe('isLoopbackAddress', () => {
  it('knows 127.0.0.0/8 and ::1 in their spellings, and nothing else', () => {
    for (const a of [
      '127.0.0.1',
      '127.1.2.3',
      '::1',
      '[::1]',
      '::ffff:127.0.0.1',
      '0:0:0:0:0:0:0:1',
    ]) {
      expect(isLoopbackAddress(a), a).toBe(true);
    }
    for (const a of [
      '10.0.0.1',
      '128.0.0.1',
      '::ffff:10.0.0.1',
      '::',
      '::2',
      '1::1',
      'fe80::1',
      'localhost',
      '',
    ]) {
      expect(isLoopbackAddress(a), a).toBe(false);
    }
  });
});
