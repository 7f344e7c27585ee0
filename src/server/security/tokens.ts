import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Random tokens and ids. Session cookies carry `newToken()`; the store keeps only
 * `hashToken(token)`, so a copy of the database does not hold usable sessions.
 */

/** 32 random bytes (256 bits), base64url: 43 characters. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** SHA-256 of a token, hex (64 characters). A token has 256 bits of entropy: no salt needed. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A record id: 16 random bytes (128 bits), base64url: 22 characters (matches `IdSchema`). */
export function newId(): string {
  return randomBytes(16).toString('base64url');
}

/**
 * Constant-time string equality (for tokens, CSRF values, MACs). Compares SHA-256 digests, so
 * neither the content nor the length of the expected value leaks through timing.
 */
export function safeEqual(a: string, b: string): boolean {
  const da = createHash('sha256').update(a, 'utf8').digest();
  const db = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(da, db) && a === b;
}
