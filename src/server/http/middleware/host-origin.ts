import type { MiddlewareHandler } from 'hono';
import type { Config } from '../../config.js';
import { ApiError } from '../../errors.js';
import type { HttpEnv } from '../session.js';
import { overTls } from './headers.js';

/**
 * Host and Origin checks, before any route runs.
 *
 * - Host: DocScrib answers only to `localhost`, `127.0.0.1` and `[::1]` (any port) and to the host
 *   of `DOCSCRIB_PUBLIC_URL`. Anything else gets 421 `misdirected_request`: a web page whose name
 *   an attacker pointed at this machine (DNS rebinding), or a LAN address typed at a server bound
 *   to 0.0.0.0, cannot reach the API — least of all a fresh install's public `POST /api/setup`.
 *   `GET /api/health` is exempt (load balancers probe by address; it says nothing private).
 * - Origin: on POST/PUT/PATCH/DELETE, an `Origin` header (browsers send it on cross-site requests)
 *   must be this request's own origin (its scheme and host; the loopback names count as one) or
 *   `DOCSCRIB_PUBLIC_URL`; otherwise 403 `csrf_failed`. A request without Origin (curl, the CLI)
 *   passes here; the session's CSRF token still guards it.
 */
export function hostAndOriginCheck(config: Config): MiddlewareHandler<HttpEnv> {
  const check = hostAndOriginChecker(config);
  return async (c, next) => {
    check({
      method: c.req.method,
      url: c.req.url,
      path: c.req.path,
      header: (name) => c.req.header(name),
    });
    await next();
  };
}

/** What the Host and Origin checks read of a request. */
export interface HostOriginRequest {
  method: string;
  url: string;
  path: string;
  header: (name: string) => string | undefined;
}

/**
 * The checks of `hostAndOriginCheck` as a function that throws the `ApiError`, for requests that
 * do not go through the Hono app (the live WebSocket upgrade). `originRequired`: the request must
 * carry an Origin (a WebSocket handshake from a browser always does) and it is checked whatever
 * the method.
 */
export function hostAndOriginChecker(
  config: Config,
): (req: HostOriginRequest, opts?: { originRequired?: boolean }) => void {
  const publicHost = config.publicUrl === undefined ? undefined : new URL(config.publicUrl);
  return (req, opts = {}) => {
    const method = req.method;
    const url = new URL(req.url);
    const hostHeader = req.header('host') ?? url.host;
    const host = parseHost(hostHeader);
    const health = req.path === '/api/health' && (method === 'GET' || method === 'HEAD');
    if (!health && !(host && allowedHost(host.hostname, publicHost))) {
      throw new ApiError(
        'misdirected_request',
        'This DocScrib server does not answer to the host name in this request.',
        {
          hint:
            publicHost === undefined
              ? 'Open it at http://localhost (on the server itself), or set DOCSCRIB_PUBLIC_URL on the server to the address people use, e.g. https://docscrib.practice.example.'
              : `Open it at ${publicHost.origin}, the address DOCSCRIB_PUBLIC_URL names (or at http://localhost on the server itself).`,
        },
      );
    }
    const originRequired = opts.originRequired === true;
    if (UNSAFE.has(method) || originRequired) {
      const origin = req.header('origin');
      if (origin === undefined && originRequired) throw foreignOrigin();
      if (origin !== undefined && host !== undefined) {
        const scheme = overTls(req.url, req.header('x-forwarded-proto'), config.trustProxy)
          ? 'https:'
          : 'http:';
        if (!sameOrigin(origin, scheme, host, publicHost)) throw foreignOrigin();
      }
    }
  };
}

function foreignOrigin(): ApiError {
  return new ApiError(
    'csrf_failed',
    'This request was sent from another web site (its Origin is not this server).',
    {
      hint: 'Use DocScrib from its own address; if it sits behind a proxy, set DOCSCRIB_PUBLIC_URL to the address people use.',
    },
  );
}

const UNSAFE: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const LOOPBACK_NAMES: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);

interface Host {
  /** Lower-case; IPv6 in brackets, as URL gives it. */
  hostname: string;
  /** '' for none (the scheme's default). */
  port: string;
}

/** `name[:port]` as a Host header carries it; undefined when it is not one. */
function parseHost(value: string): Host | undefined {
  if (value === '' || /[/\\?#@\s]/.test(value)) return undefined;
  try {
    const u = new URL(`http://${value}`);
    // Keep the port as written: URL would drop :80 for http.
    const port = /:(\d{1,5})$/.exec(value)?.[1] ?? '';
    return { hostname: u.hostname, port: port === '' ? '' : String(Number(port)) };
  } catch {
    return undefined;
  }
}

function allowedHost(hostname: string, publicHost: URL | undefined): boolean {
  return LOOPBACK_NAMES.has(hostname) || hostname === publicHost?.hostname;
}

/** `origin` is the request's own origin (scheme + host + port), or the public URL's. */
function sameOrigin(
  origin: string,
  scheme: string,
  own: Host,
  publicHost: URL | undefined,
): boolean {
  if (publicHost !== undefined && origin.toLowerCase() === publicHost.origin) return true;
  if (!URL.canParse(origin)) return false; // e.g. `null` from a sandboxed frame
  const o = new URL(origin);
  if (o.origin === 'null' || o.protocol !== scheme) return false;
  const port = (u: URL) => u.port || (u.protocol === 'https:' ? '443' : '80');
  const ownPort = own.port || (scheme === 'https:' ? '443' : '80');
  if (port(o) !== ownPort) return false;
  const canonical = (h: string) => (LOOPBACK_NAMES.has(h) ? 'loopback' : h);
  return canonical(o.hostname) === canonical(own.hostname);
}
