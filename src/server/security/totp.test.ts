import { TOTP, URI } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { TOTP_ISSUER, newTotpSecret, totpCode, totpUri, verifyTotp } from './totp.js';

/** RFC 6238 appendix B: the SHA-1 secret "12345678901234567890", in base32. */
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

/** RFC 6238 appendix B SHA-1 vectors (time in seconds → 8-digit code); we use the last 6 digits. */
const RFC_VECTORS: [number, string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('verifyTotp (RFC 6238 test vectors, 6 digits)', () => {
  it.each(RFC_VECTORS)('at T=%is accepts the code and returns its time step', (t, code8) => {
    const code = code8.slice(-6);
    const step = Math.floor(t / 30);
    expect(totpCode(RFC_SECRET, t * 1000)).toBe(code);
    expect(verifyTotp(RFC_SECRET, code, t * 1000)).toBe(step);
  });

  it('accepts a code one step early or late (clock drift), not two', () => {
    const t = 1111111111 * 1000; // step 37037037
    const code = '050471';
    const step = Math.floor(t / 30_000);
    expect(verifyTotp(RFC_SECRET, code, t - 30_000)).toBe(step);
    expect(verifyTotp(RFC_SECRET, code, t + 30_000)).toBe(step);
    expect(verifyTotp(RFC_SECRET, code, t - 60_000)).toBeNull();
    expect(verifyTotp(RFC_SECRET, code, t + 60_000)).toBeNull();
  });

  it('returns the step that matched, not the current one', () => {
    const secret = newTotpSecret();
    const now = 1_700_000_000_000;
    const step = Math.floor(now / 30_000);
    expect(verifyTotp(secret, totpCode(secret, now - 30_000), now)).toBe(step - 1);
    expect(verifyTotp(secret, totpCode(secret, now), now)).toBe(step);
    expect(verifyTotp(secret, totpCode(secret, now + 30_000), now)).toBe(step + 1);
  });

  it('ignores spaces in the code', () => {
    expect(verifyTotp(RFC_SECRET, '287 082', 59_000)).toBe(1);
    expect(verifyTotp(RFC_SECRET, ' 287082\n', 59_000)).toBe(1);
  });

  it('returns null for anything but 6 digits', () => {
    for (const bad of [
      '',
      '28708',
      '2870820',
      '94287082',
      'abcdef',
      '28708a',
      '-28708',
      '+287082',
      '287.08',
      '２８７０８２', // full-width digits
      '٢٨٧٠٨٢', // Arabic-Indic digits
    ]) {
      expect(verifyTotp(RFC_SECRET, bad, 59_000)).toBeNull();
    }
  });

  it('refuses a code of another secret, or a wrong code', () => {
    const now = 1_700_000_000_000;
    const code = totpCode(newTotpSecret(), now);
    const secret = newTotpSecret();
    if (code !== totpCode(secret, now)) expect(verifyTotp(secret, code, now)).toBeNull();
    const wrong = String((Number(totpCode(secret, now)) + 1) % 1_000_000).padStart(6, '0');
    const near = [-30_000, 0, 30_000].map((d) => totpCode(secret, now + d));
    if (!near.includes(wrong)) expect(verifyTotp(secret, wrong, now)).toBeNull();
  });
});

describe('newTotpSecret', () => {
  it('is 20 random bytes in base32 (32 characters)', () => {
    const secrets = Array.from({ length: 200 }, newTotpSecret);
    for (const s of secrets) expect(s).toMatch(/^[A-Z2-7]{32}$/);
    expect(new Set(secrets).size).toBe(secrets.length);
  });
});

describe('totpUri', () => {
  it('is an otpauth://totp URI an authenticator app reads: issuer DocScrib, SHA1, 6 digits, 30 s', () => {
    const secret = newTotpSecret();
    const uri = totpUri(secret, 'dr.lee+mfa@example.org');
    const url = new URL(uri);
    expect(url.protocol).toBe('otpauth:');
    expect(url.host).toBe('totp');
    expect(decodeURIComponent(url.pathname)).toBe('/DocScrib:dr.lee+mfa@example.org');
    expect(url.searchParams.get('secret')).toBe(secret);
    expect(url.searchParams.get('issuer')).toBe(TOTP_ISSUER);
    expect(url.searchParams.get('algorithm')).toBe('SHA1');
    expect(url.searchParams.get('digits')).toBe('6');
    expect(url.searchParams.get('period')).toBe('30');
  });

  it('round-trips: the app generates codes verifyTotp accepts', () => {
    const secret = newTotpSecret();
    const app = URI.parse(totpUri(secret, 'a@example.org'));
    const now = 1_800_000_000_000;
    expect(app).toBeInstanceOf(TOTP);
    if (!(app instanceof TOTP)) return;
    expect(app.generate({ timestamp: now })).toBe(totpCode(secret, now));
    expect(verifyTotp(secret, totpCode(secret, now), now)).toBe(Math.floor(now / 30_000));
  });
});
