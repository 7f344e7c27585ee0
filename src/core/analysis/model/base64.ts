/** Base64 for packing model bytes into a generated TS module (pure; no Buffer / atob). */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const LOOKUP = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;

export function encodeBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] ?? 0;
    const b = bytes[i + 1] ?? 0;
    const c = bytes[i + 2] ?? 0;
    const n = (a << 16) | (b << 8) | c;
    out += ALPHABET.charAt((n >> 18) & 63);
    out += ALPHABET.charAt((n >> 12) & 63);
    out += i + 1 < bytes.length ? ALPHABET.charAt((n >> 6) & 63) : '=';
    out += i + 2 < bytes.length ? ALPHABET.charAt(n & 63) : '=';
  }
  return out;
}

export function decodeBase64(text: string): Uint8Array {
  const clean = text.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let o = 0;
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < clean.length; i++) {
    const v = LOOKUP[clean.charCodeAt(i)] ?? -1;
    if (v < 0) throw new Error(`base64: invalid character at ${i}`);
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out.subarray(0, o);
}

/** Sorted non-negative integers → delta + varint bytes. */
export function encodeKeys(keys: readonly number[]): Uint8Array {
  const out: number[] = [];
  let prev = 0;
  for (const key of keys) {
    let delta = key - prev;
    prev = key;
    while (delta >= 0x80) {
      out.push((delta % 0x80) | 0x80);
      delta = Math.floor(delta / 0x80);
    }
    out.push(delta);
  }
  return Uint8Array.from(out);
}

export function decodeKeys(bytes: Uint8Array, count: number, what: string): number[] {
  const keys: number[] = [];
  let pos = 0;
  let key = 0;
  for (let r = 0; r < count; r++) {
    let delta = 0;
    let mul = 1;
    for (;;) {
      const b = bytes[pos++];
      if (b === undefined) throw new Error(`model ${what}: truncated keys`);
      delta += (b & 0x7f) * mul;
      if (b < 0x80) break;
      mul *= 128;
    }
    key += delta;
    keys.push(key);
  }
  return keys;
}
