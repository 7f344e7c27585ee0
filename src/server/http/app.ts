import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { fileURLToPath } from 'node:url';
import { isDocscribError } from '../../core/errors.js';
import { ApiError, isApiError, isInternalError } from '../errors.js';
import type { AppDeps } from './deps.js';
import { errorBody } from './errors.js';
import { isApiPath, securityHeaders } from './middleware/headers.js';
import { hostAndOriginCheck } from './middleware/host-origin.js';
import { mountRoutes, type Route } from './route.js';
import { AUDIO_UPLOAD_PATH } from './routes/capture.js';
import { ROUTE_GROUPS, type RouteGroup } from './routes/index.js';
import { systemRoutes } from './routes/system.js';
import type { HttpEnv } from './session.js';
import { staticFiles } from './static.js';

/** Request bodies larger than this are refused with 413 before they are parsed. */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;

/** dist/web beside the package: ../../../dist/web from src/server/http and dist/server/http. */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../../dist/web', import.meta.url));

export interface CreateAppOptions {
  /** Route groups instead of ROUTE_GROUPS (tests of the route helper). */
  groups?: readonly RouteGroup[];
}

/**
 * The DocScrib HTTP app: security headers, request log, body limit, the route table under /api
 * and the web app for everything else. Callable in-process with `app.request(...)`.
 */
export function createApp(deps: AppDeps, opts: CreateAppOptions = {}): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();
  const routes = buildRouteTable(deps, opts.groups ?? ROUTE_GROUPS);

  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    const pattern = c.get('routePattern') ?? (isApiPath(c.req.path) ? '(no route)' : '(static)');
    const ms = Math.round(performance.now() - started);
    deps.logger.info(`${c.req.method} ${pattern} ${c.res.status} ${ms}ms`);
  });
  app.use('*', securityHeaders(deps.config));
  app.use('*', hostAndOriginCheck(deps.config));
  const limit: MiddlewareHandler<HttpEnv> = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) => {
      const { status, body } = errorBody(
        new ApiError('payload_too_large', 'The request body is larger than 5 MB.', {
          hint: 'Send a smaller body; split a very long transcript into parts.',
        }),
      );
      return c.json(body, status);
    },
  });
  // The audio upload streams its raw body (capped by the capture service, 1 GB by default).
  const limitUnlessAudio: MiddlewareHandler<HttpEnv> = (c, next) =>
    AUDIO_UPLOAD_PATH.test(c.req.path) ? next() : limit(c, next);
  app.use('/api/*', limitUnlessAudio);

  mountRoutes(app, routes, deps);

  app.all('/api/*', () => {
    throw new ApiError('not_found', 'There is no such API route.', {
      hint: 'See GET /api/openapi.json for the routes.',
    });
  });
  app.all('/api', () => {
    throw new ApiError('not_found', 'There is no such API route.', {
      hint: 'See GET /api/openapi.json for the routes.',
    });
  });
  app.all('*', staticFiles(deps.webRoot ?? DEFAULT_WEB_ROOT));

  app.onError((err, c) => {
    if (!isApiError(err)) {
      const pattern = c.get('routePattern') ?? '(no route)';
      const frames = deps.config.debug ? stackFrames(err) : [];
      // The name only (a message may quote decrypted text), with an InternalError's PHI-free
      // detail or a core error's code.
      const what = isInternalError(err)
        ? `${err.name}: ${err.detail}`
        : isDocscribError(err)
          ? `${err.name} ${err.code}`
          : err.name;
      deps.logger.error(
        `internal error in ${c.req.method} ${pattern}: ${what}` +
          (frames.length > 0 ? `\n${frames.join('\n')}` : ''),
      );
    }
    const { status, body, headers } = errorBody(err);
    for (const [name, value] of Object.entries(headers)) c.header(name, value);
    return c.json(body, status);
  });
  return app;
}

/**
 * The call-site lines of an error's stack ("    at …"), without its message: V8 starts `stack`
 * with `${name}: ${message}`, and a message may quote decrypted text (a JSON.parse error shows
 * the input it choked on), over several lines. Debug logs get the frames, never the message.
 */
export function stackFrames(err: Error): string[] {
  let stack = err.stack ?? '';
  const header = err.message === '' ? err.name : `${err.name}: ${err.message}`;
  if (stack.startsWith(header)) stack = stack.slice(header.length);
  return stack.split('\n').filter((line) => FRAME.test(line));
}

/** One V8 stack frame: `    at fn (file:line:col)`, `    at file:line:col`, native or anonymous. */
const FRAME = /^ {4}at \S.*(?::\d+:\d+\)?|\(native\)|<anonymous>\)?)$/;

/** The whole route table: system routes (health, OpenAPI) and every group. */
export function buildRouteTable(
  deps: AppDeps,
  groups: readonly RouteGroup[] = ROUTE_GROUPS,
): Route[] {
  const routes: Route[] = [];
  routes.push(...systemRoutes(deps, () => routes));
  for (const group of groups) routes.push(...group(deps));
  return routes;
}
