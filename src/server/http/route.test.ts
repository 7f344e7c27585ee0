import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createApp } from './app.js';
import type { AppDeps } from './deps.js';
import { ApiError } from '../errors.js';
import { defineRoute, type Route } from './route.js';
import { memoryLogger, storelessDeps, testConfig } from './test-helpers.js';

/** A small public table that exercises params, query, body and typed errors. */
function demoRoutes(): Route[] {
  return [
    defineRoute({
      method: 'POST',
      path: '/api/demo/:id',
      summary: 'Echo',
      tags: ['demo'],
      auth: 'public',
      csrf: false,
      params: z.strictObject({ id: z.string().regex(/^[a-z0-9]{3,}$/) }),
      query: z.strictObject({ n: z.coerce.number().int().min(1).optional() }),
      body: z.strictObject({ name: z.string().min(1), tags: z.array(z.string()).default([]) }),
      responses: { 201: z.object({ id: z.string(), n: z.number(), name: z.string() }) },
      handler: ({ params, query, body }) =>
        Promise.resolve({
          status: 201 as const,
          body: { id: params.id, n: query.n ?? 1, name: body.name },
        }),
    }),
    defineRoute({
      method: 'GET',
      path: '/api/demo-fail/:kind',
      summary: 'Fail',
      tags: ['demo'],
      auth: 'public',
      params: z.strictObject({ kind: z.enum(['conflict', 'crash', 'throttle', 'bad-output']) }),
      responses: { 200: z.object({ ok: z.literal(true) }) },
      handler: ({ params }) => {
        if (params.kind === 'conflict')
          throw new ApiError('conflict', 'Taken.', { hint: 'Pick another.' });
        if (params.kind === 'throttle') {
          throw new ApiError('throttled', 'Too many.', { headers: { 'Retry-After': '900' } });
        }
        if (params.kind === 'bad-output') return Promise.resolve({ body: { ok: 'yes' } as never });
        throw new Error('secret detail that must not leak');
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/api/demo-private',
      summary: 'Signed-in only',
      tags: ['demo'],
      auth: 'user',
      responses: { 200: z.object({ ok: z.literal(true) }) },
      handler: () => Promise.resolve({ body: { ok: true as const } }),
    }),
  ];
}

function app(overrides: Partial<AppDeps> = {}) {
  const deps = storelessDeps({ logger: memoryLogger(), ...overrides });
  return { app: createApp(deps, { groups: [demoRoutes] }), deps };
}

const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

interface ErrorJson {
  error: {
    code: string;
    message: string;
    hint?: string;
    issues?: { path: string; message: string }[];
  };
}

describe('route table', () => {
  it('validates params, query and body and answers with the declared status', async () => {
    const res = await app().app.request('/api/demo/abc1?n=3', json({ name: 'x' }));
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ id: 'abc1', n: 3, name: 'x' });
  });

  it('rejects unknown body fields with validation_failed and the field path', async () => {
    const res = await app().app.request('/api/demo/abc1', json({ name: 'x', extra: 1 }));
    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorJson;
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.issues).toHaveLength(1);
    expect(body.error.issues?.[0]?.path).toBe('body.extra');
    expect(body.error.issues?.[0]?.message).toContain('unknown field');
  });

  it('names wrong types, bad params and unknown query fields', async () => {
    const a = app().app;
    const wrong = (await (
      await a.request('/api/demo/abc1', json({ name: 5, tags: [1] }))
    ).json()) as ErrorJson;
    expect(wrong.error.issues?.map((i) => i.path)).toEqual(['body.name', 'body.tags[0]']);
    const badParam = await a.request('/api/demo/A!', json({ name: 'x' }));
    expect(((await badParam.json()) as ErrorJson).error.issues?.[0]?.path).toBe('params.id');
    const badQuery = await a.request('/api/demo/abc1?m=1', json({ name: 'x' }));
    expect(badQuery.status).toBe(400);
    expect(((await badQuery.json()) as ErrorJson).error.issues?.[0]?.path).toBe('query.m');
  });

  it('needs a JSON content type (415) and well-formed JSON (400, without quoting it)', async () => {
    const a = app().app;
    const text = await a.request('/api/demo/abc1', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '{"name":"x"}',
    });
    expect(text.status).toBe(415);
    expect(((await text.json()) as ErrorJson).error.code).toBe('unsupported_media_type');
    const bad = await a.request('/api/demo/abc1', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"name": "Jane Roe, DOB 1990-01-01",',
    });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as ErrorJson;
    expect(body.error.code).toBe('bad_request');
    expect(body.error.message).toMatch(/not valid JSON/);
    expect(JSON.stringify(body)).not.toContain('Jane');
    const empty = await a.request('/api/demo/abc1', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
    });
    expect(empty.status).toBe(400);
  });

  it('refuses bodies over 5 MB with 413, with or without Content-Length', async () => {
    const a = app().app;
    const big = JSON.stringify({ name: 'x'.repeat(5 * 1024 * 1024) });
    const res = await a.request('/api/demo/abc1', json(JSON.parse(big)));
    expect(res.status).toBe(413);
    expect(((await res.json()) as ErrorJson).error.code).toBe('payload_too_large');
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        const chunk = new Uint8Array(1024 * 1024).fill(32);
        for (let i = 0; i < 6; i++) controller.enqueue(chunk);
        controller.close();
      },
    });
    const chunked = await a.request('/api/demo/abc1', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    });
    expect(chunked.status).toBe(413);
  });

  it('maps typed errors in one place and hides internal ones', async () => {
    const { app: a, deps } = app();
    const conflict = await a.request('/api/demo-fail/conflict');
    expect(conflict.status).toBe(409);
    expect(await conflict.json()).toEqual({
      error: { code: 'conflict', message: 'Taken.', hint: 'Pick another.' },
    });
    const throttled = await a.request('/api/demo-fail/throttle');
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('900');
    const crash = await a.request('/api/demo-fail/crash');
    expect(crash.status).toBe(500);
    const text = await crash.text();
    expect(text).not.toContain('secret detail');
    expect(text).not.toMatch(/at .+:\d+:\d+/);
    expect(JSON.parse(text)).toMatchObject({ error: { code: 'internal' } });
    const log = (deps.logger as ReturnType<typeof memoryLogger>).lines.join('\n');
    expect(log).toContain('internal error in GET /api/demo-fail/:kind: Error');
    expect(log).not.toContain('secret detail');
    const badOutput = await a.request('/api/demo-fail/bad-output');
    expect(badOutput.status).toBe(500);
  });

  it('logs the stack of an internal error only with DOCSCRIB_DEBUG=1, never in the answer', async () => {
    const logger = memoryLogger();
    const { app: a } = app({ logger, config: testConfig({ DOCSCRIB_DEBUG: '1' }) });
    const res = await a.request('/api/demo-fail/crash');
    expect(res.status).toBe(500);
    expect(await res.text()).not.toMatch(/route\.test\.ts/);
    expect(logger.lines.join('\n')).toMatch(/route\.test\.ts:\d+:\d+/);
  });

  it('answers 401 on signed-in routes without a session, 404 JSON for unknown API routes', async () => {
    const a = app().app;
    const res = await a.request('/api/demo-private');
    expect(res.status).toBe(401);
    expect(((await res.json()) as ErrorJson).error.code).toBe('unauthenticated');
    const missing = await a.request('/api/nope');
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as ErrorJson).error.code).toBe('not_found');
  });

  it('logs method, route pattern, status and time, never the URL with its ids', async () => {
    const { app: a, deps } = app();
    await a.request('/api/demo/secret123?n=2', json({ name: 'x' }));
    const lines = (deps.logger as ReturnType<typeof memoryLogger>).lines;
    expect(lines).toEqual([expect.stringMatching(/^POST \/api\/demo\/:id 201 \d+ms$/)]);
  });
});

describe('openapi document', () => {
  it('describes every route of the table with its request schema', async () => {
    const res = await app().app.request('/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      openapi: string;
      paths: Record<
        string,
        Record<
          string,
          {
            requestBody?: { content: Record<string, { schema: unknown }> };
            parameters?: { name: string; in: string }[];
          }
        >
      >;
    };
    expect(doc.openapi).toBe('3.1.0');
    const post = doc.paths['/api/demo/{id}']?.['post'];
    expect(post?.requestBody?.content['application/json']?.schema).toMatchObject({
      type: 'object',
      properties: { name: { type: 'string', minLength: 1 } },
      required: ['name'],
      additionalProperties: false,
    });
    expect(post?.parameters?.map((p) => `${p.in}:${p.name}`)).toEqual(['path:id', 'query:n']);
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        '/api/demo/{id}',
        '/api/demo-fail/{kind}',
        '/api/demo-private',
        '/api/health',
        '/api/openapi.json',
      ].sort(),
    );
  });
});
