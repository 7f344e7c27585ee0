/**
 * # Routes: one table, three uses
 *
 * Every API route is a `defineRoute({...})` value in an array. The same table
 *  1. registers the Hono handler (`mountRoutes`),
 *  2. validates the request (params, query, body) with its zod schemas, and
 *  3. generates the OpenAPI 3.1 document (`GET /api/openapi.json`, see openapi.ts).
 *
 * ## Adding a route
 *
 * ```ts
 * // src/server/http/routes/things.ts
 * export function thingRoutes(deps: AppDeps): Route[] {
 *   const things = new ThingService(deps.store, deps.auditLog);   // services built once
 *   return [
 *     defineRoute({
 *       method: 'PATCH',
 *       path: '/api/things/:id',                  // Hono syntax; OpenAPI gets /api/things/{id}
 *       summary: 'Rename a thing',
 *       tags: ['things'],
 *       auth: 'user',                             // 'public' or 'user' (signed in)
 *       roles: ['clinician', 'supervisor'],       // optional: other roles get 403 forbidden
 *       params: z.strictObject({ id: IdSchema }),
 *       query: z.strictObject({ full: z.stringbool().optional() }),     // optional
 *       body: z.strictObject({ name: z.string().min(1) }),  // strict: unknown fields → 400
 *       responses: { 200: z.object({ thing: ThingSchema }) },           // null = no body (204)
 *       handler: async ({ params, body, actor }) => ({
 *         body: { thing: await things.rename(actor, params.id, body.name) },
 *       }),
 *     }),
 *   ];
 * }
 * ```
 * then add `thingRoutes` to `ROUTE_GROUPS` in routes/index.ts (one line).
 *
 * - A body that is not JSON (an uploaded file): `rawBody: rawBody(['audio/*'], '…')` documents it
 *   (binary, in those media types) and the handler streams `c.req.raw.body` itself.
 * - The handler returns `{ status?, body }` matching one of `responses` (status defaults to
 *   200), `{ status: 204 }` for a `null` response, or a `Response` for a `raw(...)` response
 *   (PDF, FHIR JSON). Set extra headers with `ctx.c.header(...)`.
 * - Fail by throwing an `ApiError` (server/errors.ts); the ONE error mapper turns it into the JSON
 *   error body and status. Anything else becomes a 500 `internal` without details.
 * - Before the handler runs, in this order: session (401 `unauthenticated` for `auth: 'user'`),
 *   CSRF on POST/PUT/PATCH/DELETE (403 `csrf_failed`; only `csrf: false` routes — setup and
 *   login — are exempt), the MFA enrolment gate for admins (403 `mfa_enrollment_required`
 *   unless `allowWithoutMfa`), `roles` (403 `forbidden`), then params, query and body
 *   (415 without a JSON content type, 400 for malformed JSON, 400 `validation_failed` with
 *   `issues`). Record-level access (404 for what you may not see) is the service's job, through
 *   `authorize` in services/access.ts.
 */
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import type { AuthSession, Role, User } from '../domain/schemas.js';
import type { AppDeps } from './deps.js';
import { ApiError, forbidden, unauthenticated } from '../errors.js';
import { validationError } from './errors.js';
import { checkCsrf, resolveSession, type HttpEnv } from './session.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type AuthMode = 'public' | 'user';

/** A non-JSON response (PDF, FHIR): the handler returns a `Response` itself. */
export interface RawResponseSpec {
  readonly raw: true;
  readonly contentType: string;
  readonly description: string;
}

export function raw(contentType: string, description: string): RawResponseSpec {
  return { raw: true, contentType, description };
}

/**
 * A request body that is not JSON (an uploaded file, streamed): documented in OpenAPI as binary
 * in these media types; the route does not read or check it, the handler streams
 * `c.req.raw.body` itself (and answers 415 for a content type it does not take).
 */
export interface RawBodySpec {
  readonly contentTypes: readonly string[];
  readonly description: string;
}

export function rawBody(contentTypes: readonly string[], description: string): RawBodySpec {
  if (contentTypes.length === 0) throw new Error('rawBody: name at least one content type');
  return { contentTypes, description };
}

