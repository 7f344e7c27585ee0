import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import type { Config } from '../config.js';
import type { HttpEnv } from './session.js';

/**
 * The client's address, for the login throttle. Behind a trusted proxy (DOCSCRIB_TRUST_PROXY=1)
 * the last X-Forwarded-For entry (the one our proxy added, not one the client could forge);
 * otherwise the socket's peer. In-process requests (tests) have no socket: undefined.
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
