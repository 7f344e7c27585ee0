import type { MiddlewareHandler } from 'hono';
import type { Config } from '../../config.js';
import type { HttpEnv } from '../session.js';

/**
 * Security headers on every response (API, static files, errors). The CSP allows scripts and
 * styles only from this origin: the web app has no inline script.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export function securityHeaders(config: Config): MiddlewareHandler<HttpEnv> {
  return async (c, next) => {
    await next();
    const h = c.res.headers;
    h.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    h.set('X-Content-Type-Options', 'nosniff');
    h.set('Referrer-Policy', 'no-referrer');
    h.set('X-Frame-Options', 'DENY');
    h.set('Cross-Origin-Opener-Policy', 'same-origin');
    h.set('Cross-Origin-Resource-Policy', 'same-origin');
    h.set('Permissions-Policy', 'camera=(), geolocation=(), payment=(), usb=()');
    if (isApiPath(c.req.path)) h.set('Cache-Control', 'no-store');
    if (overTls(c.req.url, c.req.header('x-forwarded-proto'), config.trustProxy)) {
      h.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    }
  };
}

export function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}

/** The request reached us over TLS: directly, or (only when the proxy is trusted) via a proxy. */
export function overTls(
  url: string,
  forwardedProto: string | undefined,
  trustProxy: boolean,
): boolean {
  if (url.startsWith('https:')) return true;
  if (!trustProxy || forwardedProto === undefined) return false;
  return forwardedProto.split(',')[0]?.trim().toLowerCase() === 'https';
}
