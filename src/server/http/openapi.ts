import { z } from 'zod';
import { STATUS, type ApiErrorCode } from '../errors.js';
import type { ResponseSpec, Route } from './route.js';

/**
 * The OpenAPI 3.1 document, generated from the route table: the same zod schemas that validate
 * requests, converted with zod 4's native `z.toJSONSchema` (JSON Schema 2020-12, which OpenAPI 3.1
 * uses). Requests are described as their input (defaults optional), responses as their output.
 */
type Json = Record<string, unknown>;

export interface OpenApiInfo {
  title: string;
  version: string;
}

const ErrorBodySchema = z.object({
  error: z.object({
    code: z.enum(Object.keys(STATUS) as [ApiErrorCode, ...ApiErrorCode[]]),
    message: z.string(),
    hint: z.string().optional(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No content',
  400: 'Bad request: malformed JSON or `validation_failed` (see `issues`)',
  401: 'Not signed in (`unauthenticated`), or a TOTP code is needed (`mfa_required`)',
  403: '`forbidden`, `csrf_failed` or `mfa_enrollment_required`',
  404: 'No such record, or not yours to see',
  409: '`conflict` (stale version, taken email) or `note_locked`',
  413: 'Body larger than 5 MB',
  415: 'Body is not JSON',
  429: 'Too many attempts (`throttled`); see Retry-After',
  500: 'Internal error (no details)',
};

export function buildOpenApi(routes: readonly Route[], info: OpenApiInfo): Json {
  const components: Record<string, Json> = {
    Error: toSchema(ErrorBodySchema, 'output', {}),
  };
  const paths: Record<string, Record<string, Json>> = {};
  for (const route of routes) {
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    const op: Json = {
      operationId: operationId(route),
      summary: route.summary,
      tags: [...route.tags],
    };
    if (route.description) op['description'] = route.description;
    if (route.auth === 'user') op['security'] = [{ session: [] }];
    else op['security'] = [];

    const parameters: Json[] = [];
    for (const [where, schema] of [
      ['path', route.params],
      ['query', route.query],
    ] as const) {
      if (!schema) continue;
      for (const [name, field] of Object.entries(schema.shape)) {
        const fieldSchema = field as z.ZodType;
        parameters.push({
          name,
          in: where,
          required: where === 'path' || !fieldSchema.safeParse(undefined).success,
          schema: toSchema(fieldSchema, 'input', components),
        });
      }
    }
    if (route.csrf && route.method !== 'GET') {
      parameters.push({
        name: 'X-CSRF-Token',
        in: 'header',
        required: true,
        description: 'The csrfToken of the session (GET /api/auth/session).',
        schema: { type: 'string' },
      });
    }
    if (parameters.length > 0) op['parameters'] = parameters;

    if (route.body) {
      op['requestBody'] = {
        required: true,
        content: { 'application/json': { schema: toSchema(route.body, 'input', components) } },
      };
    } else if (route.rawBody) {
      op['requestBody'] = {
        required: true,
        description: route.rawBody.description,
        content: Object.fromEntries(
          route.rawBody.contentTypes.map((type) => [
            type,
            { schema: { type: 'string', format: 'binary' } },
          ]),
        ),
      };
    }

    const responses: Record<string, Json> = {};
    for (const [status, spec] of Object.entries(route.responses)) {
      responses[status] = responseObject(Number(status), spec, components);
    }
    for (const status of errorStatuses(route)) {
      responses[String(status)] = {
        description: STATUS_TEXT[status] ?? 'Error',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      };
    }
    op['responses'] = responses;
    (paths[path] ??= {})[route.method.toLowerCase()] = op;
  }
  return {
    openapi: '3.1.0',
    info: {
      ...info,
      description:
        'DocScrib HTTP API. Signed-in requests carry the session cookie; every POST/PUT/PATCH/DELETE except /api/setup and /api/auth/login also needs X-CSRF-Token.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    paths,
    components: {
      schemas: components,
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: '__Host-docscrib_session' },
      },
    },
  };
}

function operationId(route: Route): string {
  const words = route.path
    .replace(/^\/api\//, '')
    .split(/[/\-.]/)
    .filter((w) => w !== '')
    .map((w) => (w.startsWith(':') ? `by_${w.slice(1)}` : w));
  return [route.method.toLowerCase(), ...words].join('_');
}

function responseObject(
  status: number,
  spec: ResponseSpec,
  components: Record<string, Json>,
): Json {
  const description = STATUS_TEXT[status] ?? 'OK';
  if (spec === null) return { description };
  if ('raw' in spec) {
    return { description: spec.description, content: { [spec.contentType]: {} } };
  }
  return {
    description,
    content: { 'application/json': { schema: toSchema(spec, 'output', components) } },
  };
}

function errorStatuses(route: Route): number[] {
  const out = new Set<number>();
  if (route.params || route.query || route.body) out.add(400);
  if (route.body || route.rawBody) out.add(413).add(415);
  if (route.rawBody) out.add(400);
  if (route.auth === 'user') out.add(401).add(403);
  if (route.csrf && route.method !== 'GET') out.add(403);
  if (route.roles) out.add(403);
  if (route.params) out.add(404);
  out.add(500);
  return [...out].sort((a, b) => a - b);
}

/**
 * One zod schema as an inline JSON Schema. Any `$defs` zod had to emit (recursive or registered
 * schemas) are hoisted into `components.schemas` and their `$ref`s rewritten to point there.
 */
function toSchema(
  schema: z.ZodType,
  io: 'input' | 'output',
  components: Record<string, Json>,
): Json {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Json;
  delete json['$schema'];
  const defs = json['$defs'] as Record<string, Json> | undefined;
  delete json['$defs'];
  const renamed = new Map<string, string>();
  for (const name of Object.keys(defs ?? {})) {
    let target = name;
    for (let i = 2; target in components; i++) target = `${name}${i}`;
    renamed.set(name, target);
    components[target] = {};
  }
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (value === null || typeof value !== 'object') return value;
    const out: Json = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string' && v.startsWith('#/$defs/')) {
        const name = v.slice('#/$defs/'.length);
        out[k] = `#/components/schemas/${renamed.get(name) ?? name}`;
      } else {
        out[k] = rewrite(v);
      }
    }
    return out;
  };
  for (const [name, def] of Object.entries(defs ?? {})) {
    components[renamed.get(name) ?? name] = rewrite(def) as Json;
  }
  return rewrite(json) as Json;
}
