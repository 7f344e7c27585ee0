import { createHash, createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { errorOf } from '../../core/test-helpers.js';
import { createFieldCipher, isEnvelope, keyFingerprint, lookupInput } from './envelope.js';
import { deriveKey, KEY_INFO } from './keys.js';

function newCipher(keyId?: string) {
  const master = randomBytes(32);
  return { master, cipher: createFieldCipher(master, keyId === undefined ? {} : { keyId }) };
}

function randomAad(): string {
  return `docscrib:notes:${randomBytes(16).toString('base64url')}:body`;
}

/** Change the character at `i` to another one of the base64url alphabet. */
function flipChar(text: string, i: number): string {
  const c = text[i];
  const other = c === 'A' ? 'B' : 'A';
  return text.slice(0, i) + other + text.slice(i + 1);
}

describe('createFieldCipher: round trip', () => {
  const values: [string, string][] = [
    ['plain text', 'Client reports improved sleep since last session.'],
    ['unicode', 'Zoë — 睡眠 😊 naïve café\u0000 \u{10FFFF} ✓'],
    ['empty string', ''],
    ['1 MB', 'x'.repeat(1024 * 1024)],
    ['JSON', JSON.stringify({ sections: [{ id: 's', text: 'quoted "text" with \\ backslash' }] })],
  ];
  it.each(values)('opens what it sealed (%s)', (_name, value) => {
    const { cipher } = newCipher();
    const aad = randomAad();
    const sealed = cipher.seal(value, aad);
    expect(cipher.open(sealed, aad)).toBe(value);
    expect(sealed.startsWith(`v1.${cipher.keyId}.`)).toBe(true);
    expect(isEnvelope(sealed)).toBe(true);
    if (value.length >= 8) expect(sealed).not.toContain(value.slice(0, 8));
  });

  it('opens with a second cipher made from the same master key (e.g. after a restart)', () => {
    const { master, cipher } = newCipher();
    const aad = randomAad();
    expect(createFieldCipher(master).open(cipher.seal('kept', aad), aad)).toBe('kept');
  });

  it('writes v1.<keyId>.<4 base64url parts> and seals one value differently every time', () => {
    const { cipher } = newCipher();
    const aad = randomAad();
    const a = cipher.seal('same value', aad);
    const b = cipher.seal('same value', aad);
    expect(a).toMatch(/^v1\.[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+){4}$/);
    expect(a).not.toBe(b);
    const pa = a.split('.');
    const pb = b.split('.');
    // Fresh wrap IV, wrapped data key, IV and ciphertext: nothing repeats.
    for (let i = 2; i < 6; i++) expect(pa[i]).not.toBe(pb[i]);
    expect(cipher.open(a, aad)).toBe('same value');
    expect(cipher.open(b, aad)).toBe('same value');
  });

  it('uses the given key id, else a stable fingerprint of the master key', () => {
    const master = randomBytes(32);
    expect(createFieldCipher(master).keyId).toBe(keyFingerprint(master));
    expect(createFieldCipher(master).keyId).toBe(createFieldCipher(master).keyId);
    expect(keyFingerprint(randomBytes(32))).not.toBe(keyFingerprint(master));
    expect(createFieldCipher(master, { keyId: 'k2024-01' }).keyId).toBe('k2024-01');
    expect(() => createFieldCipher(master, { keyId: 'has.dot' })).toThrow(RangeError);
    expect(() => createFieldCipher(master, { keyId: '' })).toThrow(RangeError);
    expect(() => createFieldCipher(randomBytes(16))).toThrow(RangeError);
  });
});

describe('createFieldCipher: open refuses', () => {
  const SECRET = 'Client disclosed thoughts of self-harm';

  function expectDecryptFailed(fn: () => unknown, ...mustNotContain: string[]): void {
    const e = errorOf(fn);
    expect(e.code).toBe('decrypt_failed');
    for (const s of [SECRET, ...mustNotContain].filter((x) => x !== '')) {
      expect(e.message).not.toContain(s);
      expect(e.hint).not.toContain(s);
    }
  }

  it('another AAD: a ciphertext moved to another row or column', () => {
    const { cipher } = newCipher();
    const aad = 'docscrib:notes:AAAAAAAAAAAAAAAAAAAAAA:body';
    const sealed = cipher.seal(SECRET, aad);
    for (const other of [
      'docscrib:notes:BAAAAAAAAAAAAAAAAAAAAA:body',
      'docscrib:notes:AAAAAAAAAAAAAAAAAAAAAA:review',
      'docscrib:addenda:AAAAAAAAAAAAAAAAAAAAAA:body',
      `${aad} `,
      '',
    ]) {
      expectDecryptFailed(() => cipher.open(sealed, other), other);
    }
    expect(cipher.open(sealed, aad)).toBe(SECRET);
  });

  it('a changed character anywhere in every part', () => {
    const { cipher } = newCipher();
    const aad = randomAad();
    const sealed = cipher.seal(SECRET, aad);
    const parts = sealed.split('.');
    let tried = 0;
    for (let p = 0; p < parts.length; p++) {
      const part = parts[p] ?? '';
      for (let i = 0; i < part.length; i++) {
        const changed = [...parts];
        changed[p] = flipChar(part, i);
        expectDecryptFailed(() => cipher.open(changed.join('.'), aad));
        tried++;
      }
    }
    expect(tried).toBe(sealed.length - 5);
  });

  it('a truncated, extended, swapped or garbled envelope', () => {
    const { cipher } = newCipher();
    const aad = randomAad();
    const sealed = cipher.seal(SECRET, aad);
    const [v, id, wiv, wk, iv, ct] = sealed.split('.') as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const other = cipher.seal('another value', aad).split('.');
    const bad = [
      '',
      'v1',
      sealed.slice(0, -1),
      `${sealed}A`,
      `${sealed}.`,
      `${sealed}.AAAA`,
      [v, id, wiv, wk, iv].join('.'),
      ['v2', id, wiv, wk, iv, ct].join('.'),
      ['v1', id, iv, wk, wiv, ct].join('.'), // IVs swapped
      [v, id, wiv, wk, iv, ct.slice(0, 10)].join('.'), // shorter than a tag
      [v, id, wiv, wk, iv, `${ct}=`].join('.'), // padding: not canonical
      [v, id, wiv, wk, iv, ct.replace(/.$/, '+')].join('.'), // not base64url
      [v, id, other[2], other[3], iv, ct].join('.'), // another value's data key
      [v, id, wiv, wk, other[4], other[5]].join('.'), // another value's body
      SECRET, // a value that was never encrypted
    ];
    for (const b of bad) expectDecryptFailed(() => cipher.open(b, aad));
  });

  it('another master key, with the same key id or its own', () => {
    const aad = randomAad();
    const a = newCipher('k1').cipher;
    const b = newCipher('k1').cipher;
    expectDecryptFailed(() => b.open(a.seal(SECRET, aad), aad));

    const c = newCipher().cipher;
    const d = newCipher().cipher;
    const e = errorOf(() => d.open(c.seal(SECRET, aad), aad));
    expect(e.code).toBe('decrypt_failed');
    expect(e.message).toContain(c.keyId); // says which key it needs, never any content
    expect(e.message).not.toContain(SECRET);
  });

  it('a value sealed with a key id but opened by the same key under another id', () => {
    const master = randomBytes(32);
    const aad = randomAad();
    const sealed = createFieldCipher(master, { keyId: 'old' }).seal(SECRET, aad);
    // Relabelling the key id in the envelope does not help: the id is authenticated too.
    const relabelled = sealed.replace(/^v1\.old\./, 'v1.new.');
    expectDecryptFailed(() => createFieldCipher(master, { keyId: 'new' }).open(relabelled, aad));
  });
});

describe('createFieldCipher: binary values (audio)', () => {
  it('opens what it sealed, only with the same AAD, key and untouched bytes', () => {
    const { master, cipher } = newCipher();
    const aad = 'docscrib:audio_chunks:abc:3:data';
    const audio = randomBytes(32_000);
    const sealed = cipher.sealBytes(audio, aad);
    expect(sealed.length).toBeGreaterThan(audio.length);
    expect(sealed.includes(audio.subarray(0, 32))).toBe(false);
    expect(cipher.openBytes(sealed, aad).equals(audio)).toBe(true);
    expect(createFieldCipher(master).openBytes(sealed, aad).equals(audio)).toBe(true);
    expect(cipher.openBytes(cipher.sealBytes(Buffer.alloc(0), aad), aad).length).toBe(0);
    expect(errorOf(() => cipher.openBytes(sealed, 'docscrib:audio_chunks:abc:4:data')).code).toBe(
      'decrypt_failed',
    );
    const flipped = Buffer.from(sealed);
    flipped[flipped.length - 1] = (flipped[flipped.length - 1] ?? 0) ^ 1;
    expect(errorOf(() => cipher.openBytes(flipped, aad)).code).toBe('decrypt_failed');
    expect(errorOf(() => cipher.openBytes(sealed.subarray(0, 20), aad)).code).toBe(
      'decrypt_failed',
    );
    expect(errorOf(() => newCipher().cipher.openBytes(sealed, aad)).code).toBe('decrypt_failed');
  });
});

describe('createFieldCipher: lookup keys', () => {
  it('are the HMAC-SHA256 of purpose and value under a key derived from the master key', () => {
    const { master, cipher } = newCipher();
    const key = deriveKey(master, KEY_INFO.lookupHmac);
    const expected = createHmac('sha256', key)
      .update(lookupInput('203.0.113.7', 'rate-limit'))
      .digest('hex');
    expect(cipher.lookupKey('203.0.113.7', 'rate-limit')).toBe(expected);
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
    // Stable for the same master key (every process), different under another key or purpose,
    // and not the unsalted SHA-256 a table of all addresses would reverse.
    expect(createFieldCipher(master).lookupKey('203.0.113.7', 'rate-limit')).toBe(expected);
    expect(newCipher().cipher.lookupKey('203.0.113.7', 'rate-limit')).not.toBe(expected);
    expect(cipher.lookupKey('203.0.113.7', 'other')).not.toBe(expected);
    expect(expected).not.toBe(createHash('sha256').update('203.0.113.7').digest('hex'));
  });
});