export type ResponseSpec = z.ZodType | null | RawResponseSpec;
export type ResponsesSpec = Readonly<Partial<Record<200 | 201 | 202 | 204, ResponseSpec>>>;

type ObjectSchema = z.ZodObject;
type Out<T> = T extends z.ZodType ? z.output<T> : undefined;

export interface RouteContext<P, Q, B, A extends AuthMode> {
  params: P;
  query: Q;
  body: B;
  /** The signed-in user (always set on `auth: 'user'` routes). */
  actor: A extends 'user' ? User : User | null;
  session: A extends 'user' ? AuthSession : AuthSession | null;
  deps: AppDeps;
  /** The time of this request, from the injected clock. */
  now: Date;
  /** The Hono context, for headers and cookies. */
  c: Context<HttpEnv>;
}

type ResultFor<S, T> = T extends null
  ? { status: S; body?: undefined }
  : T extends RawResponseSpec
    ? Response
    : T extends z.ZodType
      ? S extends 200
        ? { status?: S; body: z.input<T> }
        : { status: S; body: z.input<T> }
      : never;

export type HandlerResult<R extends ResponsesSpec> = {
  [S in keyof R]: ResultFor<S, R[S]>;
}[keyof R];

export interface RouteSpec<
  A extends AuthMode,
  R extends ResponsesSpec,
  P extends ObjectSchema | undefined,
  Q extends ObjectSchema | undefined,
  B extends z.ZodType | undefined,
> {
  method: HttpMethod;
  /** Hono path syntax, starting with /api: `/api/notes/:id`. */
  path: string;
  summary: string;
  description?: string;
  tags: readonly string[];
  auth: A;
  /** Roles allowed (default: any signed-in user). */
  roles?: readonly Role[];
  /** Reachable by an admin who has not enrolled MFA yet (session, logout, mfa/*). */
  allowWithoutMfa?: boolean;
  /** `false` only for /api/setup and /api/auth/login. */
  csrf?: boolean;
  params?: P;
  query?: Q;
  body?: B;
  /** A non-JSON body the handler streams itself (not with `body`). */
  rawBody?: RawBodySpec;
  responses: R;
  handler: (ctx: RouteContext<Out<P>, Out<Q>, Out<B>, A>) => Promise<HandlerResult<R>>;
}

/** A route with its types erased, as kept in the table. */
export interface Route {
  readonly method: HttpMethod;
  readonly path: string;
  readonly summary: string;
  readonly description: string | undefined;
  readonly tags: readonly string[];
  readonly auth: AuthMode;
  readonly roles: readonly Role[] | undefined;
  readonly allowWithoutMfa: boolean;
  readonly csrf: boolean;
  readonly params: ObjectSchema | undefined;
  readonly query: ObjectSchema | undefined;
  readonly body: z.ZodType | undefined;
  readonly rawBody: RawBodySpec | undefined;
  readonly responses: ResponsesSpec;
  readonly handler: (
    ctx: RouteContext<unknown, unknown, unknown, AuthMode>,
  ) => Promise<{ status?: number; body?: unknown } | Response>;
}

const UNSAFE: ReadonlySet<HttpMethod> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function defineRoute<
  A extends AuthMode,
  R extends ResponsesSpec,
  P extends ObjectSchema | undefined = undefined,
  Q extends ObjectSchema | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
>(spec: RouteSpec<A, R, P, Q, B>): Route {
  if (!spec.path.startsWith('/api/')) throw new Error(`route path must start with /api/`);
  const csrf = spec.csrf ?? true;
  if (!csrf && spec.auth !== 'public') throw new Error('only public routes may skip CSRF');
  if (spec.body && spec.rawBody) throw new Error('a route has a JSON body or a raw body, not both');
  return {
    method: spec.method,
    path: spec.path,
    summary: spec.summary,
    description: spec.description,
    tags: spec.tags,
    auth: spec.auth,
    roles: spec.roles,
    allowWithoutMfa: spec.allowWithoutMfa ?? false,
    csrf,
    params: spec.params,
    query: spec.query,
    body: spec.body,
    rawBody: spec.rawBody,
    responses: spec.responses,
    handler: spec.handler as Route['handler'],
  };
}

