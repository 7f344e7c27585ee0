import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { IdSchema } from '../domain/schemas.js';
import { hashToken, newId, newToken, safeEqual } from './tokens.js';

describe('newToken', () => {
  it('is 32 random bytes in base64url (43 characters), never repeated', () => {
    const tokens = Array.from({ length: 1000 }, newToken);
    for (const t of tokens) {
      expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(t, 'base64url').length).toBe(32);
    }
    expect(new Set(tokens).size).toBe(tokens.length);
    // Every base64url character occurs (a biased or narrowed alphabet would miss some; with 43,000
    // uniform characters the chance that one of 64 is missing is about 64 × e^-672).
    expect(new Set(tokens.join('')).size).toBe(64);
  });
});

describe('hashToken', () => {
  it('is the SHA-256 hex digest of the token', () => {
    const token = newToken();
    expect(hashToken(token)).toBe(createHash('sha256').update(token).digest('hex'));
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(token)).toBe(hashToken(token));
    expect(hashToken(token)).not.toBe(hashToken(newToken()));
    // Known answer: SHA-256("abc").
    expect(hashToken('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
});

describe('newId', () => {
  it('is 16 random bytes in base64url (22 characters) and a valid IdSchema id', () => {
    const ids = Array.from({ length: 1000 }, newId);
    for (const id of ids) {
      expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(Buffer.from(id, 'base64url').length).toBe(16);
      expect(IdSchema.safeParse(id).success).toBe(true);
    }
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('safeEqual', () => {
  it('is string equality', () => {
    const t = newToken();
    expect(safeEqual(t, t)).toBe(true);
    expect(safeEqual('', '')).toBe(true);
    expect(safeEqual(t, newToken())).toBe(false);
    expect(safeEqual(t, t.slice(0, -1))).toBe(false);
    expect(safeEqual(t, `${t}x`)).toBe(false);
    expect(safeEqual('', t)).toBe(false);
    expect(safeEqual('é', 'e\u0301')).toBe(false);
    expect(safeEqual('ZoË', 'zoë')).toBe(false);
  });
});
