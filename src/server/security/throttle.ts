import { createHash } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
import type { Clock } from '../ports.js';
import type { LoginThrottleRepo } from '../store/port.js';

/**
 * Login throttling: at most `perEmail` failed sign-ins per account and `perIp` per client address
 * within a sliding window (default 5 and 20 per 15 minutes). Counters live in the store, so every
 * API process sees the same ones.
 *
 * - An attempt is counted BEFORE its password is checked (`begin`, an atomic increment in the
 *   store): of any number of simultaneous guesses, on any number of processes, at most `perEmail`
 *   reach the password check. An attempt refused here is not counted (the counter stays at the
 *   limit instead of growing with every refused request).
 * - A failed attempt stays counted. A successful one clears the account's counter and uncounts
 *   itself at the address, but leaves the address's other failures (otherwise an attacker with
 *   one valid account could keep resetting the address limit). An attempt that tested nothing
 *   (a TOTP code is still needed, an internal error) is uncounted with `release`.
 * - Keys never hold the raw email: `email:<sha256 of the normalised email>`.
 * - IPv6 clients are counted per /64 network (one host usually owns the whole /64, so counting
 *   single addresses would let it rotate freely); IPv4-mapped IPv6 addresses count as IPv4.
 * - An unknown email counts like a known one, so throttling reveals nothing about which exist.
 */

export interface ThrottleOptions {
  perEmail: number;
  perIp: number;
  windowMs: number;
}

export const DEFAULT_THROTTLE: Readonly<ThrottleOptions> = Object.freeze({
  perEmail: 5,
  perIp: 20,
  windowMs: 15 * 60 * 1000,
});

/** A counted sign-in attempt. Left alone it stays counted: that is a failure. */
export interface LoginAttempt {
  /** The credential was right: clear the account's counter and uncount this attempt. */
  succeed(): Promise<void>;
  /** The attempt tested no credential after all: uncount it (account and address). */
  release(): Promise<void>;
}

export type ThrottleDecision =
  { allowed: true; attempt: LoginAttempt } | { allowed: false; retryAfterSeconds: number };

export interface LoginThrottle {
  /**
   * Count a sign-in attempt for this email from this address, before checking its credential:
   * allowed (with the attempt to settle) while both counts stay within their limits, else refused
   * and not counted.
   */
  begin(email: string, ip: string | undefined): Promise<ThrottleDecision>;
}

export function createLoginThrottle(
  repo: LoginThrottleRepo,
  clock: Clock,
  options: ThrottleOptions = DEFAULT_THROTTLE,
): LoginThrottle {
  const { perEmail, perIp, windowMs } = options;
  for (const [name, value] of Object.entries(options)) {
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new RangeError(`createLoginThrottle: ${name} must be a positive integer`);
    }
  }
  // The store keeps attempt counts, not a schedule: the wait we announce is the whole window
  // (an upper bound; the limit may lift sooner as older failures leave the window).
  const refused: ThrottleDecision = {
    allowed: false,
    retryAfterSeconds: Math.ceil(windowMs / 1000),
  };

  return {
    async begin(email, ip) {
      const now = clock.now();
      const at = now.toISOString();
      const windowStart = new Date(now.getTime() - windowMs).toISOString();
      const eKey = emailKey(email);
      const iKey = ipKey(ip);
      const e = await repo.reserve(eKey, at, windowStart);
      if (e.count > perEmail) {
        await repo.release(eKey, e.id);
        return refused;
      }
      const i = await repo.reserve(iKey, at, windowStart).catch(async (err: unknown) => {
        await repo.release(eKey, e.id);
        throw err;
      });
      if (i.count > perIp) {
        await Promise.all([repo.release(iKey, i.id), repo.release(eKey, e.id)]);
        return refused;
      }
      let settled = false;
      const settle = async (fn: () => Promise<unknown>) => {
        if (settled) return;
        settled = true;
        await fn();
      };
      return {
        allowed: true,
        attempt: {
          succeed: () => settle(() => Promise.all([repo.reset(eKey), repo.release(iKey, i.id)])),
          release: () =>
            settle(() => Promise.all([repo.release(eKey, e.id), repo.release(iKey, i.id)])),
        },
      };
    },
  };
}

/** The counter key of an email: its SHA-256 (trimmed, lower-cased, NFC), never the email itself. */
export function emailKey(email: string): string {
  const normalised = email.trim().normalize('NFC').toLowerCase();
  return `email:${createHash('sha256').update(normalised, 'utf8').digest('hex')}`;
}

/** The counter key of a client address: IPv4 as is, IPv6 by its /64 network. */
export function ipKey(ip: string | undefined): string {
  const raw = (ip ?? '')
    .trim()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/%.*$/, '');
  if (raw === '') return 'ip:unknown';
  if (isIPv4(raw)) return `ip:${raw}`;
  if (isIPv6(raw)) {
    const g = ipv6Groups(raw);
    if (g) {
      const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0, h = 0, i = 0] = g;
      if (a === 0 && b === 0 && c === 0 && d === 0 && e === 0 && f === 0xffff) {
        return `ip:${h >> 8}.${h & 0xff}.${i >> 8}.${i & 0xff}`;
      }
      return `ip:${[a, b, c, d].map((x) => x.toString(16)).join(':')}::/64`;
    }
  }
  // Not an address (a misconfigured proxy header): count it, but keep the key short.
  return `ip:other:${createHash('sha256').update(raw, 'utf8').digest('hex').slice(0, 32)}`;
}

/** The eight 16-bit groups of a valid IPv6 address (as `isIPv6` accepts). */
function ipv6Groups(address: string): number[] | undefined {
  let text = address.toLowerCase();
  const v4 = /^(.*:)(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (v4) {
    const [p, q, r, s] = v4.slice(2).map(Number) as [number, number, number, number];
    text = `${v4[1] ?? ''}${((p << 8) | q).toString(16)}:${((r << 8) | s).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const part = (s: string | undefined) => (s ? s.split(':') : []);
  const head = part(halves[0]);
  const tail = part(halves[1]);
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const groups = [...head, ...Array<string>(missing).fill('0'), ...tail].map((h) =>
    parseInt(h, 16),
  );
  return groups.length === 8 && groups.every((n) => n >= 0 && n <= 0xffff) ? groups : undefined;
}