/** Register every route of the table on the app. */
export function mountRoutes(app: Hono<HttpEnv>, routes: readonly Route[], deps: AppDeps): void {
  const seen = new Set<string>();
  for (const route of routes) {
    const key = `${route.method} ${route.path}`;
    if (seen.has(key)) throw new Error(`route defined twice: ${key}`);
    seen.add(key);
    app.on(route.method, route.path, (c) => runRoute(route, c, deps));
  }
}

async function runRoute(route: Route, c: Context<HttpEnv>, deps: AppDeps): Promise<Response> {
  c.set('routePattern', route.path);
  const now = deps.clock.now();
  const auth = await resolveSession(c, deps, now);

  if (route.auth === 'user' && !auth) throw unauthenticated();
  if (route.csrf && UNSAFE.has(route.method)) checkCsrf(c, auth);
  if (auth && route.auth === 'user') {
    if (auth.user.mfaEnabled && !auth.session.mfaVerified) throw unauthenticated();
    if (auth.user.role === 'admin' && !auth.user.mfaEnabled && !route.allowWithoutMfa) {
      throw new ApiError(
        'mfa_enrollment_required',
        'Administrators must set up two-step sign-in (an authenticator app) first.',
        { hint: 'Set it up with POST /api/auth/mfa/setup, then POST /api/auth/mfa/enable.' },
      );
    }
  }
  if (route.roles && !(auth && route.roles.includes(auth.user.role))) throw forbidden();

  const params = route.params ? parsePart('params', route.params, c.req.param()) : undefined;
  const query = route.query ? parsePart('query', route.query, queryObject(c)) : undefined;
  const body = route.body ? parsePart('body', route.body, await readJson(c)) : undefined;

  const result = await route.handler({
    params,
    query,
    body,
    actor: auth?.user ?? null,
    session: auth?.session ?? null,
    deps,
    now,
    c,
  });
  if (result instanceof Response) return result;
  const status = (result.status ?? 200) as keyof ResponsesSpec;
  const spec = route.responses[status];
  if (spec === undefined) throw new Error(`${route.method} ${route.path}: no response ${status}`);
  if (spec === null) return c.body(null, status);
  if ('raw' in spec) throw new Error(`${route.method} ${route.path}: raw response not a Response`);
  if (deps.checkResponses) {
    const checked = spec.safeParse(result.body);
    if (!checked.success) {
      throw new Error(
        `${route.method} ${route.path}: response ${status} does not match its schema: ${z.prettifyError(checked.error)}`,
      );
    }
  }
  return c.json(result.body as object, status as 200 | 201 | 202);
}

function parsePart(where: 'params' | 'query' | 'body', schema: z.ZodType, value: unknown): unknown {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw validationError(where, parsed.error);
  return parsed.data;
}

/** `?a=1&b=2&b=3` → `{ a: '1', b: ['2', '3'] }`. */
function queryObject(c: Context<HttpEnv>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, values] of Object.entries(c.req.queries())) {
    out[key] = values.length === 1 ? (values[0] ?? '') : values;
  }
  return out;
}

/** The JSON body: 415 unless the content type is JSON, 400 when empty or malformed. */
async function readJson(c: Context<HttpEnv>): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type)) {
    throw new ApiError(
      'unsupported_media_type',
      'The request body must be JSON (Content-Type: application/json).',
      { hint: 'Send the body as JSON with the header Content-Type: application/json.' },
    );
  }
  const text = await c.req.text();
  if (text.trim() === '') {
    throw new ApiError(
      'bad_request',
      'The request body is empty; this request needs a JSON body.',
      {
        hint: 'Send a JSON object (see GET /api/openapi.json for its fields).',
      },
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // The parser's message may quote the body (PHI): say only that it is malformed.
    throw new ApiError('bad_request', 'The request body is not valid JSON.', {
      hint: 'Check the JSON syntax (quotes, commas, brackets) and send it again.',
    });
  }
}
