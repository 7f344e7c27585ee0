import { randomBytes, scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  SCRYPT_PARAMS,
  checkPasswordPolicy,
  dummyVerify,
  hashPassword,
  needsRehash,
  parsePasswordHash,
  verifyPassword,
} from './passwords.js';

function randomPassword(): string {
  return `pw-${randomBytes(12).toString('base64url')}`;
}

/** A hash in our format made directly with node:crypto, for other parameters. */
function handMadeHash(password: string, N: number, r: number, p: number, keyBytes = 64): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password, salt, keyBytes, { N, r, p, maxmem: 256 * N * r });
  return ['scrypt', N, r, p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

describe('hashPassword / verifyPassword', () => {
  it('writes scrypt$32768$8$1$<16-byte salt>$<64-byte hash> and verifies it', async () => {
    const password = randomPassword();
    const stored = await hashPassword(password);
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{86}$/);
    expect(stored).not.toContain(password);
    expect(await verifyPassword(password, stored)).toBe(true);
    expect(await verifyPassword(`${password}x`, stored)).toBe(false);
    expect(await verifyPassword(password.slice(0, -1), stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
    expect(needsRehash(stored)).toBe(false);
  });

  it('is scrypt with N=2^15, r=8, p=1 over the salt it stores (checked with node:crypto)', async () => {
    const password = randomPassword();
    const parsed = parsePasswordHash(await hashPassword(password));
    expect(parsed).toBeDefined();
    if (!parsed) return;
    expect([parsed.N, parsed.r, parsed.p]).toEqual([2 ** 15, 8, 1]);
    expect(parsed.salt.length).toBe(SCRYPT_PARAMS.saltBytes);
    const expected = scryptSync(password, parsed.salt, 64, {
      N: 2 ** 15,
      r: 8,
      p: 1,
      maxmem: 64 * 1024 * 1024,
    });
    expect(parsed.hash.equals(expected)).toBe(true);
  });

  it('salts: the same password hashes differently every time', async () => {
    const password = randomPassword();
    const [a, b] = await Promise.all([hashPassword(password), hashPassword(password)]);
    expect(a).not.toBe(b);
    expect(await verifyPassword(password, a)).toBe(true);
    expect(await verifyPassword(password, b)).toBe(true);
  });

  it('matches a password typed with precomposed or combining accents (NFKC)', async () => {
    const precomposed = 'Caf\u00e9 cr\u00e8me br\u00fbl\u00e9e';
    const combining = 'Cafe\u0301 cre\u0300me bru\u0302le\u0301e';
    expect(precomposed).not.toBe(combining);
    const stored = await hashPassword(precomposed);
    expect(await verifyPassword(combining, stored)).toBe(true);
    const emoji = '🔐 mot de passe très sûr ✓';
    expect(await verifyPassword(emoji, await hashPassword(emoji))).toBe(true);
  });

  it('verifies hashes made with other (bounded) parameters and flags them for rehash', async () => {
    const password = randomPassword();
    const older = handMadeHash(password, 2 ** 14, 8, 1);
    expect(await verifyPassword(password, older)).toBe(true);
    expect(await verifyPassword(randomPassword(), older)).toBe(false);
    expect(needsRehash(older)).toBe(true);
    const shortKey = handMadeHash(password, 2 ** 15, 8, 1, 32);
    expect(await verifyPassword(password, shortKey)).toBe(true);
    expect(needsRehash(shortKey)).toBe(true);
  });

  it('rejects malformed or out-of-bounds stored hashes (false, never a throw)', async () => {
    const password = randomPassword();
    const good = await hashPassword(password);
    const [, , , , salt, hash] = good.split('$') as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const malformed = [
      '',
      'not a hash',
      password,
      good.replace(/^scrypt/, 'argon2id'),
      `$${good}`,
      `${good}$`,
      good.slice(0, -1),
      `${good}=`,
      ['scrypt', 32768, 8, 1, salt].join('$'),
      ['scrypt', 30000, 8, 1, salt, hash].join('$'), // N not a power of two
      ['scrypt', 2 ** 10, 8, 1, salt, hash].join('$'), // too weak
      ['scrypt', 2 ** 22, 8, 1, salt, hash].join('$'), // too much memory (a DoS)
      ['scrypt', 32768, 0, 1, salt, hash].join('$'),
      ['scrypt', 32768, 64, 1, salt, hash].join('$'),
      ['scrypt', 32768, 8, 99, salt, hash].join('$'),
      ['scrypt', '032768', 8, 1, salt, hash].join('$'),
      ['scrypt', '3.2e4', 8, 1, salt, hash].join('$'),
      ['scrypt', 32768, 8, 1, salt.slice(0, 10), hash].join('$'), // salt too short
      ['scrypt', 32768, 8, 1, salt, hash.slice(0, 20)].join('$'), // hash too short
      ['scrypt', 32768, 8, 1, `${salt.slice(0, -1)}+`, hash].join('$'), // not base64url
    ];
    for (const stored of malformed) {
      expect(parsePasswordHash(stored)).toBeUndefined();
      expect(await verifyPassword(password, stored)).toBe(false);
      expect(needsRehash(stored)).toBe(true);
    }
  });

  it('dummyVerify resolves false whatever the password', async () => {
    expect(await dummyVerify()).toBe(false);
    expect(await dummyVerify(randomPassword())).toBe(false);
  });
});

describe('checkPasswordPolicy', () => {
  it(`accepts ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters`, () => {
    expect(checkPasswordPolicy('a'.repeat(PASSWORD_MIN_LENGTH))).toBeNull();
    expect(checkPasswordPolicy('correct horse battery staple')).toBeNull();
    expect(checkPasswordPolicy('x'.repeat(PASSWORD_MAX_LENGTH))).toBeNull();
  });

  it('says what is wrong with a short or very long password', () => {
    for (const short of ['', 'a', 'a'.repeat(PASSWORD_MIN_LENGTH - 1)]) {
      expect(checkPasswordPolicy(short)).toContain(`at least ${PASSWORD_MIN_LENGTH} characters`);
    }
    expect(checkPasswordPolicy('x'.repeat(PASSWORD_MAX_LENGTH + 1))).toContain(
      `at most ${PASSWORD_MAX_LENGTH} characters`,
    );
  });

  it('counts characters, not UTF-16 units', () => {
    // 11 emoji are 22 UTF-16 units but 11 characters: too short.
    expect(checkPasswordPolicy('🔐'.repeat(PASSWORD_MIN_LENGTH - 1))).not.toBeNull();
    expect(checkPasswordPolicy('🔐'.repeat(PASSWORD_MIN_LENGTH))).toBeNull();
    expect(checkPasswordPolicy('🔐'.repeat(PASSWORD_MAX_LENGTH))).toBeNull();
  });

  it('never repeats the password in its message', () => {
    const pw = 'hunter2!';
    expect(checkPasswordPolicy(pw)).not.toContain(pw);
  });
});
