import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_THROTTLE,
  createLoginThrottle,
  emailKey,
  ipKey,
  type LoginAttempt,
  type LoginThrottle,
} from './throttle.js';
import { memoryThrottleRepo } from './test-helpers.js';

const WINDOW = 15 * 60 * 1000;

function setup(options = DEFAULT_THROTTLE) {
  const repo = memoryThrottleRepo();
  let t = Date.UTC(2025, 2, 3, 10, 0, 0);
  const clock = { now: () => new Date(t) };
  const advance = (ms: number) => (t += ms);
  const throttle = createLoginThrottle(repo, clock, options);
  /** Attempts of a key still counted within the window. */
  const counted = (key: string) => repo.attempts(key, new Date(t - WINDOW).toISOString());
  return { repo, advance, throttle, counted };
}

const email = () => `user-${randomBytes(4).toString('hex')}@example.org`;
const ip = () => `203.0.113.${1 + ((randomBytes(1)[0] ?? 0) % 250)}`;

/** A failed sign-in: begin (must be allowed) and leave the attempt counted. */
async function fail(throttle: LoginThrottle, e: string, addr: string): Promise<void> {
  const d = await throttle.begin(e, addr);
  if (!d.allowed) throw new Error(`attempt for ${addr} refused`);
}

/** Would an attempt be allowed now? (Begins one and releases it, so nothing stays counted.) */
async function allowed(throttle: LoginThrottle, e: string, addr: string): Promise<boolean> {
  const d = await throttle.begin(e, addr);
  if (d.allowed) await d.attempt.release();
  return d.allowed;
}

