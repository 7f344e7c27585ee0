import { Validator } from '@seriousme/openapi-schema-validator';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { useTempDir } from '../../adapters/test-helpers.js';
import { DocscribError } from '../../core/errors.js';
import { InternalError } from '../errors.js';
import { createApp, buildRouteTable, stackFrames } from './app.js';
import { CONTENT_SECURITY_POLICY } from './middleware/headers.js';
import { defineRoute } from './route.js';
import { memoryLogger, storelessDeps, testConfig } from './test-helpers.js';

const tempDir = useTempDir('docscrib-app-');

async function webBuild(): Promise<string> {
  const root = join(tempDir(), `web-${Math.random().toString(36).slice(2)}`);
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(
    join(root, 'index.html'),
    '<!doctype html><html><head><script type="module" src="/assets/index-abc123.js"></script></head><body><div id="root"></div></body></html>',
  );
  await writeFile(join(root, 'assets', 'index-abc123.js'), 'console.log("app");');
  await writeFile(join(root, 'assets', 'index-abc123.css'), 'body{}');
  await writeFile(join(root, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  return root;
}

function expectSecurityHeaders(res: Response): void {
  expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  expect(res.headers.get('x-frame-options')).toBe('DENY');
}

describe('security headers', () => {
  it('are on API answers (with no-store), errors and static files (without no-store)', async () => {
    const app = createApp(storelessDeps({ webRoot: await webBuild() }));
    for (const path of ['/api/health', '/api/nope', '/api/auth/session']) {
      const res = await app.request(path);
      expectSecurityHeaders(res);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('strict-transport-security')).toBeNull();
    }
    for (const path of ['/', '/clients/abc', '/assets/index-abc123.js', '/assets/missing.js']) {
      const res = await app.request(path);
      expectSecurityHeaders(res);
      expect(res.headers.get('cache-control')).not.toBe('no-store');
    }
  });

  it('add HSTS only for TLS requests, and trust X-Forwarded-Proto only behind a trusted proxy', async () => {
    const plain = createApp(storelessDeps());
    const forwarded = { headers: { 'x-forwarded-proto': 'https' } };
    expect(
      (await plain.request('/api/health', forwarded)).headers.get('strict-transport-security'),
    ).toBeNull();
    const proxied = createApp(storelessDeps({ config: testConfig({ DOCSCRIB_TRUST_PROXY: '1' }) }));
    expect(
      (await proxied.request('/api/health')).headers.get('strict-transport-security'),
    ).toBeNull();
    expect(
      (await proxied.request('/api/health', forwarded)).headers.get('strict-transport-security'),
    ).toMatch(/max-age=\d+/);
    expect(
      (await plain.request('https://docscrib.example/api/health')).headers.get(
        'strict-transport-security',
      ),
    ).toMatch(/max-age/);
  });
});

describe('static web app', () => {
  it('serves files with their types, long cache for hashed assets, and index.html for app paths', async () => {
    const app = createApp(storelessDeps({ webRoot: await webBuild() }));
    const index = await app.request('/');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('cache-control')).toBe('no-cache');
    expect(await index.text()).toContain('<div id="root">');
    const deep = await app.request('/clients/abc123/notes');
    expect(deep.status).toBe(200);
    expect(await deep.text()).toContain('<div id="root">');
    const js = await app.request('/assets/index-abc123.js');
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await js.text()).toBe('console.log("app");');
    expect((await app.request('/assets/index-abc123.css')).headers.get('content-type')).toBe(
      'text/css; charset=utf-8',
    );
    expect((await app.request('/favicon.svg')).headers.get('content-type')).toBe('image/svg+xml');
    expect((await app.request('/assets/missing.js')).status).toBe(404);
    const head = await app.request('/', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect((await app.request('/', { method: 'POST' })).status).toBe(405);
  });

  it('never serves files outside the build directory', async () => {
    const root = await webBuild();
    await writeFile(join(root, '..', 'secret.txt'), 'secret');
    const app = createApp(storelessDeps({ webRoot: root }));
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/%00',
    ]) {
      const res = await app.request(path);
      expect(await res.text()).not.toBe('secret');
    }
  });

  it('says to run npm run build when there is no build', async () => {
    const app = createApp(storelessDeps({ webRoot: join(tempDir(), 'none') }));
    const res = await app.request('/');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('npm run build');
    expectSecurityHeaders(res);
  });

  it('answers JSON 404 for unknown API paths, never the web app', async () => {
    const app = createApp(storelessDeps({ webRoot: await webBuild() }));
    for (const path of ['/api', '/api/', '/api/unknown/thing']) {
      const res = await app.request(path);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/application\/json/);
    }
  });
});

