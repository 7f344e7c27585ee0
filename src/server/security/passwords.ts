import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Password hashing with scrypt (memory-hard): N=2^15, r=8, p=1 (32 MiB, roughly 50–100 ms), a
 * 16-byte random salt and a 64-byte key, stored as `scrypt$N$r$p$<salt>$<hash>` (base64url).
 * The parameters travel with the hash, so they can be raised later (`needsRehash`).
 *
 * Passwords are NFKC-normalised first (NIST SP 800-63B), so the same password typed on another
 * keyboard or system (precomposed or combining accents) still matches.
 */

export const SCRYPT_PARAMS = { N: 2 ** 15, r: 8, p: 1, saltBytes: 16, keyBytes: 64 } as const;

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

/** Bounds for parameters read from a stored hash: anything else is malformed (and no DoS). */
const LIMITS = { minLogN: 14, maxLogN: 17, maxR: 16, maxP: 4, minSalt: 16, maxSalt: 64 };
const B64URL = /^[A-Za-z0-9_-]+$/;

interface ParsedHash {
  N: number;
  r: number;
  p: number;
  salt: Buffer;
  hash: Buffer;
}

export async function hashPassword(password: string): Promise<string> {
  const { N, r, p, saltBytes, keyBytes } = SCRYPT_PARAMS;
  const salt = randomBytes(saltBytes);
  const hash = await derive(password, salt, keyBytes, N, r, p);
  return ['scrypt', N, r, p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

/**
 * True when `password` matches `stored` (compared in constant time). False for a wrong password
 * and for a stored value that is not a well-formed scrypt hash of this module.
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parsePasswordHash(stored);
  if (!parsed) return false;
  const candidate = await derive(
    password,
    parsed.salt,
    parsed.hash.length,
    parsed.N,
    parsed.r,
    parsed.p,
  );
  return timingSafeEqual(candidate, parsed.hash);
}

/**
 * Spend the same time as `verifyPassword` and return false: call it when the email is unknown (or
 * the account disabled), so the response time does not reveal which accounts exist.
 */
export async function dummyVerify(password = ''): Promise<false> {
  const { N, r, p, saltBytes, keyBytes } = SCRYPT_PARAMS;
  const candidate = await derive(password, randomBytes(saltBytes), keyBytes, N, r, p);
  timingSafeEqual(candidate, DUMMY_HASH);
  return false;
}

const DUMMY_HASH = randomBytes(SCRYPT_PARAMS.keyBytes);

/** True when a stored hash uses other parameters than today's (rehash it after a good login). */
export function needsRehash(stored: string): boolean {
  const parsed = parsePasswordHash(stored);
  if (!parsed) return true;
  const { N, r, p, saltBytes, keyBytes } = SCRYPT_PARAMS;
  return (
    parsed.N !== N ||
    parsed.r !== r ||
    parsed.p !== p ||
    parsed.salt.length !== saltBytes ||
    parsed.hash.length !== keyBytes
  );
}

/** What is wrong with a new password, as a sentence for the user; null when it is acceptable. */
export function checkPasswordPolicy(password: string): string | null {
  // Unicode code points, as NIST SP 800-63B counts them (a surrogate pair is one character).
  const length = password.normalize('NFKC').replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, '_').length;
  if (length < PASSWORD_MIN_LENGTH) {
    return `The password must be at least ${PASSWORD_MIN_LENGTH} characters long (a few unrelated words make a good one).`;
  }
  if (length > PASSWORD_MAX_LENGTH) {
    return `The password must be at most ${PASSWORD_MAX_LENGTH} characters long.`;
  }
  return null;
}

/** The parts of a stored hash, or undefined when it is malformed or out of bounds. */
export function parsePasswordHash(stored: string): ParsedHash | undefined {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined;
  const [, nText, rText, pText, saltText, hashText] = parts;
  const N = positiveInt(nText);
  const r = positiveInt(rText);
  const p = positiveInt(pText);
  if (N === undefined || r === undefined || p === undefined) return undefined;
  const logN = Math.log2(N);
  if (!Number.isInteger(logN) || logN < LIMITS.minLogN || logN > LIMITS.maxLogN) return undefined;
  if (r > LIMITS.maxR || p > LIMITS.maxP) return undefined;
  const salt = decode(saltText);
  const hash = decode(hashText);
  if (!salt || salt.length < LIMITS.minSalt || salt.length > LIMITS.maxSalt) return undefined;
  if (!hash || hash.length < 32 || hash.length > 64) return undefined;
  return { N, r, p, salt, hash };
}

function positiveInt(text: string | undefined): number | undefined {
  if (text === undefined || !/^[1-9]\d{0,9}$/.test(text)) return undefined;
  return Number(text);
}

function decode(text: string | undefined): Buffer | undefined {
  if (text === undefined || !B64URL.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? bytes : undefined;
}

function derive(
  password: string,
  salt: Buffer,
  keyBytes: number,
  N: number,
  r: number,
  p: number,
): Promise<Buffer> {
  // scrypt needs about 128·N·r bytes; allow twice that (Node's default cap is exactly 32 MiB).
  const options: ScryptOptions = { N, r, p, maxmem: 256 * N * r };
  const input = Buffer.from(password.normalize('NFKC'), 'utf8');
  return new Promise((resolve, reject) => {
    scrypt(input, salt, keyBytes, options, (err, key) => {
      if (err) reject(err);
      else resolve(key);
    });
  });
}