describe('createLoginThrottle', () => {
  it('allows 5 failures per email in 15 minutes, then refuses without counting, saying when to retry', async () => {
    const { throttle, counted } = setup();
    const e = email();
    for (let i = 1; i <= 5; i++) await fail(throttle, e, `198.51.100.${i}`);
    for (let i = 0; i < 3; i++) {
      expect(await throttle.begin(e, '198.51.100.99')).toEqual({
        allowed: false,
        retryAfterSeconds: 900,
      });
    }
    expect(await counted(emailKey(e))).toBe(5);
    expect(await counted(ipKey('198.51.100.99'))).toBe(0);
    // Another account from the same address is not affected.
    expect(await allowed(throttle, email(), '198.51.100.1')).toBe(true);
  });

  it('lets at most 5 of 12 simultaneous attempts for one email through', async () => {
    const { throttle, counted } = setup();
    const e = email();
    const decisions = await Promise.all(Array.from({ length: 12 }, () => throttle.begin(e, ip())));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(5);
    expect(decisions.filter((d) => !d.allowed)).toHaveLength(7);
    expect(await counted(emailKey(e))).toBe(5);
  });

  it('allows 20 failures per address across accounts, then blocks that address', async () => {
    const { throttle, counted } = setup();
    const addr = ip();
    for (let i = 0; i < 20; i++) await fail(throttle, email(), addr);
    const e = email();
    expect(await throttle.begin(e, addr)).toEqual({ allowed: false, retryAfterSeconds: 900 });
    // Refused by the address: the email's reservation is given back too.
    expect(await counted(emailKey(e))).toBe(0);
    expect(await counted(ipKey(addr))).toBe(20);
    expect(await allowed(throttle, email(), '192.0.2.77')).toBe(true);
  });

  it('is a sliding window: old failures stop counting after 15 minutes', async () => {
    const { throttle, advance } = setup();
    const e = email();
    for (let i = 0; i < 3; i++) await fail(throttle, e, ip());
    advance(10 * 60 * 1000);
    for (let i = 0; i < 2; i++) await fail(throttle, e, ip());
    expect(await allowed(throttle, e, ip())).toBe(false);
    advance(5 * 60 * 1000 + 1); // the first three are now older than the window
    expect(await allowed(throttle, e, ip())).toBe(true);
    await fail(throttle, e, ip());
    await fail(throttle, e, ip());
    expect(await allowed(throttle, e, ip())).toBe(true);
    await fail(throttle, e, ip());
    expect(await allowed(throttle, e, ip())).toBe(false);
    advance(WINDOW + 1);
    expect(await allowed(throttle, e, ip())).toBe(true);
  });

  it('on success clears the account and uncounts the attempt at the address, keeping its other failures', async () => {
    const { throttle, counted } = setup({ perEmail: 3, perIp: 4, windowMs: WINDOW });
    const e = email();
    const addr = ip();
    for (let i = 0; i < 2; i++) await fail(throttle, e, addr);
    const d = await throttle.begin(e, addr);
    if (!d.allowed) throw new Error('the third attempt must be allowed');
    await d.attempt.succeed();
    expect(await counted(emailKey(e))).toBe(0);
    expect(await counted(ipKey(addr))).toBe(2);
    await fail(throttle, email(), addr);
    await fail(throttle, email(), addr);
    expect(await allowed(throttle, e, addr)).toBe(false); // the address has 4
    expect(await allowed(throttle, e, ip())).toBe(true);
  });

  it('release uncounts the attempt for the account and the address, once', async () => {
    const { throttle, counted } = setup();
    const e = email();
    const addr = ip();
    await fail(throttle, e, addr);
    const d = await throttle.begin(e, addr);
    if (!d.allowed) throw new Error('allowed');
    const attempt: LoginAttempt = d.attempt;
    expect(await counted(emailKey(e))).toBe(2);
    await attempt.release();
    await attempt.succeed(); // already settled: no effect
    expect(await counted(emailKey(e))).toBe(1);
    expect(await counted(ipKey(addr))).toBe(1);
  });

  it('counts an email however it is capitalised or padded', async () => {
    const { throttle } = setup();
    const e = email();
    for (const variant of [e, e.toUpperCase(), ` ${e}`, `${e}\t`, e.replace('user', 'USER')]) {
      await fail(throttle, variant, ip());
    }
    expect(await allowed(throttle, e, ip())).toBe(false);
  });

  it('never stores the raw email in a key', async () => {
    const { repo, throttle } = setup();
    const e = 'Dr.Quincy.Adebayo@clinic.example';
    await fail(throttle, e, '192.0.2.1');
    const keys = [...repo.attemptsByKey.keys()];
    expect(keys).toHaveLength(2);
    for (const k of keys) {
      expect(k.toLowerCase()).not.toContain('quincy');
      expect(k).not.toContain('@');
      expect(k).not.toContain('clinic');
    }
    expect(keys).toContain(emailKey(e));
    expect(emailKey(e)).toMatch(/^email:[0-9a-f]{64}$/);
  });

  it('rejects nonsensical limits', () => {
    const repo = memoryThrottleRepo();
    const clock = { now: () => new Date() };
    expect(() => createLoginThrottle(repo, clock, { ...DEFAULT_THROTTLE, perEmail: 0 })).toThrow(
      RangeError,
    );
    expect(() => createLoginThrottle(repo, clock, { ...DEFAULT_THROTTLE, windowMs: 1.5 })).toThrow(
      RangeError,
    );
  });

  it('counts IPv6 clients per /64 network', async () => {
    const { throttle } = setup({ perEmail: 100, perIp: 3, windowMs: WINDOW });
    for (const a of ['2001:db8:1:2::1', '2001:db8:1:2::2', '2001:db8:1:2:ffff:1:2:3']) {
      await fail(throttle, email(), a);
    }
    expect(await allowed(throttle, email(), '2001:db8:1:2::abcd')).toBe(false);
    expect(await allowed(throttle, email(), '2001:db8:1:3::1')).toBe(true);
  });
});

describe('ipKey', () => {
  it('keeps IPv4, maps IPv4-mapped IPv6 to IPv4, and groups IPv6 by /64', () => {
    expect(ipKey('192.0.2.1')).toBe('ip:192.0.2.1');
    expect(ipKey('::ffff:192.0.2.1')).toBe('ip:192.0.2.1');
    expect(ipKey('::FFFF:c000:0201')).toBe('ip:192.0.2.1');
    expect(ipKey('2001:db8::1')).toBe('ip:2001:db8:0:0::/64');
    expect(ipKey('2001:0DB8:0000:0000:ffff:0:0:1')).toBe('ip:2001:db8:0:0::/64');
    expect(ipKey('[2001:db8:a:b::1]')).toBe('ip:2001:db8:a:b::/64');
    expect(ipKey('fe80::1%eth0')).toBe('ip:fe80:0:0:0::/64');
    expect(ipKey('::1')).toBe('ip:0:0:0:0::/64');
    expect(ipKey('64:ff9b::192.0.2.1')).toBe('ip:64:ff9b:0:0::/64');
    expect(ipKey('1:2:3:4:5:6:7::')).toBe('ip:1:2:3:4::/64');
  });

  it('puts missing addresses in one bucket and keeps junk short', () => {
    expect(ipKey(undefined)).toBe('ip:unknown');
    expect(ipKey('')).toBe('ip:unknown');
    const junk = ipKey(`not-an-ip ${'x'.repeat(5000)}`);
    expect(junk).toMatch(/^ip:other:[0-9a-f]{32}$/);
  });
});
