import { z } from 'zod';
import type { AppDeps } from '../deps.js';
import { buildOpenApi } from '../openapi.js';
import { defineRoute, type Route } from '../route.js';
import { packageVersion } from '../version.js';

export const HealthSchema = z.object({
  status: z.literal('ok'),
  version: z.string(),
  database: z.enum(['sqlite', 'postgres']),
});

/** Health and the OpenAPI document (generated from `table()`, the whole route table). */
export function systemRoutes(deps: AppDeps, table: () => readonly Route[]): Route[] {
  const version = packageVersion();
  let document: Record<string, unknown> | undefined;
  return [
    defineRoute({
      method: 'GET',
      path: '/api/health',
      summary: 'Liveness: the server is up and which database it uses',
      tags: ['system'],
      auth: 'public',
      responses: { 200: HealthSchema },
      handler: () =>
        Promise.resolve({ body: { status: 'ok' as const, version, database: deps.store.kind } }),
    }),
    defineRoute({
      method: 'GET',
      path: '/api/openapi.json',
      summary: 'This API as an OpenAPI 3.1 document',
      tags: ['system'],
      auth: 'public',
      responses: { 200: z.record(z.string(), z.unknown()) },
      handler: () => {
        document ??= buildOpenApi(table(), { title: 'DocScrib API', version });
        return Promise.resolve({ body: document });
      },
    }),
  ];
}
