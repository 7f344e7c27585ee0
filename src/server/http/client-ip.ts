import { getConnInfo } from '@hono/node-server/conninfo';
import { isIP } from 'node:net';
import type { Context } from 'hono';
import type { Config } from '../config.js';
import type { HttpEnv } from './session.js';

/**
 * The client's address, for the login throttle and the loopback check of first-run setup.
 * Behind a trusted proxy (DOCSCRIB_TRUST_PROXY=1) the last X-Forwarded-For entry (the one our
 * proxy added, not one the client could forge); otherwise the socket's peer. In-process requests
 * have no socket (undefined) unless the caller passes one in the env, as the node server does:
 * `app.request(url, init, { incoming: { socket: { remoteAddress } } })`.
 */
export function clientIp(c: Context<HttpEnv>, config: Config): string | undefined {
  if (config.trustProxy) {
    const forwarded = c.req.header('x-forwarded-for');
    const last = forwarded?.split(',').at(-1)?.trim();
    if (last) return last.slice(0, 64);
  }
  try {
    return getConnInfo(c).remote.address;
  } catch {
    return undefined;
  }
}

/**
 * The request comes from this machine: the client's address (as `clientIp` finds it) is a
 * loopback address (127.0.0.0/8, ::1, or ::ffff:127.x.x.x). An unknown address is not.
 */
export function fromLoopback(c: Context<HttpEnv>, config: Config): boolean {
  const ip = clientIp(c, config);
  return ip !== undefined && isLoopbackAddress(ip);
}

export function isLoopbackAddress(address: string): boolean {
  const a = address
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/%.*$/, '');
  const v4 = a.startsWith('::ffff:') ? a.slice('::ffff:'.length) : a;
  if (isIP(v4) === 4) return v4.startsWith('127.');
  return isIP(a) === 6 && /^(0{0,4}:){2,7}0{0,3}1$|^::1$/.test(a);
}
