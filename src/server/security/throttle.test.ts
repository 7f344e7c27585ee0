import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_THROTTLE, createLoginThrottle, emailKey, ipKey } from './throttle.js';
import { memoryThrottleRepo } from './test-helpers.js';

const WINDOW = 15 * 60 * 1000;

function setup(options = DEFAULT_THROTTLE) {
  const repo = memoryThrottleRepo();
  let t = Date.UTC(2025, 2, 3, 10, 0, 0);
  const clock = { now: () => new Date(t) };
  const advance = (ms: number) => (t += ms);
  return { repo, advance, throttle: createLoginThrottle(repo, clock, options) };
}

const email = () => `user-${randomBytes(4).toString('hex')}@example.org`;
const ip = () => `203.0.113.${1 + ((randomBytes(1)[0] ?? 0) % 250)}`;

describe('createLoginThrottle', () => {
  it('allows 5 failures per email in 15 minutes, then says when to retry', async () => {
    const { throttle } = setup();
    const e = email();
    for (let i = 1; i <= 5; i++) {
      expect(await throttle.check(e, `198.51.100.${i}`)).toEqual({ allowed: true });
      const after = await throttle.fail(e, `198.51.100.${i}`);
      expect(after.allowed).toBe(i < 5);
    }
    expect(await throttle.check(e, '198.51.100.99')).toEqual({
      allowed: false,
      retryAfterSeconds: 900,
    });
    // Another account from the same address is not affected.
    expect(await throttle.check(email(), '198.51.100.1')).toEqual({ allowed: true });
  });

  it('allows 20 failures per address across accounts, then blocks that address', async () => {
    const { throttle } = setup();
    const addr = ip();
    for (let i = 0; i < 20; i++) {
      expect((await throttle.check(email(), addr)).allowed).toBe(true);
      await throttle.fail(email(), addr);
    }
    expect(await throttle.check(email(), addr)).toEqual({ allowed: false, retryAfterSeconds: 900 });
    expect(await throttle.check(email(), '192.0.2.77')).toEqual({ allowed: true });
  });

  it('is a sliding window: old failures stop counting after 15 minutes', async () => {
    const { throttle, advance } = setup();
    const e = email();
    for (let i = 0; i < 3; i++) await throttle.fail(e, ip());
    advance(10 * 60 * 1000);
    for (let i = 0; i < 2; i++) await throttle.fail(e, ip());
    expect((await throttle.check(e, ip())).allowed).toBe(false);
    advance(5 * 60 * 1000 + 1); // the first three are now older than the window
    expect((await throttle.check(e, ip())).allowed).toBe(true);
    await throttle.fail(e, ip());
    await throttle.fail(e, ip());
    expect((await throttle.check(e, ip())).allowed).toBe(true);
    await throttle.fail(e, ip());
    expect((await throttle.check(e, ip())).allowed).toBe(false);
    advance(WINDOW + 1);
    expect((await throttle.check(e, ip())).allowed).toBe(true);
  });

  it('clears the account on success, but not the address', async () => {
    const { throttle } = setup({ perEmail: 3, perIp: 4, windowMs: WINDOW });
    const e = email();
    const addr = ip();
    for (let i = 0; i < 3; i++) await throttle.fail(e, addr);
    expect((await throttle.check(e, ip())).allowed).toBe(false);
    await throttle.succeed(e);
    expect((await throttle.check(e, ip())).allowed).toBe(true);
    await throttle.fail(email(), addr);
    expect((await throttle.check(e, addr)).allowed).toBe(false); // the address has 4
  });

  it('counts an email however it is capitalised or padded', async () => {
    const { throttle } = setup();
    const e = email();
    for (const variant of [e, e.toUpperCase(), ` ${e}`, `${e}\t`, e.replace('user', 'USER')]) {
      await throttle.fail(variant, ip());
    }
    expect((await throttle.check(e, ip())).allowed).toBe(false);
  });

  it('never stores the raw email in a key', async () => {
    const { repo, throttle } = setup();
    const e = 'Dr.Quincy.Adebayo@clinic.example';
    await throttle.fail(e, '192.0.2.1');
    const keys = [...repo.failuresByKey.keys()];
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
      await throttle.fail(email(), a);
    }
    expect((await throttle.check(email(), '2001:db8:1:2::abcd')).allowed).toBe(false);
    expect((await throttle.check(email(), '2001:db8:1:3::1')).allowed).toBe(true);
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
