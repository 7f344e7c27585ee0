import { Secret, TOTP } from 'otpauth';

/**
 * TOTP (RFC 6238) for multi-factor sign-in: SHA-1, 6 digits, 30-second steps, the settings every
 * authenticator app supports. A code is accepted one step early or late (clock drift); the caller
 * stores the matched step and refuses it next time (`UserRepo.useTotpStep`), so a code cannot be
 * replayed.
 */

export const TOTP_ISSUER = 'DocScrib';
const DIGITS = 6;
const PERIOD_SECONDS = 30;
const WINDOW = 1;

/** A new random secret: 20 bytes (160 bits, as RFC 4226 recommends), base32. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The `otpauth://totp/DocScrib:<label>?…` URI an authenticator app reads (as a QR code). */
export function totpUri(secret: string, accountLabel: string): string {
  return totp(secret, accountLabel).toString();
}

/**
 * The time step (`floor(nowMs / 30 s)`, give or take one) whose code `code` is, or null. Spaces in
 * the code are ignored ("123 456"); anything but 6 digits is null.
 */
export function verifyTotp(secret: string, code: string, nowMs: number): number | null {
  const digits = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(digits)) return null;
  const otp = totp(secret, 'verify');
  const delta = otp.validate({ token: digits, timestamp: nowMs, window: WINDOW });
  if (delta === null) return null;
  return otp.counter({ timestamp: nowMs }) + delta;
}

/** The code for the step containing `nowMs` (for tests and the CLI; the server never needs it). */
export function totpCode(secret: string, nowMs: number): string {
  return totp(secret, 'generate').generate({ timestamp: nowMs });
}

function totp(secret: string, label: string): TOTP {
  return new TOTP({
    issuer: TOTP_ISSUER,
    label,
    secret: Secret.fromBase32(secret),
    algorithm: 'SHA1',
    digits: DIGITS,
    period: PERIOD_SECONDS,
  });
}