interface OpenApiDoc {
  openapi: string;
  info: { version: string };
  paths: Record<
    string,
    Record<
      string,
      {
        operationId: string;
        requestBody?: {
          content: Record<string, { schema: { type?: string; additionalProperties?: unknown } }>;
        };
        parameters?: { name: string; in: string }[];
        responses: Record<string, unknown>;
        security: unknown[];
      }
    >
  >;
  components: { schemas: Record<string, unknown> };
}

describe('OpenAPI document of the whole route table', () => {
  it('has every route with its request schema, parameters and responses', async () => {
    const deps = storelessDeps();
    const app = createApp(deps);
    const res = await app.request('/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as OpenApiDoc;
    expect(doc.openapi).toBe('3.1.0');
    const routes = buildRouteTable(deps);
    expect(routes.length).toBeGreaterThan(20);
    const ids = new Set<string>();
    for (const route of routes) {
      const op = doc.paths[route.path.replace(/:(\w+)/g, '{$1}')]?.[route.method.toLowerCase()];
      expect(op, `${route.method} ${route.path}`).toBeDefined();
      if (!op) continue;
      ids.add(op.operationId);
      expect(Object.keys(op.responses).length).toBeGreaterThan(1);
      if (route.body) {
        expect(
          op.requestBody?.content['application/json']?.schema,
          `${route.method} ${route.path}`,
        ).toBeTypeOf('object');
      } else if (route.rawBody) {
        // A raw body: binary in each media type it takes, no JSON.
        expect(Object.keys(op.requestBody?.content ?? {})).toEqual(route.rawBody.contentTypes);
        for (const c of Object.values(op.requestBody?.content ?? {})) {
          expect(c.schema).toEqual({ type: 'string', format: 'binary' });
        }
      } else {
        expect(op.requestBody).toBeUndefined();
      }
      for (const name of Object.keys(route.params?.shape ?? {})) {
        expect(op.parameters).toContainEqual(expect.objectContaining({ name, in: 'path' }));
      }
      for (const name of Object.keys(route.query?.shape ?? {})) {
        expect(op.parameters).toContainEqual(expect.objectContaining({ name, in: 'query' }));
      }
      expect(op.security).toEqual(route.auth === 'user' ? [{ session: [] }] : []);
    }
    expect(ids.size).toBe(routes.length);
    const login =
      doc.paths['/api/auth/login']?.['post']?.requestBody?.content['application/json']?.schema;
    expect(login).toMatchObject({ type: 'object', additionalProperties: false });
    const audio = doc.paths['/api/sessions/{id}/audio']?.['put']?.requestBody?.content;
    expect(audio?.['audio/*']?.schema).toEqual({ type: 'string', format: 'binary' });
    // Every $ref points at a schema that exists.
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
    for (const ref of refs) {
      const name = /#\/components\/schemas\/([^"]+)/.exec(ref)?.[1];
      expect(name && name in doc.components.schemas, ref).toBe(true);
    }
  });

  it('is a valid OpenAPI 3.1 document (the official schema)', async () => {
    const res = await createApp(storelessDeps()).request('/api/openapi.json');
    const result = await new Validator().validate(
      (await res.json()) as Parameters<Validator['validate']>[0],
    );
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    // …and the validator is real: a broken document fails.
    const broken = await new Validator().validate({ openapi: '3.1.0', paths: { '/x': 1 } });
    expect(broken.valid).toBe(false);
  });
});

describe('internal errors in debug mode', () => {
  /** Decrypted text a JSON.parse error quotes, over two lines, the second shaped like a frame. */
  const phi = 'Client said she felt hopeless\n    at home (alone:1:2)';

  function crashingApp(debug: boolean) {
    const logger = memoryLogger();
    const crash = () => [
      defineRoute({
        method: 'GET',
        path: '/api/demo-crash',
        summary: 'Crash',
        tags: ['demo'],
        auth: 'public',
        responses: { 200: z.object({ ok: z.literal(true) }) },
        handler: () => {
          // A real JSON.parse error: its message quotes the text it could not parse.
          JSON.parse('hopeless');
          return Promise.resolve({ body: { ok: true as const } });
        },
      }),
    ];
    const config = testConfig(debug ? { DOCSCRIB_DEBUG: '1' } : {});
    return { app: createApp(storelessDeps({ logger, config }), { groups: [crash] }), logger };
  }

  it('log the error name and the stack frames, never the message (it may quote decrypted text)', async () => {
    const { app, logger } = crashingApp(true);
    const res = await app.request('/api/demo-crash');
    expect(res.status).toBe(500);
    const log = logger.lines.join('\n');
    expect(log).toContain('internal error in GET /api/demo-crash: SyntaxError');
    expect(log).toMatch(/\n {4}at .*app\.test\.ts:\d+:\d+/);
    expect(log).not.toContain('hopeless');
    expect(log).not.toContain('alone:1:2');
    expect(log).not.toMatch(/Unexpected|not valid JSON/);
    expect(await res.text()).not.toContain('hopeless');
  });

  it("log an InternalError's detail (PHI-free paths) and never send it", async () => {
    const logger = memoryLogger();
    const detail = 'FHIR Composition export failed schema validation at entry[2].resource.period';
    const failing = () => [
      defineRoute({
        method: 'GET',
        path: '/api/demo-internal',
        summary: 'Internal failure',
        tags: ['demo'],
        auth: 'public',
        responses: { 200: z.object({ ok: z.literal(true) }) },
        handler: () => Promise.reject(new InternalError(detail)),
      }),
    ];
    const app = createApp(storelessDeps({ logger }), { groups: [failing] });
    const res = await app.request('/api/demo-internal');
    expect(res.status).toBe(500);
    expect(logger.lines).toContain(
      `internal error in GET /api/demo-internal: InternalError: ${detail}`,
    );
    const body = await res.text();
    expect(JSON.parse(body)).toMatchObject({ error: { code: 'internal' } });
    expect(body).not.toContain('entry[2]');
    expect(body).not.toContain('schema validation');
  });

  it("log a core error's code, never its message", async () => {
    const logger = memoryLogger();
    const failing = () => [
      defineRoute({
        method: 'GET',
        path: '/api/demo-core',
        summary: 'Core failure',
        tags: ['demo'],
        auth: 'public',
        responses: { 200: z.object({ ok: z.literal(true) }) },
        handler: () =>
          Promise.reject(new DocscribError('decrypt_failed', `field of ${phi}`, 'check the key')),
      }),
    ];
    const app = createApp(storelessDeps({ logger }), { groups: [failing] });
    const res = await app.request('/api/demo-core');
    expect(res.status).toBe(500);
    expect(logger.lines).toContain(
      'internal error in GET /api/demo-core: DocscribError decrypt_failed',
    );
    expect(logger.lines.join('\n')).not.toContain('hopeless');
    expect(await res.text()).not.toContain('hopeless');
  });

  it('log no frames without debug mode', async () => {
    const { app, logger } = crashingApp(false);
    await app.request('/api/demo-crash');
    expect(logger.lines.join('\n')).not.toMatch(/ at /);
  });

  it('stackFrames keeps call sites only, also when the message changed after the error was made', () => {
    const err = new Error(phi);
    err.message = 'something else';
    const frames = stackFrames(err);
    expect(frames.length).toBeGreaterThan(0);
    for (const f of frames) expect(f).toMatch(/^ {4}at /);
    expect(frames.join('\n')).not.toContain('hopeless');
    expect(stackFrames(Object.assign(new Error('x'), { stack: undefined }))).toEqual([]);
  });
});
