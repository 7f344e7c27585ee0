import { describe, expect, it } from 'vitest';
import { decodeTranscript, decodeTranscriptBytes } from './decode.js';
import { parseTranscript } from './parse.js';
import { errorOf } from '../test-helpers.js';

const TEXT = '[00:00:01] Therapist: Café “tonight”?\n[00:00:04] Client: Naïve — maybe.\n';

function utf16le(text: string, bom: boolean): Uint8Array {
  const out = new Uint8Array((bom ? 2 : 0) + text.length * 2);
  let o = 0;
  if (bom) {
    out[o++] = 0xff;
    out[o++] = 0xfe;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[o++] = c & 0xff;
    out[o++] = c >> 8;
  }
  return out;
}

function swapPairs(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    out[i] = bytes[i + 1] ?? 0;
    out[i + 1] = bytes[i] ?? 0;
  }
  return out;
}

const utf8 = (s: string) => new TextEncoder().encode(s);
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
};

describe('decoding transcript bytes', () => {
  it('reads UTF-8 and drops a BOM', () => {
    expect(decodeTranscript(utf8(TEXT))).toEqual({ text: TEXT, encoding: 'utf-8', warnings: [] });
    const withBom = concat(new Uint8Array([0xef, 0xbb, 0xbf]), utf8(TEXT));
    expect(decodeTranscriptBytes(withBom)).toBe(TEXT);
  });

  it('reads UTF-16 LE and BE with a BOM', () => {
    const le = utf16le(TEXT, true);
    expect(decodeTranscript(le)).toMatchObject({ text: TEXT, encoding: 'utf-16le' });
    const be = swapPairs(le); // BOM becomes FE FF
    expect(decodeTranscript(be)).toMatchObject({ text: TEXT, encoding: 'utf-16be' });
  });

  it('reads UTF-16 LE and BE without a BOM from the NUL-byte pattern', () => {
    const le = utf16le(TEXT, false);
    expect(decodeTranscript(le)).toMatchObject({ text: TEXT, encoding: 'utf-16le' });
    expect(decodeTranscript(swapPairs(le))).toMatchObject({ text: TEXT, encoding: 'utf-16be' });
    expect(parseTranscript(decodeTranscriptBytes(le)).turns).toHaveLength(2);
  });

  it('reads Windows-1252 / Latin-1 bytes that are not UTF-8, with a warning', () => {
    // "Café “tonight”?" in Windows-1252: é = E9, curly quotes = 93/94, em dash = 97.
    const bytes = new Uint8Array([
      ...utf8('[00:00:01] Therapist: Caf'),
      0xe9,
      0x20,
      0x93,
      ...utf8('tonight'),
      0x94,
      0x3f,
      0x0a,
      ...utf8('[00:00:04] Client: Na'),
      0xef,
      ...utf8('ve '),
      0x97,
      ...utf8(' maybe.'),
      0x0a,
    ]);
    const d = decodeTranscript(bytes);
    expect(d.encoding).toBe('windows-1252');
    expect(d.text).toBe(TEXT);
    expect(d.warnings).toHaveLength(1);
    expect(d.warnings[0]?.message).toMatch(/not valid UTF-8.*Windows-1252/);
  });

  it.each([
    ['PNG', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], /PNG/],
    ['WAV', [...utf8('RIFF'), 0x24, 0x08, 0, 0, ...utf8('WAVEfmt ')], /audio/],
    ['MP3', [...utf8('ID3'), 3, 0, 0, 0, 0, 0x21], /audio/],
    ['PDF', [...utf8('%PDF-1.7\n')], /PDF/],
    ['DOCX', [0x50, 0x4b, 0x03, 0x04, 0x14, 0, 6, 0], /plain text/],
  ])('refuses a %s file as binary with a useful hint', (_name, bytes, hint) => {
    const e = errorOf(() => decodeTranscript(new Uint8Array(bytes)));
    expect(e.code).toBe('input.binary');
    expect(`${e.message} ${e.hint}`).toMatch(hint);
  });

  it('refuses unknown binary data (NUL bytes, control characters)', () => {
    const noise = new Uint8Array(4096);
    let x = 12345;
    for (let i = 0; i < noise.length; i++) {
      x = (x * 1103515245 + 12345) & 0x7fffffff;
      noise[i] = x & 0xff;
    }
    const e = errorOf(() => decodeTranscript(noise));
    expect(e.code).toBe('input.binary');
    expect(e.hint).toMatch(/binary file \(audio\? use a transcript/);
    const controls = concat(utf8('Therapist: hi '), new Uint8Array(50).fill(0x07));
    expect(errorOf(() => decodeTranscript(controls)).code).toBe('input.binary');
  });

  it('returns empty text for an empty file (the parser then reports input.empty)', () => {
    expect(decodeTranscriptBytes(new Uint8Array())).toBe('');
  });
});
